"""Policy settings: the bureau's values of parameters the seed does not fix, each from a date.

The public-welfare monthly subsidy and the expiry window were copied into every programme's
parameters from the data file's default; they are bureau settings now (policy_settings), so a
programme keeps a monthly subsidy only when it differs from that old default (a programme's own
amount, set by the bureau), and the expiry window leaves programme parameters altogether.

Revision ID: 0011
Revises: 0010
"""

import json

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

OLD_DEFAULTS = {"monthly_subsidy_fen": 180000, "expiry_notice_days": 30}


def upgrade() -> None:
    op.create_table(
        'policy_settings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('section', sa.String(length=48), nullable=False),
        sa.Column('name', sa.String(length=48), nullable=False),
        sa.Column('value', sa.Integer(), nullable=False),
        sa.Column('effective_from', sa.Date(), nullable=False),
        sa.Column('confirmed', sa.Boolean(), nullable=False),
        sa.Column('note', sa.String(length=200), nullable=False),
        sa.Column('created_by_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('value >= 0', name=op.f('ck_policy_settings_value_not_negative')),
        sa.ForeignKeyConstraint(['created_by_id'], ['users.id'],
                                name=op.f('fk_policy_settings_created_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_settings')),
    )
    op.create_index('ix_policy_settings_parameter', 'policy_settings',
                    ['section', 'name', 'effective_from'], unique=False)
    _rewrite_params(_drop_defaults)


def downgrade() -> None:
    _rewrite_params(_restore_defaults)
    op.drop_index('ix_policy_settings_parameter', table_name='policy_settings')
    op.drop_table('policy_settings')


def _drop_defaults(kind: str, params: dict) -> dict:
    return {k: v for k, v in params.items() if OLD_DEFAULTS.get(k, object()) != v}


def _restore_defaults(kind: str, params: dict) -> dict:
    return {**OLD_DEFAULTS, **params} if kind == "public_welfare" else params


def _rewrite_params(rewrite) -> None:
    """Programme parameters are JSON (text on SQLite, json on PostgreSQL): read, rewrite, write."""
    bind = op.get_bind()
    programs = sa.table('quota_programs', sa.column('id', sa.Integer), sa.column('kind', sa.String),
                        sa.column('params', sa.JSON))
    for row in bind.execute(sa.select(programs.c.id, programs.c.kind, programs.c.params)).all():
        params = row.params if isinstance(row.params, dict) else json.loads(row.params or "{}")
        changed = rewrite(row.kind, params)
        if changed != params:
            bind.execute(programs.update().where(programs.c.id == row.id).values(params=changed))
