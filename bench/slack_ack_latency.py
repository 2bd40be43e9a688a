"""How fast /sales is acknowledged (Slack allows 3 s): signed requests to the real server, fake Slack API.

Usage: .venv/bin/python bench/slack_ack_latency.py [requests] [DATABASE_URL]
Prints p50 / p95 / max milliseconds for `deal add` and `pipeline` acknowledgements.
"""
from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.bootstrap import build_app  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.web import build_web_app  # noqa: E402
from tests.slack.fake_slack import FakeSlack  # noqa: E402
from tests.slack.signed import SECRET, SlackSender  # noqa: E402


async def serve(env: dict) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(build_web_app(build_app(Settings.from_env(env))))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"


async def timed(sender: SlackSender, text: str) -> float:
    start = time.perf_counter()
    await sender.command(text)
    return (time.perf_counter() - start) * 1000


def report(name: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(f"{name:<10} n={len(ordered):<4} p50={statistics.median(ordered):6.1f} ms  p95={p95:6.1f} ms  "
          f"max={ordered[-1]:6.1f} ms")


@asynccontextmanager
async def signed_sender(fake: FakeSlack, database_url: str) -> AsyncIterator[SlackSender]:
    """The real server on `database_url` against `fake`, and a warmed-up signed sender; both stopped after."""
    await fake.start()
    env = {"SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_API_URL": fake.url,
           "DATABASE_URL": database_url, "LOG_LEVEL": "WARNING"}
    runner, url = await serve(env)
    try:
        async with aiohttp.ClientSession() as http:
            sender = SlackSender(http, url, fake.url)
            await sender.command("whoami")  # warm-up: auth.test, users.info, workspace creation
            yield sender
    finally:
        await runner.cleanup()
        await fake.stop()


async def main(requests: int, database_url: str) -> None:
    fake = FakeSlack()
    fake.add_user("U01NK1K9L68", "Ana Silva")
    async with signed_sender(fake, database_url) as sender:
        adds = [await timed(sender, f'deal add "Bench deal {n}" {n + 1}k stage=proposal') for n in range(requests)]
        lists = [await timed(sender, "pipeline") for _ in range(requests)]
    report("deal add", adds)
    report("pipeline", lists)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    url = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    asyncio.run(main(count, url))
