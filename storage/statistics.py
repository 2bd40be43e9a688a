"""Planner statistics: what lets the database pick the owner indexes over the workspace-wide ones at scale.

PostgreSQL's autovacuum gathers them by itself; SQLite has nothing that does, and without them it guesses
(a manager's `kpi team` on a 1,000,000-activity workspace read every deal of the workspace through
`ix_deal_deleted`). The scheduler calls this now and then (bot/scheduler/engine.py).
"""
from __future__ import annotations

from sqlalchemy.engine import Engine

from storage.database import writer_turn

# Rows SQLite samples per index: bounded, so the pass takes about a second on a million rows. At 1,000 it
# guessed a workspace held a thousand deals, and `pipeline team` read all its open deals by (status, stage)
# rather than its ten owners' by (owner, status): 150 ms instead of under 2.
SQLITE_ANALYSIS_LIMIT = 20_000
# The tables that grow with a workspace's history. Small lookup tables (stages, people, teams) are left
# without statistics on purpose: told that `stage` has six rows, SQLite drives the funnel's join from it and
# ranges over the period's history once per stage; unmeasured, it looks each row's stage up by its key.
SQLITE_TABLES = ("deal", "stage_change", "activity", "task", "account", "contact", "audit_entry", "deal_version")


def gather_statistics(engine: Engine) -> None:
    """Refresh the planner's statistics (SQLite: sampled, of the growing tables; PostgreSQL: ANALYZE)."""
    with writer_turn(engine), engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql(f"PRAGMA analysis_limit={SQLITE_ANALYSIS_LIMIT}")
            for table in SQLITE_TABLES:
                connection.exec_driver_sql(f"ANALYZE {table}")
            # ...and any statistics of the others an earlier full ANALYZE left are dropped again.
            names = ", ".join(f"'{table}'" for table in SQLITE_TABLES)
            connection.exec_driver_sql(f"DELETE FROM sqlite_stat1 WHERE tbl NOT IN ({names})")
        else:
            connection.exec_driver_sql("ANALYZE")
        connection.commit()
