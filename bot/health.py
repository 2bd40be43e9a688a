"""The health check's database probe: on its own thread with a deadline, so a hung database never blocks the loop."""
from __future__ import annotations

import asyncio
import threading

from sqlalchemy.engine import Engine

from storage.migrate import current_revision

HEALTH_TIMEOUT = 2.0  # seconds; well inside the 5 s most load balancers and Docker's HEALTHCHECK allow


class DatabaseProbe:
    """Reads the schema revision off the event loop; while one read hangs, later checks wait on the same one.

    A daemon thread (not the shared executor) runs it: a connection stuck for minutes then ties up
    neither the worker threads that commands use nor the process's exit.
    """

    def __init__(self, engine: Engine, timeout: float = HEALTH_TIMEOUT) -> None:
        self.engine, self.timeout = engine, timeout
        self._pending: asyncio.Future | None = None

    async def schema_revision(self) -> str | None:
        """The revision, or TimeoutError / the driver's error when the database does not answer in time."""
        if self._pending is None or self._pending.done():
            self._pending = self._start()
        return await asyncio.wait_for(asyncio.shield(self._pending), self.timeout)

    def _start(self) -> asyncio.Future:
        loop = asyncio.get_running_loop()
        future = loop.create_future()

        def probe() -> None:
            try:
                outcome = (current_revision(self.engine), None)
            except Exception as error:  # any driver error is an answer: "unreachable"
                outcome = (None, error)
            try:
                loop.call_soon_threadsafe(_settle, future, *outcome)
            except RuntimeError:  # the server stopped while the database hung
                pass

        threading.Thread(target=probe, name="salesbot-health", daemon=True).start()
        return future


def _settle(future: asyncio.Future, revision: str | None, error: Exception | None) -> None:
    if future.done():
        return
    if error is None:
        future.set_result(revision)
    else:
        future.set_exception(error)
