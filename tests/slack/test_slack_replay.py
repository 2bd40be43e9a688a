"""Replays: the same signed slash command or interaction, arriving again inside Slack's window, acts once."""
from __future__ import annotations

import json
from urllib.parse import urlencode

from sqlalchemy import text

from tests.slack.signed import CHANNEL, TEAM, USER, captured, signed_headers
from tests.slack.test_slack_interactivity import button_press


async def replay(bot, body: str, content_type: str, times: int = 3) -> list[int]:
    """Post one signed request `times` times, byte for byte (same body, same timestamp, same signature)."""
    headers = signed_headers(body, content_type)
    statuses = []
    for _ in range(times):
        async with bot.slack.session.post(bot.url + "/slack/events", data=body.encode(), headers=headers) as r:
            statuses.append(r.status)
    return statuses


def deal_names(bot) -> list[str]:
    with bot.store.workspace("slack", TEAM) as ws:
        return sorted(d.name for d in ws.deals.listing(open_only=False))


def stored_keys(bot) -> list[str]:
    with bot.app.engine.connect() as connection:
        return [row[0] for row in connection.execute(text("SELECT key FROM processed_key"))]


async def test_a_replayed_slash_command_creates_one_deal(bot, fake_slack):
    fields = captured("slack_payload_slash_command.urlencoded") | {
        "command": "/sales", "text": 'deal add "Replayed Co" 5k', "user_id": USER, "channel_id": CHANNEL,
        "response_url": bot.slack.response_url(), "trigger_id": bot.slack.trigger_id()}
    assert await replay(bot, urlencode(fields), "application/x-www-form-urlencoded") == [200, 200, 200]
    await bot.settle()
    assert deal_names(bot) == ["Replayed Co"]
    assert not any(USER in key or "Replayed" in key for key in stored_keys(bot))


async def test_a_replayed_button_press_acts_once(bot, fake_slack):
    press = button_press(bot, 'deal add "Pressed Co" 2k')
    body = urlencode({"payload": json.dumps(press)})
    assert await replay(bot, body, "application/x-www-form-urlencoded") == [200, 200, 200]
    await bot.settle()
    assert deal_names(bot) == ["Pressed Co"]
    assert len(fake_slack.called("response_url")) == 1


async def test_two_commands_with_the_same_text_are_two_deliveries(bot, fake_slack):
    await bot.slack.command('deal add "Twice Co" 1k')
    await bot.slack.command('deal add "Twice Co" 1k')
    await bot.settle()
    assert deal_names(bot) == ["Twice Co", "Twice Co"]
