"""SQLite's WAL checkpoints for the writes made on the event loop, run on a thread of their own."""
from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

log = logging.getLogger(__name__)

# A commit normally checkpoints the log once it passes 1,000 pages, writing and syncing the database file
# in the committing thread. Connections running a unit on the event loop have that switched off
# (storage/database.py): every EVERY of their commits a thread copies the log back instead. A deal add
# writes well under ten pages, so the log stays near the size SQLite's own default keeps it.
EVERY = 100

COUNTER = "_salesbot_loop_commits"  # the engine's attribute holding its count (it goes with the engine)
_guard = threading.Lock()


@dataclass
class _LoopCommits:
    count: int = 0
    running: bool = False  # a checkpoint is under way


def committed_on_loop(engine: Engine) -> None:
    """Count a commit made with automatic checkpoints off; start a checkpoint every EVERY of them."""
    with _guard:
        commits = getattr(engine, COUNTER, None)
        if commits is None:
            commits = _LoopCommits()
            setattr(engine, COUNTER, commits)
        commits.count += 1
        if commits.count < EVERY or commits.running:
            return
        commits.count, commits.running = 0, True
    threading.Thread(target=_checkpoint, args=(engine, commits), name="sqlite-checkpoint", daemon=True).start()


def _checkpoint(engine: Engine, commits: _LoopCommits) -> None:
    try:
        # PASSIVE copies what no reader still needs and never waits for, or blocks, readers and writers.
        connection = engine.raw_connection()
        try:
            connection.driver_connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            connection.close()
    except (sqlite3.Error, SQLAlchemyError, OSError) as error:  # a worker thread's next commit checkpoints
        log.warning("sqlite: checkpoint failed: %s", error)
    finally:
        with _guard:
            commits.running = False
