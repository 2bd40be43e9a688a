"""Meeting reminders: posted `remind` before start with an agenda from the data; skip and cancel."""
from datetime import timedelta

from tests.schedules.support import RecordingMessenger, make_ticker, run_until, utc
from tests.support.chat import reply_text

FRIDAY = utc("2026-10-30 10:00")


async def test_reminder_posted_before_start_with_the_agenda(chat, store):
    ana = chat.as_("ana", timezone="Europe/Lisbon")
    added = await ana.say('meeting add "Pipeline review" weekly mon 09:00 remind=30m', at=FRIDAY)
    assert "Meeting #1" in added.text and "next Mon 02 Nov 09:00" in added.text
    await ana.say('deal add "Acme" 10k', at=FRIDAY)
    await ana.say("deal stage #1 proposal", at=utc("2026-10-31 10:00"))
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await ticker.tick(utc("2026-11-02 08:29"))
    assert messenger.posts == []
    await ticker.tick(utc("2026-11-02 08:30"))  # 08:30 in Lisbon (UTC+0 in November)
    [text] = messenger.to("C-general")
    assert "“Pipeline review” starts at 09:00" in text and "#1 Acme: lead → proposal" in text


async def test_skip_drops_only_the_next_occurrence(chat, store):
    ana = chat.as_("ana", timezone="UTC")
    await ana.say('meeting add "Standup" weekdays 09:00 remind=15m', at=FRIDAY)
    skipped = await ana.say("meeting skip 1", at=FRIDAY)
    assert "Mon 02 Nov" in skipped.text
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await run_until(ticker, utc("2026-11-02 08:45"), utc("2026-11-03 08:45"), timedelta(hours=12))
    assert len(messenger.posts) == 1  # Tuesday's only
    await ana.say("meeting cancel 1", at=utc("2026-11-03 10:00"))
    await ticker.tick(utc("2026-11-04 08:45"))
    assert len(messenger.posts) == 1
    assert "No meetings" in (await ana.say("meeting list", at=utc("2026-11-04 10:00"))).text


async def test_team_meeting_posts_in_the_team_channel(chat, store):
    await chat.say('team create "East"', at=FRIDAY)
    await chat.say('team add "East" @ana', at=FRIDAY)
    no_channel = await chat.say('meeting add "Forecast" weekly fri 15:00 team', at=FRIDAY)
    assert no_channel.is_error and "team channel" in no_channel.text
    await chat.say('team channel "East" here', at=FRIDAY)
    await chat.say('meeting add "Forecast" weekly fri 15:00 team', at=FRIDAY)
    assert "Forecast" in reply_text(await chat.say("meeting list", at=FRIDAY))
    messenger = RecordingMessenger()
    await make_ticker(store, messenger).tick(utc("2026-11-06 14:45"))
    assert len(messenger.to("C-general")) == 1
