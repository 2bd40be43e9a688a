"""Deliveries in flight share their ledger transactions: a fan-out whose posts fail part-way, or that dies part-way,
still reaches every channel exactly once."""
from dataclasses import dataclass, replace
from datetime import timedelta

import pytest

from bot.scheduler.service import SchedulerService
from handlers.messaging import Destination, PostResult
from handlers.reply import Reply
from tests.schedules.support import Crash, RecordingMessenger, make_ticker, utc

CHANNELS = [f"C{n:02d}" for n in range(12)]


@dataclass
class Refusing(RecordingMessenger):
    """Refuses (for now) the first post to some channels, and can die on its n-th post."""

    refuse_once: frozenset = frozenset()
    crash_on: int = 0
    attempts: int = 0

    async def send(self, destination: Destination, reply: Reply) -> PostResult:
        self.attempts += 1
        if self.attempts == self.crash_on:
            raise Crash()
        if destination.channel_id in self.refuse_once:
            self.refuse_once = self.refuse_once - {destination.channel_id}
            return PostResult(ok=False, error="ratelimited")
        return await super().send(destination, reply)


async def _subscribe_channels(chat):
    for n, channel in enumerate(CHANNELS):
        await replace(chat.as_(f"rep{n}", timezone="UTC"), channel=channel).say(
            "digest subscribe weekdays 08:00 here", at=utc("2026-11-01 00:00"))


def _digests_per_channel(messenger: RecordingMessenger) -> dict[str, int]:
    return {channel: len(messenger.to(channel)) for channel in CHANNELS}


async def test_posts_refused_part_way_through_a_batch_are_retried_and_nothing_is_posted_twice(chat, store):
    await _subscribe_channels(chat)
    refused = frozenset(CHANNELS[3::4])
    messenger = Refusing(refuse_once=refused)
    ticker = make_ticker(store, messenger)
    first = await ticker.tick(utc("2026-11-02 08:00"))
    assert len(first.sent) == len(CHANNELS) - len(refused) and len(first.failed) == len(refused)
    assert {c for c, n in _digests_per_channel(messenger).items() if n == 0} == refused
    await ticker.tick(utc("2026-11-02 08:01"))  # the refused ones wait for their retry; the sent ones are done
    assert sum(_digests_per_channel(messenger).values()) == len(CHANNELS) - len(refused)
    await ticker.tick(utc("2026-11-02 08:03"))
    await ticker.tick(utc("2026-11-02 08:06"))
    assert set(_digests_per_channel(messenger).values()) == {1}


async def test_a_fan_out_dying_part_way_is_finished_by_the_next_scheduler_with_every_digest_once(chat, store):
    await _subscribe_channels(chat)
    dying = Refusing(crash_on=6)
    with pytest.raises(Crash):
        await make_ticker(store, dying, holder="clock-a").tick(utc("2026-11-02 08:00"))
    assert 0 < len(dying.posts) < len(CHANNELS)  # it died with the fan-out under way
    restarted = Refusing()
    service = SchedulerService(store, {"console": restarted}, holder="clock-b", use_apscheduler=False,
                               clock=lambda: utc("2026-11-02 08:01"))
    assert await service.step()
    await service.tick_now()
    await service.ticker.tick(utc("2026-11-02 08:02") + timedelta(minutes=5))  # and once the claims are old
    await service.stop()
    together = {channel: n + len(restarted.to(channel)) for channel, n in _digests_per_channel(dying).items()}
    assert set(together.values()) == {1}
    assert set(_digests_per_channel(restarted).values()) == {0, 1}  # the rest, and only the rest
