"""The base of every repository: bound to one session and one workspace, never another."""
from __future__ import annotations

from sqlmodel import Session


def name_key(name: str) -> str:
    """Case- and space-insensitive key for names users type (`Acme  Corp` == `acme corp`)."""
    return " ".join(name.split()).casefold()


class ScopedRepo:
    """Holds the session and the workspace id; subclasses filter every query by it."""

    def __init__(self, session: Session, workspace_id: int) -> None:
        self.session = session
        self.workspace_id = workspace_id

    def _mine(self, row):
        """Return `row` only if it belongs to this workspace (guards lookups by primary key)."""
        return row if row is not None and row.workspace_id == self.workspace_id else None
