"""Key accounts: marked with a cadence, listed and shown with the next follow-up; a lapse gives the owner one
follow-up task (and its reminder) from the scheduler's tick, and shows in `risks` and the manager's digest."""
from __future__ import annotations

import asyncio
from datetime import timedelta

from hypothesis import given, strategies as st

from handlers.errors import UserError
from handlers.rhythm.key_accounts import parse_cadence
from tests.rhythm.support import NOW, org
from tests.schedules.support import RecordingMessenger, make_ticker
from tests.support.chat import reply_text
from tests.support.snapshot import db_snapshot as snapshot

T0 = NOW - timedelta(days=30)  # Monday 5 October: Acme's deal and first call


async def acme(people, every="7d"):
    """Bob's customer Acme Corp, called at T0 and marked key (every 7 days) an hour later."""
    await people["bob"].say('deal add "Acme" 10k account="Acme Corp"', at=T0)
    await people["bob"].say('log call #1 "intro"', at=T0)
    return await people["bob"].say(f'account key "Acme Corp" every={every}', at=T0 + timedelta(hours=1))


def follow_ups(messenger: RecordingMessenger, who: str = "bob") -> list[str]:
    return [text for text in messenger.to(who) if "Follow up with Acme Corp" in text]


async def open_tasks(person, at) -> list[tuple]:
    reply = await person.say("task list", at=at)
    return [row for row in (reply.table.rows if reply.table else ()) if "Acme Corp" in row[1]]


async def test_marking_listing_and_showing_a_key_account(chat):
    people = await org(chat)
    marked = await acme(people)
    assert "Acme Corp is a key account: Bob touches it every 7 days. Next follow-up due Mon 12 Oct 2026." \
        in marked.text
    listing = await people["carla"].say("account list key team", at=T0 + timedelta(days=2))
    assert "Key accounts for East: 1, 0 lapsed." in listing.text
    assert list(listing.table.rows) == [("Acme Corp", "Bob", "7d", "Mon 5 Oct 2026", "Mon 12 Oct 2026", "ok")]
    await people["bob"].say('csat "Acme Corp" 4', at=T0 + timedelta(days=3))
    shown = await people["dan"].say('account show "Acme Corp"', at=T0 + timedelta(days=9))
    facts = {fact.label: fact.value for fact in shown.facts}
    assert facts["Key account"] == "every 7 days, looked after by Bob"
    assert facts["Last activity"] == "Mon 5 Oct 2026"
    assert facts["Next follow-up"] == "lapsed: due Mon 12 Oct 2026, 9 days without activity"
    assert facts["CSAT trend"] == "2026-10 4.0"
    assert "Key accounts for West: 0" not in (await people["wes"].say("account list key team", at=NOW)).text
    changed = await people["carla"].say('account key "Acme Corp" every=2w', at=T0 + timedelta(days=9))
    assert "stays a key account, now touched every 14 days by Bob" in changed.text
    off = await people["bob"].say('account key "Acme Corp" off', at=T0 + timedelta(days=9))
    assert off.text == "Acme Corp is no longer a key account: no more follow-up tasks for it."
    assert "Key account" not in reply_text(await people["bob"].say('account show "Acme Corp"', at=NOW))
    assert "No key accounts for you" in (await people["bob"].say("account list key mine", at=NOW)).text


async def test_a_lapse_opens_one_follow_up_task_and_an_activity_ends_it(chat, store):
    people = await org(chat)
    await acme(people)
    messenger = RecordingMessenger()
    ticker = make_ticker(store, messenger)
    await ticker.tick(T0 + timedelta(days=6, hours=23))  # within the cadence: nothing
    assert await open_tasks(people["bob"], T0 + timedelta(days=6, hours=23)) == []
    await ticker.tick(T0 + timedelta(days=7, hours=1))
    [task] = await open_tasks(people["bob"], T0 + timedelta(days=7, hours=2))
    assert task[1] == "Follow up with Acme Corp: key account, no activity for 7 days"
    [reminder] = follow_ups(messenger)
    assert "Reminder: Follow up with Acme Corp" in reminder
    for day in range(8, 12):  # the scheduler keeps ticking: no second task, no daily reminder
        await ticker.tick(T0 + timedelta(days=day, hours=1))
    assert len(await open_tasks(people["bob"], T0 + timedelta(days=12))) == 1
    assert len(follow_ups(messenger)) == 1
    await people["bob"].say('log visit "Acme Corp" "quarterly review"', at=T0 + timedelta(days=14))
    await people["bob"].say(f"task done {task[0]}", at=T0 + timedelta(days=14))
    await ticker.tick(T0 + timedelta(days=20, hours=23))  # the new spell is 7 days from the visit (a Monday)
    assert await open_tasks(people["bob"], T0 + timedelta(days=21)) == []
    await ticker.tick(T0 + timedelta(days=21, hours=1))
    [second] = await open_tasks(people["bob"], T0 + timedelta(days=21, hours=2))
    assert second[0] != task[0] and len(follow_ups(messenger)) == 2


async def test_an_activity_on_one_of_its_deals_counts_as_a_touch(chat, store):
    people = await org(chat)
    await acme(people)
    logged = await people["carla"].say('log email #1 "sent the renewal terms"', at=T0 + timedelta(days=5))
    assert not logged.is_error, logged.text
    await make_ticker(store, RecordingMessenger()).tick(T0 + timedelta(days=8))
    assert await open_tasks(people["bob"], T0 + timedelta(days=8)) == []
    shown = await people["bob"].say('account show "Acme Corp"', at=T0 + timedelta(days=8))
    assert {f.label: f.value for f in shown.facts}["Next follow-up"] == "due Sat 17 Oct 2026"


async def test_lapsed_key_accounts_show_in_risks_and_the_managers_digest(chat, store):
    people = await org(chat)
    await acme(people)
    later = T0 + timedelta(days=9)
    risks = await people["carla"].say("risks team", at=later)
    assert {f.label: f.value for f in risks.facts}["Key accounts to follow up"] == \
        "Acme Corp (Bob, 9 days quiet, every 7)"
    assert "Acme Corp" not in reply_text(await people["wes"].say("risks team", at=later))
    digest = await people["carla"].say("digest preview", at=later)
    assert "Key accounts to follow up: Acme Corp (Bob, 9 days quiet, every 7)" in reply_text(digest) or \
        any(f.value == "Acme Corp (Bob, 9 days quiet, every 7)" for f in digest.facts)
    await people["bob"].say('log call "Acme Corp" "all good"', at=later)
    assert "Key accounts to follow up" not in reply_text(await people["carla"].say("risks team", at=later))


async def test_who_may_mark_a_key_account(chat):
    people = await org(chat)
    await people["bob"].say('deal add "Acme" 10k account="Acme Corp"', at=T0)
    await people["bob"].say('account update "Acme Corp" owner=@bob', at=T0)
    line = 'account key "Acme Corp" every=30d'
    for user, allowed in {"dan": False, "zoe": False, "wes": False, "bob": True, "carla": True, "ana": True}.items():
        reply = await people[user].say(line, at=NOW)
        assert reply.is_error != allowed, (user, reply.text)
    refused = await people["bob"].say('account key "Acme Corp" owner=@dan', at=NOW)
    assert refused.is_error and "only Dan, their manager or an admin" in refused.text
    handed = await people["carla"].say('account key "Acme Corp" owner=@dan', at=NOW)
    assert "now touched every 30 days by Dan" in handed.text
    shown = await people["ana"].say('account show "Acme Corp"', at=NOW)
    assert {f.label: f.value for f in shown.facts}["Owner"] == "Dan"


async def test_an_unowned_account_is_looked_after_by_whoever_marks_it(chat):
    people = await org(chat)
    await people["zoe"].say('deal add "Wayne" 10k account="Wayne Ltd"', at=T0)
    marked = await people["zoe"].say('account key "Wayne Ltd"', at=T0)
    assert "Zoe touches it every 30 days" in marked.text


async def test_bad_input_names_the_bad_token_and_writes_nothing(chat, engine):
    people = await org(chat)
    await acme(people)
    before = snapshot(engine)
    cases = {'account key "Acme Corp" every=30': "'30' needs a unit",
             'account key "Acme Corp" every=12h': "'12h' is not a cadence in whole days",
             'account key "Acme Corp" every=soon': "soon",
             'account key "Acme Corp" weekly': "'weekly' is not a cadence",
             'account key "Acme Corp" off every=7d': "'every=' does not go with off",
             'account key "Acme Corp" colour=red': "colour",
             'account key "Nobody Inc" every=7d': "Nobody Inc",
             'account key "Acme Corp" every=7d owner=@nobody': "nobody",
             "account key": "the account's name"}
    for line, expected in cases.items():
        reply = await people["bob"].say(line, at=NOW)
        assert reply.is_error and expected in reply.text, (line, reply.text)
    assert snapshot(engine) == before
    await people["bob"].say('account key "Acme Corp" off', at=NOW)
    again = await people["bob"].say('account key "Acme Corp" off', at=NOW)
    assert again.is_error and "Acme Corp is not a key account" in again.text


@given(st.integers(min_value=1, max_value=366))
def test_a_cadence_in_days_or_weeks_reads_as_whole_days(days):
    assert parse_cadence(f"{days}d", "usage") == days
    if days % 7 == 0:
        assert parse_cadence(f"{days // 7}w", "usage") == days


@given(st.integers(min_value=1, max_value=23))
def test_a_cadence_of_hours_is_refused(hours):
    try:
        parse_cadence(f"{hours}h", "usage")
    except UserError as error:
        assert f"'{hours}h' is not a cadence in whole days" in error.message
    else:
        raise AssertionError("hours accepted")


async def test_two_schedulers_ticking_at_the_same_moment_open_one_task(chat, store):
    people = await org(chat)
    await acme(people)
    at = T0 + timedelta(days=7, hours=1)
    first, second = RecordingMessenger(), RecordingMessenger()
    await asyncio.gather(make_ticker(store, first, "clock-a").tick(at), make_ticker(store, second, "clock-b").tick(at))
    assert len(await open_tasks(people["bob"], at)) == 1
    assert len(follow_ups(first)) + len(follow_ups(second)) == 1
