"""Subsidy claims over the API: the claimant claims, the bureau decides and pays, each answer
with a stable code; other accounts see nothing of it."""

from datetime import date

import pytest

from tests.factories import make_employer, make_user
from tests.web.helpers import bearer
from tests.web.subsidy_setup import graduate_hire


@pytest.fixture(autouse=True)
def pinned(app):
    app.config["AS_OF_DATE"] = date(2020, 9, 1)


@pytest.fixture
def setting(session):
    bureau = make_user(session, role="bureau")
    owner, placement = graduate_hire(session, bureau)
    return bureau, owner, placement


def _body(placement, **overrides):
    return {"placement_id": placement.id, "rule": "graduate_absorption", "note": "合同已核对", **overrides}


def test_the_employer_claims_and_the_bureau_approves_and_pays(client, setting):
    bureau, owner, placement = setting
    employer = bearer(client, owner.phone)
    created = client.post("/api/v1/subsidy-claims", json=_body(placement), headers=employer)
    assert created.status_code == 201 and created.json["amount_fen"] == 100_000
    claim_id = created.json["id"]
    again = client.post("/api/v1/subsidy-claims", json=_body(placement), headers=employer)
    assert (again.status_code, again.json["error"]["code"]) == (409, "already_claimed")
    staff = bearer(client, bureau.phone)
    approved = client.post(f"/api/v1/subsidy-claims/{claim_id}/approve", headers=staff)
    assert approved.json["status"] == "approved"
    paid = client.post(f"/api/v1/subsidy-claims/{claim_id}/pay", headers=staff,
                       json={"paid_on": "2020-09-01", "voucher": "记-0915"})
    assert (paid.json["status"], paid.json["voucher"]) == ("paid", "记-0915")
    assert (paid.json["claimed_on"], paid.json["decided_on"]) == ("2020-09-01", "2020-09-01")
    lines = client.get("/api/v1/subsidy-lines?state=paid", headers=employer).json
    assert [(line["placement_id"], line["state"]) for line in lines] == [(placement.id, "paid")]
    twice = client.post(f"/api/v1/subsidy-claims/{claim_id}/approve", headers=staff)
    assert (twice.status_code, twice.json["error"]["code"]) == (409, "claim_state")


def test_a_payment_in_the_future_or_before_the_approval_has_a_stable_code(client, app, setting):
    """The approval is dated by the app's clock (2020-09-01), not the wall clock: a payment a
    week later is accepted once the clock reaches it, and never before."""
    bureau, owner, placement = setting
    claim_id = client.post("/api/v1/subsidy-claims", json=_body(placement),
                           headers=bearer(client, owner.phone)).json["id"]
    staff = bearer(client, bureau.phone)
    client.post(f"/api/v1/subsidy-claims/{claim_id}/approve", headers=staff)
    for paid_on, code in (("2020-09-08", "paid_on_future"), ("2020-08-31", "paid_before_approval")):
        refused = client.post(f"/api/v1/subsidy-claims/{claim_id}/pay", headers=staff,
                              json={"paid_on": paid_on, "voucher": "记-0908"})
        assert (refused.status_code, refused.json["error"]["code"]) == (422, code)
    app.config["AS_OF_DATE"] = date(2020, 9, 8)
    paid = client.post(f"/api/v1/subsidy-claims/{claim_id}/pay", headers=staff,
                       json={"paid_on": "2020-09-08", "voucher": "记-0908"})
    assert (paid.status_code, paid.json["paid_on"]) == (200, "2020-09-08")


def test_a_rejection_needs_a_reason_and_the_claimant_reads_it(client, setting):
    bureau, owner, placement = setting
    employer = bearer(client, owner.phone)
    claim_id = client.post("/api/v1/subsidy-claims", json=_body(placement), headers=employer).json["id"]
    staff = bearer(client, bureau.phone)
    blank = client.post(f"/api/v1/subsidy-claims/{claim_id}/reject", json={"reason": " "}, headers=staff)
    assert blank.status_code == 422
    client.post(f"/api/v1/subsidy-claims/{claim_id}/reject", json={"reason": "缺少合同"}, headers=staff)
    mine = client.get(f"/api/v1/subsidy-claims/{claim_id}", headers=employer).json
    assert (mine["status"], mine["reason"]) == ("rejected", "缺少合同")
    assert client.post("/api/v1/subsidy-claims", json=_body(placement), headers=employer).status_code == 201


def test_others_neither_see_nor_claim_nor_decide(client, session, setting):
    bureau, owner, placement = setting
    claim_id = client.post("/api/v1/subsidy-claims", json=_body(placement),
                           headers=bearer(client, owner.phone)).json["id"]
    stranger = bearer(client, make_user(session, role="employer", employer=make_employer(session)).phone)
    seeker = bearer(client, make_user(session).phone)
    for headers in (stranger, seeker):
        assert client.get("/api/v1/subsidy-lines", headers=headers).json == []
        missing = client.get(f"/api/v1/subsidy-claims/{claim_id}", headers=headers)
        assert (missing.status_code, missing.json["error"]["code"]) == (404, "subsidy_claim_not_found")
        assert client.post(f"/api/v1/subsidy-claims/{claim_id}/approve", headers=headers).status_code == 403
    refused = client.post("/api/v1/subsidy-claims", json=_body(placement), headers=stranger)
    assert (refused.status_code, refused.json["error"]["code"]) == (404, "placement_not_found")
    wrong = client.post("/api/v1/subsidy-claims", headers=seeker,
                        json=_body(placement, rule="public_welfare_post"))
    assert wrong.status_code == 404
    assert client.get("/api/v1/subsidy-lines").status_code == 401


def test_the_body_is_strict(client, setting):
    _, owner, placement = setting
    response = client.post("/api/v1/subsidy-claims", headers=bearer(client, owner.phone),
                           json=_body(placement, placement_id=str(placement.id)))
    assert (response.status_code, response.json["error"]["code"]) == (422, "invalid_request")
