"""Pacing proactive posts to a platform's documented rate: so many a second per key, with a small burst."""
from __future__ import annotations

import asyncio
import time
from typing import Awaitable, Callable

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]


class Pacer:
    """Spaces calls with the same key `interval` seconds apart, letting `burst` of them go at once.

    Each caller reserves its slot before sleeping (a virtual-scheduling token bucket), so callers queue in
    arrival order without a lock and one slow key never holds up another.
    """

    def __init__(self, interval: float = 1.0, burst: int = 1, clock: Clock = time.monotonic,
                 sleep: Sleep = asyncio.sleep) -> None:
        self.interval, self.burst, self.clock, self.sleep = interval, max(1, burst), clock, sleep
        self._due: dict[str, float] = {}  # key -> when the slot after the last reserved one opens

    async def wait_turn(self, key: str) -> None:
        """Return when a call for `key` may go out."""
        delay = self.reserve(key)
        if delay > 0:
            await self.sleep(delay)

    def reserve(self, key: str) -> float:
        """Take the next slot for `key`; seconds until it opens."""
        now = self.clock()
        due = max(self._due.get(key, now), now)
        self._due[key] = due + self.interval
        if len(self._due) > 10_000:
            self._forget(now)
        return max(0.0, due - (self.burst - 1) * self.interval - now)

    def _forget(self, now: float) -> None:
        # Keys whose slots are all in the past carry no state worth keeping: the map stays bounded.
        self._due = {key: due for key, due in self._due.items() if due > now}
