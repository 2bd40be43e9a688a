"""What adapters read their settings from: the one settings object, seen only through these two questions."""
from __future__ import annotations

from typing import Protocol


class Variables(Protocol):
    """The platform variables (SLACK_*, MICROSOFT_*, SALESBOT_*) as read once at start-up."""

    def get(self, name: str, default: str | None = None) -> str | None: ...

    def flag(self, name: str) -> bool: ...
