"""Seekers and employers: application history, unemployment registration, saved searches,
hidden posts, and the matcher's change log (replayed by every worker to stay current).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 13:57:51.808309
"""

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('matcher_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entity', sa.String(length=16), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('op', sa.String(length=8), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("entity IN ('post', 'candidate')", name=op.f('ck_matcher_changes_entity')),
    sa.CheckConstraint("op IN ('upsert', 'remove')", name=op.f('ck_matcher_changes_op')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_matcher_changes'))
    )
    op.create_table('hidden_posts',
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_hidden_posts_candidate_id_candidates')),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_hidden_posts_post_id_posts')),
    sa.PrimaryKeyConstraint('candidate_id', 'post_id', name=op.f('pk_hidden_posts'))
    )
    op.create_table('saved_searches',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_saved_searches_candidate_id_candidates')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_saved_searches'))
    )
    with op.batch_alter_table('saved_searches', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_saved_searches_candidate_id'), ['candidate_id'], unique=False)

    op.create_table('unemployment_registrations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('township', sa.String(length=16), nullable=False),
    sa.Column('unemployed_since', sa.Date(), nullable=False),
    sa.Column('previous_employer', sa.String(length=128), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('pending', 'confirmed', 'rejected')", name=op.f('ck_unemployment_registrations_status')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_unemployment_registrations_candidate_id_candidates')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_unemployment_registrations_decided_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_unemployment_registrations'))
    )
    with op.batch_alter_table('unemployment_registrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_unemployment_registrations_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_unemployment_registrations_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_unemployment_registrations_township'), ['township'], unique=False)

    op.create_table('application_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.String(length=255), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('applied', 'shortlisted', 'interview', 'offered', 'hired', 'rejected', 'withdrawn')", name=op.f('ck_application_events_status')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_application_events_actor_id_users')),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_application_events_application_id_applications')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_events'))
    )
    with op.batch_alter_table('application_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_events_application_id'), ['application_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('application_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_events_application_id'))

    op.drop_table('application_events')
    with op.batch_alter_table('unemployment_registrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_unemployment_registrations_township'))
        batch_op.drop_index(batch_op.f('ix_unemployment_registrations_status'))
        batch_op.drop_index(batch_op.f('ix_unemployment_registrations_candidate_id'))

    op.drop_table('unemployment_registrations')
    with op.batch_alter_table('saved_searches', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_saved_searches_candidate_id'))

    op.drop_table('saved_searches')
    op.drop_table('hidden_posts')
    op.drop_table('matcher_changes')
