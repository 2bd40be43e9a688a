"""Teams settings as the adapter needs them: which SDK, which Azure bot identity, and when the endpoint is on."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from adapters.variables import Variables
from handlers.errors import SettingsError

PLATFORM = "teams"
# The workspace used when an activity names no tenant (the Bot Framework Emulator sends none).
LOCAL_TENANT = "local-emulator"
SDKS = ("agents", "botbuilder")
# The Azure Bot's "type of app", spelled as the portal and Microsoft's bot configuration docs spell it.
APP_TYPES = {"singletenant": "SingleTenant", "multitenant": "MultiTenant", "userassignedmsi": "UserAssignedMSI"}


@dataclass(frozen=True)
class TeamsConfig:
    """The Azure bot registration; an empty app id means authentication is off."""

    sdk: str = "agents"
    app_id: str = ""
    app_password: str = ""
    certificate_file: str = ""
    app_type: str = "SingleTenant"
    public_url: str = ""  # SALESBOT_PUBLIC_URL: where Teams users reach this server, for export download links
    tenant_id: str = ""
    no_auth: bool = False

    @property
    def enabled(self) -> bool:
        """On with an app id; without one only when local no-auth work was asked for explicitly."""
        return bool(self.app_id) or self.no_auth

    @property
    def authenticated(self) -> bool:
        return bool(self.app_id)

    @property
    def credential(self) -> str:
        """How the bot proves who it is to Microsoft: managed identity, certificate or client secret."""
        if self.app_type == "UserAssignedMSI":
            return "managed identity"
        return "certificate" if self.certificate_file else "client secret"

    @classmethod
    def from_settings(cls, settings: Variables) -> "TeamsConfig":
        config = cls(sdk=_choice(settings, "SALESBOT_TEAMS_SDK", "agents", {s: s for s in SDKS}),
                     app_id=_text(settings, "MICROSOFT_APP_ID"),
                     app_password=settings.get("MICROSOFT_APP_PASSWORD") or "",
                     certificate_file=_text(settings, "MICROSOFT_APP_CERTIFICATE_FILE"),
                     app_type=_choice(settings, "MICROSOFT_APP_TYPE", "SingleTenant", APP_TYPES),
                     tenant_id=_text(settings, "MICROSOFT_APP_TENANT_ID"),
                     public_url=_text(settings, "SALESBOT_PUBLIC_URL"),
                     no_auth=settings.flag("SALESBOT_TEAMS_NO_AUTH"))
        config.check()
        return config

    def check(self) -> None:
        """Contradictions are start-up errors naming the variable, not a bot that fails on first use."""
        if not self.app_id:
            return
        if self.app_type != "MultiTenant" and not self.tenant_id:
            raise SettingsError(f"MICROSOFT_APP_TENANT_ID is required for a {self.app_type} bot "
                                "(an existing multi-tenant bot sets MICROSOFT_APP_TYPE=MultiTenant)")
        if self.app_type == "UserAssignedMSI":
            extra = "MICROSOFT_APP_PASSWORD" if self.app_password else "MICROSOFT_APP_CERTIFICATE_FILE"
            if self.app_password or self.certificate_file:
                raise SettingsError(f"{extra} must not be set for a UserAssignedMSI bot: it signs in as its "
                                    "managed identity (MICROSOFT_APP_ID is the identity's client id)")
            return
        self._check_secret_or_certificate()

    def _check_secret_or_certificate(self) -> None:
        if self.app_password and self.certificate_file:
            raise SettingsError("MICROSOFT_APP_CERTIFICATE_FILE and MICROSOFT_APP_PASSWORD are both set: "
                                "choose the certificate or the client secret")
        if not self.app_password and not self.certificate_file:
            raise SettingsError("MICROSOFT_APP_PASSWORD (the client secret) or MICROSOFT_APP_CERTIFICATE_FILE "
                                "is required when MICROSOFT_APP_ID is set")
        if self.certificate_file and not Path(self.certificate_file).is_file():
            raise SettingsError(f"MICROSOFT_APP_CERTIFICATE_FILE: no such file {self.certificate_file!r}")


def _text(settings: Variables, name: str) -> str:
    return (settings.get(name) or "").strip()


def _choice(settings: Variables, name: str, default: str, choices: dict[str, str]) -> str:
    raw = _text(settings, name) or default
    value = choices.get(raw.casefold())
    if value is None:
        raise SettingsError(f"{name} must be {' or '.join(dict.fromkeys(choices.values()))}, not {raw!r}")
    return value
