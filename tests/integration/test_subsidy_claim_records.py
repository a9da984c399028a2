"""Subsidy claims against the database: a claim keeps the amount of its day, the database
refuses a second open claim of a line and a state without its facts."""

from datetime import date

import pytest
from sqlalchemy.exc import IntegrityError

from models import GroupClaim, SubsidyClaim
from policy.errors import Conflict, Forbidden
from policy.placements import load_program_params
from services import subsidy_claims
from services.placements import place_candidate
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user


@pytest.fixture
def welfare(session):
    bureau = make_user(session, role="bureau")
    program = make_program(session)
    post = make_post(session, make_employer(session), kind="public_welfare", program_id=program.id,
                     education_min="none")
    user = make_user(session)
    person = make_candidate(session, user=user, education="junior_high", graduation_date=None)
    person.group_claims.append(GroupClaim(group="hardship", status="verified"))
    session.flush()
    return bureau, user, program, place_candidate(session, bureau, post.id, person.id, date(2020, 3, 2))


def _claim(session, placement, status="claimed", **fields):
    claim = SubsidyClaim(placement_id=placement.id, rule="public_welfare_post", status=status,
                         amount_fen=100, explanation="x", claimed_by_id=placement.created_by_id,
                         claimed_on=date(2020, 6, 1),
                         **fields)
    with session.begin_nested():
        session.add(claim)
        session.flush()
    return claim


def test_a_claim_keeps_the_amount_of_its_day_when_the_parameters_change(session, welfare):
    _, user, program, placement = welfare
    claim = subsidy_claims.claim_line(session, user, placement.id, "public_welfare_post", "到岗证明",
                                      None, date(2020, 9, 1))
    assert claim.amount_fen == 6 * 180_000
    program.params = {**load_program_params("public_welfare"), "monthly_subsidy_fen": 200_000}
    session.flush()
    [line] = subsidy_claims.lines_for(session, user, date(2020, 9, 1))
    assert line.entry.amount.fen == 6 * 200_000
    assert line.claim.amount_fen == 6 * 180_000


def test_only_the_claimant_of_a_rule_claims_it(session, welfare):
    bureau, _, _, placement = welfare
    with pytest.raises(Forbidden) as refused:
        subsidy_claims.claim_line(session, bureau, placement.id, "public_welfare_post", "x", None,
                                  date(2020, 9, 1))
    assert refused.value.code == "not_claimant"


def test_the_database_refuses_a_second_open_claim_of_a_line_but_not_after_a_rejection(session, welfare):
    *_, placement = welfare
    first = _claim(session, placement)
    with pytest.raises(IntegrityError):
        _claim(session, placement, status="approved")
    first.status, first.reason = "rejected", "材料不全"
    session.flush()
    assert _claim(session, placement).status == "claimed"


def test_a_public_welfare_line_is_claimed_again_for_the_months_served_since_its_payment(session, welfare):
    bureau, user, _, placement = welfare
    first = subsidy_claims.claim_line(session, user, placement.id, "public_welfare_post", "前三个月",
                                      None, date(2020, 6, 1))
    assert first.amount_fen == 3 * 180_000
    with pytest.raises(Conflict):
        subsidy_claims.claim_line(session, user, placement.id, "public_welfare_post", "再次", None,
                                  date(2020, 9, 1))
    subsidy_claims.decide(session, bureau, first.id, True, date(2020, 6, 2))
    subsidy_claims.pay(session, bureau, first.id, date(2020, 6, 10), "记-0610", date(2020, 6, 10))
    [line] = subsidy_claims.lines_for(session, user, date(2020, 6, 1))
    assert (line.state, line.open_to_claim) == ("paid", False)
    rest = subsidy_claims.claim_line(session, user, placement.id, "public_welfare_post", "后三个月",
                                     None, date(2020, 9, 1))
    assert rest.amount_fen == 3 * 180_000 and "本次申领其余" in rest.explanation
    subsidy_claims.decide(session, bureau, rest.id, True, date(2020, 9, 2))
    subsidy_claims.pay(session, bureau, rest.id, date(2020, 9, 10), "记-0910", date(2020, 9, 10))
    with pytest.raises(Conflict) as nothing:
        subsidy_claims.claim_line(session, user, placement.id, "public_welfare_post", "x", None,
                                  date(2020, 12, 1))
    assert nothing.value.code == "nothing_to_claim"


@pytest.mark.parametrize("status, fields", [
    ("rejected", {}), ("paid", {"paid_on": date(2020, 9, 10)}), ("paid", {"voucher": "记-1"})])
def test_the_database_refuses_a_state_without_its_facts(session, welfare, status, fields):
    *_, placement = welfare
    with pytest.raises(IntegrityError):
        _claim(session, placement, status=status, **fields)
