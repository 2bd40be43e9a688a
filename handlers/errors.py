"""Typed errors: a mistake in a command or a setting is a value with a short message, never a traceback."""
from __future__ import annotations


class UserError(Exception):
    """A problem with what the user typed; `message` names the bad token, `usage` shows the right form."""

    def __init__(self, message: str, usage: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.usage = usage

    def with_usage(self, usage: str) -> "UserError":
        """Return the same error carrying `usage` unless it already has one."""
        return self if self.usage else UserError(self.message, usage)

    def __str__(self) -> str:
        return f"{self.message}\nUsage: {self.usage}" if self.usage else self.message


class PermissionDenied(UserError):
    """The sender may not do this (a rep touching another rep's deal, a non-admin changing stages)."""


class SettingsError(Exception):
    """A missing or contradictory setting found at start-up; the message names the variable.

    Here rather than in bot/ because the adapters check their own settings and must not import bot/.
    """
