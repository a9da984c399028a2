"""站内消息: events tell the people concerned in their inbox (and queue SMS / e-mail in the
same transaction); the inbox is each person's own, through the page and the API."""

from sqlalchemy import select

from models import Candidate, Message, OutboxMessage
from services import employers, notifications, privacy, saved_searches, verification
from tests.factories import PASSWORD, make_employer, make_post, make_user
from tests.web.helpers import bearer, csrf_token, login


def outbox_of(session, user) -> list[tuple[str, str]]:
    return [(r.channel, r.text) for r in session.scalars(
        select(OutboxMessage).where(OutboxMessage.user_id == user.id).order_by(OutboxMessage.id))]


def inbox_texts(client, headers) -> list[str]:
    response = client.get("/api/v1/me/messages", headers=headers)
    assert response.status_code == 200
    return [m["text"] for m in response.json]


def test_an_application_and_each_stage_tell_the_other_side(client, session, instant_index, seeker,
                                                          employer_user):
    employer_user.email = "hr@example.com"
    post = make_post(session, employer_user.employer, title="织造车间质检员")
    seeker_auth, employer_auth = bearer(client, seeker.phone), bearer(client, employer_user.phone)
    application = client.post(f"/api/v1/posts/{post.id}/applications", headers=seeker_auth).json
    client.post(f"/api/v1/applications/{application['id']}/stage", json={"to": "shortlisted"},
                headers=employer_auth)
    client.post(f"/api/v1/applications/{application['id']}/stage",
                json={"to": "rejected", "reason": "岗位已招满"}, headers=employer_auth)

    assert inbox_texts(client, seeker_auth) == [
        "您申请的「织造车间质检员」（" + employer_user.employer.name + "）未通过：岗位已招满",
        "您申请的「织造车间质检员」（" + employer_user.employer.name + "）已通过初筛",
    ]
    # The employer's own words stay in the signed-in inbox (services.hiring_notices): an SMS
    # sent under the bureau's name carries no text an employer typed.
    assert [text for channel, text in outbox_of(session, seeker)][-1] == (
        "您申请的「织造车间质检员」（" + employer_user.employer.name + "）未通过，详情请登录就业直通车查看")
    assert [channel for channel, _ in outbox_of(session, seeker)] == ["sms", "sms"]
    assert inbox_texts(client, employer_auth) == ["「织造车间质检员」收到一份新的申请"]
    assert outbox_of(session, employer_user) == [("email", "「织造车间质检员」收到一份新的申请")]


def test_a_refused_stage_change_tells_nobody(client, session, instant_index, seeker, employer_user):
    post = make_post(session, employer_user.employer)
    application = client.post(f"/api/v1/posts/{post.id}/applications",
                              headers=bearer(client, seeker.phone)).json
    response = client.post(f"/api/v1/applications/{application['id']}/stage", json={"to": "hired"},
                           headers=bearer(client, employer_user.phone))
    assert response.status_code == 422
    assert session.scalars(select(Message).where(Message.user_id == seeker.id)).all() == []


def test_the_bureau_verifying_an_employer_tells_its_accounts(session):
    employer = make_employer(session, verified=False)
    contact = make_user(session, role="employer", employer=employer)
    employers.verify_employer(session, employer.id, make_user(session, role="bureau").id)
    assert [m.kind for m in notifications.inbox(session, contact)] == ["employer_verified"]
    assert [channel for channel, _ in outbox_of(session, contact)] == ["sms"]


def test_a_claim_decision_names_the_group_only_inside_the_inbox(session, seeker):
    candidate = session.scalar(select(Candidate).where(Candidate.user_id == seeker.id))
    candidate.group_claims.append(verification.GroupClaim(group="low_income", status="declared"))
    session.flush()
    verification.decide_claim(session, make_user(session, role="bureau").id, candidate.id,
                              "low_income", approve=True)
    assert "低保" in notifications.inbox(session, seeker)[0].text
    [(channel, text)] = outbox_of(session, seeker)
    assert channel == "sms" and "低保" not in text and "已核验通过" in text


def test_the_inbox_is_newest_first_and_each_person_reads_only_their_own(client, session, seeker):
    other = make_user(session)
    first = notifications.notify(session, seeker, "notice", "第一条")
    notifications.notify(session, seeker, "notice", "第二条")
    theirs = notifications.notify(session, other, "notice", "别人的")
    session.commit()
    auth = bearer(client, seeker.phone)
    answer = client.get("/api/v1/me/messages", headers=auth).json
    assert [(m["text"], m["read"]) for m in answer] == [("第二条", False), ("第一条", False)]
    read = client.post(f"/api/v1/me/messages/{first.id}/read", headers=auth)
    assert read.status_code == 200 and read.json["read"] is True
    assert client.post(f"/api/v1/me/messages/{theirs.id}/read", headers=auth).status_code == 404
    assert client.get("/api/v1/me/messages").status_code == 401
    assert theirs.read_at is None


def test_the_messages_page_lists_and_marks_read(client, session, seeker):
    message = notifications.notify(session, seeker, "notice", "您申请的岗位已通过初筛")
    session.commit()
    login(client, seeker.phone)
    page = client.get("/messages").get_data(as_text=True)
    assert "您申请的岗位已通过初筛" in page and "1 条未读" in page
    client.post(f"/messages/{message.id}/read", data={"csrf_token": csrf_token(client, "/messages")})
    assert "没有未读消息" in client.get("/messages").get_data(as_text=True)


def test_the_messages_page_needs_a_login(client):
    response = client.get("/messages")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_closing_the_account_removes_the_inbox_and_stops_what_was_not_sent(session, seeker):
    seeker.email = "lin@example.com"
    notifications.notify(session, seeker, "notice", "您申请的岗位已通过初筛", ("sms", "email"))
    exported = privacy.personal_data(session, seeker)["messages"]
    assert [m["text"] for m in exported] == ["您申请的岗位已通过初筛"]
    privacy.erase_seeker(session, seeker, PASSWORD)
    assert notifications.inbox(session, seeker) == []
    rows = session.scalars(select(OutboxMessage).where(OutboxMessage.user_id == seeker.id)).all()
    assert {(r.status, r.recipient, r.text) for r in rows} == {("dead", "", "")}
    assert seeker.email is None


def test_an_email_address_set_on_the_messages_page_receives_the_next_notices(client, session, seeker):
    login(client, seeker.phone)
    token = csrf_token(client, "/messages")
    refused = client.post("/messages/email", data={"email": "not-an-address", "csrf_token": token})
    assert "邮箱地址格式不正确" in refused.get_data(as_text=True) and seeker.email is None
    client.post("/messages/email", data={"email": "lin@example.com", "csrf_token": token})
    session.refresh(seeker)
    assert seeker.email == "lin@example.com"
    notifications.notify(session, seeker, "notice", "您申请的岗位已通过初筛", ("sms", "email"))
    assert [channel for channel, _ in outbox_of(session, seeker)] == ["sms", "email"]


def test_the_api_sets_and_clears_the_notification_email(client, session, employer_user):
    auth = bearer(client, employer_user.phone)
    route = "/api/v1/me/notification-email"
    saved = client.put(route, json={"email": "hr@example.com"}, headers=auth)
    assert saved.json == {"email": "hr@example.com"}
    bad = client.put(route, json={"email": "hr@"}, headers=auth)
    assert (bad.status_code, bad.json["error"]["code"]) == (422, "invalid_email")
    assert client.put(route, json={"email": ""}, headers=auth).json == {"email": None}
    assert client.put(route, json={"email": "x@example.com"}).status_code == 401


def queued_ids(app) -> list[int]:
    return sorted(task.args[0] for task in app.extensions["queue"].huey.pending())


def test_the_outbox_rows_of_a_commit_are_handed_to_the_worker_queue(
        app, client, session, instant_index, seeker, employer_user):
    post = make_post(session, employer_user.employer)
    session.commit()
    applied = client.post(f"/api/v1/posts/{post.id}/applications", headers=bearer(client, seeker.phone))
    stage = f"/api/v1/applications/{applied.json['id']}/stage"
    employer_auth = bearer(client, employer_user.phone)
    client.post(stage, json={"to": "hired"}, headers=employer_auth)
    assert queued_ids(app) == []  # refused (not the next stage): rolled back, nothing to send
    client.post(stage, json={"to": "shortlisted"}, headers=employer_auth)
    [row] = session.scalars(select(OutboxMessage).where(OutboxMessage.user_id == seeker.id)).all()
    assert queued_ids(app) == [row.id]


def test_the_bureau_lists_dead_letters_and_sends_one_again(app, client, session, seeker, bureau):
    notifications.notify(session, seeker, "notice", "您申请的岗位已通过初筛", ("sms",))
    code = notifications.queue(session, "sms", seeker.phone, "password_reset", "验证码 {code}",
                               user_id=seeker.id)
    for row in session.scalars(select(OutboxMessage)):
        row.status, row.attempts, row.last_error = "dead", 6, "isp.SYSTEM_ERROR: busy"
    session.commit()
    [notice] = [r for r in session.scalars(select(OutboxMessage)) if r.kind == "notice"]
    login(client, bureau.phone)
    page = client.get("/bureau/outbox").get_data(as_text=True)
    assert "isp.SYSTEM_ERROR" in page and seeker.phone not in page
    token = csrf_token(client, "/bureau/outbox")
    client.post(f"/bureau/outbox/{notice.id}/resend", data={"csrf_token": token})
    client.post(f"/bureau/outbox/{code.id}/resend", data={"csrf_token": token})
    session.refresh(notice)
    session.refresh(code)
    assert (notice.status, notice.attempts, code.status) == ("pending", 0, "dead")
    assert queued_ids(app) == [notice.id]


def test_only_the_bureau_sees_dead_letters(client, session, seeker):
    login(client, seeker.phone)
    assert client.get("/bureau/outbox").status_code == 403


def test_a_search_digest_in_the_inbox_opens_its_listing_or_the_list_of_searches(client, session, seeker):
    one = saved_searches.save(session, seeker, "", {"q": "会计"})
    notifications.notify(session, seeker, "search_digest", "您保存的搜索有1个新岗位。",
                         subject="saved_search", subject_id=one.id)
    notifications.notify(session, seeker, "search_digest", "您保存的搜索有3个新岗位。",
                         subject="saved_search")
    login(client, seeker.phone)
    page = client.get("/messages").get_data(as_text=True)
    assert f'href="/seeker/searches/{one.id}">查看新岗位</a>' in page
    assert 'href="/seeker/#saved-searches">查看保存的搜索</a>' in page
    opened = client.get(f"/seeker/searches/{one.id}")
    assert opened.status_code == 302 and "/posts?q=" in opened.headers["Location"]
