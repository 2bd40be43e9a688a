"""The one definition of "now": an aware UTC instant, for every layer and every injectable clock."""
from __future__ import annotations

from datetime import datetime, timezone


def utc_now() -> datetime:
    """The current instant, aware, in UTC."""
    return datetime.now(timezone.utc)
