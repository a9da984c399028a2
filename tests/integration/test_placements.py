"""Placing people: eligibility on the start date, slots, targets, one active public-welfare post."""

from datetime import date

import pytest
from sqlalchemy import select

from models import Application, AuditEntry, GroupClaim, Placement
from policy.errors import Conflict, Forbidden, NotFound
from services.placement_terms import end_placement
from services.placements import place_candidate
from services.programs import program_progress
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user

START = date(2020, 9, 1)


@pytest.fixture
def bureau(session):
    return make_user(session, role="bureau")


def _unemployed(session, **overrides):
    fields = dict(education="junior_high", school="", major="", graduation_date=None,
                  birth_date=date(1976, 4, 2), unemployed_since=date(2019, 11, 1))
    fields.update(overrides)
    candidate = make_candidate(session, **fields)
    candidate.group_claims.append(GroupClaim(group="registered_unemployed", status="verified"))
    session.flush()
    return candidate


def _welfare_post(session, program=None, **overrides):
    program = program or make_program(session)
    return make_post(session, make_employer(session), kind="public_welfare",
                     program_id=program.id, education_min="none", **overrides)


def test_a_registered_unemployed_person_is_placed_with_a_six_month_term(session, bureau):
    post = _welfare_post(session)
    person = _unemployed(session)
    placement = place_candidate(session, bureau, post.id, person.id, START)
    assert placement.kind == "public_welfare"
    assert placement.program_id == post.program_id
    assert placement.term_end is not None
    assert date(2021, 2, 27) <= placement.term_end <= date(2021, 3, 1)
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "place"))
    assert entry.actor_id == bureau.id and entry.entity_id == placement.id


def test_a_declared_but_unverified_group_does_not_qualify(session, bureau):
    post = _welfare_post(session)
    person = make_candidate(session, education="junior_high", graduation_date=None)
    person.group_claims.append(GroupClaim(group="hardship", status="declared"))
    session.flush()
    with pytest.raises(Conflict) as error:
        place_candidate(session, bureau, post.id, person.id, START)
    assert error.value.code == "ineligible"


def test_an_employed_person_is_ineligible_for_public_welfare(session, bureau):
    post = _welfare_post(session)
    person = _unemployed(session, employed=True)
    with pytest.raises(Conflict) as error:
        place_candidate(session, bureau, post.id, person.id, START)
    assert error.value.code == "ineligible"


def test_the_same_person_is_not_placed_twice_in_one_post(session, bureau):
    post = _welfare_post(session, slots=3)
    person = _unemployed(session)
    place_candidate(session, bureau, post.id, person.id, START)
    with pytest.raises(Conflict) as error:
        place_candidate(session, bureau, post.id, person.id, START)
    assert error.value.code == "already_placed"


def test_one_active_public_welfare_placement_per_person(session, bureau):
    program = make_program(session)
    first, second = _welfare_post(session, program), _welfare_post(session, program)
    person = _unemployed(session)
    place_candidate(session, bureau, first.id, person.id, START)
    with pytest.raises(Conflict) as error:
        place_candidate(session, bureau, second.id, person.id, START)
    assert error.value.code == "already_placed"


def test_a_full_post_refuses_the_next_person(session, bureau):
    post = _welfare_post(session, slots=2)
    people = [_unemployed(session) for _ in range(3)]
    place_candidate(session, bureau, post.id, people[0].id, START)
    place_candidate(session, bureau, post.id, people[1].id, START)
    with pytest.raises(Conflict) as error:
        place_candidate(session, bureau, post.id, people[2].id, START)
    assert error.value.code == "post_full"


def test_a_51st_trainee_placement_passes_the_floor_of_50_and_is_counted(session, bureau):
    """（七） "不少于50个见习岗位" is a floor: the 51st person is placed and the fill shows 102 %."""
    program = make_program(session, kind="trainee", target=50)
    post = make_post(session, make_employer(session), kind="trainee", program_id=program.id,
                     education_min="associate", slots=60)
    for _ in range(51):
        place_candidate(session, bureau, post.id, make_candidate(session).id, START)
    [row] = [p for p in program_progress(session) if p.id == program.id]
    assert (row.placed, row.target_rule) == (51, "floor")
    assert row.fill_rate == pytest.approx(51 / 50)


def test_a_slot_of_a_capped_program_is_refilled_after_its_holder_left(session, bureau):
    """（六）'s cap is on slots offered: refilling one is the same post, not a new one."""
    program = make_program(session, target=2)
    post = _welfare_post(session, program, slots=2)
    first = place_candidate(session, bureau, post.id, _unemployed(session).id, START)
    place_candidate(session, bureau, post.id, _unemployed(session).id, START)
    end_placement(session, bureau, first.id, date(2020, 10, 31), "left_for_job")
    refill = place_candidate(session, bureau, post.id, _unemployed(session).id, date(2020, 11, 2))
    assert refill.program_id == program.id
    [row] = [p for p in program_progress(session) if p.id == program.id]
    assert (row.slots_offered, row.placed) == (2, 3)
    assert row.fill_rate == pytest.approx(1.0)


def test_an_employer_places_only_its_own_applicants_in_its_own_posts(session):
    post = make_post(session, make_employer(session))
    other = make_employer(session)
    outsider = make_user(session, role="employer", employer=other)
    person, stranger = make_candidate(session), make_candidate(session)
    session.add(Application(post_id=post.id, candidate_id=person.id, status="offered"))
    session.flush()
    with pytest.raises(NotFound):
        place_candidate(session, outsider, post.id, person.id, START)
    owner = make_user(session, role="employer", employer=post.employer)
    with pytest.raises(NotFound) as error:
        place_candidate(session, owner, post.id, stranger.id, START)
    assert error.value.code == "application_not_found"
    assert place_candidate(session, owner, post.id, person.id, START).kind == "regular"


def test_a_seeker_cannot_place_anyone(session):
    post = make_post(session, make_employer(session))
    seeker = make_user(session)
    with pytest.raises(Forbidden):
        place_candidate(session, seeker, post.id, make_candidate(session).id, START)


def test_unknown_post_or_candidate_is_not_found(session, bureau):
    post = make_post(session, make_employer(session))
    with pytest.raises(NotFound):
        place_candidate(session, bureau, 999_999, 1, START)
    with pytest.raises(NotFound):
        place_candidate(session, bureau, post.id, 999_999, START)
    assert session.scalar(select(Placement.id)) is None
