"""Idempotency keys: the first claim of a key wins, every repeat is told it is a repeat."""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, delete

from storage.database import writer_turn
from storage.models import ProcessedKey
from storage.prepared import Prepared
from handlers.clock import utc_now


def claim_key(engine: Engine, key: str) -> bool:
    """True the first time `key` is claimed, False for every later claim (in any process)."""
    with writer_turn(engine), Session(engine) as session:
        session.add(ProcessedKey(key=key[:255], at=utc_now()))
        try:
            session.commit()
        except IntegrityError:
            session.rollback()
            return False
    return True


# Compiled once per dialect (every slash command claims its key; storage/prepared.py): psycopg reports no
# rowcount for a skipped insert, so the returned row tells whether the key was new.
CLAIM = {name: Prepared(insert(ProcessedKey).on_conflict_do_nothing().returning(ProcessedKey.key))
         for name, insert in (("sqlite", sqlite_insert), ("postgresql", pg_insert))}


def claim_in(session: Session, key: str) -> bool:
    """`claim_key` inside a running transaction, as one statement: the key commits or rolls back with it."""
    connection = session.connection()
    return CLAIM[connection.dialect.name].run(connection, {"key": key[:255], "at": utc_now()}).first() is not None


def forget_keys_before(engine: Engine, cutoff: datetime) -> int:
    """Drop keys older than `cutoff` (retries never come that late); returns how many went."""
    with Session(engine) as session:
        result = session.exec(delete(ProcessedKey).where(ProcessedKey.at < cutoff))
        session.commit()
        return result.rowcount or 0


def forget_stale_keys(engine: Engine, keep: timedelta = timedelta(days=2)) -> int:
    """Housekeeping: keys older than `keep` are removed."""
    return forget_keys_before(engine, utc_now() - keep)
