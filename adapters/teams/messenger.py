"""The Teams Messenger: proactive posts to channels and personal chats, retried when Teams asks for it."""
from __future__ import annotations

import asyncio
import logging
from typing import Awaitable, Callable

from adapters.pacing import Pacer, Turns
from adapters.teams.config import PLATFORM
from adapters.teams.conversations import find_references, load_reference
from adapters.teams.invoke import card_message
from adapters.teams.retry import PERMANENT_STATUSES, RETRY_STATUSES, Backoff
from adapters.teams.sdk import ConnectorFailure, TeamsSdk
from handlers.messaging import Destination, PostResult
from handlers.reply import Reply
from storage.grouped import Grouped
from storage.store import Store

log = logging.getLogger(__name__)
# Microsoft's documented limits for a bot: 7 messages a second per conversation, and (across conversations)
# about 30 a second per tenant; pacing under them keeps throttling (429) the exception.
PER_CONVERSATION = (1 / 7, 7)
PER_TENANT = (1 / 30, 30)


class TeamsMessenger:
    """Implements the Messenger port on stored conversation references, through whichever SDK runs Teams."""

    platform = PLATFORM

    def __init__(self, sdk: TeamsSdk, store: Store, backoff: Backoff = Backoff(),
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.sdk, self.store = sdk, store
        self.backoff, self.sleep = backoff, sleep
        self.pacers = (Pacer(*PER_CONVERSATION, retries_first=True), Pacer(*PER_TENANT, retries_first=True))
        # A fan-out's concurrent posts read their references together, one statement for many.
        self._references = Grouped(lambda destinations: find_references(store, destinations))

    async def send(self, destination: Destination, reply: Reply) -> PostResult:
        """Post `reply` to the destination; never raises, the PostResult says what happened."""
        try:
            stored = await self._references(destination)
        except Exception as error:  # a database hiccup fails this post only
            log.warning("teams: no reference lookup for %s: %s", destination.describe(), error)
            return PostResult(ok=False, error=f"could not look up {destination.describe()}")
        if stored is None:
            return PostResult(ok=False, permanent=True,
                              error=f"salesbot was never added to {destination.describe()}")
        delivery = await self.post(load_reference(stored), reply, self._turns(destination))
        if not delivery.ok:
            log.warning("teams: post to %s failed: %s", destination.describe(), delivery.error)
        return delivery

    async def close(self) -> None:
        """Release the SDK's kept connections (the scheduler and the web server call this when they stop)."""
        await self.sdk.close()

    def _turns(self, destination: Destination) -> Turns:
        conversation, tenant = self.pacers
        return Turns([(conversation, f"{destination.workspace_id}/{destination.channel_id or destination.user_id}"),
                      (tenant, destination.workspace_id)])

    async def post(self, reference: dict, reply: Reply, turns: Turns | None = None) -> PostResult:
        """Post to a conversation reference, retrying throttling and gateway errors with backoff; every attempt
        waits for its `turns` under the rate limits, and a refused one (which Teams did not count) gives them
        back to the posts behind it."""
        for attempt in range(1, self.backoff.attempts + 1):
            if turns is not None:
                await turns.wait(retry=attempt > 1)
            try:
                message_id = await self.sdk.post(reference, card_message(reply))
                if turns is not None:
                    turns.answered()
                return PostResult(ok=True, message_id=message_id)
            except ConnectorFailure as failure:
                if turns is not None:
                    turns.answered()
                refused = failure.status in RETRY_STATUSES
                if refused and turns is not None:
                    turns.give_back()
                if not refused or attempt == self.backoff.attempts:
                    return PostResult(ok=False, error=f"HTTP {failure.status}",
                                      permanent=failure.status in PERMANENT_STATUSES)
                await self.sleep(self.backoff.delay(attempt, failure.retry_after))
            except Exception as error:  # unreachable connector, bad reference: this post fails, nothing else
                return PostResult(ok=False, error=f"{type(error).__name__}: {error}")
        raise AssertionError("unreachable: the last attempt always returns")
