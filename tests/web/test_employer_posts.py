"""Employers' posts through the pages: create, edit, close, reopen; never another employer's."""

from datetime import date

import pytest
from sqlalchemy import select

from models import MatcherChange, Placement, Post
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.web.conftest import TODAY
from tests.web.helpers import bearer, csrf_token, login

pytestmark = pytest.mark.usefixtures("instant_index")

FORM = {"kind": "regular", "title": "外贸业务员", "industry": "纺织", "township": "金峰镇",
        "slots": "3", "education_min": "associate", "majors": "国际经济与贸易、商务英语",
        "salary_min": "4500", "salary_max": "7000", "description": "开发海外客户，跟进订单",
        "requirements": "英语四级"}


def _post_form(client, path, **changes):
    return client.post(path, data={**FORM, **changes, "csrf_token": csrf_token(client, path)})


def test_an_employer_publishes_a_post_that_the_listing_finds(client, session, employer_user):
    login(client, employer_user.phone)
    response = _post_form(client, "/employer/posts/new")
    assert response.status_code == 302
    post = session.scalar(select(Post).where(Post.title == "外贸业务员"))
    assert post.majors == ["国际经济与贸易", "商务英语"] and post.employer_id == employer_user.employer_id
    assert session.scalar(select(MatcherChange).where(MatcherChange.entity_id == post.id)).entity == "post"
    assert "外贸业务员" in client.get("/posts?q=外贸").get_data(as_text=True)


def test_a_trainee_post_joins_the_running_program(client, session, employer_user):
    program = make_program(session, kind="trainee", name="2020年就业见习", target=50)
    login(client, employer_user.phone)
    _post_form(client, "/employer/posts/new", kind="trainee", title="行政见习生")
    post = session.scalar(select(Post).where(Post.title == "行政见习生"))
    assert post.program_id == program.id


def test_a_bad_form_shows_chinese_messages_and_writes_nothing(client, session, employer_user):
    login(client, employer_user.phone)
    response = _post_form(client, "/employer/posts/new", title="", slots="0", salary_min="9000")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "此项为必填" in page and "人数应为 1 到 10000" in page
    assert session.scalar(select(Post.id)) is None
    response = _post_form(client, "/employer/posts/new", salary_min="9000", salary_max="5000")
    assert "最高薪资不能低于最低薪资" in response.get_data(as_text=True)
    assert session.scalar(select(Post.id)) is None


def test_editing_cannot_drop_slots_below_people_already_placed(client, session, employer_user):
    post = make_post(session, employer_user.employer, slots=3)
    for _ in range(2):
        session.add(Placement(post_id=post.id, candidate_id=make_candidate(session).id,
                              kind="regular", start_date=TODAY))
    session.flush()
    login(client, employer_user.phone)
    response = _post_form(client, f"/employer/posts/{post.id}/edit", slots="1")
    assert "已有 2 人在岗" in response.get_data(as_text=True)
    session.refresh(post)
    assert post.slots == 3
    assert _post_form(client, f"/employer/posts/{post.id}/edit", slots="2").status_code == 302
    session.refresh(post)
    assert post.slots == 2 and post.title == "外贸业务员"


def test_closing_and_reopening_a_post_takes_it_off_and_back_on_the_listing(client, session, employer_user):
    post = make_post(session, employer_user.employer, title="坯布检验员")
    login(client, employer_user.phone)
    path = f"/employer/posts/{post.id}"
    client.post(f"{path}/close", data={"csrf_token": csrf_token(client, path)})
    assert "坯布检验员" not in client.get("/posts").get_data(as_text=True)
    client.post(f"{path}/reopen", data={"csrf_token": csrf_token(client, path)})
    assert "坯布检验员" in client.get("/posts").get_data(as_text=True)
    ops = session.scalars(select(MatcherChange.op).where(
        MatcherChange.entity == "post", MatcherChange.entity_id == post.id)).all()
    assert ops[-2:] == ["remove", "upsert"]


def test_an_employer_never_sees_or_changes_another_employers_post(client, session, employer_user):
    theirs = make_post(session, make_employer(session), title="别家岗位", slots=5)
    login(client, employer_user.phone)
    own_token = csrf_token(client, "/employer/posts/new")
    assert client.get(f"/employer/posts/{theirs.id}").status_code == 404
    assert client.get(f"/employer/posts/{theirs.id}/edit").status_code == 404
    assert client.post(f"/employer/posts/{theirs.id}/edit",
                       data={**FORM, "csrf_token": own_token}).status_code == 404
    assert client.post(f"/employer/posts/{theirs.id}/close",
                       data={"csrf_token": own_token}).status_code == 404
    headers = bearer(client, employer_user.phone)
    assert client.post(f"/api/v1/posts/{theirs.id}/close", headers=headers).status_code == 404
    assert client.get(f"/api/v1/posts/{theirs.id}/candidates", headers=headers).status_code == 404
    session.refresh(theirs)
    assert theirs.status == "open" and theirs.title == "别家岗位"


def test_the_company_profile_saves_but_keeps_a_verified_name(client, session, employer_user):
    login(client, employer_user.phone)
    employer = employer_user.employer
    data = {"name": employer.name, "ownership": "private", "size": "medium", "staff_count": "180",
            "industry": "纺织", "township": "金峰镇", "contact_name": "陈海燕",
            "contact_phone": "13605910099"}
    response = client.post("/employer/profile", data={**data,
                                                      "csrf_token": csrf_token(client, "/employer/profile")})
    assert response.status_code == 302
    session.refresh(employer)
    assert employer.staff_count == 180 and employer.size == "medium"
    response = client.post("/employer/profile", data={**data, "name": "改名公司",
                                                      "csrf_token": csrf_token(client, "/employer/profile")})
    assert "名称变更请联系人社局" in response.get_data(as_text=True)
    session.refresh(employer)
    assert employer.name != "改名公司"


def test_an_unverified_employer_is_told_posts_wait_for_the_bureau(client, session):
    user = make_user(session, role="employer", employer=make_employer(session, verified=False))
    login(client, user.phone)
    assert "审核通过后才能发布岗位" in client.get("/employer/").get_data(as_text=True)
    response = _post_form(client, "/employer/posts/new")
    assert "尚未通过人社局审核" in response.get_data(as_text=True)
    assert session.scalar(select(Post.id)) is None
    assert date(2020, 9, 1) == TODAY
