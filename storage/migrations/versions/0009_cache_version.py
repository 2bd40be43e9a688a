"""cache version: a workspace counter bumped whenever its settings, stages or people change

Revision ID: 0009_cache_version
Revises: 0010_data_io
Create Date: 2026-12-02 12:45:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0009_cache_version'
down_revision = '0010_data_io'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every process caches a workspace's settings, stages and people; a unit of work reads this counter in
    # its own transaction and drops its caches when another process has moved it on (storage/cache.py).
    with op.batch_alter_table('workspace') as batch:
        batch.add_column(sa.Column('cache_version', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('workspace') as batch:
        batch.drop_column('cache_version')
