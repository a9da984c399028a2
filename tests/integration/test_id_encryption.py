"""The 身份证号 at rest: the table holds ciphertext and a keyed digest, never the number; the
digest keeps numbers unique; migration 0005 moves existing numbers over and back."""

from datetime import date
from pathlib import Path

import pytest
from cryptography.exceptions import InvalidTag
from sqlalchemy import MetaData, Table, insert, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, load_only

from models import Candidate, id_cipher, migrate
from models.db import make_engine
from policy.identifiers import make_id_number
from settings import id_key
from tests.factories import make_candidate

NUMBER = make_id_number("350182", date(1990, 4, 5), 321)


def _raw_row(session, candidate_id: int) -> dict:
    return dict(session.execute(text("SELECT * FROM candidates WHERE id = :id"), {"id": candidate_id})
                .mappings().one())


def _holds(value, number: str) -> bool:
    if isinstance(value, bytes | bytearray | memoryview):
        return number.encode() in bytes(value)
    return number in str(value)


def test_the_table_holds_no_id_number_in_clear(session):
    person = make_candidate(session, id_number=NUMBER)
    session.expire_all()
    row = _raw_row(session, person.id)
    assert "id_number" not in row
    assert not any(_holds(value, number) for value in row.values() for number in (NUMBER, NUMBER[6:14]))
    assert session.get(Candidate, person.id).id_number == NUMBER


def test_a_number_is_found_through_its_digest(session):
    person = make_candidate(session, id_number=NUMBER)
    assert session.scalar(select(Candidate.id).where(Candidate.has_id_number(NUMBER))) == person.id
    other = make_id_number("350182", date(1990, 4, 5), 323)
    assert session.scalar(select(Candidate.id).where(Candidate.has_id_number(other))) is None


def test_the_digest_column_keeps_numbers_unique(session):
    make_candidate(session, id_number=NUMBER)
    with pytest.raises(IntegrityError), session.begin_nested():
        make_candidate(session, id_number=NUMBER)


def test_erased_numbers_leave_both_columns_empty_and_do_not_collide(session):
    first, second = make_candidate(session), make_candidate(session)
    first.id_number = second.id_number = ""
    session.flush()
    assert (first.id_number_encrypted, first.id_number_hash, first.id_number) == (None, None, "")
    assert second.id_number_hash is None


def test_the_same_number_encrypts_differently_and_another_key_cannot_read_it():
    cipher = id_cipher.current()
    assert cipher.seal(NUMBER) != cipher.seal(NUMBER)
    assert cipher.open(cipher.seal(NUMBER)) == NUMBER
    stranger = id_cipher.IdCipher("another-key-of-at-least-thirty-two-chars")
    assert stranger.digest(NUMBER) != cipher.digest(NUMBER)
    with pytest.raises(InvalidTag):
        stranger.open(cipher.seal(NUMBER))


@pytest.fixture
def scratch_url(database_url_for_tests, tmp_path):
    """An empty database of this test's own, on the suite's kind of server."""
    base = make_url(database_url_for_tests)
    if base.get_backend_name() != "postgresql":
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    name = f"{base.database}_id_migration"
    admin = make_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield base.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _plain_candidate(ref: str, number: str) -> dict:
    return dict(ref=ref, name="陈美玲", gender="female", id_number=number, phone="13905911234",
                birth_date=date(1990, 4, 5), education="high_school", school="", major="",
                skills="", experience="", desired="", townships=[], employed=False,
                open_to_offers=False, created_at=date(2020, 7, 1), updated_at=date(2020, 7, 1))


def _as_of_0005(session: Session, candidate_id: int) -> Candidate:
    """The person through the model, reading only columns revision 0005 has (later revisions
    add columns the model maps)."""
    return session.scalars(select(Candidate).where(Candidate.id == candidate_id).options(
        load_only(Candidate.id, Candidate.id_number_encrypted, Candidate.id_number_hash))).one()


def test_migration_0005_encrypts_existing_numbers_and_its_downgrade_restores_them(scratch_url):
    """Down and up again, an erased person's placeholder is not sealed as a number."""
    migrate.upgrade(scratch_url, "0004")
    engine = make_engine(scratch_url)
    with engine.begin() as conn:
        table = Table("candidates", MetaData(), autoload_with=conn)
        conn.execute(insert(table), [_plain_candidate("R1", NUMBER),
                                     _plain_candidate("R2", make_id_number("350182", date(1985, 3, 8), 124))])
    migrate.upgrade(scratch_url, "0005")
    with Session(engine) as s:
        row = _raw_row(s, 1)
        assert "id_number" not in row and not _holds(row["id_number_encrypted"], NUMBER)
        assert _as_of_0005(s, 1).id_number == NUMBER
        assert s.scalar(select(Candidate.id).where(Candidate.has_id_number(NUMBER))) == 1
        _as_of_0005(s, 2).id_number = ""  # erased after the upgrade
        s.commit()
    migrate.downgrade(scratch_url, "0004")
    with engine.connect() as conn:
        restored = dict(conn.execute(text("SELECT id, id_number FROM candidates ORDER BY id")).all())
        columns = {c["name"] for c in inspect(conn).get_columns("candidates")}
    assert restored == {1: NUMBER, 2: "ERASED000000000002"}
    assert "id_number_hash" not in columns and "id_number_encrypted" not in columns

    migrate.upgrade(scratch_url, "0005")  # up again: the erased person stays erased
    with Session(engine) as s:
        assert _as_of_0005(s, 1).id_number == NUMBER
        assert tuple(s.execute(text("SELECT id_number_encrypted, id_number_hash FROM candidates"
                                    " WHERE id = 2")).one()) == (None, None)
    engine.dispose()


def test_the_id_key_comes_from_the_instance_folder_once_and_privately(tmp_path: Path):
    first = id_key({}, tmp_path)
    assert id_key({}, tmp_path) == first and len(first) >= 32
    assert (tmp_path / "id_key").stat().st_mode & 0o777 == 0o600
    assert id_key({"JOBBRIDGE_ID_KEY": "k" * 40}, tmp_path) == "k" * 40
