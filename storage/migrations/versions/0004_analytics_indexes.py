"""analytics: the deal owner and the stay on stage history, and the indexes the analytics queries range over

Revision ID: 0004_analytics
Revises: 0002_slack_oauth
Create Date: 2026-11-27 10:10:16.799224
"""
from alembic import op
import sqlalchemy as sa

import storage.types


revision = '0004_analytics'
down_revision = '0002_slack_oauth'
branch_labels = None
depends_on = None

OWNER_FK = 'fk_stage_change_owner_id_person'
BACKFILL = """
UPDATE stage_change SET
    owner_id = (SELECT deal.owner_id FROM deal WHERE deal.id = stage_change.deal_id),
    from_entered_at = CASE WHEN from_stage IS NOT NULL THEN (
        SELECT MAX(before.changed_at) FROM stage_change AS before
        WHERE before.deal_id = stage_change.deal_id AND before.changed_at <= stage_change.changed_at
          AND (before.changed_at < stage_change.changed_at OR before.id < stage_change.id)) END
"""

# History written without its owner (a bulk insert that predates the column) gets the deal's owner, so the
# per-person funnel never silently misses a move. storage/deals.py writes the owner itself.
OWNER_TRIGGER = {
    'sqlite': ["""
        CREATE TRIGGER stage_change_owner AFTER INSERT ON stage_change WHEN NEW.owner_id IS NULL
        BEGIN
            UPDATE stage_change SET owner_id = (SELECT owner_id FROM deal WHERE deal.id = NEW.deal_id)
            WHERE id = NEW.id;
        END"""],
    'postgresql': ["""
        CREATE FUNCTION stage_change_owner() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.owner_id IS NULL THEN
                SELECT owner_id INTO NEW.owner_id FROM deal WHERE deal.id = NEW.deal_id;
            END IF;
            RETURN NEW;
        END $$""", """
        CREATE TRIGGER stage_change_owner BEFORE INSERT ON stage_change
        FOR EACH ROW EXECUTE FUNCTION stage_change_owner()"""],
}
DROP_OWNER_TRIGGER = {
    'sqlite': ["DROP TRIGGER IF EXISTS stage_change_owner"],
    'postgresql': ["DROP TRIGGER IF EXISTS stage_change_owner ON stage_change",
                   "DROP FUNCTION IF EXISTS stage_change_owner()"],
}


def _run(statements: dict[str, list[str]]) -> None:
    for statement in statements.get(op.get_bind().dialect.name, []):
        op.execute(sa.text(statement))


def upgrade() -> None:
    with op.batch_alter_table('deal', schema=None) as batch_op:
        batch_op.create_index('ix_deal_owner_closed', ['workspace_id', 'owner_id', 'closed_at'], unique=False)
        batch_op.create_index('ix_deal_owner_created', ['workspace_id', 'owner_id', 'created_at'], unique=False)

    with op.batch_alter_table('stage_change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('from_entered_at', storage.types.UTCDateTime(), nullable=True))
        batch_op.create_foreign_key(OWNER_FK, 'person', ['owner_id'], ['id'])

    # Existing history gets the deal's owner and, for each move, when the deal had entered the stage it left
    # (its previous row); storage/deals.py writes both from now on.
    op.execute(sa.text(BACKFILL))

    with op.batch_alter_table('stage_change', schema=None) as batch_op:
        batch_op.create_index('ix_stage_change_owner_time', ['workspace_id', 'owner_id', 'changed_at', 'deal_id',
                                                             'to_stage', 'from_stage', 'from_entered_at'], unique=False)
        batch_op.create_index('ix_stage_change_ws_moves', ['workspace_id', 'changed_at', 'deal_id', 'to_stage',
                                                           'from_stage', 'from_entered_at'], unique=False)

    _run(OWNER_TRIGGER)

    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.create_index('ix_target_person', ['workspace_id', 'person_id', 'period_start'], unique=False)
        batch_op.create_index('ix_target_team', ['workspace_id', 'team_id', 'period_start'], unique=False)

    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index('ix_activity_person_time_kind', ['workspace_id', 'person_id', 'occurred_at', 'kind'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('target', schema=None) as batch_op:
        batch_op.drop_index('ix_target_team')
        batch_op.drop_index('ix_target_person')

    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index('ix_activity_person_time_kind')

    _run(DROP_OWNER_TRIGGER)
    with op.batch_alter_table('stage_change', schema=None) as batch_op:
        batch_op.drop_index('ix_stage_change_ws_moves')
        batch_op.drop_index('ix_stage_change_owner_time')
        batch_op.drop_constraint(OWNER_FK, type_='foreignkey')
        batch_op.drop_column('from_entered_at')
        batch_op.drop_column('owner_id')

    with op.batch_alter_table('deal', schema=None) as batch_op:
        batch_op.drop_index('ix_deal_owner_created')
        batch_op.drop_index('ix_deal_owner_closed')
