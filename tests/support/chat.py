"""The `chat` driver: real handlers on a real database, as a person typing commands."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from handlers.context import Origin, Request, Sender
from handlers.processor import CommandProcessor
from handlers.reply import Reply
from storage.store import Store


@dataclass
class Chat:
    """Says things as one person in one workspace; `as_` switches person, `in_` workspace."""

    processor: CommandProcessor
    store: Store
    user: str = "ana"
    workspace: str = "acme-sales"
    platform: str = "console"
    channel: str = "C-general"
    timezone: str | None = None
    people: tuple[Sender, ...] = field(default=())

    def sender(self) -> Sender:
        return Sender(user_id=self.user, display_name=self.user.capitalize(), timezone=self.timezone)

    def request(self, text: str, at: datetime | None = None) -> Request:
        origin = Origin(self.platform, self.workspace, self.workspace.title(), self.channel)
        return Request(text=text, sender=self.sender(), origin=origin, people=self.people, received_at=at)

    async def say(self, text: str, at: datetime | None = None) -> Reply:
        return await self.processor.handle_async(self.request(text, at))

    def say_sync(self, text: str, at: datetime | None = None) -> Reply:
        return self.processor.handle(self.request(text, at))

    def as_(self, user: str, timezone: str | None = None) -> "Chat":
        return Chat(self.processor, self.store, user, self.workspace, self.platform, self.channel, timezone)

    def in_(self, workspace: str) -> "Chat":
        return Chat(self.processor, self.store, self.user, workspace, self.platform, self.channel, self.timezone)


def reply_text(reply: Reply) -> str:
    """Everything a person would read in a reply, as one string (for `in` assertions)."""
    parts = [reply.title or "", reply.text, reply.footer or ""]
    parts += [f"{f.label}: {f.value}" for f in reply.facts]
    if reply.table:
        parts += [" | ".join(reply.table.headers)] + [" | ".join(row) for row in reply.table.rows]
    parts += [a.label for a in reply.actions]
    return "\n".join(parts)
