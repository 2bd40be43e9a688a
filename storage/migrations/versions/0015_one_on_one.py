"""one on one: a meeting can be a 1:1 about one person (schedule.subject_id), whose scorecard is its agenda

Revision ID: 0015_one_on_one
Revises: 0007_crm
Create Date: 2026-12-02 18:30:00
"""
from alembic import op
import sqlalchemy as sa

revision = '0015_one_on_one'
down_revision = '0007_crm'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain nullable reference, like 0007's: PostgreSQL gets the foreign key; SQLite keeps the column plain
    # so it can be dropped in place (no table rebuild).
    if op.get_bind().dialect.name == 'sqlite':
        op.add_column('schedule', sa.Column('subject_id', sa.Integer(), nullable=True))
    else:
        op.add_column('schedule', sa.Column('subject_id', sa.Integer(), sa.ForeignKey('person.id'), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute(sa.text('ALTER TABLE schedule DROP COLUMN subject_id'))
    else:
        op.drop_column('schedule', 'subject_id')
