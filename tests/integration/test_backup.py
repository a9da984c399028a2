"""A backup restored into a fresh database holds the same rows and keeps every invariant."""

import pytest
from sqlalchemy import func, select, text

from demo import seed
from models import Candidate, Placement, migrate
from models.db import make_engine, make_session_factory
from services import backup, integrity
from tests.servers import fresh_database


def _counts(url: str) -> tuple[int, int]:
    engine = make_engine(url)
    with make_session_factory(engine)() as s:
        counts = (s.scalar(select(func.count(Placement.id))),
                  s.scalar(select(func.count(Candidate.id))))
    engine.dispose()
    return counts


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> str:
    url = fresh_database(tmp_path_factory.mktemp("origin"), "backup_origin")
    migrate.upgrade(url)
    engine = make_engine(url)
    with make_session_factory(engine)() as s, s.begin():
        seed.seed_demo(s)
    engine.dispose()
    return url


def test_a_backup_restores_into_a_fresh_database_with_every_invariant(seeded, tmp_path):
    out = tmp_path / "jobbridge.backup"
    backup.backup(seeded, out)
    assert out.stat().st_size > 0 and not out.with_name(out.name + ".part").exists()

    restored = fresh_database(tmp_path, "backup_restored")
    backup.restore(restored, out)
    assert _counts(restored) == _counts(seeded)
    assert _counts(restored)[0] > 0
    engine = make_engine(restored)
    with make_session_factory(engine)() as s:
        assert integrity.breaches(s) == []
    engine.dispose()


def test_the_integrity_check_names_an_overfull_post(seeded, tmp_path):
    out = tmp_path / "copy.backup"
    backup.backup(seeded, out)
    broken = fresh_database(tmp_path, "backup_broken")
    backup.restore(broken, out)
    engine = make_engine(broken)
    with make_session_factory(engine)() as s, s.begin():
        # A post with two people or more, squeezed to one slot behind the service's back and
        # past the database's own trigger (migration 0006), as a repair with triggers off might.
        if engine.dialect.name == "postgresql":
            s.execute(text("ALTER TABLE posts DISABLE TRIGGER posts_slots_hold_placements"))
        else:
            s.execute(text("DROP TRIGGER posts_slots_hold_placements"))
        post_id = s.scalar(select(Placement.post_id).group_by(Placement.post_id)
                           .having(func.count(Placement.id) > 1).order_by(Placement.post_id))
        s.execute(text("UPDATE posts SET slots = 1 WHERE id = :id"), {"id": post_id})
    with make_session_factory(engine)() as s:
        found = integrity.breaches(s)
    engine.dispose()
    assert post_id is not None
    assert any(line.startswith(f"岗位 {post_id}（") and "超过名额 1" in line for line in found)


def test_the_backup_command_writes_a_file(app, tmp_path, seeded):
    app.config["SQLALCHEMY_DATABASE_URL"] = seeded
    out = tmp_path / "cli.backup"
    result = app.test_cli_runner().invoke(args=["backup", str(out)])
    assert result.exit_code == 0, result.output
    assert out.exists() and "已备份" in result.output
