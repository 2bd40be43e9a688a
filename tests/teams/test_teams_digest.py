"""A scheduled digest through Teams: delivered to the personal chat once the person has one, never before."""
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from bot.scheduler.engine import Ticker
from tests.teams.activities import bot_added, channel_message
from tests.teams.support import words

LONDON = ZoneInfo("Europe/London")  # the zone the captured Teams client sends


def working_mornings(after: datetime) -> list[datetime]:
    """08:01 London time on the next working days after `after` (quiet hours hold DMs at weekends)."""
    days = [after.astimezone(LONDON).date() + timedelta(days=n) for n in range(1, 8)]
    return [datetime.combine(day, time(8, 1), LONDON).astimezone(timezone.utc) for day in days if day.weekday() < 5]


async def test_digest_reaches_the_personal_chat_only_after_the_bot_was_installed_there(teams):
    url = teams.connector.url
    await teams.post(channel_message('deal add "Acme renewal" 12k stage=proposal', url))
    await teams.post(channel_message("digest subscribe daily 08:00 dm", url))
    assert "digest" in words(teams.connector.last_card()).lower()
    ticker = Ticker(teams.store, {"teams": teams.runtime.messenger}, "clock-test")
    first, second = working_mornings(datetime.now(timezone.utc))[:2]

    before = await ticker.tick(first)
    assert before.sent == [] and len(before.failed) == 1  # no personal chat with the bot yet: nowhere to post
    posts_before = len(teams.connector.posts())

    installed = bot_added(url, "personal")
    await teams.post(installed)
    after = await ticker.tick(second)
    assert len(after.sent) == 1
    digest = teams.connector.cards(installed["conversation"]["id"])[-1]
    assert "Open pipeline $12,000" in words(digest)
    assert len(teams.connector.posts()) == posts_before + 2  # the greeting, then the digest
