"""Retrying Bot Connector calls: which failures are worth another try, and how long to wait."""
from __future__ import annotations

import random
from dataclasses import dataclass

# Throttled (429), precondition race (412), and the gateway errors the Bot Connector documents as transient.
RETRY_STATUSES = frozenset({429, 412, 502, 504})
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


def status_of(error: BaseException) -> int | None:
    """The HTTP status of a failed connector call, if it got as far as an answer."""
    response = getattr(error, "response", None)
    status = getattr(response, "status_code", None)
    return status if isinstance(status, int) else None


def retry_after_of(error: BaseException) -> float | None:
    headers = getattr(getattr(error, "response", None), "headers", None) or {}
    value = headers.get("Retry-After") if hasattr(headers, "get") else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
