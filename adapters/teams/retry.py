"""Retrying Bot Connector calls: which failures are worth another try, and how long to wait."""
from __future__ import annotations

import random
from dataclasses import dataclass

# Throttled (429), precondition race (412), and the server errors the Bot Framework treats as transient (its
# BotFrameworkHttpStatusCodeErrorDetectionStrategy: 5xx except 501 and 505), the Bot Connector's own
# ServiceInternalError (500) among them.
RETRY_STATUSES = frozenset({429, 412, 500, 502, 503, 504})
# Gone for good: the bot was removed from the team, or the user or conversation no longer exists.
PERMANENT_STATUSES = frozenset({400, 401, 403, 404, 410})


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with full jitter, capped; `retry_after` from the server wins when larger."""

    attempts: int = 5
    base: float = 0.5
    cap: float = 30.0

    def delay(self, attempt: int, retry_after: float | None = None, rng: random.Random | None = None) -> float:
        """Seconds to wait before retry number `attempt` (1 = the first retry)."""
        ceiling = min(self.cap, self.base * 2 ** (attempt - 1))
        wait = (rng or random).uniform(ceiling / 2, ceiling)
        return min(self.cap, max(wait, retry_after or 0.0))


def parse_retry_after(value: object) -> float | None:
    """Seconds from a Retry-After header (its delay-seconds form); None when absent or unreadable."""
    try:
        return max(0.0, float(value)) if value is not None else None
    except (TypeError, ValueError):
        return None
