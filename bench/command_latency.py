"""Latency of everyday commands on the demo workspace: p50 and p99 per command, and peak memory.

Run: .venv/bin/python bench/command_latency.py [--rounds 200]   (DATABASE_URL selects the database;
default: a fresh SQLite file under /tmp).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.demo import DEMO_MANAGER, DEMO_WORKSPACE, seed_demo  # noqa: E402
from handlers.commands import FORM_HANDLERS, build_registry  # noqa: E402
from handlers.context import Origin, Request, Sender  # noqa: E402
from handlers.processor import CommandProcessor  # noqa: E402
from storage.database import make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.store import Store  # noqa: E402

COMMANDS = ["pipeline", "pipeline all", "deal list team", "deal show #120", "deal show cloud",
            'deal add "Bench deal" 12k stage=proposal', 'log call #120 "bench"', "deal stage #120 negotiation",
            "help", "dashboard", "dashboard team", "find keyst", "find rachel pricing", "deal list team amount>=50k",
            'account show "Keystone Manufacturing"', "activity list team 7d", "deal history #120", "account list all"]


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    engine = make_engine(url)
    upgrade(engine)
    store = Store(engine)
    seed_demo(store)
    processor = CommandProcessor(store, build_registry(), FORM_HANDLERS)
    origin = Origin("console", DEMO_WORKSPACE, DEMO_WORKSPACE, "console")
    sender = Sender(DEMO_MANAGER, "Maria Lopez")
    print(f"database: {engine.url.get_backend_name()}, rounds: {args.rounds}")
    for command in COMMANDS:
        samples = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            processor.handle(Request(command, sender, origin))
            samples.append((time.perf_counter() - started) * 1000)
        print(f"{command:45s} p50 {percentile(samples, 0.5):6.2f} ms   p99 {percentile(samples, 0.99):6.2f} ms")
    tracemalloc.start()  # after the timing: tracing would slow every allocation down
    for command in COMMANDS:
        processor.handle(Request(command, sender, origin))
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    print(f"peak Python memory for one round of every command: {peak:.1f} MB")


if __name__ == "__main__":
    main()
