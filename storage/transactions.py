"""Units of work: one transaction each, run again from the start when the database failed it transiently."""
from __future__ import annotations

import logging
import random
import sqlite3
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from handlers.ports import WouldWait
from storage.cache import StaleCache
from storage import checkpoints
from storage.database import (NO_WAIT, READ_ONLY, WRITE_LOCK, reader_engine, rerun_on_disconnect,
                              sqlite_writer_turn, writer_turn)

log = logging.getLogger(__name__)

T = TypeVar("T")

ATTEMPTS = 5
FIRST_DELAY = 0.02  # seconds; the ceiling doubles per attempt and each wait is drawn below it (full jitter)
MAX_DELAY = 0.5

# PostgreSQL SQLSTATEs after which the transaction is known to be rolled back, so running it again is safe:
# serialization_failure, deadlock_detected, lock_not_available (lock_timeout).
ROLLED_BACK_STATES = frozenset({"40001", "40P01", "55P03"})
SQLITE_BUSY = ("database is locked", "database is busy")
# A read-only unit of work that wanted to write after all (a first-seen person): PostgreSQL's
# read_only_sql_transaction, or no_active_sql_transaction for the savepoint a first sight takes (its
# reader runs statements without a transaction), SQLite's query_only refusal.
READ_ONLY_STATES = frozenset({"25006", "25P01"})
SQLITE_READ_ONLY = "attempt to write a readonly database"


class WroteInReadOnly(Exception):
    """A unit of work run as read-only tried to write: it runs again as a writer."""


def new_session(engine: Engine, read_only: bool = False, wait: bool = True) -> Session:
    return Session(_bound(engine, read_only, wait), expire_on_commit=False)


BOUND = "_salesbot_unit_engines"  # the engine's attribute holding them (they go with the engine)


def _bound(engine: Engine, read_only: bool, wait: bool) -> Engine:
    """The engine with a unit's execution options, built once per engine and kind of unit, not per unit."""
    kinds = getattr(engine, BOUND, None)
    if kinds is None:
        reads = engine if engine.dialect.name == "sqlite" else reader_engine(engine)
        kinds = {}
        for only_reads, on, options in ((True, reads, {READ_ONLY: True}), (False, engine, {WRITE_LOCK: True})):
            kinds[only_reads, True] = on.execution_options(**options)
            kinds[only_reads, False] = on.execution_options(**options, **{NO_WAIT: True})
        setattr(engine, BOUND, kinds)
    return kinds[read_only, wait]


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction, not re-run: committed when the block ends cleanly, rolled back on any exception."""
    with writer_turn(engine):
        session = new_session(engine)
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()


def run_unit(engine: Engine, work: Callable[[Session], T], attempts: int = ATTEMPTS,
             read_only: bool = False, wait: bool = True) -> T:
    """`work(session)` in one transaction, committed; on a transient failure all of it rolls back and runs again.

    `work` must have no effect outside the transaction (no posting, no announcing): it may run more than once.
    A `read_only` unit neither takes SQLite's write lock nor waits for the process's writer turn; if it
    writes after all, the database refuses and it runs again as a writer.
    Without `wait` (a unit on the event loop, SQLite only) nothing ever sleeps: no busy timeout, no retry,
    no waiting for the writer turn; whatever would wait raises WouldWait, with everything rolled back, so
    that the caller tries again once the turn is free or runs the unit on a worker thread instead.
    """
    if not wait:
        return _without_waiting(engine, work, read_only)
    if read_only:
        try:
            return _attempts(engine, work, attempts, read_only=True)
        except WroteInReadOnly:
            pass
    with writer_turn(engine):
        return _attempts(engine, work, attempts, read_only=False)


def _without_waiting(engine: Engine, work: Callable[[Session], T], read_only: bool) -> T:
    if engine.dialect.name != "sqlite":  # PostgreSQL's round trips would hold the loop up
        raise WouldWait("only SQLite runs without waiting")
    if read_only:
        try:
            return _attempts(engine, work, 1, read_only=True, wait=False)
        except WroteInReadOnly:  # a first-seen sender: a write after all, as a writer below
            pass
    turn = sqlite_writer_turn(engine)
    if not turn.try_take():  # this process's other writer, on a worker thread: the loop must not block on it
        raise WouldWait("another writer has the turn", until=turn.released)
    try:
        # Another process's write lock fails BEGIN IMMEDIATE at once here (no busy timeout): WouldWait.
        result = _attempts(engine, work, 1, read_only=False, wait=False)
    finally:
        turn.release()
    checkpoints.committed_on_loop(engine)
    return result


def _attempts(engine: Engine, work: Callable[[Session], T], attempts: int, read_only: bool,
              wait: bool = True) -> T:
    attempt = 0
    while True:
        attempt += 1
        session, committing = new_session(engine, read_only, wait), False
        try:
            with rerun_on_disconnect():  # a dead pooled connection fails the unit, which runs again
                result = work(session)
                committing = True
                session.commit()
            return result
        except StaleCache:
            session.rollback()  # another process changed cached rows: at once, on fresh rows (not an attempt)
            attempt -= 1
            continue
        except Exception as error:
            session.rollback()
            if read_only and wrote_in_read_only(error):
                raise WroteInReadOnly() from error
            if not wait and is_transient(error, committing):
                raise WouldWait("transient failure") from error
            if attempt >= attempts or not is_transient(error, committing):
                raise
            log.info("transient database failure (attempt %d of %d), running again: %s",
                     attempt, attempts, str(error).splitlines()[0][:200])
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        time.sleep(random.uniform(0, min(MAX_DELAY, FIRST_DELAY * 2 ** (attempt - 1))))


def wrote_in_read_only(error: BaseException) -> bool:
    if not isinstance(error, DBAPIError):
        return False
    cause = error.orig
    return getattr(cause, "sqlstate", None) in READ_ONLY_STATES or SQLITE_READ_ONLY in str(cause)


def is_transient(error: BaseException, committing: bool) -> bool:
    """Whether running the whole transaction again may succeed and cannot apply it twice."""
    # BEGIN IMMEDIATE runs in SQLAlchemy's begin event (storage/database.py), which does not wrap its errors.
    cause = error.orig if isinstance(error, DBAPIError) else error
    if isinstance(cause, sqlite3.OperationalError):
        return any(text in str(cause) for text in SQLITE_BUSY)
    if not isinstance(error, DBAPIError):
        return False
    if getattr(cause, "sqlstate", None) in ROLLED_BACK_STATES:
        return True
    # A connection lost while COMMIT was on its way may have committed: only earlier losses are re-run.
    return error.connection_invalidated and not committing
