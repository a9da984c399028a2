"""Separate consent for sensitive groups (PIPL Art. 28–29, issue 11 item 7): 困难/低保/脱贫 are
saved only with their own consent, recorded with the text's version and time; withdrawing it
removes the claims, verified ones included, from the profile and every later decision, while
what was decided before keeps what was true then."""

import json
from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEntry, Candidate, ConsentEvent, GroupClaim, MatcherChange
from policy.consent import current_version
from policy.errors import Conflict
from services.dashboard import breakdowns
from services.placements import place_candidate
from services.records import candidate_facts
from services.subsidies import subsidy_ledger
from services.verification import decide_claim
from tests.factories import make_employer, make_post, make_program
from tests.web.helpers import bearer, csrf_token, login

pytestmark = pytest.mark.usefixtures("instant_index")
SITUATION = "/seeker/profile/situation"


def _situation(client, **data):
    return client.post(SITUATION, data={"unemployed_since": "2020-03-01", **data,
                                        "csrf_token": csrf_token(client, SITUATION)})


def _candidate(session, user):
    return session.scalar(select(Candidate).where(Candidate.user_id == user.id))


def _events(session, candidate):
    return session.scalars(select(ConsentEvent).where(ConsentEvent.candidate_id == candidate.id)
                           .order_by(ConsentEvent.id)).all()


def _welfare_post(session, title):
    return make_post(session, make_employer(session), kind="public_welfare",
                     program_id=make_program(session).id, title=title,
                     description="对小区楼道电梯进行消毒消杀", education_min="none")


def test_sensitive_groups_are_not_saved_without_their_separate_consent(client, session, seeker):
    login(client, seeker.phone)
    page = client.get(SITUATION).get_data(as_text=True)
    assert "我单独同意区人社局处理" in page
    assert 'name="sensitive_consent" type="checkbox" value="y">' in page  # never ticked for them
    response = _situation(client, groups=["unemployed_graduate", "low_income"])
    assert response.status_code == 200
    assert "需要您单独勾选同意后才能保存" in response.get_data(as_text=True)
    candidate = _candidate(session, seeker)
    assert candidate.group_claims == [] and _events(session, candidate) == []
    # Ordinary groups need no such consent.
    assert _situation(client, groups=["unemployed_graduate"]).status_code == 302


def test_consent_is_recorded_with_the_text_version_the_time_and_who(client, session, seeker):
    login(client, seeker.phone)
    assert _situation(client, groups=["low_income"], sensitive_consent="y").status_code == 302
    candidate = _candidate(session, seeker)
    assert [(c.group, c.status) for c in candidate.group_claims] == [("low_income", "declared")]
    [event] = _events(session, candidate)
    assert (event.action, event.scope, event.source, event.text_version, event.by_id) == (
        "granted", ["low_income"], "seeker", current_version(), seeker.id)
    assert event.at is not None
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "grant_consent"))
    assert (entry.actor_id, entry.entity_id, entry.detail["groups"]) == (seeker.id, candidate.id,
                                                                         ["low_income"])
    # Saving again with the same group asks for nothing more and records nothing more.
    assert _situation(client, groups=["low_income"]).status_code == 302
    assert len(_events(session, candidate)) == 1
    data = json.loads(client.post("/seeker/my-data",
                                  data={"csrf_token": csrf_token(client, "/seeker/")}).data)
    [exported] = data["consent_events"]
    assert (exported["action"], exported["groups"], exported["text_version"]) == (
        "granted", ["low_income"], current_version())
    assert exported["text"].startswith("我单独同意")


def test_unticking_a_verified_claim_withdraws_it_from_later_decisions_not_from_earlier_ones(
        client, session, seeker, bureau):
    login(client, seeker.phone)
    candidate = _candidate(session, seeker)
    candidate.education, candidate.graduation_date, candidate.school = "junior_high", None, ""
    candidate.desired = "消毒防疫、保洁都可以"
    earlier_post = _welfare_post(session, "社区消杀防疫员")
    later_post = _welfare_post(session, "公园保洁员")
    session.add_all([MatcherChange(entity="post", entity_id=p.id, op="upsert")
                     for p in (earlier_post, later_post)])
    _situation(client, groups=["low_income"], sensitive_consent="y")  # logs the candidate
    decide_claim(session, bureau.id, candidate.id, "low_income", approve=True)
    # The verified group is read for the seeker's own list (the post's eligibility names it).
    assert "低保家庭成员" in client.get("/seeker/recommendations").get_data(as_text=True)
    placement = place_candidate(session, bureau, earlier_post.id, candidate.id, date(2020, 9, 1))
    end = date(2020, 12, 31)
    ledger_before = [(e.placement.id, e.amount) for e in subsidy_ledger(session, end)[0]]
    by_group_before = breakdowns(session)[-1].rows
    assert ledger_before and ("低保家庭成员", 0, 1) in by_group_before

    assert _situation(client, groups=[]).status_code == 302  # unticks the verified 低保

    session.expire_all()
    claim = session.get(GroupClaim, (candidate.id, "low_income"))
    assert claim.status == "withdrawn" and claim.withdrawn_at is not None
    assert _candidate(session, seeker).groups == []
    assert "低保家庭成员" not in client.get("/seeker/").get_data(as_text=True)
    # Later decisions: ranking (through the matcher's change log) and new placements.
    assert "低保家庭成员" not in client.get("/seeker/recommendations").get_data(as_text=True)
    with pytest.raises(Conflict) as refused:
        place_candidate(session, bureau, later_post.id, candidate.id, date(2020, 10, 1))
    assert refused.value.code == "ineligible"
    # Earlier ones: the placement, its ledger line and the statistics keep what was true then.
    assert placement.ended_on is None and placement.candidate_id == candidate.id
    assert [(e.placement.id, e.amount) for e in subsidy_ledger(session, end)[0]] == ledger_before
    assert breakdowns(session)[-1].rows == by_group_before
    assert "low_income" in candidate_facts(claim.candidate, True, as_of=placement.created_at).groups
    # Recorded: a consent event and an audit entry, both naming the person who withdrew.
    withdrawn = _events(session, candidate)[-1]
    assert (withdrawn.action, withdrawn.scope, withdrawn.by_id) == ("withdrawn", ["low_income"],
                                                                     seeker.id)
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "withdraw_consent"))
    assert (entry.actor_id, entry.entity_id, entry.detail["groups"]) == (seeker.id, candidate.id,
                                                                         ["low_income"])
    assert entry.detail["before"] == {"low_income": "verified"}


def test_the_withdraw_button_removes_every_sensitive_group_and_declaring_again_asks_again(
        client, session, seeker, bureau):
    officer = bearer(client, bureau.phone)
    login(client, seeker.phone)
    _situation(client, groups=["hardship", "poverty", "unemployed_graduate"], sensitive_consent="y")
    listed = "/api/v1/candidates?group=poverty"
    assert client.get(listed, headers=officer).json["total"] == 1
    assert "撤回同意并删除敏感类别" in client.get(SITUATION).get_data(as_text=True)
    client.post("/seeker/consent/withdraw", data={"csrf_token": csrf_token(client, SITUATION)})
    session.expire_all()
    candidate = _candidate(session, seeker)
    assert candidate.groups == ["unemployed_graduate"]
    assert [(e.action, e.scope) for e in _events(session, candidate)] == [
        ("granted", ["hardship", "poverty"]), ("withdrawn", ["hardship", "poverty"])]
    assert client.get(listed, headers=officer).json["total"] == 0  # the bureau's list forgets it
    assert "需要您单独勾选同意" in _situation(client, groups=["hardship"]).get_data(as_text=True)
    assert _situation(client, groups=["hardship"], sensitive_consent="y").status_code == 302
    session.expire_all()
    claim = session.get(GroupClaim, (candidate.id, "hardship"))
    assert claim.status == "declared" and claim.withdrawn_at is None  # 待核验 again
