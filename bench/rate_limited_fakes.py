"""The fake Slack Web API and Bot Connector of bench/fanout.py with the platforms' rate limits, served from a process
of their own: they stand for remote services, so their CPU is not the bot's (the machine has 2 cores)."""
from __future__ import annotations

import asyncio
import json
import math
import multiprocessing
import random
import re
import time
from collections import Counter

LIMITS = {  # platform: (per-destination rate/s, burst), (per-workspace rate/s, burst)
    "slack": ((1.0, 3), (600 / 60, 10)),  # 1/s per channel; "several hundred a minute" per workspace
    "teams": ((7.0, 7), (30.0, 30)),  # 7/s per conversation, 30/s per tenant
}
KEY = re.compile(r"\[(digest:[^\]]+)\]")


class Bucket:
    """A token bucket, as the platforms enforce their limits."""

    def __init__(self, rate: float, burst: int, clock=time.monotonic) -> None:
        self.rate, self.burst, self.tokens, self.clock = rate, burst, float(burst), clock
        self.at = clock()

    def wait(self) -> float:
        """0 and take a token if one is there, else the seconds until one is."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.at) * self.rate)
        self.at = now
        if self.tokens >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


class Limits:
    """Refuses a post the way the platform would: 1% 500, 10% 429, else the per-destination and workspace limits."""

    def __init__(self, platform: str, rng: random.Random, clock=time.monotonic) -> None:
        (self.each, self.whole), self.rng, self.clock = LIMITS[platform], rng, clock  # clock: bench/fanout_floor.py
        self.buckets: dict[str, Bucket] = {}
        self.refused = Counter()

    def check(self, destination: str, workspace: str) -> tuple[int, dict] | None:
        roll = self.rng.random()
        if roll < 0.01:
            return self._refuse(500, "outage", 0)
        if roll < 0.11:
            return self._refuse(429, "random", 1)
        for key, (rate, burst) in ((f"c:{destination}", self.each), (f"w:{workspace}", self.whole)):
            bucket = self.buckets.setdefault(key, Bucket(rate, burst, self.clock))
            wait = bucket.wait()
            if wait:
                return self._refuse(429, key[0], max(1, math.ceil(wait)))
        return None

    def _refuse(self, status: int, why: str, retry_after: int) -> tuple[int, dict]:
        self.refused[f"{status} {why}"] += 1
        return status, ({"Retry-After": str(retry_after)} if status == 429 else {})


class FakePlatform:
    """The rate-limited fake of `platform` in a child process: `start()` gives its URL, `finish()` stops it and
    gives back what it saw (the delivery key of every accepted post, and how many calls it refused, by why)."""

    def __init__(self, platform: str) -> None:
        context = multiprocessing.get_context("spawn")  # a clean interpreter: nothing of the bot's state
        self.pipe, child = context.Pipe()
        self.process = context.Process(target=serve, args=(platform, child), daemon=True)

    def start(self) -> str:
        self.process.start()
        return self.pipe.recv()

    def finish(self) -> tuple[list[str], dict]:
        self.pipe.send("stop")
        keys, refused = self.pipe.recv()
        self.process.join(10)
        return keys, refused


def serve(platform: str, pipe) -> None:
    """The child process: serve until told to stop, then send back the keys posted and the refusals."""
    asyncio.run(_serve(platform, pipe))


async def _serve(platform: str, pipe) -> None:
    limits = Limits(platform, random.Random(7))
    url, keys, stop = await (_slack(limits) if platform == "slack" else _teams(limits))
    pipe.send(url)
    await asyncio.get_running_loop().run_in_executor(None, pipe.recv)
    pipe.send((keys(), dict(limits.refused)))
    await stop()


async def _slack(limits: Limits):
    from tests.slack.fake_slack import FakeSlack

    fake = FakeSlack()
    fake.gate = lambda method, args, token: (limits.check(args.get("channel", ""), token or "")
                                              if method == "chat.postMessage" else None)
    await fake.start()

    def keys() -> list[str]:
        return [m["metadata"]["event_payload"]["key"] for ms in fake.history.values() for m in ms
                if "metadata" in m]
    return fake.url, keys, fake.stop


async def _teams(limits: Limits):
    from tests.teams.conftest import start_site
    from tests.teams.fake_connector import FakeConnector

    fake = FakeConnector()
    fake.gate = lambda cid, body: limits.check(cid, (body.get("conversation") or {}).get("tenantId", ""))
    runner, url = await start_site(fake.app())

    def keys() -> list[str]:
        return [key for sent in fake.posts() for key in KEY.findall(json.dumps(sent.body))]
    return url + "/", keys, runner.cleanup
