"""Team rhythm through the real Slack adapter: a kudos card in the team channel, an approval decided by button,
a 1:1's scorecard sent by DM to its two people only."""
from __future__ import annotations

import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.scheduler.engine import Ticker
from tests.slack.signed import TEAM, USER
from tests.slack.test_slack_interactivity import button_press

OTHER = "U0OTHER01"


async def test_kudos_from_slack_posts_the_card_in_the_receivers_team_channel(bot, fake_slack):
    fake_slack.add_user(OTHER, "Bea Costa")
    await bot.slack.command("whoami")  # Ana first: the workspace's admin
    await bot.slack.command("whoami", user=OTHER)
    await bot.slack.command('team create "East"')
    await bot.slack.command(f'team add "East" <@{OTHER}|bea>')
    await bot.slack.command('team channel "East" here', channel="C0TEAM")
    ack = await bot.slack.command(f'kudos <@{OTHER}|bea> "rescued the Acme renewal"')
    assert "Kudos to Bea Costa recorded and posted in 1 team channel" in ack["text"]
    await bot.settle()
    [post] = fake_slack.called("chat.postMessage")
    assert post.args["channel"] == "C0TEAM" and "rescued the Acme renewal" in post.args["text"]


async def test_an_approval_button_decides_once_and_a_second_click_says_who_decided(bot, fake_slack):
    fake_slack.add_user(OTHER, "Bea Costa")
    await bot.slack.command("whoami")  # Ana first: the workspace's admin
    await bot.slack.command("whoami", user=OTHER)
    await bot.slack.command('deal add "Acme" 50k')
    asked = await bot.slack.command(f"approval ask #1 discount=10% approver=<@{OTHER}|bea>")
    assert "Bea Costa will decide" in asked["text"]
    first = button_press(bot, "approval approve 1", "1613575488.100000")
    first["user"]["id"] = OTHER
    second = button_press(bot, "approval approve 1", "1613575499.200000")
    second["user"]["id"] = OTHER
    assert (await bot.slack.interaction(first)).status == 200
    await bot.settle()
    assert (await bot.slack.interaction(second)).status == 200
    await bot.settle()
    answers = [call.args["text"] for call in fake_slack.called("response_url")]
    assert any("Approval 1 approved" in text for text in answers)
    assert any("already approved by Bea Costa" in text for text in answers)
    with bot.store.workspace("slack", TEAM) as ws:
        request = ws.rhythm.approvals.get(1)
        assert request.status == "approved" and ws.people.get(request.decided_by).platform_user_id == OTHER
        assert ws.people.get(request.requester_id).platform_user_id == USER


async def test_every_rhythm_command_answers_through_slack(bot, fake_slack):
    fake_slack.add_user(OTHER, "Bea Costa")
    await bot.slack.command("whoami")
    await bot.slack.command("whoami", user=OTHER)
    script = [
        ('deal add "Acme" 50k account="Acme Corp"', "#1"),
        ('training add "Negotiation basics" due=+7d', "Training 1"),
        ("training list", "1 open, 0 done"),
        ("training done 1", "Well done"),
        ('intel "Globex cut prices" competitor=Globex account="Acme Corp"', "Intel noted about Globex and Acme Corp"),
        ("intel list all", "Globex"),
        ('csat "Acme Corp" 5 "happy"', "CSAT 5/5 for Acme Corp recorded"),
        ('csat "Acme Corp"', "average 5.0 from 1 score"),
        (f'kudos <@{OTHER}|bea> "thanks"', "Kudos to Bea Costa recorded"),
        ("kudos list all", "thanks"),
        ("leaderboard kudos all", "Bea Costa"),
        (f"approval ask #1 discount=5% approver=<@{OTHER}|bea>", "Approval 1 asked"),
        ("approval list mine", "pending"),
        ('team create "East"', "East"),
        (f'team add "East" <@{USER}|ana> <@{OTHER}|bea>', "East"),
        (f"scorecard <@{USER}|ana>", "Ana Silva against the team median (East, 2 people)"),
    ]
    for command, expected in script:
        ack = await bot.slack.command(command)
        shown = json_text(ack)
        assert expected in shown and "Usage:" not in shown, (command, shown)


def json_text(ack: dict) -> str:
    """Everything the acknowledgement shows: its text and every block's text."""
    import json

    return ack.get("text", "") + json.dumps(ack.get("blocks", []), ensure_ascii=False)


async def test_a_1_1_reminder_reaches_only_the_manager_and_the_person_as_slack_dms(bot, fake_slack):
    """Through the real Slack adapter and messenger: Mo (East's manager) sets up a 1:1 with Bea; the clock is
    moved to its reminder; Bea's scorecard goes to exactly two DMs, and nowhere else (not the team channel)."""
    manager, rep, other_rep = "U0MANAGR1", OTHER, "U0DANIEL1"
    for user, name in ((manager, "Mo Silva"), (rep, "Bea Costa"), (other_rep, "Dan Reis")):
        fake_slack.add_user(user, name)
    await bot.slack.command("whoami")  # Ana first: the workspace's admin
    for user in (manager, rep, other_rep):
        await bot.slack.command("whoami", user=user)
    for line in ('team create "East"', f'team add "East" <@{manager}|mo> <@{rep}|bea> <@{other_rep}|dan>',
                 f'team manager "East" <@{manager}|mo>', f"role <@{manager}|mo> manager"):
        await bot.slack.command(line)
    await bot.slack.command('team channel "East" here', channel="C0TEAM")
    await bot.slack.command('deal add "Acme" 30k', user=rep)
    await bot.slack.command("deal won #1", user=rep)
    refused = await bot.slack.command(f'meeting add "1:1 with <@{rep}|bea>" daily 10:00', user=other_rep)
    assert "only a manager of Bea Costa or an admin" in json.dumps(refused)
    added = await bot.slack.command(f'meeting add "1:1 with <@{rep}|bea>" daily 10:00 remind=15m', user=manager)
    assert "as a direct message to you and Bea Costa only" in json.dumps(added), added
    await bot.settle()
    fake_slack.calls.clear()
    lisbon = ZoneInfo("Europe/Lisbon")  # the fake users' zone
    tomorrow = datetime.now(lisbon).date() + timedelta(days=1)
    due = datetime.combine(tomorrow, time(9, 45), lisbon).astimezone(ZoneInfo("UTC"))
    ticker = Ticker(bot.store, bot.app.messengers, "clock-a")
    await ticker.tick(due)
    await ticker.tick(due + timedelta(minutes=1))
    await bot.settle()
    posts = [c.args for c in fake_slack.called("chat.postMessage")]
    carrying = [p for p in posts if "Bea Costa" in json.dumps(p) and "scorecard" in json.dumps(p)]
    assert sorted(p["channel"] for p in carrying) == sorted(["D" + manager, "D" + rep])
    assert all(p["channel"] in ("D" + manager, "D" + rep) for p in posts)  # nothing to the channel or to Dan
    assert all("$30,000" in json.dumps(p) for p in carrying)  # Bea won 30k; Mo and Dan nothing: median $0
    assert all("1:1 with @bea" in json.dumps(p) for p in carrying)  # her handle, not her Slack id


async def test_key_accounts_through_slack(bot, fake_slack):
    fake_slack.add_user(OTHER, "Bea Costa")
    await bot.slack.command("whoami")  # Ana: the admin
    await bot.slack.command("whoami", user=OTHER)
    await bot.slack.command('deal add "Acme" 50k account="Acme Corp"', user=OTHER)
    refused = await bot.slack.command(f'account key "Acme Corp" every=14d owner=<@{USER}|ana>', user=OTHER)
    assert "only Ana Silva, their manager or an admin" in json_text(refused)
    marked = await bot.slack.command('account key "Acme Corp" every=14d', user=OTHER)
    assert "Acme Corp is a key account: Bea Costa touches it every 14 days." in json_text(marked)
    bad = await bot.slack.command('account key "Acme Corp" every=fortnightly', user=OTHER)
    assert "fortnightly" in json_text(bad) and "Usage:" in json_text(bad)
    listed = await bot.slack.command("account list key all")
    assert "Key accounts for" in json_text(listed) and "Acme Corp" in json_text(listed)
    shown = await bot.slack.command('account show "Acme Corp"')
    assert "every 14 days, looked after by Bea Costa" in json_text(shown) and "CSAT trend" in json_text(shown)


async def test_a_big_win_from_the_card_button_is_celebrated_in_the_team_channel(bot, fake_slack):
    await bot.slack.command("whoami")
    await bot.slack.command("settings bigdeal 40k")
    await bot.slack.command('team create "East"')
    await bot.slack.command(f'team add "East" <@{USER}|ana>')
    await bot.slack.command('team channel "East" here', channel="C0TEAM")
    await bot.slack.command('deal add "Acme" 50k')
    await bot.settle()
    before = len(fake_slack.called("chat.postMessage"))
    assert (await bot.slack.interaction(button_press(bot, "deal won #1"))).status == 200
    await bot.settle()
    posts = fake_slack.called("chat.postMessage")[before:]
    assert [(p.args["channel"], p.args["text"]) for p in posts] == [
        ("C0TEAM", "#1 Acme: 🎉 Big win! Ana Silva won Acme ($50,000) — congratulations, team!")]
