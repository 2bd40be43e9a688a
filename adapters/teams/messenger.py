"""The Teams Messenger: proactive posts to channels and personal chats, retried when Teams asks for it."""
from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable

from botbuilder.core import BotAdapter, MessageFactory, TurnContext
from botbuilder.schema import Activity, Attachment, ConversationReference

from adapters.pacing import Pacer
from adapters.teams.cards import CARD_CONTENT_TYPE, render_card
from adapters.teams.config import PLATFORM
from adapters.teams.conversations import find_reference, load_reference
from adapters.teams.retry import PERMANENT_STATUSES, RETRY_STATUSES, Backoff, retry_after_of, status_of
from handlers.messaging import Destination, PostResult
from handlers.reply import Reply
from storage.store import Store

log = logging.getLogger(__name__)
# Microsoft's documented limits for a bot: 7 messages a second per conversation, and (across conversations)
# about 30 a second per tenant; pacing under them keeps throttling (429) the exception.
PER_CONVERSATION = (1 / 7, 7)
PER_TENANT = (1 / 30, 30)


def card_message(reply: Reply) -> Activity:
    """A message activity carrying the reply as one Adaptive Card."""
    attachment = Attachment(content_type=CARD_CONTENT_TYPE, content=render_card(reply))
    return MessageFactory.attachment(attachment)


class TeamsMessenger:
    """Implements the Messenger port with `continue_conversation` on stored conversation references."""

    platform = PLATFORM

    def __init__(self, adapter: BotAdapter, store: Store, app_id: str = "", backoff: Backoff = Backoff(),
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.adapter, self.store, self.app_id = adapter, store, app_id
        self.backoff, self.sleep = backoff, sleep
        self.pacers = (Pacer(*PER_CONVERSATION), Pacer(*PER_TENANT))

    async def send(self, destination: Destination, reply: Reply) -> PostResult:
        """Post `reply` to the destination; never raises, the PostResult says what happened."""
        try:
            stored = await asyncio.to_thread(find_reference, self.store, destination)
        except Exception as error:  # a database hiccup fails this post only
            log.warning("teams: no reference lookup for %s: %s", destination.describe(), error)
            return PostResult(ok=False, error=f"could not look up {destination.describe()}")
        if stored is None:
            return PostResult(ok=False, permanent=True,
                            error=f"salesbot was never added to {destination.describe()}")
        delivery = await self.post(load_reference(stored), reply, lambda: self._turn(destination))
        if not delivery.ok:
            log.warning("teams: post to %s failed: %s", destination.describe(), delivery.error)
        return delivery

    async def _turn(self, destination: Destination) -> None:
        conversation, tenant = self.pacers
        await conversation.wait_turn(f"{destination.workspace_id}/{destination.channel_id or destination.user_id}")
        await tenant.wait_turn(destination.workspace_id)

    async def post(self, reference: ConversationReference, reply: Reply,
                   turn: Callable[[], Awaitable[None]] | None = None) -> PostResult:
        """Post to a conversation reference, retrying throttling and gateway errors with backoff; every attempt
        waits for its `turn` under the rate limits."""
        for attempt in range(1, self.backoff.attempts + 1):
            if turn is not None:
                await turn()
            try:
                return PostResult(ok=True, message_id=await self._post_once(reference, card_message(reply)))
            except Exception as error:  # connector errors of every kind end up as a PostResult
                status = status_of(error)
                if status not in RETRY_STATUSES or attempt == self.backoff.attempts:
                    text = f"HTTP {status}" if status else f"{type(error).__name__}: {error}"
                    return PostResult(ok=False, error=text, permanent=status in PERMANENT_STATUSES)
                await self.sleep(self.backoff.delay(attempt, retry_after_of(error)))
        raise AssertionError("unreachable: the last attempt always returns")

    async def _post_once(self, reference: ConversationReference, activity: Activity) -> str | None:
        outcome: dict[str, object] = {}

        async def deliver(turn_context: TurnContext) -> None:
            # The continuation turn carries a made-up activity id; without it the post is a new message
            # (POST .../activities) rather than a reply to a message that never existed.
            turn_context.activity.id = None
            try:
                response = await turn_context.send_activity(activity)
                outcome["id"] = response.id if response else None
            except Exception as error:  # kept from the adapter's turn-error handler, which would swallow it
                outcome["error"] = error

        await self.adapter.continue_conversation(reference, deliver, self.app_id or None)
        if "error" in outcome:
            raise outcome["error"]
        return outcome.get("id")
