"""The Alembic revisions are the schema: they build it from empty and match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from models import Base, migrate
from models.db import make_engine


def test_upgrade_to_head_builds_every_table(engine):
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_migrations_match_the_models_exactly(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_downgrade_to_base_and_upgrade_again_round_trips(database_url_for_tests, engine):
    # Leaves the shared database at head again for the tests that follow.
    engine.dispose()
    migrate.downgrade(database_url_for_tests, "base")
    scratch = make_engine(database_url_for_tests)
    assert set(inspect(scratch).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(database_url_for_tests)
    assert set(Base.metadata.tables) <= set(inspect(scratch).get_table_names())
    scratch.dispose()

