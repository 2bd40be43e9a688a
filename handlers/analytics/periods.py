"""Reporting periods (30d, month, quarter, 2026-11, 2026-Q4) as calendar days in the workspace's timezone."""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from handlers.errors import UserError
from handlers.i18n import L_
from handlers.parsing.tokens import show_token

NOT_PERIOD = L_("{token} is not a period — try 30d, 90d, month, quarter, 2026-11 or 2026-Q4")
TOO_LONG = L_("{token} is too long — rolling periods go up to 730d")
NO_SUCH_MONTH = L_("{token} is not a period — there is no month {month}")
NO_SUCH_QUARTER = L_("{token} is not a period — quarters are Q1 to Q4")
_DAYS = re.compile(r"([0-9]{1,4})d")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{1,2})")
_QUARTER = re.compile(r"([0-9]{4})-q([0-9])")
MAX_DAYS = 730


@dataclass(frozen=True)
class Period:
    """Whole calendar days [first_day, last_day] in `zone`; `start`/`end` are the UTC instants [start, end)."""

    kind: str  # "days" (rolling, ends today), "month" or "quarter"
    first_day: date
    last_day: date
    zone: ZoneInfo

    @property
    def start(self) -> datetime:
        return _midnight(self.first_day, self.zone)

    @property
    def end(self) -> datetime:
        return _midnight(self.last_day + timedelta(days=1), self.zone)

    @property
    def days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    @property
    def label(self) -> str:
        """The period as a user would type it: 30d, 2026-11, 2026-Q4."""
        if self.kind == "month":
            return f"{self.first_day:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.first_day.year}-Q{(self.first_day.month - 1) // 3 + 1}"
        return f"{self.days}d"

    def previous(self) -> "Period":
        """The period of the same kind just before this one (the same number of days for rolling periods)."""
        if self.kind == "days":
            return Period("days", self.first_day - timedelta(days=self.days), self.first_day - timedelta(days=1),
                          self.zone)
        return _calendar_period(self.kind, self.first_day - timedelta(days=1), self.zone)


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), zone).astimezone(timezone.utc)


def _calendar_period(kind: str, day: date, zone: ZoneInfo) -> Period:
    """The month or quarter containing `day`."""
    first_month = day.month if kind == "month" else (day.month - 1) // 3 * 3 + 1
    last_month = first_month if kind == "month" else first_month + 2
    last = date(day.year, last_month, calendar.monthrange(day.year, last_month)[1])
    return Period(kind, date(day.year, first_month, 1), last, zone)


def is_period_word(text: str) -> bool:
    """Whether `text` is meant as a period (even a malformed one like 2026-13), not as a name."""
    word = text.strip().casefold()
    return word in ("month", "quarter") or bool(_DAYS.fullmatch(word) or _MONTH.fullmatch(word)
                                                 or _QUARTER.fullmatch(word))


def parse_period(text: str, today: date, zone: ZoneInfo, calendar_only: bool = False) -> Period:
    """Read 30d (the 30 days ending today), month, quarter (the current ones), 2026-11 or 2026-Q4."""
    word, token = text.strip().casefold(), show_token(text.strip())
    if word in ("month", "quarter"):
        return _calendar_period(word, today, zone)
    if (match := _DAYS.fullmatch(word)) and not calendar_only:
        return _rolling(int(match[1]), today, zone, token)
    if (match := _MONTH.fullmatch(word) or _QUARTER.fullmatch(word)) and not 1970 <= int(match[1]) <= 9998:
        raise UserError(NOT_PERIOD.format(token=token))
    if match := _MONTH.fullmatch(word):
        if not 1 <= int(match[2]) <= 12:
            raise UserError(NO_SUCH_MONTH.format(token=token, month=int(match[2])))
        return _calendar_period("month", date(int(match[1]), int(match[2]), 1), zone)
    if match := _QUARTER.fullmatch(word):
        if not 1 <= int(match[2]) <= 4:
            raise UserError(NO_SUCH_QUARTER.format(token=token))
        return _calendar_period("quarter", date(int(match[1]), int(match[2]) * 3 - 2, 1), zone)
    raise UserError(NOT_PERIOD.format(token=token))


def _rolling(days: int, today: date, zone: ZoneInfo, token: str) -> Period:
    if days < 1:
        raise UserError(NOT_PERIOD.format(token=token))
    if days > MAX_DAYS:
        raise UserError(TOO_LONG.format(token=token))
    return Period("days", today - timedelta(days=days - 1), today, zone)
