"""Slash acknowledgements under load: N concurrent signed `/sales deal add` (M in flight) to the real server.

Usage: .venv/bin/python bench/load_deal_add.py [requests] [in_flight] [DATABASE_URL]
Half the requests come from first-seen people naming new accounts. Prints p50 / p99 / max of the
acknowledgement, how many were errors, and how many deals were stored with distinct numbers.
"""
from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlmodel import Session, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.slack_ack_latency import signed_sender  # noqa: E402
from storage.database import make_engine  # noqa: E402
from storage.models import Deal  # noqa: E402
from tests.slack.fake_slack import FakeSlack  # noqa: E402
from tests.slack.signed import USER, SlackSender  # noqa: E402


def command_for(n: int, run: str) -> tuple[str, str]:
    if n % 2:
        return f'deal add "Load {run} {n}" {n + 1}k account="Account {run} {n}"', f"U{run}{n:05d}"
    return f'deal add "Load {run} {n}" {n + 1}k stage=proposal', USER


async def fire(sender: SlackSender, requests: int, in_flight: int, run: str) -> list[tuple[float, bool]]:
    gate = asyncio.Semaphore(in_flight)

    async def one(n: int) -> tuple[float, bool]:
        text, user = command_for(n, run)
        async with gate:
            start = time.perf_counter()
            ack = await sender.command(text, user=user)
            return (time.perf_counter() - start) * 1000, "added" in ack.get("text", "")
    return await asyncio.gather(*(one(n) for n in range(requests)))


def stored(url: str, run: str) -> tuple[int, int]:
    engine = make_engine(url)
    with Session(engine) as session:
        numbers = session.exec(select(Deal.number).where(Deal.name.startswith(f"Load {run} "))).all()
    engine.dispose()
    return len(numbers), len(set(numbers))


async def main(requests: int, in_flight: int, url: str) -> None:
    run = f"{int(time.time()) % 100000:05d}"
    fake = FakeSlack()
    for n in range(1, requests, 2):
        fake.add_user(f"U{run}{n:05d}", f"Newcomer {n}")
    async with signed_sender(fake, url) as sender:
        started = time.perf_counter()
        results = await fire(sender, requests, in_flight, run)
        wall = time.perf_counter() - started
    report(sorted(ms for ms, _ in results), sum(not ok for _, ok in results), wall, stored(url, run))


def report(ordered: list[float], errors: int, wall: float, deals: tuple[int, int]) -> None:
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)]
    print(f"deal add x{len(ordered)}: {len(ordered) / wall:.0f}/s, ack p50={statistics.median(ordered):.0f} ms "
          f"p99={p99:.0f} ms max={ordered[-1]:.0f} ms, over 3 s: {sum(ms > 3000 for ms in ordered)}")
    print(f"errors: {errors}; deals stored: {deals[0]}, distinct numbers: {deals[1]}")


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    flight = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    database = sys.argv[3] if len(sys.argv) > 3 else f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    asyncio.run(main(count, flight, database))
