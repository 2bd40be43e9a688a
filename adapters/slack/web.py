"""The Slack endpoints on the shared aiohttp app: /slack/events, and the OAuth install pages when enabled."""
from __future__ import annotations

import asyncio

from aiohttp import web
from slack_bolt.async_app import AsyncApp

from adapters.slack.adapter import SlackAdapter
from adapters.slack.app import build_slack
from adapters.slack.config import SlackConfig
from adapters.slack.guard import answer, answer_get
from adapters.slack.messenger import SlackMessenger
from handlers.processor import CommandProcessor
from storage.idempotency import forget_stale_keys
from storage.store import Store

EVENTS_PATH = "/slack/events"
SLACK_KEY = web.AppKey("slack", SlackAdapter)


def mount_slack(web_app: web.Application, config: SlackConfig, processor: CommandProcessor, store: Store,
                messenger: SlackMessenger) -> None:
    """Commands, events and interactivity all arrive at POST /slack/events, as slack-bolt expects."""
    bolt, adapter = build_slack(config, processor, store, messenger)
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
