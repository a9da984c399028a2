"""The 就业见习补贴 (trainee subsidy) may be claimed online, by the host employer; claims carry
the app's dates.

Revision 0019 allowed claims of three of the ledger's four rules; the ledger's fourth,
`trainee_post` (policy.subsidies), is paid to the employer hosting the trainee and is now a
claim line like the others, so the CHECK on `subsidy_claims.rule` lists it.

A claim records the day it was made and the day it was decided on the app's clock
(`claimed_on`, `decided_on`), the clock every other date of the policy reads (the pinned 2020
demo included): a payment is dated against the approval's day, which the wall-clock
`decided_at` cannot give. Rows made before take their timestamps' dates.

Going down narrows the CHECK again; a database already holding trainee claims is refused
rather than stripped of them (a claim is a payment record the bureau keeps): the bureau
decides what becomes of those rows before it downgrades.

Revision ID: 0022
Revises: 0021
"""

import sqlalchemy as sa
from alembic import op

revision = '0022'
down_revision = '0021'
branch_labels = None
depends_on = None

NARROW = "rule IN ('graduate_absorption', 'long_term_unemployed_hire', 'public_welfare_post')"
WIDE = ("rule IN ('graduate_absorption', 'long_term_unemployed_hire', 'public_welfare_post', "
        "'trainee_post')")


def upgrade() -> None:
    _replace_rule_check(WIDE)
    with op.batch_alter_table('subsidy_claims', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claimed_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('decided_on', sa.Date(), nullable=True))
    day = "date({})" if op.get_bind().dialect.name == "sqlite" else "CAST({} AS DATE)"
    op.execute(f"UPDATE subsidy_claims SET claimed_on = {day.format('claimed_at')}, "
               f"decided_on = {day.format('decided_at')}")
    with op.batch_alter_table('subsidy_claims', schema=None) as batch_op:
        batch_op.alter_column('claimed_on', existing_type=sa.Date(), nullable=False)


def downgrade() -> None:
    held = op.get_bind().scalar(sa.text("SELECT count(*) FROM subsidy_claims WHERE rule = 'trainee_post'"))
    if held:
        raise RuntimeError(f"{held} trainee subsidy claims (rule 'trainee_post') exist; the revisions before 0022 "
                           "cannot hold them. Remove or keep them elsewhere before downgrading.")
    with op.batch_alter_table('subsidy_claims', schema=None) as batch_op:
        batch_op.drop_column('decided_on')
        batch_op.drop_column('claimed_on')
    _replace_rule_check(NARROW)


def _replace_rule_check(condition: str) -> None:
    # SQLite rebuilds the table (batch mode); PostgreSQL alters it in place.
    with op.batch_alter_table('subsidy_claims', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_subsidy_claims_rule'), type_='check')
        batch_op.create_check_constraint(op.f('ck_subsidy_claims_rule'), condition)
