"""Placements record the labour contract's length (（十） loan-interest test).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 14:17:00.815654
"""

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contract_months', sa.Integer(), nullable=True))
        batch_op.create_check_constraint(op.f('ck_placements_contract_months_positive'),
                                         'contract_months IS NULL OR contract_months > 0')


def downgrade() -> None:
    with op.batch_alter_table('placements', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_placements_contract_months_positive'), type_='check')
        batch_op.drop_column('contract_months')
