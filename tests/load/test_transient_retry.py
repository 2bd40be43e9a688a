"""A unit of work chosen as a real PostgreSQL deadlock's victim runs again: the user sees success, stored once."""
from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import func, text
from sqlmodel import Session, select

from storage.models import Account, AuditEntry, Deal, Workspace
from tests.support.chat import reply_text

WAITING_FOR_A_LOCK = text("SELECT count(*) FROM pg_locks WHERE NOT granted")


def wait_until_blocked(engine, deadline: float) -> None:
    while not _someone_waits(engine):
        assert time.monotonic() < deadline, "the command never queued behind the other transaction"
        time.sleep(0.02)


def _someone_waits(engine) -> bool:
    with engine.connect() as connection:  # a fresh look each time
        return connection.execute(WAITING_FOR_A_LOCK).scalar_one() > 0


def stored(engine) -> tuple[list[int], int, int]:
    with Session(engine) as session:
        numbers = list(session.exec(select(Deal.number)))
        accounts = session.exec(select(func.count()).select_from(Account)).one()
        audits = session.exec(select(func.count()).select_from(AuditEntry)
                              .where(AuditEntry.action == "deal.add")).one()
    return numbers, accounts, audits


async def test_a_deadlocked_deal_add_is_run_again_and_stored_once(chat, engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite takes its write lock at BEGIN, so two units of work cannot deadlock there")
    await chat.say("whoami")  # the workspace and Ana exist, so the command's first write is the account
    with Session(engine) as session:
        workspace_id = session.exec(select(Workspace.id)).one()
    other = engine.connect()
    try:
        other.execute(text("SET deadlock_timeout = '20s'"))  # the command's side finds the cycle first
        other.execute(text("UPDATE workspace SET name = name WHERE id = :id"), {"id": workspace_id})
        command = asyncio.create_task(chat.say('deal add "Globex" 5k account="Deadlock Co"'))
        # The command inserted its account and now waits for the workspace row held here; inserting the
        # same account here waits for the command: a cycle PostgreSQL breaks by failing the command.
        await asyncio.to_thread(wait_until_blocked, engine, time.monotonic() + 10)
        started = time.monotonic()
        other.execute(text("INSERT INTO account (workspace_id, name, name_key) VALUES (:w, 'x', 'deadlock co')"),
                      {"w": workspace_id})
        assert time.monotonic() - started < 15  # released by the deadlock, not by a timeout
        other.rollback()
        reply = await asyncio.wait_for(command, 30)
    finally:
        other.close()
    assert "Deal #1 added: Globex, $5,000" in reply_text(reply)
    assert stored(engine) == ([1], 1, 1)


def test_a_unit_of_work_whose_connection_drops_runs_again_once(store, engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("an SQLite connection is a file handle; it cannot be dropped from outside")
    attempts = []

    def work(ws):
        attempts.append(ws.session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar_one())
        ws.people.ensure("bob", "Bob")
        if len(attempts) == 1:  # the server ends this connection, as a restart or a proxy would
            with engine.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": attempts[0]})
        return ws.people.ensure("carla", "Carla").display_name

    assert store.run("console", "acme-sales", work) == "Carla"
    assert len(attempts) == 2 and attempts[0] != attempts[1]
    with store.workspace("console", "acme-sales") as ws:
        assert sorted(p.display_name for p in ws.people.all()) == ["Bob", "Carla"]
