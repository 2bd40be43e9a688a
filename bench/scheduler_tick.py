"""How long one scheduler tick takes for a workspace of N people with digests, and one with nothing due.

Usage: .venv/bin/python bench/scheduler_tick.py [people] [DATABASE_URL]
"""
from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.scheduler.engine import Ticker  # noqa: E402
from handlers.commands import FORM_HANDLERS, build_registry  # noqa: E402
from handlers.context import Origin, Request, Sender  # noqa: E402
from handlers.messaging import PostResult  # noqa: E402
from handlers.processor import CommandProcessor  # noqa: E402
from storage.database import make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.store import Store  # noqa: E402

START = datetime(2026, 11, 2, 7, 0, tzinfo=timezone.utc)


class CountingMessenger:
    platform = "console"

    def __init__(self) -> None:
        self.sent = 0

    async def send(self, destination, reply) -> PostResult:
        self.sent += 1
        return PostResult(ok=True)


def seed(store: Store, people: int) -> None:
    processor = CommandProcessor(store, build_registry(), FORM_HANDLERS)
    origin = Origin("console", "bench", "Bench", "C-bench")
    zones = ("Europe/Lisbon", "America/New_York", "Asia/Tokyo", "UTC")
    for n in range(people):
        sender = Sender(f"user{n}", f"User {n}", zones[n % len(zones)])
        for line in (f'deal add "Deal {n}" {1 + n % 50}k', "digest subscribe weekdays 08:00"):
            processor.handle(Request(line, sender, origin, received_at=START - timedelta(days=30)))


async def measure(store: Store, people: int) -> None:
    messenger = CountingMessenger()
    ticker = Ticker(store, {"console": messenger}, "bench")
    await ticker.tick(START)  # warm up; nothing due at 07:00 UTC for most
    idle = []
    for minute in range(1, 6):
        began = time.perf_counter()
        await ticker.tick(START + timedelta(minutes=minute))
        idle.append(time.perf_counter() - began)
    began = time.perf_counter()
    await ticker.tick(START + timedelta(hours=1))  # 08:00 in Lisbon and UTC: a quarter to half of them due
    busy = time.perf_counter() - began
    print(f"{people} people: idle tick {1000 * sorted(idle)[2]:.0f} ms (median of 5), "
          f"tick delivering {messenger.sent} digests {1000 * busy:.0f} ms ({1000 * busy / max(messenger.sent, 1):.1f} "
          f"ms each)")


def main() -> None:
    people = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    url = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    engine = make_engine(url)
    upgrade(engine)
    store = Store(engine)
    seed(store, people)
    asyncio.run(measure(store, people))


if __name__ == "__main__":
    main()
