"""The Messenger port: how scheduled digests, reminders and prompts are posted, on any platform."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Protocol

from handlers.reply import Reply


@dataclass(frozen=True)
class Destination:
    """Where to post: a channel, or a person's direct messages, in one platform workspace."""

    platform: str
    workspace_id: str
    channel_id: str | None = None
    user_id: str | None = None

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


async def send_all(messenger: Messenger, destinations: Iterable[Destination], reply: Reply) -> list[PostResult]:
    """The same reply to each destination in turn; one recipient's failure never stops the others."""
    return [await messenger.send(destination, reply) for destination in destinations]
