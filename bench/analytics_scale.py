"""Benchmark: every rep's and manager's daily digest numbers (kpi, funnel, risks) on a synthetic sales org.

Builds 50 teams, 500 reps, 100,000 deals, 1,000,000 activities and about 400,000 stage changes into a fresh
SQLite file under /tmp (or the database DATABASE_URL names, in a workspace of its own), computes the data of
all 550 digests as the morning batch does (the workspace history, then every digest from one set of grouped
statements: storage/analytics/batch.py), then does the same at 10,000 activities. The last lines are the results:

    .venv/bin/python bench/analytics_scale.py [--reuse] [--one-at-a-time]

--one-at-a-time times the digests one after the other instead (`digest_report` per digest), for comparison.

Targets: all 550 digests within 0.5 s on SQLite (1 s on PostgreSQL) at 1,000,000 activities, and that total
no more than 1.5x the total at 10,000; the last lines are `summary:` rows that `make bench` gathers.
"""
from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy.engine import Engine  # noqa: E402
from sqlalchemy.exc import NoResultFound  # noqa: E402
from sqlmodel import Session  # noqa: E402

from bench.analytics_org import NOW, Org, find_org, seed_org  # noqa: E402
from bench.summary import summary_row  # noqa: E402
from bot.settings import Settings  # noqa: E402
from handlers.analytics.periods import parse_period  # noqa: E402
from handlers.scope import Scope  # noqa: E402
from storage.analytics import digest_report, history  # noqa: E402
from storage.analytics.batch import digest_reports  # noqa: E402
from storage.database import DEFAULT_DATABASE_URL, make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.statistics import gather_statistics  # noqa: E402
from storage.models import Workspace  # noqa: E402

PASSES = 5  # timing passes per org, alternating between the orgs; the median pass is reported
BATCH_SECONDS = {"sqlite": 0.5, "postgresql": 1.0}  # every digest of the big org, in total
BATCH_RATIO = 1.5  # the big org's total over the small one's


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--activities", type=int, default=1_000_000, help="activities at the large scale")
    parser.add_argument("--small", type=int, default=10_000, help="activities at the small scale")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="time the orgs a previous run built")
    parser.add_argument("--one-at-a-time", action="store_true", help="one digest after the other, not the batch")
    args = parser.parse_args()
    settings = Settings.from_env()
    url = settings.database_url if settings.database_url != DEFAULT_DATABASE_URL else None
    orgs = [prepare(activities, url, args.seed, args.reuse) for activities in (args.activities, args.small)]
    results = time_interleaved(orgs, one_pass=_one_at_a_time if args.one_at_a_time else _batch_pass)
    for engine, _, _ in orgs:
        engine.dispose()
    print()
    for line in report(results):
        print(line)
    return 0


def prepare(activities: int, url: str | None, seed: int, reuse: bool = False) -> tuple[Engine, Org, int]:
    """Build one org (or find the one built before), ready to be timed."""
    path = Path(tempfile.gettempdir()) / f"salesbot-bench-{activities}.db"  # TMPDIR keeps runs apart
    if reuse and (url is not None or path.exists()):
        engine = make_engine(url or f"sqlite:///{path}")
        upgrade(engine)  # an org built under an older schema is brought to head first
        engine = _settled(engine)
        try:
            return engine, find_org(engine, f"bench-{activities}"), activities
        except NoResultFound:  # not built in this database yet (or a test run emptied it): build it
            engine.dispose()
    engine = _engine(url, path)
    started = time.perf_counter()
    org = seed_org(engine, activities // 10, activities, random.Random(seed))
    print(f"built {activities:,} activities, {activities // 10:,} deals, {org.stage_changes:,} stage changes "
          f"in {time.perf_counter() - started:.1f} s", flush=True)
    return _settled(engine), org, activities


def _engine(url: str | None, path: Path) -> Engine:
    if url is None:
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    engine = make_engine(url)
    upgrade(engine)
    return engine


def _settled(engine: Engine) -> Engine:
    """The database at rest, as the digest job finds it: the bulk load's WAL folded in (SQLite), the
    planner's statistics gathered (as the scheduler does at start and every few hours, and PostgreSQL's
    autovacuum shortly), written to disk, fresh connections."""
    gather_statistics(engine)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    url = engine.url
    engine.dispose()
    os.sync()  # the bulk load's dirty pages written out now, not by the kernel in the middle of the timing
    gc.collect()
    return make_engine(url.render_as_string(hide_password=False))


def time_interleaved(orgs: list[tuple[Engine, Org, int]], passes: int = PASSES, one_pass=None) -> list[dict]:
    """Time every rep's and manager's digest of each org, `passes` times, alternating between the orgs so
    both see the same machine; per org the median pass (by total) is reported."""
    runs: list[list[dict]] = [[] for _ in orgs]
    for _ in range(passes):
        for index, (engine, org, _) in enumerate(orgs):
            runs[index].append((one_pass or _batch_pass)(engine, org))
    results = []
    for (_, org, activities), passes_of_org in zip(orgs, runs):
        median = sorted(passes_of_org, key=lambda run: run["total"])[len(passes_of_org) // 2]
        results.append({"activities": activities, "deals": activities // 10, "changes": org.stage_changes,
                        **median})
    return results


def digest_scopes(org: Org) -> list[Scope]:
    """Every rep's own scope and every manager's team."""
    scopes = [Scope(f"rep {rep}", frozenset({rep}), person_id=rep) for rep in org.reps]
    return scopes + [Scope(f"team {team}", frozenset(members), team_ids=(team,)) for team, _, members in org.teams]


def _windows():
    zone, today = ZoneInfo("UTC"), NOW.date()
    return today, parse_period("month", today, zone), parse_period("30d", today, zone)


def _batch_pass(engine: Engine, org: Org) -> dict:
    """The workspace history, then every digest's numbers from one set of grouped statements, timed."""
    today, kpi_window, funnel_window = _windows()
    scopes = digest_scopes(org)
    with Session(engine) as session:
        workspace = session.get(Workspace, org.workspace.id)
        started = time.perf_counter()
        shared = history(session, workspace.id, NOW, funnel_window.days)
        history_seconds = time.perf_counter() - started
        reports = digest_reports(session, workspace, scopes, kpi_window, funnel_window, funnel_window.previous(),
                                 shared, NOW, today)
        total = time.perf_counter() - started
    return {"total": total, "history": history_seconds, "digests": len(reports), "p50": None, "p99": None}


def _one_at_a_time(engine: Engine, org: Org) -> dict:
    """The workspace history once (every digest shares it), then each digest, one after the other, timed."""
    today, kpi_window, funnel_window = _windows()
    scopes = digest_scopes(org)
    with Session(engine) as session:
        workspace = session.get(Workspace, org.workspace.id)
        started = time.perf_counter()
        shared = history(session, workspace.id, NOW, funnel_window.days)
        history_seconds = time.perf_counter() - started
        each = []
        for scope in scopes:
            begun = time.perf_counter()
            digest_report(session, workspace, scope, kpi_window, funnel_window, funnel_window.previous(),
                           shared, NOW, today)
            each.append(time.perf_counter() - begun)
        total = time.perf_counter() - started
    return {"total": total, "history": history_seconds, "digests": len(each), "p50": statistics.median(each),
            "p99": statistics.quantiles(each, n=100)[98]}


def report(results: list[dict]) -> list[str]:
    lines = []
    for r in results:
        each = ("" if r["p50"] is None else
                f"; per digest p50 {r['p50'] * 1000:.1f} ms, p99 {r['p99'] * 1000:.1f} ms")
        lines.append(f"{r['activities']:>9,} activities ({r['deals']:,} deals, {r['changes']:,} stage changes), "
                     f"median of {PASSES} passes: "
                     f"{r['digests']} digests in {r['total']:.2f} s total (workspace history {r['history']:.2f} s)"
                     + each)
    large, small = results
    lines.append(f"total at {large['activities']:,}: {large['total']:.2f} s; at {small['activities']:,}: "
                 f"{small['total']:.2f} s")
    backend, limit = (("postgresql", BATCH_SECONDS["postgresql"]) if os.environ.get("DATABASE_URL", "")
                      .startswith("postgres") else ("sqlite", BATCH_SECONDS["sqlite"]))
    ratio = large["total"] / small["total"]
    lines.append(summary_row(f"morning batch, {large['digests']} digests at {large['activities']:,} ({backend})",
                          f"{large['total']:.2f} s", f"<= {limit} s", large["total"] <= limit))
    lines.append(summary_row(f"morning batch {large['activities']:,} / {small['activities']:,} ({backend})",
                          f"{ratio:.2f}x", f"<= {BATCH_RATIO}x", ratio <= BATCH_RATIO))
    return lines


if __name__ == "__main__":
    sys.exit(main())
