"""The CRM migration on an existing database: what is already there becomes searchable, nothing is in the bin,
and the migration goes down and up again with the stage-history trigger intact."""
from __future__ import annotations

import importlib

from alembic import command
from sqlalchemy import inspect, text

from storage.migrate import alembic_config, upgrade
from storage.search import SearchIndex

MIGRATION = importlib.import_module("storage.migrations.versions.0007_crm")


def _rows(connection) -> None:
    connection.execute(text("INSERT INTO workspace (id, platform, external_id, name, timezone, currency, "
                            "risk_idle_days, next_deal_number, created_at) VALUES "
                            "(1, 'console', 'w', 'W', 'UTC', 'USD', 14, 2, '2026-01-01 00:00:00')"))
    connection.execute(text("INSERT INTO person (id, workspace_id, platform_user_id, display_name, handle, role, "
                            "created_at) VALUES (7, 1, 'ana', 'Ana', 'ana', 'admin', '2026-01-01 00:00:00')"))
    connection.execute(text("INSERT INTO account (id, workspace_id, name, name_key) VALUES (3, 1, 'Café Nörd', "
                            "'café nörd')"))
    connection.execute(text("INSERT INTO deal (id, workspace_id, number, name, name_key, owner_id, amount_minor, "
                            "currency, stage, status, close_pushes, created_at, updated_at, stage_entered_at, "
                            "account_id) VALUES (1, 1, 1, 'Northwind', 'northwind', 7, 100, 'USD', 'lead', 'open', 0, "
                            "'2026-01-01 00:00:00', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 3)"))
    connection.execute(text("INSERT INTO activity (id, workspace_id, kind, notes, person_id, deal_id, occurred_at) "
                            "VALUES (5, 1, 'call', 'talked about the warehouse', 7, 1, '2026-01-02 00:00:00')"))


def test_existing_rows_are_indexed_and_the_chain_goes_down_and_up(engine):
    config = alembic_config(engine)
    try:
        command.downgrade(config, MIGRATION.down_revision)
        assert "deleted_at" not in {c["name"] for c in inspect(engine).get_columns("deal")}
        with engine.begin() as connection:
            _rows(connection)
        upgrade(engine)
        with engine.begin() as connection:
            index = SearchIndex(connection, 1)
            assert [hit.kind for hit in index.search("nort", 10)[1]] == ["deal"]
            assert sorted(hit.kind for hit in index.search("cafe", 10)[1]) == ["account", "deal"]
            assert [hit.ref_id for hit in index.search("wareh", 10)[1]] == [5]
            assert connection.execute(text("SELECT count(*) FROM deal WHERE deleted_at IS NULL")).scalar() == 1
        command.downgrade(config, MIGRATION.down_revision)
        upgrade(engine)
        with engine.begin() as connection:  # the 0004 trigger still fills a history row's owner
            connection.execute(text("INSERT INTO stage_change (id, workspace_id, deal_id, from_stage, to_stage, "
                                    "changed_at) VALUES (9, 1, 1, 'lead', 'qualified', '2026-01-03 00:00:00')"))
            assert connection.execute(text("SELECT owner_id FROM stage_change WHERE id = 9")).scalar() == 7
    finally:
        upgrade(engine)
