"""Background work started after Slack has its acknowledgement: tracked, logged, drained at shutdown."""
from __future__ import annotations

import asyncio
import logging
from typing import Coroutine

log = logging.getLogger(__name__)


class TaskSet:
    """Keeps a strong reference to every follow-up task so none is garbage-collected mid-flight."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task] = set()

    def spawn(self, work: Coroutine, name: str = "slack follow-up") -> None:
        task = asyncio.get_running_loop().create_task(self._logged(work, name))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    @staticmethod
    async def _logged(work: Coroutine, name: str) -> None:
        try:
            await work
        except Exception:  # a follow-up failing must not go unseen, nor take anything else down
            log.exception("%s failed", name)

    async def settle(self, timeout: float = 10.0) -> None:
        """Wait until no follow-up is running (tasks may start more tasks)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while self._tasks and loop.time() < deadline:
            await asyncio.wait(set(self._tasks), timeout=max(0.0, deadline - loop.time()))

    async def close(self, timeout: float = 5.0) -> None:
        """Let running follow-ups finish for a moment, then cancel what is left."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=timeout)
        for task in list(self._tasks):
            task.cancel()
