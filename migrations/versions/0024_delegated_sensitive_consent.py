"""A sensitive-group consent (PIPL Art. 29) given through township staff acting for the person
(代办): the consent event's source 'delegated' and the 代办 consent it was given under
(`delegation_id`, which names the staff member; the event's `by_id` is that staff member).

Going down, the older schema knows only the person's own consent and the bureau's import: a
delegated event becomes the person's ('seeker'), which it was, given by word of mouth; who
ticked it for them stays in the audit log (both names and the 代办 consent's id).

Revision ID: 0024
Revises: 0023
"""

import sqlalchemy as sa
from alembic import op

revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None

OLD_SOURCES = "source IN ('seeker', 'bureau_import')"
NEW_SOURCES = "source IN ('seeker', 'bureau_import', 'delegated')"
DELEGATED_HAS_CONSENT = "(source = 'delegated') = (delegation_id IS NOT NULL)"


def upgrade() -> None:
    with op.batch_alter_table('consent_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('delegation_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_consent_events_delegation_id_delegation_consents'),
                                    'delegation_consents', ['delegation_id'], ['id'])
        batch_op.drop_constraint(op.f('ck_consent_events_source'), type_='check')
        batch_op.create_check_constraint(op.f('ck_consent_events_source'), sa.text(NEW_SOURCES))
        batch_op.create_check_constraint(op.f('ck_consent_events_delegated_has_consent'),
                                         sa.text(DELEGATED_HAS_CONSENT))


def downgrade() -> None:
    op.execute("UPDATE consent_events SET source = 'seeker', delegation_id = NULL WHERE source = 'delegated'")
    with op.batch_alter_table('consent_events', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_consent_events_delegated_has_consent'), type_='check')
        batch_op.drop_constraint(op.f('ck_consent_events_source'), type_='check')
        batch_op.create_check_constraint(op.f('ck_consent_events_source'), sa.text(OLD_SOURCES))
        batch_op.drop_constraint(batch_op.f('fk_consent_events_delegation_id_delegation_consents'),
                                 type_='foreignkey')
        batch_op.drop_column('delegation_id')
