"""JSON shapes of the API: posts in the interchange format, programs with their progress,
applications with their history, and candidates as the viewer may see them (a person's
profile: web/api/profile_json.py; invitations, interviews and offers: web/api/hiring_json.py).

Each function returns a TypedDict: the same type is the response schema of the OpenAPI
document (web/api/contract.py), so what a view sends and what the document promises are
one declaration, and schemathesis checks the two against each other on a live server.
"""

from datetime import date
from typing import Annotated

from pydantic import WithJsonSchema
from typing_extensions import TypedDict  # pydantic reads typing.TypedDict only from 3.12

from models import Application, ApplicationEvent, Message, Placement, Post
from policy.parameters import Parameter
from services.programs import ProgramProgress
from services.recommendations import CandidateCard

IsoDate = Annotated[str, WithJsonSchema({"type": "string", "format": "date"})]
IsoDateTime = Annotated[str, WithJsonSchema({"type": "string", "format": "date-time"})]


class PostJson(TypedDict):
    id: int
    ref: str
    kind: str
    title: str
    employer: str
    employer_id: int
    employer_verified: bool
    industry: str
    description: str
    requirements: str
    education_min: str
    majors: list[str]
    township: str
    slots: int
    salary_min: int | None
    salary_max: int | None
    status: str
    open_date: IsoDate
    close_date: IsoDate | None
    reserved_for_graduates: bool
    updated_at: IsoDateTime


class ProgramJson(TypedDict):
    id: int
    name: str
    kind: str
    target: int
    target_rule: str  # cap: at most `target` slots offered; floor: at least `target` placed
    start_date: IsoDate | None
    end_date: IsoDate | None
    slots_offered: int  # 岗位 (slots of the program's public posts)
    placed: int  # 人 (people placed, refills of a slot included)


class PlacementJson(TypedDict):
    id: int
    post_id: int
    candidate_id: int
    program_id: int | None
    kind: str
    start_date: IsoDate
    term_end: IsoDate | None
    ended_on: IsoDate | None
    end_reason: str | None


class ApplicationEventJson(TypedDict):
    status: str
    reason: str
    at: IsoDateTime


class ApplicationJson(TypedDict):
    id: int
    post_id: int
    candidate_id: int
    status: str
    reason: str
    history: list[ApplicationEventJson]


class CandidateCardJson(TypedDict):
    id: int
    name: str
    phone: str
    id_number: str
    education: str
    school: str
    major: str
    groups: list[str]
    pending_groups: list[str]  # of `groups`, those not yet verified by the bureau (待核验)
    masked: bool


class MessageJson(TypedDict):
    id: int
    kind: str
    text: str
    subject: str  # what it is about ("application", later "invitation"…); "" for none
    subject_id: int | None
    created_at: IsoDateTime
    read: bool


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def message_json(message: Message) -> MessageJson:
    return {
        "id": message.id,
        "kind": message.kind,
        "text": message.text,
        "subject": message.subject,
        "subject_id": message.subject_id,
        "created_at": message.created_at.isoformat(),
        "read": message.read_at is not None,
    }


def post_json(post: Post) -> PostJson:
    return {
        "id": post.id,
        "ref": post.ref,
        "kind": post.kind,
        "title": post.title,
        "employer": post.employer.name,
        "employer_id": post.employer_id,
        "employer_verified": post.employer.verified,
        "industry": post.industry,
        "description": post.description,
        "requirements": post.requirements,
        "education_min": post.education_min,
        "majors": list(post.majors),
        "township": post.township,
        "slots": post.slots,
        "salary_min": post.salary_min,
        "salary_max": post.salary_max,
        "status": post.status,
        "open_date": post.open_date.isoformat(),
        "close_date": iso_date(post.close_date),
        "reserved_for_graduates": post.reserved_for_graduates,
        "updated_at": post.updated_at.isoformat(),
    }


def program_json(progress: ProgramProgress) -> ProgramJson:
    return {
        "id": progress.id,
        "name": progress.name,
        "kind": progress.kind,
        "target": progress.target,
        "target_rule": progress.target_rule,
        "start_date": iso_date(progress.start_date),
        "end_date": iso_date(progress.end_date),
        "slots_offered": progress.slots_offered,
        "placed": progress.placed,
    }


def placement_json(placement: Placement) -> PlacementJson:
    return {
        "id": placement.id,
        "post_id": placement.post_id,
        "candidate_id": placement.candidate_id,
        "program_id": placement.program_id,
        "kind": placement.kind,
        "start_date": placement.start_date.isoformat(),
        "term_end": iso_date(placement.term_end),
        "ended_on": iso_date(placement.ended_on),
        "end_reason": placement.end_reason,
    }


def application_json(application: Application, events: list[ApplicationEvent]) -> ApplicationJson:
    return {
        "id": application.id,
        "post_id": application.post_id,
        "candidate_id": application.candidate_id,
        "status": application.status,
        "reason": application.reason,
        "history": [{"status": e.status, "reason": e.reason, "at": e.at.isoformat()} for e in events],
    }


def candidate_card_json(card: CandidateCard) -> CandidateCardJson:
    """A person as the viewer may see them: masked until they apply, no sensitive groups."""
    return {
        "id": card.id,
        "name": card.name,
        "phone": card.phone,
        "id_number": card.id_number,
        "education": card.education,
        "school": card.school,
        "major": card.major,
        "groups": list(card.groups),
        "pending_groups": list(card.pending),
        "masked": not card.revealed,
    }


class ParameterJson(TypedDict):
    """A policy parameter the seed does not fix, as in effect on a day (services.policy_settings)."""

    parameter: str  # section.name
    label: str
    value: int  # in `unit`: fen, days, months or years
    unit: str
    source: str  # national or bureau
    basis: str
    confirmed: bool  # False: 待确认
    effective_from: IsoDate | None  # None: the data file's default
    editable: bool


def parameter_json(parameter: Parameter, editable: bool) -> ParameterJson:
    return {
        "parameter": f"{parameter.section}.{parameter.name}", "label": parameter.label_zh,
        "value": parameter.value, "unit": parameter.unit, "source": parameter.source,
        "basis": parameter.basis, "confirmed": parameter.confirmed,
        "effective_from": iso_date(parameter.effective_from),
        "editable": editable,
    }
