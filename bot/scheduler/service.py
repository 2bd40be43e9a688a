"""The scheduler process: leader election, the persisted APScheduler tick job, standby take-over."""
from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from datetime import datetime, timedelta, timezone
from typing import Callable, Mapping

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.exc import SQLAlchemyError

from bot.scheduler.engine import TickReport, Ticker
from handlers.clock import utc_now
from handlers.messaging import Messenger
from handlers.observe import NoObserver, Observer
from storage.schedules.lease import leader_lock
from storage.store import Store

log = logging.getLogger(__name__)

JOB_ID = "salesbot-tick"
# The persisted job names a module-level function; it finds the service leading in this process here.
_LEADING: dict[str, "SchedulerService"] = {}


async def run_periodic(job_id: str) -> None:
    """An extra periodic job (the Zoho CRM sync) of the service that leads in this process."""
    service = _LEADING.get("service")
    if service is not None and job_id in service.periodic:
        await service.periodic[job_id][1]()


async def run_tick() -> None:
    """The APScheduler job: one tick of the service that leads in this process."""
    service = _LEADING.get("service")
    if service is not None:
        await service.tick_now()


def instance_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


async def close_messengers(messengers: Mapping[str, Messenger]) -> None:
    """Messengers that keep connections (Teams) release them; one that fails to does not stop the others."""
    for messenger in messengers.values():
        close = getattr(messenger, "close", None)
        if close is None:
            continue
        try:
            await close()
        except Exception:
            log.exception("closing the %s messenger failed", getattr(messenger, "platform", "?"))


class SchedulerService:
    """Tries to lead every `poll` seconds; the leader runs APScheduler, whose job ticks every `tick` seconds."""

    def __init__(self, store: Store, messengers: Mapping[str, Messenger], *, grace: timedelta = timedelta(hours=2),
                 tick: timedelta = timedelta(minutes=1), poll: timedelta = timedelta(seconds=15),
                 lease_ttl: timedelta = timedelta(seconds=45), clock: Callable[[], datetime] = utc_now,
                 holder: str | None = None, use_apscheduler: bool = True,
                 start_delay: timedelta = timedelta(0), observer: Observer | None = None,
                 periodic: Mapping[str, tuple[timedelta, Callable]] | None = None) -> None:
        self.store, self.clock, self.tick, self.poll = store, clock, tick, poll
        self.observer = observer or NoObserver()
        self.periodic = dict(periodic or {})  # job id -> (every, coroutine function): run by the leader only
        self.holder = holder or instance_name()
        self.ticker = Ticker(store, messengers, self.holder, grace)
        self.lock = leader_lock(store.engine, self.holder, lease_ttl)
        self.use_apscheduler, self.start_delay = use_apscheduler, start_delay
        self.is_leader = False
        self._apscheduler: AsyncIOScheduler | None = None
        self._task: asyncio.Task | None = None
        self._ticking = asyncio.Lock()

    async def start(self) -> None:
        """Start electing in the background (returns at once)."""
        self._task = asyncio.create_task(self._elect_forever())

    async def _elect_forever(self) -> None:
        await asyncio.sleep(self.start_delay.total_seconds())
        while True:
            try:
                await self.step()
            except SQLAlchemyError as error:  # a database hiccup must not end the election loop
                log.warning("scheduler election failed (%s); trying again", type(error).__name__)
            except Exception:
                log.exception("scheduler election failed; trying again")
            await asyncio.sleep(self.poll.total_seconds())

    async def step(self) -> bool:
        """One election round: take the lead if it is free, keep it if held, step down if lost."""
        now = self.clock()
        check = self.lock.still_held if self.is_leader else self.lock.try_acquire
        held = await asyncio.to_thread(check, now)
        if held and not self.is_leader:
            self._lead(now)
        elif not held and self.is_leader:
            log.warning("scheduler %s lost the lead; now standing by", self.holder)
            self._stand_by()
        return self.is_leader

    def _lead(self, now: datetime) -> None:
        log.info("scheduler %s leads", self.holder)
        self.is_leader = True
        self.observer.leadership_changed(self.holder, True)
        # Claims older than this moment belong to a scheduler that died between claim and send.
        self.ticker.ledger.recover_before = now
        _LEADING["service"] = self
        if self.use_apscheduler:
            self._apscheduler = self._start_apscheduler()

    def _start_apscheduler(self) -> AsyncIOScheduler:
        # One tick job rather than one job per subscription: what is due depends on rows that change all the time
        # (zones, quiet hours, skips, team members), so each tick computes it from the database and the delivery
        # ledger keeps it exactly-once, instead of a second copy of every schedule in apscheduler_jobs.
        scheduler = AsyncIOScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=self.store.engine, tablename="apscheduler_jobs")},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None}, timezone=timezone.utc)
        scheduler.start()
        scheduler.add_job(run_tick, "interval", seconds=self.tick.total_seconds(), id=JOB_ID, replace_existing=True,
                          next_run_time=utc_now())
        for job_id, (every, _) in self.periodic.items():
            scheduler.add_job(run_periodic, "interval", args=[job_id], seconds=every.total_seconds(), id=job_id,
                              replace_existing=True)
        return scheduler

    def _stand_by(self) -> None:
        self.is_leader = False
        self.observer.leadership_changed(self.holder, False)
        if _LEADING.get("service") is self:
            _LEADING.pop("service")
        if self._apscheduler is not None and self._apscheduler.running:
            self._apscheduler.shutdown(wait=False)
        self._apscheduler = None

    async def tick_now(self) -> TickReport | None:
        """Deliver what is due now; a standby does nothing."""
        if not self.is_leader:
            return None
        async with self._ticking:
            report = await self.ticker.tick(self.clock())
        self.observer.tick_finished(report.sent, report.skipped, report.failed)
        if report.sent or report.failed:
            log.info("tick: %d sent, %d skipped, %d failed", len(report.sent), len(report.skipped),
                     len(report.failed))
        return report

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        async with self._ticking:  # let a tick in flight finish its claims and marks
            if self.is_leader:
                self._stand_by()
        await asyncio.to_thread(self.lock.release)
        await close_messengers(self.ticker.messengers)
