"""big amounts: every amount in minor units is a 64-bit integer, so a $30m deal (3,000,000,000 cents) fits

Revision ID: 0016_big_amounts
Revises: 0014_key_accounts
Create Date: 2026-12-02 18:20:00.000000
"""
from alembic import op
import sqlalchemy as sa


revision = '0016_big_amounts'
down_revision = '0014_key_accounts'
branch_labels = None
depends_on = None

# (table, column, nullable): amounts in minor units; target.value holds them for the won_value metric.
AMOUNTS = (
    ('workspace', 'big_deal_minor', True),
    ('deal', 'amount_minor', False),
    ('deal_version', 'amount_minor', False),
    ('target', 'value', False),
)


def _alter(type_) -> None:
    # SQLite stores every INTEGER in up to 8 bytes already; only PostgreSQL's 4-byte integer needs widening.
    if op.get_bind().dialect.name == 'sqlite':
        return
    for table, column, nullable in AMOUNTS:
        op.alter_column(table, column, type_=type_, existing_nullable=nullable)


def upgrade() -> None:
    _alter(sa.BigInteger())


def downgrade() -> None:
    _alter(sa.Integer())
