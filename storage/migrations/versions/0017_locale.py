"""locale: the workspace's language, a person's chosen and platform-reported language; CJK search documents

Revision ID: 0017_locale
Revises: 0007_crm
Create Date: 2026-12-02 18:20:00.000000
"""
from alembic import op
import sqlalchemy as sa

from storage.search_schema import backfill_search

revision = '0017_locale'
down_revision = '0007_crm'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL means "not chosen": English for a workspace, the platform's or the workspace's language for a person.
    with op.batch_alter_table('workspace') as batch:
        batch.add_column(sa.Column('locale', sa.String(length=16), nullable=True))
    with op.batch_alter_table('person') as batch:
        batch.add_column(sa.Column('locale', sa.String(length=16), nullable=True))
        batch.add_column(sa.Column('platform_locale', sa.String(length=16), nullable=True))
    # Search documents now hold CJK text one character per word (storage/search.py): index them again.
    backfill_search(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table('person') as batch:
        batch.drop_column('platform_locale')
        batch.drop_column('locale')
    with op.batch_alter_table('workspace') as batch:
        batch.drop_column('locale')
