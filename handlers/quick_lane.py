"""Which commands are short enough to run on the event loop itself, judged by what their last runs cost."""
from __future__ import annotations

import threading
from collections import deque

# A command runs on the event loop when its last RUNS runs used less than LIMIT seconds of its thread's
# CPU time on average and none of them more than SLOW. CPU time, not wall time: on a worker thread a 1 ms
# command can wait 10 ms for the GIL under load, and that wait is exactly what running on the loop avoids.
# A slow run (a big funnel, an import) sends the command back to the worker threads until RUNS runs there
# have cleared it again; a garbage collection inside one run does not.
LIMIT = 0.005
SLOW = 0.05
RUNS = 8


class QuickLane:
    """Per command name, the CPU time of its recent runs."""

    def __init__(self, limit: float = LIMIT, slow: float = SLOW, runs: int = RUNS) -> None:
        self.limit, self.slow, self.runs = limit, slow, runs
        self._recent: dict[str, deque[float]] = {}
        self._lock = threading.Lock()  # the loop and the worker threads both record

    def fits(self, command: str) -> bool:
        """True when `command`'s last runs were short (a command not yet seen RUNS times is not)."""
        with self._lock:
            recent = self._recent.get(command)
            return (recent is not None and len(recent) == self.runs
                    and sum(recent) < self.limit * self.runs and max(recent) < self.slow)

    def record(self, command: str, cpu_seconds: float) -> None:
        with self._lock:
            self._recent.setdefault(command, deque(maxlen=self.runs)).append(cpu_seconds)
