"""A reply's chart reaches Slack exactly once: in DMs, mention answers, App Home answers and scheduled digests."""
from __future__ import annotations

import copy
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.scheduler.runner import scheduler_for
from tests.slack.signed import CHANNEL, USER, captured
from tests.slack.test_slack_events import im, mention

DM = f"D{USER}"  # the fake Slack opens this DM for the user (conversations.open)


async def some_deals(bot) -> None:
    for line in ('deal add "One" 5k', 'deal add "Two" 7k stage=qualified', 'deal add "Three" 9k stage=proposal',
                 "deal won #3"):
        await bot.slack.command(line)


def uploads_into(fake_slack) -> list[str]:
    """The channel of every finished file upload, one entry per file shown in Slack."""
    assert len(fake_slack.called("upload")) == len(fake_slack.called("files.completeUploadExternal"))
    return [call.args.get("channel_id") or call.args.get("channel")
            for call in fake_slack.called("files.completeUploadExternal")]


async def test_a_chart_asked_for_in_a_dm_is_uploaded_once_into_the_dm(bot, fake_slack):
    await some_deals(bot)
    dm = im("funnel chart")
    dm["event"]["channel"] = DM
    await bot.slack.event(dm)
    await bot.settle()
    (post,) = fake_slack.called("chat.postMessage")
    assert post.args["channel"] == DM and "Funnel" in post.args["text"]
    assert uploads_into(fake_slack) == [DM]


async def test_a_chart_asked_for_in_a_mention_is_uploaded_once_for_the_asker(bot, fake_slack):
    await some_deals(bot)
    await bot.slack.event(mention("funnel chart"))
    await bot.settle()
    (note,) = fake_slack.called("chat.postEphemeral")
    assert note.args["channel"] == CHANNEL and note.args["user"] == USER
    assert uploads_into(fake_slack) == [DM]  # the answer is private, so is its chart


async def test_a_chart_from_an_app_home_button_is_uploaded_once_into_the_dm(bot, fake_slack):
    await some_deals(bot)
    press = copy.deepcopy(captured("slack_payload_block_action_button.urlencoded"))
    press.pop("response_url", None), press.pop("channel", None)
    press["container"] = {"type": "view", "view_id": "VHOME"}
    press["actions"] = [{"action_id": "salesbot:cmd:0", "block_id": "b1", "type": "button", "value": "funnel chart",
                         "text": {"type": "plain_text", "text": "Funnel"}, "action_ts": "1613575488.406573"}]
    await bot.slack.interaction(press)
    await bot.settle()
    (post,) = fake_slack.called("chat.postMessage")
    assert post.args["channel"] == DM
    assert uploads_into(fake_slack) == [DM]


def next_0800_lisbon(after: datetime) -> datetime:
    """08:00 tomorrow in Lisbon (the fake Slack user's zone): the daily digest then reports today, the day
    the test's deal was won, whatever the hour the test runs at."""
    zone = ZoneInfo("Europe/Lisbon")
    day = after.astimezone(zone) + timedelta(days=1)
    return day.replace(hour=8, minute=0, second=0, microsecond=0).astimezone(timezone.utc)


async def test_a_scheduled_digest_with_charts_on_uploads_its_chart_once(bot, fake_slack):
    due = next_0800_lisbon(datetime.now(timezone.utc))
    await bot.slack.command('deal add "Acme" 6k')
    await bot.slack.command("deal won #1")
    await bot.slack.command(f"target set <@{USER}|ana> won_value 10k period={due:%Y-%m}")
    assert "now come with a chart" in (await bot.slack.command("digest charts on"))["text"]
    await bot.slack.command("digest subscribe daily 08:00 here")
    await bot.settle()
    assert fake_slack.called("upload") == []
    service = scheduler_for(bot.app, use_apscheduler=False, clock=lambda: due)
    try:
        assert await service.step()
        report = await service.tick_now()
    finally:
        await service.stop()
    assert len(report.sent) == 1
    (digest,) = [c for c in fake_slack.called("chat.postMessage") if c.args["channel"] == CHANNEL]
    assert "digest" in digest.args["text"].lower()
    assert uploads_into(fake_slack) == [CHANNEL]
