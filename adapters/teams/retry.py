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
    """Exponential backoff with full jitter, capped; a `retry_after` from the server is the wait instead.

    Teams' Retry-After says when it will take the call again: waiting longer only leaves the tenant's pace unused
    (one post of a big fan-out throttled three times waited 1 + 1 + 2 s instead of 3 s), and the retry still waits
    for its turn under the pacing limits."""

    attempts: int = 5
    base: float = 0.5
    cap: float = 30.0

    def delay(self, attempt: int, retry_after: float | None = None, rng: random.Random | None = None) -> float:
        """Seconds to wait before retry number `attempt` (1 = the first retry)."""
        if retry_after:  # none, or 0 (no wait named), leaves the backoff's
            return min(self.cap, retry_after)
        ceiling = min(self.cap, self.base * 2 ** (attempt - 1))
        return (rng or random).uniform(ceiling / 2, ceiling)


def parse_retry_after(value: object) -> float | None:
    """Seconds from a Retry-After header (its delay-seconds form); None when absent or unreadable."""
    try:
        return max(0.0, float(value)) if value is not None else None
    except (TypeError, ValueError):
        return None
