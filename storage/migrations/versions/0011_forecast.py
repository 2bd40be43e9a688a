"""forecast: deal versions, the forecast category override, settings, stage map, submissions, adjustments

Revision ID: 0011_forecast
Revises: 0006_privacy
Create Date: 2026-12-02 12:40:00
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import storage.types


revision = '0011_forecast'
down_revision = '0006_privacy'
branch_labels = None
depends_on = None

TEXT = sqlmodel.sql.sqltypes.AutoString
WHEN = storage.types.UTCDateTime

# Existing deals get one version per stage move, with their present amount, close date and owner (the best
# that is known), then one at creation for any deal without stage history.
BACKFILL = ("""
INSERT INTO deal_version (workspace_id, deal_id, valid_from, owner_id, amount_minor, currency, expected_close,
                          stage, status, closed_at, forecast_category, deleted)
SELECT d.workspace_id, d.id, c.changed_at, d.owner_id, d.amount_minor, d.currency, d.expected_close, c.to_stage,
       COALESCE(s.outcome, 'open'), CASE WHEN COALESCE(s.outcome, 'open') <> 'open' THEN c.changed_at END,
       NULL, FALSE
FROM stage_change c JOIN deal d ON d.id = c.deal_id
LEFT JOIN stage s ON s.workspace_id = d.workspace_id AND s.name = c.to_stage
""", """
INSERT INTO deal_version (workspace_id, deal_id, valid_from, owner_id, amount_minor, currency, expected_close,
                          stage, status, closed_at, forecast_category, deleted)
SELECT d.workspace_id, d.id, d.created_at, d.owner_id, d.amount_minor, d.currency, d.expected_close, d.stage,
       d.status, d.closed_at, NULL, FALSE
FROM deal d WHERE NOT EXISTS (SELECT 1 FROM deal_version v WHERE v.deal_id = d.id)
""")


def upgrade() -> None:
    op.add_column('deal', sa.Column('forecast_category', TEXT(length=16), nullable=True))
    op.create_table('deal_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('deal_id', sa.Integer(), nullable=False),
    sa.Column('valid_from', WHEN(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('amount_minor', sa.Integer(), nullable=False),
    sa.Column('currency', TEXT(length=3), nullable=False),
    sa.Column('expected_close', sa.Date(), nullable=True),
    sa.Column('stage', TEXT(length=40), nullable=False),
    sa.Column('status', TEXT(length=8), nullable=False),
    sa.Column('closed_at', WHEN(), nullable=True),
    sa.Column('forecast_category', TEXT(length=16), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['deal_id'], ['deal.id'], ),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_deal_version_deal', 'deal_version', ['workspace_id', 'deal_id', 'valid_from'])
    op.create_table('forecast_setting',
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('period_kind', TEXT(length=8), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.PrimaryKeyConstraint('workspace_id')
    )
    op.create_table('forecast_stage_map',
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('stage', TEXT(length=40), nullable=False),
    sa.Column('category', TEXT(length=16), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.PrimaryKeyConstraint('workspace_id', 'stage')
    )
    for table, who, when, best_nullable in (('forecast_submission', 'submitted_by', 'submitted_at', False),
                                            ('forecast_adjustment', 'adjusted_by', 'adjusted_at', True)):
        columns = [
            sa.Column('id', sa.Integer(), nullable=False),
            sa.Column('workspace_id', sa.Integer(), nullable=False),
            sa.Column('person_id', sa.Integer(), nullable=False),
            sa.Column('scope', TEXT(length=8), nullable=False),
            sa.Column('period_start', sa.Date(), nullable=False),
            sa.Column('period_end', sa.Date(), nullable=False),
            sa.Column('commit_minor', sa.BigInteger(), nullable=False),
            sa.Column('best_minor', sa.BigInteger(), nullable=best_nullable),
            sa.Column('currency', TEXT(length=3), nullable=False),
            sa.Column('note', sa.Text(), nullable=False),
        ]
        if table == 'forecast_submission':
            columns.append(sa.Column('as_computed', sa.Boolean(), nullable=False))
        columns += [sa.Column(who, sa.Integer(), nullable=False), sa.Column(when, WHEN(), nullable=False),
                    sa.ForeignKeyConstraint([who], ['person.id'], ),
                    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
                    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
                    sa.PrimaryKeyConstraint('id')]
        op.create_table(table, *columns)
        op.create_index(f'ix_{table}_period', table, ['workspace_id', 'period_start', 'person_id', when])
    for statement in BACKFILL:
        op.execute(sa.text(statement))


def downgrade() -> None:
    for table in ('forecast_adjustment', 'forecast_submission'):
        op.drop_index(f'ix_{table}_period', table_name=table)
        op.drop_table(table)
    op.drop_table('forecast_stage_map')
    op.drop_table('forecast_setting')
    op.drop_index('ix_deal_version_deal', table_name='deal_version')
    op.drop_table('deal_version')
    # A plain ALTER on both databases: a batch copy of `deal` would break the trigger that reads it on SQLite.
    op.execute(sa.text('ALTER TABLE deal DROP COLUMN forecast_category'))
