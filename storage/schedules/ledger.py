"""The delivery ledger: each occurrence key is claimed in the database before sending and marked after."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, bindparam, or_, select as core_select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from storage.schedule_models import Delivery
from storage.transactions import run_unit

CHUNK = 500
# What a won claim is: the first attempt at a key, or one taken again (a retry, or a dead scheduler's claim),
# after which the platform may already show the message.
FIRST, AGAIN = "first", "again"


@dataclass(frozen=True)
class Wanted:
    """A key a delivery wants to claim."""

    key: str
    workspace_id: int | None
    due_at: datetime


@dataclass(frozen=True)
class Outcome:
    """How a claimed delivery ended: sent, skipped, retry (at `retry_at`) or failed."""

    key: str
    status: str
    detail: str = ""
    retry_at: datetime | None = None


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
        table = Delivery.__table__
        columns = (table.c.key, table.c.status, table.c.holder, table.c.claimed_at, table.c.retry_at)
        with self.engine.connect() as connection:  # Core rows: a tick reads every candidate's entry
            for start in range(0, len(keys), CHUNK):
                query = core_select(*columns).where(table.c.key.in_(keys[start:start + CHUNK]))
                found.update((row[0], LedgerEntry(*row)) for row in connection.execute(query))
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
        return self.claim_many([Wanted(key, workspace_id, due_at)], now)[0]

    def claim_many(self, wanted: list[Wanted], now: datetime) -> list[str | None]:
        """`claim` of each key, all in one committed transaction: FIRST, AGAIN or None per key, in order."""
        def unit(session: Session) -> dict[str, str]:
            won = dict.fromkeys(self._insert_new(session, wanted, now), FIRST)
            taken = [w.key for w in wanted if w.key not in won]
            return won | dict.fromkeys(self._reclaim(session, taken, now), AGAIN)
        won = run_unit(self.engine, unit) if wanted else {}
        return [won.get(w.key) for w in wanted]

    def _insert_new(self, session: Session, wanted: list[Wanted], now: datetime) -> set[str]:
        """Insert the keys never seen; the ones another claimer has are left to `_reclaim`."""
        rows = [{"key": w.key, "workspace_id": w.workspace_id, "status": "claimed", "due_at": w.due_at,
                 "holder": self.holder, "attempts": 1, "claimed_at": now, "detail": ""}
                for w in sorted({w.key: w for w in wanted}.values(), key=lambda w: w.key)]
        # Sorted, so two claimers lock shared keys in one order (PostgreSQL would otherwise find a deadlock).
        if not rows:
            return set()
        return set(session.execute(self._insert().returning(Delivery.__table__.c.key), rows).scalars())

    def _reclaim(self, session: Session, keys: list[str], now: datetime) -> set[str]:
        """Take over retries and orphaned claims; the WHERE makes only one contender win each."""
        orphan = or_(col(Delivery.claimed_at) < now - self.claim_ttl,
                     and_(Delivery.holder != self.holder,
                          col(Delivery.claimed_at) < (self.recover_before or now - self.claim_ttl)))
        retry = and_(Delivery.status == "retry", or_(col(Delivery.retry_at).is_(None), Delivery.retry_at <= now))
        won: set[str] = set()
        keys = sorted(set(keys))
        for start in range(0, len(keys), CHUNK):
            statement = (update(Delivery.__table__)
                         .where(col(Delivery.key).in_(keys[start:start + CHUNK]),
                                or_(retry, and_(Delivery.status == "claimed", orphan)))
                         .values(status="claimed", holder=self.holder, claimed_at=now,
                                 attempts=Delivery.attempts + 1)
                         .returning(Delivery.__table__.c.key))
            won.update(session.execute(statement).scalars())
        return won

    def finish(self, key: str, status: str, now: datetime, detail: str = "",
               retry_at: datetime | None = None) -> None:
        """Record the outcome of a claim this instance holds: sent, skipped, retry or failed."""
        self.finish_many([Outcome(key, status, detail, retry_at)], now)

    def finish_many(self, outcomes: list[Outcome], now: datetime) -> None:
        """`finish` of each outcome, all in one committed transaction (each row still its own outcome)."""
        if not outcomes:
            return
        table = Delivery.__table__
        statement = (update(table).where(table.c.key == bindparam("b_key"), table.c.holder == self.holder)
                     .values(status=bindparam("b_status"), finished_at=now, detail=bindparam("b_detail"),
                             retry_at=bindparam("b_retry_at")))
        rows = [{"b_key": o.key, "b_status": o.status, "b_detail": o.detail[:300], "b_retry_at": o.retry_at}
                for o in sorted(outcomes, key=lambda o: o.key)]
        run_unit(self.engine, lambda session: session.execute(statement, rows))

    def skip(self, key: str, workspace_id: int | None, due_at: datetime, now: datetime, why: str) -> None:
        """Record an occurrence that will never be sent (missed beyond the grace window, superseded)."""
        self.skip_many([(Wanted(key, workspace_id, due_at), why)], now)

    def skip_many(self, skipped: list[tuple[Wanted, str]], now: datetime) -> None:
        """`skip` of each, in one committed transaction; a key already in the ledger keeps its entry."""
        rows = [{"key": w.key, "workspace_id": w.workspace_id, "status": "skipped", "due_at": w.due_at,
                 "holder": self.holder, "attempts": 0, "finished_at": now, "detail": why[:300]}
                for w, why in sorted({w.key: (w, why) for w, why in skipped}.values(), key=lambda pair: pair[0].key)]

        if rows:
            run_unit(self.engine, lambda session: session.execute(self._insert(), rows))

    def _insert(self):
        """INSERT of new ledger rows, run once for many (one statement compiled once), that leaves the keys
        already there alone (ON CONFLICT DO NOTHING)."""
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        return dialect.insert(Delivery.__table__).on_conflict_do_nothing(index_elements=["key"])

    def status_of(self, key: str) -> str | None:
        with Session(self.engine) as session:
            row = session.get(Delivery, key)
            return row.status if row else None
