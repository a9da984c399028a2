"""（七） SOE posts reserved for 应届高校毕业生, set where posts are written: the employer's form,
the API (POST and PUT /api/v1/posts) and the bureau's import; refused for anyone else."""

from datetime import date

import pytest
from sqlalchemy import select

from models import Post
from services.imports import import_file
from tests.factories import make_employer, make_post, make_program, make_user
from tests.integration.test_imports import xlsx
from tests.web.helpers import bearer, csrf_token, login

pytestmark = pytest.mark.usefixtures("instant_index")

FORM = {"kind": "regular", "title": "工程管理岗", "industry": "城市建设", "township": "吴航街道",
        "slots": "4", "education_min": "associate"}
BODY = {"kind": "regular", "title": "工程管理岗", "industry": "城市建设", "township": "吴航街道",
        "slots": 4, "education_min": "associate", "reserved_for_graduates": True}


def _contact(session, ownership):
    return make_user(session, role="employer", employer=make_employer(session, ownership=ownership))


def test_an_soe_reserves_a_post_on_the_form_and_others_are_not_offered_it(client, session):
    soe = _contact(session, "soe")
    login(client, soe.phone)
    assert "专项招聘应届高校毕业生" in client.get("/employer/posts/new").get_data(as_text=True)
    path = "/employer/posts/new"
    client.post(path, data={**FORM, "reserved_for_graduates": "y", "csrf_token": csrf_token(client, path)})
    assert session.scalar(select(Post).where(Post.employer_id == soe.employer_id)).reserved_for_graduates

    other = client.application.test_client()
    private = _contact(session, "private")
    login(other, private.phone)
    assert "专项招聘应届高校毕业生" not in other.get(path).get_data(as_text=True)
    page = other.post(path, data={**FORM, "reserved_for_graduates": "y",
                                  "csrf_token": csrf_token(other, path)}).get_data(as_text=True)
    assert "只有国有企业的岗位可以设为专项招聘应届高校毕业生" in page
    assert session.scalar(select(Post).where(Post.employer_id == private.employer_id)) is None


def test_the_api_sets_and_changes_the_reservation_for_an_soe_only(client, session):
    soe = _contact(session, "soe")
    headers = bearer(client, soe.phone)
    created = client.post("/api/v1/posts", headers=headers, json=BODY)
    assert created.status_code == 201, created.json
    assert created.json["reserved_for_graduates"] is True
    changed = client.put(f"/api/v1/posts/{created.json['id']}", headers=headers,
                         json={**BODY, "reserved_for_graduates": False, "slots": 6})
    assert changed.status_code == 200, changed.json
    assert (changed.json["reserved_for_graduates"], changed.json["slots"]) == (False, 6)
    assert client.post("/api/v1/posts", headers=headers,
                       json={**BODY, "reserved_for_graduates": "yes"}).status_code == 422

    private = _contact(session, "private")
    refused = client.post("/api/v1/posts", headers=bearer(client, private.phone), json=BODY)
    assert refused.status_code == 422
    assert refused.json["error"]["code"] == "reservation_not_allowed"


def test_the_api_refuses_to_reserve_an_soes_trainee_post(client, session):
    make_program(session, kind="trainee", name="2020年就业见习", target=50)
    soe = _contact(session, "soe")
    response = client.post("/api/v1/posts", headers=bearer(client, soe.phone),
                           json={**BODY, "kind": "trainee"})
    assert response.status_code == 422 and response.json["error"]["code"] == "reservation_not_allowed"


def test_an_soe_edits_only_its_own_post_through_the_api(client, session):
    post = make_post(session, make_employer(session, ownership="soe"))
    soe = _contact(session, "soe")
    response = client.put(f"/api/v1/posts/{post.id}", headers=bearer(client, soe.phone), json=BODY)
    assert response.status_code == 404


def test_the_import_reads_the_reservation_and_refuses_it_for_a_private_firm(session):
    make_employer(session, ownership="soe", name="长乐国投")
    make_employer(session, ownership="private", name="长乐纺织有限公司")
    headers = ["编号", "岗位名称", "单位", "行业", "岗位类型", "乡镇", "专项招聘应届毕业生"]
    good = xlsx([headers, ["R1", "工程管理岗", "长乐国投", "城市建设", "招聘岗位", "吴航街道", "是"],
                 ["R2", "出纳", "长乐国投", "城市建设", "招聘岗位", "吴航街道", "否"]])
    report = import_file(session, None, good, "posts.xlsx", today=date(2020, 9, 1))
    assert report.imported == 2
    reserved = dict(session.execute(select(Post.ref, Post.reserved_for_graduates)
                                    .where(Post.ref.in_(["R1", "R2"]))).all())
    assert reserved == {"R1": True, "R2": False}
    bad = xlsx([headers, ["R3", "挡车工", "长乐纺织有限公司", "纺织", "招聘岗位", "金峰镇", "是"]])
    report = import_file(session, None, bad, "posts.xlsx", today=date(2020, 9, 1), dry_run=True)
    assert [r.reasons for r in report.rejected] == [("只有国有企业的岗位可以设为专项招聘应届高校毕业生",)]
