"""history version: a per-workspace counter every change to stage history bumps (triggers), for cached history;
a scope's live deals per stage read from an index

Revision ID: 0018_history_version
Revises: 0017_locale
Create Date: 2026-12-03 07:00:00.000000
"""
from alembic import op
import sqlalchemy as sa

revision = '0018_history_version'
down_revision = '0017_locale'
branch_labels = None
depends_on = None

# Triggers, not the writers: stage history is written by the ORM, by Core statements (a new deal's side
# rows, imports, sync) and by other triggers; each of them must move the counter in its own transaction.
_SQLITE_BUMP = "BEGIN UPDATE workspace SET history_version = history_version + 1 WHERE id = {row}.workspace_id; END"
TRIGGERS = {
    'sqlite': [f"CREATE TRIGGER stage_change_history_{event.lower()} AFTER {event} ON stage_change "
               + _SQLITE_BUMP.format(row=row)
               for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD"))],
    # Once per transaction and workspace (a transaction-local setting remembers it): an import of 100,000
    # rows bumps it once instead of writing 100,000 versions of the workspace row.
    'postgresql': ["""
        CREATE FUNCTION stage_change_history_version() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE
            row_workspace integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.workspace_id ELSE NEW.workspace_id END;
            bumped text := 'salesbot.history_bumped_' || row_workspace;
        BEGIN
            IF COALESCE(current_setting(bumped, true), '') <> 'yes' THEN
                UPDATE workspace SET history_version = history_version + 1 WHERE id = row_workspace;
                PERFORM set_config(bumped, 'yes', true);
            END IF;
            RETURN NULL;
        END $$""", """
        CREATE TRIGGER stage_change_history_version AFTER INSERT OR UPDATE OR DELETE ON stage_change
        FOR EACH ROW EXECUTE FUNCTION stage_change_history_version()"""],
}
DROP_TRIGGERS = {
    'sqlite': [f"DROP TRIGGER IF EXISTS stage_change_history_{event}" for event in ("insert", "update", "delete")],
    'postgresql': ["DROP TRIGGER IF EXISTS stage_change_history_version ON stage_change",
                   "DROP FUNCTION IF EXISTS stage_change_history_version()"],
}


def _run(statements: dict[str, list[str]]) -> None:
    for statement in statements.get(op.get_bind().dialect.name, []):
        op.execute(sa.text(statement))


def upgrade() -> None:
    # Existing workspaces start at 0: no process has cached a history under this counter yet.
    op.add_column('workspace', sa.Column('history_version', sa.Integer(), nullable=False, server_default='0'))
    _run(TRIGGERS)
    op.create_index('ix_deal_owner_stage', 'deal', ['workspace_id', 'owner_id', 'stage'],
                    sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))


def downgrade() -> None:
    op.drop_index('ix_deal_owner_stage', table_name='deal')
    _run(DROP_TRIGGERS)
    if op.get_bind().dialect.name == 'sqlite':  # in place, as 0017_locale explains
        op.execute(sa.text('ALTER TABLE workspace DROP COLUMN history_version'))
    else:
        op.drop_column('workspace', 'history_version')
