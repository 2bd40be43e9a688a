"""analytics: the deal owner on stage history, and the indexes the analytics queries range over

Revision ID: 0004_analytics
Revises: 0001_core
Create Date: 2026-11-27 10:10:16.799224
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_analytics'
down_revision = '0001_core'
branch_labels = None
depends_on = None

OWNER_FK = 'fk_stage_change_owner_id_person'


def upgrade() -> None:
    with op.batch_alter_table('deal', schema=None) as batch_op:
        batch_op.create_index('ix_deal_owner_closed', ['workspace_id', 'owner_id', 'status', 'closed_at'],
                              unique=False)
        batch_op.create_index('ix_deal_owner_created', ['workspace_id', 'owner_id', 'created_at'], unique=False)

    with op.batch_alter_table('stage_change', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(OWNER_FK, 'person', ['owner_id'], ['id'])

    # Existing history gets the deal's owner; new rows are written with it (storage/deals.py).
    op.execute(sa.text('UPDATE stage_change SET owner_id = '
                       '(SELECT deal.owner_id FROM deal WHERE deal.id = stage_change.deal_id)'))

    with op.batch_alter_table('stage_change', schema=None) as batch_op:
        batch_op.create_index('ix_stage_change_owner_time', ['workspace_id', 'owner_id', 'changed_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('stage_change', schema=None) as batch_op:
        batch_op.drop_index('ix_stage_change_owner_time')
        batch_op.drop_constraint(OWNER_FK, type_='foreignkey')
        batch_op.drop_column('owner_id')

    with op.batch_alter_table('deal', schema=None) as batch_op:
        batch_op.drop_index('ix_deal_owner_created')
        batch_op.drop_index('ix_deal_owner_closed')
