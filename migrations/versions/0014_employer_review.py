"""Employer verification carries the licence's details and a decision with its reason.

The bureau checks the 统一社会信用代码 against the licence's legal representative and
address, and besides 通过审核 may 退回补充 (the employer completes its details and is back
in the queue) or 驳回, with a reason the employer reads on its page. Who decided and when is
in the audit log; the row keeps the state the employer's page reads.

Revision ID: 0014
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.add_column(sa.Column('legal_representative', sa.String(length=64), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('address', sa.String(length=128), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('review_decision', sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column('review_reason', sa.String(length=200), nullable=False,
                                      server_default=''))
        batch_op.add_column(sa.Column('reviewed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.create_check_constraint(op.f('ck_employers_review_decision'),
                                         "review_decision IN ('returned', 'rejected')")


def downgrade() -> None:
    with op.batch_alter_table('employers', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_employers_review_decision'), type_='check')
        batch_op.drop_column('reviewed_at')
        batch_op.drop_column('review_reason')
        batch_op.drop_column('review_decision')
        batch_op.drop_column('address')
        batch_op.drop_column('legal_representative')
