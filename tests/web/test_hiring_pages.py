"""The hiring conversation on the pages: the employer invites from 推荐人选, schedules and
offers on the applicant's page; the seeker answers on 邀请、面试与录用, and after the hire
their page shows the job instead of 失业登记. Withdrawal asks first; renewal once."""

import re

import pytest
from sqlalchemy import select

from models import Application, Candidate, Placement
from tests.factories import make_candidate, make_post, make_user
from tests.web.helpers import csrf_token, login


@pytest.fixture
def scene(session, instant_index, seeker, employer_user):
    candidate = session.scalar(select(Candidate).where(Candidate.user_id == seeker.id))
    candidate.open_to_offers = True
    candidate.desired = "质检员 织造"  # recommended for the post by what they want to do
    post = make_post(session, employer_user.employer, title="织造车间质检员", slots=1)
    session.commit()
    return post, candidate


def _post(client, path: str, data: dict, page: str):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, page)},
                       follow_redirects=True)


def test_the_conversation_on_the_pages(client, session, scene, seeker, employer_user):
    post, candidate = scene
    login(client, employer_user.phone)
    page = f"/employer/posts/{post.id}"
    assert "邀请投递" in client.get(page).get_data(as_text=True)
    sent = _post(client, f"/employer/posts/{post.id}/invitations",
                 {"candidate_id": candidate.id, "message": "欢迎应聘"}, page)
    assert "邀请已发出" in sent.get_data(as_text=True)

    login(client, seeker.phone)
    hiring = client.get("/seeker/hiring").get_data(as_text=True)
    assert "欢迎应聘" in hiring and "接受并投递" in hiring
    invitation_id = re.search(r"/seeker/invitations/(\d+)/accept", hiring)[1]
    done = _post(client, f"/seeker/invitations/{invitation_id}/accept", {}, "/seeker/hiring")
    assert "已接受邀请并投递" in done.get_data(as_text=True)

    login(client, employer_user.phone)
    application_id = re.search(r"/employer/applications/(\d+)", client.get(page).get_data(as_text=True))[1]
    applicant = f"/employer/applications/{application_id}"
    scheduled = _post(client, f"{applicant}/interviews",
                      {"starts_at": "2020-09-03T09:30", "place": "金峰镇工业路8号", "contact": "陈经理",
                       "contact_phone": "0591-28881234", "notes": ""}, applicant)
    assert "面试已安排" in scheduled.get_data(as_text=True)

    login(client, seeker.phone)
    hiring = client.get("/seeker/hiring").get_data(as_text=True)
    assert "2020-09-03 09:30" in hiring and "金峰镇工业路8号" in hiring
    interview_id = re.search(r"/seeker/interviews/(\d+)/confirm", hiring)[1]
    assert client.get(f"/seeker/interviews/{interview_id}/calendar.ics").mimetype == "text/calendar"
    _post(client, f"/seeker/interviews/{interview_id}/confirm", {}, "/seeker/hiring")

    login(client, employer_user.phone)
    assert "已确认参加" in client.get(applicant).get_data(as_text=True)
    offered = _post(client, f"{applicant}/offer", {"start_date": "2020-09-15", "monthly_pay": "4800"},
                    applicant)
    assert "录用通知已发出" in offered.get_data(as_text=True)

    login(client, seeker.phone)
    assert "失业登记" in client.get("/seeker/").get_data(as_text=True)
    hiring = client.get("/seeker/hiring").get_data(as_text=True)
    offer_id = re.search(r"/seeker/offers/(\d+)/accept", hiring)[1]
    accepted = _post(client, f"/seeker/offers/{offer_id}/accept", {}, "/seeker/hiring")
    assert "已接受录用" in accepted.get_data(as_text=True)
    home = client.get("/seeker/").get_data(as_text=True)
    assert "当前工作" in home and "织造车间质检员" in home and "在线登记" not in home
    assert session.scalar(select(Placement.candidate_id).where(Placement.post_id == post.id)) == candidate.id


def test_withdrawal_asks_first_renews_once_and_is_the_seeker_s_own(app, client, session, scene, seeker):
    post, _ = scene
    login(client, seeker.phone)
    client.post(f"/seeker/posts/{post.id}/apply",
                data={"csrf_token": csrf_token(client, f"/posts/{post.id}")})
    applications = client.get("/seeker/applications").get_data(as_text=True)
    application_id = re.search(r"/seeker/applications/(\d+)/withdraw", applications)[1]
    confirm = client.get(f"/seeker/applications/{application_id}/withdraw").get_data(as_text=True)
    assert "确认撤回" in confirm and "可以重新申请一次" in confirm
    _post(client, f"/seeker/applications/{application_id}/withdraw", {}, "/seeker/applications")
    assert "重新申请（仅一次）" in client.get("/seeker/applications").get_data(as_text=True)
    renewed = _post(client, f"/seeker/applications/{application_id}/renew", {}, "/seeker/applications")
    assert "已重新申请" in renewed.get_data(as_text=True)

    other = make_user(session)
    make_candidate(session, user=other)
    session.commit()
    login(client, other.phone)
    assert client.get(f"/seeker/applications/{application_id}/withdraw").status_code == 404
    token = csrf_token(client, "/seeker/hiring")
    assert client.post(f"/seeker/applications/{application_id}/renew",
                       data={"csrf_token": token}).status_code == 404
    assert "/login" in app.test_client().get("/seeker/hiring").headers["Location"]


@pytest.mark.parametrize("field, value, refusal", [
    ("starts_at", "0001-01-01T00:00", "请填写面试时间"),
    ("start_date", "9999-12-31", "请填写到岗日期"),
])
def test_a_time_outside_2000_to_2100_is_refused_on_the_applicant_s_page(
        client, session, scene, seeker, employer_user, field, value, refusal):
    """Year 1 in Beijing time has no UTC, and a trainee term from 9999-12-31 ends past the
    calendar: the page says what to fill in instead of failing."""
    post, _ = scene
    from tests.factories import make_program
    program = make_program(session, kind="trainee")
    post.kind, post.education_min, post.program_id = "trainee", "associate", program.id
    session.commit()
    login(client, seeker.phone)
    _post(client, f"/seeker/posts/{post.id}/apply", {}, f"/posts/{post.id}")
    application_id = session.scalar(select(Application.id).where(Application.post_id == post.id))
    login(client, employer_user.phone)
    applicant = f"/employer/applications/{application_id}"
    route = f"{applicant}/interviews" if field == "starts_at" else f"{applicant}/offer"
    answer = _post(client, route, {field: value, "place": "金峰镇工业路8号", "contact": "陈经理",
                                   "monthly_pay": "4800", "term_months": "3"}, applicant)
    assert answer.status_code == 200 and refusal in answer.get_data(as_text=True)
