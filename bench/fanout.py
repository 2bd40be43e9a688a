"""Digest fan-out at the platforms' limits: N channel digests and N DMs per platform through the real scheduler
tick, ledger and Messengers, against fake Slack / Bot Connector servers that enforce the documented rate limits,
throttle 10% of posts (429 + Retry-After) and fail 1% (500). Prints elapsed time against the rate-limit lower
bound, duplicates and losses, and beside them the floor an ideal client would reach (bench/fanout_floor.py).

The fake servers run in a process of their own (bench/rate_limited_fakes.py), as the remote services they stand
for do; until 3 December 2026 they ran inside the bot's process and their CPU counted against it. What they
enforce is unchanged: the same buckets, refusals and random draws.

Usage: .venv/bin/python bench/fanout.py [--count 1000] [--workspaces 10] [--platform slack|teams|both] [--db URL]
(the database defaults to DATABASE_URL, emptied first, or else a fresh SQLite file). The CPU seconds the bot's
process spent in the fan-out are printed too: on a busy machine they vary less than the elapsed time.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.slack.messenger import SlackMessenger  # noqa: E402
from adapters.slack.pacing import workspace_pacer  # noqa: E402
from adapters.teams.conversations import dump_reference  # noqa: E402
from bench.fanout_floor import floor_summary  # noqa: E402
from bench.rate_limited_fakes import LIMITS, FakePlatform  # noqa: E402
from bench.summary import summary_row  # noqa: E402
from bot.bootstrap import assemble  # noqa: E402
from bot.scheduler.engine import Ticker  # noqa: E402
from bot.settings import Settings  # noqa: E402
from handlers.commands import FORM_HANDLERS, build_registry  # noqa: E402
from handlers.context import Origin, Request, Sender  # noqa: E402
from handlers.processor import CommandProcessor  # noqa: E402
from handlers.reply import Reply  # noqa: E402
from storage.database import make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.store import Store  # noqa: E402
from tests.support.databases import reset_postgres  # noqa: E402

DUE = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)  # a Monday, 09:00 UTC: inside everyone's quiet hours
PER_CHANNEL = 5  # channel digests share channels, so the per-channel limit counts too
TARGET_RATIO = 1.2  # elapsed within this many times the rate-limit lower bound, none duplicated or lost


def seed(store: Store, platform: str, workspaces: int, count: int) -> tuple[list, list]:
    """`count` channel and `count` DM subscriptions spread over the workspaces; returns (channels, people)."""
    processor = CommandProcessor(store, build_registry(), FORM_HANDLERS)
    channels, people = [], []
    for n in range(2 * count):
        pair = n // 2
        workspace, channel = f"W{pair % workspaces:02d}", f"C{pair % workspaces:02d}{pair // workspaces // PER_CHANNEL:04d}"
        user = f"U{n:05d}"
        where = "here" if n % 2 == 0 else "dm"
        origin = Origin(platform, workspace, workspace, channel)
        processor.handle(Request(f"digest subscribe daily 09:00 {where}", Sender(user, user, "UTC"), origin,
                                 received_at=DUE - timedelta(hours=1)))
        (channels if where == "here" else people).append((workspace, channel if where == "here" else user))
    return channels, people


def lower_bound(platform: str, channels: list, people: list) -> float:
    """Seconds the limits alone impose: the slowest destination's or workspace's queue, bursts allowed."""
    (each_rate, each_burst), (whole_rate, whole_burst) = LIMITS[platform]
    per_destination = Counter(channels) + Counter(people)
    per_workspace = Counter(workspace for workspace, _ in channels + people)
    return max([max(0, n - each_burst) / each_rate for n in per_destination.values()]
               + [max(0, n - whole_burst) / whole_rate for n in per_workspace.values()])


def composer(ws, job, now) -> Reply | None:
    # Composing is measured by bench/scheduler_tick.py; here a digest only names its key, to count it (and the
    # Monday nudges, which have nothing to say here, are skipped).
    return Reply(text=f"Digest [{job.key}]") if job.kind == "digest" else None


async def slack_side(url: str):
    async def token(team_id: str) -> str:
        return f"xoxb-{team_id}"
    pace = round(LIMITS["slack"][1][0] * 60)
    return SlackMessenger(token, url, workspace=workspace_pacer(pace)), None


async def teams_side(store: Store, url: str, channels: list, people: list):
    remember_references(store, url, channels, people)
    settings = Settings.from_env({"SALESBOT_TEAMS_NO_AUTH": "1", "DATABASE_URL": "sqlite://"})
    messenger = assemble(settings, store, CommandProcessor(store, build_registry(), FORM_HANDLERS)).messengers["teams"]
    return messenger, messenger.close


def remember_references(store: Store, service_url: str, channels: list, people: list) -> None:
    """What the bot would have stored when added to each channel and personal chat."""
    now = DUE - timedelta(hours=1)
    for tenant, conversation in sorted(set(channels)):
        with store.workspace("teams", tenant) as ws:
            ws.conversations.remember("teams", conversation, "channel", _reference(service_url, tenant, conversation),
                                      now)
    for tenant, user in people:
        with store.workspace("teams", tenant) as ws:
            person = ws.people.by_platform_id(user)
            ws.conversations.remember("teams", f"a:{user}", "personal",
                                      _reference(service_url, tenant, f"a:{user}", user), now, person.id)


def _reference(service_url: str, tenant: str, conversation: str, user: str | None = None) -> str:
    reference = {"serviceUrl": service_url, "channelId": "msteams", "bot": {"id": "28:salesbot", "name": "salesbot"},
                 "conversation": {"id": conversation, "tenantId": tenant,
                                  "conversationType": "personal" if user else "channel"}}
    return dump_reference(reference | ({"user": {"id": user}} if user else {}))


async def run(platform: str, store: Store, count: int, workspaces: int, seed_s: float, channels, people,
              fake: FakePlatform) -> None:
    url = fake.start()
    if platform == "slack":
        messenger, close = await slack_side(url)
    else:
        messenger, close = await teams_side(store, url, channels, people)
    ticker = Ticker(store, {platform: messenger}, f"bench-{platform}", composer=composer)
    began, cpu, ticks, sent = time.perf_counter(), time.process_time(), 0, 0
    try:
        while ticks < 4:  # later ticks pick up ledger retries (an exhausted 500), on a clock 3 minutes on each
            report = await ticker.tick(DUE + timedelta(minutes=3 * ticks))
            ticks, sent = ticks + 1, sent + len(report.sent)
            if not report.failed:
                break
        elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    finally:
        if close:
            await close()
        keys, refused = fake.finish()
    posted = Counter(keys)
    bound = lower_bound(platform, channels, people)
    duplicates = sum(n - 1 for n in posted.values() if n > 1)
    lost = 2 * count - len(posted)
    print(f"{platform:5} {count} channel + {count} DM digests, {workspaces} workspaces: elapsed {elapsed:.1f} s, "
          f"bound {bound:.1f} s ({elapsed / bound if bound else float('nan'):.2f}x), cpu {cpu:.1f} s, duplicates {duplicates}, "
          f"lost {lost}, ledger sent {sent}, ticks {ticks}, refused {refused} (seeding {seed_s:.0f} s)")
    print(floor_summary(platform, channels, people, bound))  # what the refusals' Retry-After alone costs
    ratio = elapsed / bound if bound else float("nan")
    print(summary_row(f"fan-out {platform} ({store.engine.dialect.name})",
                      f"{ratio:.2f}x the bound ({elapsed:.1f} s / {bound:.1f} s), {duplicates} duplicates, {lost} lost",
                      f"<= {TARGET_RATIO}x, none", ratio <= TARGET_RATIO and duplicates == 0 and lost == 0), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="channel digests and DMs per platform")
    parser.add_argument("--workspaces", type=int, default=10)
    parser.add_argument("--platform", choices=("slack", "teams", "both"), default="both")
    parser.add_argument("--db", default=None, help="database URL (default: DATABASE_URL, else a fresh SQLite file)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)  # each 500 and retry is logged as a warning: too many to read
    logging.getLogger("microsoft_agents").setLevel(logging.CRITICAL)  # it logs every 429 it passes back
    engine = make_engine(args.db or os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/fanout.db")
    upgrade(engine)
    if engine.dialect.name == "postgresql":
        reset_postgres(engine)  # a database of its own, emptied: the seeded subscriptions are all there is
    store = Store(engine)
    for platform in (("slack", "teams") if args.platform == "both" else (args.platform,)):
        began = time.perf_counter()
        channels, people = seed(store, platform, args.workspaces, args.count)
        asyncio.run(run(platform, store, args.count, args.workspaces, time.perf_counter() - began, channels,
                        people, FakePlatform(platform)))


if __name__ == "__main__":
    main()
