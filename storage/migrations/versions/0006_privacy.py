"""privacy: anonymous answers apart from their voters, no voter key; who may read what (workspace visibility)

Revision ID: 0006_privacy
Revises: 0008_tasks
Create Date: 2026-12-02 12:50:00.000000
"""
import secrets

from alembic import op
import sqlalchemy as sa
import sqlmodel
import storage.types


revision = '0006_privacy'
down_revision = '0008_tasks'
branch_labels = None
depends_on = None

ANSWER_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")  # on SQLite the rowid itself


def upgrade() -> None:
    with op.batch_alter_table('workspace', schema=None) as batch_op:
        batch_op.add_column(sa.Column('visibility', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False,
                                      server_default='team'))
    _create_voters()
    rows = _old_answers()
    with op.batch_alter_table('feedback_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_answer_round_id'))
    op.drop_table('feedback_answer')
    _create_answers()
    _copy_answers(rows)
    op.drop_table('voter_key')
    # Old button presses of feedback answers were remembered under the presser's id and their answer.
    op.execute("DELETE FROM processed_key WHERE key LIKE 'slack:click:%feedback answer%'")


def _create_voters() -> None:
    op.create_table('feedback_voter',
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['round_id'], ['feedback_round.id'], ),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.PrimaryKeyConstraint('round_id', 'person_id')
    )
    with op.batch_alter_table('feedback_voter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_voter_workspace_id'), ['workspace_id'], unique=False)


def _create_answers() -> None:
    op.create_table('feedback_answer',
    sa.Column('id', ANSWER_ID, autoincrement=False, nullable=False),
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('answered_at', storage.types.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['round_id'], ['feedback_round.id'], ),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('round_id', 'person_id')
    )
    with op.batch_alter_table('feedback_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_feedback_answer_round_id'), ['round_id'], unique=False)


def _old_answers() -> list:
    query = "SELECT workspace_id, round_id, person_id, value, comment, answered_at FROM feedback_answer"
    return list(op.get_bind().execute(sa.text(query)))


def _copy_answers(rows: list) -> None:
    """Answers keep their values; anonymous ones get random ids in random order, named ones a voter row.
    Voters of anonymous answers cannot be recovered (their hashes go with the key), so open anonymous
    rounds of before the upgrade accept a second answer from someone who answered already."""
    answer = sa.table('feedback_answer', *(sa.column(c) for c in (
        'id', 'workspace_id', 'round_id', 'person_id', 'value', 'comment', 'answered_at')))
    voter = sa.table('feedback_voter', sa.column('round_id'), sa.column('person_id'), sa.column('workspace_id'))
    for row in sorted(rows, key=lambda _: secrets.randbits(64)):
        named = row.person_id is not None
        op.execute(answer.insert().values(
            id=secrets.randbits(63) or 1, workspace_id=row.workspace_id, round_id=row.round_id,
            person_id=row.person_id, value=row.value, comment=row.comment,
            answered_at=row.answered_at if named else None))
        if named:
            op.execute(voter.insert().values(round_id=row.round_id, person_id=row.person_id,
                                             workspace_id=row.workspace_id))


def downgrade() -> None:
    op.create_table('voter_key',
    sa.Column('workspace_id', sa.Integer(), nullable=False),
    sa.Column('key_hex', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspace.id'], ),
    sa.PrimaryKeyConstraint('workspace_id')
    )
    with op.batch_alter_table('feedback_answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('voter_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.create_unique_constraint('uq_feedback_answer_round_id_voter_hash', ['round_id', 'voter_hash'])
    with op.batch_alter_table('feedback_voter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_feedback_voter_workspace_id'))
    op.drop_table('feedback_voter')
    with op.batch_alter_table('workspace', schema=None) as batch_op:
        batch_op.drop_column('visibility')
