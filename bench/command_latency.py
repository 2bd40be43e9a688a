"""Latency of everyday commands through the command processor: p50 and p99 per command, SQL statements, memory.

Run: .venv/bin/python bench/command_latency.py [--rounds 200]   on the demo workspace
     .venv/bin/python bench/command_latency.py --scale           on the 1,000,000-activity org of
                                                                  bench/analytics_scale.py (built once, reused)
DATABASE_URL selects the database (default: a fresh SQLite file under /tmp; with --scale the org's file).
The last lines are `summary:` rows (what | measured | target | ok) that `make bench` gathers.
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

from sqlalchemy import event  # noqa: E402

from bot.demo import DEMO_MANAGER, DEMO_WORKSPACE, seed_demo  # noqa: E402
from handlers.commands import FORM_HANDLERS, build_registry  # noqa: E402
from bench.summary import summary_row  # noqa: E402
from handlers.context import Origin, Request, Sender  # noqa: E402
from handlers.processor import CommandProcessor  # noqa: E402
from storage.database import make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.statistics import gather_statistics  # noqa: E402
from storage.store import Store  # noqa: E402

DEAL_ADD = 'deal add "Bench deal" 12k stage=proposal'
COMMANDS = ["pipeline", "pipeline all", "deal list team", "kpi team", "deal show #120", "deal show cloud", DEAL_ADD,
            'log call #120 "bench"', "deal stage #120 negotiation", "help", "dashboard", "dashboard team",
            "find keyst", "find rachel pricing", "deal list team amount>=50k", 'account show "Keystone Manufacturing"',
            "activity list team 7d", "deal history #120", "account list all"]
# Targets on the demo data (p50 ms), and the statements one `deal add` may run.
TARGETS = {DEAL_ADD: 1.5, "pipeline": 2.0, "deal list team": 2.0, "kpi team": 2.0}
DEAL_ADD_STATEMENTS = 4
SCALE_COMMANDS = ["pipeline team", "kpi team", "funnel team", "risks team", "find acme"]
SCALE_TARGET = 20.0
SCALE_ACTIVITIES = 1_000_000


def percentile(samples: list[float], q: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--scale", action="store_true", help="the 1,000,000-activity org instead of the demo")
    args = parser.parse_args()
    if args.scale:
        return at_scale(args.rounds)
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    engine = make_engine(url)
    upgrade(engine)
    store = Store(engine)
    seed_demo(store)
    gather_statistics(engine)  # as the scheduler does at start (PostgreSQL's autovacuum may be off or late)
    processor = CommandProcessor(store, build_registry(), FORM_HANDLERS)
    origin = Origin("console", DEMO_WORKSPACE, DEMO_WORKSPACE, "console")
    sender = Sender(DEMO_MANAGER, "Maria Lopez")
    backend = engine.url.get_backend_name()
    print(f"database: {backend}, rounds: {args.rounds}")
    p50s = {command: timed(processor, sender, origin, command, args.rounds) for command in COMMANDS}
    timed_keyed(processor, sender, origin, DEAL_ADD, args.rounds)
    statements = count_statements(engine, processor, sender, origin, DEAL_ADD)
    print(f"{DEAL_ADD}: {statements} SQL statements (BEGIN and COMMIT not counted)")
    keyed = count_statements(engine, processor, sender, origin, DEAL_ADD, once_key=f"bench-count-{time.time_ns()}")
    print(f"{DEAL_ADD} with a replay key: {keyed} SQL statements")
    tracemalloc.start()  # after the timing: tracing would slow every allocation down
    for command in COMMANDS:
        processor.handle(Request(command, sender, origin))
    print(f"peak Python memory for one round of every command: {tracemalloc.get_traced_memory()[1] / 1e6:.1f} MB")
    for command, target in TARGETS.items():
        summary(f"{'deal add' if command == DEAL_ADD else command} p50 ({backend}, demo)",
                f"{p50s[command]:.2f} ms", f"<= {target} ms", p50s[command] <= target)
    summary(f"deal add statements ({backend})", str(statements), f"<= {DEAL_ADD_STATEMENTS}",
            statements <= DEAL_ADD_STATEMENTS)


def at_scale(rounds: int) -> None:
    """The same measurement on the big org, as one of its managers (a team of ten reps)."""
    from bench.analytics_scale import prepare
    url = os.environ.get("DATABASE_URL") or None
    engine, org, _ = prepare(SCALE_ACTIVITIES, url, 5, reuse=True)
    store = Store(engine)
    registry = build_registry()
    processor = CommandProcessor(store, registry, FORM_HANDLERS)
    origin = Origin(org.workspace.platform, org.workspace.external_id, org.workspace.name, None, True)
    _, manager, _ = org.teams[0]
    sender = Sender(_platform_id(engine, manager), "Bench manager")
    backend = engine.url.get_backend_name()
    print(f"database: {backend}, {SCALE_ACTIVITIES:,} activities, rounds: {rounds}")
    for command in SCALE_COMMANDS:
        if command.split()[0] not in registry.specs:
            print(f"{command:45s} (no such command here: not measured)")
            continue
        p50 = timed(processor, sender, origin, command, rounds)
        summary(f"{command.split()[0]} team p50 ({backend}, 1M activities)" if command != "find acme"
                else f"find p50 ({backend}, 1M activities)", f"{p50:.2f} ms", f"<= {SCALE_TARGET:.0f} ms",
                p50 <= SCALE_TARGET)


def _platform_id(engine, person_id: int) -> str:
    from sqlmodel import Session
    from storage.models import Person
    with Session(engine) as session:
        return session.get(Person, person_id).platform_user_id


def timed(processor: CommandProcessor, sender: Sender, origin: Origin, command: str, rounds: int) -> float:
    """Run `command` `rounds` times after a warm-up; print and return its p50 in ms."""
    for _ in range(3):
        reply = processor.handle(Request(command, sender, origin))
    if reply.is_error:
        print(f"  {command!r} answered an error: {reply.text[:120]}")
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        processor.handle(Request(command, sender, origin))
        samples.append((time.perf_counter() - started) * 1000)
    p50 = percentile(samples, 0.5)
    print(f"{command:45s} p50 {p50:6.2f} ms   p99 {percentile(samples, 0.99):6.2f} ms", flush=True)
    return p50


def timed_keyed(processor: CommandProcessor, sender: Sender, origin: Origin, command: str, rounds: int) -> float:
    """`timed` as a slash command arrives: each delivery with its own replay key, claimed in its transaction."""
    samples = []
    for n in range(rounds + 3):
        request = Request(command, sender, origin, once_key=f"bench-{time.time_ns()}-{n}")
        started = time.perf_counter()
        processor.handle(request)
        samples.append((time.perf_counter() - started) * 1000)
    samples = samples[3:]
    p50 = percentile(samples, 0.5)
    label = command.split('"')[0] + "(replay key)"
    print(f"{label:45s} p50 {p50:6.2f} ms   p99 {percentile(samples, 0.99):6.2f} ms", flush=True)
    return p50


def count_statements(engine, processor: CommandProcessor, sender: Sender, origin: Origin, command: str,
                     once_key: str | None = None) -> int:
    """SQL statements one (warm) run of `command` sends, transaction control left out."""
    statements: list[str] = []

    def record(_conn, _cursor, statement, _params, _context, _many):
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "PRAGMA")):
            statements.append(statement)
    event.listen(engine, "before_cursor_execute", record)
    try:
        processor.handle(Request(command, sender, origin, once_key=once_key))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(statements)


def summary(what: str, measured: str, target: str, ok: bool) -> None:
    print(summary_row(what, measured, target, ok), flush=True)


if __name__ == "__main__":
    main()
