"""Imported candidates: 身份证号 and phone checked and deduplicated, the birth date read from
the 身份证号, groups recorded as verified by the importing bureau."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from models import Candidate, GroupClaim, id_cipher
from models.base import utcnow
from policy.identifiers import InvalidIdentifier, validate_id_number, validate_mobile
from services import consent, registrations
from services.imports.rows import BATCHED, Rows, existing
from services.records import REGISTERED_UNEMPLOYED


@dataclass(frozen=True)
class CandidatePlan:
    person: Any  # matcher.records.Candidate
    id_number: str
    phone: str
    birth_date: date


class CandidateRows(Rows):
    model = Candidate
    written = (Candidate.__tablename__, GroupClaim.__tablename__)

    def __init__(self, session: Session, today: date, records: list[dict[str, Any]],
                 actor_id: int | None):
        super().__init__(session, today, records, actor_id)
        # Each distinct 身份证号 is validated once: (normalised number or "", the problem or "").
        self.id_numbers = {raw: self._validated(raw) for raw in
                           {str(r["id_number"]) for r in records if r.get("id_number")}}
        # Looked up by digest: the column holds no number in clear (models.id_cipher).
        digests = {id_cipher.current().digest(number): number
                   for number, _ in self.id_numbers.values() if number}
        self.existing_ids = {digests[d] for d in existing(session, Candidate.id_number_hash, digests)}
        self.seen_ids: dict[str, int] = {}

    def _validated(self, raw: str) -> tuple[str, str]:
        try:
            return validate_id_number(raw, as_of=self.today), ""
        except InvalidIdentifier as error:
            return "", error.message

    def check(self, number: int, record: dict[str, Any], person,
              problems: list[str]) -> CandidatePlan | None:
        self.check_ref(number, record, problems)
        if not str(record.get("name", "")).strip():
            problems.append("缺少「姓名」")
        id_number = self._checked_id_number(number, record, problems)
        phone = ""
        if not record.get("phone"):
            problems.append("缺少「手机号」")
        else:
            try:
                phone = validate_mobile(record["phone"])
            except InvalidIdentifier as error:
                problems.append(error.message)
        if person is None or not id_number:
            return None
        born = date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))  # valid: a date
        if person.birth_date is not None and person.birth_date != born:
            problems.append(f"出生日期 {person.birth_date.isoformat()} 与身份证号中的"
                            f" {born.isoformat()} 不一致")
        if problems:
            return None
        return CandidatePlan(person, id_number, phone, born)

    def _checked_id_number(self, number: int, record: dict[str, Any], problems: list[str]) -> str:
        raw = record.get("id_number")
        if not raw:
            problems.append("缺少「身份证号」")
            return ""
        id_number, problem = self.id_numbers[str(raw)]
        if problem:
            problems.append(problem)
            return ""
        if id_number in self.existing_ids:
            problems.append("该身份证号已登记（导入不修改已有人员）")
        elif id_number in self.seen_ids:
            problems.append(f"身份证号与第 {self.seen_ids[id_number]} 行重复")
        else:
            self.seen_ids[id_number] = number
        return id_number

    def insert(self, plans: Iterable[CandidatePlan]) -> list[int]:
        groups, values = [], []
        plans_list = list(plans)
        for plan in plans_list:
            p = plan.person
            groups.append(dict.fromkeys(p.groups))
            values.append(dict(
                ref=p.id, name=p.name.strip(), **Candidate.id_number_columns(plan.id_number),
                phone=plan.phone,
                gender="male" if int(plan.id_number[16]) % 2 else "female",
                birth_date=plan.birth_date, education=p.education, school=p.school.strip(),
                major=p.major.strip(), graduation_date=p.graduation_date, skills=p.skills.strip(),
                experience=p.experience.strip(), desired=p.desired.strip(),
                townships=list(dict.fromkeys(p.townships)), unemployed_since=p.unemployed_since,
                employed=p.employed,
            ))
        ids = list(self.session.scalars(
            insert(Candidate).returning(Candidate.id, sort_by_parameter_order=True), values,
            execution_options=BATCHED))
        now = utcnow()
        claims = [dict(candidate_id=candidate_id, group=group, status="verified",
                       decided_by_id=self.actor_id, decided_at=now)
                  for candidate_id, chosen in zip(ids, groups, strict=True) for group in chosen]
        if claims:
            self.session.execute(insert(GroupClaim), claims)
        # The bureau's own registry rolls (困难/低保/脱贫): its statutory duty is the basis.
        consent.record_import_basis(self.session, self.actor_id, dict(zip(ids, groups, strict=True)))
        # A registered-unemployed person with a 失业登记日期 is a registration the bureau holds.
        registrations.record_registry(self.session, self.actor_id, [
            (candidate_id, (plan.person.townships or [""])[0], plan.person.unemployed_since)
            for candidate_id, plan, chosen in zip(ids, plans_list, groups, strict=True)
            if REGISTERED_UNEMPLOYED in chosen and plan.person.unemployed_since is not None])
        return ids
