"""locale: the workspace's language, a person's chosen and platform-reported language; CJK search documents

Revision ID: 0017_locale
Revises: 0007_crm
Create Date: 2026-12-02 18:20:00.000000
"""
from alembic import op
import sqlalchemy as sa

from storage.search_schema import backfill_search

revision = '0017_locale'
down_revision = "0016_big_amounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL means "not chosen": English for a workspace, the platform's or the workspace's language for a person.
    op.add_column('workspace', sa.Column('locale', sa.String(length=16), nullable=True))
    op.add_column('person', sa.Column('locale', sa.String(length=16), nullable=True))
    op.add_column('person', sa.Column('platform_locale', sa.String(length=16), nullable=True))
    # Search documents now hold CJK text one character per word (storage/search.py): index them again.
    backfill_search(op.get_bind())


def downgrade() -> None:
    # SQLite 3.35+ drops plain columns in place; batch mode would rebuild person and workspace, which every
    # other table refers to (the foreign keys stay checked), as 0007_crm explains.
    for table, column in (('person', 'platform_locale'), ('person', 'locale'), ('workspace', 'locale')):
        if op.get_bind().dialect.name == 'sqlite':
            op.execute(sa.text(f'ALTER TABLE {table} DROP COLUMN {column}'))
        else:
            op.drop_column(table, column)
