"""Write the demo corpus into an empty database, through the services where they exist.

What goes through a service, and why the rest does not:
- the bureau's login: `accounts.create_bureau_user`; the township staff login of 吴航街道:
  `accounts.create_township_user` by the bureau; the demo seeker: `accounts.register_seeker`
  (then their profile's facts), as a person would register;
- employers' verification: `employers.verify_employer` by the bureau (audited), dated 2020-07-06;
- every post: `posts.create_post` by its employer's contact on the day it opened (so each joins
  its programme and is audited and logged for the matcher as a real one), then closed with
  `posts.set_post_status` when the demo has it closed;
- placements: `placements.place_candidate`, the bureau's own checks (demo/placements.py).
Employers and their contact logins, and the 3,000 people, are written in bulk: registration
hashes each password with argon2 (0.7 s here), which for 120 employers and 3,000 people would
take most of an hour, and the people stand for the bureau's registry, not for self-registered
users. Their identifiers and vocabularies are checked with the validators registration uses
(policy.identifiers, policy.codes), and every demo login shares one hash of the published
password.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from demo.corpus import build_corpus
from demo.placements import place_demo_people
from models import Candidate, Employer, GroupClaim, Post, QuotaProgram, User
from policy.codes import EDUCATION_LEVELS, EMPLOYER_SIZES, OWNERSHIPS, TOWNSHIPS
from policy.identifiers import validate_credit_code, validate_id_number, validate_mobile
from policy.placements import default_target_rule, load_program_params
from services import accounts, audit, consent, registrations
from services.employers import verify_employer
from services.passwords import hash_password
from services.posts import PostDraft, create_post, set_post_status

# bandit B105: the published demo password, printed by seed-demo on purpose
DEMO_PASSWORD = "Changle2020"  # nosec B105
BUREAU_PHONE = "13800000000"
# Township staff (镇街人社协理员) of the district's seat, where most of the demo's people live.
TOWNSHIP_PHONE, DEMO_TOWNSHIP = "13800000001", "吴航街道"
VERIFIED_ON = date(2020, 7, 6)
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

    programs = [_program(p) for p in corpus.programs]
    session.add_all(programs)
    bureau = accounts.create_bureau_user(session, BUREAU_PHONE, DEMO_PASSWORD, "区人社局就业股")
    accounts.create_township_user(session, bureau, TOWNSHIP_PHONE, DEMO_PASSWORD, "郑丽华", DEMO_TOWNSHIP)

    employers = [_employer(e) for e in corpus.employers]
    session.add_all(employers)
    session.flush()
    contacts = {e.id: User(phone=e.contact_phone, password_hash=password_hash, role="employer",
                           name=e.contact_name, employer_id=e.id) for e in employers}
    session.add_all(contacts.values())
    session.flush()
    for employer, row in zip(employers, corpus.employers, strict=True):
        if row["verified"]:
            verify_employer(session, employer.id, bureau.id)
            employer.verified_at = _at(VERIFIED_ON)

    by_key = {employer.credit_code: employer for employer in employers}
    for index, row in enumerate(corpus.posts):
        employer = by_key[row["employer_key"]]
        _post(session, contacts[employer.id], employer, row, index)

    seeker_row, seeker = _demo_seeker(session, corpus.candidates)
    candidates = [_candidate(c, i) for i, c in enumerate(corpus.candidates) if c is not seeker_row]
    session.add_all(candidates)
    session.flush()
    candidates.append(seeker)
    # The demo people stand for the bureau's own registry: its statutory duty is the basis.
    consent.record_import_basis(session, None, {c.id: c.groups for c in candidates})
    registrations.record_registry(session, None, [
        (c.id, (c.townships or [""])[0], c.unemployed_since) for c in candidates
        if c.unemployed_since is not None
        and any(g.group == "registered_unemployed" and g.status == "verified" for g in c.group_claims)])

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
    """(role, phone, who) of the demo's bureau, township staff, first verified employer and
    graduate seeker (a demo seeded before it had township staff lists none)."""
    bureau = session.scalar(select(User).where(User.phone == BUREAU_PHONE))
    township = session.scalar(select(User).where(User.phone == TOWNSHIP_PHONE, User.role == "township"))
    employer = session.scalar(
        select(Employer).where(Employer.verified_at.is_not(None)).order_by(Employer.id))
    seeker = session.scalar(select(User).where(User.role == "seeker").order_by(User.id))
    if bureau is None or employer is None or seeker is None:
        return []
    staff = ([("镇街协理员", township.phone, f"{township.township}人社协理员{township.name}")]
             if township is not None else [])
    return [
        ("人社局", bureau.phone, bureau.name),
        *staff,
        ("用人单位", employer.contact_phone, employer.name),
        ("求职者", seeker.phone, seeker.name),
    ]


def _program(p: dict) -> QuotaProgram:
    return QuotaProgram(key=p["key"], name=p["name"], kind=p["kind"], target=p["target"],
                        target_rule=default_target_rule(p["kind"]),
                        start_date=p["start"], end_date=p["end"],
                        params=load_program_params(p["kind"]))


def _employer(e: dict) -> Employer:
    """An employer row, checked as registration checks one (services.accounts.register_employer)."""
    if e["ownership"] not in OWNERSHIPS or e["size"] not in EMPLOYER_SIZES or e["township"] not in TOWNSHIPS:
        raise ValueError(f"demo employer outside the vocabularies: {e['name']}")
    return Employer(
        name=e["name"], credit_code=validate_credit_code(e["credit_code"]), ownership=e["ownership"],
        size=e["size"], staff_count=e["staff_count"], industry=e["industry"], township=e["township"],
        contact_name=e["contact_name"], contact_phone=validate_mobile(e["contact_phone"]),
    )


def _post(session: Session, contact: User, employer: Employer, p: dict, index: int) -> Post:
    """One demo post, published by its employer's contact on the day it opened."""
    # SOEs mostly keep （七）'s half of their new regular posts for graduates; every third is
    # open to all, so the dashboard shows some SOEs above the line and some below.
    reserved = employer.ownership == "soe" and p["kind"] == "regular" and index % 3 != 0
    draft = PostDraft.from_values({**p, "reserved_for_graduates": reserved})
    post = create_post(session, contact, employer.id, draft, today=p["open_date"])
    if p["status"] == "closed":
        set_post_status(session, contact, post.id, "closed")
    # The demo's own references and history: created when it opened, last touched when the
    # corpus says (（十四） marks posts untouched for 30 days).
    post.ref = p["id"]
    post.created_at, post.updated_at = _at(p["open_date"]), _at(p["updated_date"])
    return post


def _candidate(c: dict, index: int) -> Candidate:
    """A registry person, with the identifiers registration would accept."""
    if c["education"] not in EDUCATION_LEVELS:
        raise ValueError(f"demo candidate with an unknown education: {c['id']}")
    candidate = Candidate(
        ref=c["id"], name=c["name"], gender=c["gender"],
        id_number=validate_id_number(c["id_number"]), phone=validate_mobile(c["phone"]),
        birth_date=c["birth_date"], education=c["education"],
    )
    _profile(candidate, c, index)
    return candidate


def _profile(candidate: Candidate, c: dict, index: int) -> None:
    status = "declared" if index % UNVERIFIED_EVERY == 0 else "verified"
    candidate.ref, candidate.school, candidate.major = c["id"], c["school"], c["major"]
    candidate.graduation_date, candidate.skills = c["graduation_date"], c["skills"]
    candidate.experience, candidate.desired = c["experience"], c["desired"]
    candidate.townships, candidate.unemployed_since = list(c["townships"]), c["unemployed_since"]
    candidate.employed, candidate.open_to_offers = c["employed"], index % 5 != 0
    candidate.group_claims = [GroupClaim(group=g, status=status) for g in c["groups"]]


def _demo_seeker(session: Session, people: list[dict]) -> tuple[dict, Candidate]:
    """The first fresh graduate registers as a seeker would, so the demo shows a graduate's
    view; their profile is then the corpus's."""
    index, person = next((i, c) for i, c in enumerate(people) if "fresh_graduate" in c["groups"])
    user = accounts.register_seeker(session, accounts.SeekerSignup(
        phone=person["phone"], password=DEMO_PASSWORD, name=person["name"],
        id_number=person["id_number"], education=person["education"]))
    candidate = session.scalar(select(Candidate).where(Candidate.user_id == user.id))
    _profile(candidate, person, index)
    session.flush()
    return person, candidate


def _at(day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=UTC)
