"""The weekly forecast prompt on Teams: the scheduler posts it through the real Teams messenger to the fake
Bot Connector; "Submit as is" submits, "Adjust" answers with a card form whose submission is the forecast."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.scheduler.engine import Ticker
from tests.teams.activities import TENANT, USER_AAD, bot_added, card_submit, personal_message
from tests.teams.support import button, inputs, words


def submitted(teams) -> list[tuple[int, int, str]]:
    with teams.store.workspace("teams", TENANT) as ws:
        person = ws.people.by_platform_id(USER_AAD)
        found = ws.forecast.submissions({person.id}, _first_day(ws), datetime.now(timezone.utc) + timedelta(days=1))
        rows = ws.forecast.history(person.id, _first_day(ws))
    assert len(found) <= 1
    return [(s.commit_minor, s.best_minor, s.note) for s in rows]


def _first_day(ws):
    from zoneinfo import ZoneInfo

    from handlers.analytics.periods import parse_period

    zone = ZoneInfo(ws.workspace.timezone)
    return parse_period(ws.forecast.period_kind(), datetime.now(timezone.utc).astimezone(zone).date(), zone).first_day


async def prompted(teams) -> dict:
    """A rep with one commit deal, the prompt due two minutes ago (quiet hours off), and the tick posting it."""
    with teams.store.workspace("teams", TENANT) as ws:
        ws.people.ensure("admin-aad", "Alex Admin")  # the admin: the Teams user is a rep
    added = bot_added(teams.connector.url, "personal")
    await teams.post(added)
    await teams.post(personal_message('deal add "Initech" 8.5k stage=negotiation close=today', teams.connector.url))
    due = datetime.now(timezone.utc) - timedelta(minutes=2)
    with teams.store.workspace("teams", TENANT) as ws:
        ws.schedules.add("forecast", rule="weekly", rule_day=due.weekday(), at_time=f"{due:%H:%M}",
                         created_at=due - timedelta(minutes=10))
        ws.schedules.set_quiet_hours(ws.people.by_platform_id(USER_AAD).id, off=True)
    ticker = Ticker(teams.store, {"teams": teams.runtime.messenger}, "clock-t", timedelta(hours=1))
    await ticker.tick(datetime.now(timezone.utc))
    card = teams.connector.cards(added["conversation"]["id"])[-1]
    assert "Time for your forecast" in words(card) and "commit $8.5k" in words(card)
    return card


async def test_submit_as_is_from_the_prompt_card(teams):
    card = await prompted(teams)
    await teams.post(card_submit(button(card, "Submit as is"), teams.connector.url, "bot-msg-1"))
    assert "submitted: commit $8.5k, best case $8.5k" in words(teams.connector.last_card())
    assert submitted(teams) == [(850_000, 850_000, "")]


async def test_adjust_answers_with_a_card_form_that_submits(teams):
    card = await prompted(teams)
    await teams.post(card_submit(button(card, "Adjust"), teams.connector.url, "bot-msg-1"))
    form = teams.connector.last_card()
    fields = inputs(form)
    assert list(fields) == ["period", "commit", "best", "note"] and fields["commit"]["value"] == "8500"
    value = button(form, "Submit") | {"period": fields["period"]["value"], "commit": "7k", "best": "6k", "note": ""}
    await teams.post(card_submit(value, teams.connector.url, "bot-msg-2"))
    assert "below commit" in words(teams.connector.last_card()) and submitted(teams) == []
    value |= {"best": "9k", "note": "waiting on legal"}
    await teams.post(card_submit(value, teams.connector.url, "bot-msg-3"))
    assert "submitted: commit $7k, best case $9k" in words(teams.connector.last_card())
    assert submitted(teams) == [(700_000, 900_000, "waiting on legal")]
