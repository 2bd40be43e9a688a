"""Exactly once across a crash on Slack: every scheduled post carries its delivery key in message metadata, and a
claim taken over from a dead scheduler looks for that key in the channel's history before posting again."""
from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from adapters.slack.pacing import RateLimitRetry
from bot.scheduler.engine import Ticker
from bot.scheduler.fanout import PER_WORKSPACE
from bot.scheduler.runner import scheduler_for
from storage.schedules.ledger import Ledger
from tests.schedules.support import Crash
from tests.slack.signed import CHANNEL, USER

DM = f"D{USER}"  # the fake Slack opens this DM for the user (conversations.open)


class DiesAfterPosting:
    """The real Slack Messenger in a process that dies the moment Slack accepted the post, before it is marked."""

    platform = "slack"

    def __init__(self, messenger) -> None:
        self.messenger = messenger

    async def send(self, destination, reply):
        await self.messenger.send(destination, reply)
        raise Crash()


class DiesBeforePosting(DiesAfterPosting):
    async def send(self, destination, reply):
        raise Crash()


async def subscribe_now(bot, where: str = "here") -> datetime:
    """A daily digest due this very minute (Lisbon, the fake user's zone); returns a moment it is due at."""
    if datetime.now(timezone.utc).second >= 57:  # keep the subscription inside the minute it names
        await asyncio.sleep(4)
    local = datetime.now(ZoneInfo("Europe/Lisbon"))
    await bot.slack.command("quiet off")
    await bot.slack.command(f"digest subscribe daily {local:%H:%M} {where}")
    return datetime.now(timezone.utc) + timedelta(seconds=1)


async def crash_during_first_attempt(bot, now: datetime, dying) -> None:
    ticker = Ticker(bot.store, {"slack": dying(bot.app.messengers["slack"])}, "clock-a")
    with pytest.raises(Crash):
        await ticker.tick(now)


async def standby_ticks(bot, at: datetime):
    """The standby takes the lead (the dead leader's claims are older than its leadership) and ticks."""
    service = scheduler_for(bot.app, use_apscheduler=False, clock=lambda: at, holder="clock-b")
    try:
        assert await service.step()
        return await service.tick_now()
    finally:
        await service.stop()


def keys_posted(fake_slack, channel: str) -> list[str]:
    return [m["metadata"]["event_payload"]["key"] for m in fake_slack.posts_to(channel) if "metadata" in m]


@pytest.mark.parametrize("where, channel", [("here", CHANNEL), ("dm", DM)])
async def test_a_post_that_reached_slack_before_the_crash_is_not_sent_again(bot, fake_slack, where, channel):
    now = await subscribe_now(bot, where)
    await crash_during_first_attempt(bot, now, DiesAfterPosting)
    (key,) = keys_posted(fake_slack, channel)
    assert key.startswith("digest:") and Ledger(bot.store.engine, "x").status_of(key) == "claimed"
    report = await standby_ticks(bot, now + timedelta(minutes=1))
    assert report.sent == [key]
    assert keys_posted(fake_slack, channel) == [key]  # the person reads the digest once
    (lookup,) = fake_slack.called("conversations.history")
    assert lookup.args["channel"] == channel and lookup.args["include_all_metadata"] in ("1", "true", "True")
    assert Ledger(bot.store.engine, "x").status_of(key) == "sent"


async def test_a_claim_that_died_before_posting_is_posted_once_after_looking(bot, fake_slack):
    now = await subscribe_now(bot)
    await crash_during_first_attempt(bot, now, DiesBeforePosting)
    assert fake_slack.posts_to(CHANNEL) == []
    report = await standby_ticks(bot, now + timedelta(minutes=1))
    assert len(report.sent) == 1 and keys_posted(fake_slack, CHANNEL) == report.sent
    assert len(fake_slack.called("conversations.history")) == 1


async def test_a_history_that_cannot_be_read_for_now_is_tried_again_before_any_resend(bot, fake_slack):
    now = await subscribe_now(bot)
    await crash_during_first_attempt(bot, now, DiesAfterPosting)
    for _ in range(1 + RateLimitRetry().max_retry_count):  # the first try and every retry are throttled
        fake_slack.fail("conversations.history", 429, {"Retry-After": "0"}, {"ok": False, "error": "ratelimited"})
    report = await standby_ticks(bot, now + timedelta(minutes=1))
    assert report.sent == [] and len(report.failed) == 1  # retried later, not resent blindly
    (key,) = keys_posted(fake_slack, CHANNEL)
    assert Ledger(bot.store.engine, "x").status_of(key) == "retry"
    later = await standby_ticks(bot, now + timedelta(minutes=4))
    assert later.sent == [key] and keys_posted(fake_slack, CHANNEL) == [key]


async def test_without_history_access_the_digest_still_goes_out(bot, fake_slack):
    """An install that has not granted channels:history yet: the digest is sent rather than lost."""
    now = await subscribe_now(bot)
    await crash_during_first_attempt(bot, now, DiesBeforePosting)
    fake_slack.fail("conversations.history", 200, body={"ok": False, "error": "missing_scope"})
    report = await standby_ticks(bot, now + timedelta(minutes=1))
    assert len(report.sent) == 1 and keys_posted(fake_slack, CHANNEL) == report.sent


async def test_a_first_attempt_posts_without_reading_history(bot, fake_slack):
    now = await subscribe_now(bot)
    report = await standby_ticks(bot, now)
    assert keys_posted(fake_slack, CHANNEL) == report.sent and len(report.sent) == 1
    assert fake_slack.called("conversations.history") == []


async def test_a_tick_posts_to_many_channels_at_once_but_only_a_few_per_workspace(bot, fake_slack):
    """Forty digests in forty channels: they overlap (no digest waits for the previous one to be answered),
    never more than sixteen at a time in one workspace, and each channel gets its digest once."""
    if datetime.now(timezone.utc).second >= 50:
        await asyncio.sleep(11)
    local = datetime.now(ZoneInfo("Europe/Lisbon"))
    channels = [f"C{n:04d}" for n in range(40)]
    for n, channel in enumerate(channels):
        await bot.slack.command(f"digest subscribe daily {local:%H:%M} here", user=f"U{n:04d}", channel=channel)
    fake_slack.post_delay = 0.05
    report = await standby_ticks(bot, datetime.now(timezone.utc) + timedelta(seconds=1))
    assert len(report.sent) == 40
    assert all(len(keys_posted(fake_slack, channel)) == 1 for channel in channels)
    assert 1 < fake_slack.max_in_flight <= PER_WORKSPACE
