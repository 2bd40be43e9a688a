"""The 1:1 scorecard: each item for the person against the team median, computed by hand here."""
from __future__ import annotations

import io
from datetime import timedelta

from PIL import Image

from tests.rhythm.support import NOW, build, org

# East's members are Bob, Dan and Carla (who manages it); medians are over the three of them.


async def test_each_item_reads_against_the_team_median(chat):
    people = await org(chat)
    await build(people)
    card = await people["carla"].say("scorecard @bob 2026-11", at=NOW)
    assert "Bob against the team median (East, 3 people)" in card.text
    rows = {row[0]: row[1:] for row in card.table.rows}
    assert rows["Won"] == ("$30,000", "$10,000", "above median — better")
    assert rows["Attainment (won value)"][0] == "75%"  # 30k of 40k
    assert rows["Activities: call"] == ("2", "1", "above median — better")  # 2, 1, 0
    assert rows["Activities: email"] == ("0", "0", "at median")  # 0, 1, 0
    assert rows["Kudos received"] == ("1", "0", "above median — better")
    assert rows["CSAT of their accounts"][0] == "4.0/5"
    assert rows["Win rate"] == ("100%", "100%", "at median")  # Carla has no closed deals: no rate, left out
    dan = {row[0]: row[1:] for row in (await people["carla"].say("scorecard @dan 2026-11", at=NOW)).table.rows}
    assert dan["Won"] == ("$10,000", "$10,000", "at median")
    assert dan["Deals at risk"][2] in ("at median", "")


async def test_only_the_person_their_manager_or_an_admin_sees_it(chat):
    people = await org(chat)
    await build(people)
    assert not (await people["bob"].say("scorecard @bob", at=NOW)).is_error
    assert not (await people["ana"].say("scorecard @bob", at=NOW)).is_error
    for user in ("dan", "wes", "zoe"):
        refused = await people[user].say("scorecard @bob", at=NOW)
        assert refused.is_error and "only Bob, their manager or an admin" in refused.text, user
    nobody = await people["carla"].say("scorecard", at=NOW)
    assert nobody.is_error and "name the person" in nobody.text
    chart = await people["carla"].say("scorecard @bob 2026-11 chart", at=NOW)
    assert chart.chart.png.startswith(b"\x89PNG") and "scorecard-bob" in chart.chart.filename


async def test_overdue_follow_ups_and_forecast_accuracy_read_against_the_team(chat):
    """Follow-ups: Bob 2 overdue, Carla 1, Dan 0 (median 1). Forecast accuracy for 2026-Q3 (the last closed
    forecast quarter), as `forecast accuracy` judges it: Bob committed 40k and won 30k, 1 − 10/40 = 75%; Dan
    committed 8.5k and won 10k, 1 − 1.5/10 = 85%; Carla is a manager (no own forecast): median of 75 and 85 = 80%."""
    people = await org(chat)
    bob, dan, carla = people["bob"], people["dan"], people["carla"]
    september = NOW.replace(month=9, day=1)
    await bob.say('deal add "Q3 Acme" 30k', at=september)
    await dan.say('deal add "Q3 Beta" 10k', at=september)
    assert not (await bob.say("forecast submit commit=40000 best=50000 2026-Q3", at=september)).is_error
    assert not (await dan.say("forecast submit commit=8500 best=12000 2026-Q3", at=september)).is_error
    await bob.say("deal won #1", at=september + timedelta(days=10))
    await dan.say("deal won #2", at=september + timedelta(days=10))
    report = await carla.say("forecast accuracy team periods=1", at=NOW)
    assert "75%" in str(report.table.rows) and "85%" in str(report.table.rows)  # the same definition
    before = NOW - timedelta(days=5)
    for who, what, due in ((bob, "Call Acme back", "2026-11-02"), (bob, "Send the contract", "2026-11-03"),
                           (bob, "Plan the QBR", "2026-11-10"), (carla, "Review the East pipeline", "2026-11-01")):
        assert not (await who.say(f'task add "{what}" due={due}', at=before)).is_error
    await bob.say('task add "Already done" due=2026-11-01', at=before)
    await bob.say("task done 5", at=before)
    rows = {row[0]: row[1:] for row in (await carla.say("scorecard @bob 2026-11", at=NOW)).table.rows}
    assert rows["Overdue follow-ups"] == ("2", "1", "above median — worse")
    assert rows["Forecast accuracy (2026-Q3)"] == ("75%", "80%", "below median — worse")
    dan_rows = {row[0]: row[1:] for row in (await carla.say("scorecard @dan 2026-11", at=NOW)).table.rows}
    assert dan_rows["Overdue follow-ups"] == ("0", "1", "below median — better")
    assert dan_rows["Forecast accuracy (2026-Q3)"] == ("85%", "80%", "above median — better")


async def test_every_item_the_issue_lists_is_on_the_card(chat):
    people = await org(chat)
    await build(people)
    labels = [row[0] for row in (await people["carla"].say("scorecard @bob 2026-11", at=NOW)).table.rows]
    for item in ("Attainment (won value)", "Pace gap", "Open pipeline", "Coverage", "Activities: call", "Win rate",
                 "Deals at risk", "Overdue training", "Overdue follow-ups", "Forecast accuracy (2026-Q3)",
                 "Kudos received", "CSAT of their accounts"):
        assert item in labels, item
    assert any(label.startswith("Conversion ") for label in labels), labels


async def test_the_chart_draws_every_item_with_a_value_the_new_ones_included(chat):
    """One bar per item that has both a value and a median (negative gaps left out): the PNG's height says how
    many — 110 px per inch, 1.2 in plus 0.5 in per bar (handlers/rhythm/charts.py)."""
    people = await org(chat)
    await build(people)
    await people["bob"].say('task add "Call Acme back" due=2026-11-02', at=NOW - timedelta(days=5))
    table = (await people["carla"].say("scorecard @bob 2026-11", at=NOW)).table.rows
    drawn = [row[0] for row in table if "—" not in row[1:3] and not row[1].startswith("-")
             and not row[2].startswith("-")]
    assert "Overdue follow-ups" in drawn
    chart = (await people["carla"].say("scorecard @bob 2026-11 chart", at=NOW)).chart
    assert Image.open(io.BytesIO(chart.png)).height == round((1.2 + 0.5 * len(drawn)) * 110)
