"""身份证号 encrypted at rest, unique and found through a keyed digest; the plaintext column goes.

The data step needs the ID key, read as the app reads it (models.id_cipher: `JOBBRIDGE_ID_KEY`,
else the instance folder's `id_key`, created on first use): run the upgrade with the same
environment as the app, or the numbers are sealed with a key the app does not have.

Downgrade decrypts the numbers back. People erased since (both columns NULL) have no number to
restore; the old NOT NULL UNIQUE column gets `ERASED` and their id instead, never a valid number.
Upgrading again recognises that placeholder and leaves both columns NULL, so an erased person
stays erased across a round trip (the placeholder exists only after this downgrade: erasure came
after this revision, so a first upgrade never meets one).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 15:10:00
"""

import sqlalchemy as sa
from alembic import op

from models import id_cipher

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

candidates = sa.table(
    'candidates',
    sa.column('id', sa.Integer()),
    sa.column('id_number', sa.String(18)),
    sa.column('id_number_encrypted', sa.LargeBinary()),
    sa.column('id_number_hash', sa.String(64)),
)


def upgrade() -> None:
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('id_number_encrypted', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('id_number_hash', sa.String(length=64), nullable=True))
    conn = op.get_bind()
    rows = [row for row in conn.execute(sa.select(candidates.c.id, candidates.c.id_number))
            if row.id_number != _erased_placeholder(row.id)]
    if rows:
        cipher = id_cipher.current()
        conn.execute(
            candidates.update().where(candidates.c.id == sa.bindparam('row_id'))
            .values(id_number_encrypted=sa.bindparam('sealed'), id_number_hash=sa.bindparam('digest')),
            [{'row_id': row.id, 'sealed': cipher.seal(row.id_number), 'digest': cipher.digest(row.id_number)}
             for row in rows],
        )
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('uq_candidates_id_number'), type_='unique')
        batch_op.drop_column('id_number')
        batch_op.create_unique_constraint(op.f('uq_candidates_id_number_hash'), ['id_number_hash'])


def downgrade() -> None:
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('id_number', sa.String(length=18), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.select(candidates.c.id, candidates.c.id_number_encrypted)).all()
    if rows:
        cipher = id_cipher.current()
        conn.execute(
            candidates.update().where(candidates.c.id == sa.bindparam('row_id'))
            .values(id_number=sa.bindparam('number')),
            [{'row_id': row.id,
              'number': cipher.open(row.id_number_encrypted) if row.id_number_encrypted is not None
              else _erased_placeholder(row.id)}
             for row in rows],
        )
    with op.batch_alter_table('candidates', schema=None) as batch_op:
        batch_op.alter_column('id_number', existing_type=sa.String(length=18), nullable=False)
        batch_op.drop_constraint(op.f('uq_candidates_id_number_hash'), type_='unique')
        batch_op.drop_column('id_number_hash')
        batch_op.drop_column('id_number_encrypted')
        batch_op.create_unique_constraint(op.f('uq_candidates_id_number'), ['id_number'])


def _erased_placeholder(candidate_id: int) -> str:
    """What the downgrade writes for a person erased at this revision or later."""
    return f'ERASED{candidate_id:012d}'
