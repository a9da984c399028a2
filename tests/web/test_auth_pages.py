"""Registration, login and logout through the pages, with CSRF on every form."""

from sqlalchemy import func, select

from models import Candidate, Employer, User
from policy.identifiers import make_credit_code
from tests.factories import make_candidate, make_employer, make_post, make_user
from tests.web.helpers import csrf_token, login

VALID_ID = "11010519491231002X"


def _seeker_form(client, **overrides):
    data = {
        "name": "陈雨桐", "phone": "13705910001", "id_number": VALID_ID, "education": "bachelor",
        "password": "长乐就业2020", "confirm": "长乐就业2020",
        "csrf_token": csrf_token(client, "/register/seeker"),
    }
    data.update(overrides)
    return client.post("/register/seeker", data=data)


def _count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_a_seeker_registers_and_lands_on_their_page(client, session):
    response = _seeker_form(client)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/seeker/")
    candidate = session.scalar(select(Candidate).where(Candidate.phone == "13705910001"))
    assert candidate.birth_date.isoformat() == "1949-12-31"
    assert candidate.gender == "female"
    page = client.get("/seeker/").get_data(as_text=True)
    assert "陈雨桐" in page


def test_a_bad_id_number_is_explained_in_chinese_and_nothing_is_written(client, session):
    before = _count(session, User)
    response = _seeker_form(client, id_number="110105194912310021")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "校验码" in page
    assert _count(session, User) == before


def test_a_malformed_phone_and_a_weak_password_are_refused(client, session):
    before = _count(session, User)
    page = _seeker_form(client, phone="1234").get_data(as_text=True)
    assert "手机号" in page
    page = _seeker_form(client, password="woaini1314", confirm="woaini1314").get_data(as_text=True)
    assert "密码过于常见" in page
    assert _count(session, User) == before


def test_a_duplicate_phone_is_refused(client, session):
    make_user(session, phone="13705910001")
    page = _seeker_form(client).get_data(as_text=True)
    assert "该手机号已注册" in page


def test_missing_fields_are_marked_on_the_form(client):
    page = _seeker_form(client, name="", education="").get_data(as_text=True)
    assert "此项为必填" in page
    assert "请选择学历" in page


def test_an_employer_registers_unverified(client, session):
    credit_code = make_credit_code("91350182MA2Y0Q3K7")
    data = {
        "employer_name": "福建长乐锦江纺织有限公司", "credit_code": credit_code,
        "ownership": "private", "size": "small", "staff_count": "85", "industry": "纺织",
        "township": "金峰镇", "name": "郑建华", "phone": "13705910002",
        "password": "织造车间2020!", "confirm": "织造车间2020!",
        "csrf_token": csrf_token(client, "/register/employer"),
    }
    response = client.post("/register/employer", data=data)
    assert response.status_code == 302
    employer = session.scalar(select(Employer).where(Employer.credit_code == credit_code))
    assert employer is not None and not employer.verified
    assert "等待区人社局审核" in client.get("/employer/").get_data(as_text=True)


def test_an_invalid_credit_code_is_refused(client, session):
    before = _count(session, Employer)
    data = {
        "employer_name": "福建长乐锦江纺织有限公司", "credit_code": "91350182MA2Y0Q3K7X",
        "ownership": "private", "size": "small", "staff_count": "85", "industry": "纺织",
        "township": "金峰镇", "name": "郑建华", "phone": "13705910003",
        "password": "织造车间2020!", "confirm": "织造车间2020!",
        "csrf_token": csrf_token(client, "/register/employer"),
    }
    page = client.post("/register/employer", data=data).get_data(as_text=True)
    assert "统一社会信用代码" in page
    assert _count(session, Employer) == before


def test_a_form_posted_without_its_csrf_token_is_rejected(client, session):
    before = _count(session, User)
    response = client.post("/register/seeker", data={
        "name": "陈雨桐", "phone": "13705910001", "id_number": VALID_ID, "education": "bachelor",
        "password": "长乐就业2020", "confirm": "长乐就业2020",
    })
    assert response.status_code == 400
    assert "页面已过期" in response.get_data(as_text=True)
    assert _count(session, User) == before


def test_login_with_a_wrong_password_says_the_same_as_an_unknown_phone(client, session):
    user = make_user(session)
    wrong = login(client, user.phone, "not-the-password").get_data(as_text=True)
    unknown = login(client, "13000000000", "not-the-password").get_data(as_text=True)
    assert "手机号或密码不正确" in wrong and "手机号或密码不正确" in unknown


def test_a_cookie_copied_before_logout_is_useless_after_it(client, session, app):
    user = make_user(session, role="bureau")
    assert login(client, user.phone).status_code == 302
    assert client.get("/bureau/").status_code == 200
    cookie = client.get_cookie("session").value
    token = csrf_token(client, "/bureau/")
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302

    replay = app.test_client()
    replay.set_cookie("session", cookie)
    response = replay.get("/bureau/")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_the_session_cookie_is_httponly_and_samesite_lax(client, session):
    user = make_user(session)
    response = login(client, user.phone)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_login_only_redirects_to_paths_on_this_site(client, session):
    user = make_user(session)
    token = csrf_token(client, "/login")
    response = client.post("/login?next=//evil.example/x",
                           data={"phone": user.phone, "password": "Changle@2020",
                                 "csrf_token": token})
    assert response.headers["Location"] == "/seeker/"


def test_an_employer_logs_in_to_the_employer_centre(client, session):
    employer = make_employer(session)
    user = make_user(session, role="employer", employer=employer)
    response = login(client, user.phone)
    assert response.headers["Location"] == "/employer/"
    assert employer.name in client.get("/employer/").get_data(as_text=True)


def test_registering_from_a_post_lands_back_on_the_post(client, session):
    post = make_post(session, make_employer(session))
    session.commit()
    detail = client.get(f"/posts/{post.id}").get_data(as_text=True)
    assert f"/register/seeker?next=/posts/{post.id}" in detail
    data = {"name": "陈雨桐", "phone": "13705910002", "id_number": VALID_ID, "education": "bachelor",
            "password": "长乐就业2020", "confirm": "长乐就业2020",
            "csrf_token": csrf_token(client, f"/register/seeker?next=/posts/{post.id}")}
    response = client.post(f"/register/seeker?next=/posts/{post.id}", data=data)
    assert response.headers["Location"].endswith(f"/posts/{post.id}")


def test_next_is_passed_from_the_login_through_the_choice_and_kept_only_on_this_site(client, session):
    login_page = client.get("/login?next=/posts/7").get_data(as_text=True)
    assert "/register?next=/posts/7" in login_page
    assert "/register/employer?next=/posts/7" in client.get("/register?next=/posts/7").get_data(as_text=True)
    data = {"name": "陈雨桐", "phone": "13705910003", "id_number": VALID_ID, "education": "bachelor",
            "password": "长乐就业2020", "confirm": "长乐就业2020",
            "csrf_token": csrf_token(client, "/register/seeker")}
    response = client.post("/register/seeker?next=//evil.example/phish", data=data)
    assert response.headers["Location"].endswith("/seeker/")


def test_the_id_number_fields_offer_a_keyboard_that_can_type_x(client, session):
    user = make_user(session)
    make_candidate(session, user=user)
    session.commit()
    register_page = client.get("/register/seeker").get_data(as_text=True)
    login(client, user.phone)
    profile_page = client.get("/seeker/profile/basic").get_data(as_text=True)
    for page in (register_page, profile_page):
        tag = next(t for t in page.split("<input")[1:] if 'name="id_number"' in t)
        assert "inputmode" not in tag.split(">")[0]
