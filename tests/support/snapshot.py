"""Whole-database snapshots, to prove a failed command wrote nothing."""
from __future__ import annotations

from weakref import WeakKeyDictionary

from sqlalchemy import MetaData, select
from sqlalchemy.engine import Engine

_reflected: WeakKeyDictionary = WeakKeyDictionary()


def _tables(engine: Engine):
    """The engine's tables, reflected once (reflection is slow and the schema does not change in a test)."""
    if engine not in _reflected:
        metadata = MetaData()
        metadata.reflect(engine)
        _reflected[engine] = [t for name, t in metadata.tables.items() if name != "alembic_version"]
    return _reflected[engine]


def db_snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, so two snapshots compare equal only if nothing changed."""
    with engine.connect() as connection:
        return {table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
                for table in _tables(engine)}
