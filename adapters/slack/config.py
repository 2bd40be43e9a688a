"""Slack settings read from the platform variables, checked once at start-up."""
from __future__ import annotations

from dataclasses import dataclass

from adapters.variables import Variables
from handlers.errors import SettingsError

DEFAULT_API_URL = "https://slack.com/api/"
# What the bot asks for at install time; manifests/slack.yaml lists the same scopes (a test keeps them equal).
BOT_SCOPES = (
    "app_mentions:read", "channels:history", "chat:write", "chat:write.public", "commands", "files:write",
    "groups:history", "im:history", "im:read", "im:write", "users:read",
)
# Slack documents no exact workspace-wide posting limit ("several hundred a minute"); this stays under it.
DEFAULT_WORKSPACE_PACE = 300
PRESENCE_VARIABLES = ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET")


@dataclass(frozen=True)
class SlackConfig:
    """Single-workspace mode when `bot_token` is set, multi-workspace (OAuth install) otherwise."""

    signing_secret: str
    bot_token: str | None = None
    client_id: str | None = None
    client_secret: str | None = None
    api_url: str = DEFAULT_API_URL
    redirect_uri: str | None = None
    posts_per_minute: int = DEFAULT_WORKSPACE_PACE  # SALESBOT_SLACK_POSTS_PER_MINUTE: the workspace-wide pace

    @property
    def multi_workspace(self) -> bool:
        return self.bot_token is None


def slack_configured(settings: Variables) -> bool:
    """True when any Slack credential is set: then all of them must make sense."""
    return any((settings.get(name) or "").strip() for name in PRESENCE_VARIABLES)


def load_slack_config(settings: Variables) -> SlackConfig:
    """The Slack configuration, or a SettingsError whose one line names the variable to fix."""
    value = {name: (settings.get(name) or "").strip() or None for name in
             PRESENCE_VARIABLES + ("SLACK_API_URL", "SLACK_REDIRECT_URI")}
    if not value["SLACK_SIGNING_SECRET"]:
        raise SettingsError("SLACK_SIGNING_SECRET is missing (Basic Information > App Credentials > Signing Secret)")
    token, client_id, client_secret = value["SLACK_BOT_TOKEN"], value["SLACK_CLIENT_ID"], value["SLACK_CLIENT_SECRET"]
    _check_credentials(token, client_id, client_secret)
    return SlackConfig(signing_secret=value["SLACK_SIGNING_SECRET"], bot_token=token, client_id=client_id,
                       client_secret=client_secret, api_url=_api_url(value["SLACK_API_URL"]),
                       redirect_uri=value["SLACK_REDIRECT_URI"], posts_per_minute=_pace(settings))


def _pace(settings: Variables) -> int:
    text = (settings.get("SALESBOT_SLACK_POSTS_PER_MINUTE") or str(DEFAULT_WORKSPACE_PACE)).strip()
    if not text.isdigit() or int(text) == 0:
        raise SettingsError(f"SALESBOT_SLACK_POSTS_PER_MINUTE must be a whole number of posts, not {text!r}")
    return int(text)


def _check_credentials(token: str | None, client_id: str | None, client_secret: str | None) -> None:
    if token and (client_id or client_secret):
        raise SettingsError("SLACK_BOT_TOKEN is set together with SLACK_CLIENT_ID/SLACK_CLIENT_SECRET — set the token "
                            "for one workspace, or the client id and secret for OAuth installs, not both")
    if token and not token.startswith("xoxb-"):
        raise SettingsError("SLACK_BOT_TOKEN must be a bot token starting with xoxb-")
    if client_id and not client_secret:
        raise SettingsError("SLACK_CLIENT_SECRET is missing (it goes with SLACK_CLIENT_ID)")
    if client_secret and not client_id:
        raise SettingsError("SLACK_CLIENT_ID is missing (it goes with SLACK_CLIENT_SECRET)")
    if not token and not client_id:
        raise SettingsError("SLACK_BOT_TOKEN is missing — set it for one workspace, or SLACK_CLIENT_ID and "
                            "SLACK_CLIENT_SECRET to install into many")


def _api_url(url: str | None) -> str:
    """The Web API base URL, always ending in a slash as slack_sdk expects."""
    if url is None:
        return DEFAULT_API_URL
    if not url.startswith(("http://", "https://")):
        raise SettingsError(f"SLACK_API_URL must start with http:// or https://, not {url!r}")
    return url if url.endswith("/") else url + "/"
