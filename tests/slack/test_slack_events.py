"""Events API: mentions and DMs run commands, bots are ignored, App Home shows the dashboard, retries act once."""
from __future__ import annotations

import copy
import json
import re

from tests.slack.signed import CHANNEL, TEAM, USER, captured


def envelope(event: dict, event_id: str = "Ev0000000001") -> dict:
    """The captured real event_callback envelope, carrying `event`."""
    body = copy.deepcopy(captured("slack_payload_message.json"))
    body.update(event_id=event_id, team_id=TEAM)
    body["event"] = {"team": TEAM, "ts": "1613563664.001200", "event_ts": "1613563664.001200"} | event
    return body


def mention(text: str, **extra) -> dict:
    return envelope({"type": "app_mention", "user": USER, "channel": CHANNEL, "text": f"<@UBOT> {text}"} | extra)


def im(text: str, event_id: str = "Ev0000000002") -> dict:
    return envelope({"type": "message", "channel_type": "im", "user": USER, "channel": "D0ANA", "text": text},
                    event_id)


def activities(bot) -> int:
    with bot.store.workspace("slack", TEAM) as ws:
        deal = ws.deals.by_number(1)
        return len(ws.activities.for_deal(deal, limit=100)) if deal else 0


def blocks_of(call) -> str:
    blocks = call.args.get("blocks")
    return blocks if isinstance(blocks, str) else json.dumps(blocks)


async def test_mention_runs_the_command_and_answers_the_user_privately(bot, fake_slack):
    response = await bot.slack.event(mention('deal add "From a mention" 7k'))
    assert response.status == 200
    await bot.settle()
    (note,) = fake_slack.called("chat.postEphemeral")
    assert note.args["channel"] == CHANNEL and note.args["user"] == USER
    assert "Deal #1 added" in note.args["text"] and "#1 From a mention" in blocks_of(note)


async def test_direct_message_runs_the_command_in_the_dm(bot, fake_slack):
    await bot.slack.event(im("pipeline"))
    await bot.settle()
    (post,) = fake_slack.called("chat.postMessage")
    assert post.args["channel"] == "D0ANA" and "No open deals" in post.args["text"]


async def test_bot_messages_are_ignored(bot, fake_slack):
    bot_message = captured("slack_payload_message_bot_message.json")
    bot_message["event"] |= {"channel_type": "im", "text": "deal add \"Echo\" 1k"}
    bot_message |= {"team_id": TEAM, "event_id": "Ev0BOT"}
    response = await bot.slack.event(bot_message)
    assert response.status == 200
    await bot.settle()
    assert fake_slack.called("chat.postMessage") == [] and fake_slack.called("chat.postEphemeral") == []


async def test_channel_messages_without_a_mention_are_ignored(bot, fake_slack):
    await bot.slack.event(captured("slack_payload_message.json") | {"team_id": TEAM})
    await bot.settle()
    assert fake_slack.called("chat.postMessage") == [] and fake_slack.called("chat.postEphemeral") == []


async def test_a_retried_event_has_exactly_one_effect(bot, fake_slack):
    await bot.slack.command('deal add "Acme" 5k')
    event = im('log call #1 "pricing agreed"', event_id="Ev0RETRY")
    statuses = []
    for attempt in range(3):
        headers = {"X-Slack-Retry-Num": str(attempt), "X-Slack-Retry-Reason": "http_timeout"} if attempt else {}
        statuses.append((await bot.slack.event(event, headers)).status)
    await bot.settle()
    assert statuses == [200, 200, 200]
    assert activities(bot) == 1
    assert len(fake_slack.called("chat.postMessage")) == 1


async def test_a_form_command_in_a_dm_offers_a_button_that_opens_it(bot, fake_slack):
    await bot.slack.event(im("deal add"))
    await bot.settle()
    (post,) = fake_slack.called("chat.postMessage")
    assert '"value": "deal add"' in blocks_of(post) and "New deal" in blocks_of(post)


async def test_app_home_shows_my_dashboard(bot, fake_slack):
    await bot.slack.command('deal add "Acme" 12k stage=proposal')
    await bot.slack.command('log call #1 "kickoff"')
    home = envelope({"type": "app_home_opened", "user": USER, "channel": "D0ANA", "tab": "home"}, "Ev0HOME")
    await bot.slack.event(home)
    await bot.settle()
    (publish,) = fake_slack.called("views.publish")
    view = publish.args["view"] if isinstance(publish.args["view"], dict) else json.loads(publish.args["view"])
    text = json.dumps(view)
    assert publish.args["user_id"] == USER and view["type"] == "home"
    assert "Ana Silva's dashboard" in text and "proposal" in text and "1 call" in text
    assert "Your team" not in text


async def test_app_home_adds_the_team_summary_for_a_manager(bot, fake_slack):
    fake_slack.add_user("U0BOB", "Bob Jones")
    await bot.slack.command('team create "East"')
    await bot.slack.command('team add "East" <@U0BOB|bob>')
    await bot.slack.command('team manager "East" <@U01NK1K9L68|ana>')
    await bot.slack.command('deal add "Bob deal" 8k', user="U0BOB")
    await bot.slack.event(envelope({"type": "app_home_opened", "user": USER, "tab": "home"}, "Ev0HOME2"))
    await bot.settle()
    text = json.dumps(fake_slack.called("views.publish")[0].args["view"])
    assert "Your team" in text and "Bob Jones" in text and "$8,000" in text


async def test_team_join_makes_the_newcomer_known(bot, fake_slack):
    await bot.slack.command("whoami")
    joined = captured("slack_payload_team_join.json") | {"team_id": TEAM}
    await bot.slack.event(joined)
    await bot.settle()
    ack = await bot.slack.command('team create "West"')
    ack = await bot.slack.command('team add "West" @another.user')
    assert "added Another User" in ack["text"]
    assert not [c for c in fake_slack.called("users.info") if c.args.get("user") == "U01P7131BA4"]


async def test_app_home_shows_target_and_attainment_as_kpi_measures_them(bot, fake_slack):
    await bot.slack.command('deal add "Acme" 12k')
    await bot.slack.command("deal won #1")
    set_ack = await bot.slack.command(f"target set <@{USER}|ana> won 50k month")
    period = re.search(r"for (\d{4}-\d{2})", set_ack["text"])[1]
    await bot.slack.event(envelope({"type": "app_home_opened", "user": USER, "tab": "home"}, "Ev0HOME3"))
    await bot.settle()
    text = json.dumps(fake_slack.called("views.publish")[0].args["view"])
    assert f"Won value target ({period})" in text and "$12,000 of $50,000 (24%)" in text
