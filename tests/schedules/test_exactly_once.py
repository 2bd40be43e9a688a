"""Exactly once: a crash between claim and send is retried on restart; two schedulers never double-send."""
import asyncio
from datetime import timedelta

import pytest

from bot.scheduler.service import SchedulerService
from storage.database import make_engine
from storage.store import Store
from tests.schedules.support import Crash, RecordingMessenger, make_ticker, utc


async def _subscribe(chat):
    await chat.as_("ana", timezone="UTC").say("digest subscribe weekdays 08:00 here", at=utc("2026-11-01 00:00"))


async def test_crash_after_claim_then_restart_sends_once(chat, store):
    await _subscribe(chat)
    dying = RecordingMessenger(crash_next=1)
    with pytest.raises(Crash):
        await make_ticker(store, dying, holder="clock-a").tick(utc("2026-11-02 08:00"))
    assert dying.posts == []
    restarted = RecordingMessenger()
    service = SchedulerService(store, {"console": restarted}, holder="clock-b", use_apscheduler=False,
                               clock=lambda: utc("2026-11-02 08:01"))
    assert await service.step()  # the dead scheduler's lease or lock is gone: this one leads
    await service.tick_now()
    await service.tick_now()
    assert len(restarted.posts) == 1
    later = SchedulerService(store, {"console": restarted}, holder="clock-c", use_apscheduler=False,
                             clock=lambda: utc("2026-11-02 08:30"))
    later.ticker.ledger.recover_before = utc("2026-11-02 08:30")
    await later.ticker.tick(utc("2026-11-02 08:30"))
    assert len(restarted.posts) == 1  # a key already sent is never sent again
    await service.stop()


async def test_transient_failure_is_retried_until_sent(chat, store):
    await _subscribe(chat)
    messenger = RecordingMessenger(fail_next=1)
    ticker = make_ticker(store, messenger)
    first = await ticker.tick(utc("2026-11-02 08:00"))
    assert first.failed and messenger.posts == []
    await ticker.tick(utc("2026-11-02 08:01"))  # too soon to retry
    assert messenger.posts == []
    await ticker.tick(utc("2026-11-02 08:03"))
    assert len(messenger.posts) == 1


async def test_two_tickers_racing_send_each_occurrence_once(chat, store, engine):
    """Even without the leader lock, the ledger alone lets one of two racing schedulers send."""
    await _subscribe(chat)
    for user, zone in (("bob", "UTC"), ("cy", "Europe/Lisbon")):
        await chat.as_(user, timezone=zone).say("digest subscribe weekdays 08:00", at=utc("2026-11-01 00:00"))
    other_engine = make_engine(str(engine.url.render_as_string(hide_password=False)))
    messenger_a, messenger_b = RecordingMessenger(), RecordingMessenger()
    a = make_ticker(store, messenger_a, holder="clock-a")
    b = make_ticker(Store(other_engine), messenger_b, holder="clock-b")
    for minute in range(3):
        now = utc("2026-11-02 08:00") + timedelta(minutes=minute)
        await asyncio.gather(a.tick(now), b.tick(now))
    other_engine.dispose()
    posts = messenger_a.texts() + messenger_b.texts()
    assert len(posts) == 3


async def test_only_one_of_two_schedulers_leads_and_standby_takes_over(chat, store, engine):
    await _subscribe(chat)
    now = {"t": utc("2026-11-02 07:59")}
    other_engine = make_engine(str(engine.url.render_as_string(hide_password=False)))
    messenger_a, messenger_b = RecordingMessenger(), RecordingMessenger()
    a = SchedulerService(store, {"console": messenger_a}, holder="clock-a", use_apscheduler=False,
                         clock=lambda: now["t"])
    b = SchedulerService(Store(other_engine), {"console": messenger_b}, holder="clock-b", use_apscheduler=False,
                         clock=lambda: now["t"])
    try:
        assert await a.step() and not await b.step()
        now["t"] = utc("2026-11-02 08:00")
        await asyncio.gather(a.tick_now(), b.tick_now())
        assert len(messenger_a.posts) == 1 and messenger_b.posts == []
        a.lock.release()  # the leader dies: its connection (PostgreSQL) or lease (SQLite) goes
        a.is_leader = False
        now["t"] = utc("2026-11-03 07:59:30")
        assert await b.step()  # within one election round (15 s) the standby leads
        now["t"] = utc("2026-11-03 08:00")
        await b.tick_now()
        assert len(messenger_b.posts) == 1 and len(messenger_a.posts) == 1
    finally:
        await b.stop()
        await a.stop()
        other_engine.dispose()


async def test_sqlite_lease_expires_when_the_leader_stops_renewing(store):
    if store.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL uses an advisory lock, released with the connection")
    from storage.schedules.lease import LeaseLock

    a, b = LeaseLock(store.engine, "a"), LeaseLock(store.engine, "b")
    assert a.try_acquire(utc("2026-11-02 08:00:00"))
    assert not b.try_acquire(utc("2026-11-02 08:00:30"))
    assert b.try_acquire(utc("2026-11-02 08:00:46"))  # a stopped renewing 46 s ago (lease 45 s)
    assert not a.still_held(utc("2026-11-02 08:00:50"))
