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

from storage.database import WRITE_LOCK

log = logging.getLogger(__name__)

T = TypeVar("T")

ATTEMPTS = 5
FIRST_DELAY = 0.02  # seconds; the ceiling doubles per attempt and each wait is drawn below it (full jitter)
MAX_DELAY = 0.5

# PostgreSQL SQLSTATEs after which the transaction is known to be rolled back, so running it again is safe:
# serialization_failure, deadlock_detected, lock_not_available (lock_timeout).
ROLLED_BACK_STATES = frozenset({"40001", "40P01", "55P03"})
SQLITE_BUSY = ("database is locked", "database is busy")


def new_session(engine: Engine) -> Session:
    return Session(engine.execution_options(**{WRITE_LOCK: True}), expire_on_commit=False)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One transaction, not re-run: committed when the block ends cleanly, rolled back on any exception."""
    session = new_session(engine)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def run_unit(engine: Engine, work: Callable[[Session], T], attempts: int = ATTEMPTS) -> T:
    """`work(session)` in one transaction, committed; on a transient failure all of it rolls back and runs again.

    `work` must have no effect outside the transaction (no posting, no announcing): it may run more than once.
    """
    for attempt in range(1, attempts + 1):
        session, committing = new_session(engine), False
        try:
            result = work(session)
            committing = True
            session.commit()
            return result
        except Exception as error:
            session.rollback()
            if attempt == attempts or not is_transient(error, committing):
                raise
            log.info("transient database failure (attempt %d of %d), running again: %s",
                     attempt, attempts, str(error).splitlines()[0][:200])
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        time.sleep(random.uniform(0, min(MAX_DELAY, FIRST_DELAY * 2 ** (attempt - 1))))
    raise AssertionError("unreachable: the last attempt returns or raises")


def is_transient(error: BaseException, committing: bool) -> bool:
    """Whether running the whole transaction again may succeed and cannot apply it twice."""
    if not isinstance(error, DBAPIError):
        return False
    cause = error.orig
    if getattr(cause, "sqlstate", None) in ROLLED_BACK_STATES:
        return True
    if isinstance(cause, sqlite3.OperationalError):
        return any(text in str(cause) for text in SQLITE_BUSY)
    # A connection lost while COMMIT was on its way may have committed: only earlier losses are re-run.
    return error.connection_invalidated and not committing
