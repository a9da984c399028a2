"""Township staff accounts (镇街、社区/村人社协理员) and the consent a person gives them to act on
their behalf (代办).

`users.township` is set exactly for the 'township' role. Going down, a township account cannot
exist in the older schema: it becomes a disabled bureau account (never an enabled one, which
would widen its reach to the whole district), so the follow-ups and audit entries it made keep
their author.

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None

OLD_ROLES = "role IN ('seeker', 'employer', 'bureau')"
NEW_ROLES = "role IN ('seeker', 'employer', 'bureau', 'township')"


def upgrade() -> None:
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('township', sa.String(length=16), nullable=True))
        batch_op.drop_constraint(op.f('ck_users_role'), type_='check')
        batch_op.create_check_constraint(op.f('ck_users_role'), sa.text(NEW_ROLES))
        batch_op.create_check_constraint(op.f('ck_users_township_role_has_township'),
                                         sa.text("(role = 'township') = (township IS NOT NULL)"))
    op.create_table(
        'delegation_consents',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('candidate_id', sa.Integer(), nullable=False),
        sa.Column('staff_id', sa.Integer(), nullable=False),
        sa.Column('township', sa.String(length=16), nullable=False),
        sa.Column('method', sa.String(length=8), nullable=False),
        sa.Column('code_hash', sa.String(length=255), nullable=True),
        sa.Column('code_expires_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('wrong_attempts', sa.Integer(), nullable=False),
        sa.Column('attachment_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('valid_until', sa.DateTime(timezone=True), nullable=True),
        sa.Column('withdrawn_at', sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("method IN ('sms', 'form')", name=op.f('ck_delegation_consents_method')),
        sa.CheckConstraint("(method = 'sms') = (code_hash IS NOT NULL)",
                           name=op.f('ck_delegation_consents_sms_has_code')),
        sa.CheckConstraint("(method = 'form') = (attachment_id IS NOT NULL)",
                           name=op.f('ck_delegation_consents_form_has_photo')),
        sa.CheckConstraint("wrong_attempts >= 0",
                           name=op.f('ck_delegation_consents_wrong_attempts_not_negative')),
        sa.ForeignKeyConstraint(['candidate_id'], ['candidates.id'],
                                name=op.f('fk_delegation_consents_candidate_id_candidates')),
        sa.ForeignKeyConstraint(['staff_id'], ['users.id'],
                                name=op.f('fk_delegation_consents_staff_id_users')),
        sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'],
                                name=op.f('fk_delegation_consents_attachment_id_attachments')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_delegation_consents')),
    )
    op.create_index(op.f('ix_delegation_consents_candidate_id'), 'delegation_consents',
                    ['candidate_id'])
    op.create_index(op.f('ix_delegation_consents_staff_id'), 'delegation_consents', ['staff_id'])


def downgrade() -> None:
    op.drop_index(op.f('ix_delegation_consents_staff_id'), table_name='delegation_consents')
    op.drop_index(op.f('ix_delegation_consents_candidate_id'), table_name='delegation_consents')
    op.drop_table('delegation_consents')
    op.execute("UPDATE users SET role = 'bureau', active = false, township = NULL, "
               "session_generation = session_generation + 1 WHERE role = 'township'")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_township_role_has_township'), type_='check')
        batch_op.drop_constraint(op.f('ck_users_role'), type_='check')
        batch_op.create_check_constraint(op.f('ck_users_role'), sa.text(OLD_ROLES))
        batch_op.drop_column('township')
