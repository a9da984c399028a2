"""The seeker's profile in steps, self-declared groups 待核验, online unemployment registration,
recommendations with 不感兴趣, and saved searches with what is new since the last visit."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from models import (
    AuditEntry,
    Candidate,
    GroupClaim,
    HiddenPost,
    MatcherChange,
    SavedSearch,
    UnemploymentRegistration,
    User,
)
from models.base import utcnow
from policy.identifiers import make_id_number
from services import recommendations, unemployment
from tests.factories import make_candidate, make_employer, make_post, make_user
from tests.web.helpers import bearer, csrf_token, login
from web import create_app
from web.api import me as me_api

pytestmark = pytest.mark.usefixtures("instant_index")


def _step(client, step, **data):
    path = f"/seeker/profile/{step}"
    return client.post(path, data={**data, "csrf_token": csrf_token(client, path)})


def _candidate(session, user):
    return session.scalar(select(Candidate).where(Candidate.user_id == user.id))


def test_each_step_saves_and_leads_to_the_next(client, session, seeker):
    login(client, seeker.phone)
    id_number = make_id_number("350182", date(1999, 2, 3), 123)
    response = _step(client, "basic", name="林晓燕", gender="female", id_number=id_number,
                     phone="13905910001")
    assert response.headers["Location"].endswith("/seeker/profile/education")
    response = _step(client, "education", education="associate", school="福州职业技术学院",
                     major="电子商务", graduation_date="2020-07-01")
    assert response.headers["Location"].endswith("/seeker/profile/intent")
    response = _step(client, "intent", desired="跨境电商运营", skills="亚马逊 店铺运营",
                     experience="", townships=["航城街道", "吴航街道"], open_to_offers="y")
    assert response.headers["Location"].endswith("/seeker/profile/situation")
    candidate = _candidate(session, seeker)
    session.refresh(candidate)
    assert candidate.birth_date == date(1999, 2, 3) and candidate.education == "associate"
    assert candidate.townships == ["航城街道", "吴航街道"] and candidate.open_to_offers
    changed = select(MatcherChange.entity).where(MatcherChange.entity_id == candidate.id)
    changes = session.scalars(changed).all()
    assert set(changes) == {"candidate"} and len(changes) >= 3  # each step logged its change


def test_stated_pay_and_work_type_are_saved_and_recommendations_say_how_posts_meet_them(
        client, session, seeker, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 1)
    candidate = _candidate(session, seeker)
    employer = make_employer(session)
    make_post(session, employer, title="仓库管理员", description="负责仓库理货、出入库登记",
              education_min="none", salary_min=2500, salary_max=3000, work_type="part_time")
    session.flush()
    login(client, seeker.phone)
    response = _step(client, "intent", desired="仓库管理员、理货", skills="", experience="",
                     desired_salary="4000", work_type="full_time")
    assert response.status_code == 302
    session.refresh(candidate)
    assert (candidate.desired_salary, candidate.work_type) == (4000, "full_time")
    page = client.get("/seeker/recommendations").get_data(as_text=True)
    assert 'class="why-miss">月薪最高3000元，低于期望（4000元）' in page
    assert 'class="why-miss">兼职岗位，意向为全职' in page
    response = _step(client, "intent", desired="仓库", work_type="seasonal")
    assert response.status_code == 200 and _candidate(session, seeker).work_type == "full_time"


def test_a_bad_id_number_is_refused_on_its_field_and_nothing_changes(client, session, seeker):
    login(client, seeker.phone)
    response = _step(client, "basic", name="林晓燕", id_number="350182199902030000", phone="13905910001")
    assert response.status_code == 200 and "身份证号码" in response.get_data(as_text=True)
    assert _candidate(session, seeker).phone != "13905910001"


def test_declared_groups_show_as_pending_until_the_bureau_decides(client, session, seeker):
    login(client, seeker.phone)
    _step(client, "situation", unemployed_since="2020-07-01", groups=["unemployed_graduate", "hardship"],
          sensitive_consent="y")
    claims = {c.group: c.status for c in _candidate(session, seeker).group_claims}
    assert claims == {"unemployed_graduate": "declared", "hardship": "declared"}
    page = client.get("/seeker/").get_data(as_text=True)
    assert "离校未就业高校毕业生<span class=\"pending\">（待核验）</span>" in page
    claim = session.get(GroupClaim, (_candidate(session, seeker).id, "unemployed_graduate"))
    claim.status = "verified"
    session.flush()
    _step(client, "situation", unemployed_since="2020-07-01", groups=[])
    claims = {c.group: c.status for c in _candidate(session, seeker).group_claims}
    # A decided ordinary group stays as the bureau decided; a sensitive one goes with its consent.
    assert claims == {"unemployed_graduate": "verified", "hardship": "withdrawn"}


def test_a_seeker_registers_as_unemployed_once_and_the_bureau_confirms(client, session, seeker, bureau):
    login(client, seeker.phone)
    path = "/seeker/unemployment"
    data = {"township": "首占镇", "unemployed_since": "2020-06-30", "previous_employer": "福州某纺织厂",
            "able_to_work": "y", "wants_work": "y"}
    assert client.post(path, data={**data, "csrf_token": csrf_token(client, path)}).status_code == 302
    assert "等待人社局确认" in client.get(path).get_data(as_text=True)
    registration = session.scalar(select(UnemploymentRegistration))
    assert registration.status == "pending" and registration.township == "首占镇"
    unemployment.decide(session, bureau, registration.id, confirm=True, today=date(2020, 9, 1))
    candidate = _candidate(session, seeker)
    assert candidate.unemployed_since == date(2020, 6, 30)
    assert {c.group: c.status for c in candidate.group_claims}["registered_unemployed"] == "verified"
    assert "人社局已确认" in client.get(path).get_data(as_text=True)


def test_an_unemployment_registration_in_the_future_is_refused(client, session, seeker):
    login(client, seeker.phone)
    path = "/seeker/unemployment"
    response = client.post(path, data={"township": "首占镇", "unemployed_since": "2030-01-01",
                                       "able_to_work": "y", "wants_work": "y",
                                       "csrf_token": csrf_token(client, path)})
    assert "失业时间不能晚于今天" in response.get_data(as_text=True)
    assert session.scalar(select(UnemploymentRegistration.id)) is None


def test_recommendations_give_reasons_and_not_interested_hides_a_post(client, session, seeker):
    employer = make_employer(session)
    cashier = make_post(session, employer, title="出纳", description="现金收付、财务报销",
                        education_min="none")
    make_post(session, employer, title="织造挡车工", description="看管织机", education_min="none")
    login(client, seeker.phone)
    page = client.get("/seeker/recommendations").get_data(as_text=True)
    assert "出纳" in page and "推荐理由" in page and "关键词匹配：出纳" in page
    client.post(f"/seeker/recommendations/{cashier.id}/hide",
                data={"csrf_token": csrf_token(client, "/seeker/recommendations")})
    assert "出纳" not in client.get("/seeker/recommendations").get_data(as_text=True).split("<h1>")[1]


def test_the_recommendations_api_ranks_posts_with_reasons(client, session, seeker):
    employer = make_employer(session)
    make_post(session, employer, title="出纳", description="现金收付、财务报销", education_min="none")
    body = client.get("/api/v1/me/recommendations?top=5", headers=bearer(client, seeker.phone)).json
    assert body[0]["post"]["title"] == "出纳" and body[0]["why"]
    assert client.get("/api/v1/me/recommendations?top=0",
                      headers=bearer(client, seeker.phone)).status_code == 422


def test_a_saved_search_shows_new_posts_since_the_last_visit(client, session, seeker):
    employer = make_employer(session)
    make_post(session, employer, title="出纳", description="现金收付",
              created_at=utcnow() - timedelta(days=1))
    login(client, seeker.phone)
    token = csrf_token(client, "/posts?q=出纳")
    assert client.post("/seeker/searches", data={"q": "出纳", "csrf_token": token}).status_code == 302
    assert "暂无新岗位" in client.get("/seeker/").get_data(as_text=True)
    search = session.scalar(select(SavedSearch))
    search.last_seen_at = utcnow() - timedelta(hours=1)
    newer = make_post(session, employer, title="财务出纳")
    session.add(MatcherChange(entity="post", entity_id=newer.id, op="upsert"))
    session.flush()
    home = client.get("/seeker/").get_data(as_text=True)
    assert "1 个新岗位" in home
    search_id = search.id
    opened = client.get(f"/seeker/searches/{search_id}")
    assert opened.status_code == 302 and "q=%E5%87%BA%E7%BA%B3" in opened.headers["Location"]
    assert "暂无新岗位" in client.get("/seeker/").get_data(as_text=True)


def test_a_post_closed_by_another_worker_during_a_request_is_still_explained(client, session, seeker,
                                                                           monkeypatch):
    """The index catches up before a request, never during one: results ranked in a request
    have their reasons read from the same index."""
    employer = make_employer(session)
    cashier = make_post(session, employer, title="出纳", description="现金收付、财务报销",
                        education_min="none")
    headers = bearer(client, seeker.phone)
    real = me_api.post_cards

    def closed_meanwhile(ids):
        cashier.status = "closed"  # what another worker commits between ranking and reasons
        session.add(MatcherChange(entity="post", entity_id=cashier.id, op="remove"))
        session.flush()
        return real(ids)

    monkeypatch.setattr(me_api, "post_cards", closed_meanwhile)
    answer = client.get("/api/v1/me/recommendations", headers=headers)
    assert answer.status_code == 200
    why = answer.json[0]["why"]
    assert why[:2] == ["关键词匹配：出纳、财务", "同类工作：会计"] and "学历不限" in why


def _register_unemployed(client, **overrides):
    path = "/seeker/unemployment"
    data = {"township": "首占镇", "unemployed_since": "2020-06-30", "able_to_work": "y",
            "wants_work": "y", **overrides}
    return client.post(path, data={**data, "csrf_token": csrf_token(client, path)})


@pytest.mark.parametrize(("born", "seq", "cadre", "accepted"), [
    (date(2004, 9, 16), 11, "worker", False),  # 16 tomorrow
    (date(2004, 9, 15), 11, "worker", True),  # 16 today
    (date(1960, 9, 16), 11, "worker", True),  # a man, 60 tomorrow
    (date(1960, 9, 15), 11, "worker", False),  # a man, 60 today
    (date(1970, 9, 16), 12, "worker", True),  # a woman worker, 50 tomorrow
    (date(1970, 9, 15), 12, "worker", False),  # a woman worker, 50 today
    (date(1970, 9, 15), 12, "cadre", True),  # a woman cadre retires at 55
    (date(1965, 9, 15), 12, "cadre", False),
])
def test_unemployment_registration_is_within_working_age_by_the_id_number(
        client, session, app, born, seq, cadre, accepted):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)
    user = make_user(session)
    make_candidate(session, user=user, birth_date=born, id_number=make_id_number("350182", born, seq))
    login(client, user.phone)
    page = _register_unemployed(client, cadre=cadre, unemployed_since="2020-09-01")
    registered = session.scalar(select(UnemploymentRegistration.id)) is not None
    assert registered is accepted
    if not accepted:
        assert "失业登记须在法定劳动年龄内" in page.get_data(as_text=True)


def test_unemployment_registration_needs_both_declarations(client, session, seeker):
    login(client, seeker.phone)
    page = _register_unemployed(client, able_to_work="", wants_work="").get_data(as_text=True)
    assert page.count("请勾选此项声明") == 2
    assert "有劳动能力" in page and "有就业要求" in page
    assert session.scalar(select(UnemploymentRegistration.id)) is None
    assert _register_unemployed(client).status_code == 302
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "register_unemployed"))
    assert entry.detail["able_to_work"] is True and entry.detail["wants_work"] is True


def test_the_recommendations_api_leaves_out_the_posts_hidden_and_applied_to(client, session, seeker):
    """What a seeker acted on is read with their user row (services.recommendations.Standing):
    a change made by one request shows in the next, and another seeker's never counts."""
    employer = make_employer(session)
    cashiers = [make_post(session, employer, title=f"出纳{n}号岗", description="现金收付、财务报销",
                          education_min="none") for n in range(4)]
    other = make_candidate(session, user=make_user(session), desired="会计 出纳")
    session.add(HiddenPost(candidate_id=other.id, post_id=cashiers[3].id))
    headers = bearer(client, seeker.phone)

    def shown() -> set[int]:
        answer = client.get("/api/v1/me/recommendations?top=10", headers=headers)
        return {item["post"]["id"] for item in answer.json}

    def standing(user: User) -> recommendations.Standing | None:
        row = session.execute(recommendations.with_standing(select(User)).where(User.id == user.id)).one()
        return recommendations.Standing.of(row)

    assert shown() >= {post.id for post in cashiers}
    applied = client.post(f"/api/v1/posts/{cashiers[0].id}/applications", headers=headers, json={})
    assert applied.status_code == 201
    mine = standing(seeker)
    assert mine is not None and mine.acted_on == (cashiers[0].id,)
    for post in cashiers[1:3]:
        session.add(HiddenPost(candidate_id=mine.profile_id, post_id=post.id))
    session.flush()
    assert shown() & {post.id for post in cashiers} == {cashiers[3].id}
    assert sorted(standing(seeker).acted_on) == sorted(post.id for post in cashiers[:3])
    assert standing(make_user(session, role="bureau")) is None


def test_a_seeker_reads_their_own_change_on_a_worker_that_did_not_make_it(app, client, session, seeker):
    """Two workers (two apps on one database), neither due to check the log for an hour: the
    one that served the change knows it; the other catches up because the visitor's cookie
    says when they changed something."""
    app.config["AS_OF_DATE"] = date(2020, 9, 1)
    employer = make_employer(session)
    make_post(session, employer, title="出纳", description="现金收付、财务报销", education_min="none")
    make_post(session, employer, title="仓库管理员", description="负责仓库理货、出入库登记",
              education_min="none")
    session.flush()
    other = create_app(app.config)
    other.extensions["db"].sessions = app.extensions["db"].sessions
    for worker in (app, other):
        worker.extensions["matcher"].refresh_seconds = 3600
    there = other.test_client()
    login(client, seeker.phone)
    there.set_cookie("session", client.get_cookie("session").value)

    def first(worker_client) -> str:
        page = worker_client.get("/seeker/recommendations").get_data(as_text=True)
        return page.split('class="post-item')[1]

    assert "出纳" in first(client) and "出纳" in first(there)  # both fitted now
    assert _step(client, "intent", desired="仓库管理员、理货", skills="", experience="").status_code == 302
    there.set_cookie("session", client.get_cookie("session").value)
    assert "仓库管理员" in first(there)
