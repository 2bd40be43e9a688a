"""The forecast in the rhythm, driven by the scheduler with a fake clock: the weekly prompt (each rep's zone,
quiet hours, exactly once, its buttons), the reminder before a forecast call, the call's agenda and the
manager digest's forecast line."""
from __future__ import annotations

from datetime import timedelta

from tests.forecast.dataset import seed_team, utc
from tests.schedules.support import RecordingMessenger, make_ticker, run_until
from tests.support.chat import reply_text

THURSDAY = utc("2026-03-05 12:00")


def prompts(messenger: RecordingMessenger) -> list:
    return [(d.user_id, r) for d, r in messenger.posts if r.title == "Your forecast"]


async def test_the_weekly_prompt_reaches_each_rep_at_15_in_their_zone_once(chat, store):
    people = await seed_team(chat)
    await people["dan"].say("settings timezone America/New_York me", at=THURSDAY)
    assert "every Thursday at 15:00" in (await chat.say("forecast remind", at=THURSDAY)).text
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await run_until(ticker, utc("2026-03-05 14:30"), utc("2026-03-05 15:30"), timedelta(minutes=15))
    assert [who for who, _ in prompts(messenger)] == ["bob"]  # 15:00 UTC; Dan's 15:00 is 20:00 UTC
    await run_until(ticker, utc("2026-03-05 15:30"), utc("2026-03-05 21:00"), timedelta(minutes=15))
    await run_until(ticker, utc("2026-03-05 14:30"), utc("2026-03-05 21:00"), timedelta(minutes=30))  # again
    sent = prompts(messenger)
    assert sorted(who for who, _ in sent) == ["bob", "dan"]  # reps only, once each; not Carla, not Erin
    bob = dict(sent)["bob"]
    assert bob.text == "Time for your forecast for 2026-03: commit $28k, best case $38k, pipeline $35k."
    assert [(a.label, a.command) for a in bob.actions] == [
        ("Submit as is", "forecast submit commit=28000 best=38000 2026-03"), ("Adjust", "forecast form 2026-03")]


async def test_quiet_hours_hold_the_prompt(chat, store):
    people = await seed_team(chat)
    await people["bob"].say("quiet 19:00-16:30", at=THURSDAY)  # quiet overnight until 16:30
    await chat.say("forecast remind thu 15:00", at=THURSDAY)
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await run_until(ticker, utc("2026-03-05 14:30"), utc("2026-03-05 16:15"), timedelta(minutes=15))
    assert "bob" not in [who for who, _ in prompts(messenger)]
    await ticker.tick(utc("2026-03-05 16:30"))
    assert [who for who, _ in prompts(messenger)].count("bob") == 1


async def test_the_prompts_buttons_submit_or_open_the_form(chat, store):
    people = await seed_team(chat)
    await chat.say("forecast remind", at=THURSDAY)
    messenger = RecordingMessenger()
    await run_until(make_ticker(store, messenger), utc("2026-03-05 15:00"), utc("2026-03-05 15:00"))
    submit, adjust = dict(prompts(messenger))["bob"].actions
    done = await people["bob"].say(submit.command, at=utc("2026-03-05 15:05"))
    assert done.text == "Forecast for 2026-03 submitted: commit $28k, best case $38k."
    form = (await people["bob"].say(adjust.command, at=utc("2026-03-05 15:05"))).form
    assert [(f.name, f.value) for f in form.fields] == [("period", "2026-03"), ("commit", "28000"),
                                                        ("best", "38000"), ("note", "")]
    view = await people["carla"].say("forecast team", at=utc("2026-03-05 15:10"))
    assert "$28k / $38k, Thu 05 Mar" in reply_text(view)


async def test_no_prompt_until_it_is_switched_on_and_none_after_off(chat, store):
    await seed_team(chat)
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await run_until(ticker, utc("2026-03-05 14:30"), utc("2026-03-05 15:30"), timedelta(minutes=30))
    await chat.say("forecast remind", at=utc("2026-03-06 10:00"))
    await chat.say("forecast remind off", at=utc("2026-03-06 10:01"))
    await run_until(ticker, utc("2026-03-12 14:30"), utc("2026-03-12 15:30"), timedelta(minutes=30))
    assert prompts(messenger) == []


async def seed_call(chat):
    people = await seed_team(chat)
    carla = people["carla"]
    added = await carla.say('meeting add "Forecast call" weekly fri 10:00 remind=15m agenda=forecast',
                            at=utc("2026-03-02 12:00"))
    assert not added.is_error, added.text
    await people["bob"].say("forecast submit", at=THURSDAY)
    await people["bob"].say("deal update #2 close=2026-04-15", at=THURSDAY)  # a commit deal slips
    messenger = RecordingMessenger()
    await run_until(make_ticker(store_of(chat), messenger), utc("2026-03-06 07:00"), utc("2026-03-06 10:00"),
                    timedelta(minutes=15))
    return messenger


def store_of(chat):
    return chat.store


async def test_only_those_who_have_not_submitted_are_reminded_before_the_call(chat):
    messenger = await seed_call(chat)
    reminded = [(who, r) for who, r in prompts(messenger)]
    assert [who for who, _ in reminded] == ["dan"]
    assert reminded[0][1].text.startswith("Forecast call starts at Fri 10:00: you have not submitted your "
                                          "forecast for 2026-03 this week.")


async def test_the_forecast_calls_agenda_is_the_forecast(chat):
    messenger = await seed_call(chat)
    [agenda] = messenger.to("C-general")
    assert "Forecast 2026-03: commit $24k, best case $34k against target $100k" in agenda  # B pushed: −20k
    assert "Not submitted this week: Dan" in agenda
    assert "Commit slipped: #2 B pushed out to April: −$20,000" in agenda
    assert "Movement since the last call: $61k → $31k" in agenda


async def test_an_unknown_agenda_is_refused(chat):
    reply = await chat.say('meeting add "Call" weekly fri 10:00 agenda=party', at=THURSDAY)
    assert reply.is_error and "'party'" in reply.text and "No meetings" in (await chat.say("meeting list")).text


async def test_the_manager_digest_has_one_forecast_line(chat):
    people = await seed_team(chat)
    await people["bob"].say("forecast submit", at=utc("2026-03-04 09:00"))
    digest = await people["carla"].say("digest preview", at=utc("2026-03-04 10:00"))
    lines = [f.value for f in digest.facts if f.label == "Forecast"]
    assert lines == ["2026-03: commit $44k, best case $54k of $100k target; 1 not submitted this week"]
    rep = await people["bob"].say("digest preview", at=utc("2026-03-04 10:00"))
    assert not any(f.label == "Forecast" for f in rep.facts)
