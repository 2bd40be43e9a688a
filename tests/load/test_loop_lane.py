"""Short commands on the event loop: they answer as on a worker thread, and nothing makes the loop wait."""
from __future__ import annotations

import asyncio
import shutil
import sqlite3

import pytest
from sqlmodel import Session, select

from handlers.quick_lane import RUNS, SLOW, QuickLane
from storage import checkpoints
from storage.database import sqlite_writer_turn
from storage.models import Deal, Person
from tests.support.chat import reply_text
from tests.support.databases import write_lock_held
from tests.support.held import held_on_another_thread


async def warm(chat, command: str) -> None:
    """Enough short runs of `command` that the next ones run on the event loop."""
    for _ in range(RUNS):
        assert not (await chat.say(command)).is_error


def sqlite_only(engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("commands run on the event loop on SQLite only")


async def test_reads_on_the_loop_answer_while_another_process_holds_the_write_lock(chat, engine):
    sqlite_only(engine)
    await chat.say('deal add "Acme" 10k')
    await warm(chat, "deal list")
    with write_lock_held(engine):
        replies = await asyncio.wait_for(asyncio.gather(*(chat.say("deal list") for _ in range(5))), timeout=5)
    assert all("Acme" in reply_text(reply) for reply in replies)


async def test_a_first_seen_sender_waits_for_the_lock_on_a_thread_while_the_loop_answers_others(chat, engine):
    sqlite_only(engine)
    await chat.say('deal add "Acme" 10k')
    await warm(chat, "pipeline")
    with write_lock_held(engine):
        # Dora is new: her read writes her person row after all, so it must wait for the lock: not here.
        dora = asyncio.ensure_future(chat.as_("dora").say("pipeline"))
        answers = await asyncio.wait_for(asyncio.gather(*(chat.say("pipeline") for _ in range(3))), timeout=5)
        assert not dora.done(), "the first-seen sender's write did not wait for the held lock"
    assert [reply.is_error for reply in answers] == [False] * 3
    assert not (await asyncio.wait_for(dora, timeout=10)).is_error
    with Session(engine) as session:
        assert session.exec(select(Person.role).where(Person.platform_user_id == "dora")).one() == "rep"


async def test_replies_on_the_loop_speak_each_senders_language(chat, engine):
    await chat.say('deal add "Acme" 10k')
    assert not (await chat.as_("li").say("settings language zh-CN me")).is_error
    assert not (await chat.as_("li").say('deal add "Initech" 5k')).is_error
    await warm(chat, "pipeline")
    await warm(chat.as_("li"), "pipeline")
    english, chinese, english_again = await asyncio.gather(
        chat.say("pipeline"), chat.as_("li").say("pipeline"), chat.say("pipeline"))
    assert "Pipeline" in reply_text(english) and "Pipeline" in reply_text(english_again)
    assert "Pipeline" not in reply_text(chinese) and "管道" in reply_text(chinese)


async def test_a_write_waits_for_another_process_on_a_thread_never_on_the_loop(chat, engine):
    sqlite_only(engine)
    await warm(chat, 'deal add "Acme" 1k')
    with write_lock_held(engine):
        added = asyncio.ensure_future(chat.say('deal add "Globex" 2k'))
        # A write waiting on the loop would hold up this read; on a worker thread it waits alone.
        read = await asyncio.wait_for(chat.say("deal list"), timeout=5)
        assert not added.done()
    assert "Acme" in reply_text(read)
    assert "Globex" in reply_text(await asyncio.wait_for(added, timeout=10))


async def test_a_short_write_awaits_this_processes_other_writer_while_reads_go_on(chat, engine):
    sqlite_only(engine)
    await warm(chat, 'deal add "Acme" 1k')
    await warm(chat, "deal list")
    # This process's other writer has the turn: an import, say, writing on a worker thread.
    with held_on_another_thread(sqlite_writer_turn(engine)):
        added = asyncio.ensure_future(chat.say('deal add "Globex" 2k'))
        read = await asyncio.wait_for(chat.say("deal list"), timeout=5)
        assert not added.done(), "the write did not wait for the writer turn"
        assert "Globex" not in reply_text(read)
    assert "Globex" in reply_text(await asyncio.wait_for(added, timeout=5))
    with Session(engine) as session:
        assert len(session.exec(select(Deal).where(Deal.name == "Globex")).all()) == 1


async def test_writes_on_the_loop_are_copied_back_to_the_database_file(chat, engine, tmp_path):
    """Commits on the loop never checkpoint themselves; a thread does, so the file alone (a plain copy,
    without its write-ahead log) still holds what was written, and the log does not grow without end."""
    sqlite_only(engine)
    await warm(chat, 'deal add "Warm" 1k')
    for n in range(checkpoints.EVERY * 2):
        assert not (await chat.say(f'deal add "Loop {n}" 1k')).is_error
    copy = tmp_path / "copy.db"
    for _ in range(50):
        shutil.copyfile(engine.url.database, copy)
        with sqlite3.connect(copy) as only_the_file:
            stored = only_the_file.execute("SELECT count(*) FROM deal WHERE name LIKE 'Loop %'").fetchone()[0]
        if stored >= checkpoints.EVERY:
            break
        await asyncio.sleep(0.1)
    assert stored >= checkpoints.EVERY


def test_a_command_runs_on_the_loop_only_after_enough_short_runs():
    lane = QuickLane()
    for _ in range(RUNS - 1):
        lane.record("pipeline", 0.001)
    assert not lane.fits("pipeline") and not lane.fits("kpi")
    lane.record("pipeline", 0.001)
    assert lane.fits("pipeline")


def test_one_slow_run_sends_a_command_back_to_the_threads_until_short_runs_clear_it():
    lane = QuickLane()
    for _ in range(RUNS):
        lane.record("funnel", 0.001)
    lane.record("funnel", SLOW * 2)
    for _ in range(RUNS - 1):
        assert not lane.fits("funnel")
        lane.record("funnel", 0.001)
    lane.record("funnel", 0.001)
    assert lane.fits("funnel")


def test_a_command_that_is_usually_long_stays_on_the_threads():
    lane = QuickLane()
    for _ in range(RUNS):
        lane.record("kpi team", 0.02)  # under SLOW each time, but long on average
    assert not lane.fits("kpi team")
