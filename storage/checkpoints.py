"""SQLite's WAL checkpoints for the writes made on the event loop, run on a thread of their own."""
from __future__ import annotations

import logging
import sqlite3
import threading

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

# A commit normally checkpoints the log once it passes 1,000 pages, writing and syncing the database file
# in the committing thread. Connections running a unit on the event loop have that switched off
# (storage/database.py): every EVERY of their commits a thread copies the log back instead. A deal add
# writes well under ten pages, so the log stays near the size SQLite's own default keeps it.
EVERY = 100

_counts: dict[int, int] = {}  # commits on the loop, by engine
_running: set[int] = set()  # engines whose checkpoint is under way
_guard = threading.Lock()


def committed_on_loop(engine: Engine) -> None:
    """Count a commit made with automatic checkpoints off; start a checkpoint every EVERY of them."""
    key = id(engine)
    with _guard:
        count = _counts[key] = _counts.get(key, 0) + 1
        if count < EVERY or key in _running:
            return
        _counts[key] = 0
        _running.add(key)
    threading.Thread(target=_checkpoint, args=(engine, key), name="sqlite-checkpoint", daemon=True).start()


def _checkpoint(engine: Engine, key: int) -> None:
    try:
        # PASSIVE copies what no reader still needs and never waits for, or blocks, readers and writers.
        connection = engine.raw_connection()
        try:
            connection.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            connection.close()
    except (sqlite3.Error, SQLAlchemyError, OSError) as error:  # the next commit on a worker thread checkpoints as usual
        log.warning("sqlite: checkpoint failed: %s", error)
    finally:
        with _guard:
            _running.discard(key)
