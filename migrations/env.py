"""Alembic environment: the schema is models.Base.metadata; the URL comes from the caller.

`flask --app wsgi db upgrade` passes the app's URL in the Alembic config; a bare
`alembic` run falls back to settings' reading of the environment.
"""

import os

from alembic import context
from sqlalchemy import event, pool

from models import Base
from models.db import make_engine
from settings import DEFAULT_INSTANCE_PATH, database_url

config = context.config
url = config.get_main_option("sqlalchemy.url") or database_url(os.environ, DEFAULT_INSTANCE_PATH)


def run_migrations_offline() -> None:
    context.configure(
        url=url, target_metadata=Base.metadata, literal_binds=True, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(url, poolclass=pool.NullPool)
    if engine.dialect.name == "sqlite":
        # Batch mode rebuilds a table by copy, DROP and rename; with foreign keys on, SQLite
        # refuses to drop a table other rows point at (candidates under placements), so a
        # populated database could not migrate. Off for the run (SQLite ignores the pragma
        # inside a transaction, hence at connect), and checked before the commit instead.
        event.listen(engine, "connect", _sqlite_foreign_keys_off)
    with engine.connect() as connection:
        _run(connection)
    engine.dispose()


def _sqlite_foreign_keys_off(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=OFF")


def _run(connection) -> None:
    # Batch mode lets SQLite alter tables by copy-and-move, as PostgreSQL does in place.
    context.configure(
        connection=connection, target_metadata=Base.metadata, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()
        if connection.dialect.name == "sqlite":
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
            if broken:
                raise RuntimeError(f"迁移后外键不一致（表, 行, 引用的表）：{broken[:10]}")


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
