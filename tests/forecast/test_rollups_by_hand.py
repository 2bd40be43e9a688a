"""`forecast`, `forecast submit`, `forecast adjust`, `forecast deals`, `forecast map` and `deal forecast` on the
hand-computed team of tests/forecast/dataset.py, on SQLite and PostgreSQL."""
from __future__ import annotations

from tests.forecast.dataset import fact, rows, seed_team, utc
from tests.support.chat import reply_text

WEDNESDAY = utc("2026-03-04 10:00")


async def test_each_persons_roll_ups_target_and_gap(chat):
    people = await seed_team(chat)
    reply = await people["carla"].say("forecast team", at=WEDNESDAY)
    table = rows(reply)
    #                    closed  commit  best    pipeline target  gap
    assert table["Bob"][:6] == ("$8k", "$28k", "$38k", "$35k", "$50k", "$22k")
    assert table["Dan"][:6] == ("$0", "$16k", "$16k", "$16k", "$30k", "$14k")
    assert table["Total"][:6] == ("$8k", "$44k", "$54k", "$51k", "$100k", "$56k")
    assert "1 deal(s) in currencies without an exchange rate" in reply_text(reply)
    assert "Forecast of East, 2026-03." in reply.text


async def test_submissions_are_kept_and_the_latest_counts(chat, store):
    people = await seed_team(chat)
    bob, carla = people["bob"], people["carla"]
    first = await bob.say('forecast submit commit=25k best=40k "two at legal"', at=utc("2026-03-02 10:00"))
    assert first.text == "Forecast for 2026-03 submitted: commit $25k, best case $40k."
    second = await bob.say("forecast submit", at=WEDNESDAY)
    assert second.text == "Forecast for 2026-03 submitted: commit $28k, best case $38k (the computed roll-up)."
    view = await carla.say("forecast team", at=WEDNESDAY)
    assert rows(view)["Bob"][6] == "$28k / $38k, Wed 04 Mar"
    assert fact(view, "Not submitted this week") == "Dan"
    next_week = await carla.say("forecast team", at=utc("2026-03-09 10:00"))
    assert fact(next_week, "Not submitted this week") == "Bob, Dan"
    with store.workspace("console", "acme-sales") as ws:
        bob_id = next(p.id for p in ws.people.all() if p.platform_user_id == "bob")
        kept = ws.forecast.history(bob_id, utc("2026-03-01 00:00").date())
    assert [(s.commit_minor, s.best_minor, s.note) for s in kept] == [
        (2_800_000, 3_800_000, ""), (2_500_000, 4_000_000, "two at legal")]


async def test_a_managers_adjustment_sits_beside_the_submission(chat):
    people = await seed_team(chat)
    await people["bob"].say("forecast submit", at=WEDNESDAY)
    adjusted = await people["carla"].say('forecast adjust @bob commit=20k "legal is slow"', at=WEDNESDAY)
    assert adjusted.text == "Your number for Bob, 2026-03: commit $20k. Their submission stays as they made it."
    table = rows(await people["carla"].say("forecast team", at=WEDNESDAY))
    assert table["Bob"][6:] == ("$28k / $38k, Wed 04 Mar", "$20k")


async def test_a_managers_submission_is_their_teams_and_shows_as_the_team_call(chat):
    people = await seed_team(chat)
    reply = await people["carla"].say("forecast submit", at=WEDNESDAY)
    assert reply.text == ("Forecast for 2026-03 submitted for your team: commit $44k, best case $54k "
                          "(the computed roll-up).")
    await chat.say("forecast adjust @carla commit=40k best=50k", at=WEDNESDAY)
    view = await chat.say("forecast all", at=WEDNESDAY)
    assert fact(view, "Team call (Carla)") == "$44k / $54k, Wed 04 Mar; adjusted $40k / $50k"


async def test_the_deals_behind_a_number_show_overrides(chat):
    people = await seed_team(chat)
    reply = await people["carla"].say("forecast deals commit team", at=WEDNESDAY)
    assert [(row[0], row[3], row[6]) for row in reply.table.rows] == [
        ("#2", "$20,000", "commit"), ("#7", "$12,000", "commit"), ("#8", "$4,000", "commit (override)")]
    closed = await people["bob"].say("forecast deals closed", at=WEDNESDAY)
    assert [row[0] for row in closed.table.rows] == ["#6"]


async def test_the_stage_map_changes_every_deal_without_an_override(chat):
    people = await seed_team(chat)
    changed = await chat.say("forecast map proposal=commit lead=omitted", at=WEDNESDAY)
    assert ("proposal", "commit") in changed.table.rows and ("lead", "omitted") in changed.table.rows
    table = rows(await people["carla"].say("forecast team", at=WEDNESDAY))
    # Bob: A (proposal) is commit now, C (lead) omitted; Dan's H keeps its commit override, I stays omitted.
    assert table["Bob"][:4] == ("$8k", "$38k", "$38k", "$30k")
    assert table["Dan"][:4] == ("$0", "$16k", "$16k", "$16k")


async def test_an_override_goes_back_to_the_stage(chat):
    people = await seed_team(chat)
    reply = await people["dan"].say("deal forecast #8 stage", at=WEDNESDAY)
    assert reply.text == "#8 H counts as its stage says again: pipeline."
    table = rows(await people["carla"].say("forecast team", at=WEDNESDAY))
    assert table["Dan"][:4] == ("$0", "$12k", "$12k", "$16k")


async def test_a_quarter_counts_every_month_in_it(chat):
    people = await seed_team(chat)
    await chat.say("settings forecast quarter", at=WEDNESDAY)
    table = rows(await people["carla"].say("forecast team", at=WEDNESDAY))
    assert "2026-Q1" in (await people["carla"].say("forecast team", at=WEDNESDAY)).text
    assert table["Bob"][:4] == ("$8k", "$28k", "$38k", "$35k")  # D closes in April: still out
    april = rows(await people["carla"].say("forecast team 2026-04", at=WEDNESDAY))
    assert april["Bob"][:4] == ("$0", "$0", "$0", "$7k")


async def test_permissions(chat):
    people = await seed_team(chat)
    bob, dan, erin = people["bob"], people["dan"], people["erin"]
    denied = [await bob.say("forecast adjust @dan commit=1k", at=WEDNESDAY),
              await erin.say("forecast adjust @bob commit=1k", at=WEDNESDAY),
              await chat.say("forecast submit", at=WEDNESDAY),
              await bob.say("forecast map proposal=commit", at=WEDNESDAY),
              await dan.say("deal forecast #1 commit", at=WEDNESDAY),
              await bob.say("settings forecast quarter", at=WEDNESDAY),
              await bob.say("forecast remind fri 16:00", at=WEDNESDAY)]
    assert all(reply.is_error for reply in denied)
    assert "only managers and admins adjust forecasts" in denied[0].text
    assert "Bob is not in a team you manage" in denied[1].text
    table = rows(await people["carla"].say("forecast team", at=WEDNESDAY))
    assert table["Bob"][:2] == ("$8k", "$28k") and table["Bob"][7] == "—"


async def test_bad_input_names_the_token_and_writes_nothing(chat, store):
    people = await seed_team(chat)
    bob = people["bob"]
    cases = {"forecast submit commit=lots": "'lots'", "forecast submit commit=50k best=10k": "below commit",
             "forecast submit commit=5k EUR": None, "forecast bogus": "'bogus'", "deal forecast #1 maybe": "'maybe'",
             "forecast submit 30d": "'30d'", 'forecast submit "a" "b"': "'b'", "forecast adjust team commit=1k": None,
             "forecast accuracy periods=99": "'99'", "forecast movement since=2030-01-01": "'2030-01-01'"}
    for line, named in cases.items():
        reply = await bob.say(line, at=WEDNESDAY)
        assert reply.is_error, line
        assert named is None or named in reply.text, (line, reply.text)
        assert reply.footer and reply.footer.startswith("Usage:") or "only" in reply.text, line
    for line in ("settings forecast week", "forecast remind fri 25:00", "forecast map proposal=maybe",
                 "forecast map nosuch=commit"):
        reply = await chat.say(line, at=WEDNESDAY)
        assert reply.is_error and reply.footer.startswith("Usage:"), line
    with store.workspace("console", "acme-sales") as ws:
        assert ws.forecast.submissions(None, utc("2026-03-01 00:00").date(), WEDNESDAY) == ()
        assert ws.forecast.stage_map() == {}
        assert ws.forecast.period_kind() == "month"
