"""Per-process caches never show a change late, whichever process made it; reads never take the write lock."""
from __future__ import annotations

import threading

import pytest
from sqlmodel import Session, select

from handlers.commands import FORM_HANDLERS, build_registry
from handlers.processor import CommandProcessor
from storage.models import Person
from storage.store import Store
from tests.support.chat import Chat, reply_text
from tests.support.databases import write_lock_held


def other_process(engine) -> Chat:
    """Ana in the same workspace through a second store: its own caches, as another process has."""
    store = Store(engine)
    return Chat(CommandProcessor(store, build_registry(), FORM_HANDLERS), store)


async def test_stages_changed_elsewhere_are_used_at_once(chat, engine):
    await chat.say('deal add "Acme" 10k')  # this process has cached the stages now
    changed = await other_process(engine).say("stages set lead:10 discovery:20 pitch:60")
    assert not changed.is_error, changed.text
    added = await chat.say('deal add "Globex" 5k stage=pitch')
    assert not added.is_error, added.text
    assert "pitch (60%)" in reply_text(added)
    assert "discovery" in reply_text(await chat.say("stages"))


async def test_a_currency_changed_elsewhere_is_the_default_at_once(chat, engine):
    await chat.say('deal add "Acme" 10k')
    await other_process(engine).say("settings currency EUR")
    assert "€5,000" in reply_text(await chat.say('deal add "Globex" 5k'))


async def test_a_role_changed_elsewhere_counts_at_once(chat, engine):
    await chat.say("whoami")  # Ana first: the workspace's admin
    await chat.as_("bob").say("whoami")
    assert (await chat.as_("bob").say("stages set a:10")).is_error  # a rep: refused, and cached as a rep
    await other_process(engine).say("role @bob admin")
    changed = await chat.as_("bob").say("stages set a:10 b:20")
    assert not changed.is_error, changed.text


async def test_a_team_changed_elsewhere_changes_the_team_scope_at_once(chat, engine):
    for person in ("ana", "bob", "cy"):
        await chat.as_(person).say("whoami")
    await chat.say('team create "East"')
    await chat.say('team manager East @ana')
    await chat.say('team add East @bob')
    await chat.as_("cy").say('deal add "Cy deal" 7k')
    assert "Cy deal" not in reply_text(await chat.say("deal list team"))  # the members are cached now
    await other_process(engine).say("team add East @cy")
    assert "Cy deal" in reply_text(await chat.say("deal list team"))


async def test_a_workspace_changed_in_this_process_is_seen_by_the_next_command(chat):
    await chat.say('deal add "Acme" 10k')
    await chat.say("settings riskdays 30")
    await chat.say("settings bigdeal 1k")
    added = await chat.say('deal add "Globex" 5k')
    assert not added.is_error


async def test_a_first_seen_sender_of_a_read_only_command_is_remembered(chat, engine):
    await chat.say("whoami")
    reply = await chat.as_("dora").say("pipeline")  # read-only, but Dora is new: written after all
    assert not reply.is_error, reply.text
    with Session(engine) as session:
        assert session.exec(select(Person.role).where(Person.platform_user_id == "dora")).one() == "rep"


def test_reads_answer_while_another_process_holds_the_sqlite_write_lock(chat, engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("the write lock at BEGIN is SQLite's")
    chat.say_sync('deal add "Acme" 10k')
    answers: list = []
    with write_lock_held(engine):
        reader = threading.Thread(target=lambda: answers.extend(
            chat.say_sync(command) for command in ("pipeline", "deal list", "kpi", "deal show #1")))
        reader.start()
        reader.join(timeout=10)  # a read waiting for the lock would sit in SQLite's 30-second busy timeout
        assert not reader.is_alive(), "a read-only command waited for the write lock"
    assert [reply.is_error for reply in answers] == [False] * 4
    assert "Acme" in reply_text(answers[1])
