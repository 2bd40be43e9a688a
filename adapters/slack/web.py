"""The Slack endpoints on the shared aiohttp app: /slack/events, and the OAuth install pages when enabled."""
from __future__ import annotations

import asyncio

from aiohttp import web
from slack_bolt.async_app import AsyncApp

from adapters.slack.adapter import SlackAdapter
from adapters.slack.app import build_slack
from adapters.slack.config import load_slack_config, slack_configured
from adapters.slack.guard import answer, answer_get
from bot.bootstrap import App
from bot.settings import Settings
from storage.idempotency import forget_stale_keys

EVENTS_PATH = "/slack/events"
SLACK_KEY = web.AppKey("slack", SlackAdapter)


def slack_mounts(settings: Settings) -> list:
    """[mount_slack] when Slack is configured; a bad configuration raises SettingsError right here."""
    if not slack_configured(settings):
        return []
    load_slack_config(settings)
    return [mount_slack]


def mount_slack(web_app: web.Application, app: App) -> None:
    """Commands, events and interactivity all arrive at POST /slack/events, as slack-bolt expects."""
    config = load_slack_config(app.settings)
    bolt, adapter = build_slack(app, config)
    attach(web_app, bolt, adapter, config.signing_secret)


def attach(web_app: web.Application, bolt: AsyncApp, adapter: SlackAdapter, signing_secret: str) -> None:
    web_app[SLACK_KEY] = adapter

    async def events(request: web.Request) -> web.Response:
        return await answer(request, signing_secret, bolt.async_dispatch)

    web_app.router.add_post(EVENTS_PATH, events)
    flow = bolt.oauth_flow
    if flow is not None:
        async def install(request: web.Request) -> web.Response:
            return await answer_get(request, flow.handle_installation)

        async def oauth_redirect(request: web.Request) -> web.Response:
            return await answer_get(request, flow.handle_callback)

        web_app.router.add_get(flow.install_path, install)
        web_app.router.add_get(flow.redirect_uri_path, oauth_redirect)

    async def housekeeping(_: web.Application) -> None:
        # Slack stops retrying after minutes; idempotency keys older than two days only take space.
        await asyncio.to_thread(forget_stale_keys, adapter.store.engine)

    async def drain(_: web.Application) -> None:
        await adapter.tasks.close()

    web_app.on_startup.append(housekeeping)
    web_app.on_shutdown.append(drain)
