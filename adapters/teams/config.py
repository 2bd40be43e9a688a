"""Teams settings as the adapter needs them, and the rule for when the endpoint is on."""
from __future__ import annotations

from dataclasses import dataclass

from adapters.variables import Variables
from handlers.errors import SettingsError

PLATFORM = "teams"
# The workspace used when an activity names no tenant (the Bot Framework Emulator sends none).
LOCAL_TENANT = "local-emulator"
APP_TYPES = {"multitenant": "MultiTenant", "singletenant": "SingleTenant"}


@dataclass(frozen=True)
class TeamsConfig:
    """The Bot Framework registration; an empty app id means authentication is off."""

    app_id: str = ""
    app_password: str = ""
    public_url: str = ""  # SALESBOT_PUBLIC_URL: where Teams users reach this server, for export download links
    app_type: str = "MultiTenant"
    tenant_id: str = ""
    no_auth: bool = False

    @property
    def enabled(self) -> bool:
        """On with an app id; without one only when local no-auth work was asked for explicitly."""
        return bool(self.app_id) or self.no_auth

    @property
    def authenticated(self) -> bool:
        return bool(self.app_id)

    @classmethod
    def from_settings(cls, settings: Variables) -> "TeamsConfig":
        raw_type = (settings.get("MICROSOFT_APP_TYPE") or "MultiTenant").strip()
        app_type = APP_TYPES.get(raw_type.casefold())
        if app_type is None:
            raise SettingsError(f"MICROSOFT_APP_TYPE must be MultiTenant or SingleTenant, not {raw_type!r}")
        config = cls(app_id=(settings.get("MICROSOFT_APP_ID") or "").strip(),
                     app_password=settings.get("MICROSOFT_APP_PASSWORD") or "",
                     public_url=(settings.get("SALESBOT_PUBLIC_URL") or "").strip(),
                     app_type=app_type, tenant_id=(settings.get("MICROSOFT_APP_TENANT_ID") or "").strip(),
                     no_auth=settings.flag("SALESBOT_TEAMS_NO_AUTH"))
        config.check()
        return config

    def check(self) -> None:
        """Contradictions are start-up errors naming the variable, not a bot that fails on first use."""
        if not self.app_id:
            return
        if not self.app_password:
            raise SettingsError("MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set")
        if self.app_type == "SingleTenant" and not self.tenant_id:
            raise SettingsError("MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_TYPE is SingleTenant")

    def botbuilder_configuration(self) -> object:
        """The attribute-style object ConfigurationBotFrameworkAuthentication reads."""
        return _BotbuilderConfiguration(APP_ID=self.app_id, APP_PASSWORD=self.app_password,
                                        APP_TYPE=self.app_type, APP_TENANTID=self.tenant_id or None)


@dataclass(frozen=True)
class _BotbuilderConfiguration:
    APP_ID: str
    APP_PASSWORD: str
    APP_TYPE: str
    APP_TENANTID: str | None
