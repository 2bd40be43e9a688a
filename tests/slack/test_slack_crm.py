"""The everyday CRM on Slack: the More button pages a list, the contact form opens as a modal, undo answers."""
from __future__ import annotations

import json

from tests.crm.seeding import seed_deals
from tests.slack.signed import TEAM
from tests.slack.test_slack_interactivity import button_press, submission, text_input


def buttons(message: dict) -> dict[str, str]:
    return {e["text"]["text"]: e["value"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]}


async def test_the_more_button_shows_the_next_page(bot, fake_slack):
    await bot.slack.command("whoami")
    seed_deals(bot.store, "slack", 53)
    ack = await bot.slack.command("deal list all")
    assert "53 open deals" in ack["text"] and "showing 1–50 of 53" in ack["text"]
    assert buttons(ack) == {"More": "deal list all page=2"}
    await bot.slack.interaction(button_press(bot, buttons(ack)["More"]))
    await bot.settle()
    (answer,) = fake_slack.called("response_url")
    assert "showing 51–53 of 53" in answer.args["text"]
    assert "Deal 01" in json.dumps(answer.args["blocks"]) and "More" not in json.dumps(answer.args["blocks"])


def contact_form(email: str, trigger: str) -> dict:
    """Our contact form sent back; each submission is its own delivery (its own trigger id)."""
    form = submission({"name": text_input("Dana Reyes"), "account": text_input("Acme Corp"),
                       "email": text_input(email)})
    form["view"]["callback_id"], form["trigger_id"] = "salesbot:form:contact_add", trigger
    return form


async def test_contact_add_opens_a_modal_and_the_submission_adds_the_contact(bot, fake_slack):
    await bot.slack.command('contact add account="Acme Corp"')
    await bot.settle()
    (opened,) = fake_slack.called("views.open")
    view = opened.args["view"]
    assert view["callback_id"] == "salesbot:form:contact_add"
    assert [b["block_id"] for b in view["blocks"] if b["type"] == "input"] == [
        "field:name", "field:account", "field:title", "field:email", "field:phone"]
    answer = json.loads(await (await bot.slack.interaction(contact_form("not-an-email", "111.222.first"))).text())
    assert answer["response_action"] == "errors" and list(answer["errors"]) == ["field:email"]
    assert (await bot.slack.interaction(contact_form("dana@acme.example", "111.222.second"))).status == 200
    await bot.settle()
    with bot.store.workspace("slack", TEAM) as ws:
        (dana,) = ws.contacts.by_prefix("dana")
        assert (dana.email, ws.accounts.get(dana.account_id).name) == ("dana@acme.example", "Acme Corp")


async def test_delete_then_the_restore_button(bot, fake_slack):
    await bot.slack.command('deal add "Oops" 5k')
    deleted = await bot.slack.command("deal delete #1")
    assert buttons(deleted) == {"Restore": "deal restore #1"}
    await bot.slack.interaction(button_press(bot, "deal restore #1"))
    await bot.settle()
    (answer,) = fake_slack.called("response_url")
    assert "#1 Oops is restored." in answer.args["text"]
