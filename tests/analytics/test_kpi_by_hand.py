"""KPI, targets, leaderboard, risks and partners of the hand-built dataset (tests/analytics/dataset.py)."""
from tests.analytics.dataset import NOW, build
from tests.support.chat import reply_text


def facts(reply) -> dict[str, str]:
    return {fact.label: fact.value for fact in reply.facts}


async def test_kpi_of_a_rep_for_the_month(chat):
    # Bob in March: won #3 Alpha $10,000 and #4 Delta €5,000 (not summed: the workspace is in USD); lost #5, #6.
    # Cycles of the won deals: Alpha Mar 2→12 = 10 days, Delta Mar 2→7 = 5 days → median 7.5.
    # Open: #2 Charlie $30,000 in proposal (50%) → weighted $15,000. New in March (USD): 30k+10k+20k+12k.
    await build(chat)
    reply = await chat.as_("ana").say("kpi @bob month", at=NOW)
    assert facts(reply) == {
        "Won": "$10,000 — 2 deals (1 without an exchange rate, not in the sum)",
        "Win rate": "50% — 2 won, 2 lost",
        "Average deal": "$10,000",
        "Median sales cycle": "7.5 days",
        "Open pipeline": "$30,000 in 1 deal, weighted $15,000",
        "Coverage": "1.0× the $30,000 still to win",
        "New pipeline": "$72,000 in 4 deals",
        "Activities": "3 — 2 call, 1 email",
    }
    # Pace on day 16 of 31: $40,000 × 16/31 = $20,645.16; activities 10 × 16/31 = 5.16 → 5.
    assert reply.table.rows == (
        ("won value", "$10,000", "$40,000", "25%", "$20,645", "$10,645 behind"),
        ("activities", "3", "10", "30%", "5", "2 behind"),
    )
    assert "Left out (no rate): 1 deal in EUR (€5,000)" in reply.footer


async def test_kpi_of_the_team_uses_the_team_target_and_the_members_sum_otherwise(chat):
    # Team East (Bob, Carla). Open: #1 $40,000 negotiation (75% → $30,000), #2 $30,000 proposal (→ $15,000),
    # #7 $8,000 lead (→ $800). Team won-value target $100,000: 10%, pace $51,612.90 (shown $51,613);
    # coverage $78,000 ÷ $90,000.
    # No team activities target, so the members' ones add up: Bob's 10.
    await build(chat)
    reply = await chat.as_("carla").say("kpi team", at=NOW)
    shown = facts(reply)
    assert shown["Open pipeline"] == "$78,000 in 3 deals, weighted $45,800"
    assert shown["New pipeline"] == "$80,000 in 5 deals"
    assert shown["Activities"] == "4 — 2 call, 1 email, 1 meeting"
    assert shown["Coverage"] == "0.9× the $90,000 still to win"
    assert reply.table.rows == (
        ("won value", "$10,000", "$100,000", "10%", "$51,613", "$41,613 behind"),
        ("activities", "4", "10", "40%", "5", "1 behind"),
    )


async def test_kpi_with_nothing_closed_says_no_data_not_zero(chat):
    await chat.say('deal add "Acme" 12k', at=NOW)
    reply = await chat.say("kpi", at=NOW)
    shown = facts(reply)
    assert shown["Win rate"] == "no data — nothing won or lost yet"
    assert shown["Average deal"] == "no data"
    assert shown["Median sales cycle"] == "no data"
    assert "0%" not in reply_text(reply)


async def test_leaderboard_ranks_people_with_their_attainment(chat):
    await build(chat)
    # Carla manages East: she is ranked where she has something to show (activities), not with $0 won.
    won = await chat.as_("bob").say("leaderboard", at=NOW)
    assert won.table.rows == (("1", "Bob", "$10,000", "$40,000", "25%"),)
    activities = await chat.as_("ana").say("leaderboard activities all 2026-03", at=NOW)
    assert activities.table.rows == (("1", "Bob", "3", "10", "30%"), ("2", "Carla", "1", "—", "—"))


async def test_risks_give_every_reason(chat):
    # #2 Charlie: close date Mar 10 passed 6 days ago; last touched Mar 1 10:00 (15 days, limit 14);
    # close date pushed twice. Nothing else is at risk: #1 was touched Mar 9, #7 is 6 days old.
    await build(chat)
    reply = await chat.as_("ana").say("risks all", at=NOW)
    assert reply.table.rows == (("#2", "Charlie", "Bob", "$30,000", "proposal",
                                 "close date passed 6 days ago; no activity for 15 days; close date pushed 2 times"),)
    assert (await chat.as_("carla").say("risks @carla", at=NOW)).table is None


async def test_partners_show_the_channel(chat):
    # Q1: Big Reseller won #3 ($10,000), has #2 open ($30,000); Small VAR lost #5; direct: won #4 (EUR, not
    # summed), lost #6, open #1 and #7 ($48,000).
    await build(chat)
    reply = await chat.as_("ana").say("partners 2026-Q1", at=NOW)
    assert reply.table.rows == (
        ("Big Reseller", "$10,000", "1", "100%", "$30,000", "1"),
        ("(no partner)", "$0", "1", "50%", "$48,000", "2"),
        ("Small VAR", "$0", "0", "0%", "$0", "0"),
    )


async def test_targets_are_listed_and_replaced(chat):
    await build(chat)
    listed = await chat.as_("ana").say("target list all", at=NOW)
    assert listed.table.rows == (("Bob", "won value", "2026-03", "$40,000"), ("Bob", "activities", "2026-03", "10"),
                                 ("team East", "won value", "2026-03", "$100,000"))
    replaced = await chat.as_("carla").say("target set @bob won_value 50k period=2026-03", at=NOW)
    assert replaced.text == "Target set: Bob, won value $50,000 for 2026-03 (was $40,000)."
    kpi = await chat.as_("bob").say("kpi", at=NOW)
    assert kpi.table.rows[0][2:4] == ("$50,000", "20%")
