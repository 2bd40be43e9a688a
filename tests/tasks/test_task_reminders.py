"""Task reminders through the scheduler: at the due time in the assignee's zone, held by quiet hours, exactly
once per due time, with Done / Snooze 1 day / Open the deal buttons that work when pressed."""
from __future__ import annotations

from datetime import timedelta

from tests.schedules.support import RecordingMessenger, make_ticker, run_until, utc
from tests.tasks.support import MONDAY, org


async def test_the_reminder_comes_once_at_the_due_time_in_the_assignees_zone(chat, store):
    await org(chat)
    dan = chat.as_("dan", timezone="America/New_York")
    await dan.say('deal add "Globex" 20k', at=MONDAY)
    await dan.say('task add "Call Globex" #1 due=tue 11:00', at=MONDAY)  # 11:00 New York = 16:00 UTC
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await run_until(ticker, utc("2026-11-03 15:57"), utc("2026-11-03 15:59"))
    assert messenger.to("dan") == []
    await run_until(ticker, utc("2026-11-03 16:00"), utc("2026-11-03 16:05"))
    (reminder,) = [r for d, r in messenger.posts if d.user_id == "dan"]
    assert "Reminder: Call Globex — due Tue 3 Nov 11:00, on #1 Globex." == reminder.text
    assert [(a.label, a.command) for a in reminder.actions] == [
        ("Done", "task done 1"), ("Snooze 1 day", "task snooze 1 1d"), ("Open the deal", "deal show #1")]
    await ticker.tick(utc("2026-11-03 17:00"))
    assert len(messenger.to("dan")) == 1


async def test_quiet_hours_hold_the_reminder_until_the_morning(chat, store):
    await org(chat)
    eve = chat.as_("eve", timezone="UTC")
    await eve.say('task add "Late thought" due=today 21:00', at=MONDAY)
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await run_until(ticker, utc("2026-11-02 21:00"), utc("2026-11-02 21:02"))
    assert messenger.to("eve") == []
    await ticker.tick(utc("2026-11-03 08:00"))
    assert len(messenger.to("eve")) == 1
    await ticker.tick(utc("2026-11-03 08:01"))
    assert len(messenger.to("eve")) == 1


async def test_pressing_snooze_brings_it_back_a_day_later_and_done_stops_it(chat, store):
    await org(chat)
    eve = chat.as_("eve", timezone="UTC")
    await eve.say('task add "Send deck" due=tue 10:00', at=MONDAY)
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await ticker.tick(utc("2026-11-03 10:00"))
    (first,) = [r for d, r in messenger.posts if d.user_id == "eve"]
    snooze = next(a.command for a in first.actions if a.label == "Snooze 1 day")
    assert not (await eve.say(snooze, at=utc("2026-11-03 10:01"))).is_error
    await run_until(ticker, utc("2026-11-03 10:02"), utc("2026-11-03 10:05"))
    assert len(messenger.to("eve")) == 1
    await ticker.tick(utc("2026-11-04 10:00"))
    assert len(messenger.to("eve")) == 1  # a day after the press (10:01), not after the old due time
    await ticker.tick(utc("2026-11-04 10:01"))
    second = [r for d, r in messenger.posts if d.user_id == "eve"][-1]
    assert len(messenger.to("eve")) == 2 and "Wed 4 Nov 10:01" in second.text
    done = next(a.command for a in second.actions if a.label == "Done")
    await eve.say(done, at=utc("2026-11-04 10:01"))
    await eve.say("task snooze 1 1h", at=utc("2026-11-04 10:02"))  # refused: done already
    await run_until(ticker, utc("2026-11-04 10:59"), utc("2026-11-04 12:00"), timedelta(minutes=30))
    assert len(messenger.to("eve")) == 2


async def test_a_task_done_before_its_time_is_never_reminded(chat, store):
    await org(chat)
    eve = chat.as_("eve", timezone="UTC")
    await eve.say('task add "Quick one" due=tue 10:00', at=MONDAY)
    await eve.say("task done 1", at=MONDAY + timedelta(hours=1))
    messenger = RecordingMessenger()
    await make_ticker(store, messenger).tick(utc("2026-11-03 10:00"))
    assert messenger.posts == []
