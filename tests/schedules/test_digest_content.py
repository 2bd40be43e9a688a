"""What a digest says: a rep sees only their own data, a manager their team's, a quiet day one line."""
from tests.schedules.support import RecordingMessenger, make_ticker, utc
from tests.support.chat import reply_text

MONDAY = utc("2026-11-02 10:00")
TUESDAY = utc("2026-11-03 08:30")


async def _org(chat):
    for user in ("ana", "carla", "bob", "dan"):
        await chat.as_(user, timezone="UTC").say("whoami", at=MONDAY)
    await chat.say('team create "East"', at=MONDAY)
    await chat.say('team manager "East" @carla', at=MONDAY)
    await chat.say('team add "East" @bob @dan', at=MONDAY)
    bob, dan = chat.as_("bob", timezone="UTC"), chat.as_("dan", timezone="UTC")
    await bob.say('deal add "Bobco renewal" 20k stage=proposal', at=MONDAY)
    await bob.say('log call #1 "pricing"', at=MONDAY)
    await dan.say('deal add "Danware pilot" 8k', at=MONDAY)
    await dan.say("deal won #2", at=MONDAY)
    await dan.say('deal add "Dusty old deal" 50k stage=qualified', at=utc("2026-10-01 10:00"))
    return bob, dan, chat.as_("carla", timezone="UTC")


async def test_rep_digest_contains_only_their_own_data(chat):
    bob, dan, _ = await _org(chat)
    text = reply_text(await bob.say("digest preview", at=TUESDAY))
    assert "Rep digest" in text and "Bobco renewal" not in text  # not at risk: touched yesterday
    assert "Bob 1" in text and "$20,000" in text
    assert "Danware" not in text and "Dan" not in text and "Dusty" not in text
    dan_text = reply_text(await dan.say("digest preview", at=TUESDAY))
    assert "Dusty old deal" in dan_text and "Bob" not in dan_text


async def test_manager_digest_covers_the_team(chat):
    _, _, carla = await _org(chat)
    text = reply_text(await carla.say("digest preview", at=TUESDAY))
    assert "Manager digest — East" in text
    assert "Created: 2 ($28,000)" in text and "Won: 1 ($8,000)" in text
    assert "Open pipeline: $70,000" in text and "Weighted pipeline: $22,500" in text
    assert "Dusty old deal" in text  # idle since October: at risk
    assert "Bob 1" in text


async def test_a_day_without_activity_is_one_line(chat):
    await _org(chat)
    reply = await chat.as_("carla", timezone="UTC").say("digest preview", at=utc("2026-11-05 07:00"))
    assert reply.text.startswith("Nothing happened on Wednesday 04 Nov") and not reply.facts


async def test_subscribed_digest_is_the_preview(chat, store):
    _, _, carla = await _org(chat)
    await carla.say("digest subscribe weekdays 08:30", at=MONDAY)
    listed = reply_text(await carla.say("digest list", at=MONDAY))
    assert "weekdays at 08:30 — next Tue 03 Nov 08:30" in listed
    messenger = RecordingMessenger()
    await make_ticker(store, messenger).tick(TUESDAY)
    preview = reply_text(await carla.say("digest preview", at=TUESDAY))
    assert messenger.to("carla") == [preview]


async def test_unknown_words_get_a_clear_error(chat):
    reply = await chat.say("digest subscribe hourly", at=MONDAY)
    assert reply.is_error and "'hourly' was not expected" in reply.text and "Usage" in reply.footer


async def test_digest_carries_a_chart_once_an_admin_turns_charts_on(chat):
    _, _, carla = await _org(chat)
    await chat.say("target set East won_value 40k period=month", at=MONDAY)
    assert (await carla.say("digest preview", at=TUESDAY)).chart is None
    assert (await carla.say("digest charts on", at=MONDAY)).is_error  # managers may not
    await chat.say("digest charts on", at=MONDAY)
    chart = (await carla.say("digest preview", at=TUESDAY)).chart
    assert chart is not None and chart.png.startswith(b"\x89PNG")
