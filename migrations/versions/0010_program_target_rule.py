"""Quota programs say whether their target is a cap on posts offered or a floor of people placed.

（六）'s 500 temporary public-welfare posts are a cap on slots offered; （七）'s "不少于50个见习岗位"
is a floor. Existing trainee programs become floors, the others caps.

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('quota_programs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_rule', sa.String(length=8), nullable=False,
                                      server_default='cap'))
        batch_op.create_check_constraint(op.f('ck_quota_programs_target_rule'),
                                         "target_rule IN ('cap', 'floor')")
    op.execute("UPDATE quota_programs SET target_rule = 'floor' WHERE kind = 'trainee'")


def downgrade() -> None:
    with op.batch_alter_table('quota_programs', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_quota_programs_target_rule'), type_='check')
        batch_op.drop_column('target_rule')
