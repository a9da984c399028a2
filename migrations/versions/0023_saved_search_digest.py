"""The daily digest of saved searches (issue 13.5): each search remembers the app's day the
worker's digest last ran for its seeker and the moment up to which new posts were told, so a
rerun the same day tells nothing twice and the next day starts where this one stopped.

Revision ID: 0023
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('saved_searches', schema=None) as batch_op:
        batch_op.add_column(sa.Column('digest_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('digested_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('saved_searches', schema=None) as batch_op:
        batch_op.drop_column('digested_at')
        batch_op.drop_column('digest_on')
