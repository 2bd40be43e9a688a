"""Builds the slack-bolt AsyncApp (HTTP mode) for one configuration, with every listener registered."""
from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.adapter import SlackAdapter
from adapters.slack.config import SlackConfig, load_slack_config, slack_configured
from adapters.slack.events import register_events
from adapters.slack.interactions import register_interactions
from adapters.slack.messenger import SlackMessenger, TokenSource
from adapters.slack.oauth import InstallationStore, bot_token, oauth_settings
from adapters.slack.pacing import ChannelPacer, Sleep, retry_handlers
from adapters.slack.people import UserDirectory
from adapters.slack.translate import Translator
from bot.bootstrap import App

log = logging.getLogger(__name__)


def build_bolt(config: SlackConfig, app: App, client: AsyncWebClient) -> AsyncApp:
    """Request verification (signature and 5-minute timestamp) stays on, as bolt ships it.

    Listeners only acknowledge and hand slow work to the adapter's task set, so bolt may run them to the
    end before answering (process_before_response): every follow-up is tracked before Slack hears back.
    """
    oauth = {"oauth_settings": oauth_settings(config, app.engine)} if config.multi_workspace else {}
    return AsyncApp(name="salesbot", signing_secret=config.signing_secret, client=client,
                    process_before_response=True, **oauth)


def token_source(config: SlackConfig, store: AsyncInstallationStore | None) -> TokenSource:
    """The bot token for a team: the configured one, or the one its installation stored."""
    if store is None:
        async def fixed(team_id: str) -> str | None:
            return config.bot_token
        return fixed

    async def installed(team_id: str) -> str | None:
        return await bot_token(store, team_id)
    return installed


def slack_messenger(app: App) -> SlackMessenger | None:
    """The Messenger for scheduled posts (digests, reminders), or None when Slack is not configured."""
    if not slack_configured(app.settings):
        return None
    config = load_slack_config(app.settings)
    store = InstallationStore(config.client_id, app.engine) if config.multi_workspace else None
    return SlackMessenger(token_source(config, store), config.api_url)


def build_slack(app: App, config: SlackConfig, sleep: Sleep | None = None,
                pacer: ChannelPacer | None = None) -> tuple[AsyncApp, SlackAdapter]:
    """The bolt app and the adapter behind it; `sleep` and `pacer` let tests run on a fake clock."""
    handlers = retry_handlers(sleep) if sleep else retry_handlers()
    client = AsyncWebClient(token=config.bot_token, base_url=config.api_url, retry_handlers=handlers)
    bolt = build_bolt(config, app, client)
    messenger = SlackMessenger(token_source(config, bolt.installation_store), config.api_url, pacer, sleep)
    adapter = SlackAdapter(app.processor, app.store, messenger, Translator(UserDirectory()))
    register_interactions(bolt, adapter)
    register_events(bolt, adapter)
    mode = "multi-workspace (OAuth install)" if config.multi_workspace else "single workspace"
    log.info("slack: %s mode, Web API at %s", mode, config.api_url)
    return bolt, adapter
