"""Group commit: what many concurrent callers ask of the database at once runs as one batch, in one thread and
one transaction, so a fan-out's small statements share commits instead of queueing for the writer one by one."""
from __future__ import annotations

import asyncio
from typing import Callable, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MOST = 500  # items per batch: one IN list or executemany stays a modest statement


class Grouped(Generic[T, R]):
    """`await grouped(item)` returns `run_batch([... item ...])`'s answer for that item.

    Items that arrive while a batch runs wait for the next batch, which takes all of them: there is no timer, so a
    lone caller goes at once and a crowd shares one transaction. `run_batch` returns one answer per item, in
    order; an answer that is an exception is raised to that item's caller only. A batch that raises fails all of
    its callers (it was one transaction, so none of it happened).
    """

    def __init__(self, run_batch: Callable[[list[T]], list[R | BaseException]], most: int = MOST) -> None:
        self.run_batch, self.most = run_batch, most
        self._waiting: list[tuple[T, asyncio.Future]] = []
        self._draining: asyncio.Task | None = None

    async def __call__(self, item: T) -> R:
        future = asyncio.get_running_loop().create_future()
        self._waiting.append((item, future))
        if self._draining is None:
            self._draining = asyncio.create_task(self._drain())
        return await future

    async def settled(self) -> None:
        """Return once every item handed in so far has had its batch run (shielded: a cancelled caller still waits
        for a commit already on its way)."""
        while self._draining is not None:
            await asyncio.shield(self._draining)

    async def _drain(self) -> None:
        batch: list[tuple[T, asyncio.Future]] = []
        try:
            while self._waiting:
                batch, self._waiting = self._waiting[:self.most], self._waiting[self.most:]
                try:
                    answers = await asyncio.to_thread(self.run_batch, [item for item, _ in batch])
                except Exception as error:
                    answers = [error] * len(batch)
                for (_, future), answer in zip(batch, answers, strict=True):
                    _settle(future, answer)
        except BaseException:  # cancelled with the loop: nobody is left waiting for an answer that never comes
            for _, future in batch + self._waiting:
                future.cancel()
            self._waiting = []
            raise
        finally:
            self._draining = None


def _settle(future: asyncio.Future, answer: object) -> None:
    if future.done():  # its caller was cancelled meanwhile; the batch's effect stands (as a crash's would)
        return
    if isinstance(answer, BaseException):
        future.set_exception(answer)
    else:
        future.set_result(answer)
