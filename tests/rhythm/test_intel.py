"""Market intel: noted by reps, listed by competitor, carried by the manager's digest and meeting agendas."""
from __future__ import annotations

from datetime import timedelta

from tests.rhythm.support import NOW, org
from tests.schedules.support import RecordingMessenger, make_ticker, utc
from tests.support.chat import reply_text
from tests.support.snapshot import db_snapshot as snapshot


async def seed(people):
    await people["bob"].say('deal add "Acme" 10k account="Acme Corp"', at=NOW - timedelta(days=3))
    await people["bob"].say('intel "Globex cut prices 20%" competitor=Globex account="Acme Corp"',
                            at=NOW - timedelta(days=2))
    await people["dan"].say('intel "Globex has a new CTO" competitor=globex', at=NOW - timedelta(days=1))
    await people["dan"].say('intel "budgets freeze in December"', at=NOW - timedelta(hours=5))
    await people["zoe"].say('intel "Initech is bundling support" competitor=Initech', at=NOW)


async def test_intel_is_listed_by_competitor_and_filtered(chat):
    people = await org(chat)
    await seed(people)
    listing = await people["carla"].say("intel list", at=NOW)
    assert "3 notes" in listing.text and "Initech" not in reply_text(listing)
    assert [row[0] for row in listing.table.rows] == ["Globex", "Globex", "(general)"]
    assert listing.table.rows[1][3] == "Acme Corp"
    only = await people["ana"].say("intel list all competitor=GLOBEX", at=NOW)
    assert "on GLOBEX" in only.text and len(only.table.rows) == 2


async def test_bad_intel_writes_nothing(chat, engine):
    people = await org(chat)
    before = snapshot(engine)
    empty = await people["bob"].say("intel competitor=Globex", at=NOW)
    unknown = await people["bob"].say('intel "x" account="Nobody Ltd"', at=NOW)
    assert empty.is_error and "the note is missing" in empty.text
    assert unknown.is_error and "there is no account 'Nobody Ltd'" in unknown.text
    assert snapshot(engine) == before


async def test_the_managers_digest_and_the_meeting_agenda_carry_the_weeks_intel_and_lost_reasons(chat, store):
    people = await org(chat)
    await seed(people)
    await people["dan"].say('deal add "Beta" 5k', at=NOW - timedelta(days=2))
    await people["dan"].say('deal lost #2 reason="price"', at=NOW - timedelta(days=1))
    digest = reply_text(await people["carla"].say("digest preview", at=NOW))
    assert "Intel: Globex ×2: “Globex has a new CTO”; (general) ×1" in digest
    assert "Lost because: price ×1" in digest
    east = people["carla"]
    east.channel = "C-east"
    await east.say('meeting add "Pipeline review" weekly thu 09:00 remind=30m team', at=NOW - timedelta(days=7))
    messenger = RecordingMessenger()
    await make_ticker(store, messenger).tick(utc("2026-11-05 08:30"))
    [agenda] = messenger.to("C-east")
    assert "Intel: Globex ×2" in agenda and "Initech" not in agenda
