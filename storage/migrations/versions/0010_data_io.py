"""data in and out: external ids, the sync outbox, sync state and export files

Revision ID: 0010_data_io
Revises: 0013_rhythm
"""
from alembic import op
import sqlalchemy as sa
import storage.types


revision = '0010_data_io'
down_revision = '0013_rhythm'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('external_ref',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('entity', sa.String(length=16), nullable=False),
    sa.Column('external_id', sa.String(length=320), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('remote_modified_at', storage.types.UTCDateTime(), nullable=True),
    sa.Column('local_synced_at', storage.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id', 'source', 'entity', 'external_id')
    )
    op.create_index('ix_external_ref_local', 'external_ref', ['workspace_id', 'source', 'entity', 'entity_id'])
    op.create_table('sync_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('entity', sa.String(length=16), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=300), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(), nullable=False),
    sa.Column('pushed_at', storage.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_sync_outbox_pending', 'sync_outbox', ['workspace_id', 'source', 'pushed_at', 'id'])
    op.create_table('sync_state',
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('cursors', sa.Text(), nullable=False),
    sa.Column('paused_until', storage.types.UTCDateTime(), nullable=True),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=300), nullable=False),
    sa.Column('admins_told', sa.Boolean(), nullable=False),
    sa.Column('last_sync_at', storage.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.PrimaryKeyConstraint('workspace_id', 'source')
    )
    op.create_table('export_file',
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('mime', sa.String(length=100), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('expires_at', storage.types.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.PrimaryKeyConstraint('token')
    )


def downgrade() -> None:
    op.drop_table('export_file')
    op.drop_table('sync_state')
    op.drop_index('ix_sync_outbox_pending', table_name='sync_outbox')
    op.drop_table('sync_outbox')
    op.drop_index('ix_external_ref_local', table_name='external_ref')
    op.drop_table('external_ref')
