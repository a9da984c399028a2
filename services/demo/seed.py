"""Write the demo corpus into an empty database, with demo logins for each role.

Every demo account shares one password, hashed once: argon2 is slow on purpose, and
hashing 120 employer logins separately would add a minute to `make run`.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Candidate, Employer, GroupClaim, Post, QuotaProgram, User
from policy.placements import load_program_params
from services import audit, consent
from services.demo.corpus import build_corpus
from services.demo.placements import place_demo_people
from services.passwords import hash_password

# bandit B105: the published demo password, printed by seed-demo on purpose
DEMO_PASSWORD = "Changle2020"  # nosec B105
BUREAU_PHONE = "13800000000"
# Declared groups the bureau has not yet looked at: one in this many stays 待核验.
UNVERIFIED_EVERY = 12


@dataclass
class DemoSummary:
    counts: dict[str, int]
    logins: list[tuple[str, str, str]] = field(default_factory=list)

    def describe(self) -> str:
        lines = ["演示数据已写入：" + "，".join(f"{k} {v}" for k, v in self.counts.items())]
        return "\n".join(lines + [describe_logins(self.logins)])


def describe_logins(logins: list[tuple[str, str, str]]) -> str:
    lines = [f"演示账号（密码均为 {DEMO_PASSWORD}）："]
    return "\n".join(lines + [f"  {role}：{phone}（{who}）" for role, phone, who in logins])


def database_is_empty(session: Session) -> bool:
    return not (session.scalar(select(func.count()).select_from(User))
                or session.scalar(select(func.count()).select_from(Employer)))


def seed_demo(session: Session, seed: int = 2020) -> DemoSummary:
    corpus = build_corpus(seed=seed)
    password_hash = hash_password(DEMO_PASSWORD)

    programs = {p["key"]: _program(p) for p in corpus.programs}
    session.add_all(programs.values())

    employers = [_employer(e) for e in corpus.employers]
    session.add_all(employers)
    session.flush()
    by_key = {employer.credit_code: employer for employer in employers}

    bureau = User(phone=BUREAU_PHONE, password_hash=password_hash, role="bureau",
                  name="区人社局就业股")
    session.add(bureau)
    employer_users = [
        User(phone=e.contact_phone, password_hash=password_hash, role="employer",
             name=e.contact_name, employer_id=e.id)
        for e in employers
    ]
    session.add_all(employer_users)
    session.flush()

    for index, post in enumerate(corpus.posts):
        employer = by_key[post["employer_key"]]
        row = _post(post, employer.id, programs)
        # SOEs mostly keep （七）'s half for graduates; every third of their other posts is open
        # to all, so the dashboard shows some SOEs above the line and some below.
        row.reserved_for_graduates = employer.ownership == "soe" and (
            post["kind"] == "trainee" or index % 3 != 0)
        session.add(row)

    candidates = [_candidate(c, i) for i, c in enumerate(corpus.candidates)]
    session.add_all(candidates)
    session.flush()
    # The demo people stand for the bureau's own registry: its statutory duty is the basis.
    consent.record_import_basis(session, None, {c.id: c.groups for c in candidates})

    _demo_seeker(session, candidates, password_hash)
    placed = place_demo_people(session, bureau, seed)
    audit.record(session, None, "seed_demo", "database", None, seed=seed)
    session.flush()

    counts = {
        "单位": len(employers),
        "岗位": len(corpus.posts),
        "公益性岗位名额": sum(p["slots"] for p in corpus.posts if p["kind"] == "public_welfare"),
        "见习岗位名额": sum(p["slots"] for p in corpus.posts if p["kind"] == "trainee"),
        "招聘岗位": sum(1 for p in corpus.posts if p["kind"] == "regular"),
        "求职者": len(candidates),
        "岗位计划": len(programs),
        "已安置": placed,
    }
    return DemoSummary(counts, demo_logins(session))


def demo_logins(session: Session) -> list[tuple[str, str, str]]:
    """(role, phone, who) of the demo's bureau, first verified employer and graduate seeker."""
    bureau = session.scalar(select(User).where(User.phone == BUREAU_PHONE))
    employer = session.scalar(
        select(Employer).where(Employer.verified_at.is_not(None)).order_by(Employer.id))
    seeker = session.scalar(select(User).where(User.role == "seeker").order_by(User.id))
    if bureau is None or employer is None or seeker is None:
        return []
    return [
        ("人社局", bureau.phone, bureau.name),
        ("用人单位", employer.contact_phone, employer.name),
        ("求职者", seeker.phone, seeker.name),
    ]


def _program(p: dict) -> QuotaProgram:
    return QuotaProgram(key=p["key"], name=p["name"], kind=p["kind"], target=p["target"],
                        start_date=p["start"], end_date=p["end"],
                        params=load_program_params(p["kind"]))


def _employer(e: dict) -> Employer:
    verified_at = _at(date(2020, 7, 6)) if e["verified"] else None
    return Employer(
        name=e["name"], credit_code=e["credit_code"], ownership=e["ownership"], size=e["size"],
        staff_count=e["staff_count"], industry=e["industry"], township=e["township"],
        contact_name=e["contact_name"], contact_phone=e["contact_phone"],
        verified_at=verified_at,
    )


def _post(p: dict, employer_id: int, programs: dict[str, QuotaProgram]) -> Post:
    program = programs[p["program_key"]] if p.get("program_key") else None
    return Post(
        ref=p["id"], kind=p["kind"], title=p["title"], employer_id=employer_id,
        program=program, industry=p["industry"], description=p["description"],
        requirements=p["requirements"], education_min=p["education_min"],
        majors=list(p["majors"]), township=p["township"], slots=p["slots"],
        salary_min=p["salary_min"], salary_max=p["salary_max"], status=p["status"],
        open_date=p["open_date"], close_date=p["close_date"],
        created_at=_at(p["open_date"]), updated_at=_at(p["updated_date"]),
    )


def _candidate(c: dict, index: int) -> Candidate:
    status = "declared" if index % UNVERIFIED_EVERY == 0 else "verified"
    return Candidate(
        ref=c["id"], name=c["name"], gender=c["gender"], id_number=c["id_number"],
        phone=c["phone"], birth_date=c["birth_date"], education=c["education"],
        school=c["school"], major=c["major"], graduation_date=c["graduation_date"],
        skills=c["skills"], experience=c["experience"], desired=c["desired"],
        townships=list(c["townships"]), unemployed_since=c["unemployed_since"],
        employed=c["employed"], open_to_offers=index % 5 != 0,
        group_claims=[GroupClaim(group=g, status=status) for g in c["groups"]],
    )


def _demo_seeker(session: Session, candidates: list[Candidate], password_hash: str) -> User:
    """The first fresh graduate gets a login, so the demo shows a graduate's view."""
    candidate = next(c for c in candidates if "fresh_graduate" in c.groups)
    user = User(phone=candidate.phone, password_hash=password_hash, role="seeker",
                name=candidate.name)
    session.add(user)
    session.flush()
    candidate.user_id = user.id
    return user


def _at(day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=UTC)
