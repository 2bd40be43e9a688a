"""Fixtures: the real web server on 127.0.0.1 with the Teams endpoint, and a fake Bot Connector."""
from __future__ import annotations

import socket
from dataclasses import dataclass

import aiohttp
import pytest
from aiohttp import web

from adapters.teams.web import TEAMS_KEY, TeamsRuntime
from bot.bootstrap import assemble
from bot.settings import Settings
from bot.web import build_web_app
from handlers.commands import FORM_HANDLERS, build_registry
from handlers.processor import CommandProcessor
from storage.store import Store
from tests.teams.fake_connector import FakeConnector

NO_AUTH = {"SALESBOT_TEAMS_NO_AUTH": "1"}
SDKS = ("agents", "botbuilder")


async def start_site(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    return runner, f"http://{host}:{port}"


@dataclass
class TeamsServer:
    """The running salesbot server, a client to talk to it, and the fake connector it replies to."""

    url: str
    web_app: web.Application
    http: aiohttp.ClientSession
    connector: FakeConnector
    store: Store

    @property
    def runtime(self) -> TeamsRuntime:
        return self.web_app[TEAMS_KEY]

    async def post(self, activity: dict, headers: dict | None = None) -> tuple[int, object]:
        async with self.http.post(f"{self.url}/api/messages", json=activity, headers=headers) as response:
            body = await response.json() if response.content_type == "application/json" else await response.text()
            return response.status, body


@pytest.fixture
async def connector():
    fake = FakeConnector()
    runner, url = await start_site(fake.app())
    fake.url = url + "/"
    yield fake
    await runner.cleanup()


LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch):
    """Every Teams test fails if the bot (either SDK) looks up any host but loopback: Microsoft is never called."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def getaddrinfo(host, *args, **kwargs):
        if host not in LOOPBACK:
            asked.append(str(host))
            raise socket.gaierror(f"tests reach loopback only, not {host}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield
    assert asked == [], f"the bot tried to reach {asked}"


@pytest.fixture(params=SDKS)
def teams_sdk(request) -> str:
    """Every Teams test runs once on each SDK: the same behaviour is expected of both."""
    return request.param


@pytest.fixture
async def serve(engine, connector, teams_sdk):
    """`await serve(env)` starts the server configured by `env` on the test's SDK; everything stops after the test."""
    runners, sessions = [], []

    async def start(env: dict[str, str]) -> TeamsServer:
        settings = Settings.from_env({"SALESBOT_TEAMS_SDK": teams_sdk} | env)
        store = Store(engine)
        app = assemble(settings, store, CommandProcessor(store, build_registry(), FORM_HANDLERS))
        web_app = build_web_app(app)
        runner, url = await start_site(web_app)
        http = aiohttp.ClientSession()
        runners.append(runner)
        sessions.append(http)
        return TeamsServer(url, web_app, http, connector, store)

    yield start
    for http in sessions:
        await http.close()
    for runner in runners:
        await runner.cleanup()


@pytest.fixture
async def teams(serve) -> TeamsServer:
    """The server in local no-auth mode (as with the Bot Framework Emulator)."""
    return await serve(NO_AUTH)
