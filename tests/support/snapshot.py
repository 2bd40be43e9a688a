"""Whole-database snapshots, to prove a failed command wrote nothing."""
from __future__ import annotations

from sqlalchemy import MetaData, select
from sqlalchemy.engine import Engine


def db_snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every row of every table, sorted, so two snapshots compare equal only if nothing changed."""
    metadata = MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {name: sorted((tuple(row) for row in connection.execute(select(table))), key=repr)
                for name, table in metadata.tables.items() if name != "alembic_version"}
