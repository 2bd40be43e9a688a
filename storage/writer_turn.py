"""SQLite's one writer per process: worker threads queue for the turn, the event loop takes it only when free."""
from __future__ import annotations

import asyncio
import threading


class WriterTurn:
    """A re-entrant lock shared by the threads writing to one SQLite file.

    A worker thread waits for it in order (`with turn:`). The event loop never blocks on it: it takes the
    turn only if nobody holds it (`try_take`), and otherwise awaits `released()` and tries again, so the
    other commands on the loop go on meanwhile.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._guard = threading.Lock()  # over the waiters, which the releasing thread wakes
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future]] = []

    def __enter__(self) -> WriterTurn:
        self._lock.acquire()
        return self

    def __exit__(self, *_exc) -> None:
        self.release()

    def try_take(self) -> bool:
        """Take the turn if it is free, without waiting; release it with `release()`."""
        return self._lock.acquire(blocking=False)

    def release(self) -> None:
        self._lock.release()
        with self._guard:
            waiters, self._waiters = self._waiters, []
        for loop, future in waiters:
            # An inner release of a re-entered turn wakes them too early: they find it taken and wait again.
            loop.call_soon_threadsafe(_wake, future)

    async def released(self) -> None:
        """Returns once the turn was released after this call (or at once if it is free)."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        with self._guard:
            self._waiters.append((loop, future))
        # Released between the caller's failed try and this registration: nobody would wake us.
        if self.try_take():
            self.release()
        await future


def _wake(future: asyncio.Future) -> None:
    if not future.done():
        future.set_result(None)
