"""The real web server, fake Slack and fake Bot Connector on their own event loop thread, for synchronous fuzzing."""
from __future__ import annotations

import asyncio
import logging
import threading

from aiohttp import web

from bot.bootstrap import assemble
from bot.settings import Settings
from bot.web import build_web_app
from tests.slack.fake_slack import FakeSlack
from tests.slack.signed import SECRET, USER
from tests.teams.conftest import start_site
from tests.teams.fake_connector import FakeConnector


class Failures(logging.Handler):
    """Collects every ERROR our code logs: a request that failed inside, however politely it was answered."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def messages(self) -> list[str]:
        return [f"{r.name}: {r.getMessage()} {r.exc_info[1]!r}" if r.exc_info else r.getMessage()
                for r in self.records]


class BackgroundServer:
    """`url` serves /slack/events and /api/messages as `salesbot serve` would; `stop()` drains and closes."""

    def __init__(self, engine, store, processor, env: dict[str, str]) -> None:
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.failures = Failures()
        logging.getLogger("adapters").addHandler(self.failures)
        self.url, self.connector_url = self._run(self._start(engine, store, processor, env))

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout=60)

    async def _start(self, engine, store, processor, env: dict[str, str]) -> tuple[str, str]:
        self.fake_slack = FakeSlack()
        self.fake_slack.add_user(USER, "Ana Silva")
        await self.fake_slack.start()
        self.connector = FakeConnector()
        self.connector_runner, connector_url = await start_site(self.connector.app())
        settings = Settings.from_env({"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-test",
                                      "SLACK_API_URL": self.fake_slack.url} | env)
        self.runner, url = await start_site(build_web_app(assemble(settings, store, processor)))
        return url, connector_url + "/"

    async def _stop(self) -> None:
        await self.runner.cleanup()
        await self.connector_runner.cleanup()
        await self.fake_slack.stop()

    def stop(self) -> None:
        logging.getLogger("adapters").removeHandler(self.failures)
        self._run(self._stop())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
        self.loop.close()
