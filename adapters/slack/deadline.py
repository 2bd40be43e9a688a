"""Slack's three seconds: an answer not ready in time is acknowledged now and delivered through response_url."""
from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable, Coroutine, TypeVar

from adapters.slack.tasks import TaskSet
from handlers.i18n import N_

T = TypeVar("T")
# Slack gives up on an acknowledgement after 3 s; leave a second for the network and bolt itself.
ACK_BUDGET = 2.0
WORKING = N_("Working on it… the answer will appear here in a moment.")
LATE = object()  # what within_budget returns when the answer will come through `late` instead


async def within_budget(work: Coroutine[Any, Any, T], tasks: TaskSet, late: Callable[[T], Awaitable[None]],
                        budget: float = ACK_BUDGET) -> T | object:
    """The result of `work` when it is ready inside `budget`; otherwise LATE, and `late(result)` once it is.

    The work is never cancelled for being slow: it keeps running as a tracked task, drained at shutdown.
    """
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=budget)
    if task in done:
        return task.result()
    tasks.spawn(_finish(task, late), "slow slack command")
    return LATE


async def _finish(task: asyncio.Future, late: Callable[[Any], Awaitable[None]]) -> None:
    await late(await task)
