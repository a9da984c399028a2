"""Applicants ranked with reasons, recommended people masked, sensitive groups never shown to
employers, and stage moves up to hired (a placement)."""

from datetime import date

import pytest
from sqlalchemy import select

from models import Application, GroupClaim, Placement
from policy.identifiers import mask_id_number, mask_name, mask_phone
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.web.helpers import bearer, csrf_token, login

pytestmark = pytest.mark.usefixtures("instant_index")


def _hardship_person(session, name, **overrides):
    fields = dict(name=name, education="high_school", school="", major="", graduation_date=None,
                  birth_date=date(1980, 3, 3), unemployed_since=date(2020, 1, 1), open_to_offers=True,
                  desired="社区消杀 保洁", skills="消毒 防疫")
    fields.update(overrides)
    person = make_candidate(session, **fields)
    person.group_claims.append(GroupClaim(group="hardship", status="verified"))
    person.group_claims.append(GroupClaim(group="low_income", status="verified"))
    session.flush()
    return person


@pytest.fixture
def welfare_post(session, employer_user):
    program = make_program(session)
    return make_post(session, employer_user.employer, kind="public_welfare", program_id=program.id,
                     title="社区消杀防疫员", description="负责小区公共区域消毒、防疫宣传",
                     education_min="none", township="营前街道")


def test_recommended_people_are_masked_and_their_hardship_is_not_shown(client, session, employer_user,
                                                                       welfare_post):
    person = _hardship_person(session, "欧阳春梅")
    headers = bearer(client, employer_user.phone)
    ranked = client.get(f"/api/v1/posts/{welfare_post.id}/candidates?top=10", headers=headers).json
    assert [r["id"] for r in ranked] == [person.id]
    found = ranked[0]
    assert found["name"] == mask_name("欧阳春梅") == "欧***"
    assert found["phone"] == mask_phone(person.phone)
    assert found["id_number"] == mask_id_number(person.id_number)
    assert found["masked"] is True and found["why"]
    text = str(found)
    for secret in ("hardship", "low_income", "就业困难", "低保"):
        assert secret not in text
    login(client, employer_user.phone)
    page = client.get(f"/employer/posts/{welfare_post.id}").get_data(as_text=True)
    assert "欧***" in page and person.phone not in page and "就业困难" not in page and "低保" not in page


def test_people_who_did_not_opt_in_are_never_recommended_to_employers(client, session, employer_user,
                                                                      welfare_post):
    _hardship_person(session, "林春花", open_to_offers=False)
    headers = bearer(client, employer_user.phone)
    assert client.get(f"/api/v1/posts/{welfare_post.id}/candidates", headers=headers).json == []


def test_an_applicant_is_unmasked_but_still_without_sensitive_groups(client, session, employer_user,
                                                                     welfare_post):
    seeker = make_user(session)
    person = _hardship_person(session, "欧阳春梅", user_id=seeker.id)
    response = client.post(f"/api/v1/posts/{welfare_post.id}/applications",
                           headers=bearer(client, seeker.phone))
    assert response.status_code == 201
    login(client, employer_user.phone)
    page = client.get(f"/employer/posts/{welfare_post.id}").get_data(as_text=True)
    applicants = page.split("推荐人选")[0]
    assert "欧阳春梅" in applicants and person.phone in applicants
    assert "就业困难" not in page and "低保" not in page
    assert "符合公益性岗位条件（本区经办规则）" in applicants  # the neutral wording of the rule


def test_applicants_are_ranked_by_fit_and_the_ineligible_come_last_with_why(client, session, employer_user):
    post = make_post(session, employer_user.employer, title="出纳",
                     description="现金收付、银行对账、财务报销",
                     education_min="associate", majors=["会计学"])
    people = [
        make_candidate(session, user=make_user(session), name="陈会计", major="会计学",
                       desired="出纳 会计", skills="财务报销 银行对账"),
        make_candidate(session, user=make_user(session), name="王织工", major="纺织工程",
                       education="associate", desired="纺织 挡车"),
        make_candidate(session, name="李初中", education="junior_high", graduation_date=None),
    ]
    for person in people:
        session.add(Application(post_id=post.id, candidate_id=person.id, status="applied"))
    session.flush()
    login(client, employer_user.phone)
    page = client.get(f"/employer/posts/{post.id}").get_data(as_text=True)
    order = [page.index(name) for name in ("陈会计", "王织工", "李初中")]
    assert order == sorted(order)
    assert "专业对口：会计学" in page and "学历不足" in page


def test_stage_moves_through_the_page_end_in_a_placement(client, session, employer_user):
    post = make_post(session, employer_user.employer, slots=1, title="坯布检验员")
    seeker = make_user(session)
    make_candidate(session, user=seeker)
    application_id = client.post(f"/api/v1/posts/{post.id}/applications",
                                 headers=bearer(client, seeker.phone)).json["id"]
    login(client, employer_user.phone)
    path = f"/employer/posts/{post.id}"
    menu = client.get(path).get_data(as_text=True).split(f'id="to-{application_id}"')[1]
    menu = menu.split("</select>")[0]
    assert 'value="shortlisted"' in menu and 'value="rejected"' in menu
    assert 'value="hired"' not in menu and 'value="interview"' not in menu
    for stage in ("shortlisted", "interview", "offered"):
        response = client.post(f"/employer/applications/{application_id}/stage",
                               data={"to": stage, "csrf_token": csrf_token(client, path)})
        assert response.status_code == 302
    response = client.post(f"/employer/applications/{application_id}/stage", follow_redirects=True,
                           data={"to": "hired", "csrf_token": csrf_token(client, path)})
    assert "请填写到岗日期" in response.get_data(as_text=True)
    client.post(f"/employer/applications/{application_id}/stage",
                data={"to": "hired", "start_date": "2020-09-07", "csrf_token": csrf_token(client, path)})
    placement = session.scalar(select(Placement).where(Placement.post_id == post.id))
    assert placement.start_date == date(2020, 9, 7)
    history = client.get("/api/v1/me/applications", headers=bearer(client, seeker.phone)).json[0]["history"]
    assert [h["status"] for h in history] == ["applied", "shortlisted", "interview", "offered", "hired"]


def test_an_employer_cannot_move_another_employers_applicant(client, session, employer_user):
    theirs = make_post(session, make_employer(session))
    seeker = make_user(session)
    make_candidate(session, user=seeker)
    application_id = client.post(f"/api/v1/posts/{theirs.id}/applications",
                                 headers=bearer(client, seeker.phone)).json["id"]
    login(client, employer_user.phone)
    token = csrf_token(client, "/employer/posts/new")
    response = client.post(f"/employer/applications/{application_id}/stage",
                           data={"to": "shortlisted", "csrf_token": token})
    assert response.status_code == 404
    api = client.post(f"/api/v1/applications/{application_id}/stage", json={"to": "shortlisted"},
                      headers=bearer(client, employer_user.phone))
    assert api.status_code == 404


def test_the_bureau_lists_candidates_with_masked_identities(client, session, bureau):
    person = _hardship_person(session, "欧阳春梅")
    body = client.get("/api/v1/candidates", headers=bearer(client, bureau.phone)).json
    item = next(i for i in body["items"] if i["id"] == person.id)
    assert item["name"] == "欧***" and item["id_number"] == mask_id_number(person.id_number)
    assert set(item["groups"]) == {"hardship", "low_income"}
    assert body["total"] >= 1


@pytest.mark.parametrize("role", ["seeker", "employer"])
def test_only_the_bureau_lists_candidates(client, session, role):
    employer = make_employer(session) if role == "employer" else None
    user = make_user(session, role=role, employer=employer)
    assert client.get("/api/v1/candidates", headers=bearer(client, user.phone)).status_code == 403


def test_the_employers_order_ignores_groups_while_the_bureau_serves_them_first(client, session,
                                                                                employer_user, welfare_post):
    """Two people alike in fit: the bureau's list puts the 低保 one first, the employer's list is
    the same whichever of them is in the group (so its order cannot betray it)."""
    def alike(name):
        person = make_candidate(session, name=name, education="high_school", school="", major="",
                                graduation_date=None, open_to_offers=True, desired="社区消杀 保洁",
                                skills="消毒 防疫", unemployed_since=date(2020, 1, 1))
        person.group_claims.append(GroupClaim(group="registered_unemployed", status="verified"))
        return person
    first, second = alike("甲"), alike("乙")
    session.flush()
    employer = bearer(client, employer_user.phone)
    bureau = bearer(client, make_user(session, role="bureau").phone)
    path = f"/api/v1/posts/{welfare_post.id}/candidates?top=10"
    before = [r["id"] for r in client.get(path, headers=employer).json]
    assert sorted(before) == sorted([first.id, second.id])
    for person in (first, second):
        claim = GroupClaim(group="low_income", status="verified")
        person.group_claims.append(claim)
        session.flush()
        got = client.get(path, headers=employer).json
        assert [r["id"] for r in got] == before, [(r["id"], r["score"], r["why"]) for r in got]
        answer = client.get(path, headers=bureau).json
        assert answer[0]["id"] == person.id and answer[0]["fit"] == answer[1]["fit"]
        person.group_claims.remove(claim)
        session.flush()
