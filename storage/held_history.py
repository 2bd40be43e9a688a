"""What the cached workspace history holds: values by workspace, each good between two moments at two versions
(storage/analytics/history_cache.py decides what is good; this module only keeps it, free of imports)."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime

MAX_HELD = 2048


@dataclass(frozen=True)
class Held:
    """One computed value, good from `as_of` to `until` (inclusive; None: until something is written)."""

    versions: tuple[int, int]
    as_of: datetime
    until: datetime | None
    value: object

    def serves(self, versions: tuple[int, int], as_of: datetime) -> bool:
        return (versions == self.versions and self.as_of <= as_of
                and (self.until is None or as_of <= self.until))


class HistoryCache:
    """Held values by (workspace, what, period days); one store's, shared by its threads."""

    def __init__(self) -> None:
        self._held: dict[tuple, Held] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple) -> Held | None:
        return self._held.get(key)

    def put(self, key: tuple, held: Held) -> None:
        with self._lock:
            if len(self._held) >= MAX_HELD:  # scopes and periods come and go: start afresh now and then
                self._held.clear()
            self._held[key] = held
