"""`forecast movement`: every kind of move on the hand-computed team, to the cent, per category too.

From Mar 3 00:00 to Mar 6 the East pipeline of March goes $61,000 → $45,999.99:
+ created L 6k, pulled in D 7k (close moved from April), increased A 10k → 15k, reopened M 3k (lost before),
  no longer omitted I 6k; − decreased C by $0.01, pushed out B 20k (to April), lost K 2k, won F 8k,
  omitted G 12k. The EUR deal J changes amount and moves nothing.
"""
from __future__ import annotations

from tests.forecast.dataset import MONDAY, seed_team, utc

EDITS = utc("2026-03-04 10:00")
FRIDAY = utc("2026-03-06 10:00")


async def seed_moves(chat) -> dict:
    people = await seed_team(chat)
    bob, dan = people["bob"], people["dan"]
    await bob.say('deal add "M" 3k stage=negotiation close=2026-03-20', at=utc("2026-03-02 10:00"))  # #12
    await bob.say("deal lost #12", at=utc("2026-03-02 11:00"))
    for line in ("deal update #1 amount=15k", "deal update #2 close=2026-04-15", "deal update #4 close=2026-03-28",
                 "deal update #3 amount=4999.99", 'deal add "L" 6k stage=lead close=2026-03-31',
                 "deal stage #12 negotiation"):
        assert not (await bob.say(line, at=EDITS)).is_error, line
    for line in ("deal forecast #9 stage", "deal forecast #7 omitted", "deal update #10 amount=€19k"):
        assert not (await dan.say(line, at=EDITS)).is_error, line
    return people


def steps(reply) -> dict[str, tuple[str, str]]:
    return {row[0]: (row[1], row[2]) for row in reply.table.rows}


async def test_every_kind_of_move_balances_to_the_cent(chat):
    people = await seed_moves(chat)
    reply = await people["carla"].say("forecast movement team since=2026-03-03", at=FRIDAY)
    assert steps(reply) == {
        "Start": ("", "$61,000"), "created": ("1", "+$6,000"), "pulled in": ("1", "+$7,000"),
        "increased": ("1", "+$5,000"), "reopened": ("1", "+$3,000"), "no longer omitted": ("1", "+$6,000"),
        "decreased": ("1", "−$0.01"), "pushed out": ("1", "−$20,000"), "lost": ("1", "−$2,000"),
        "won": ("1", "−$8,000"), "omitted": ("1", "−$12,000"), "End": ("", "$45,999.99")}
    assert [r[0] for r in reply.table.rows][1:-1] == ["created", "pulled in", "increased", "reopened",
                                                      "no longer omitted", "decreased", "pushed out", "lost", "won",
                                                      "omitted"]
    assert reply.footer == ("start + moves = end: $61,000 +$6,000 +$7,000 +$5,000 +$3,000 +$6,000 −$0.01 −$20,000 "
                            "−$2,000 −$8,000 −$12,000 = $45,999.99 ✓")


async def test_the_end_is_the_pipeline_the_forecast_shows_now(chat):
    people = await seed_moves(chat)
    movement = await people["carla"].say("forecast movement team since=2026-03-03", at=FRIDAY)
    forecast = await people["carla"].say("forecast team", at=FRIDAY)
    total = next(row for row in forecast.table.rows if row[0] == "Total")
    assert total[4] == "$46k" and steps(movement)["End"][1] == "$45,999.99"


async def test_each_category_has_its_own_waterfall(chat):
    people = await seed_moves(chat)
    reply = await people["carla"].say("forecast movement team since=2026-03-03", at=FRIDAY)
    facts = {f.label: f.value for f in reply.facts}
    assert facts["commit"] == "$44,000 → $7,000"          # B, F, G, H → H, M
    assert facts["best case"] == "$12,000 → $21,000"      # A, K → A (15k), I
    assert facts["pipeline"] == "$5,000 → $17,999.99"     # C → C, D, L
    assert facts["Pushed out"] == "#2 B pushed out to April: −$20,000"
    assert facts["Decreased"] == "#3 C decreased: −$0.01"


async def test_a_persons_movement_is_their_own(chat):
    people = await seed_moves(chat)
    dan = steps(await people["carla"].say("forecast movement @dan since=2026-03-03", at=FRIDAY))
    assert dan == {"Start": ("", "$16,000"), "no longer omitted": ("1", "+$6,000"), "omitted": ("1", "−$12,000"),
                   "End": ("", "$10,000")}


async def test_nothing_moved_is_a_flat_waterfall(chat):
    people = await seed_team(chat)
    reply = await people["carla"].say("forecast movement team since=2026-03-04", at=FRIDAY)
    assert steps(reply) == {"Start": ("", "$51,000"), "End": ("", "$51,000")}
    assert reply.footer == "start + moves = end: $51,000 +0 = $51,000 ✓"


async def test_the_waterfall_chart_is_a_png(chat):
    people = await seed_moves(chat)
    reply = await people["carla"].say("forecast chart movement team since=2026-03-03", at=FRIDAY)
    assert reply.chart.png.startswith(b"\x89PNG") and len(reply.chart.png) < 20_000
    assert reply.text.endswith("= $45,999.99 ✓")
    bars = await people["carla"].say("forecast chart people team", at=FRIDAY)
    assert bars.chart.png.startswith(b"\x89PNG") and bars.chart.title == "Forecast — East, 2026-03"
    # Bob: closed F 8k + commit M 3k = 11k, + best case A 15k = 26k; Dan: commit H 4k, + best case I 6k = 10k.
    assert {row[0]: row[1:] for row in bars.table.rows} == {
        "Bob": ("$11k", "$26k", "$50k"), "Dan": ("$4k", "$10k", "$30k")}
    assert MONDAY < FRIDAY
