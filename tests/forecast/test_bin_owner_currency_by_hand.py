"""Movement and roll-ups across the bin, reassignment, reopening and a second currency, by hand.

From Mar 4 00:00 to Mar 6 the East pipeline of March (EUR at 1.1 USD; J is Dan's €9k best case = $9,900):
  at the start  Bob A 10k + B 20k + C 5k = 35k; Dan G 12k + J $9,900 = $21,900 (H 4k deleted on Mar 3) → $56,900
  − deleted C 5k (Bob), + restored H 4k (Dan), + reopened F 8k (Bob, won on Mar 3),
  + increased J €9k → €10k = +$1,100 (Dan), B 20k reassigned Bob → Dan (the team: no move),
  A deleted and restored the same morning (no move)
  at the end    Bob A 10k + F 8k = 18k; Dan B 20k + G 12k + H 4k + J $11,000 = $47,000 → $65,000
Per person: Bob 35k − 5k − 20k + 8k = 18k; Dan $21,900 + 20k + 4k + $1,100 = $47,000.
With EUR then at 1.2, both ends convert at 1.2: start $57,800, increased +$1,200, end $66,000.
"""
from __future__ import annotations

from tests.forecast.dataset import rows, seed_team, utc
from tests.forecast.test_movement_by_hand import steps

EDITS = utc("2026-03-04 10:00")
FRIDAY = utc("2026-03-06 10:00")
SINCE = "since=2026-03-04"


async def seed_bin_and_owners(chat) -> dict:
    people = await seed_team(chat)
    bob, dan, carla = people["bob"], people["dan"], people["carla"]
    assert not (await chat.say("fx set EUR 1.1", at=utc("2026-03-02 12:00"))).is_error
    assert not (await dan.say("deal delete #8", at=utc("2026-03-03 12:00"))).is_error
    for who, line in ((bob, "deal delete #3"), (bob, "deal delete #1"), (dan, "deal restore #8"),
                      (carla, "deal update #2 owner=@dan"), (bob, "deal stage #6 negotiation"),
                      (dan, "deal update #10 amount=€10k")):
        reply = await who.say(line, at=EDITS)
        assert not reply.is_error, (line, reply.text)
    assert not (await bob.say("deal restore #1", at=utc("2026-03-04 11:00"))).is_error
    return people


async def test_the_team_waterfall_balances_across_the_bin_a_reopening_and_a_second_currency(chat):
    people = await seed_bin_and_owners(chat)
    reply = await people["carla"].say(f"forecast movement team {SINCE}", at=FRIDAY)
    assert steps(reply) == {"Start": ("", "$56,900"), "restored": ("1", "+$4,000"), "reopened": ("1", "+$8,000"),
                            "increased": ("1", "+$1,100"), "deleted": ("1", "−$5,000"), "End": ("", "$65,000")}
    assert reply.footer.endswith("= $65,000 ✓")
    rates = next(f.value for f in reply.facts if f.label == "Rates")
    assert rates == "USD totals: EUR at 1.1, set 2 Mar, at both ends (a rate change is not a movement)"


async def test_a_reassigned_deal_leaves_one_waterfall_and_enters_the_other(chat):
    people = await seed_bin_and_owners(chat)
    bob = steps(await people["carla"].say(f"forecast movement @bob {SINCE}", at=FRIDAY))
    dan = steps(await people["carla"].say(f"forecast movement @dan {SINCE}", at=FRIDAY))
    assert bob == {"Start": ("", "$35,000"), "reopened": ("1", "+$8,000"), "deleted": ("1", "−$5,000"),
                   "reassigned out": ("1", "−$20,000"), "End": ("", "$18,000")}
    assert dan == {"Start": ("", "$21,900"), "restored": ("1", "+$4,000"), "reassigned in": ("1", "+$20,000"),
                   "increased": ("1", "+$1,100"), "End": ("", "$47,000")}


async def test_the_end_is_the_converted_pipeline_the_forecast_shows(chat):
    people = await seed_bin_and_owners(chat)
    table = rows(await people["carla"].say("forecast team", at=FRIDAY))
    view = await people["carla"].say("forecast team", at=FRIDAY)
    table = rows(view)
    assert table["Bob"][3] == "$18k" and table["Dan"][3] == "$47k" and table["Total"][3] == "$65k"
    assert {f.label: f.value for f in view.facts}["Rates"] == "USD totals: EUR at 1.1, set 2 Mar"
    deals = await people["carla"].say("forecast deals best_case @dan", at=FRIDAY)
    assert rows(deals)["#10"][2] == "€10,000 ($11,000)"


async def test_a_rate_change_is_not_a_movement(chat):
    people = await seed_bin_and_owners(chat)
    assert not (await chat.say("fx set EUR 1.2", at=utc("2026-03-05 09:00"))).is_error
    reply = await people["carla"].say(f"forecast movement team {SINCE}", at=FRIDAY)
    assert steps(reply)["Start"] == ("", "$57,800") and steps(reply)["increased"] == ("1", "+$1,200")
    assert steps(reply)["End"] == ("", "$66,000") and reply.footer.endswith("= $66,000 ✓")


async def test_a_deal_without_a_rate_is_counted_apart(chat):
    people = await seed_team(chat)
    deals = await people["carla"].say("forecast deals best_case @dan", at=FRIDAY)
    assert rows(deals)["#10"][2] == "€9,000 (no rate: not counted)"
    assert not (await chat.say("fx set EUR 1.1", at=FRIDAY)).is_error
    table = rows(await people["carla"].say("forecast team", at=FRIDAY))
    assert table["Dan"][2] == "$25.9k" and table["Total"][2] == "$63.9k"


async def test_a_currency_gaining_or_losing_a_rate_is_its_own_move(chat):
    """Dan from Mar 4: G $12k → £12k (no rate for GBP), J €9k (no rate) → $9k: $16,000 → $13,000."""
    people = await seed_team(chat)
    for line in ("deal update #7 amount=£12k", "deal update #10 amount=$9k"):
        assert not (await people["dan"].say(line, at=EDITS)).is_error, line
    reply = await people["carla"].say(f"forecast movement @dan {SINCE}", at=FRIDAY)
    assert steps(reply) == {"Start": ("", "$16,000"), "from a currency without a rate": ("1", "+$9,000"),
                            "to a currency without a rate": ("1", "−$12,000"), "End": ("", "$13,000")}


async def test_an_undone_stage_move_leaves_the_pipeline_as_it_was(chat):
    """Bob moves A (best case) to negotiation and undoes it: the movement since Mar 4 is flat and A is
    best case again — the undo's version comes after the move's, though it puts `updated_at` back."""
    people = await seed_team(chat)
    bob = people["bob"]
    assert not (await bob.say("deal stage #1 negotiation", at=EDITS)).is_error
    undone = await bob.say("undo", at=utc("2026-03-04 10:05"))
    assert not undone.is_error and "back in proposal" in undone.text, undone.text
    reply = await people["carla"].say(f"forecast movement team {SINCE}", at=FRIDAY)
    assert steps(reply) == {"Start": ("", "$51,000"), "End": ("", "$51,000")}
    assert {f.label: f.value for f in reply.facts}["best case"] == "$10,000 → $10,000"
