"""/healthz: schema revision and scheduler role on both backends; 503, never 500 or a hang, without a database."""
from __future__ import annotations

import asyncio
import socket

import pytest
from aiohttp import web

from bot.bootstrap import App
from bot.scheduler.runner import attach_to_web
from bot.settings import Settings
from bot.web import PROBE_KEY, build_web_app
from handlers.commands import FORM_HANDLERS, build_registry
from handlers.processor import CommandProcessor
from storage.database import make_engine
from storage.store import Store
from tests.ops.support import free_port, head_revision, sample, scrape, wait_for_health


def app_on(engine) -> App:
    store = Store(engine)
    return App(Settings.from_env({}), engine, store, CommandProcessor(store, build_registry(), FORM_HANDLERS))


async def serve(web_app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(web_app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"


async def test_healthz_reports_the_schema_and_which_process_leads(engine, http):
    servers = []
    try:
        for scheduler in (True, True, False):
            web_app = build_web_app(app_on(engine), mounts=[])
            if scheduler:
                attach_to_web(web_app, app_on(engine))
            servers.append(await serve(web_app))
        # Both schedulers elect in the background: whichever takes the lock first leads, the other stands by.
        leader = await wait_for_any_leader(http, [servers[0][1], servers[1][1]])
        standby = await wait_for_health(http, servers[1 - leader][1], scheduler="standby")
        leading = await wait_for_health(http, servers[leader][1])
        third = await wait_for_health(http, servers[2][1])
    finally:
        for runner, _ in servers:
            await runner.cleanup()
    assert {leading["schema"], standby["schema"], third["schema"]} == {head_revision(engine)}
    assert (leading["scheduler"], standby["scheduler"], third["scheduler"]) == ("leader", "standby", "off")


async def wait_for_any_leader(http, urls: list[str]) -> int:
    """The index of the first of `urls` whose /healthz names its scheduler the leader."""
    for _ in range(300):
        for index, url in enumerate(urls):
            async with http.get(url + "/healthz") as response:
                if response.status == 200 and (await response.json())["scheduler"] == "leader":
                    return index
        await asyncio.sleep(0.1)
    raise AssertionError("no scheduler took the lead")


@pytest.mark.parametrize("url", ["sqlite:////nonexistent-folder/salesbot.db",
                                 "postgresql+psycopg://postgres@127.0.0.1:{free}/salesbot"])
async def test_healthz_answers_503_when_the_database_is_unreachable(url, http):
    engine = make_engine(url.format(free=free_port()))
    runner, base = await serve(build_web_app(app_on(engine), mounts=[]))
    try:
        async with http.get(base + "/healthz") as response:
            assert response.status == 503
            assert await response.json() == {"status": "degraded", "database": "unreachable", "schema": None,
                                              "scheduler": "off"}
    finally:
        await runner.cleanup()
        engine.dispose()


@pytest.fixture
async def silent_database():
    """A port that accepts connections and never says a word: a database host that hangs."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted = []

    async def accept_forever():
        loop = asyncio.get_running_loop()
        listener.setblocking(False)
        while True:
            connection, _ = await loop.sock_accept(listener)
            accepted.append(connection)

    task = asyncio.create_task(accept_forever())
    yield f"postgresql+psycopg://postgres@127.0.0.1:{listener.getsockname()[1]}/salesbot"
    task.cancel()
    for connection in accepted:
        connection.close()
    listener.close()


async def test_a_hung_database_gives_503_in_time_and_never_blocks_other_requests(silent_database, http):
    engine = make_engine(silent_database)
    web_app = build_web_app(app_on(engine), mounts=[])
    web_app[PROBE_KEY].timeout = 1.0
    runner, base = await serve(web_app)
    try:
        checks = [asyncio.create_task(http.get(base + "/healthz")) for _ in range(3)]
        await asyncio.sleep(0.3)  # the probe is now waiting on the silent database
        await scrape(http, base)  # answered while the checks are still pending: the loop is free
        assert not any(check.done() for check in checks)
        responses = await asyncio.wait_for(asyncio.gather(*checks), timeout=15)
        assert [r.status for r in responses] == [503, 503, 503]
        assert {(await r.json())["database"] for r in responses} == {"timeout"}
        assert sample(await scrape(http, base), "salesbot_http_responses_total", route="/healthz", status="503") == 3
    finally:
        await runner.cleanup()
