"""Leader election so only one scheduler fires: a PostgreSQL advisory lock, or a lease row on SQLite."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone

from sqlalchemy import text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlmodel import Session, or_

from storage.schedule_models import SchedulerLease

log = logging.getLogger(__name__)

ADVISORY_KEY = 7_265_331_907  # any fixed 64-bit number shared by every salesbot scheduler
LEADER = "leader"
TICKS = "ticks"
RELEASED = datetime(1970, 1, 1, tzinfo=timezone.utc)


class AdvisoryLock:
    """Held by one open connection; PostgreSQL releases it the moment that connection dies."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._connection: Connection | None = None

    def try_acquire(self, now: datetime) -> bool:
        if self._connection is not None:
            return self.still_held(now)
        connection = self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        got = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": ADVISORY_KEY}).scalar()
        if got:
            self._connection = connection
        else:
            connection.close()
        return bool(got)

    def still_held(self, now: datetime) -> bool:
        """The lock lives as long as its connection: check that the connection still answers."""
        if self._connection is None:
            return False
        try:
            self._connection.execute(text("SELECT 1"))
            return True
        except SQLAlchemyError:
            log.warning("scheduler lost its database connection, and with it the leader lock")
            self._drop()
            return False

    def release(self) -> None:
        if self._connection is not None:
            try:
                self._connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_KEY})
            except SQLAlchemyError:
                pass
            self._drop()

    def _drop(self) -> None:
        try:
            self._connection.close()
        finally:
            self._connection = None


class LeaseLock:
    """A row naming the leader until `expires_at`; the leader renews it, a standby takes an expired one."""

    def __init__(self, engine: Engine, holder: str, ttl: timedelta = timedelta(seconds=45)) -> None:
        self.engine, self.holder, self.ttl = engine, holder, ttl

    def try_acquire(self, now: datetime) -> bool:
        # Each transaction here starts with a write, so SQLite waits for a busy writer instead of failing.
        with Session(self.engine) as session:
            statement = (update(SchedulerLease)
                         .where(SchedulerLease.name == LEADER,
                                or_(SchedulerLease.holder == self.holder, SchedulerLease.expires_at < now))
                         .values(holder=self.holder, expires_at=now + self.ttl))
            won = session.execute(statement).rowcount == 1
            session.commit()
        return won or self._insert_first_lease(now)

    def _insert_first_lease(self, now: datetime) -> bool:
        with Session(self.engine) as session:
            session.add(SchedulerLease(name=LEADER, holder=self.holder, expires_at=now + self.ttl))
            try:
                session.commit()
                return True
            except IntegrityError:
                session.rollback()
                return False

    def still_held(self, now: datetime) -> bool:
        return self.try_acquire(now)

    def release(self) -> None:
        with Session(self.engine) as session:
            session.execute(update(SchedulerLease).where(SchedulerLease.name == LEADER,
                                                         SchedulerLease.holder == self.holder)
                            .values(expires_at=RELEASED, holder=""))
            session.commit()


def leader_lock(engine: Engine, holder: str, lease_ttl: timedelta = timedelta(seconds=45)):
    """The right lock for the database behind `engine`."""
    if engine.dialect.name == "postgresql":
        return AdvisoryLock(engine)
    return LeaseLock(engine, holder, lease_ttl)


def last_tick(engine: Engine) -> datetime | None:
    with Session(engine) as session:
        row = session.get(SchedulerLease, TICKS)
        return row.last_tick_at if row else None


def record_tick(engine: Engine, at: datetime) -> None:
    """Remember the last completed tick: after downtime the next tick looks back to it for missed work."""
    with Session(engine) as session:
        moved = session.execute(update(SchedulerLease).where(SchedulerLease.name == TICKS)
                                .values(last_tick_at=at)).rowcount
        if not moved:
            session.add(SchedulerLease(name=TICKS, last_tick_at=at))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
