"""key accounts: a touch cadence per account, and the lapse that already has its follow-up task

Revision ID: 0014_key_accounts
Revises: 0015_one_on_one
Create Date: 2026-12-02 18:20:00
"""
from alembic import op
import sqlalchemy as sa

import storage.types

revision = '0014_key_accounts'
down_revision = '0015_one_on_one'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('key_account',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('every_days', sa.Integer(), nullable=False),
    sa.Column('marked_by', sa.Integer(), nullable=True),
    sa.Column('marked_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('followed_up_anchor', storage.types.UTCDateTime(), nullable=True),
    sa.Column('follow_up_task_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ),
    sa.ForeignKeyConstraint(['marked_by'], ['person.id'], ),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id', 'account_id')
    )


def downgrade() -> None:
    op.drop_table('key_account')
