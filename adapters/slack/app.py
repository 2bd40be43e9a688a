"""Builds the slack-bolt AsyncApp (HTTP mode) with every listener registered, and the one Slack Messenger."""
from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.engine import Engine

from adapters.slack.adapter import SlackAdapter
from adapters.slack.config import SlackConfig
from adapters.slack.events import register_events
from adapters.slack.interactions import register_interactions
from adapters.slack.messenger import SlackMessenger, TokenSource
from adapters.slack.oauth import InstallationStore, bot_token, oauth_settings
from adapters.slack.pacing import ChannelPacer, Sleep, workspace_pacer
from adapters.slack.people import UserDirectory
from adapters.slack.translate import Translator
from handlers.processor import CommandProcessor
from storage.store import Store

log = logging.getLogger(__name__)


def build_bolt(config: SlackConfig, engine: Engine, client: AsyncWebClient) -> AsyncApp:
    """Request verification (signature and 5-minute timestamp) stays on, as bolt ships it.

    Listeners only acknowledge and hand slow work to the adapter's task set, so bolt may run them to the
    end before answering (process_before_response): every follow-up is tracked before Slack hears back.
    """
    oauth = {"oauth_settings": oauth_settings(config, engine)} if config.multi_workspace else {}
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


def build_messenger(config: SlackConfig, engine: Engine, pacer: ChannelPacer | None = None,
                    sleep: Sleep | None = None) -> SlackMessenger:
    """The process's one Slack Messenger: replies and scheduled posts share its per-channel and workspace pacers."""
    store = InstallationStore(config.client_id, engine) if config.multi_workspace else None
    return SlackMessenger(token_source(config, store), config.api_url, pacer, sleep,
                          workspace_pacer(config.posts_per_minute))


def build_slack(config: SlackConfig, processor: CommandProcessor, store: Store,
                messenger: SlackMessenger) -> tuple[AsyncApp, SlackAdapter]:
    """The bolt app and the adapter behind it, posting through the shared `messenger`."""
    client = AsyncWebClient(token=config.bot_token, base_url=config.api_url, retry_handlers=messenger.handlers)
    bolt = build_bolt(config, store.engine, client)
    adapter = SlackAdapter(processor, store, messenger, Translator(UserDirectory()))
    register_interactions(bolt, adapter)
    register_events(bolt, adapter)
    mode = "multi-workspace (OAuth install)" if config.multi_workspace else "single workspace"
    log.info("slack: %s mode, Web API at %s", mode, config.api_url)
    return bolt, adapter
