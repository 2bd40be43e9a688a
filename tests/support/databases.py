"""Real test databases: a migrated SQLite file per test, and PostgreSQL when DATABASE_URL names one."""
from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import Engine
from storage.database import make_engine, normalise_url
from storage.migrate import upgrade


def postgres_url() -> str | None:
    """The PostgreSQL database to test against, if the environment names one."""
    url = os.environ.get("DATABASE_URL", "")
    return normalise_url(url) if url.startswith(("postgres", "postgresql")) else None


def migrated_sqlite_template(folder: Path) -> Path:
    """A migrated SQLite file, made once per test session and copied for each test."""
    template = folder / "template.db"
    engine = make_engine(f"sqlite:///{template}")
    upgrade(engine)
    engine.dispose()
    return template


def fresh_sqlite(template: Path, folder: Path) -> Engine:
    target = folder / "salesbot.db"
    shutil.copyfile(template, target)
    return make_engine(f"sqlite:///{target}")


def reset_postgres(engine: Engine) -> None:
    """Empty every table (the schema stays migrated) so each test starts clean."""
    with engine.begin() as connection:
        existing = {row[0] for row in connection.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"))}
        names = [f'"{name}"' for name in existing if name != "alembic_version"]
        if names:
            connection.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))


def migrated_postgres(url: str) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    return engine


@contextmanager
def write_lock_held(engine):
    """Another connection holds the write lock, as a long migration or a stuck transaction would."""
    if engine.dialect.name == "sqlite":
        holder = sqlite3.connect(engine.url.database, isolation_level=None, check_same_thread=False)
        holder.execute("BEGIN IMMEDIATE")
    else:
        holder = engine.raw_connection()
        holder.cursor().execute("LOCK TABLE deal IN EXCLUSIVE MODE")
    try:
        yield
    finally:
        holder.commit()
        holder.close()
