"""Monthly follow-up contacts （十四） and posts reserved for fresh graduates （七）.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27 14:05:06.058001
"""

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('followups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('contacted_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=8), nullable=False),
    sa.Column('outcome', sa.String(length=12), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("channel IN ('phone', 'visit', 'wechat', 'other')", name=op.f('ck_followups_channel')),
    sa.CheckConstraint("outcome IN ('employed', 'seeking', 'training', 'unreachable', 'other')", name=op.f('ck_followups_outcome')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_followups_candidate_id_candidates')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_followups_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_followups'))
    )
    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_followups_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_followups_contacted_on'), ['contacted_on'], unique=False)

    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reserved_for_graduates', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_column('reserved_for_graduates')

    with op.batch_alter_table('followups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_followups_contacted_on'))
        batch_op.drop_index(batch_op.f('ix_followups_candidate_id'))

    op.drop_table('followups')
