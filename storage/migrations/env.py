"""Alembic environment: migrates the engine handed in by storage.migrate (or DATABASE_URL)."""
from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers every table on SQLModel.metadata)
import storage.slack_oauth  # noqa: F401  (slack_sdk's installation and OAuth-state tables)
import storage.schedule_models  # noqa: F401
import storage.task_models  # noqa: F401
import storage.forecast_models  # noqa: F401
import storage.io.models  # noqa: F401
import storage.rhythm_models  # noqa: F401
from storage.database import make_engine
from storage.deal_rows import set_aside

config = context.config
target_metadata = SQLModel.metadata


def _engine():
    engine = config.attributes.get("engine")
    if engine is not None:
        return engine
    url = config.get_main_option("sqlalchemy.url")
    return make_engine(url) if url else None


def run_migrations_online() -> None:
    engine = _engine()
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction(), set_aside(connection):
            context.run_migrations()
        connection.commit()


run_migrations_online()
