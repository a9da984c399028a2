"""低保 / 脱贫 certificates leave with the consent that let them be processed and with the
account: rows removed, files gone from disk, audited; a subsidy claim's evidence stays with the
claim (a payment record the bureau keeps)."""

import io
from datetime import date

import pytest
from sqlalchemy import select

from models import Attachment, AuditEntry, GroupClaim, SubsidyClaim
from services.placements import place_candidate
from tests.factories import PASSWORD, make_candidate, make_employer, make_post, make_program, make_user
from tests.web.helpers import csrf_token, login

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture(autouse=True)
def attachment_dir(app, tmp_path):
    app.config["ATTACHMENT_DIR"] = str(tmp_path / "attachments")
    app.config["AS_OF_DATE"] = date(2020, 9, 1)
    return tmp_path / "attachments"


def _person(session, *groups):
    user = make_user(session)
    person = make_candidate(session, user=user, name="陈美华", education="junior_high",
                            graduation_date=None)
    for group in groups:
        person.group_claims.append(GroupClaim(group=group, status="declared"))
    session.flush()
    return user, person


def _upload(client, group, data, name="低保证.jpg"):
    token = csrf_token(client, "/seeker/")
    page = client.post(f"/seeker/claims/{group}/certificate", follow_redirects=True,
                       content_type="multipart/form-data",
                       data={"csrf_token": token, "attachment": (io.BytesIO(data), name)})
    assert "已上传" in page.get_data(as_text=True)


def _files(folder):
    return sorted(p.read_bytes() for p in folder.iterdir()) if folder.exists() else []


def test_withdrawing_consent_deletes_the_certificates_and_keeps_subsidy_evidence(
        client, session, attachment_dir):
    user, person = _person(session, "low_income")
    person.group_claims.append(GroupClaim(group="hardship", status="verified"))
    bureau = make_user(session, role="bureau")
    welfare = make_post(session, make_employer(session), kind="public_welfare",
                        program_id=make_program(session).id, education_min="none")
    placement = place_candidate(session, bureau, welfare.id, person.id, date(2020, 3, 2))
    session.commit()
    login(client, user.phone)
    _upload(client, "low_income", JPEG)
    _upload(client, "low_income", JPEG + b"replaced")  # the newer replaces the older as evidence
    token = csrf_token(client, "/seeker/subsidies")
    client.post(f"/seeker/subsidies/{placement.id}/public_welfare_post/claim",
                content_type="multipart/form-data",
                data={"csrf_token": token, f"claim-{placement.id}-public_welfare_post-note": "工资卡",
                      f"claim-{placement.id}-public_welfare_post-attachment": (io.BytesIO(PNG), "卡.png")})
    assert _files(attachment_dir) == sorted([JPEG, JPEG + b"replaced", PNG])

    client.post("/seeker/consent/withdraw",
                data={"csrf_token": csrf_token(client, "/seeker/profile/situation")})

    assert _files(attachment_dir) == [PNG]
    claim = session.get(GroupClaim, (person.id, "low_income"))
    session.refresh(claim)
    assert (claim.status, claim.attachment_id) == ("withdrawn", None)
    [evidence] = session.scalars(select(SubsidyClaim.attachment_id)).all()
    assert session.scalars(select(Attachment.id)).all() == [evidence]
    entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "discard_certificates"))
    assert entry.actor_id == user.id and len(entry.detail["attachment_ids"]) == 2


def test_closing_the_account_deletes_the_certificate_file(client, session, attachment_dir):
    user, person = _person(session, "poverty")
    session.commit()
    login(client, user.phone)
    _upload(client, "poverty", JPEG, "脱贫证明.jpg")
    assert _files(attachment_dir) == [JPEG]
    token = csrf_token(client, "/seeker/close-account")
    client.post("/seeker/close-account",
                data={"csrf_token": token, "current_password": PASSWORD, "confirm": "y"})
    assert _files(attachment_dir) == []
    assert session.scalars(select(Attachment)).all() == []
    claim = session.get(GroupClaim, (person.id, "poverty"))
    session.refresh(claim)
    assert claim.attachment_id is None and claim.status == "declared"  # the claim row stays


def test_a_wrong_password_deletes_nothing(client, session, attachment_dir):
    user, _ = _person(session, "poverty")
    session.commit()
    login(client, user.phone)
    _upload(client, "poverty", JPEG)
    token = csrf_token(client, "/seeker/close-account")
    client.post("/seeker/close-account",
                data={"csrf_token": token, "current_password": "wrong-password-1", "confirm": "y"})
    assert _files(attachment_dir) == [JPEG]
