"""Township staff accounts (issue 14, item 8): a township account sees only its own township's
people, posts and follow-ups; another township's are 404, never data; other roles cannot reach
the township pages, and the bureau keeps the whole district."""

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from models import AuditEntry, FollowUp, User
from tests.factories import make_employer, make_post, make_user
from tests.web.helpers import csrf_token, login
from tests.web.township_setup import HOME, OTHER, resident, staff


@pytest.fixture(autouse=True)
def as_of(app):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)


@pytest.fixture
def people(session):
    return resident(session, HOME, "陈美玲"), resident(session, OTHER, "方建国")


def test_township_staff_see_only_their_townships_followups(client, session, people):
    login(client, staff(session).phone)
    page = client.get("/bureau/followups").get_data(as_text=True)
    assert "陈美玲" in page and "方建国" not in page
    assert "应跟踪 1 人" in page  # coverage is the township's, not the district's
    # Asking for another township through the filter changes nothing.
    page = client.get(f"/bureau/followups?township={OTHER}").get_data(as_text=True)
    assert "方建国" not in page


def test_the_bureau_still_sees_every_township(client, session, people):
    login(client, make_user(session, role="bureau").phone)
    page = client.get("/bureau/followups").get_data(as_text=True)
    assert "陈美玲" in page and "方建国" in page and "应跟踪 2 人" in page


def test_another_townships_person_is_not_found(client, session, people):
    mine, theirs = people
    login(client, staff(session).phone)
    assert client.get(f"/township/people/{mine.id}").status_code == 200
    page = client.get(f"/township/people/{theirs.id}")
    assert page.status_code == 404 and "方建国" not in page.get_data(as_text=True)
    token = csrf_token(client, f"/township/people/{mine.id}")
    assert client.post(f"/township/people/{theirs.id}/code", data={"csrf_token": token}).status_code == 404
    assert client.post(f"/bureau/followups/{theirs.id}/phone",
                       data={"csrf_token": token}).status_code == 404
    assert theirs.phone not in client.get("/bureau/followups").get_data(as_text=True)


def test_a_followup_on_another_townships_person_is_refused(client, session, people):
    _, theirs = people
    login(client, staff(session).phone)
    token = csrf_token(client, "/bureau/followups")
    response = client.post(f"/bureau/followups/{theirs.id}", follow_redirects=True, data={
        "csrf_token": token, f"f-{theirs.id}-contacted_on": "2020-09-14",
        f"f-{theirs.id}-channel": "phone", f"f-{theirs.id}-outcome": "seeking"})
    assert "求职者不存在" in response.get_data(as_text=True)
    assert session.scalar(select(FollowUp.id)) is None


def test_people_lookup_and_posts_are_the_townships_own(client, session, people):
    employer = make_employer(session)
    make_post(session, employer, title="吴航仓库理货员", township=HOME)
    make_post(session, employer, title="金峰织布挡车工", township=OTHER)
    login(client, staff(session).phone)
    found = client.get("/township/people").get_data(as_text=True)
    assert "陈美玲" in found and "方建国" not in found
    assert "没有找到辖区内的人员" in client.get("/township/people?name=方建国").get_data(as_text=True)
    posts = client.get("/township/posts").get_data(as_text=True)
    assert "吴航仓库理货员" in posts and "金峰织布挡车工" not in posts


def test_an_unregistered_person_belongs_to_the_first_township_they_look_for_work_in(client, session):
    person = resident(session, HOME, "林志强", registered=False)
    login(client, staff(session, OTHER).phone)
    assert client.get(f"/township/people/{person.id}").status_code == 404
    client.post("/logout", data={"csrf_token": csrf_token(client, "/township/")})
    login(client, staff(session, HOME, name="李协理").phone)
    assert client.get(f"/township/people/{person.id}").status_code == 200


@pytest.mark.parametrize("role", ["seeker", "employer", "bureau"])
def test_other_roles_cannot_open_township_pages(client, session, people, role):
    user = make_user(session, role=role, employer=make_employer(session) if role == "employer" else None)
    login(client, user.phone)
    assert client.get("/township/").status_code == 403
    assert client.get(f"/township/people/{people[0].id}").status_code == 403


def test_anonymous_visitors_are_sent_to_login(client, people):
    assert client.get("/township/people").status_code == 302
    assert "/login" in client.get(f"/township/people/{people[0].id}").headers["Location"]


def test_township_staff_cannot_reach_bureau_only_pages(client, session):
    login(client, staff(session).phone)
    for path in ("/bureau/", "/bureau/claims", "/bureau/unemployment", "/bureau/audit", "/township/staff"):
        assert client.get(path).status_code == 403, path


def test_the_bureau_creates_a_township_account_audited(client, session):
    bureau = make_user(session, role="bureau")
    login(client, bureau.phone)
    token = csrf_token(client, "/township/staff")
    response = client.post("/township/staff", follow_redirects=True, data={
        "csrf_token": token, "name": "郑协理", "phone": "13600000021", "township": "首占镇",
        "password": "Shouzhan@2020x"})
    assert "已创建首占镇协理员账号" in response.get_data(as_text=True)
    user = session.scalar(select(User).where(User.phone == "13600000021"))
    assert user.role == "township" and user.township == "首占镇"
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "create_township_user"))
    assert entry.actor_id == bureau.id and entry.entity_id == user.id


def test_the_login_of_township_staff_lands_on_their_page(client, session):
    response = login(client, staff(session).phone)
    assert response.headers["Location"].endswith("/township/")


def test_the_database_refuses_a_township_account_without_a_township(session):
    with pytest.raises(IntegrityError), session.begin_nested():
        make_user(session, role="township")
    with pytest.raises(IntegrityError), session.begin_nested():
        make_user(session, role="bureau", township=HOME)
