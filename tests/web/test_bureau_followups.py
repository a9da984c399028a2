"""The monthly follow-up worklist （十四）: due people, recording contacts, coverage."""

from datetime import date

from sqlalchemy import select

from models import AuditEntry, FollowUp, GroupClaim, Placement, UnemploymentRegistration
from tests.factories import make_candidate, make_employer, make_post, make_user
from tests.web.helpers import csrf_token, login


def _followed(session, name, group="registered_unemployed", status="verified"):
    person = make_candidate(session, name=name)
    person.group_claims.append(GroupClaim(group=group, status=status))
    session.flush()
    return person


def test_due_people_are_listed_and_a_contact_takes_them_off(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)
    bureau = make_user(session, role="bureau")
    due = _followed(session, "陈美玲")
    _followed(session, "方建国", group="hardship")
    _followed(session, "黄未核", status="declared")
    session.add(FollowUp(candidate_id=due.id, contacted_on=date(2020, 8, 20), channel="phone",
                         outcome="seeking"))
    session.flush()
    login(client, bureau.phone)
    page = client.get("/bureau/followups").get_data(as_text=True)
    assert "陈美玲" in page and "方建国" in page and "黄未核" not in page
    assert "应跟踪 2 人，已联系 0 人" in page

    token = csrf_token(client, "/bureau/followups")
    client.post(f"/bureau/followups/{due.id}", data={
        "csrf_token": token, f"f-{due.id}-contacted_on": "2020-09-14",
        f"f-{due.id}-channel": "visit", f"f-{due.id}-outcome": "training",
        f"f-{due.id}-note": "已报名电商培训"})
    page = client.get("/bureau/followups").get_data(as_text=True)
    assert "应跟踪 2 人，已联系 1 人" in page
    assert session.scalar(select(AuditEntry).where(AuditEntry.action == "followup")) is not None


def test_a_contact_dated_in_the_future_is_refused(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)
    login(client, make_user(session, role="bureau").phone)
    person = _followed(session, "陈美玲")
    token = csrf_token(client, "/bureau/followups")
    response = client.post(f"/bureau/followups/{person.id}", follow_redirects=True, data={
        "csrf_token": token, f"f-{person.id}-contacted_on": "2020-09-16",
        f"f-{person.id}-channel": "phone", f"f-{person.id}-outcome": "seeking"})
    assert "联系日期不能晚于今天" in response.get_data(as_text=True)
    assert session.scalar(select(FollowUp.id)) is None


def test_seekers_cannot_open_the_followup_list(client, session):
    login(client, make_user(session).phone)
    assert client.get("/bureau/followups").status_code == 403


def _placed(session, person, start, ended_on=None):
    post = make_post(session, make_employer(session))
    session.add(Placement(post_id=post.id, candidate_id=person.id, kind="regular", start_date=start,
                          ended_on=ended_on, end_reason="resigned" if ended_on else None))
    session.flush()


def _names(page):
    return {name for name in ("陈美玲", "方建国", "林志强", "黄秀英") if name in page}


def test_a_placed_person_leaves_the_list_from_the_start_date_not_before(client, session, app):
    bureau = make_user(session, role="bureau")
    placed = _followed(session, "陈美玲")
    _placed(session, placed, date(2020, 9, 15))
    _followed(session, "方建国")
    login(client, bureau.phone)
    app.config["AS_OF_DATE"] = date(2020, 9, 14)
    page = client.get("/bureau/followups").get_data(as_text=True)
    assert _names(page) == {"陈美玲", "方建国"} and "应跟踪 2 人" in page
    app.config["AS_OF_DATE"] = date(2020, 9, 15)
    page = client.get("/bureau/followups").get_data(as_text=True)
    assert _names(page) == {"方建国"} and "应跟踪 1 人" in page


def test_a_person_marked_employed_or_whose_placement_ended_is_handled(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)
    employed = _followed(session, "陈美玲")
    employed.employed = True
    _placed(session, _followed(session, "方建国"), date(2020, 6, 1), ended_on=date(2020, 8, 31))
    session.flush()
    login(client, make_user(session, role="bureau").phone)
    assert _names(client.get("/bureau/followups").get_data(as_text=True)) == {"方建国"}


def _register(session, person, township):
    session.add(UnemploymentRegistration(candidate_id=person.id, township=township,
                                         unemployed_since=date(2020, 6, 1), status="confirmed"))
    session.flush()


def test_filters_narrow_by_township_group_and_last_contact(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)
    chen = _followed(session, "陈美玲")
    _register(session, chen, "首占镇")
    fang = _followed(session, "方建国", group="hardship")
    lin = _followed(session, "林志强")
    _register(session, lin, "金峰镇")
    huang = _followed(session, "黄秀英")
    for person, day in ((fang, date(2020, 8, 20)), (lin, date(2020, 6, 1)), (huang, date(2020, 9, 2))):
        session.add(FollowUp(candidate_id=person.id, contacted_on=day, channel="phone", outcome="seeking"))
    session.flush()
    login(client, make_user(session, role="bureau").phone)

    def shown(**query):
        return _names(client.get("/bureau/followups", query_string=query).get_data(as_text=True))

    assert shown() == {"陈美玲", "方建国", "林志强"}  # 黄秀英 was contacted this month
    assert shown(township="首占镇") == {"陈美玲"}
    assert shown(group="hardship") == {"方建国"}
    assert shown(group="registered_unemployed") == {"陈美玲", "林志强"}
    assert shown(contact="never") == {"陈美玲"}
    assert shown(contact="over", days=30) == {"陈美玲", "林志强"}
    assert shown(contact="over", days=20) == {"陈美玲", "方建国", "林志强"}
    assert shown(contact="over", days=30, township="金峰镇") == {"林志强"}
    page = client.get("/bureau/followups", query_string={"group": "hardship"}).get_data(as_text=True)
    assert "应跟踪 4 人，已联系 1 人" in page and "符合条件的待联系人员共 1 人" in page


def test_the_list_is_paged_by_20_with_the_count_and_keeps_the_filters(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)
    for n in range(23):
        _register(session, _followed(session, f"跟踪{n:02d}号"), "首占镇")
    _followed(session, "方建国", group="hardship")
    login(client, make_user(session, role="bureau").phone)
    first = client.get("/bureau/followups", query_string={"township": "首占镇"}).get_data(as_text=True)
    assert "符合条件的待联系人员共 23 人，本页显示第 1–20 人" in first
    assert first.count('class="post-item"') == 20 and "第 1 / 2 页" in first
    assert "page=2" in first and "township=%E9%A6%96%E5%8D%A0%E9%95%87" in first
    second = client.get("/bureau/followups",
                        query_string={"township": "首占镇", "page": 2}).get_data(as_text=True)
    assert second.count('class="post-item"') == 3 and "本页显示第 21–23 人" in second
    assert "跟踪22号" in second and "方建国" not in second and "应跟踪 24 人" in second


def test_the_phone_is_revealed_for_one_person_and_audited(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)
    chen = _followed(session, "陈美玲")
    fang = _followed(session, "方建国")
    login(client, make_user(session, role="bureau").phone)
    page = client.get("/bureau/followups").get_data(as_text=True)
    assert chen.phone not in page and fang.phone not in page and "显示电话" in page

    token = csrf_token(client, "/bureau/followups")
    shown = client.post(f"/bureau/followups/{chen.id}/phone?township=&page=1",
                        data={"csrf_token": token})
    assert shown.status_code == 200 and shown.headers["Cache-Control"] == "no-store"
    text = shown.get_data(as_text=True)
    assert f'href="tel:{chen.phone}"' in text and fang.phone not in text
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "reveal_phone"))
    assert entry.entity_id == chen.id and "跟踪" in entry.detail["purpose"]
    assert client.post(f"/bureau/followups/{chen.id}/phone").status_code == 400  # no CSRF token


def test_the_outcome_is_one_button_and_the_filters_are_kept(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 15)
    chen = _followed(session, "陈美玲")
    _register(session, chen, "首占镇")
    login(client, make_user(session, role="bureau").phone)
    page = client.get("/bureau/followups", query_string={"township": "首占镇"}).get_data(as_text=True)
    assert f'name="f-{chen.id}-outcome" value="unreachable"' in page
    assert 'value="2020-09-15"' in page

    token = csrf_token(client, "/bureau/followups")
    defaults = {"csrf_token": token, f"f-{chen.id}-contacted_on": "2020-09-15",
                f"f-{chen.id}-channel": "phone", f"f-{chen.id}-note": ""}
    refused = client.post(f"/bureau/followups/{chen.id}", data=defaults, follow_redirects=True)
    assert "请选择联系结果" in refused.get_data(as_text=True)
    assert session.scalar(select(FollowUp.id)) is None

    done = client.post(f"/bureau/followups/{chen.id}?township=首占镇",
                       data={**defaults, f"f-{chen.id}-outcome": "unreachable"})
    assert done.headers["Location"].endswith("township=%E9%A6%96%E5%8D%A0%E9%95%87")
    contact = session.scalar(select(FollowUp))
    assert (contact.outcome, contact.channel, contact.contacted_on) == (
        "unreachable", "phone", date(2020, 9, 15))
