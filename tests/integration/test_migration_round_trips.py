"""A populated database goes down to every earlier revision and back to head. To the oldest
(the widest round trip) through the operator's own commands (`flask --app wsgi db downgrade
REV`, then `db upgrade`), each in a subprocess, so `create_app` runs exactly as an operator's
does against an older schema; to the others through the same Alembic revisions in this process
(models.migrate), where two subprocesses a revision took 6 of the test's 8.6 s — 2 minutes of
`make test-fast` for 23 revisions.

What that revision can hold survives the round trip: the row count of every table it has, a
身份证号 that still decrypts and is still found through its digest, and a person who closed
their account stays erased (no `ERASED000…` placeholder of migration 0005's downgrade comes back
sealed as if it were a number). The revisions are read from the Alembic script directory, so
a revision added later is covered without editing this file.
"""

import os
import subprocess
import sys
from datetime import date

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, table, text

from models import Candidate, ConsentEvent, OutboxMessage, Placement, User, id_cipher, migrate
from models.base import utcnow
from models.db import make_engine, make_session_factory
from policy.identifiers import make_credit_code, make_id_number
from services import (
    accounts,
    applications,
    delegation,
    employers,
    followups,
    integrity,
    placement_terms,
    placements,
    posts,
    privacy,
    profiles,
    proxy_acts,
    recommendations,
    saved_searches,
    unemployment,
    verification,
)
from services.accounts import EmployerSignup, SeekerSignup
from services.posts import PostDraft
from settings import PROJECT_ROOT, id_key, instance_path
from tests.factories import make_program
from tests.servers import fresh_database
from web import create_app
from web.matching import warm

ID_KEY = "migration-round-trip-id-key-0123456789-abcdef"
PASSWORD = "Changle@2020"
AS_OF = date(2020, 9, 1)
KEPT_NUMBER = make_id_number("350182", date(1996, 4, 5), 321)
ERASED_NUMBER = make_id_number("350182", date(1998, 7, 9), 124)
TOWNSHIP_CLERK = "13800000009"


def earlier_revisions() -> list[str]:
    """Every revision below head, newest first (base holds no rows, so it is not one)."""
    script = ScriptDirectory.from_config(migrate.alembic_config("sqlite://"))
    heads = set(script.get_heads())
    return [r.revision for r in script.walk_revisions() if r.revision not in heads]


@pytest.fixture
def id_key_of_the_test():
    """The app's ID key for this test, in this process and in the `flask` subprocesses."""
    id_cipher.configure(ID_KEY)
    yield ID_KEY
    id_cipher.configure(id_key(os.environ, instance_path(os.environ)))


def _draft(kind: str, title: str, slots: int) -> PostDraft:
    return PostDraft(kind=kind, title=title, industry="纺织", description="负责坯布质量检验与记录",
                     requirements="高中及以上学历，细心负责", education_min="high_school", majors=(),
                     township="金峰镇", slots=slots, salary_min=3000, salary_max=4500)


def _populate(session) -> dict[str, int]:
    """A small but real district, through the services: a bureau, a verified employer with a
    regular and a public-welfare post, a hardship seeker placed by the bureau (with her
    unemployment registration, saved search, hidden post and follow-ups by the bureau and by
    township staff, who with her consent declared a further sensitive group for her: a consent
    event given through them), and a seeker hired
    through the application stages, whose placement ended before she closed her account."""
    bureau = accounts.create_bureau_user(session, "13800000001", PASSWORD, "区人社局")
    boss = accounts.register_employer(session, EmployerSignup(
        phone="13800000002", password=PASSWORD, name="王经理", employer_name="福州长乐纺织有限公司",
        credit_code=make_credit_code("91350182MA0000001"), ownership="private", size="small",
        staff_count=60, industry="纺织", township="吴航街道"))
    employers.verify_employer(session, boss.employer_id, bureau.id)
    make_program(session)  # the 2020 public-welfare programme (only the seed or SQL makes one)
    regular = posts.create_post(session, boss, boss.employer_id,
                                _draft("regular", "织造车间质检员", 3), AS_OF)
    welfare = posts.create_post(session, bureau, boss.employer_id,
                                _draft("public_welfare", "社区保洁公益岗", 2), AS_OF)

    kept_user = accounts.register_seeker(session, SeekerSignup(
        phone="13900000001", password=PASSWORD, name="林晓燕", id_number=KEPT_NUMBER,
        education="high_school"))
    kept = applications.candidate_of(session, kept_user)
    profiles.save_step(session, kept_user, profiles.SituationStep(
        employed=False, unemployed_since=date(2020, 3, 1), groups=("hardship",),
        sensitive_consent=True), AS_OF)
    verification.decide_claim(session, bureau.id, kept.id, "hardship", True)
    unemployment.register(session, kept_user, "吴航街道", date(2020, 3, 1), "长乐某纺织厂", AS_OF,
                          able_to_work=True, wants_work=True)
    saved_searches.save(session, kept_user, "纺织", {"q": "纺织"})
    recommendations.hide_post(session, kept_user, regular.id)
    placements.place_candidate(session, bureau, welfare.id, kept.id, AS_OF, contract_months=6)
    followups.record_contact(session, bureau, kept.id, AS_OF, "phone", "employed", "已到岗", AS_OF)
    clerk = accounts.create_township_user(session, bureau, TOWNSHIP_CLERK, PASSWORD, "王协理", "吴航街道")
    followups.record_contact(session, clerk, kept.id, AS_OF, "visit", "employed", "上门核实", AS_OF)
    delegation.send_code(session, clerk, kept.id, utcnow())
    code = session.scalar(select(OutboxMessage.secret).where(OutboxMessage.kind == "delegation_code"))
    delegation.confirm_code(session, clerk, kept.id, code, utcnow())
    proxy_acts.save_profile(session, clerk, kept.id, profiles.SituationStep(
        employed=False, unemployed_since=date(2020, 3, 1), groups=("hardship", "low_income"),
        sensitive_consent=True), AS_OF, utcnow())

    gone_user = accounts.register_seeker(session, SeekerSignup(
        phone="13900000002", password=PASSWORD, name="陈美玲", id_number=ERASED_NUMBER,
        education="associate"))
    application = applications.apply(session, gone_user, regular.id, AS_OF)
    for stage in ("shortlisted", "interview", "offered"):
        applications.advance(session, boss, application.id, stage)
    applications.advance(session, boss, application.id, "hired", start_date=AS_OF)
    hired = session.scalar(select(Placement).where(
        Placement.candidate_id == application.candidate_id))
    placement_terms.end_placement(session, boss, hired.id, date(2020, 9, 20), "left_for_job")
    gone = privacy.erase_seeker(session, gone_user, PASSWORD)
    session.flush()
    return {"kept": kept.id, "gone": gone.id}


def _counts(engine, names) -> dict[str, int]:
    with engine.connect() as conn:
        return {name: conn.scalar(select(func.count()).select_from(table(name))) for name in names}


def _flask(url: str, tmp_path, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "JOBBRIDGE_ID_KEY": ID_KEY,
           "JOBBRIDGE_INSTANCE_PATH": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"flask {' '.join(args)}:\n{done.stdout}\n{done.stderr[-4000:]}"


@pytest.mark.parametrize("revision", earlier_revisions())
def test_a_populated_database_goes_down_to_an_earlier_revision_and_back_to_head_intact(
        revision, tmp_path, id_key_of_the_test):
    url = fresh_database(tmp_path, f"round_trip_{revision}")
    migrate.upgrade(url)
    engine = make_engine(url)
    with make_session_factory(engine)() as s, s.begin():
        people = _populate(s)
    before = _counts(engine, [t for t in inspect(engine).get_table_names() if t != "alembic_version"])
    assert before["placements"] == 2 and before["candidates"] == 2

    engine.dispose()
    by_command = revision == earlier_revisions()[-1]
    if by_command:
        _flask(url, tmp_path, "db", "downgrade", revision)
    else:
        migrate.downgrade(url, revision)
    kept_tables = set(inspect(engine).get_table_names()) & set(before)
    engine.dispose()
    if by_command:
        _flask(url, tmp_path, "db", "upgrade")
    else:
        migrate.upgrade(url)

    assert _counts(engine, kept_tables) == {name: before[name] for name in kept_tables}
    with make_session_factory(engine)() as s:
        kept, gone = s.get(Candidate, people["kept"]), s.get(Candidate, people["gone"])
        assert kept.id_number == KEPT_NUMBER
        assert s.scalar(select(Candidate.id).where(Candidate.has_id_number(KEPT_NUMBER))) == kept.id
        raw = s.execute(text("SELECT id_number_encrypted, id_number_hash FROM candidates WHERE id = :id"),
                        {"id": gone.id}).one()
        assert tuple(raw) == (None, None) and gone.id_number == "" and gone.name == privacy.ERASED_NAME
        assert integrity.breaches(s) == []
        # A township account has no place in a schema older than 0021: it came back disabled,
        # never as an enabled bureau account with the whole district; from 0021 on it stays.
        clerk = s.scalar(select(User).where(User.phone == TOWNSHIP_CLERK))
        if revision < "0021":
            assert clerk.active is False and clerk.role != "township"
        else:
            assert clerk.active is True and clerk.role == "township"
        # The consent the clerk ticked for her comes back as hers; the audit log says through whom.
        if revision >= "0007":
            assert set(s.scalars(select(ConsentEvent.source))) == {"seeker"}
    engine.dispose()

    # The migrated data serves: the index a gunicorn master fits before forking finds the post.
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URL": url, "ID_KEY": ID_KEY,
                      "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
                      "RATELIMIT_STORAGE_URI": "memory://"})
    warm(app)
    found = app.test_client().get("/api/v1/posts?q=质检员")
    app.extensions["db"].engine.dispose()
    assert found.status_code == 200
    assert found.get_json()["items"][0]["title"] == "织造车间质检员"
