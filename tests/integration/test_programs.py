"""Quota programs outside the demo: created and edited by the bureau, loaded from the seed's
data file, and their targets read as the seed does — a cap on posts offered （六）, a floor of
people placed （七）."""

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from models import AuditEntry, Placement, QuotaProgram, User
from models.db import make_engine
from policy.errors import Conflict, Invalid
from policy.identifiers import make_credit_code
from services import imports, integrity, posts, programs
from services.posts import PostDraft
from settings import PROJECT_ROOT
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.servers import fresh_database
from web import create_app

PASSWORD = "Changle@2020"
AS_OF = date(2020, 9, 1)


def _flask(url: str, tmp_path, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "JOBBRIDGE_INSTANCE_PATH": str(tmp_path)}
    env.pop("JOBBRIDGE_AS_OF_DATE", None)
    done = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=PROJECT_ROOT,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, f"flask {' '.join(args)}:\n{done.stdout}\n{done.stderr[-4000:]}"
    return done.stdout


def _draft(kind: str, slots: int, title: str = "社区保洁公益岗") -> PostDraft:
    return PostDraft(kind=kind, title=title, industry="公共管理", description="负责社区公共区域保洁",
                     requirements="身体健康", education_min="none", majors=(), township="吴航街道",
                     slots=slots, salary_min=None, salary_max=None)


def test_on_a_database_made_by_migrations_and_create_user_the_bureau_creates_a_programme_and_an_employer_posts_under_it(tmp_path):  # noqa: E501
    url = fresh_database(tmp_path, "programs_fresh")
    _flask(url, tmp_path, "db", "upgrade")
    _flask(url, tmp_path, "create-user", "--role", "bureau", "--phone", "13800000001",
           "--password", PASSWORD)
    app = create_app({
        "TESTING": True, "SQLALCHEMY_DATABASE_URL": url,
        "SECRET_KEY": "test-secret-key-that-is-long-enough-0123456789",
        "SESSION_COOKIE_SECURE": False, "RATELIMIT_STORAGE_URI": "memory://",
        "MATCHER_INDEX_DIR": str(tmp_path / "index"), "AS_OF_DATE": AS_OF,
    })
    client = app.test_client()

    def bearer(phone: str) -> dict:
        answer = client.post("/api/v1/auth/token", json={"phone": phone, "password": PASSWORD})
        assert answer.status_code == 200, answer.json
        return {"Authorization": f"Bearer {answer.json['token']}"}

    assert client.post("/api/v1/auth/register", json={
        "role": "employer", "phone": "13605910012", "password": PASSWORD, "name": "陈海燕",
        "employer_name": "福州长乐海丝跨境电商有限公司",
        "credit_code": make_credit_code("91350112MA34Y7KX1"), "ownership": "private",
        "size": "small", "staff_count": 32, "industry": "跨境电商", "township": "航城街道",
    }).status_code == 201
    engine = make_engine(url)
    with engine.connect() as conn:
        employer_id = conn.scalar(select(User.employer_id).where(User.phone == "13605910012"))
    bureau, boss = bearer("13800000001"), bearer("13605910012")
    assert client.post(f"/api/v1/employers/{employer_id}/verify", headers=bureau).status_code == 200
    post = {"kind": "trainee", "title": "跨境电商运营见习生", "industry": "跨境电商",
            "education_min": "associate", "township": "航城街道", "slots": 3}
    before = client.post("/api/v1/posts", json=post, headers=boss)
    assert before.status_code == 422 and before.json["error"]["code"] == "no_open_program"

    programme = {"kind": "trainee", "name": "2020年就业见习", "target": 50,
                 "start_date": "2020-07-02", "end_date": "2020-12-31"}
    assert client.post("/api/v1/programs", json=programme, headers=boss).status_code == 403
    created = client.post("/api/v1/programs", json=programme, headers=bureau)
    assert created.status_code == 201, created.json
    assert created.json["target_rule"] == "floor" and created.json["placed"] == 0

    answer = client.post("/api/v1/posts", json=post, headers=boss)
    assert answer.status_code == 201, answer.json
    listed = client.get("/api/v1/programs").json
    assert [(p["name"], p["slots_offered"]) for p in listed] == [("2020年就业见习", 3)]
    with engine.connect() as conn:
        audited = conn.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == "create", AuditEntry.entity == "quota_program"))
    engine.dispose()
    assert audited == 1


def test_load_programs_writes_the_seeds_2020_programmes_once(tmp_path):
    url = fresh_database(tmp_path, "programs_load")
    _flask(url, tmp_path, "db", "upgrade")
    first = _flask(url, tmp_path, "load-programs", "2020")
    again = _flask(url, tmp_path, "load-programs", "2020")
    assert "新建 2 个" in first and "新建 0 个" in again
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(select(QuotaProgram.key, QuotaProgram.kind, QuotaProgram.target,
                                   QuotaProgram.target_rule).order_by(QuotaProgram.key)).all()
    engine.dispose()
    assert [tuple(r) for r in rows] == [("pw2020", "public_welfare", 500, "cap"),
                                        ("trainee2020", "trainee", 50, "floor")]


def test_loading_keeps_what_the_bureau_changed(session):
    bureau = make_user(session, role="bureau")
    [welfare, _] = programs.load_programs(session, bureau.id, 2020)
    programs.set_target(session, bureau.id, welfare.id, 400)
    assert programs.load_programs(session, bureau.id, 2020) == []
    assert session.get(QuotaProgram, welfare.id).target == 400


def test_offering_slots_beyond_the_public_welfare_cap_is_refused(session):
    """（六）: 500 temporary posts is a cap on slots offered, on creation and on an edit."""
    bureau = make_user(session, role="bureau")
    employer = make_employer(session)
    make_program(session, target=5)
    first = posts.create_post(session, bureau, employer.id, _draft("public_welfare", 3), AS_OF)
    with pytest.raises(Conflict) as error:
        posts.create_post(session, bureau, employer.id, _draft("public_welfare", 3), AS_OF)
    assert error.value.code == "program_slots_full"
    posts.create_post(session, bureau, employer.id, _draft("public_welfare", 2), AS_OF)
    with pytest.raises(Conflict) as error:
        posts.update_post(session, bureau, first.id, _draft("public_welfare", 4))
    assert error.value.code == "program_slots_full"
    posts.update_post(session, bureau, first.id, _draft("public_welfare", 3, title="社区保洁员"))


def test_an_import_beyond_the_public_welfare_cap_is_refused_row_by_row(session):
    employer = make_employer(session)
    make_program(session, target=4)
    row = {"kind": "public_welfare", "title": "保洁员", "industry": "公共管理",
           "employer": employer.name, "township": "吴航街道", "education_min": "none"}
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {**row, "id": "W1", "slots": 3}, {**row, "id": "W2", "slots": 2}]).encode()
    report = imports.import_file(session, None, data, "w.jsonl", today=AS_OF, kind="posts",
                                 dry_run=True)
    assert [r.number for r in report.rejected] == [2]
    assert "最多提供 4 个岗位" in report.rejected[0].reasons[0]


def test_a_floor_is_not_a_cap_on_posts(session):
    bureau = make_user(session, role="bureau")
    employer = make_employer(session)
    make_program(session, kind="trainee", name="2020年就业见习", target=2)
    post = posts.create_post(session, bureau, employer.id, _draft("trainee", 5, "会计见习岗"), AS_OF)
    assert post.slots == 5


def test_a_programme_is_checked_and_its_edits_audited(session):
    bureau = make_user(session, role="bureau")
    bad = programs.ProgramDraft(kind="public_welfare", name=" ", target=0,
                                start_date=date(2020, 12, 31), end_date=date(2020, 7, 2),
                                term_months=9)
    with pytest.raises(Invalid) as error:
        programs.create_program(session, bureau.id, bad)
    assert error.value.code == "invalid_program"
    assert set(error.value.fields) == {"name", "target", "end_date", "term_months"}
    draft = programs.ProgramDraft(kind="public_welfare", name="2021年临时性公益岗位", target=300,
                                  start_date=date(2021, 1, 1), end_date=date(2021, 6, 30),
                                  term_months=4, monthly_subsidy_fen=190000)
    program = programs.create_program(session, bureau.id, draft)
    assert (program.target_rule, program.params["term_months"],
            program.params["monthly_subsidy_fen"]) == ("cap", 4, 190000)
    assert program.params["extension"]["max_months"] == 12  # the district's defaults fill the rest
    edited = programs.update_program(session, bureau.id, program.id, programs.ProgramDraft(
        kind="public_welfare", name="2021年临时性公益岗位（上半年）", target=350,
        start_date=date(2021, 1, 1), end_date=date(2021, 6, 30) + timedelta(days=1)))
    assert edited.params["term_months"] == 4
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "update",
                                                    AuditEntry.entity == "quota_program"))
    assert entry.detail["before"]["target"] == 300 and entry.detail["after"]["target"] == 350
    with pytest.raises(Invalid) as error:
        programs.update_program(session, bureau.id, program.id, programs.ProgramDraft(
            kind="trainee", name="x", target=1, start_date=date(2021, 1, 1),
            end_date=date(2021, 2, 1)))
    assert error.value.fields == {"kind": "不能修改"}


def test_flask_check_reports_slots_over_a_cap_and_not_people_past_a_floor(session):
    """After a restore or a manual repair: a cap is breached by slots, a floor never."""
    employer = make_employer(session)
    capped = make_program(session, name="2020年临时性公益岗位", target=3)
    make_post(session, employer, kind="public_welfare", program_id=capped.id, slots=4)
    floor = make_program(session, kind="trainee", name="2020年就业见习", target=1)
    post = make_post(session, employer, kind="trainee", program_id=floor.id, slots=2)
    for _ in range(2):
        session.add(Placement(post_id=post.id, candidate_id=make_candidate(session).id,
                              program_id=floor.id, kind="trainee", start_date=AS_OF))
    session.flush()
    assert integrity.breaches(session) == ["“2020年临时性公益岗位”已提供岗位 4 个，超过上限 3 个"]
