"""crm: soft delete (deals, their history and activities), contacts, account owner and industry, full-text search

Revision ID: 0007_crm
Revises: 0011_forecast
Create Date: 2026-12-02 12:45:00
"""
from alembic import op
import sqlalchemy as sa

import storage.types
from storage.search_schema import SEARCH_DDL, SEARCH_DROP, backfill_search

revision = '0007_crm'
down_revision = '0011_forecast'
branch_labels = None
depends_on = None

LIVE = sa.text("deleted_at IS NULL")
# Covering indexes of the analytics, rebuilt as partial indexes over live rows (see storage/models.py).
PARTIAL = (
    ('stage_change', 'ix_stage_change_owner_time',
     ['workspace_id', 'owner_id', 'changed_at', 'deal_id', 'to_stage', 'from_stage', 'from_entered_at']),
    ('stage_change', 'ix_stage_change_ws_moves',
     ['workspace_id', 'changed_at', 'deal_id', 'to_stage', 'from_stage', 'from_entered_at']),
    ('activity', 'ix_activity_person_time_kind', ['workspace_id', 'person_id', 'occurred_at', 'kind']),
)


def _dialect() -> str:
    return op.get_bind().dialect.name


def _run(statements: dict[str, list[str]]) -> None:
    for statement in statements.get(_dialect(), []):
        op.execute(sa.text(statement))


def upgrade() -> None:
    op.create_table('contact',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', storage.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], ),
    sa.ForeignKeyConstraint(['created_by'], ['person.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_contact_name_key', 'contact', ['workspace_id', 'name_key'])
    op.create_index('ix_contact_account', 'contact', ['workspace_id', 'account_id'])

    # Plain ADD COLUMNs (no table rebuild on SQLite, so the stage_change trigger stays in place).
    op.add_column('account', sa.Column('industry', sa.String(length=100), nullable=True))
    _add_reference('account', 'owner_id', 'person')
    _add_reference('deal', 'contact_id', 'contact')
    for table in ('deal', 'stage_change', 'activity'):
        op.add_column(table, sa.Column('deleted_at', storage.types.UTCDateTime(), nullable=True))
    op.create_index('ix_deal_deleted', 'deal', ['workspace_id', 'deleted_at'])
    for table, name, columns in PARTIAL:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns, sqlite_where=LIVE, postgresql_where=LIVE)

    _run(SEARCH_DDL)
    backfill_search(op.get_bind())


def downgrade() -> None:
    _run(SEARCH_DROP)
    for table, name, columns in PARTIAL:
        op.drop_index(name, table_name=table)
        op.create_index(name, table, columns)
    op.drop_index('ix_deal_deleted', table_name='deal')
    # SQLite 3.35+ drops plain columns in place (Alembic's batch mode would rebuild the tables: that loses the
    # stage_change trigger and cannot keep foreign keys checked while deal and account are swapped).
    for table, column in (('deal', 'deleted_at'), ('stage_change', 'deleted_at'), ('activity', 'deleted_at'),
                          ('deal', 'contact_id'), ('account', 'owner_id'), ('account', 'industry')):
        _drop_column(table, column)
    op.drop_index('ix_contact_account', table_name='contact')
    op.drop_index('ix_contact_name_key', table_name='contact')
    op.drop_table('contact')


def _add_reference(table: str, column: str, target: str) -> None:
    """A nullable reference column. PostgreSQL gets the foreign key; on SQLite the column stays plain, because
    SQLite can drop a column in place only when no constraint names it (the code writes only ids it read)."""
    if _dialect() == 'sqlite':
        op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
    else:
        op.add_column(table, sa.Column(column, sa.Integer(), sa.ForeignKey(f'{target}.id'), nullable=True))


def _drop_column(table: str, column: str) -> None:
    if _dialect() == 'sqlite':
        op.execute(sa.text(f'ALTER TABLE {table} DROP COLUMN {column}'))
    else:
        op.drop_column(table, column)
