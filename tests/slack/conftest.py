"""Slack fixtures: a fake Slack Web API and the real web server on 127.0.0.1, wired to each other."""
from __future__ import annotations

import aiohttp
import pytest
from aiohttp import web

from adapters.slack.web import SLACK_KEY
from bot.bootstrap import App, assemble
from bot.settings import Settings
from bot.web import build_web_app
from tests.slack.fake_slack import FakeSlack
from tests.slack.signed import SECRET, USER, SlackSender


@pytest.fixture
async def fake_slack():
    fake = FakeSlack()
    fake.add_user(USER, "Ana Silva")
    await fake.start()
    yield fake
    await fake.stop()


class RunningBot:
    """The real aiohttp server with the Slack mount, and a signed-request sender pointed at it."""

    def __init__(self, runner: web.AppRunner, url: str, sender: SlackSender, app: App) -> None:
        self.runner, self.url, self.slack, self.app = runner, url, sender, app
        self.adapter = runner.app[SLACK_KEY]
        self.store = app.store

    async def settle(self) -> None:
        """Wait for the follow-up work (announcements, replies to events) to finish."""
        await self.adapter.tasks.settle()


async def start_bot(env: dict, engine, store, processor, session) -> RunningBot:
    app = assemble(Settings.from_env(env), store, processor)
    runner = web.AppRunner(build_web_app(app))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"
    return RunningBot(runner, url, SlackSender(session, url, env["SLACK_API_URL"]), app)


@pytest.fixture
async def http():
    async with aiohttp.ClientSession() as session:
        yield session


@pytest.fixture
async def bot(engine, store, processor, fake_slack, http):
    """Single-workspace mode: SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and SLACK_API_URL set."""
    env = {"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_API_URL": fake_slack.url}
    running = await start_bot(env, engine, store, processor, http)
    yield running
    await running.settle()
    await running.runner.cleanup()


@pytest.fixture
async def multi_bot(engine, store, processor, fake_slack, http):
    """Multi-workspace mode: OAuth install with SLACK_CLIENT_ID and SLACK_CLIENT_SECRET."""
    env = {"SLACK_SIGNING_SECRET": SECRET, "SLACK_CLIENT_ID": "111.222", "SLACK_CLIENT_SECRET": "shh",
           "SLACK_API_URL": fake_slack.url}
    running = await start_bot(env, engine, store, processor, http)
    yield running
    await running.settle()
    await running.runner.cleanup()
