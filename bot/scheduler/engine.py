"""One tick: the upkeep writes (key-account follow-ups), then read the snapshot, let the schedules handlers
decide what is due, then claim, compose, send and mark each through the ledger, many recipients at once (their
claims, composing and marks grouped into shared transactions, bot/scheduler/batches.py)."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable, Mapping

from bot.scheduler.batches import TickBatches
from bot.scheduler.fanout import fan_out
from bot.scheduler.upkeep import run_upkeep
from handlers.messaging import Destination, FindsSent, Messenger
from handlers.schedules import policy
from handlers.schedules.compose import Composer
from handlers.schedules.digest_batch import BatchFigureSource
from handlers.schedules.plan import Candidate, Sources
from storage.schedules.ledger import AGAIN, Ledger, Outcome, Wanted
from storage.schedules.lease import last_tick, record_tick
from storage.schedules.snapshot import load_snapshot, mark_outbox_sent
from storage.statistics import gather_statistics
from storage.store import Store

log = logging.getLogger(__name__)

# The last tick is stored for the look-back after downtime; a few minutes' precision is plenty.
RECORD_EVERY = timedelta(minutes=10)
# SQLite's planner statistics follow the data's growth (it gathers none by itself): at start, then this often.
STATISTICS_EVERY = timedelta(hours=6)


@dataclass
class TickReport:
    """What one tick did, by delivery key (tests and logs read it)."""

    sent: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    waiting: int = 0


@dataclass(frozen=True)
class Due:
    candidate: Candidate
    destination: Destination

    @property
    def lane(self) -> tuple[str, str]:
        return self.destination.platform, self.destination.workspace_id

    @property
    def recipient(self) -> str:
        return self.destination.channel_id or f"@{self.destination.user_id}"


class Ticker:
    """Delivers occurrences for one scheduler instance (`holder`) through the shared ledger."""

    def __init__(self, store: Store, messengers: Mapping[str, Messenger], holder: str,
                 grace: timedelta = timedelta(hours=2), composer: Callable | None = None) -> None:
        self.store, self.messengers, self.grace = store, messengers, grace
        self.composer = composer or Composer(BatchFigureSource())
        self.ledger = Ledger(store.engine, holder)
        self.batches = TickBatches(store, self.ledger, self.composer)
        self._recorded: datetime | None = None
        self._analysed: datetime | None = None

    async def tick(self, now: datetime) -> TickReport:
        report = TickReport()
        await asyncio.to_thread(run_upkeep, self.store, now)  # new follow-up tasks are reminded in this tick
        due = await asyncio.to_thread(self.plan, now, report)
        try:
            await fan_out(due, lambda item: self.deliver(item, now, report), lane=lambda item: item.lane,
                          spread=lambda item: item.recipient)
        finally:  # even when the tick is cut short, a post already made gets its mark committed before we go
            await self.batches.settled()
        if self._recorded is None or now - self._recorded >= RECORD_EVERY or now < self._recorded:
            await asyncio.to_thread(record_tick, self.store.engine, now)
            self._recorded = now
        if self.store.engine.dialect.name == "sqlite" and (  # PostgreSQL's autovacuum keeps its own
                self._analysed is None or now - self._analysed >= STATISTICS_EVERY or now < self._analysed):
            await asyncio.to_thread(gather_statistics, self.store.engine)
            self._analysed = now
        return report

    def plan(self, now: datetime, report: TickReport) -> list[Due]:
        """Occurrences to send now; missed and superseded ones are recorded as skipped here."""
        snapshot = load_snapshot(self.store.engine)
        since = policy.planning_since(now, last_tick(self.store.engine), self.grace)
        candidates = list(Sources(snapshot, since, now).all())
        entries = self.ledger.entries([c.job.key for c in candidates])
        due, skipped = [], []
        for candidate in candidates:
            entry = entries.get(candidate.job.key)
            if not self.ledger.claimable(entry, now):
                continue
            verdict = policy.verdict(candidate, now, self.grace, attempted=entry is not None)
            if verdict == policy.WAIT:
                report.waiting += 1
            elif verdict == policy.SEND:
                due.append(Due(candidate, policy.destination(snapshot, candidate.job)))
            else:
                skipped.append((candidate, verdict))
        self._skip(skipped, now, report)
        return due

    def _skip(self, skipped: list[tuple[Candidate, str]], now: datetime, report: TickReport) -> None:
        """Record what will never be sent (missed, superseded) in one transaction: after downtime it is many."""
        self.ledger.skip_many([(Wanted(c.job.key, c.job.workspace_id, c.job.due_at), why) for c, why in skipped],
                              now)
        for candidate, _ in skipped:
            if candidate.job.kind == "outbox":
                mark_outbox_sent(self.store.engine, candidate.job.ref_id)
            report.skipped.append(candidate.job.key)

    async def deliver(self, item: Due, now: datetime, report: TickReport) -> None:
        """Claim, compose, send, mark. A crash after the claim leaves it to be retried on restart."""
        job = item.candidate.job
        claim = await self.batches.claim((Wanted(job.key, job.workspace_id, job.due_at), now))
        if not claim or (claim == AGAIN and await self._posted_before(item, now, report)):
            return
        try:
            reply = await self.batches.compose((job, now))
        except Exception:
            log.exception("could not compose %s", job.key)
            await self._finish(item, "retry", now, report, "compose failed", now + policy.RETRY_AFTER)
            return
        if reply is None:
            await self._finish(item, "skipped", now, report, "nothing to send")
            return
        await self._send(item, reply, now, report)

    async def _posted_before(self, item: Due, now: datetime, report: TickReport) -> bool:
        """A key taken up again may have reached the platform just before a crash: look before resending.
        True when that settled it (found, or the lookup failed for now and is retried later)."""
        messenger = self.messengers.get(item.destination.platform)
        if not isinstance(messenger, FindsSent):
            return False  # no history to read (Teams): one duplicate is possible, as docs/schedules.md says
        found = await messenger.find_sent(item.destination, policy.find_since(item.candidate))
        after = policy.after_lookup(found)
        if after == policy.DONE:
            log.info("delivery %s was already posted (%s); not sending it again", item.candidate.job.key,
                     found.message_id)
            await self._finish(item, "sent", now, report, found.message_id or "")
        elif after == policy.RETRY:
            status, retry_at = policy.outcome(found, item.candidate, now, self.grace)
            await self._finish(item, status, now, report, f"history: {found.error}", retry_at)
        return after != policy.SEND

    async def _send(self, item: Due, reply, now: datetime, report: TickReport) -> None:
        messenger = self.messengers.get(item.destination.platform)
        if messenger is None:
            await self._finish(item, "failed", now, report, f"no messenger for {item.destination.platform}")
            return
        result = await messenger.send(item.destination, reply)
        status, retry_at = policy.outcome(result, item.candidate, now, self.grace)
        detail = (result.message_id or "") if result.ok else (result.error or "failed")
        await self._finish(item, status, now, report, detail, retry_at)

    async def _finish(self, item: Due, status: str, now: datetime, report: TickReport, detail: str,
                      retry_at: datetime | None = None) -> None:
        key = item.candidate.job.key
        await self.batches.finish((Outcome(key, status, detail, retry_at), now, item.candidate))
        {"sent": report.sent, "skipped": report.skipped}.get(status, report.failed).append(key)
        if status in ("failed", "retry"):
            log.warning("delivery %s %s: %s", key, status, detail)
