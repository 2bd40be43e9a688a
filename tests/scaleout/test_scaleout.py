"""Scale-out on one PostgreSQL database: two `salesbot serve --no-scheduler` and two `salesbot clock` processes
against the fake Slack. Signed commands go to both web processes; the leading clock is killed with SIGKILL in the
middle of a digest fan-out to 200 channels; the standby takes over and every channel reads its digest once.

Runs with SALESBOT_SCALEOUT_TESTS=1 and DATABASE_URL naming PostgreSQL (`.ci/run` does; about a minute)."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import aiohttp
import pytest
from sqlalchemy import text

from tests.slack.signed import SECRET, SlackSender, captured
from tests.slack.test_slack_serve import free_port
from tests.support.databases import postgres_url, reset_postgres

pytestmark = [pytest.mark.scaleout,
              pytest.mark.skipif(not (os.environ.get("SALESBOT_SCALEOUT_TESTS") and postgres_url()),
                                 reason="set SALESBOT_SCALEOUT_TESTS=1 and DATABASE_URL to a PostgreSQL database")]

ROOT = Path(__file__).resolve().parents[2]
RECIPIENTS = 200
DEALS = 60
REPLAYED = 10


class Processes:
    """salesbot processes on loopback ports; each is killed (by its own pid) when the test ends."""

    def __init__(self, env: dict, logs: Path) -> None:
        self.env, self.logs, self.running = env, logs, []

    def start(self, name: str, *arguments: str) -> tuple[subprocess.Popen, str]:
        port = free_port()
        log = open(self.logs / f"{name}.log", "wb")
        process = subprocess.Popen([sys.executable, "-m", "bot.cli", *arguments, "--host", "127.0.0.1", "--port",
                                    str(port)], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self.running.append(process)
        return process, f"http://127.0.0.1:{port}"

    def stop(self) -> None:
        for process in self.running:
            if process.poll() is None:
                process.kill()
            process.wait(timeout=10)


async def role(http: aiohttp.ClientSession, url: str) -> str | None:
    """`leader`, `standby` or `off` from /healthz; None while the process does not answer."""
    try:
        async with http.get(url + "/healthz", timeout=aiohttp.ClientTimeout(total=2)) as response:
            return (await response.json())["scheduler"]
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return None


async def until(condition, seconds: float, what: str, step: float = 0.05):
    for _ in range(int(seconds / step)):
        value = await condition()
        if value:
            return value
        await asyncio.sleep(step)
    raise AssertionError(f"gave up waiting: {what}")


def this_minute() -> str:
    """The current minute in Lisbon (the fake Slack users' zone): a daily digest made now is due at once."""
    return f"{datetime.now(ZoneInfo('Europe/Lisbon')):%H:%M}"


class Senders:
    """Signed slash commands alternating between the two web processes, each with its own trigger id."""

    def __init__(self, http, urls: list[str], fake_url: str) -> None:
        self.senders = [SlackSender(http, url, fake_url) for url in urls]
        self.senders[1]._triggers = 10 ** 6  # trigger ids are unique across both, as Slack's are
        self.sent = 0

    async def command(self, text: str, **where) -> dict:
        self.sent += 1
        return await self.senders[self.sent % 2].command(text, **where)

    async def replayed(self, n: int, text: str, user: str, channel: str) -> None:
        """One signed request (one trigger id) delivered to both web processes at once, as a Slack retry can be."""
        first, second = self.senders
        fields = captured("slack_payload_slash_command.urlencoded") | {
            "command": "/sales", "text": text, "user_id": user, "channel_id": channel,
            "response_url": first.response_url(), "trigger_id": f"99999.{n}.replayed"}
        answers = await asyncio.gather(first.form(fields), second.form(fields))
        assert [answer.status for answer in answers] == [200, 200]


async def subscribe_everyone(senders: Senders) -> None:
    if datetime.now(timezone.utc).second >= 50:  # every subscription inside the minute it names
        await asyncio.sleep(61 - datetime.now(timezone.utc).second)
    for n in range(RECIPIENTS):
        if n % 4 == 0:
            await senders.command(f'deal add "Scale {n}" {n + 1}k', user=f"U{n:04d}", channel=f"C{n:04d}")
        await senders.command(f"digest subscribe daily {this_minute()} here", user=f"U{n:04d}", channel=f"C{n:04d}")


async def test_the_standby_finishes_a_killed_leaders_fan_out_and_everything_happens_once(fake_slack, http,
                                                                                        postgres_engine, tmp_path):
    reset_postgres(postgres_engine)
    env = dict(os.environ) | {
        "DATABASE_URL": postgres_url(), "SLACK_SIGNING_SECRET": SECRET, "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": fake_slack.url, "SALESBOT_CLOCK_TICK": "1", "SALESBOT_CLOCK_POLL": "1",
        "SALESBOT_SLACK_POSTS_PER_MINUTE": "6000"}
    processes = Processes(env, tmp_path)
    try:
        webs = [processes.start(f"web{n}", "serve", "--no-scheduler")[1] for n in (1, 2)]
        for url in webs:
            assert await until(lambda: role(http, url), 30, f"{url} up") == "off"
        senders = Senders(http, webs, fake_slack.url)
        await subscribe_everyone(senders)
        fake_slack.post_delay = 0.2  # each post sits in its channel a moment before Slack answers
        clocks = dict(processes.start(f"clock{n}", "clock") for n in (1, 2))

        async def leader():
            roles = {url: await role(http, url) for url in clocks.values()}
            return [url for url, got in roles.items() if got == "leader"] if "standby" in roles.values() else None
        (leading,) = await until(leader, 30, "one clock leading, one standing by")
        digests = lambda: sum(1 for m in fake_slack.history.values() for p in m if "metadata" in p)  # noqa: E731
        deals = [senders.command(f'deal add "During {n}" 2k', user=f"U{n:04d}", channel=f"C{n:04d}")
                 for n in range(DEALS)]
        replays = [senders.replayed(n, f'deal add "Twice {n}" 3k', user=f"U{n:04d}", channel=f"C{n:04d}")
                   for n in range(REPLAYED)]
        commands = asyncio.gather(*deals, *replays)

        async def mid_fan_out():
            return 40 <= digests() < RECIPIENTS - 40 and fake_slack.unanswered
        await until(mid_fan_out, 60, "the fan-out under way with posts awaiting Slack's answer", step=0.01)
        leader_process = next(p for p, url in clocks.items() if url == leading)
        leader_process.send_signal(signal.SIGKILL)
        posted_unmarked, posted_at_kill = set(fake_slack.unanswered), digests()
        standby = next(url for url in clocks.values() if url != leading)
        await until(lambda: role(http, standby), 10, "the standby answering")
        assert await until(lambda: _is(role(http, standby), "leader"), 15, "the standby taking the lead")
        await commands
        await until(lambda: _true(digests() >= RECIPIENTS), 60, "every digest delivered", step=0.1)
        await asyncio.sleep(3)  # three more ticks: a duplicate would show now
    finally:
        processes.stop()

    assert posted_unmarked and posted_at_kill < RECIPIENTS
    for n in range(RECIPIENTS):
        keys = [m["metadata"]["event_payload"]["key"] for m in fake_slack.posts_to(f"C{n:04d}") if "metadata" in m]
        assert len(keys) == 1 and keys[0].startswith("digest:"), (n, keys)
    with postgres_engine.connect() as connection:
        names = [row[0] for row in connection.execute(text("SELECT name FROM deal"))]
        schedules = connection.execute(text("SELECT count(*) FROM schedule WHERE kind = 'digest'")).scalar()
        senders_of = dict(connection.execute(text(
            "SELECT holder, count(*) FROM schedule_delivery WHERE status = 'sent' GROUP BY holder")).all())
    expected = ([f"Scale {n}" for n in range(0, RECIPIENTS, 4)] + [f"During {n}" for n in range(DEALS)]
                + [f"Twice {n}" for n in range(REPLAYED)])
    assert sorted(names) == sorted(expected)  # each command stored once, replays included
    assert schedules == RECIPIENTS
    assert len(senders_of) == 2 and sum(senders_of.values()) == RECIPIENTS  # both clocks delivered a share


async def _is(awaitable, expected):
    return await awaitable == expected


async def _true(value):
    return value
