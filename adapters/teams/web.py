"""`POST /api/messages` on the shared aiohttp app: checked here, authenticated and run by the chosen SDK."""
from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass

from aiohttp import web

from adapters.http_limits import Refused
from adapters.teams import texts
from adapters.teams.bot import SalesBot
from adapters.teams.config import TeamsConfig
from adapters.teams.file_links import ROUTE as FILES_ROUTE, FileLinks
from adapters.teams.guard import read_activity
from adapters.teams.messenger import TeamsMessenger
from adapters.teams.sdk import TeamsSdk
from handlers.processor import CommandProcessor
from storage.store import Store

log = logging.getLogger(__name__)
ROUTE = "/api/messages"
# Each SDK lives in its own folder and is imported only when chosen (SALESBOT_TEAMS_SDK).
SDK_MODULES = {"agents": "adapters.teams.agents_sdk.runtime", "botbuilder": "adapters.teams.botbuilder_sdk.runtime"}


@dataclass
class TeamsRuntime:
    """Everything the Teams endpoint runs on; the scheduler posts through `messenger`."""

    config: TeamsConfig
    sdk: TeamsSdk
    bot: SalesBot
    messenger: TeamsMessenger

    async def handle(self, request: web.Request) -> web.Response:
        """Authenticate, then run the activity through the SDK; bad input gets 4xx, never 5xx."""
        try:
            body = await read_activity(request)
            activity = self.sdk.parse(body) if body is not None else None
        except Refused as refused:
            log.info("teams: refused a request (%s): %s", refused.status, refused.reason)
            return refused.response()
        if activity is None:
            return web.json_response({"error": "expected a Bot Framework activity as JSON"}, status=400)
        try:
            identity = await self.sdk.authenticate(activity, request.headers.get("Authorization", ""))
        except Exception as error:  # missing, malformed, unsigned or expired token: all the same to the caller
            log.info("teams: rejected a request without a valid token: %s", type(error).__name__)
            return web.json_response({"error": "unauthorized"}, status=401)
        try:
            invoke = await self.sdk.process(identity, activity, body, self.bot.on_turn)
        except Exception:  # the SDK could not even start the turn (no outbound token, say): Teams retries later
            log.exception("teams: could not run activity %s", body.get("id"))
            return web.json_response({"error": "temporarily unavailable"}, status=503)
        if invoke is not None:
            return web.json_response(invoke[1], status=invoke[0])
        return web.Response(status=200)


TEAMS_KEY = web.AppKey("teams", TeamsRuntime)


def build_runtime(config: TeamsConfig, processor: CommandProcessor, store: Store) -> TeamsRuntime:
    """The process's one Teams runtime: the endpoint answers through it, the scheduler posts through its Messenger."""
    sdk = importlib.import_module(SDK_MODULES[config.sdk]).build_sdk(config)
    messenger = TeamsMessenger(sdk, store)
    files = FileLinks(store.engine, config.public_url, config.app_password or None)
    return TeamsRuntime(config, sdk, SalesBot(processor, store, messenger, files), messenger)


def mount_teams(web_app: web.Application, runtime: TeamsRuntime) -> None:
    """Add /api/messages, saying once how it authenticates."""
    config = runtime.config
    if config.no_auth and config.authenticated:
        log.warning(texts.NO_AUTH_IGNORED)
    if config.authenticated:
        log.info(texts.STARTUP_ON, config.app_id, config.app_type, config.credential, runtime.sdk.name)
    else:
        log.warning(texts.STARTUP_NO_AUTH)
    web_app[TEAMS_KEY] = runtime
    web_app.router.add_post(ROUTE, runtime.handle)
    web_app.on_cleanup.append(lambda _: runtime.sdk.close())
    if runtime.bot.files is not None:
        web_app.router.add_get(FILES_ROUTE, runtime.bot.files.serve)


def report_off(web_app: web.Application) -> None:
    """Teams is not configured: say so once and leave /api/messages off (404)."""
    log.info(texts.STARTUP_OFF)
