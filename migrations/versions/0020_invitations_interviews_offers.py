"""The hiring conversation: invitations (邀请投递), interviews (面试) and offers (录用通知).

A pending offer holds a slot of its post (services.offers counts it beside the active
placements, under the post's row lock); one pending offer per application, by a partial
unique index that both databases support.

Revision ID: 0020
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = '0020'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'invitations',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('post_id', sa.Integer(), nullable=False),
        sa.Column('candidate_id', sa.Integer(), nullable=False),
        sa.Column('employer_id', sa.Integer(), nullable=False),
        sa.Column('sent_by_id', sa.Integer(), nullable=False),
        sa.Column('message', sa.String(length=200), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('sent_on', sa.Date(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=True),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('pending', 'accepted', 'declined')",
                           name=op.f('ck_invitations_status')),
        sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_invitations_post_id_posts')),
        sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'],
                                name=op.f('fk_invitations_candidate_id_candidates')),
        sa.ForeignKeyConstraint(['employer_id'], ['employers.id'],
                                name=op.f('fk_invitations_employer_id_employers')),
        sa.ForeignKeyConstraint(['sent_by_id'], ['users.id'],
                                name=op.f('fk_invitations_sent_by_id_users')),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                                name=op.f('fk_invitations_application_id_applications')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations')),
        sa.UniqueConstraint('post_id', 'candidate_id', name='uq_invitations_post_candidate'),
    )
    op.create_index('ix_invitations_post_id', 'invitations', ['post_id'])
    op.create_index('ix_invitations_candidate_id', 'invitations', ['candidate_id'])
    op.create_index('ix_invitations_employer_id_sent_on', 'invitations', ['employer_id', 'sent_on'])
    op.create_table(
        'interviews',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('place', sa.String(length=128), nullable=False),
        sa.Column('contact', sa.String(length=64), nullable=False),
        sa.Column('contact_phone', sa.String(length=20), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('seeker_note', sa.String(length=200), nullable=False),
        sa.Column('reminded_on', sa.Date(), nullable=True),
        sa.Column('created_by_id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('proposed', 'confirmed', 'declined', 'reschedule')",
                           name=op.f('ck_interviews_status')),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                                name=op.f('fk_interviews_application_id_applications')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_interviews_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_interviews')),
    )
    op.create_index('ix_interviews_application_id', 'interviews', ['application_id'])
    op.create_index('ix_interviews_starts_at', 'interviews', ['starts_at'])
    op.create_table(
        'offers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('post_id', sa.Integer(), nullable=False),
        sa.Column('start_date', sa.Date(), nullable=False),
        sa.Column('monthly_pay', sa.Integer(), nullable=False),
        sa.Column('term_months', sa.Integer(), nullable=True),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('made_on', sa.Date(), nullable=False),
        sa.Column('expires_on', sa.Date(), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=False),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')",
                           name=op.f('ck_offers_status')),
        sa.CheckConstraint('monthly_pay > 0', name=op.f('ck_offers_monthly_pay_positive')),
        sa.CheckConstraint('term_months IS NULL OR term_months > 0',
                           name=op.f('ck_offers_term_months_positive')),
        sa.CheckConstraint('expires_on >= made_on', name=op.f('ck_offers_expires_after_made')),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id'],
                                name=op.f('fk_offers_application_id_applications')),
        sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_offers_post_id_posts')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_offers_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_offers')),
    )
    op.create_index('ix_offers_application_id', 'offers', ['application_id'])
    op.create_index('ix_offers_post_id_status', 'offers', ['post_id', 'status'])
    op.create_index('uq_offers_pending_application', 'offers', ['application_id'], unique=True,
                    sqlite_where=sa.text("status = 'pending'"),
                    postgresql_where=sa.text("status = 'pending'"))


def downgrade() -> None:
    op.drop_table('offers')
    op.drop_table('interviews')
    op.drop_table('invitations')
