"""Subsidy claims with evidence files, and the evidence and refusal reason of group claims.

Revision ID: 0019
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = '0019'
down_revision = '0015'
branch_labels = None
depends_on = None

OPEN_CLAIM = sa.text("status IN ('claimed', 'approved')")


def upgrade() -> None:
    op.create_table(
        'attachments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
        sa.Column('stored_name', sa.String(length=64), nullable=False),
        sa.Column('filename', sa.String(length=128), nullable=False),
        sa.Column('content_type', sa.String(length=32), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("content_type IN ('application/pdf', 'image/jpeg', 'image/png')",
                           name=op.f('ck_attachments_content_type')),
        sa.CheckConstraint('size > 0', name=op.f('ck_attachments_size_positive')),
        sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'],
                                name=op.f('fk_attachments_uploaded_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_attachments')),
        sa.UniqueConstraint('stored_name', name=op.f('uq_attachments_stored_name')),
    )
    op.create_index(op.f('ix_attachments_uploaded_by_id'), 'attachments', ['uploaded_by_id'])
    op.create_table(
        'subsidy_claims',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('placement_id', sa.Integer(), nullable=False),
        sa.Column('rule', sa.String(length=32), nullable=False),
        sa.Column('status', sa.String(length=10), nullable=False),
        sa.Column('amount_fen', sa.Integer(), nullable=False),
        sa.Column('explanation', sa.Text(), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.Column('attachment_id', sa.Integer(), nullable=True),
        sa.Column('claimed_by_id', sa.Integer(), nullable=False),
        sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reason', sa.Text(), nullable=True),
        sa.Column('paid_on', sa.Date(), nullable=True),
        sa.Column('voucher', sa.String(length=64), nullable=True),
        sa.Column('paid_by_id', sa.Integer(), nullable=True),
        sa.CheckConstraint("status IN ('claimed', 'approved', 'rejected', 'paid')",
                           name=op.f('ck_subsidy_claims_status')),
        sa.CheckConstraint("rule IN ('graduate_absorption', 'long_term_unemployed_hire', "
                           "'public_welfare_post')", name=op.f('ck_subsidy_claims_rule')),
        sa.CheckConstraint('amount_fen > 0', name=op.f('ck_subsidy_claims_amount_positive')),
        sa.CheckConstraint("status <> 'rejected' OR reason IS NOT NULL",
                           name=op.f('ck_subsidy_claims_rejected_with_reason')),
        sa.CheckConstraint("status <> 'paid' OR (paid_on IS NOT NULL AND voucher IS NOT NULL)",
                           name=op.f('ck_subsidy_claims_paid_with_voucher')),
        sa.ForeignKeyConstraint(['placement_id'], ['placements.id'],
                                name=op.f('fk_subsidy_claims_placement_id_placements')),
        sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'],
                                name=op.f('fk_subsidy_claims_attachment_id_attachments')),
        sa.ForeignKeyConstraint(['claimed_by_id'], ['users.id'],
                                name=op.f('fk_subsidy_claims_claimed_by_id_users')),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'],
                                name=op.f('fk_subsidy_claims_decided_by_id_users')),
        sa.ForeignKeyConstraint(['paid_by_id'], ['users.id'],
                                name=op.f('fk_subsidy_claims_paid_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_subsidy_claims')),
    )
    op.create_index(op.f('ix_subsidy_claims_placement_id'), 'subsidy_claims', ['placement_id'])
    op.create_index(op.f('ix_subsidy_claims_status'), 'subsidy_claims', ['status'])
    op.create_index('uq_subsidy_claims_open_line', 'subsidy_claims', ['placement_id', 'rule'],
                    unique=True, sqlite_where=OPEN_CLAIM, postgresql_where=OPEN_CLAIM)
    with op.batch_alter_table('group_claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('attachment_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f('fk_group_claims_attachment_id_attachments'),
                                    'attachments', ['attachment_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('group_claims', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('fk_group_claims_attachment_id_attachments'), type_='foreignkey')
        batch_op.drop_column('attachment_id')
        batch_op.drop_column('reason')
    op.drop_index('uq_subsidy_claims_open_line', table_name='subsidy_claims')
    op.drop_index(op.f('ix_subsidy_claims_status'), table_name='subsidy_claims')
    op.drop_index(op.f('ix_subsidy_claims_placement_id'), table_name='subsidy_claims')
    op.drop_table('subsidy_claims')
    op.drop_index(op.f('ix_attachments_uploaded_by_id'), table_name='attachments')
    op.drop_table('attachments')
