"""Zoho CRM settings as Zoho names them: a self-client's (or server-based client's) refresh token and data centre."""
from __future__ import annotations

from dataclasses import dataclass

from adapters.variables import Variables
from handlers.errors import SettingsError

API_VERSION = "v8"
DEFAULT_EVERY_MINUTES = 5


@dataclass(frozen=True)
class ZohoConfig:
    client_id: str
    client_secret: str
    refresh_token: str
    accounts_url: str = "https://accounts.zoho.com"
    api_domain: str = ""  # taken from the token response's api_domain when unset
    every_minutes: int = DEFAULT_EVERY_MINUTES

    @classmethod
    def from_settings(cls, settings: Variables) -> "ZohoConfig | None":
        """None when Zoho is not configured; a half-configured one is a SettingsError naming what is missing."""
        names = ("ZOHO_CLIENT_ID", "ZOHO_CLIENT_SECRET", "ZOHO_REFRESH_TOKEN")
        values = {name: (settings.get(name) or "").strip() for name in names}
        if not any(values.values()):
            return None
        missing = [name for name, value in values.items() if not value]
        if missing:
            raise SettingsError(f"Zoho CRM needs {', '.join(missing)} as well (see docs/zoho.md)")
        every = (settings.get("SALESBOT_ZOHO_SYNC_EVERY") or str(DEFAULT_EVERY_MINUTES)).strip().rstrip("m")
        if not every.isdigit() or int(every) < 1:
            raise SettingsError(f"SALESBOT_ZOHO_SYNC_EVERY must be minutes like 5 or 5m, not {every!r}")
        return cls(values["ZOHO_CLIENT_ID"], values["ZOHO_CLIENT_SECRET"], values["ZOHO_REFRESH_TOKEN"],
                   (settings.get("ZOHO_ACCOUNTS_URL") or "https://accounts.zoho.com").strip().rstrip("/"),
                   (settings.get("ZOHO_API_DOMAIN") or "").strip().rstrip("/"), int(every))
