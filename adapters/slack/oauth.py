"""Multi-workspace installs: slack_sdk's SQLAlchemy stores on the project database, behind bolt's async API."""
from __future__ import annotations

import asyncio
from typing import Optional

from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.async_state_store import AsyncOAuthStateStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy.engine import Engine

from adapters.slack.config import BOT_SCOPES, SlackConfig

STATE_SECONDS = 600


class InstallationStore(AsyncInstallationStore):
    """slack_sdk's SQLAlchemy installation store, with its blocking calls on a worker thread."""

    def __init__(self, client_id: str, engine: Engine) -> None:
        self.sync = SQLAlchemyInstallationStore(client_id=client_id, engine=engine)

    @property
    def logger(self):
        return self.sync.logger

    async def async_save(self, installation: Installation) -> None:
        await asyncio.to_thread(self.sync.save, installation)

    async def async_save_bot(self, bot: Bot) -> None:
        await asyncio.to_thread(self.sync.save_bot, bot)

    async def async_find_bot(self, *, enterprise_id: Optional[str], team_id: Optional[str],
                             is_enterprise_install: Optional[bool] = False) -> Optional[Bot]:
        return await asyncio.to_thread(self.sync.find_bot, enterprise_id=enterprise_id, team_id=team_id,
                                       is_enterprise_install=is_enterprise_install)

    async def async_find_installation(self, *, enterprise_id: Optional[str], team_id: Optional[str],
                                      user_id: Optional[str] = None,
                                      is_enterprise_install: Optional[bool] = False) -> Optional[Installation]:
        return await asyncio.to_thread(self.sync.find_installation, enterprise_id=enterprise_id, team_id=team_id,
                                       user_id=user_id, is_enterprise_install=is_enterprise_install)

    async def async_delete_bot(self, *, enterprise_id: Optional[str], team_id: Optional[str]) -> None:
        await asyncio.to_thread(self.sync.delete_bot, enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(self, *, enterprise_id: Optional[str], team_id: Optional[str],
                                        user_id: Optional[str] = None) -> None:
        await asyncio.to_thread(self.sync.delete_installation, enterprise_id=enterprise_id, team_id=team_id,
                                user_id=user_id)

    async def async_delete_all(self, *, enterprise_id: Optional[str], team_id: Optional[str]) -> None:
        await self.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)
        await self.async_delete_installation(enterprise_id=enterprise_id, team_id=team_id)


class StateStore(AsyncOAuthStateStore):
    """OAuth `state` values in the database: issued by /slack/install, consumed once by the redirect."""

    def __init__(self, engine: Engine, expiration_seconds: int = STATE_SECONDS) -> None:
        self.sync = SQLAlchemyOAuthStateStore(expiration_seconds=expiration_seconds, engine=engine)

    @property
    def logger(self):
        return self.sync.logger

    async def async_issue(self, *args, **kwargs) -> str:
        return await asyncio.to_thread(self.sync.issue)

    async def async_consume(self, state: str) -> bool:
        return await asyncio.to_thread(self.sync.consume, state)


def oauth_settings(config: SlackConfig, engine: Engine) -> AsyncOAuthSettings:
    """Install at /slack/install (a redirect to Slack with a fresh state), finish at /slack/oauth_redirect."""
    return AsyncOAuthSettings(
        client_id=config.client_id, client_secret=config.client_secret, scopes=list(BOT_SCOPES), user_scopes=[],
        redirect_uri=config.redirect_uri, install_page_rendering_enabled=False,
        installation_store=InstallationStore(config.client_id, engine), state_store=StateStore(engine),
        state_expiration_seconds=STATE_SECONDS)


async def bot_token(store: AsyncInstallationStore, team_id: str) -> str | None:
    bot = await store.async_find_bot(enterprise_id=None, team_id=team_id)
    return bot.bot_token if bot else None
