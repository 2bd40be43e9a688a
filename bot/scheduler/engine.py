"""One tick: find due occurrences, then claim, compose, send and mark each through the ledger."""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Callable, Mapping

from bot.scheduler.sources import Candidate, Sources
from handlers.messaging import Destination, Messenger
from handlers.schedules.compose import compose
from storage.schedules.ledger import Ledger
from storage.schedules.lease import last_tick, record_tick
from storage.schedules.snapshot import Snapshot, load_snapshot, mark_outbox_sent
from storage.store import Store

log = logging.getLogger(__name__)

# A DM due on Friday evening may wait for Monday morning: look that far back for deferred occurrences.
DEFERRAL_LOOKBACK = timedelta(days=4)
MAX_LOOKBACK = timedelta(days=8)
RETRY_AFTER = timedelta(minutes=2)
# The last tick is stored for the look-back after downtime; a few minutes' precision is plenty.
RECORD_EVERY = timedelta(minutes=10)


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


class Ticker:
    """Delivers occurrences for one scheduler instance (`holder`) through the shared ledger."""

    def __init__(self, store: Store, messengers: Mapping[str, Messenger], holder: str,
                 grace: timedelta = timedelta(hours=2), composer: Callable = compose) -> None:
        self.store, self.messengers, self.grace, self.composer = store, messengers, grace, composer
        self.ledger = Ledger(store.engine, holder)
        self._recorded: datetime | None = None

    async def tick(self, now: datetime) -> TickReport:
        report = TickReport()
        due = await asyncio.to_thread(self.plan, now, report)
        for item in due:
            await self.deliver(item, now, report)
        if self._recorded is None or now - self._recorded >= RECORD_EVERY or now < self._recorded:
            await asyncio.to_thread(record_tick, self.store.engine, now)
            self._recorded = now
        return report

    def plan(self, now: datetime, report: TickReport) -> list[Due]:
        """Occurrences to send now; missed and superseded ones are recorded as skipped here."""
        snapshot = load_snapshot(self.store.engine)
        candidates = list(Sources(snapshot, self._since(now), now).all())
        entries = self.ledger.entries([c.job.key for c in candidates])
        due = []
        for candidate in candidates:
            entry = entries.get(candidate.job.key)
            if not self.ledger.claimable(entry, now):
                continue
            if candidate.send_at > now:
                report.waiting += 1
            elif entry is None and (candidate.superseded or candidate.send_at < now - self.grace):
                self._skip(candidate, now, "superseded" if candidate.superseded else "missed", report)
            else:
                due.append(Due(candidate, self._destination(snapshot, candidate)))
        return due

    def _since(self, now: datetime) -> datetime:
        previous = last_tick(self.store.engine) or now
        behind = max(self.grace, now - previous)
        return now - min(behind + DEFERRAL_LOOKBACK, MAX_LOOKBACK)

    def _skip(self, candidate: Candidate, now: datetime, why: str, report: TickReport) -> None:
        job = candidate.job
        self.ledger.skip(job.key, job.workspace_id, job.due_at, now, why)
        self._settle_outbox(candidate)
        report.skipped.append(job.key)

    def _settle_outbox(self, candidate: Candidate) -> None:
        if candidate.job.kind == "outbox":
            mark_outbox_sent(self.store.engine, candidate.job.ref_id)

    @staticmethod
    def _destination(snapshot: Snapshot, candidate: Candidate) -> Destination:
        job = candidate.job
        workspace = snapshot.workspaces[job.workspace_id]
        if job.channel_id:
            return Destination(workspace.platform, workspace.external_id, channel_id=job.channel_id)
        person = snapshot.people[job.person_id]
        return Destination(workspace.platform, workspace.external_id, user_id=person.platform_user_id)

    async def deliver(self, item: Due, now: datetime, report: TickReport) -> None:
        """Claim, compose, send, mark. A crash after the claim leaves it to be retried on restart."""
        job = item.candidate.job
        if not await asyncio.to_thread(self.ledger.claim, job.key, job.workspace_id, job.due_at, now):
            return
        try:
            reply = await asyncio.to_thread(self._compose, job, now)
        except Exception:
            log.exception("could not compose %s", job.key)
            await self._finish(item, "retry", now, report, "compose failed", now + RETRY_AFTER)
            return
        if reply is None:
            await self._finish(item, "skipped", now, report, "nothing to send")
            return
        await self._send(item, reply, now, report)

    async def _send(self, item: Due, reply, now: datetime, report: TickReport) -> None:
        messenger = self.messengers.get(item.destination.platform)
        if messenger is None:
            await self._finish(item, "failed", now, report, f"no messenger for {item.destination.platform}")
            return
        result = await messenger.send(item.destination, reply)
        if result.ok:
            await self._finish(item, "sent", now, report, result.message_id or "")
        elif result.permanent or now >= item.candidate.send_at + self.grace:
            await self._finish(item, "failed", now, report, result.error or "failed")
        else:
            await self._finish(item, "retry", now, report, result.error or "failed", now + RETRY_AFTER)

    def _compose(self, job, now: datetime):
        return self.store.run_by_id(job.workspace_id, lambda ws: self.composer(ws, job, now))

    async def _finish(self, item: Due, status: str, now: datetime, report: TickReport, detail: str,
                      retry_at: datetime | None = None) -> None:
        key = item.candidate.job.key
        await asyncio.to_thread(self.ledger.finish, key, status, now, detail, retry_at)
        if status != "retry":
            await asyncio.to_thread(self._settle_outbox, item.candidate)
        {"sent": report.sent, "skipped": report.skipped}.get(status, report.failed).append(key)
        if status in ("failed", "retry"):
            log.warning("delivery %s %s: %s", key, status, detail)
