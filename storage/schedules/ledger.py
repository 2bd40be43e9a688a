"""The delivery ledger: each occurrence key is claimed in the database before sending and marked after."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.schedule_models import Delivery

CHUNK = 500
# What a won claim is: the first attempt at a key, or one taken again (a retry, or a dead scheduler's claim),
# after which the platform may already show the message.
FIRST, AGAIN = "first", "again"


@dataclass(frozen=True)
class LedgerEntry:
    key: str
    status: str
    holder: str
    claimed_at: datetime | None
    retry_at: datetime | None


class Ledger:
    """Claims for one scheduler instance (`holder`); a claim is the right to send a key once."""

    def __init__(self, engine: Engine, holder: str, claim_ttl: timedelta = timedelta(minutes=5)) -> None:
        self.engine, self.holder, self.claim_ttl = engine, holder, claim_ttl
        self.recover_before: datetime | None = None  # claims of others older than this are orphans

    def entries(self, keys: list[str]) -> dict[str, LedgerEntry]:
        """What the ledger knows about `keys` (absent keys were never claimed)."""
        found: dict[str, LedgerEntry] = {}
        with Session(self.engine) as session:
            for start in range(0, len(keys), CHUNK):
                query = select(Delivery).where(col(Delivery.key).in_(keys[start:start + CHUNK]))
                for row in session.exec(query):
                    found[row.key] = LedgerEntry(row.key, row.status, row.holder, row.claimed_at, row.retry_at)
        return found

    def claimable(self, entry: LedgerEntry | None, now: datetime) -> bool:
        """Absent, due for a retry, or an orphaned claim (its holder died between claim and send)."""
        if entry is None:
            return True
        if entry.status == "retry":
            return entry.retry_at is None or entry.retry_at <= now
        return entry.status == "claimed" and self._orphaned(entry.holder, entry.claimed_at, now)

    def _orphaned(self, holder: str, claimed_at: datetime | None, now: datetime) -> bool:
        if claimed_at is None or claimed_at < now - self.claim_ttl:
            return True
        return holder != self.holder and self.recover_before is not None and claimed_at < self.recover_before

    def claim(self, key: str, workspace_id: int | None, due_at: datetime, now: datetime) -> str | None:
        """FIRST or AGAIN when this instance may send `key` now (committed before returning); None if not."""
        with Session(self.engine) as session:
            session.add(Delivery(key=key, workspace_id=workspace_id, status="claimed", due_at=due_at,
                                 holder=self.holder, attempts=1, claimed_at=now))
            try:
                session.commit()
                return FIRST
            except IntegrityError:
                session.rollback()
            return AGAIN if self._reclaim(session, key, now) else None

    def _reclaim(self, session: Session, key: str, now: datetime) -> bool:
        """Take over a retry or an orphaned claim; the WHERE makes only one contender win."""
        orphan = or_(col(Delivery.claimed_at) < now - self.claim_ttl,
                     and_(Delivery.holder != self.holder,
                          col(Delivery.claimed_at) < (self.recover_before or now - self.claim_ttl)))
        retry = and_(Delivery.status == "retry", or_(col(Delivery.retry_at).is_(None), Delivery.retry_at <= now))
        statement = (update(Delivery).where(Delivery.key == key, or_(retry, and_(Delivery.status == "claimed",
                                                                                  orphan)))
                     .values(status="claimed", holder=self.holder, claimed_at=now, attempts=Delivery.attempts + 1))
        won = session.execute(statement).rowcount == 1
        session.commit()
        return won

    def finish(self, key: str, status: str, now: datetime, detail: str = "",
               retry_at: datetime | None = None) -> None:
        """Record the outcome of a claim this instance holds: sent, skipped, retry or failed."""
        with Session(self.engine) as session:
            session.execute(update(Delivery).where(Delivery.key == key, Delivery.holder == self.holder)
                            .values(status=status, finished_at=now, detail=detail[:300], retry_at=retry_at))
            session.commit()

    def skip(self, key: str, workspace_id: int | None, due_at: datetime, now: datetime, why: str) -> None:
        """Record an occurrence that will never be sent (missed beyond the grace window, superseded)."""
        with Session(self.engine) as session:
            session.add(Delivery(key=key, workspace_id=workspace_id, status="skipped", due_at=due_at,
                                 holder=self.holder, finished_at=now, detail=why[:300]))
            try:
                session.commit()
            except IntegrityError:
                session.rollback()

    def status_of(self, key: str) -> str | None:
        with Session(self.engine) as session:
            row = session.get(Delivery, key)
            return row.status if row else None
