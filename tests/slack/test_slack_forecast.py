"""The forecast prompt's buttons on Slack: "Submit as is" submits, "Adjust" opens the modal, and the modal's
submission is the rep's forecast — through the real slack-bolt stack against the fake Slack Web API."""
from __future__ import annotations

import copy
import json

from tests.slack.signed import CHANNEL, TEAM, USER, captured
from tests.slack.test_slack_interactivity import button_press, text_input


def make_rep(bot) -> None:
    """Someone else is the workspace's admin, so the Slack user is a rep who submits their own forecast."""
    with bot.store.workspace("slack", TEAM) as ws:
        ws.people.ensure("UADMIN", "Alex Admin")


def submissions(bot) -> list[tuple[int, int, str]]:
    with bot.store.workspace("slack", TEAM) as ws:
        rows = ws.forecast.history(ws.people.by_platform_id(USER).id, _period_start(ws))
    return [(s.commit_minor, s.best_minor, s.note) for s in rows]


def _period_start(ws):
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    from handlers.analytics.periods import parse_period

    today = datetime.now(timezone.utc).astimezone(ZoneInfo(ws.workspace.timezone)).date()
    return parse_period(ws.forecast.period_kind(), today, ZoneInfo(ws.workspace.timezone)).first_day


def form_submission(bot, values: dict[str, dict]) -> dict:
    payload = copy.deepcopy(captured("slack_payload_view_submission.urlencoded"))
    payload["trigger_id"] = bot.slack.trigger_id()
    view = payload["view"]
    view.update(id="V01FORECAST", callback_id="salesbot:form:forecast.submit",
                private_metadata=json.dumps({"c": CHANNEL, "d": False, "n": "opsdroidtests"}))
    view["blocks"] = [{"type": "input", "block_id": f"field:{name}"} for name in values]
    view["state"] = {"values": {f"field:{name}": {"value": state} for name, state in values.items()}}
    return payload


async def test_submit_as_is_records_the_numbers_shown(bot, fake_slack):
    make_rep(bot)
    await bot.slack.command('deal add "Acme" 12k stage=negotiation close=today')
    await bot.slack.interaction(button_press(bot, "forecast submit commit=12000 best=12000"))
    await bot.settle()
    answer = fake_slack.called("response_url")[-1]
    assert "submitted: commit $12k, best case $12k" in answer.args["text"]
    assert submissions(bot) == [(1_200_000, 1_200_000, "")]


async def test_adjust_opens_the_modal_with_the_roll_up_and_its_submission_counts(bot, fake_slack):
    make_rep(bot)
    await bot.slack.command('deal add "Acme" 12k stage=negotiation close=today')
    await bot.slack.interaction(button_press(bot, "forecast form"))
    await bot.settle()
    (opened,) = fake_slack.called("views.open")
    view = opened.args["view"]
    assert view["callback_id"] == "salesbot:form:forecast.submit"
    inputs = [b for b in view["blocks"] if b["type"] == "input"]
    assert [b["block_id"] for b in inputs] == ["field:period", "field:commit", "field:best", "field:note"]
    assert inputs[1]["element"]["initial_value"] == "12000"
    period = inputs[0]["element"]["initial_value"]
    wrong = await bot.slack.interaction(form_submission(bot, {
        "period": text_input(period), "commit": text_input("lots"), "best": text_input("15k"),
        "note": text_input("")}))
    answer = json.loads(await wrong.text())
    assert answer["response_action"] == "errors" and list(answer["errors"]) == ["field:commit"]
    assert submissions(bot) == []
    right = await bot.slack.interaction(form_submission(bot, {
        "period": text_input(period), "commit": text_input("10k"), "best": text_input("15k"),
        "note": text_input("legal is slow")}))
    assert right.status == 200 and await right.text() == "", await right.text()
    await bot.settle()
    assert submissions(bot) == [(1_000_000, 1_500_000, "legal is slow")]


async def posted_prompt(bot, fake_slack) -> dict[str, str]:
    """The weekly prompt, due two minutes ago, posted by the scheduler through the real Slack messenger to the
    fake Web API; its buttons as label -> the command they run."""
    from datetime import datetime, timedelta, timezone

    from bot.scheduler.engine import Ticker

    make_rep(bot)
    await bot.slack.command('deal add "Acme" 12k stage=negotiation close=today')
    due = datetime.now(timezone.utc) - timedelta(minutes=2)
    with bot.store.workspace("slack", TEAM) as ws:
        ws.schedules.add("forecast", rule="weekly", rule_day=due.weekday(), at_time=f"{due:%H:%M}",
                         created_at=due - timedelta(minutes=10))
        ws.schedules.set_quiet_hours(ws.people.by_platform_id(USER).id, off=True)
    await Ticker(bot.store, bot.app.messengers, "clock-a", timedelta(hours=1)).tick(datetime.now(timezone.utc))
    await bot.settle()
    (post,) = [c for c in fake_slack.called("chat.postMessage") if "Time for your forecast" in json.dumps(c.args)]
    blocks = post.args["blocks"]
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    return {e["text"]["text"]: e["value"] for b in blocks if b["type"] == "actions" for e in b["elements"]}


async def test_the_posted_prompts_submit_as_is_button_submits(bot, fake_slack):
    buttons = await posted_prompt(bot, fake_slack)
    assert list(buttons) == ["Submit as is", "Adjust"]
    await bot.slack.interaction(button_press(bot, buttons["Submit as is"]))
    await bot.settle()
    assert "submitted: commit $12k, best case $12k" in fake_slack.called("response_url")[-1].args["text"]
    assert submissions(bot) == [(1_200_000, 1_200_000, "")]


async def test_the_posted_prompts_adjust_button_opens_the_modal_that_submits(bot, fake_slack):
    buttons = await posted_prompt(bot, fake_slack)
    await bot.slack.interaction(button_press(bot, buttons["Adjust"]))
    await bot.settle()
    (opened,) = fake_slack.called("views.open")
    view = opened.args["view"]
    view = json.loads(view) if isinstance(view, str) else view
    fields = {b["block_id"].removeprefix("field:"): b["element"].get("initial_value", "")
              for b in view["blocks"] if b["type"] == "input"}
    assert fields["commit"] == "12000" and fields["best"] == "12000"
    right = await bot.slack.interaction(form_submission(bot, {
        "period": text_input(fields["period"]), "commit": text_input("11k"), "best": text_input("14k"),
        "note": text_input("one at legal")}))
    assert right.status == 200 and await right.text() == ""
    await bot.settle()
    assert submissions(bot) == [(1_100_000, 1_400_000, "one at legal")]
