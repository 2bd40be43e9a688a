"""The base of every repository: bound to one session and one workspace, never another."""
from __future__ import annotations

from functools import cache
from typing import Callable

from pydantic_core import PydanticUndefined
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import Session


def name_key(name: str) -> str:
    """Case- and space-insensitive key for names users type (`Acme  Corp` == `acme corp`)."""
    return " ".join(name.split()).casefold()


@cache
def plain_defaults(model: type) -> dict:
    """The columns of `model` with a fixed default, and that default (factories, such as times, left out)."""
    return {name: field.default for name, field in model.model_fields.items()
            if field.default is not PydanticUndefined and field.default_factory is None}


def loaded_row(model: type, values: dict):
    """A detached `model` row holding `values` (every column) as if it had just been read from the database:
    no validation and no change tracking on the way in, as the ORM builds the rows it loads; `session.add`
    makes it the session's (clean) row, and its later changes are flushed as usual."""
    row = unsaved_row(model, values)
    make_transient_to_detached(row)
    return row


def unsaved_row(model: type, values: dict):
    """A `model` row holding `values` for reading only: no session knows it, so changes to it are never written."""
    row = model._sa_class_manager.new_instance()
    row.__dict__.update(values)
    return row


def row_values(row) -> dict:
    """Every column of an ORM row, id included (what `loaded_row` takes); unloaded ones are read."""
    loaded = row.__dict__
    return {column.key: loaded[column.key] if column.key in loaded else getattr(row, column.key)
            for column in type(row).__table__.columns}


class ScopedRepo:
    """Holds the session and the workspace id; subclasses filter every query by it."""

    def __init__(self, session: Session, workspace_id: int) -> None:
        self.session = session
        self.workspace_id = workspace_id

    def _connection(self):
        """The unit's connection for a Core statement, this unit's pending ORM changes flushed first (as a
        query through the session would autoflush them)."""
        self.session.flush()
        return self.session.connection()

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
