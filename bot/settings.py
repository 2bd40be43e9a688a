"""The one settings object, read from the environment once at start-up."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

from handlers.errors import SettingsError
from handlers.parsing.money import is_currency
from storage.database import DEFAULT_DATABASE_URL, database_url_problem

__all__ = ["Settings", "SettingsError"]


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


LOG_FORMATS = ("text", "json")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _log_level(value: str) -> str:
    if value.strip().upper() not in LOG_LEVELS:
        raise SettingsError(f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, not {value!r}")
    return value.strip().upper()


def _log_format(value: str) -> str:
    if value.strip().lower() not in LOG_FORMATS:
        raise SettingsError(f"LOG_FORMAT must be text or json, not {value!r}")
    return value.strip().lower()


def _timezone(value: str) -> str:
    from zoneinfo import available_timezones

    zones = {zone.casefold(): zone for zone in available_timezones()}
    zone = zones.get(value.strip().casefold())
    if zone is None:
        raise SettingsError(f"SALESBOT_TIMEZONE must be an IANA zone like Europe/Lisbon or UTC, not {value!r}")
    return zone


def _currency(value: str) -> str:
    if not is_currency(value.strip()):
        raise SettingsError(f"SALESBOT_CURRENCY must be an ISO 4217 code like USD, EUR or GBP, not {value!r}")
    return value.strip().upper()


def _database_url(value: str) -> str:
    problem = database_url_problem(value)
    if problem:
        raise SettingsError(f"DATABASE_URL {problem}")
    return value


def _minutes(value: str, name: str) -> int:
    """`90`, `90m` or `2h` as minutes."""
    text = value.strip().lower()
    unit = 60 if text.endswith("h") else 1
    number = text.rstrip("hm")
    if not number.isdigit():
        raise SettingsError(f"{name} must be minutes or hours like 90m or 2h, not {value!r}")
    return int(number) * unit


def _seconds(value: str, name: str) -> int:
    if not value.strip().isdigit() or int(value) == 0:
        raise SettingsError(f"{name} must be a whole number of seconds, not {value!r}")
    return int(value)


def _public_url(value: str | None) -> str | None:
    """The bot's public base address, without a trailing slash; anything but an http(s) URL is refused."""
    if not value:
        return None
    url = value.strip().rstrip("/")
    host = url.split("://", 1)[-1]
    if not url.startswith(("https://", "http://")) or not host or any(c.isspace() for c in url):
        raise SettingsError(f"SALESBOT_PUBLIC_URL must be an address like https://bot.example.com, not {value!r}")
    return url


@dataclass(frozen=True)
class Settings:
    """Every knob salesbot has; platform variables use the names the platforms document."""

    database_url: str = DEFAULT_DATABASE_URL
    port: int = 3000
    log_level: str = "INFO"
    log_format: str = "text"  # LOG_FORMAT: text, or json for one JSON object per line
    default_timezone: str = "UTC"
    default_currency: str = "USD"
    chart_dir: str = "charts"
    public_url: str | None = None  # SALESBOT_PUBLIC_URL: the https address the bot's own pages are served at
    schedule_grace_minutes: int = 120  # SALESBOT_SCHEDULE_GRACE: how late a missed occurrence is still sent
    clock_tick_seconds: int = 60  # SALESBOT_CLOCK_TICK: how often the leading scheduler looks for due work
    clock_poll_seconds: int = 15  # SALESBOT_CLOCK_POLL: how often a standby tries to take the lead
    extra: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        env = dict(os.environ if environ is None else environ)
        port = env.get("PORT", "3000")
        if not port.isdigit() or not 0 < int(port) < 65536:
            raise SettingsError(f"PORT must be a port number, not {port!r}")
        return cls(
            database_url=_database_url(env.get("DATABASE_URL") or DEFAULT_DATABASE_URL),
            port=int(port),
            log_level=_log_level(env.get("LOG_LEVEL", "INFO")),
            log_format=_log_format(env.get("LOG_FORMAT", "text")),
            default_timezone=_timezone(env.get("SALESBOT_TIMEZONE", "UTC")),
            default_currency=_currency(env.get("SALESBOT_CURRENCY", "USD")),
            chart_dir=env.get("SALESBOT_CHART_DIR", "charts"),
            public_url=_public_url(env.get("SALESBOT_PUBLIC_URL")),
            schedule_grace_minutes=_minutes(env.get("SALESBOT_SCHEDULE_GRACE", "2h"), "SALESBOT_SCHEDULE_GRACE"),
            clock_tick_seconds=_seconds(env.get("SALESBOT_CLOCK_TICK", "60"), "SALESBOT_CLOCK_TICK"),
            clock_poll_seconds=_seconds(env.get("SALESBOT_CLOCK_POLL", "15"), "SALESBOT_CLOCK_POLL"),
            extra={k: v for k, v in env.items() if k.startswith(("SLACK_", "MICROSOFT_", "SALESBOT_", "ZOHO_"))},
        )

    def __repr__(self) -> str:  # the database URL may carry a password: it never reaches a log line
        return f"Settings(database_url=..., port={self.port})"

    def get(self, name: str, default: str | None = None) -> str | None:
        """A platform variable (SLACK_*, MICROSOFT_*, SALESBOT_*, ZOHO_*) as read at start-up."""
        return self.extra.get(name, default)

    def flag(self, name: str) -> bool:
        return _flag(self.extra.get(name))
