"""The scheduler process: the leader persists APScheduler's tick job in the database and the job delivers."""
import asyncio

from sqlalchemy import text

from bot.scheduler.service import JOB_ID, SchedulerService
from tests.schedules.support import RecordingMessenger, utc


async def test_leader_persists_the_tick_job_and_it_delivers(chat, store):
    await chat.as_("ana", timezone="UTC").say("digest subscribe weekdays 08:00 here", at=utc("2026-11-01 00:00"))
    messenger = RecordingMessenger()
    service = SchedulerService(store, {"console": messenger}, holder="clock-a", clock=lambda: utc("2026-11-02 08:00"))
    try:
        assert await service.step()
        for _ in range(60):  # the job's first run is due at once; allow the event loop up to ~3 s
            if messenger.posts:
                break
            await asyncio.sleep(0.05)
        assert len(messenger.to("C-general")) == 1
        with store.engine.connect() as connection:
            jobs = [row[0] for row in connection.execute(text("SELECT id FROM apscheduler_jobs"))]
        assert jobs == [JOB_ID]
    finally:
        await service.stop()
    assert not service.is_leader


async def test_standby_does_not_tick(chat, store):
    await chat.as_("ana", timezone="UTC").say("digest subscribe weekdays 08:00 here", at=utc("2026-11-01 00:00"))
    standby = SchedulerService(store, {"console": RecordingMessenger()}, holder="b", use_apscheduler=False,
                               clock=lambda: utc("2026-11-02 08:00"))
    assert await standby.tick_now() is None
