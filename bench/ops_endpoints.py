"""Cost of the operator endpoints: /healthz and /metrics latency, the observer per command, a hung database.

Run: .venv/bin/python bench/ops_endpoints.py [--requests 500]   (DATABASE_URL selects the database;
default: a fresh SQLite file under /tmp). Prints p50/p99 per endpoint and how /healthz fares when the
database accepts connections but never answers.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import socket
import sys
import tempfile
import time
import timeit
from pathlib import Path

import aiohttp
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.bootstrap import App, build_app  # noqa: E402
from bot.metrics import Metrics  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.web import build_web_app  # noqa: E402
from handlers.commands import build_registry  # noqa: E402
from handlers.context import Origin, Request, Sender  # noqa: E402
from handlers.processor import CommandProcessor  # noqa: E402
from storage.database import make_engine  # noqa: E402
from storage.store import Store  # noqa: E402


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def serve(app) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(build_web_app(app, mounts=[]))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"


async def timed(http: aiohttp.ClientSession, url: str, count: int) -> list[float]:
    samples = []
    for _ in range(count):
        started = time.perf_counter()
        async with http.get(url) as response:
            await response.read()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def report(name: str, samples: list[float]) -> None:
    print(f"{name:40s} p50 {percentile(samples, 0.5):7.2f} ms   p99 {percentile(samples, 0.99):7.2f} ms")


async def main(requests: int) -> None:
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    app = build_app(Settings.from_env({"DATABASE_URL": url}))
    origin, sender = Origin("console", "bench", "Bench", "console"), Sender("ana", "Ana")
    for text in ['deal add "Bench" 12k', "pipeline", "kpi", "frobnicate"] * 25:
        app.processor.handle(Request(text, sender, origin))
    runner, base = await serve(app)
    async with aiohttp.ClientSession() as http:
        print(f"database: {app.engine.url.get_backend_name()}, requests: {requests}")
        report("/healthz", await timed(http, base + "/healthz", requests))
        report("/metrics", await timed(http, base + "/metrics", requests))
        await hung_database(http, requests)
    await runner.cleanup()
    metrics = Metrics()
    each = min(timeit.repeat(lambda: metrics.command_finished("deal add", "slack", 0.01, "ok"), number=10000,
                             repeat=5)) / 10000
    print(f"observer cost per command: {each * 1e6:.1f} µs")


async def hung_database(http: aiohttp.ClientSession, requests: int) -> None:
    listener = socket.create_server(("127.0.0.1", 0))  # accepts, never answers
    engine = make_engine(f"postgresql+psycopg://x@127.0.0.1:{listener.getsockname()[1]}/x")
    store = Store(engine)
    runner, base = await serve(App(Settings(), engine, store, CommandProcessor(store, build_registry(), {})))
    started = time.perf_counter()
    check = asyncio.create_task(http.get(base + "/healthz"))
    metrics = await timed(http, base + "/metrics", requests)
    response = await check
    print(f"/healthz with a hung database: {response.status} after {time.perf_counter() - started:.2f} s")
    report("/metrics (empty) while that check hangs", metrics)
    await runner.cleanup()
    listener.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=500)
    asyncio.run(main(parser.parse_args().requests))
