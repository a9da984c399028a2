"""Small builders of valid records for tests; each takes overrides as keyword arguments."""

import itertools
from datetime import date

from models import Candidate, Employer, Post, QuotaProgram, User
from models.base import utcnow
from policy.identifiers import make_credit_code, make_id_number
from services.passwords import hash_password

PASSWORD = "Changle@2020"
_counter = itertools.count(1)
_hash = None


def password_hash() -> str:
    """One argon2 hash for every test user: hashing is deliberately slow."""
    global _hash
    if _hash is None:
        _hash = hash_password(PASSWORD)
    return _hash


def next_phone() -> str:
    return f"139{next(_counter):08d}"


def make_employer(session, verified=True, **overrides) -> Employer:
    n = next(_counter)
    fields = dict(
        name=f"福州长乐第{n}纺织有限公司", credit_code=make_credit_code(f"91350182MA{n:07d}"),
        ownership="private", size="small", staff_count=60, industry="纺织",
        township="吴航街道", verified_at=utcnow() if verified else None,
    )
    fields.update(overrides)
    employer = Employer(**fields)
    session.add(employer)
    session.flush()
    return employer


def make_user(session, role="seeker", employer=None, **overrides) -> User:
    fields = dict(phone=next_phone(), password_hash=password_hash(), role=role,
                  name="测试用户" if role != "seeker" else "林晓燕",
                  employer_id=employer.id if employer else None)
    fields.update(overrides)
    user = User(**fields)
    session.add(user)
    session.flush()
    return user


def make_program(session, kind="public_welfare", **overrides) -> QuotaProgram:
    fields = dict(key=f"{kind}-{next(_counter)}", name="2020年临时性公益岗位", kind=kind,
                  target=500, start_date=date(2020, 7, 2), end_date=date(2020, 12, 31),
                  target_rule="floor" if kind == "trainee" else "cap")
    fields.update(overrides)
    program = QuotaProgram(**fields)
    session.add(program)
    session.flush()
    return program


def make_post(session, employer, **overrides) -> Post:
    fields = dict(ref=f"P{next(_counter):06d}", kind="regular", title="织造车间质检员",
                  employer_id=employer.id, industry="纺织", description="负责坯布质量检验",
                  requirements="高中及以上学历", education_min="high_school", majors=[],
                  township="金峰镇", slots=3, salary_min=4000, salary_max=5500,
                  status="open", open_date=date(2020, 8, 1))
    fields.update(overrides)
    post = Post(**fields)
    session.add(post)
    session.flush()
    return post


def make_candidate(session, user=None, **overrides) -> Candidate:
    n = next(_counter)
    birth = date(1998, 5, 17)
    fields = dict(ref=f"C{n:06d}", user_id=user.id if user else None, name="林晓燕",
                  id_number=make_id_number("350182", birth, n % 1000), phone=next_phone(),
                  birth_date=birth, education="bachelor", school="闽江学院", major="会计学",
                  graduation_date=date(2020, 6, 30))
    fields.update(overrides)
    candidate = Candidate(**fields)
    session.add(candidate)
    session.flush()
    return candidate
