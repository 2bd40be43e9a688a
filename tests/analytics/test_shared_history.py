"""The workspace history `funnel` and `risks` judge against is never stale: a stage change made by another
process, or deals deleted and restored, show in the very next command, even at the same moment."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import event

from handlers.commands import FORM_HANDLERS, build_registry
from handlers.processor import CommandProcessor
from storage.store import Store
from tests.support.chat import Chat, reply_text

NOW = datetime(2026, 3, 16, 12, 0, tzinfo=timezone.utc)
EARLIER = NOW - timedelta(hours=1)  # the history counts stays that ended before now
QUICK = [f"Quick {n}" for n in range(1, 6)]  # left lead after a day: lead's usual stay is a day
LATE = [f"Late {n}" for n in range(1, 6)]  # still in lead, like Slow


def second_process(engine) -> Chat:
    """Ana through a store of its own: its own caches, as another process has."""
    store = Store(engine)
    return Chat(CommandProcessor(store, build_registry(), FORM_HANDLERS), store)


async def lead_stays(chat) -> None:
    """Slow and the Late deals sit in lead for 20 days; five Quick deals left it after one."""
    for number, name in enumerate([*QUICK, *LATE, "Slow"], 1):
        assert not (await chat.say(f'deal add "{name}" {number}k stage=lead', at=NOW - timedelta(days=20))).is_error
    for number in range(1, len(QUICK) + 1):
        assert not (await chat.say(f"deal stage #{number} qualified", at=NOW - timedelta(days=19))).is_error


def slow_in_lead(reply) -> bool:
    return "20 days in lead" in reply_text(reply)


async def test_a_stage_change_by_another_process_shows_in_the_next_funnel_and_risks(chat, engine):
    await lead_stays(chat)
    assert slow_in_lead(await chat.say("risks all", at=NOW))  # 20 days against a usual day: stuck
    await chat.say("funnel all", at=NOW)  # this process holds the history now
    for number in range(len(QUICK) + 1, len(QUICK) + len(LATE) + 1):
        assert not (await second_process(engine).say(f"deal stage #{number} qualified", at=EARLIER)).is_error
    # Lead's usual stay is 10.5 days now (five of 1 day, five of 20): 20 days is no longer twice that.
    assert not slow_in_lead(await chat.say("risks all", at=NOW))
    funnel = await chat.say("funnel all", at=NOW)
    fresh = await second_process(engine).say("funnel all", at=NOW)
    assert reply_text(funnel) == reply_text(fresh)
    assert [row[:3] for row in funnel.table.rows][:2] == [("lead", "11", "10"), ("qualified", "10", "0")]


async def test_deals_deleted_and_restored_elsewhere_change_the_usual_stay_at_once(chat, engine):
    await lead_stays(chat)
    for number in range(len(QUICK) + 1, len(QUICK) + len(LATE) + 1):
        await chat.say(f"deal stage #{number} qualified", at=EARLIER)
    assert not slow_in_lead(await chat.say("risks all", at=NOW))
    other = second_process(engine)
    for number in range(len(QUICK) + 1, len(QUICK) + len(LATE) + 1):
        assert not (await other.say(f"deal delete #{number}", at=NOW)).is_error
    assert slow_in_lead(await chat.say("risks all", at=NOW))  # the 20-day stays went to the bin with them
    for number in range(len(QUICK) + 1, len(QUICK) + len(LATE) + 1):
        assert not (await other.say(f"deal restore #{number}", at=NOW)).is_error
    assert not slow_in_lead(await chat.say("risks all", at=NOW))
    assert not (await chat.say("undo", at=NOW)).is_error  # takes back the last restore, from this process
    assert slow_in_lead(await chat.say("risks all", at=NOW))  # four 20-day stays against five of a day


async def test_a_repeated_risks_reads_no_stage_history(chat, engine):
    await lead_stays(chat)
    await chat.say("risks all", at=NOW)
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_):
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        again = await chat.say("risks all", at=NOW + timedelta(minutes=5))
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert slow_in_lead(again)
    assert not [s for s in statements if "stage_change" in s], statements
