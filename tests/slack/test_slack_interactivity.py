"""Buttons (block_actions) and modal submissions (view_submission), built on the captured real payloads."""
from __future__ import annotations

import copy
import json

from tests.slack.signed import CHANNEL, TEAM, USER, captured


def button_press(bot, command: str, action_ts: str = "1613575488.406573") -> dict:
    """The captured button click, pressing one of our reply buttons that runs `command`."""
    payload = copy.deepcopy(captured("slack_payload_block_action_button.urlencoded"))
    payload["response_url"], payload["trigger_id"] = bot.slack.response_url(), bot.slack.trigger_id()
    payload["actions"] = [{"action_id": "salesbot:cmd:1", "block_id": "b1", "type": "button", "value": command,
                           "text": {"type": "plain_text", "text": "Mark won"}, "action_ts": action_ts}]
    return payload


def submission(values: dict[str, dict], view_id: str = "V01QKTZBFMK", channel: str = CHANNEL) -> dict:
    """The captured view_submission, as our deal form would send it back."""
    payload = copy.deepcopy(captured("slack_payload_view_submission.urlencoded"))
    view = payload["view"]
    view.update(id=view_id, callback_id="salesbot:form:deal_add",
                private_metadata=json.dumps({"c": channel, "d": False, "n": "opsdroidtests"}))
    view["blocks"] = [{"type": "input", "block_id": f"field:{name}"} for name in values]
    view["state"] = {"values": {f"field:{name}": {"value": state} for name, state in values.items()}}
    return payload


def text_input(value: str) -> dict:
    return {"type": "plain_text_input", "value": value}


def deal(bot, number: int):
    with bot.store.workspace("slack", TEAM) as ws:
        return ws.deals.by_number(number)


async def test_pressing_mark_won_wins_the_deal_and_answers_the_presser(bot, fake_slack):
    await bot.slack.command('deal add "Acme" 5k')
    response = await bot.slack.interaction(button_press(bot, "deal won #1"))
    assert response.status == 200
    await bot.settle()
    (answer,) = fake_slack.called("response_url")
    assert answer.args["response_type"] == "ephemeral" and answer.args["replace_original"] is False
    assert "is won" in answer.args["text"]
    assert deal(bot, 1).status == "won"


async def test_a_double_click_has_exactly_one_effect(bot, fake_slack):
    await bot.slack.command('deal add "Acme" 5k stage=lead')
    first = button_press(bot, "deal stage #1 qualified", "1613575488.406573")
    second = button_press(bot, "deal stage #1 qualified", "1613575488.806573")
    assert (await bot.slack.interaction(first)).status == 200
    assert (await bot.slack.interaction(second)).status == 200
    await bot.settle()
    with bot.store.workspace("slack", TEAM) as ws:
        moves = [c.to_stage for c in ws.deals.history(ws.deals.by_number(1))]
    assert moves == ["lead", "qualified"]
    assert len(fake_slack.called("response_url")) == 1


async def test_log_activity_button_opens_the_activity_modal(bot, fake_slack):
    await bot.slack.command('deal add "Acme" 5k')
    await bot.slack.interaction(button_press(bot, "log #1"))
    await bot.settle()
    (opened,) = fake_slack.called("views.open")
    view = opened.args["view"]
    assert view["callback_id"] == "salesbot:form:log_activity"
    assert [b["block_id"] for b in view["blocks"] if b["type"] == "input"] == ["field:target", "field:kind",
                                                                                "field:notes"]


async def test_invalid_form_fields_come_back_inline(bot, fake_slack):
    response = await bot.slack.interaction(submission({
        "name": text_input("Acme renewal"), "amount": text_input("lots"),
        "close": {"type": "datepicker", "selected_date": None}}))
    answer = json.loads(await response.text())
    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == ["field:amount"]
    assert deal(bot, 1) is None


async def test_a_valid_form_creates_the_deal_and_confirms_it(bot, fake_slack):
    response = await bot.slack.interaction(submission({
        "name": text_input("Acme renewal"), "amount": text_input("12k"),
        "stage": {"type": "static_select", "selected_option": {"value": "proposal"}},
        "close": {"type": "datepicker", "selected_date": "2031-03-15"},
        "account": text_input("Acme Corp"), "partner": text_input("")}))
    assert response.status == 200 and await response.text() == ""
    await bot.settle()
    stored = deal(bot, 1)
    assert (stored.name, stored.amount_minor, stored.stage, str(stored.expected_close)) == (
        "Acme renewal", 1_200_000, "proposal", "2031-03-15")
    (note,) = fake_slack.called("chat.postEphemeral")
    assert note.args["channel"] == CHANNEL and note.args["user"] == USER and "Deal #1 added" in note.args["text"]


async def test_the_same_submission_twice_creates_one_deal(bot, fake_slack):
    form = submission({"name": text_input("Once"), "amount": text_input("1k")})
    await bot.slack.interaction(form)
    again = await bot.slack.interaction(form | {"trigger_id": bot.slack.trigger_id()})  # a second click on Submit
    assert json.loads(await again.text())["response_action"] == "errors"
    with bot.store.workspace("slack", TEAM) as ws:
        assert ws.deals.count(open_only=False) == 1


async def test_a_button_on_app_home_answers_in_the_dm_and_redraws_home(bot, fake_slack):
    await bot.slack.command('deal add "Acme" 5k')
    press = button_press(bot, "deal won #1")
    del press["response_url"], press["channel"]
    press["container"] = {"type": "view", "view_id": "VHOME"}
    await bot.slack.interaction(press)
    await bot.settle()
    (post,) = fake_slack.called("chat.postMessage")
    assert post.args["channel"] == f"D{USER}" and "is won" in post.args["text"]
    assert len(fake_slack.called("views.publish")) == 1
    assert deal(bot, 1).status == "won"
