"""The analytics migration on an existing database: history gets its owner and stays back, the trigger keeps
the owner filled for rows written without it, and the migration goes down and up again cleanly."""
from __future__ import annotations

import importlib
from datetime import datetime, timezone

from alembic import command
from sqlalchemy import inspect, text

from storage.migrate import alembic_config, upgrade

MIGRATION = importlib.import_module("storage.migrations.versions.0004_analytics_indexes")
BEFORE = MIGRATION.down_revision


def _rows(connection) -> None:
    """A workspace, a person and a deal with three history rows, written as the schema before looked."""
    connection.execute(text("INSERT INTO workspace (id, platform, external_id, name, timezone, currency, "
                            "risk_idle_days, next_deal_number, created_at) VALUES "
                            "(1, 'console', 'w', 'W', 'UTC', 'USD', 14, 2, '2026-01-01 00:00:00')"))
    connection.execute(text("INSERT INTO person (id, workspace_id, platform_user_id, display_name, handle, role, "
                            "created_at) VALUES (7, 1, 'ana', 'Ana', 'ana', 'admin', '2026-01-01 00:00:00')"))
    connection.execute(text("INSERT INTO deal (id, workspace_id, number, name, name_key, owner_id, amount_minor, "
                            "currency, stage, status, close_pushes, created_at, updated_at, stage_entered_at) VALUES "
                            "(1, 1, 1, 'D', 'd', 7, 100, 'USD', 'proposal', 'open', 0, '2026-01-01 00:00:00', "
                            "'2026-01-05 00:00:00', '2026-01-05 00:00:00')"))
    for number, (before, after, at) in enumerate(((None, "lead", "2026-01-01"), ("lead", "qualified", "2026-01-03"),
                                                  ("qualified", "proposal", "2026-01-05")), 1):
        connection.execute(text("INSERT INTO stage_change (id, workspace_id, deal_id, from_stage, to_stage, "
                                "changed_at) VALUES (:id, 1, 1, :before, :after, :at)"),
                           {"id": number, "before": before, "after": after, "at": f"{at} 00:00:00"})


def test_history_is_backfilled_and_kept_whole(engine):
    config = alembic_config(engine)
    try:
        command.downgrade(config, BEFORE)
        assert "owner_id" not in {c["name"] for c in inspect(engine).get_columns("stage_change")}
        with engine.begin() as connection:
            _rows(connection)
        upgrade(engine)
        with engine.begin() as connection:
            rows = connection.execute(text("SELECT owner_id, from_entered_at FROM stage_change ORDER BY id")).all()
            assert [row[0] for row in rows] == [7, 7, 7]
            assert [str(row[1])[:10] if row[1] else None for row in rows] == [None, "2026-01-01", "2026-01-03"]
            # A bulk writer that does not know the column: the trigger fills the owner in.
            connection.execute(text("INSERT INTO stage_change (id, workspace_id, deal_id, from_stage, to_stage, "
                                    "changed_at) VALUES (4, 1, 1, 'proposal', 'won', :at)"),
                               {"at": datetime(2026, 1, 9, tzinfo=timezone.utc).replace(tzinfo=None)})
            assert connection.execute(text("SELECT owner_id FROM stage_change WHERE id = 4")).scalar() == 7
    finally:
        upgrade(engine)
