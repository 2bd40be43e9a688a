"""`forecast accuracy`: the submission that stood at each checkpoint of March 2026 (Mar 1 00:00, Mar 16 12:00,
Mar 25 00:00) against what was won in March.

Bob: 30k (Feb 27), 25k (Mar 10), 22k (Mar 20), 21k (Mar 28, after the last checkpoint); won F 8k + B 20k = 28k.
     Judged on 22k: error |22 − 28| ÷ 28 = 21.4%, accuracy 79%, under.
Dan: 10k (Mar 20); won nothing: error 10 ÷ 10, accuracy 0%, over.
East (Carla's team call): 40k (Mar 24) against 28k: error 12 ÷ 40 = 30%, accuracy 70%, over.
"""
from __future__ import annotations

from handlers.forecast.accuracy import accuracy, bias
from tests.forecast.dataset import seed_team, utc

APRIL = utc("2026-04-05 10:00")


async def seed_submissions(chat) -> dict:
    people = await seed_team(chat)
    bob, dan, carla = people["bob"], people["dan"], people["carla"]
    for who, line, at in ((bob, "forecast submit commit=30k best=40k 2026-03", "2026-02-27 10:00"),
                          (bob, "forecast submit commit=25k best=40k", "2026-03-10 10:00"),
                          (bob, "forecast submit commit=22k best=40k", "2026-03-20 10:00"),
                          (dan, "forecast submit commit=10k best=12k", "2026-03-20 10:00"),
                          (carla, "forecast submit commit=40k best=60k", "2026-03-24 10:00"),
                          (bob, "forecast submit commit=21k best=40k", "2026-03-28 10:00"),
                          (bob, "deal won #2", "2026-03-26 10:00")):
        reply = await who.say(line, at=utc(at))
        assert not reply.is_error, (line, reply.text)
    return people


async def test_the_commit_standing_at_each_checkpoint_against_the_actual(chat):
    people = await seed_submissions(chat)
    reply = await people["carla"].say("forecast accuracy team periods=1", at=APRIL)
    assert reply.table.rows == (
        ("Bob", "2026-03", "$30k", "$25k", "$22k", "$28k", "79%", "under"),
        ("Dan", "2026-03", "—", "—", "$10k", "$0", "0%", "over"),
        ("Carla (team)", "2026-03", "—", "—", "$40k", "$28k", "70%", "over"))


async def test_the_trend_runs_oldest_first(chat):
    people = await seed_submissions(chat)
    reply = await people["carla"].say("forecast accuracy @bob periods=2", at=APRIL)
    assert {f.label: f.value for f in reply.facts} == {"Trend: Bob": "— → 79%"}


async def test_a_period_not_yet_closed_is_not_judged(chat):
    people = await seed_submissions(chat)
    reply = await people["carla"].say("forecast accuracy team", at=utc("2026-03-30 10:00"))
    assert not reply.is_error and "accuracy needs a past period" in reply.text


def test_accuracy_and_bias_by_the_formula():
    assert accuracy(22, 28) == 1 - 6 / 28 and bias(22, 28) == -1
    assert accuracy(10, 0) == 0 and bias(10, 0) == 1
    assert accuracy(0, 0) == 1 and bias(0, 0) == 0
    assert accuracy(0, 5) == 0


async def test_a_deal_won_in_another_currency_counts_at_its_rate(chat):
    """Dan wins J €9k on Mar 27 with EUR at 1.1 USD: his actual is $9,900; 10k against 9.9k is 99% over.
    The team's actual is 28k + 9.9k = 37.9k: 40k against it is 1 − 2.1 ÷ 40 = 94.75%, shown 95%, over."""
    people = await seed_submissions(chat)
    assert not (await chat.say("fx set EUR 1.1", at=utc("2026-03-27 09:00"))).is_error
    assert not (await people["dan"].say("deal won #10", at=utc("2026-03-27 10:00"))).is_error
    reply = await people["carla"].say("forecast accuracy team periods=1", at=APRIL)
    assert reply.table.rows[1:] == (("Dan", "2026-03", "—", "—", "$10k", "$9.9k", "99%", "over"),
                                    ("Carla (team)", "2026-03", "—", "—", "$40k", "$37.9k", "95%", "over"))
