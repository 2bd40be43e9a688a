"""Digest fan-out at the platforms' limits: N channel digests and N DMs per platform through the real scheduler
tick, ledger and Messengers, against fake Slack / Bot Connector servers that enforce the documented rate limits,
throttle 10% of posts (429 + Retry-After) and fail 1% (500). Prints elapsed time against the rate-limit lower
bound, duplicates and losses.

Usage: .venv/bin/python bench/fanout.py [--count 1000] [--workspaces 10] [--platform slack|teams|both] [--db URL]
(the database defaults to DATABASE_URL, emptied first, or else a fresh SQLite file). The CPU seconds the process
spent in the fan-out (fake servers included) are printed too: on a busy machine they vary less than the elapsed time.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
import math
import os
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from adapters.slack.messenger import SlackMessenger  # noqa: E402
from adapters.slack.pacing import workspace_pacer  # noqa: E402
from adapters.teams.conversations import dump_reference  # noqa: E402
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
from tests.slack.fake_slack import FakeSlack  # noqa: E402
from tests.support.databases import reset_postgres  # noqa: E402
from tests.teams.conftest import start_site  # noqa: E402
from tests.teams.fake_connector import FakeConnector  # noqa: E402

DUE = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)  # a Monday, 09:00 UTC: inside everyone's quiet hours
PER_CHANNEL = 5  # channel digests share channels, so the per-channel limit counts too
KEY = re.compile(r"\[(digest:[^\]]+)\]")
LIMITS = {  # platform: (per-destination rate/s, burst), (per-workspace rate/s, burst)
    "slack": ((1.0, 3), (600 / 60, 10)),  # 1/s per channel; "several hundred a minute" per workspace
    "teams": ((7.0, 7), (30.0, 30)),  # 7/s per conversation, 30/s per tenant
}


class Bucket:
    """A token bucket, as the platforms enforce their limits."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst, self.tokens, self.at = rate, burst, float(burst), time.monotonic()

    def wait(self) -> float:
        """0 and take a token if one is there, else the seconds until one is."""
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


class Limits:
    """Refuses a post the way the platform would: 1% 500, 10% 429, else the per-destination and workspace limits."""

    def __init__(self, platform: str, rng: random.Random) -> None:
        (self.each, self.whole), self.rng = LIMITS[platform], rng
        self.buckets: dict[str, Bucket] = {}
        self.refused = Counter()

    def check(self, destination: str, workspace: str) -> tuple[int, dict] | None:
        roll = self.rng.random()
        if roll < 0.01:
            return self._refuse(500, "outage", 0)
        if roll < 0.11:
            return self._refuse(429, "random", 1)
        for key, (rate, burst) in ((f"c:{destination}", self.each), (f"w:{workspace}", self.whole)):
            bucket = self.buckets.setdefault(key, Bucket(rate, burst))
            wait = bucket.wait()
            if wait:
                return self._refuse(429, key[0], max(1, math.ceil(wait)))
        return None

    def _refuse(self, status: int, why: str, retry_after: int) -> tuple[int, dict]:
        self.refused[f"{status} {why}"] += 1
        return status, ({"Retry-After": str(retry_after)} if status == 429 else {})


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


async def slack_side(store: Store, limits: Limits):
    fake = FakeSlack()
    fake.gate = lambda method, args, token: (limits.check(args.get("channel", ""), token or "")
                                              if method == "chat.postMessage" else None)
    await fake.start()

    async def token(team_id: str) -> str:
        return f"xoxb-{team_id}"
    pace = round(LIMITS["slack"][1][0] * 60)
    messenger = SlackMessenger(token, fake.url, workspace=workspace_pacer(pace))

    def keys() -> list[str]:
        return [m["metadata"]["event_payload"]["key"] for ms in fake.history.values() for m in ms
                if "metadata" in m]
    return messenger, keys, fake.stop


async def teams_side(store: Store, limits: Limits, channels: list, people: list):
    fake = FakeConnector()

    def gate(cid: str, body: dict):
        return limits.check(cid, (body.get("conversation") or {}).get("tenantId", ""))
    fake.gate = gate
    runner, url = await start_site(fake.app())
    fake.url = url + "/"
    remember_references(store, fake.url, channels, people)
    settings = Settings.from_env({"SALESBOT_TEAMS_NO_AUTH": "1", "DATABASE_URL": "sqlite://"})
    messenger = assemble(settings, store, CommandProcessor(store, build_registry(), FORM_HANDLERS)).messengers["teams"]

    def keys() -> list[str]:
        return [key for sent in fake.posts() for key in KEY.findall(json.dumps(sent.body))]

    async def stop() -> None:
        await messenger.close()
        await runner.cleanup()
    return messenger, keys, stop


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


async def run(platform: str, store: Store, count: int, workspaces: int, seed_s: float, channels, people) -> None:
    limits = Limits(platform, random.Random(7))
    if platform == "slack":
        messenger, keys, stop = await slack_side(store, limits)
    else:
        messenger, keys, stop = await teams_side(store, limits, channels, people)
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
        await stop()
    posted = Counter(keys())
    bound = lower_bound(platform, channels, people)
    duplicates = sum(n - 1 for n in posted.values() if n > 1)
    lost = 2 * count - len(posted)
    print(f"{platform:5} {count} channel + {count} DM digests, {workspaces} workspaces: elapsed {elapsed:.1f} s, "
          f"bound {bound:.1f} s ({elapsed / bound if bound else float('nan'):.2f}x), cpu {cpu:.1f} s, duplicates {duplicates}, "
          f"lost {lost}, ledger sent {sent}, ticks {ticks}, refused {dict(limits.refused)} (seeding {seed_s:.0f} s)")


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
                        people))


if __name__ == "__main__":
    main()
