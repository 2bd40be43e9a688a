"""Anonymous means anonymous: three people answer through the real Slack stack; nothing stored or logged links
an answer to any of them. A named prompt still shows who answered."""
from __future__ import annotations

import copy
import json
import logging

from bot.scheduler.engine import Ticker
from handlers.clock import utc_now
from tests.slack.signed import CHANNEL, TEAM, captured
from tests.support.leaks import (Voter, answer_row_versions, dump_every_row, linking_rows, log_lines_naming,
                                 rows_with)

PEOPLE = {"U0BRUNOQ1": "Bruno Quintela", "U0CLARAV2": "Clara Vasconcelos", "U0DINISF3": "Dinis Ferraz"}
CHOICES = ("steady-sails", "choppy-water", "storm-ahead")
COMMENT = "our-forecast-misses-the-renewals"


def press(bot, user: str, command: str, action_ts: str) -> dict:
    payload = copy.deepcopy(captured("slack_payload_block_action_button.urlencoded"))
    payload["response_url"], payload["trigger_id"] = bot.slack.response_url(), bot.slack.trigger_id()
    payload["user"] = {"id": user, "username": PEOPLE[user].split()[0].lower(), "name": PEOPLE[user],
                       "team_id": TEAM}
    payload["actions"] = [{"action_id": "salesbot:cmd:1", "block_id": "b1", "type": "button", "value": command,
                           "text": {"type": "plain_text", "text": "x"}, "action_ts": action_ts}]
    return payload


def submit(bot, user: str, view: dict, values: dict[str, str]) -> dict:
    """The opened modal sent back with `values` typed or chosen, as Slack sends a view_submission."""
    payload = copy.deepcopy(captured("slack_payload_view_submission.urlencoded"))
    payload["user"] = {"id": user, "username": user.lower(), "name": PEOPLE[user], "team_id": TEAM}
    state = {}
    for block in view["blocks"]:
        if block.get("type") == "input":
            name = block["block_id"].removeprefix("field:")
            chosen = values.get(name, block["element"].get("initial_value", ""))
            state[block["block_id"]] = {"value": {"type": "static_select", "selected_option": {"value": chosen}}
                                        if block["element"]["type"] == "static_select"
                                        else {"type": "plain_text_input", "value": chosen}}
    payload["view"] = view | {"id": "V0FEEDBACK1", "state": {"values": state}}
    return payload


def buttons(fake_slack) -> dict[str, str]:
    """Label -> command of the buttons on the prompt the bot posted in the channel."""
    (post,) = [c for c in fake_slack.called("chat.postMessage") if c.args.get("channel") == CHANNEL]
    blocks = post.args["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    return {e["text"]["text"]: e["value"] for b in blocks if b["type"] == "actions" for e in b["elements"]}


async def ask_and_post(bot, fake_slack, line: str) -> dict[str, str]:
    for user, name in PEOPLE.items():
        fake_slack.add_user(user, name)
    asked = await bot.slack.command(line)
    assert "is set" in json.dumps(asked), asked
    await Ticker(bot.store, bot.app.messengers, "clock-a").tick(utc_now())
    await bot.settle()
    return buttons(fake_slack)


def voters(bot) -> list[Voter]:
    with bot.store.workspace("slack", TEAM) as ws:
        people = [ws.people.by_platform_id(user) for user in PEOPLE]
        return [Voter(p.platform_user_id, p.id, p.display_name, p.handle) for p in people]


async def test_three_anonymous_answers_leave_no_link_to_anyone(bot, fake_slack, engine, caplog):
    caplog.set_level(logging.INFO)
    choices = ",".join(CHOICES)
    button = await ask_and_post(bot, fake_slack, f'feedback ask "How is the quarter?" choices="{choices}" anonymous')
    bruno, clara, dinis = PEOPLE
    for user, label, at in ((bruno, "steady-sails", "1700000001.000100"), (clara, "storm-ahead", "1700000002.000200"),
                             (clara, "steady-sails", "1700000009.000900"),  # a second try
                             (dinis, "Answer with a comment", "1700000003.000300")):
        await bot.slack.interaction(press(bot, user, button[label], at))
        await bot.settle()
    (opened,) = fake_slack.called("views.open")
    form = json.loads(opened.args["view"]) if isinstance(opened.args["view"], str) else opened.args["view"]
    response = await bot.slack.interaction(submit(bot, dinis, form, {"answer": "choppy-water", "comment": COMMENT}))
    assert response.status == 200 and await response.text() == ""
    await bot.settle()
    answered = [c.args["text"] for c in fake_slack.called("response_url")]
    assert sum("is saved" in text for text in answered) == 2 and sum("already answered" in text for text in answered) == 1

    rows = dump_every_row(engine)
    if engine.dialect.name == "postgresql":  # every answer row was rewritten with the last one: one version
        assert len(answer_row_versions(engine)) == 1
    results = await bot.slack.command("feedback close 1")
    shown = json.dumps(results)
    assert "Answers" in shown and COMMENT in shown and all(choice in shown for choice in CHOICES)
    await bot.settle()

    everyone = voters(bot)
    for when, snapshot in (("while open", rows), ("after close", dump_every_row(engine))):
        assert linking_rows(snapshot, everyone, TEAM, list(CHOICES) + [COMMENT]) == [], when
        assert rows_with(snapshot, COMMENT) == {"feedback_answer"}, when
        assert not any(t in ("voter_key",) or "voter_hash" in row for t, row in snapshot), when
        answers = [row for table, row in snapshot if table == "feedback_answer"]
        assert sorted(a["value"] for a in answers) == sorted(CHOICES)
        assert all(a["person_id"] is None and a["answered_at"] is None for a in answers)
        assert all(a["id"] > 2 ** 32 for a in answers)  # random, not numbered in the order people answered
    assert log_lines_naming(bot_log(caplog), everyone, TEAM, list(CHOICES) + [COMMENT]) == []


def bot_log(caplog) -> list[str]:
    """What the bot logged: all of it but the fake Slack server's own access log (it stands for Slack)."""
    fake_routes = ('"GET /api/', '"POST /api/', '"POST /response/', '"POST /upload/')
    return [r.getMessage() for r in caplog.records
            if not (r.name == "aiohttp.access" and any(route in r.getMessage() for route in fake_routes))]


async def test_a_named_prompt_still_shows_who_answered(bot, fake_slack):
    button = await ask_and_post(bot, fake_slack, 'feedback ask "Forecast on track?" yesno')
    bruno, clara, _ = PEOPLE
    await bot.slack.interaction(press(bot, bruno, button["yes"], "1700000001.000100"))
    await bot.slack.interaction(press(bot, clara, button["no"], "1700000002.000200"))
    await bot.settle()
    shown = json.dumps(await bot.slack.command("feedback results 1"))
    assert "Bruno Quintela: yes" in shown and "Clara Vasconcelos: no" in shown
