"""Read-only commands that write after all (a first-seen sender, a first-used account) run again as writers:
what they wrote is stored once, whatever read-only reads run on (SQLite's query_only, PostgreSQL's reader)."""
from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from storage.models import Account, Person
from tests.support.chat import reply_text


def _count(engine, model) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


async def test_a_first_seen_sender_of_a_read_only_command_is_stored_once(chat, engine):
    await chat.say('deal add "Globex" 5k')
    assert "No open deals for you" in reply_text(await chat.as_("zoe").say("pipeline"))
    assert not (await chat.as_("zoe").say("kpi")).is_error
    assert _count(engine, Person) == 2  # Ana and Zoe, once each


def test_a_read_only_unit_that_writes_runs_again_as_a_writer(store, engine):
    store.run("console", "acme-sales", lambda ws: None)  # the workspace exists: only the account is new
    runs = []

    def work(ws):
        runs.append(1)
        return ws.accounts.ensure("Initech").name

    assert store.run("console", "acme-sales", work, read_only=True) == "Initech"
    assert len(runs) == 2  # refused as a reader, then written as a writer
    assert _count(engine, Account) == 1
