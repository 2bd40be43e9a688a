"""Overdue follow-ups in digests: listed in the rep's own, counted per rep in the manager's."""
from __future__ import annotations

from tests.schedules.support import utc
from tests.tasks.support import MONDAY, org


async def test_rep_digest_lists_and_manager_digest_counts_overdue_follow_ups(chat):
    await org(chat)
    bob, dan = chat.as_("bob", timezone="Europe/Lisbon"), chat.as_("dan", timezone="America/New_York")
    await bob.say('task add "Send the contract" due=2026-11-03 12:00', at=MONDAY)
    await bob.say('task add "Call legal" due=2026-11-03', at=MONDAY)
    await dan.say('task add "Book the demo" due=2026-11-03 09:00', at=MONDAY)
    await dan.say('task add "Not yet" due=2026-11-20', at=MONDAY)
    wednesday = utc("2026-11-04 15:00")
    mine = dict((f.label, f.value) for f in (await bob.say("digest preview", at=wednesday)).facts)
    assert "Send the contract (since Tue 3 Nov 12:00)" in mine["Overdue follow-ups"]
    assert "Call legal (since Tue 3 Nov)" in mine["Overdue follow-ups"]
    team = (await chat.as_("carla").say("digest preview", at=wednesday)).facts
    assert dict((f.label, f.value) for f in team)["Overdue follow-ups"] == "Bob 2, Dan 1"
    quiet = dict((f.label, f.value) for f in (await chat.as_("eve").say("digest preview", at=wednesday)).facts)
    assert "Overdue follow-ups" not in quiet
