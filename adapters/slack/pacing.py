"""Being a good Slack citizen: one message a second per channel, a workspace-wide pace, Retry-After on 429,
backoff on 5xx."""
from __future__ import annotations

import asyncio
import time
from contextvars import ContextVar
from typing import Optional

from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import AsyncConnectionErrorRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from adapters.pacing import Clock, Pacer, Sleep, Turns
from adapters.slack.config import DEFAULT_WORKSPACE_PACE

SERVER_ERRORS = (500, 502, 503, 504)
MAX_RETRY_AFTER = 120.0
WORKSPACE_BURST = 10
# The pacing turns of the call in flight: the Messenger sets them around each paced Web API call. Slack did not
# count a refused attempt, so its turns go to the calls behind it, and the retry waits for fresh ones instead of
# overshooting the limits the first attempt was paced under.
RETRY_TURN: ContextVar[Turns | None] = ContextVar("slack_retry_turn", default=None)


class ChannelPacer(Pacer):
    """Spaces posts to the same channel `interval` seconds apart (Slack allows about one a second)."""

    def __init__(self, interval: float = 1.0, clock: Clock = time.monotonic, sleep: Sleep = asyncio.sleep) -> None:
        super().__init__(interval, 1, clock, sleep)


def workspace_pacer(per_minute: int = DEFAULT_WORKSPACE_PACE, clock: Clock = time.monotonic,
                    sleep: Sleep = asyncio.sleep) -> Pacer:
    """Slack also limits posts across a whole workspace ("several hundred a minute"): keep under `per_minute`,
    allowing a short burst."""
    return Pacer(60.0 / per_minute, WORKSPACE_BURST, clock, sleep)


def _retry_after(response: HttpResponse) -> float:
    for name, values in response.headers.items():
        if name.lower() == "retry-after" and values:
            try:
                return min(float(values[0]), MAX_RETRY_AFTER)
            except ValueError:
                break
    return 1.0


class RateLimitRetry(AsyncRetryHandler):
    """HTTP 429: wait exactly as long as Slack's Retry-After says, then try again."""

    def __init__(self, sleep: Sleep = asyncio.sleep, max_retry_count: int = 5) -> None:
        super().__init__(max_retry_count)
        self.sleep = sleep

    async def _can_retry_async(self, *, state: RetryState, request: HttpRequest,
                               response: Optional[HttpResponse] = None, error: Optional[Exception] = None) -> bool:
        return response is not None and response.status_code == 429

    async def prepare_for_next_attempt_async(self, *, state: RetryState, request: HttpRequest,
                                             response: Optional[HttpResponse] = None,
                                             error: Optional[Exception] = None) -> None:
        state.next_attempt_requested = True
        _give_back()
        await self.sleep(_retry_after(response) if response is not None else 1.0)
        await _turn()
        state.increment_current_attempt()


class ServerErrorRetry(AsyncRetryHandler):
    """HTTP 5xx: try again after 0.5 s, 1 s, 2 s."""

    def __init__(self, sleep: Sleep = asyncio.sleep, max_retry_count: int = 3, first_delay: float = 0.5) -> None:
        super().__init__(max_retry_count)
        self.sleep, self.first_delay = sleep, first_delay

    async def _can_retry_async(self, *, state: RetryState, request: HttpRequest,
                               response: Optional[HttpResponse] = None, error: Optional[Exception] = None) -> bool:
        return response is not None and response.status_code in SERVER_ERRORS

    async def prepare_for_next_attempt_async(self, *, state: RetryState, request: HttpRequest,
                                             response: Optional[HttpResponse] = None,
                                             error: Optional[Exception] = None) -> None:
        state.next_attempt_requested = True
        _give_back()
        await self.sleep(self.first_delay * (2 ** state.current_attempt))
        await _turn()
        state.increment_current_attempt()


def _give_back() -> None:
    turns = RETRY_TURN.get()
    if turns is not None:
        turns.give_back()


async def _turn() -> None:
    turns = RETRY_TURN.get()
    if turns is not None:
        await turns.wait()


def retry_handlers(sleep: Sleep = asyncio.sleep) -> list[AsyncRetryHandler]:
    """The retry policy every Slack Web API client of the bot uses."""
    return [AsyncConnectionErrorRetryHandler(max_retry_count=2), RateLimitRetry(sleep), ServerErrorRetry(sleep)]
