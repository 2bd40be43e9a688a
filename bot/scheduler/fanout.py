"""A tick's deliveries at once: a few in flight per workspace, recipients interleaved so one channel's pace never
holds the rest up, one failure never stopping the others."""
from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from itertools import zip_longest
from typing import Awaitable, Callable, Hashable, Iterable, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

# Enough in flight to keep a platform's workspace-wide pace busy, few enough that a crash leaves only a handful
# of deliveries claimed but not marked (each is then looked for before it is sent again).
PER_WORKSPACE = 16
IN_FLIGHT = 160


def interleave(items: Iterable[T], spread: Callable[[T], Hashable]) -> list[T]:
    """Round robin over `spread(item)` (a channel, a person), each group keeping its order."""
    groups: dict[Hashable, list[T]] = defaultdict(list)
    for item in items:
        groups[spread(item)].append(item)
    return [item for row in zip_longest(*groups.values()) for item in row if item is not None]


async def fan_out(items: Iterable[T], deliver: Callable[[T], Awaitable[None]], lane: Callable[[T], Hashable],
                  spread: Callable[[T], Hashable], per_lane: int = PER_WORKSPACE, total: int = IN_FLIGHT) -> None:
    """Run `deliver` on every item, at most `per_lane` at once per `lane(item)` and `total` overall."""
    everything = asyncio.Semaphore(total)
    lanes: dict[Hashable, list[T]] = defaultdict(list)
    for item in items:
        lanes[lane(item)].append(item)
    tasks = []
    for members in lanes.values():
        gate = asyncio.Semaphore(per_lane)
        tasks += [asyncio.create_task(_one(item, deliver, gate, everything)) for item in interleave(members, spread)]
    try:
        await asyncio.gather(*tasks)
    finally:  # the process is going down (or the tick was cancelled): nothing is left running behind it
        for task in tasks:
            task.cancel()


async def _one(item: T, deliver: Callable[[T], Awaitable[None]], gate: asyncio.Semaphore,
               everything: asyncio.Semaphore) -> None:
    async with gate, everything:
        try:
            await deliver(item)
        except Exception:  # its claim stays: the ledger retries it once the claim is old
            log.exception("delivery of %r failed", item)
