"""Training: assigned by managers, marked done by the assignee, reminded once the day before, in digests."""
from __future__ import annotations

from datetime import timedelta

from tests.rhythm.support import NOW, org
from tests.schedules.support import RecordingMessenger, make_ticker, run_until, utc
from tests.support.chat import reply_text
from tests.support.snapshot import db_snapshot as snapshot


async def test_a_manager_assigns_the_team_and_each_rep_marks_their_own_copy_done(chat):
    people = await org(chat)
    added = await people["carla"].say('training add "Negotiation basics" url=https://learn.example.com/n '
                                      "due=2026-11-10 for=team", at=NOW)
    assert "Training 1 “Negotiation basics” assigned to East, due Tue 10 Nov." == added.text
    done = await people["bob"].say("training done 1", at=NOW)
    again = await people["bob"].say("training done 1", at=NOW + timedelta(hours=1))
    assert "done. Well done!" in done.text and "was already done on Wed 04 Nov" in again.text
    listing = await people["carla"].say("training list team", at=NOW)
    assert "1 open, 1 done" in listing.text
    status = {row[2]: row[4] for row in listing.table.rows}
    assert status == {"Bob": "done 04 Nov", "Dan": "open"}
    outsider = await people["zoe"].say("training done 1", at=NOW)
    assert outsider.is_error and "not assigned to you" in outsider.text


async def test_reps_assign_only_themselves_and_bad_input_writes_nothing(chat, engine):
    people = await org(chat)
    before = snapshot(engine)
    cases = {
        'training add "X" for=team': "only managers and admins",
        'training add "X" for=@dan': "only Dan, their manager or an admin",
        'training add "X" url=ftp://files': "'ftp://files' is not a link",
        'training add "X" due=someday': "is not a date",
        'training add "X" when=today': "'when=' is not an option",
        'training add ""': "the title is missing",
        "training done seven": "'seven' is not a training number",
        "training done 99": "there is no training 99",
    }
    for command, expected in cases.items():
        reply = await people["bob"].say(command, at=NOW)
        assert reply.is_error and expected in reply.text, (command, reply.text)
    assert snapshot(engine) == before
    mine = await people["bob"].say('training add "Read the pricing guide" due=fri', at=NOW)
    assert "assigned to you, due Fri 06 Nov" in mine.text


async def test_one_reminder_the_day_before_at_nine_in_the_assignees_zone(chat, store):
    people = await org(chat)
    await people["dan"].say("settings timezone Asia/Tokyo me", at=NOW)
    await people["carla"].say('training add "Demo skills" due=2026-11-10 for=@dan', at=NOW)
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await run_until(ticker, utc("2026-11-08 23:30"), utc("2026-11-09 00:30"), timedelta(minutes=10))
    [text] = messenger.to("dan")  # 09:00 in Tokyo on the 9th is 00:00 UTC
    assert "training “Demo skills” is due Tue 10 Nov" in text and "Mark done" in text
    await run_until(ticker, utc("2026-11-09 00:40"), utc("2026-11-10 12:00"), timedelta(hours=3))
    assert len(messenger.to("dan")) == 1


async def test_no_reminder_once_done_and_digests_show_open_and_overdue_training(chat, store):
    people = await org(chat)
    await people["carla"].say('training add "Discovery" due=2026-11-06 for=team', at=NOW)
    await people["bob"].say("training done 1", at=NOW)
    rep_digest = reply_text(await people["dan"].say("digest preview", at=NOW))
    assert "Training to do: Discovery (1, due 06 Nov)" in rep_digest
    messenger = RecordingMessenger()
    await run_until(make_ticker(store, messenger), utc("2026-11-05 08:55"), utc("2026-11-05 09:05"))
    assert messenger.to("dan") and not messenger.to("bob")
    manager_digest = reply_text(await people["carla"].say("digest preview", at=utc("2026-11-09 15:00")))
    assert "Overdue training: Dan 1" in manager_digest
