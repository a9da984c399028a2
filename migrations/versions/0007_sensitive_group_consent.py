"""Consent for sensitive groups (PIPL Art. 28–29): a table of consent events, and group claims
that a withdrawal marks 'withdrawn' (with its time) instead of deleting, so that decisions taken
before the withdrawal keep what was true then.

Claims already stored have no consent event: the person is asked for the separate consent the
next time they save a sensitive group (services.consent). Downgrade deletes withdrawn claims
(the old schema has no such status: they count for nothing from then on anyway).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 21:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

OLD_STATUSES = "status IN ('declared', 'verified', 'rejected')"
NEW_STATUSES = "status IN ('declared', 'verified', 'rejected', 'withdrawn')"


def upgrade() -> None:
    op.create_table('consent_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.JSON(), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('text_version', sa.String(length=32), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("action IN ('granted', 'withdrawn')", name=op.f('ck_consent_events_action')),
    sa.CheckConstraint("source IN ('seeker', 'bureau_import')", name=op.f('ck_consent_events_source')),
    sa.ForeignKeyConstraint(['by_id'], ['users.id'], name=op.f('fk_consent_events_by_id_users')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_consent_events_candidate_id_candidates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_events'))
    )
    with op.batch_alter_table('consent_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_events_candidate_id'), ['candidate_id'], unique=False)
    with op.batch_alter_table('group_claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.drop_constraint(op.f('ck_group_claims_status'), type_='check')
        batch_op.create_check_constraint(op.f('ck_group_claims_status'), sa.text(NEW_STATUSES))


def downgrade() -> None:
    op.execute("DELETE FROM group_claims WHERE status = 'withdrawn'")
    with op.batch_alter_table('group_claims', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_group_claims_status'), type_='check')
        batch_op.create_check_constraint(op.f('ck_group_claims_status'), sa.text(OLD_STATUSES))
        batch_op.drop_column('withdrawn_at')
    with op.batch_alter_table('consent_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_events_candidate_id'))
    op.drop_table('consent_events')
