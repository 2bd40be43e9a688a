"""`salesbot db backup`: a consistent copy of a live SQLite database through SQLite's online backup API."""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy.engine import Engine


class BackupError(Exception):
    """Why a backup cannot be made; the message is one line for the operator."""


def backup_sqlite(engine: Engine, target: Path) -> int:
    """Copy the database behind `engine` to `target` while others keep writing; returns the pages copied.

    The copy is written beside the target and renamed into place, so `target` is either absent or whole.
    """
    source_path = _sqlite_path(engine)
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} already exists; name a new file")
    if not target.parent.is_dir():
        raise BackupError(f"{target.parent} is not a directory")
    partial = target.with_name(target.name + ".partial")
    source = sqlite3.connect(source_path, timeout=30)
    copy = sqlite3.connect(partial)
    try:
        # One step (pages=-1) under one read transaction: a consistent snapshot. Under WAL, writers
        # carry on meanwhile; copying in small steps would restart on every write and might never end.
        source.backup(copy, pages=-1)
        pages = copy.execute("PRAGMA page_count").fetchone()[0]
        if copy.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(f"the copy in {partial} failed SQLite's integrity check")
    finally:
        copy.close()
        source.close()
    os.replace(partial, target)
    return pages


def _sqlite_path(engine: Engine) -> str:
    if engine.dialect.name == "postgresql":
        url = engine.url.set(drivername="postgresql").render_as_string(hide_password=True)
        raise BackupError(f"db backup copies SQLite databases; back up PostgreSQL with pg_dump: "
                          f"pg_dump --format=custom --file=FILE '{url}' (see docs/deploy.md)")
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        raise BackupError(f"db backup needs an SQLite database file, not {engine.url.render_as_string()}")
    if not Path(database).is_file():
        raise BackupError(f"no database file at {database}")
    return database
