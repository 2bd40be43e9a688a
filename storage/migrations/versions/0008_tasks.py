"""tasks and currencies: follow-up tasks with due times, exchange rates to the base currency

Revision ID: 0008_tasks
Revises: 0009_cache_version
Create Date: 2026-12-02 12:50:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import storage.types


revision = '0008_tasks'
down_revision = '0009_cache_version'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('task',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('deal_id', sa.Integer(), nullable=True),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('due_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('overdue_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('has_time', sa.Boolean(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('done_at', storage.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ),
    sa.ForeignKeyConstraint(['assignee_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['created_by_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['deal_id'], ['deal.id'], ),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.create_index('ix_task_assignee_open', ['workspace_id', 'assignee_id', 'status', 'overdue_at'],
                              unique=False)
        batch_op.create_index('ix_task_open_due', ['status', 'due_at'], unique=False)

    op.create_table('fx_rate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('base', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('currency', sqlmodel.sql.sqltypes.AutoString(length=3), nullable=False),
    sa.Column('rate', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('factor_micro', sa.BigInteger(), nullable=False),
    sa.Column('set_by_id', sa.Integer(), nullable=True),
    sa.Column('set_at', storage.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['set_by_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id', 'base', 'currency')
    )


def downgrade() -> None:
    op.drop_table('fx_rate')
    with op.batch_alter_table('task', schema=None) as batch_op:
        batch_op.drop_index('ix_task_open_due')
        batch_op.drop_index('ix_task_assignee_open')
    op.drop_table('task')
