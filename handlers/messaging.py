"""The Messenger port: how scheduled digests, reminders and prompts are posted, on any platform."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Protocol, runtime_checkable

from handlers.reply import Reply


@dataclass(frozen=True)
class Destination:
    """Where to post: a channel, or a person's direct messages, in one platform workspace.

    A scheduled post also names its delivery `key`; a platform that can tag messages carries it along, so
    a resend after a crash can find the first post.
    """

    platform: str
    workspace_id: str
    channel_id: str | None = None
    user_id: str | None = None
    key: str | None = None

    def describe(self) -> str:
        return f"{self.platform}:{self.workspace_id}:" + (self.channel_id or f"@{self.user_id}")


@dataclass(frozen=True)
class PostResult:
    """The outcome of one post; `permanent` failures (channel gone, user inactive) are not retried."""

    ok: bool
    error: str | None = None
    permanent: bool = False
    message_id: str | None = None


class Messenger(Protocol):
    """Posts replies proactively; each platform adapter provides one, built once per process."""

    platform: str

    async def send(self, destination: Destination, reply: Reply) -> PostResult: ...


@runtime_checkable
class FindsSent(Protocol):
    """A Messenger that can read back what it posted (Slack: message metadata in the channel's history)."""

    async def find_sent(self, destination: Destination, since: datetime) -> PostResult | None:
        """The post carrying `destination.key` since `since`: ok with its id; None when there is none;
        a failed result when the history could not be read."""
        ...


async def send_all(messenger: Messenger, destinations: Iterable[Destination], reply: Reply) -> list[PostResult]:
    """The same reply to each destination in turn; one recipient's failure never stops the others."""
    return [await messenger.send(destination, reply) for destination in destinations]
