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


def _drop_every_other_connection(engine) -> int:
    """The server ends every connection to this database but the asking one, as a restart or a proxy would."""
    others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    with engine.connect() as connection:
        ended = connection.execute(text(f"SELECT count(pg_terminate_backend(pid)) {others}")).scalar_one()
        deadline = time.monotonic() + 10
        while _still_there(connection, others):
            assert time.monotonic() < deadline, "the ended connections never went away"
            time.sleep(0.02)
    return ended


def _still_there(connection, others: str) -> int:
    connection.commit()  # the statistics views keep one snapshot per transaction: a fresh look each time
    return connection.execute(text(f"SELECT count(*) {others}")).scalar_one()


async def test_commands_answer_after_the_server_dropped_every_pooled_connection(chat, engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("an SQLite connection is a file handle; it cannot be dropped from outside")
    await chat.say('deal add "Globex" 5k')
    await chat.say("pipeline")  # a writer's and a reader's connection wait in their pools
    assert _drop_every_other_connection(engine) >= 2
    assert "Globex" in reply_text(await chat.say("deal list"))  # a read, run again on a fresh connection
    _drop_every_other_connection(engine)
    assert "Deal #2 added: Initech, $7,000" in reply_text(await chat.say('deal add "Initech" 7k'))
    _drop_every_other_connection(engine)
    with chat.store.workspace("console", chat.workspace) as ws:  # a plain transaction: pinged at checkout
        assert sorted(deal.name for deal in ws.deals.listing()) == ["Globex", "Initech"]
    assert stored(engine)[0] == [1, 2]
