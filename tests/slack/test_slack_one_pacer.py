"""One Slack Messenger per process: a reply and a scheduled post to the same channel wait for each other."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from bot.scheduler.runner import scheduler_for
from tests.slack.signed import CHANNEL
from tests.slack.test_slack_charts_once import next_0800_lisbon
from tests.slack.test_slack_events import mention


async def test_a_reply_and_a_scheduled_post_to_one_channel_are_a_second_apart(bot, fake_slack):
    due = next_0800_lisbon(datetime.now(timezone.utc))
    await bot.slack.command("digest subscribe daily 08:00 here")
    service = scheduler_for(bot.app, use_apscheduler=False, clock=lambda: due)
    try:
        assert await service.step()
        # Both set off in the same instant: the mention's answer and the digest due in the same channel.
        await asyncio.gather(bot.slack.event(mention("pipeline")), service.tick_now())
        await bot.settle()
    finally:
        await service.stop()
    (answer,) = fake_slack.called("chat.postEphemeral")
    (digest,) = [call for call in fake_slack.called("chat.postMessage") if call.args["channel"] == CHANNEL]
    assert answer.args["channel"] == CHANNEL and "Open pipeline" in digest.args["text"]
    # Slack allows about one message a second per channel; one pacer keeps both posts to that pace.
    assert abs(digest.at - answer.at) >= 0.95
