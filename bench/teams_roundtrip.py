"""Teams round trip: how fast /api/messages turns `deal add` activities into posted cards (fake connector).

Usage: .venv/bin/python bench/teams_roundtrip.py [--messages 200] [--concurrency 1] [--sdk agents|botbuilder]
       [--database-url URL]
Runs the real server and a fake Bot Connector on 127.0.0.1 and prints latency percentiles and throughput.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import aiohttp  # noqa: E402

from bot.bootstrap import build_app  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.web import build_web_app  # noqa: E402
from tests.teams.activities import personal_message  # noqa: E402
from tests.teams.conftest import start_site  # noqa: E402
from tests.teams.fake_connector import FakeConnector  # noqa: E402


async def run(messages: int, concurrency: int, database_url: str, sdk: str) -> None:
    connector = FakeConnector()
    connector_runner, url = await start_site(connector.app())
    connector.url = url + "/"
    app = build_app(Settings.from_env({"DATABASE_URL": database_url, "SALESBOT_TEAMS_NO_AUTH": "1",
                                         "SALESBOT_TEAMS_SDK": sdk}))
    server_runner, server = await start_site(build_web_app(app))
    latencies: list[float] = []
    gate = asyncio.Semaphore(concurrency)

    async def one(http: aiohttp.ClientSession, n: int) -> None:
        async with gate:
            started = time.perf_counter()
            text = f'deal add "Bench deal {n}" {n + 1}k stage=proposal'
            activity = personal_message(text, connector.url, id=uuid.uuid4().hex)  # unique across runs
            async with http.post(f"{server}/api/messages", json=activity) as response:
                assert response.status == 200, response.status
            latencies.append(time.perf_counter() - started)

    async with aiohttp.ClientSession() as http:
        began = time.perf_counter()
        await asyncio.gather(*(one(http, n) for n in range(messages)))
        elapsed = time.perf_counter() - began
    await server_runner.cleanup()
    await connector_runner.cleanup()
    print(f"SDK: {sdk}")
    report(latencies, elapsed, len(connector.posts()), concurrency)


def report(latencies: list[float], elapsed: float, cards: int, concurrency: int) -> None:
    ms = sorted(x * 1000 for x in latencies)
    pick = lambda q: ms[min(len(ms) - 1, int(q * len(ms)))]  # noqa: E731
    print(f"{len(ms)} activities, concurrency {concurrency}: {len(ms) / elapsed:.1f}/s, {cards} cards posted")
    print(f"latency ms: p50 {statistics.median(ms):.1f}  p95 {pick(0.95):.1f}  max {ms[-1]:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--sdk", choices=("agents", "botbuilder"), default="agents")
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.db"
        asyncio.run(run(args.messages, args.concurrency, url, args.sdk))


if __name__ == "__main__":
    main()
