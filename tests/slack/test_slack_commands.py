"""/sales over real signed HTTP: replies in the acknowledgement as Block Kit, deals in the database."""
from __future__ import annotations

import json

from tests.slack.signed import CHANNEL, TEAM, USER


def block_text(ack: dict) -> str:
    """Everything a person reads in the acknowledgement's blocks, as one string."""
    return json.dumps(ack.get("blocks", []), ensure_ascii=False)


def formatted_texts(value) -> list[str]:
    """Every string Slack parses for mentions: mrkdwn text objects and the top-level fallback `text`.

    plain_text objects (header, buttons) are shown exactly as given and never ping anyone.
    """
    if isinstance(value, dict):
        if value.get("type") == "plain_text":
            return []
        own = [value["text"]] if isinstance(value.get("text"), str) else []
        return own + [t for key, v in value.items() if key != "text" or not isinstance(v, str)
                      for t in formatted_texts(v)]
    if isinstance(value, list):
        return [t for item in value for t in formatted_texts(item)]
    return []


def deal(bot, number: int):
    with bot.store.workspace("slack", TEAM) as ws:
        return ws.deals.by_number(number)


async def test_deal_add_is_confirmed_with_a_card_naming_the_deal(bot, fake_slack):
    ack = await bot.slack.command('deal add "Acme renewal" 12k stage=proposal')
    assert ack["response_type"] == "ephemeral"
    assert ack["blocks"][0] == {"type": "header", "text": {"type": "plain_text", "text": "#1 Acme renewal",
                                                           "emoji": True}}
    assert "Deal #1 added" in ack["text"]
    buttons = [e for b in ack["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert {"Mark won", "Mark lost", "Log activity"} <= {b["text"]["text"] for b in buttons}
    stored = deal(bot, 1)
    assert (stored.name, stored.amount_minor, stored.stage) == ("Acme renewal", 1_200_000, "proposal")


async def test_the_sender_becomes_a_person_named_by_users_info_once(bot, fake_slack):
    await bot.slack.command('deal add "One" 1k')
    await bot.slack.command('deal add "Two" 2k')
    ack = await bot.slack.command("whoami")
    assert "Ana Silva" in block_text(ack) and "Europe/Lisbon" in block_text(ack)
    assert len([c for c in fake_slack.called("users.info") if c.args.get("user") == USER]) == 1


async def test_typed_mentions_never_ping_anyone(bot):
    # Typed literally, these arrive escaped (Slack escapes &, < and > in command text).
    ack = await bot.slack.command('deal add "&lt;!channel&gt; &amp; &lt;@U999&gt; &lt;!here&gt;" 5k')
    texts = formatted_texts(ack)
    assert len(texts) >= 3 and not any("<" in text for text in texts)
    assert "&lt;!channel&gt; &amp; &lt;@U999&gt; &lt;!here&gt;" in ack["text"]
    assert deal(bot, 1).name == "<!channel> & <@U999> <!here>"


async def test_real_mentions_in_a_deal_name_are_kept_as_plain_names(bot):
    ack = await bot.slack.command('deal add "Party <!channel> <@U01NK1K9L68|ana>" 5k')
    assert not any("<" in text for text in formatted_texts(ack))
    assert deal(bot, 1).name == "Party @channel @u01nk1k9l68"


async def test_slack_escaped_input_is_stored_as_typed(bot):
    await bot.slack.command('deal add "Smith &amp; Sons &lt;EU&gt;" 3k')
    assert deal(bot, 1).name == "Smith & Sons <EU>"


async def test_mentioned_users_become_people_the_command_can_name(bot, fake_slack):
    fake_slack.add_user("U0BOB", "Bob Jones")
    await bot.slack.command('team create "East"')
    ack = await bot.slack.command('team add "East" <@U0BOB|bob>')
    assert "added Bob Jones" in ack["text"]


async def test_bad_input_gets_a_short_answer_not_an_error_page(bot):
    ack = await bot.slack.command("deal add \"Unclosed 5k")
    assert ack["text"].startswith("⚠️") and "closing quote" in ack["text"]
    assert deal(bot, 1) is None


async def test_empty_command_shows_help(bot):
    ack = await bot.slack.command("")
    assert "deal add" in block_text(ack)


async def test_deal_add_without_arguments_opens_the_modal(bot, fake_slack):
    ack = await bot.slack.command("deal add")
    assert ack == {}
    await bot.settle()
    (call,) = fake_slack.called("views.open")
    view = json.loads(call.args["view"]) if isinstance(call.args["view"], str) else call.args["view"]
    assert call.args["trigger_id"].startswith("13345224609")
    assert view["callback_id"] == "salesbot:form:deal_add"
    kinds = {b["block_id"]: b["element"]["type"] for b in view["blocks"] if b["type"] == "input"}
    assert kinds == {"field:name": "plain_text_input", "field:amount": "plain_text_input",
                     "field:stage": "static_select", "field:close": "datepicker",
                     "field:account": "plain_text_input", "field:partner": "plain_text_input"}
    assert json.loads(view["private_metadata"])["c"] == CHANNEL


async def test_won_deal_is_announced_in_the_team_channel(bot, fake_slack):
    await bot.slack.command('team create "East"')
    await bot.slack.command('team add "East" <@U01NK1K9L68|ana>')
    await bot.slack.command('team channel "East" here', channel="C0TEAM")
    await bot.slack.command('deal add "Big one" 50k')
    ack = await bot.slack.command("deal won #1")
    assert ack["response_type"] == "ephemeral" and "won" in ack["text"]
    await bot.settle()
    posts = fake_slack.called("chat.postMessage")
    assert [p.args["channel"] for p in posts] == ["C0TEAM"]
    assert "won Big one" in posts[0].args["text"] and posts[0].token == "xoxb-test"


async def test_big_deal_threshold_announces_new_deals(bot, fake_slack):
    await bot.slack.command('team create "East"')
    await bot.slack.command('team add "East" <@U01NK1K9L68|ana>')
    await bot.slack.command('team channel "East" here', channel="C0TEAM")
    await bot.slack.command("settings bigdeal 100k")
    await bot.slack.command('deal add "Small" 5k')
    await bot.slack.command('deal add "Huge" 250k')
    await bot.settle()
    posts = fake_slack.called("chat.postMessage")
    assert len(posts) == 1 and "Big deal" in posts[0].args["text"] and "Huge" in posts[0].args["text"]
