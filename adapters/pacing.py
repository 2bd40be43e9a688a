"""Pacing proactive posts to a platform's documented rate: so many a second per key, with a small burst."""
from __future__ import annotations

import asyncio
import math
import time
from typing import Awaitable, Callable, Iterable

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]
# A call released on its slot reaches the platform a few milliseconds later, unevenly (a busy event loop, a new
# connection), so by the platform's clock calls can land closer together than they left. Keeping this many calls
# of a burst unused, and at least JITTER_S worth of them at a fast pace, absorbs that at the cost of that much
# time once, instead of 429s and their Retry-After (at 30 a second two calls absorbed only 67 ms: a busy machine
# saw one post in six refused).
JITTER_ROOM = 2
JITTER_S = 0.2
AHEAD = 2  # first attempts reserved ahead of a retry, at most (pacers that put retries first)


class Pacer:
    """Spaces calls with the same key `interval` seconds apart, letting `burst` (the platform's, less the
    jitter room) of them go at once.

    Each caller reserves its slot before sleeping (a virtual-scheduling token bucket), so callers queue in
    arrival order without a lock and one slow key never holds up another. A call the platform refused (429, 5xx)
    did not count against its limit, so its slot can be given back to the callers behind it.

    The platform's bucket starts refilling when the first call of a burst reaches it, which can be well after that
    call left (a fresh connection, a busy machine): when that first call is `answered`, the run's later slots move
    by the time it took, or every call after it would land that much early.
    """

    def __init__(self, interval: float = 1.0, burst: int = 1, clock: Clock = time.monotonic,
                 sleep: Sleep = asyncio.sleep, retries_first: bool = False) -> None:
        room = max(JITTER_ROOM, math.ceil(JITTER_S / interval - 1e-9))
        self.interval, self.burst, self.clock, self.sleep = interval, max(1, burst - room), clock, sleep
        # With `retries_first`, first attempts queue (one at a time, in order) until their slot is at most
        # AHEAD turns away, and only then reserve it; a retry reserves at once, so it goes right after those few
        # instead of behind every first attempt already waiting (its Retry-After is all it should wait).
        self._ahead: dict[str, asyncio.Lock] | None = {} if retries_first else None
        self._due: dict[str, float] = {}  # key -> when the slot after the last reserved one opens
        # key -> the first slot of its current run: a full bucket (an idle key) already forgot every earlier slot.
        self._run: dict[str, float] = {}
        self._aligned: dict[str, float] = {}  # key -> the run whose later slots have been moved by its first answer

    async def wait_turn(self, key: str, retry: bool = False) -> float:
        """Return when a call for `key` may go out; the slot it took (to `give_back` if the call is refused)."""
        if self._ahead is not None and not retry:
            async with self._ahead.setdefault(key, asyncio.Lock()):
                await self._near(key)
        slot = self._reserve(key)
        delay = max(0.0, slot - (self.burst - 1) * self.interval - self.clock())
        if delay > 0:
            await self.sleep(delay)
        return slot

    def give_back(self, key: str, slot: float) -> None:
        """The call that took `slot` was refused: the platform did not count it, so the next caller may use it.

        A slot taken before the key last went idle is not given back: that idle bucket refilled without it.
        """
        if key in self._due and slot >= self._run.get(key, slot):
            self._due[key] = max(self._due[key] - self.interval, self._run[key])

    async def _near(self, key: str) -> None:
        """Until the next free slot of `key` is at most AHEAD turns from going out."""
        early = self._due.get(key, 0.0) - (self.burst - 1 + AHEAD) * self.interval - self.clock()
        if early > 0:  # once: a retry reserving meanwhile only moves this call's own slot a turn later
            await self.sleep(early)

    def answered(self, key: str, slot: float) -> None:
        """The call that took `slot` had its answer (accepted or refused): it reached the platform by now."""
        run = self._run.get(key)
        if slot == run and self._aligned.get(key) != run and key in self._due:
            self._due[key] += max(0.0, self.clock() - slot)
            self._aligned[key] = run

    def _reserve(self, key: str) -> float:
        now = self.clock()
        due = self._due.get(key, now)
        if due <= now:  # idle since its last slot: the bucket is full again, a new run starts now
            due = self._run[key] = now
        self._due[key] = due + self.interval
        if len(self._due) > 10_000:
            self._forget(now)
        return due

    def _forget(self, now: float) -> None:
        # Keys whose slots are all in the past carry no state worth keeping: the maps stay bounded.
        self._due = {key: due for key, due in self._due.items() if due > now}
        self._run = {key: self._run[key] for key in self._due}
        self._aligned = {key: run for key, run in self._aligned.items() if key in self._due}
        if self._ahead is not None:
            self._ahead = {key: lock for key, lock in self._ahead.items() if key in self._due or lock.locked()}


class Turns:
    """One call's turns under its pacers (a channel's, then its workspace's), in order; `give_back` returns them
    all when the platform refused the call, and `wait` takes fresh ones for its retry."""

    def __init__(self, paced: Iterable[tuple[Pacer, str]]) -> None:
        self.paced = list(paced)
        self._taken: list[tuple[Pacer, str, float]] = []

    async def wait(self, retry: bool = False) -> None:
        self._taken = []
        for pacer, key in self.paced:
            self._taken.append((pacer, key, await pacer.wait_turn(key, retry)))

    def answered(self) -> None:
        """The platform answered this attempt (before `give_back`, if it refused it)."""
        for pacer, key, slot in self._taken:
            pacer.answered(key, slot)

    def give_back(self) -> None:
        for pacer, key, slot in self._taken:
            pacer.give_back(key, slot)
        self._taken = []
