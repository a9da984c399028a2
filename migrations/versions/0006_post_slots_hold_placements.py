"""The database refuses more active placements in a post than its slots.

The services lock the post's row and count before placing someone or lowering its slots; these
triggers are the last line of defence, for any other writer (psql, a repair, a future code
path). They fire on a new or re-opened placement and on fewer slots, and raise
"post_over_capacity" (models.placement.OVER_CAPACITY; kept literal here, as revisions do not
follow later code): SQLSTATE 23514 on PostgreSQL, SQLITE_CONSTRAINT on SQLite, an
IntegrityError for SQLAlchemy either way.

PostgreSQL, READ COMMITTED: a placement's trigger first locks the post row (FOR NO KEY UPDATE:
it waits for a concurrent edit of the slots or another placement there, yet does not clash with
the KEY SHARE lock a foreign key check takes), then counts with a snapshot taken after the
lock, so two writers cannot both see room. An edit of the slots holds the row's lock through its
UPDATE. SQLite admits one writer at a time, so its plain triggers see every committed row.

Revision ID: 0006
Revises: 0005
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

POSTGRESQL_UP = [
    """
    CREATE FUNCTION post_slots_hold_placements() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        the_post integer;
        capacity integer;
        active integer;
    BEGIN
        IF TG_TABLE_NAME = 'placements' THEN
            IF NEW.ended_on IS NOT NULL THEN
                RETURN NULL;
            END IF;
            the_post := NEW.post_id;
            SELECT slots INTO capacity FROM posts WHERE id = the_post FOR NO KEY UPDATE;
        ELSE
            the_post := NEW.id;
            capacity := NEW.slots;
        END IF;
        SELECT count(*) INTO active FROM placements
            WHERE post_id = the_post AND ended_on IS NULL;
        IF active > capacity THEN
            RAISE EXCEPTION 'post_over_capacity: post % would hold % active placements in % slots',
                the_post, active, capacity USING ERRCODE = 'check_violation';
        END IF;
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER placements_within_post_slots
        AFTER INSERT OR UPDATE OF post_id, ended_on ON placements
        FOR EACH ROW EXECUTE FUNCTION post_slots_hold_placements()
    """,
    """
    CREATE TRIGGER posts_slots_hold_placements
        AFTER UPDATE OF slots ON posts
        FOR EACH ROW WHEN (NEW.slots < OLD.slots) EXECUTE FUNCTION post_slots_hold_placements()
    """,
]
POSTGRESQL_DOWN = [
    "DROP TRIGGER IF EXISTS posts_slots_hold_placements ON posts",
    "DROP TRIGGER IF EXISTS placements_within_post_slots ON placements",
    "DROP FUNCTION IF EXISTS post_slots_hold_placements()",
]

_SQLITE_PLACEMENT_CHECK = """
    BEGIN
        SELECT RAISE(ABORT, 'post_over_capacity')
        WHERE (SELECT count(*) FROM placements WHERE post_id = NEW.post_id AND ended_on IS NULL)
              > (SELECT slots FROM posts WHERE id = NEW.post_id);
    END
"""
SQLITE_UP = [
    "CREATE TRIGGER placements_within_post_slots AFTER INSERT ON placements "
    "WHEN NEW.ended_on IS NULL" + _SQLITE_PLACEMENT_CHECK,
    "CREATE TRIGGER placements_within_post_slots_update AFTER UPDATE OF post_id, ended_on "
    "ON placements WHEN NEW.ended_on IS NULL" + _SQLITE_PLACEMENT_CHECK,
    """
    CREATE TRIGGER posts_slots_hold_placements AFTER UPDATE OF slots ON posts
    WHEN NEW.slots < OLD.slots
    BEGIN
        SELECT RAISE(ABORT, 'post_over_capacity')
        WHERE (SELECT count(*) FROM placements WHERE post_id = NEW.id AND ended_on IS NULL)
              > NEW.slots;
    END
    """,
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS posts_slots_hold_placements",
    "DROP TRIGGER IF EXISTS placements_within_post_slots_update",
    "DROP TRIGGER IF EXISTS placements_within_post_slots",
]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    _run(POSTGRESQL_UP if postgresql else SQLITE_UP)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    _run(POSTGRESQL_DOWN if postgresql else SQLITE_DOWN)
