"""A recording Messenger (the edge: it stands in for Slack/Teams) and a fake-clock driver for ticks."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from bot.scheduler.engine import Ticker
from handlers.messaging import Destination, PostResult
from handlers.reply import Reply
from tests.support.chat import reply_text


class Crash(BaseException):
    """Stands for the process dying mid-delivery (not an Exception: nothing may catch and recover it)."""


@dataclass
class RecordingMessenger:
    """Records every post; can be told to crash or fail on the next sends."""

    platform: str = "console"
    posts: list[tuple[Destination, Reply]] = field(default_factory=list)
    crash_next: int = 0
    fail_next: int = 0

    async def send(self, destination: Destination, reply: Reply) -> PostResult:
        if self.crash_next:
            self.crash_next -= 1
            raise Crash()
        if self.fail_next:
            self.fail_next -= 1
            return PostResult(ok=False, error="rate limited")
        self.posts.append((destination, reply))
        return PostResult(ok=True, message_id=str(len(self.posts)))

    def to(self, who: str) -> list[str]:
        """Texts posted to a user id or a channel id."""
        return [reply_text(r) for d, r in self.posts if who in (d.user_id, d.channel_id)]

    def texts(self) -> list[str]:
        return [reply_text(r) for _, r in self.posts]


def utc(text: str) -> datetime:
    """`2026-03-09 08:00` as an aware UTC instant."""
    return datetime.fromisoformat(text).replace(tzinfo=timezone.utc)


async def run_until(ticker: Ticker, start: datetime, end: datetime, step: timedelta = timedelta(minutes=1)) -> None:
    """Tick every `step` from `start` to `end` inclusive, as a fake clock would."""
    now = start
    while now <= end:
        await ticker.tick(now)
        now += step


def make_ticker(store, messenger: RecordingMessenger, holder: str = "clock-a",
                grace: timedelta = timedelta(hours=2)) -> Ticker:
    return Ticker(store, {messenger.platform: messenger}, holder, grace)
