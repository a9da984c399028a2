"""The seeker's download holds their invitations, interviews, offers and subsidy claims, with the
fields their own pages show: nobody else's, and not an employer's own note on its claim."""

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from models import (
    Application,
    Attachment,
    Candidate,
    GroupClaim,
    Interview,
    Invitation,
    Offer,
    SubsidyClaim,
)
from services.placements import place_candidate
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.web.helpers import csrf_token, login

pytestmark = pytest.mark.usefixtures("instant_index")


def _hiring(session, candidate, post, employer_user, message):
    application = Application(post_id=post.id, candidate_id=candidate.id, status="offered")
    session.add(application)
    session.flush()
    session.add_all([
        Invitation(post_id=post.id, candidate_id=candidate.id, employer_id=post.employer_id,
                   sent_by_id=employer_user.id, message=message, sent_on=date(2020, 8, 20),
                   status="accepted", application_id=application.id),
        Interview(application_id=application.id, starts_at=datetime(2020, 8, 25, 1, 30, tzinfo=UTC),
                  place="长乐区吴航街道1号", contact="王经理", contact_phone="0591-28888888",
                  notes="请带身份证和简历", status="confirmed", created_by_id=employer_user.id),
        Offer(application_id=application.id, post_id=post.id, start_date=date(2020, 9, 1),
              monthly_pay=4200, status="pending", made_on=date(2020, 8, 27),
              expires_on=date(2020, 9, 3), created_by_id=employer_user.id)])


def test_the_download_holds_invitations_interviews_offers_and_subsidy_claims(
        client, session, seeker, employer_user, bureau):
    person = session.scalar(select(Candidate).where(Candidate.user_id == seeker.id))
    post = make_post(session, employer_user.employer, title="出纳")
    _hiring(session, person, post, employer_user, "欢迎投递出纳岗位")
    stranger = make_user(session)
    _hiring(session, make_candidate(session, user=stranger, name="别人"),
            make_post(session, employer_user.employer, title="仓管员"), employer_user, "给别人的邀请")
    welfare = make_post(session, make_employer(session), kind="public_welfare",
                        program_id=make_program(session).id, education_min="none", title="社区保洁")
    person.group_claims.append(GroupClaim(group="hardship", status="verified"))
    session.flush()
    placement = place_candidate(session, bureau, welfare.id, person.id, date(2020, 3, 2))
    card = Attachment(uploaded_by_id=seeker.id, stored_name="a" * 32 + ".png", filename="工资卡.png",
                      content_type="image/png", size=9, sha256="0" * 64)
    session.add(card)
    session.flush()
    session.add_all([
        SubsidyClaim(placement_id=placement.id, rule="public_welfare_post", status="paid",
                     amount_fen=540_000, explanation="3个整月", note="本人工资卡", attachment_id=card.id,
                     claimed_by_id=seeker.id, claimed_on=date(2020, 6, 1), decided_on=date(2020, 6, 2),
                     paid_on=date(2020, 6, 10), voucher="记-0610"),
        SubsidyClaim(placement_id=placement.id, rule="graduate_absorption", status="rejected",
                     amount_fen=100_000, explanation="x", note="单位内部：社保待核",
                     claimed_by_id=employer_user.id, claimed_on=date(2020, 6, 1), reason="非毕业生")])
    session.commit()

    login(client, seeker.phone)
    data = json.loads(client.post("/seeker/my-data",
                                  data={"csrf_token": csrf_token(client, "/seeker/")}).data)

    [invitation] = data["invitations"]
    assert (invitation["post"], invitation["message"], invitation["status"]) == (
        "出纳", "欢迎投递出纳岗位", "accepted")
    [interview] = data["interviews"]
    assert (interview["place"], interview["notes"], interview["contact_phone"]) == (
        "长乐区吴航街道1号", "请带身份证和简历", "0591-28888888")
    [offer] = data["offers"]
    assert (offer["post"], offer["monthly_pay"], offer["expires_on"]) == ("出纳", 4200, "2020-09-03")
    mine, employers = data["subsidy_claims"]
    assert (mine["subsidy"], mine["status"], mine["paid_on"], mine["voucher"]) == (
        "公益性岗位补贴", "paid", "2020-06-10", "记-0610")
    assert (mine["note"], mine["attachment"], mine["claimed_by_me"]) == ("本人工资卡", "工资卡.png", True)
    assert employers["status"] == "rejected" and employers["claimed_by_me"] is False
    text = json.dumps(data, ensure_ascii=False)
    assert "给别人的邀请" not in text and "仓管员" not in text and "社保待核" not in text
