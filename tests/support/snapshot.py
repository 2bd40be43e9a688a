"""Whole-database snapshots, to prove a failed command wrote nothing."""
from __future__ import annotations

from sqlalchemy import MetaData, select
from sqlalchemy.engine import Engine

_reflected: dict[str, list] = {}


def _tables(engine: Engine):
    """The engine's tables, reflected once per backend: every test database is migrated to the same head,
    and reflection is slow."""
    if engine.dialect.name not in _reflected:
        metadata = MetaData()
        metadata.reflect(engine)
        _reflected[engine.dialect.name] = [t for name, t in metadata.tables.items() if name != "alembic_version"]
    return _reflected[engine.dialect.name]


def db_snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, so two snapshots compare equal only if nothing changed."""
    with engine.connect() as connection:
        return {table.name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
                for table in _tables(engine)}
