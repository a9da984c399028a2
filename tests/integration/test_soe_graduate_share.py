"""（七） SOE share: set by the post's owner (SOE regular posts only), counted over the slots of
new regular posts only, and hires into reserved posts checked to be 应届高校毕业生 and counted."""

from datetime import date

import pytest
from sqlalchemy import select

from models import AuditEntry
from policy.errors import Conflict, Invalid
from services.dashboard import soe_graduate_shares
from services.placements import place_candidate
from services.posts import PostDraft, create_post, update_post
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user

YEAR = (date(2020, 1, 1), date(2020, 12, 31))


def draft(**overrides) -> PostDraft:
    values = dict(kind="regular", title="综合管理岗", industry="城市建设", education_min="associate",
                  township="吴航街道", slots=4, reserved_for_graduates=True)
    values.update(overrides)
    return PostDraft.from_values(values)


def test_the_soe_share_counts_new_regular_slots_only_with_mixed_post_kinds(session):
    soe = make_employer(session, ownership="soe", name="长乐国投")
    trainee = make_program(session, kind="trainee", name="2020年就业见习")
    welfare = make_program(session, kind="public_welfare")
    make_post(session, soe, slots=4, reserved_for_graduates=True, open_date=date(2020, 8, 3))
    make_post(session, soe, slots=4, open_date=date(2020, 8, 3))
    # Programme slots are not new posts of the firm: counted, they would drag the share to 4/20.
    make_post(session, soe, kind="trainee", program_id=trainee.id, slots=10, open_date=date(2020, 8, 3))
    make_post(session, soe, kind="public_welfare", program_id=welfare.id, slots=2,
              open_date=date(2020, 8, 3))
    [row] = soe_graduate_shares(session, *YEAR)
    assert (row.slots, row.reserved, row.share, row.meets) == (8, 4, 0.5, True)


def test_one_slot_short_of_half_misses_the_line(session):
    soe = make_employer(session, ownership="soe", name="长乐国投")
    make_post(session, soe, slots=3, reserved_for_graduates=True, open_date=date(2020, 1, 1))
    make_post(session, soe, slots=4, open_date=date(2020, 12, 31))
    [row] = soe_graduate_shares(session, *YEAR)
    assert (row.slots, row.reserved, row.meets) == (7, 3, False)


def test_an_soe_contact_reserves_a_regular_post_and_the_audit_says_so(session):
    soe = make_employer(session, ownership="soe")
    contact = make_user(session, role="employer", employer=soe)
    post = create_post(session, contact, soe.id, draft(), date(2020, 8, 1))
    assert post.reserved_for_graduates
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "post",
                                                     AuditEntry.entity_id == post.id)).one()
    assert entry.detail["reserved_for_graduates"] is True
    update_post(session, contact, post.id, draft(reserved_for_graduates=False))
    assert not post.reserved_for_graduates


@pytest.mark.parametrize("ownership, kind", [("private", "regular"), ("soe", "trainee")])
def test_a_reservation_outside_soe_regular_posts_is_refused(session, ownership, kind):
    employer = make_employer(session, ownership=ownership)
    make_program(session, kind="trainee", name="2020年就业见习")
    contact = make_user(session, role="employer", employer=employer)
    with pytest.raises(Invalid) as refused:
        create_post(session, contact, employer.id, draft(kind=kind), date(2020, 8, 1))
    assert refused.value.code == "reservation_not_allowed"
    assert "reserved_for_graduates" in refused.value.fields


def test_hires_into_reserved_posts_are_fresh_graduates_and_are_counted(session):
    soe = make_employer(session, ownership="soe", name="长乐国投")
    bureau = make_user(session, role="bureau")
    reserved = make_post(session, soe, slots=2, reserved_for_graduates=True, education_min="none",
                         open_date=date(2020, 8, 3))
    make_post(session, soe, slots=2, open_date=date(2020, 8, 3))
    fresh = make_candidate(session, graduation_date=date(2020, 6, 30))
    old = make_candidate(session, graduation_date=date(2017, 6, 30))
    place_candidate(session, bureau, reserved.id, fresh.id, date(2020, 9, 1))
    with pytest.raises(Conflict) as refused:
        place_candidate(session, bureau, reserved.id, old.id, date(2020, 9, 1))
    assert refused.value.code == "not_fresh_graduate"
    assert "不属于应届高校毕业生" in refused.value.message
    [row] = soe_graduate_shares(session, *YEAR)
    assert row.graduates_hired == 1


def test_a_post_with_hires_cannot_become_reserved_afterwards(session):
    soe = make_employer(session, ownership="soe")
    contact, bureau = make_user(session, role="employer", employer=soe), make_user(session, role="bureau")
    post = create_post(session, contact, soe.id, draft(reserved_for_graduates=False, education_min="none"),
                       date(2020, 8, 1))
    place_candidate(session, bureau, post.id, make_candidate(session, education="high_school").id,
                    date(2020, 8, 10))
    with pytest.raises(Invalid) as refused:
        update_post(session, contact, post.id, draft(education_min="none"))
    assert refused.value.code == "reservation_after_hires" and not post.reserved_for_graduates
