"""`kpi` counts activities by kind, most first and then by name; a kind no command logs any more still counts."""
from sqlalchemy import text

from tests.analytics.dataset import NOW, build


def activities(reply) -> str:
    return {fact.label: fact.value for fact in reply.facts}["Activities"]


async def test_activities_by_kind_most_first_then_by_name(chat):
    await build(chat)
    for kind in ("meeting", "meeting", "demo", "visit", "visit", "visit"):
        assert not (await chat.as_("bob").say(f'log {kind} #2 "with the buyer"', at=NOW)).is_error
    assert activities(await chat.as_("ana").say("kpi @bob month", at=NOW)) == \
        "9 — 3 visit, 2 call, 2 meeting, 1 demo, 1 email"


async def test_an_activity_of_an_unlisted_kind_is_still_counted_by_its_name(chat, engine):
    # Rows written before a kind was retired, or by an import of another tool, keep whatever kind they had.
    await build(chat)
    with engine.begin() as connection:
        connection.execute(text("UPDATE activity SET kind = 'webinar' WHERE kind = 'email'"))
    assert activities(await chat.as_("ana").say("kpi @bob month", at=NOW)) == "3 — 2 call, 1 webinar"
