"""Planner statistics: what lets the database pick the owner indexes over the workspace-wide ones at scale.

PostgreSQL's autovacuum gathers them by itself; SQLite has nothing that does, and without them it guesses
(a manager's `kpi team` on a 1,000,000-activity workspace read every deal of the workspace through
`ix_deal_deleted`). The scheduler calls this now and then (bot/scheduler/engine.py).
"""
from __future__ import annotations

from sqlalchemy.engine import Engine

from storage.database import writer_turn

# Rows SQLite samples per index: enough to tell a workspace-wide index from an owner's, and bounded, so the
# pass takes about a second on a million rows (SQLite's documentation suggests a few hundred to a thousand).
SQLITE_ANALYSIS_LIMIT = 1000


def gather_statistics(engine: Engine) -> None:
    """Refresh the planner's statistics of every table (SQLite: sampled; PostgreSQL: ANALYZE)."""
    with writer_turn(engine), engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
