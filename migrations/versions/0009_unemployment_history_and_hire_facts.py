"""Unemployment registrations keep their history; placements keep the facts of their subsidies.

（十） "登记失业半年以上" is a duration of a registration the bureau confirmed: the registration
gains the date the bureau accepted (`registered_on`, backfilled from the date confirmed rows
were registered from) and its end (`ended_on`, `end_reason`: 就业 or 注销). A placement gains
`hire_facts`, the facts its one-off subsidies read, fixed at the hire (NULL for older rows).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 22:40:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

CHECKS = {
    "ended_with_reason": "(ended_on IS NULL) = (end_reason IS NULL)",
    "end_reason": "end_reason IS NULL OR end_reason IN ('employed', 'cancelled')",
    "ended_if_registered": "ended_on IS NULL OR registered_on IS NOT NULL",
    "end_after_start": "ended_on IS NULL OR ended_on >= registered_on",
}


def upgrade() -> None:
    with op.batch_alter_table("unemployment_registrations") as batch:
        batch.add_column(sa.Column("registered_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("ended_on", sa.Date(), nullable=True))
        batch.add_column(sa.Column("end_reason", sa.String(length=16), nullable=True))
    op.execute("UPDATE unemployment_registrations SET registered_on = unemployed_since "
               "WHERE status = 'confirmed'")
    with op.batch_alter_table("unemployment_registrations") as batch:
        for name, condition in CHECKS.items():
            batch.create_check_constraint(op.f(f"ck_unemployment_registrations_{name}"), condition)
    # A plain ALTER (no batch copy): on SQLite a copy of placements would break the slots
    # triggers of migration 0006, which name the table.
    op.add_column("placements", sa.Column("hire_facts", sa.JSON(), nullable=True))


def downgrade() -> None:
    op.drop_column("placements", "hire_facts")  # SQLite ≥ 3.35 drops a column in place
    with op.batch_alter_table("unemployment_registrations") as batch:
        for name in CHECKS:
            batch.drop_constraint(op.f(f"ck_unemployment_registrations_{name}"), type_="check")
        batch.drop_column("end_reason")
        batch.drop_column("ended_on")
        batch.drop_column("registered_on")
