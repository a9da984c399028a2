"""The demo fills an empty database with a believable Changle district, exactly once."""

from sqlalchemy import func, select

from demo import seed
from models import AuditEntry, Candidate, Employer, GroupClaim, Placement, Post, User
from policy.codes import GROUPS, TOWNSHIPS
from services.programs import program_progress
from tests.web.helpers import csrf_token, login


def test_the_demo_writes_the_districts_counts_and_logins(session):
    assert seed.database_is_empty(session)
    summary = seed.seed_demo(session)

    employers = session.scalar(select(func.count()).select_from(Employer))
    assert 110 <= employers <= 130
    candidates = session.scalar(select(func.count()).select_from(Candidate))
    assert 2900 <= candidates <= 3100

    def slots(kind):
        return session.scalar(select(func.sum(Post.slots)).where(Post.kind == kind))

    assert slots("public_welfare") == 500
    assert slots("trainee") >= 50
    regular = session.scalar(select(func.count()).where(Post.kind == "regular"))
    assert 280 <= regular <= 320

    townships = set(session.scalars(
        select(Post.township).where(Post.kind == "public_welfare").distinct()))
    assert townships == set(TOWNSHIPS)
    groups = set(session.scalars(select(GroupClaim.group).distinct()))
    assert groups == set(GROUPS)

    progress = {p.kind: p for p in program_progress(session)}
    assert progress["public_welfare"].target == 500
    assert progress["trainee"].target == 50
    assert progress["public_welfare"].slots_offered > 0
    assert progress["public_welfare"].placed == 200
    assert progress["trainee"].placed == 22
    overfull = session.execute(
        select(Post.id).join(Placement, Placement.post_id == Post.id)
        .group_by(Post.id, Post.slots).having(func.count(Placement.id) > Post.slots)).all()
    assert overfull == []

    roles = {role for role, _, _ in summary.logins}
    assert roles == {"人社局", "镇街协理员", "用人单位", "求职者"}
    for _, phone, _ in summary.logins:
        assert session.scalar(select(User).where(User.phone == phone)) is not None
    assert not seed.database_is_empty(session)
    assert "演示账号" in summary.describe()

    # Written through the services: each post published by its employer (audited), each
    # employer verified by the bureau, and none posted before its verification.
    def audited(action, entity):
        return session.scalar(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action == action, AuditEntry.entity == entity))

    posts = session.scalar(select(func.count()).select_from(Post))
    assert audited("create", "post") == posts
    verified = session.scalar(select(func.count()).where(Employer.verified_at.is_not(None)))
    assert audited("verify", "employer") == verified
    unverified_posts = session.scalar(select(func.count()).select_from(Post).join(Employer)
                                      .where(Employer.verified_at.is_(None)))
    assert unverified_posts == 0


def test_demo_logins_work_on_the_pages(session, client):
    summary = seed.seed_demo(session)
    phones = {role: phone for role, phone, _ in summary.logins}
    response = login(client, phones["人社局"], seed.DEMO_PASSWORD)
    assert response.headers["Location"] == "/bureau/"
    assert "2020年临时性公益岗位" in client.get("/bureau/").get_data(as_text=True)
    client.post("/logout", data={"csrf_token": csrf_token(client, "/bureau/")})
    response = login(client, phones["镇街协理员"], seed.DEMO_PASSWORD)
    assert response.headers["Location"] == "/township/"
    assert "协理员工作台 · 吴航街道" in client.get("/township/").get_data(as_text=True)
    assert "吴航街道人社协理员郑丽华" in summary.describe()
