"""A 1:1 meeting: its reminder carries the person's scorecard and reaches only the manager who set it up and
that person, as DMs (a fake clock drives the scheduler; a recording messenger is the chat platform)."""
from __future__ import annotations

from datetime import timedelta

from tests.rhythm.support import EAST_CHANNEL, NOW, build, org
from tests.schedules.support import RecordingMessenger, make_ticker, run_until, utc
from tests.support.chat import reply_text

EVERYONE = ("ana", "carla", "bob", "dan", "wes", "zoe")
THURSDAY = utc("2026-11-05 09:00")  # the 1:1 is Thursdays 10:00 UTC, reminded 30m before


def received(messenger: RecordingMessenger) -> dict[str, list[str]]:
    """Who got which text: a DM by its user, a channel post by its channel."""
    out: dict[str, list[str]] = {}
    for destination, reply in messenger.posts:
        out.setdefault(destination.channel_id or destination.user_id, []).append(reply_text(reply))
    return out


async def test_the_reminder_carries_the_scorecard_to_the_manager_and_the_person_only(chat, store):
    people = await org(chat)
    await build(people)
    carla = people["carla"]
    added = await carla.say('meeting add "1:1 with @bob" weekly thu 10:00 remind=30m', at=NOW)
    assert "as a direct message to you and Bob only" in added.text, added.text
    await carla.say('digest subscribe weekdays 08:00 here', at=NOW)  # a channel digest: must not mention it
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await run_until(ticker, THURSDAY - timedelta(hours=2), THURSDAY + timedelta(hours=2), timedelta(minutes=15))
    await run_until(ticker, THURSDAY - timedelta(hours=2), THURSDAY + timedelta(hours=2), timedelta(minutes=30))
    got = received(messenger)
    assert "C-general" in got and "for East" in got["C-general"][0]  # the channel digest went out, without the 1:1
    one_on_one = {who: [t for t in texts if "1:1 with" in t] for who, texts in got.items()}
    assert {who for who, texts in one_on_one.items() if texts} == {"carla", "bob"}
    for who in ("carla", "bob"):
        [text] = one_on_one[who]  # once each, though the clock ran over it twice
        assert "“1:1 with @bob” starts at 10:00 (UTC)" in text and "sent only to Carla and Bob" in text
        # 2026-Q4 so far: Bob won 30k, Dan 10k, Carla nothing (median 10k); calls 2, 1, 0; one kudos.
        assert "Won | $30,000 | $10,000 | above median — better" in text
        assert "Activities: call | 2 | 1 | above median — better" in text
        assert "Kudos received | 1 | 0 | above median — better" in text
        assert "Overdue follow-ups | 0 | 0 | at median" in text
    assert all(destination.channel_id is None for destination, reply in messenger.posts if "1:1" in reply_text(reply))
    assert not any("Won | $30,000" in text for text in got.get(EAST_CHANNEL, []))


async def test_who_may_set_up_a_1_1_and_nothing_is_written_on_refusal(chat):
    people = await org(chat)
    refusals = {
        ("bob", 'meeting add "1:1 with @dan" weekly thu 10:00'): "only a manager of Dan or an admin",
        ("bob", 'meeting add "1:1 with @carla" weekly thu 10:00'): "only a manager of Carla or an admin",
        ("dan", 'meeting add "Sync" weekly thu 10:00 agenda=scorecard with=@bob'): "only a manager of Bob",
        ("wes", 'meeting add "1:1 with @bob" weekly thu 10:00'): "only a manager of Bob",  # manages West
        ("carla", 'meeting add "1:1 with @carla" weekly thu 10:00'): "a 1:1 is with someone else",
        ("carla", 'meeting add "1:1 with @bob" weekly thu 10:00 team'): "'team' does not fit a 1:1",
        ("carla", 'meeting add "1:1 with @bob" weekly thu 10:00 here'): "'here' does not fit a 1:1",
        ("carla", 'meeting add "1:1 with @bob" weekly thu 10:00 with=@dan'): "the title names '@bob'",
        ("carla", 'meeting add "Catch-up" weekly thu 10:00 agenda=scorecard'): "say who the 1:1 is with",
        ("carla", 'meeting add "1:1 with @bob" weekly thu 10:00 agenda=forecast'): "'agenda=forecast'",
        ("carla", 'meeting add "1:1 with @nobody" weekly thu 10:00'): "'@nobody'",
        ("carla", 'meeting add "Sync" weekly thu 10:00 agenda=scorecards with=@bob'): "'scorecards'",
        ("carla", 'meeting add "1:1 with @bob" weekly thu'): "say when it happens",
    }
    for (user, line), expected in refusals.items():
        reply = await people[user].say(line, at=NOW)
        assert reply.is_error and expected in reply.text, (user, line, reply.text)
    assert "No meetings" in (await people["ana"].say("meeting list", at=NOW)).text  # the admin sees all
    assert not (await people["carla"].say('meeting add "1:1 with @dan" weekly fri 11:00', at=NOW)).is_error
    assert not (await people["ana"].say('meeting add "Sync" weekly fri 12:00 agenda=scorecard with=@zoe',
                                        at=NOW)).is_error
    assert "1:1 with @dan" in reply_text(await people["dan"].say("meeting list", at=NOW))  # the person sees it
    for user in ("bob", "wes"):
        assert "1:1 with @dan" not in reply_text(await people[user].say("meeting list", at=NOW)), user


async def test_an_admin_1_1_reaches_the_admin_and_the_person_and_stops_when_the_manager_no_longer_manages(
        chat, store):
    people = await org(chat)
    await build(people)
    await people["ana"].say('meeting add "Quarter check" weekly thu 10:00 agenda=scorecard with=@dan', at=NOW)
    await people["carla"].say('meeting add "1:1 with @bob" weekly thu 10:00', at=NOW)
    await people["ana"].say("role @carla rep", at=NOW)  # Carla no longer manages anyone: no scorecard for her
    messenger = RecordingMessenger()
    await run_until(make_ticker(store, messenger), THURSDAY, THURSDAY + timedelta(hours=1), timedelta(minutes=15))
    got = received(messenger)
    assert {who for who, texts in got.items() if any("scorecard" in t for t in texts)} == {"ana", "dan"}
    [dan] = [t for t in got["dan"] if "Quarter check" in t]
    assert "Won | $10,000 | $10,000 | at median" in dan  # Dan 10k; East: 30k, 10k, 0


async def test_quiet_hours_hold_the_persons_copy_only(chat, store):
    people = await org(chat)
    await people["bob"].say("quiet 19:00-11:00", at=NOW)  # Bob's messages wait until 11:00 UTC
    await people["carla"].say('meeting add "1:1 with @bob" weekly thu 10:30 remind=30m', at=NOW)
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await run_until(ticker, utc("2026-11-05 09:45"), utc("2026-11-05 10:45"), timedelta(minutes=15))
    assert set(received(messenger)) == {"carla"}  # hers at 10:00
    await ticker.tick(utc("2026-11-05 11:00"))
    assert set(received(messenger)) == {"carla", "bob"} and len(messenger.posts) == 2
