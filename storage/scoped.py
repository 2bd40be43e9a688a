"""The base of every repository: bound to one session and one workspace, never another."""
from __future__ import annotations

from typing import Callable

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session


def name_key(name: str) -> str:
    """Case- and space-insensitive key for names users type (`Acme  Corp` == `acme corp`)."""
    return " ".join(name.split()).casefold()


def column_values(row) -> dict:
    """Every column of an ORM row but its id, for a plain INSERT (storage/deal_rows.py)."""
    return {column.key: getattr(row, column.key) for column in type(row).__table__.columns if column.key != "id"}


class ScopedRepo:
    """Holds the session and the workspace id; subclasses filter every query by it."""

    def __init__(self, session: Session, workspace_id: int) -> None:
        self.session = session
        self.workspace_id = workspace_id

    def _mine(self, row):
        """Return `row` only if it belongs to this workspace (guards lookups by primary key)."""
        return row if row is not None and row.workspace_id == self.workspace_id else None

    def _insert_or_theirs(self, row, theirs: Callable[[], object]):
        """Insert `row`; if a concurrent transaction inserted the same unique key first, return `theirs()`.

        First sights race (two first messages of one person, two first uses of one account name): the
        savepoint keeps the loser's transaction usable, so it carries on with the winner's row.
        """
        try:
            with self.session.begin_nested():
                self.session.add(row)
                self.session.flush()
        except IntegrityError:
            return theirs()
        return row
