"""Initial schema: accounts, employers, posts, candidates, applications, quotas, placements, audit.

Revision ID: 0001
Revises:
Create Date: 2026-11-27 13:48:18.724259
"""

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('employers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('credit_code', sa.String(length=18), nullable=False),
    sa.Column('ownership', sa.String(length=24), nullable=False),
    sa.Column('size', sa.String(length=8), nullable=False),
    sa.Column('staff_count', sa.Integer(), nullable=False),
    sa.Column('industry', sa.String(length=32), nullable=False),
    sa.Column('township', sa.String(length=16), nullable=False),
    sa.Column('contact_name', sa.String(length=64), nullable=False),
    sa.Column('contact_phone', sa.String(length=11), nullable=False),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("ownership IN ('soe', 'private', 'foreign', 'public_institution')", name=op.f('ck_employers_ownership')),
    sa.CheckConstraint("size IN ('micro', 'small', 'medium', 'large')", name=op.f('ck_employers_size')),
    sa.CheckConstraint('staff_count >= 0', name=op.f('ck_employers_staff_count_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employers')),
    sa.UniqueConstraint('credit_code', name=op.f('uq_employers_credit_code'))
    )
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employers_industry'), ['industry'], unique=False)
        batch_op.create_index(batch_op.f('ix_employers_township'), ['township'], unique=False)

    op.create_table('quota_programs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('target', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('trainee', 'public_welfare')", name=op.f('ck_quota_programs_kind')),
    sa.CheckConstraint('end_date >= start_date', name=op.f('ck_quota_programs_period_ordered')),
    sa.CheckConstraint('target > 0', name=op.f('ck_quota_programs_target_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_quota_programs')),
    sa.UniqueConstraint('key', name=op.f('uq_quota_programs_key'))
    )
    op.create_table('posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=64), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=True),
    sa.Column('industry', sa.String(length=32), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('requirements', sa.Text(), nullable=False),
    sa.Column('education_min', sa.String(length=16), nullable=False),
    sa.Column('majors', sa.JSON(), nullable=False),
    sa.Column('township', sa.String(length=16), nullable=False),
    sa.Column('slots', sa.Integer(), nullable=False),
    sa.Column('salary_min', sa.Integer(), nullable=True),
    sa.Column('salary_max', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('open_date', sa.Date(), nullable=False),
    sa.Column('close_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("education_min IN ('none', 'junior_high', 'high_school', 'vocational', 'associate', 'bachelor', 'master', 'doctor')", name=op.f('ck_posts_education_min')),
    sa.CheckConstraint("kind = 'regular' OR program_id IS NOT NULL", name=op.f('ck_posts_quota_post_has_program')),
    sa.CheckConstraint("kind IN ('regular', 'trainee', 'public_welfare')", name=op.f('ck_posts_kind')),
    sa.CheckConstraint("status IN ('open', 'closed')", name=op.f('ck_posts_status')),
    sa.CheckConstraint('close_date IS NULL OR close_date >= open_date', name=op.f('ck_posts_dates_ordered')),
    sa.CheckConstraint('salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max', name=op.f('ck_posts_salary_range_ordered')),
    sa.CheckConstraint('slots > 0', name=op.f('ck_posts_slots_positive')),
    sa.ForeignKeyConstraint(['employer_id'], ['employers.id'], name=op.f('fk_posts_employer_id_employers')),
    sa.ForeignKeyConstraint(['program_id'], ['quota_programs.id'], name=op.f('fk_posts_program_id_quota_programs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_posts')),
    sa.UniqueConstraint('ref', name=op.f('uq_posts_ref'))
    )
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_posts_employer_id'), ['employer_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_posts_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_posts_program_id'), ['program_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_posts_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_posts_township'), ['township'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('phone', sa.String(length=11), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('employer_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('session_generation', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(role = 'employer') = (employer_id IS NOT NULL)", name=op.f('ck_users_employer_role_has_employer')),
    sa.CheckConstraint("role IN ('seeker', 'employer', 'bureau')", name=op.f('ck_users_role')),
    sa.ForeignKeyConstraint(['employer_id'], ['employers.id'], name=op.f('fk_users_employer_id_employers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('phone', name=op.f('uq_users_phone'))
    )
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_users_employer_id'), ['employer_id'], unique=False)

    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=48), nullable=False),
    sa.Column('entity', sa.String(length=32), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=True),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_log_actor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_log_actor_id'), ['actor_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_log_at'), ['at'], unique=False)

    op.create_table('candidates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('gender', sa.String(length=8), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=False),
    sa.Column('phone', sa.String(length=11), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('education', sa.String(length=16), nullable=False),
    sa.Column('school', sa.String(length=64), nullable=False),
    sa.Column('major', sa.String(length=64), nullable=False),
    sa.Column('graduation_date', sa.Date(), nullable=True),
    sa.Column('skills', sa.Text(), nullable=False),
    sa.Column('experience', sa.Text(), nullable=False),
    sa.Column('desired', sa.Text(), nullable=False),
    sa.Column('townships', sa.JSON(), nullable=False),
    sa.Column('unemployed_since', sa.Date(), nullable=True),
    sa.Column('employed', sa.Boolean(), nullable=False),
    sa.Column('open_to_offers', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("education IN ('none', 'junior_high', 'high_school', 'vocational', 'associate', 'bachelor', 'master', 'doctor')", name=op.f('ck_candidates_education')),
    sa.CheckConstraint("gender IN ('', 'male', 'female')", name=op.f('ck_candidates_gender')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_candidates_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidates')),
    sa.UniqueConstraint('id_number', name=op.f('uq_candidates_id_number')),
    sa.UniqueConstraint('ref', name=op.f('uq_candidates_ref')),
    sa.UniqueConstraint('user_id', name=op.f('uq_candidates_user_id'))
    )
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidates_phone'), ['phone'], unique=False)

    op.create_table('applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('reason', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('applied', 'shortlisted', 'interview', 'offered', 'hired', 'rejected', 'withdrawn')", name=op.f('ck_applications_status')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_applications_candidate_id_candidates')),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_applications_post_id_posts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications')),
    sa.UniqueConstraint('post_id', 'candidate_id', name='uq_applications_post_candidate')
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_applications_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_post_id'), ['post_id'], unique=False)

    op.create_table('group_claims',
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('group', sa.String(length=24), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('declared', 'verified', 'rejected')", name=op.f('ck_group_claims_status')),
    sa.CheckConstraint('"group" IN (\'fresh_graduate\', \'unemployed_graduate\', \'registered_unemployed\', \'hardship\', \'low_income\', \'poverty\', \'veteran\', \'migrant_worker\', \'hubei\')', name=op.f('ck_group_claims_group')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_group_claims_candidate_id_candidates')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_group_claims_decided_by_id_users')),
    sa.PrimaryKeyConstraint('candidate_id', 'group', name=op.f('pk_group_claims'))
    )
    op.create_table('placements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('program_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('term_end', sa.Date(), nullable=True),
    sa.Column('extended_until', sa.Date(), nullable=True),
    sa.Column('ended_on', sa.Date(), nullable=True),
    sa.Column('end_reason', sa.String(length=32), nullable=True),
    sa.Column('retained', sa.Boolean(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("kind IN ('regular', 'trainee', 'public_welfare')", name=op.f('ck_placements_kind')),
    sa.CheckConstraint('(ended_on IS NULL) = (end_reason IS NULL)', name=op.f('ck_placements_ended_with_reason')),
    sa.CheckConstraint('ended_on IS NULL OR ended_on >= start_date', name=op.f('ck_placements_end_after_start')),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'], name=op.f('fk_placements_candidate_id_candidates')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_placements_created_by_id_users')),
    sa.ForeignKeyConstraint(['post_id'], ['posts.id'], name=op.f('fk_placements_post_id_posts')),
    sa.ForeignKeyConstraint(['program_id'], ['quota_programs.id'], name=op.f('fk_placements_program_id_quota_programs')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_placements')),
    sa.UniqueConstraint('post_id', 'candidate_id', name='uq_placements_post_candidate')
    )
    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_placements_candidate_id'), ['candidate_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_placements_post_id'), ['post_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_placements_program_id'), ['program_id'], unique=False)
        batch_op.create_index('uq_placements_active_public_welfare', ['candidate_id'], unique=True, sqlite_where=sa.text("kind = 'public_welfare' AND ended_on IS NULL"), postgresql_where=sa.text("kind = 'public_welfare' AND ended_on IS NULL"))



def downgrade() -> None:
    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.drop_index('uq_placements_active_public_welfare', sqlite_where=sa.text("kind = 'public_welfare' AND ended_on IS NULL"), postgresql_where=sa.text("kind = 'public_welfare' AND ended_on IS NULL"))
        batch_op.drop_index(batch_op.f('ix_placements_program_id'))
        batch_op.drop_index(batch_op.f('ix_placements_post_id'))
        batch_op.drop_index(batch_op.f('ix_placements_candidate_id'))

    op.drop_table('placements')
    op.drop_table('group_claims')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applications_post_id'))
        batch_op.drop_index(batch_op.f('ix_applications_candidate_id'))

    op.drop_table('applications')
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidates_phone'))

    op.drop_table('candidates')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_log_at'))
        batch_op.drop_index(batch_op.f('ix_audit_log_actor_id'))

    op.drop_table('audit_log')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_users_employer_id'))

    op.drop_table('users')
    with op.batch_alter_table('posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_posts_township'))
        batch_op.drop_index(batch_op.f('ix_posts_status'))
        batch_op.drop_index(batch_op.f('ix_posts_program_id'))
        batch_op.drop_index(batch_op.f('ix_posts_kind'))
        batch_op.drop_index(batch_op.f('ix_posts_employer_id'))

    op.drop_table('posts')
    op.drop_table('quota_programs')
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employers_township'))
        batch_op.drop_index(batch_op.f('ix_employers_industry'))

    op.drop_table('employers')
