"""Stated wishes the recommendations use (issue 10.2): a seeker's 期望月薪 and 全职/兼职, and a
post's 全职/兼职. Existing posts are full-time; existing profiles state neither.

Revision ID: 0013
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('desired_salary', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('work_type', sa.String(length=16), nullable=False, server_default=''))
        batch_op.create_check_constraint(op.f('ck_candidates_work_type'),
                                         "work_type IN ('', 'full_time', 'part_time')")
        batch_op.create_check_constraint(op.f('ck_candidates_desired_salary_positive'),
                                         "desired_salary IS NULL OR desired_salary >= 0")
    # Plain ALTER TABLE, no batch: rebuilding `posts` on SQLite trips the placement triggers
    # that read it (0006), so its value is checked by the forms, the API schema and the service.
    op.add_column('posts', sa.Column('work_type', sa.String(length=16), nullable=False,
                                     server_default='full_time'))


def downgrade() -> None:
    op.drop_column('posts', 'work_type')
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_candidates_desired_salary_positive'), type_='check')
        batch_op.drop_constraint(op.f('ck_candidates_work_type'), type_='check')
        batch_op.drop_column('work_type')
        batch_op.drop_column('desired_salary')
