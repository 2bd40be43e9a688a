"""Anonymous means anonymous on Teams too: three people press answer buttons and send the comment card; no row
and no log line links an answer to any of them."""
from __future__ import annotations

import logging

from bot.scheduler.engine import Ticker
from bot.web import APP_KEY
from handlers.clock import utc_now
from tests.support.leaks import Voter, dump_every_row, linking_rows, log_lines_naming, rows_with
from tests.teams.activities import TENANT, as_user, card_submit, channel_message
from tests.teams.support import button, person, words

PEOPLE = {"b1a2c3d4-0000-4000-8000-00000000b001": "Berta Lindqvist",
          "b1a2c3d4-0000-4000-8000-00000000b002": "Caio Monteverde",
          "b1a2c3d4-0000-4000-8000-00000000b003": "Dora Castelhano"}
CHOICES = ("green-light", "amber-light", "red-light")
COMMENT = "renewals-are-slipping-quietly"


def pressed(teams, aad: str, data: dict, message: str) -> dict:
    return as_user(card_submit(data, teams.connector.url, message), aad, PEOPLE[aad])


async def test_three_anonymous_answers_on_teams_leave_no_link(teams, engine, caplog):
    caplog.set_level(logging.INFO)
    asked = f'feedback ask "How do renewals look?" choices="{",".join(CHOICES)}" anonymous'
    await teams.post(channel_message(asked, teams.connector.url))
    app = teams.web_app[APP_KEY]
    await Ticker(app.store, app.messengers, "clock-a").tick(utc_now())
    prompt = teams.connector.last_card()
    assert "How do renewals look?" in words(prompt)
    berta, caio, dora = PEOPLE
    await teams.post(pressed(teams, berta, button(prompt, "green-light"), "prompt-1"))
    await teams.post(pressed(teams, caio, button(prompt, "red-light"), "prompt-1"))
    await teams.post(pressed(teams, caio, button(prompt, "green-light"), "prompt-1"))  # a second try
    await teams.post(pressed(teams, dora, button(prompt, "Answer with a comment"), "prompt-1"))
    form = teams.connector.last_card()
    sent = button(form, "Send") | {"round": "1", "answer": "amber-light", "comment": COMMENT}
    await teams.post(pressed(teams, dora, sent, "form-1"))
    said = [words(card) for card in teams.connector.cards()]
    assert sum("is saved" in text for text in said) == 3 and sum("already answered" in text for text in said) == 1

    voters = []
    for aad in PEOPLE:
        found = person(teams.store, aad)
        voters.append(Voter(found.platform_user_id, found.id, found.display_name, found.handle))
    rows = dump_every_row(engine)
    assert linking_rows(rows, voters, TENANT, list(CHOICES) + [COMMENT]) == []
    assert rows_with(rows, COMMENT) == {"feedback_answer"}
    assert all(row["person_id"] is None for table, row in rows if table == "feedback_answer")
    # aiohttp.access here logs the fake Bot Connector's routes (it stands for Microsoft) and our /api/messages.
    assert log_lines_naming([r.getMessage() for r in caplog.records if r.name != "aiohttp.access"],
                            voters, TENANT, list(CHOICES) + [COMMENT]) == []
