"""Team rhythm through the real Slack adapter: a kudos card in the team channel, an approval decided by button."""
from __future__ import annotations

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
