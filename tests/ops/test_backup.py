"""`salesbot db backup FILE`: a whole copy of a live SQLite database while it is written; PostgreSQL: pg_dump."""
from __future__ import annotations

import sqlite3
import subprocess
import threading

import pytest

from handlers.context import Origin, Request, Sender
from tests.ops.support import database_url, head_revision, salesbot

ORIGIN = Origin("console", "acme-sales", "Acme Sales", "C-general")


def add_deals_until(processor, stop: threading.Event, added: list[int]) -> None:
    while not stop.is_set():
        reply = processor.handle(Request(f'deal add "Deal {len(added)}" 1k', Sender("ana", "Ana"), ORIGIN))
        assert not reply.is_error, reply.text
        added.append(1)


def run_backup(engine, target) -> subprocess.CompletedProcess:
    process = salesbot(["db", "backup", str(target)], {"DATABASE_URL": database_url(engine)})
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def test_backup_copies_a_live_database_while_it_is_written(engine, processor, tmp_path):
    target = tmp_path / "backup.db"
    stop, added = threading.Event(), []
    writer = threading.Thread(target=add_deals_until, args=(processor, stop, added))
    writer.start()
    try:
        while len(added) < 20:  # the database is busy being written when the backup starts
            stop.wait(0.01)
        before = len(added)
        result = run_backup(engine, target)
        during = len(added) - before
    finally:
        stop.set()
        writer.join(timeout=30)
    if engine.dialect.name == "postgresql":
        assert result.returncode == 1 and not target.exists()
        assert result.stderr.count("\n") == 1 and "pg_dump --format=custom" in result.stderr
        return
    assert result.returncode == 0, result.stderr
    assert during > 0, "the writer kept writing while the backup ran"
    copy = sqlite3.connect(target)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        (deals,) = copy.execute("SELECT count(*) FROM deal").fetchone()
        (revision,) = copy.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        copy.close()
    assert before <= deals <= len(added) and revision == head_revision(engine)
    numbers = sqlite3.connect(target).execute("SELECT number FROM deal ORDER BY number").fetchall()
    assert [n for (n,) in numbers] == list(range(1, deals + 1))  # a consistent snapshot: no gaps


def test_backup_refuses_to_overwrite_and_names_what_is_missing(engine, tmp_path):
    if engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL is backed up with pg_dump (the test above checks the message)")
    existing = tmp_path / "taken.db"
    existing.write_text("keep me")
    refused = run_backup(engine, existing)
    assert refused.returncode == 1 and refused.stderr == f"salesbot: {existing} already exists; name a new file\n"
    assert existing.read_text() == "keep me"
    nowhere = run_backup(engine, tmp_path / "missing" / "b.db")
    assert nowhere.returncode == 1 and "is not a directory" in nowhere.stderr
    no_file = salesbot(["db", "backup"], {"DATABASE_URL": database_url(engine)}).communicate(timeout=60)[1]
    assert no_file == "salesbot: db backup needs the file to write: salesbot db backup FILE\n"
