"""`POST /api/messages` on the shared aiohttp app, served by botbuilder's CloudAdapter."""
from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import web
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication

from adapters.http_limits import Refused
from adapters.teams import texts
from adapters.teams.bot import SalesBot
from adapters.teams.config import TeamsConfig
from adapters.teams.guard import fetch_keys_without_blocking, read_activity
from adapters.teams.messenger import TeamsMessenger
from adapters.teams.sdk_speed import cheap_connector_clients
from handlers.processor import CommandProcessor
from storage.store import Store

log = logging.getLogger(__name__)
ROUTE = "/api/messages"


@dataclass
class TeamsRuntime:
    """Everything the Teams endpoint runs on; the scheduler posts through `messenger`."""

    config: TeamsConfig
    auth: ConfigurationBotFrameworkAuthentication
    adapter: CloudAdapter
    bot: SalesBot
    messenger: TeamsMessenger

    async def handle(self, request: web.Request) -> web.Response:
        """Authenticate, then run the activity through the adapter; bad input gets 4xx, never 5xx."""
        try:
            activity = await read_activity(request)
        except Refused as refused:
            log.info("teams: refused a request (%s): %s", refused.status, refused.reason)
            return refused.response()
        if activity is None:
            return web.json_response({"error": "expected a Bot Framework activity as JSON"}, status=400)
        try:
            auth_result = await self.auth.authenticate_request(activity, request.headers.get("Authorization", ""))
        except Exception as error:  # missing, malformed or forged token: all the same to the caller
            log.info("teams: rejected a request without a valid token: %s", error)
            return web.json_response({"error": "unauthorized"}, status=401)
        invoke = await self.adapter.process_activity(auth_result, activity, self.bot.on_turn)
        if invoke is not None:
            return web.json_response(invoke.body, status=int(invoke.status))
        return web.Response(status=200)


TEAMS_KEY = web.AppKey("teams", TeamsRuntime)


async def report_turn_error(turn_context: TurnContext, error: Exception) -> None:
    log.error("teams: turn failed for activity %s: %r", turn_context.activity.id, error)


def build_runtime(config: TeamsConfig, processor: CommandProcessor, store: Store) -> TeamsRuntime:
    """The process's one Teams runtime: the endpoint answers through it, the scheduler posts through its Messenger."""
    fetch_keys_without_blocking()
    cheap_connector_clients()
    auth = ConfigurationBotFrameworkAuthentication(config.botbuilder_configuration())
    adapter = CloudAdapter(auth)
    adapter.on_turn_error = report_turn_error
    messenger = TeamsMessenger(adapter, store, config.app_id)
    return TeamsRuntime(config, auth, adapter, SalesBot(processor, store, messenger), messenger)


def mount_teams(web_app: web.Application, runtime: TeamsRuntime) -> None:
    """Add /api/messages, saying once how it authenticates."""
    config = runtime.config
    if config.no_auth and config.authenticated:
        log.warning(texts.NO_AUTH_IGNORED)
    if config.authenticated:
        log.info(texts.STARTUP_ON, config.app_id, config.app_type)
    else:
        log.warning(texts.STARTUP_NO_AUTH)
    web_app[TEAMS_KEY] = runtime
    web_app.router.add_post(ROUTE, runtime.handle)


def report_off(web_app: web.Application) -> None:
    """Teams is not configured: say so once and leave /api/messages off (404)."""
    log.info(texts.STARTUP_OFF)
