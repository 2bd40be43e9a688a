"""The interpreter settings of the long-running web server: the GIL's switch interval and the garbage collector."""
from __future__ import annotations

import gc
import sys

# Seconds (Python's default is 0.005). Slow commands and scheduled jobs run on worker threads that drop the
# GIL at every SQLite or socket call; at the default interval each of them then waits behind the event loop
# for its turn, and a burst of them queues for tens of milliseconds. A shorter one hands the GIL back sooner.
SWITCH_INTERVAL = 0.0005
# Allocations between young collections, and young (then middle) collections between older ones: Python's
# defaults are (700, 10, 10). A command allocates a few thousand short-lived objects (rows, statements,
# replies); at 700 a collection ran several times per command and promoted its live objects, so the full
# collections that walk every long-lived object came often — each one a pause of tens of milliseconds for
# every request waiting on the loop (bench/slash_ack.py: p99 103–117 ms at defaults, 55–65 ms tuned).
COLLECTION_THRESHOLDS = (10_000, 10, 10)


def tune_for_serving() -> None:
    """Call once the application is built: what exists then (modules, the registry, compiled statements)
    lives as long as the process, so the collector stops walking it (`gc.freeze`)."""
    sys.setswitchinterval(SWITCH_INTERVAL)
    gc.collect()
    gc.freeze()
    gc.set_threshold(*COLLECTION_THRESHOLDS)
