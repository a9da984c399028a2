"""The subsidy ledger: what each placement earns under the seed's rules, per program or employer.

The amounts come from policy.subsidies; this module gathers the facts from the database.
"Once per person" holds district-wide for both one-off hiring subsidies (（七）, （十）), so every
placement is walked in start-date order and the selection (a program, an employer) is applied
to the result, not the walk. The facts of a hire are those fixed at the hire
(`Placement.hire_facts`): the person's later job, edits or ended registration change nothing.
Amounts the seed does not fix (a monthly subsidy, the minimum wage) are the bureau settings in
effect on the day each covers (services.policy_settings); each amount names them.
"""

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import Employer, Placement, Post, QuotaProgram
from policy import subsidies
from policy.eligibility import Decision
from policy.parameters import Parameter, Settings
from policy.placements import load_program_params
from services import policy_settings, registrations
from services.placement_terms import facts
from services.placements import program_params
from services.records import hire_candidate, hire_snapshot


@dataclass(frozen=True)
class LedgerEntry:
    placement: Placement
    amount: subsidies.Amount


def subsidy_ledger(
    session: Session, as_of: date, program_id: int | None = None, employer_id: int | None = None
) -> tuple[list[LedgerEntry], list[subsidies.LedgerLine]]:
    """Amounts above zero for the placements selected, and their totals per rule."""
    placements = session.scalars(
        select(Placement)
        .options(joinedload(Placement.post).joinedload(Post.employer),
                 joinedload(Placement.candidate), joinedload(Placement.program))
        .where(Placement.start_date <= as_of)
        .order_by(Placement.start_date, Placement.id)
    ).unique()
    graduate_params = load_program_params("graduate_absorption")
    unemployed_params = load_program_params("long_term_unemployed_hire")
    paid_graduates: set[int] = set()
    paid_unemployed: set[int] = set()
    settings = policy_settings.current(session)
    entries = []
    for placement in placements:
        if placement.kind == "public_welfare":
            params = program_params(placement.program, placement.kind)
            rate = monthly_rate(settings, placement.program, placement.kind)
            amounts = [subsidies.public_welfare_subsidy(facts(placement), as_of, params, rate)]
        elif placement.kind == "trainee":
            rate = monthly_rate(settings, placement.program, placement.kind)
            amounts = [subsidies.trainee_subsidy(facts(placement), as_of, rate)]
        else:
            hire = _hire(session, placement)
            graduate = subsidies.graduate_absorption(
                hire, placement.candidate_id in paid_graduates, graduate_params)
            if graduate.fen > 0:
                paid_graduates.add(placement.candidate_id)
            wage = settings.at("long_term_unemployed_hire", "minimum_wage_monthly_fen",
                               placement.start_date)
            unemployed = subsidies.long_term_unemployed_hire(
                hire, unemployed_params, wage, placement.candidate_id in paid_unemployed)
            if unemployed.fen > 0:
                paid_unemployed.add(placement.candidate_id)
            amounts = [graduate, unemployed]
        if (program_id is None or placement.program_id == program_id) and (
            employer_id is None or placement.post.employer_id == employer_id
        ):
            entries += [LedgerEntry(placement, a) for a in amounts if a.fen > 0]
    return entries, subsidies.ledger(e.amount for e in entries)


PROGRAMME_AMOUNT = "本计划设定的金额（人社局在岗位计划中填写）"


def monthly_rate(settings: Settings, program: QuotaProgram | None, kind: str) -> subsidies.Rate:
    """The monthly subsidy of a public-welfare or trainee placement on a day: the programme's own
    amount when the bureau gave one, else the setting in effect that day."""
    own = (program.params or {}).get("monthly_subsidy_fen") if program else None

    def rate(day: date) -> Parameter:
        setting = settings.at(kind, "monthly_subsidy_fen", day)
        if own is None:
            return setting
        return replace(setting, value=int(own), basis=PROGRAMME_AMOUNT, confirmed=True,
                       effective_from=None)

    return rate


def loan_interest(session: Session, employer: Employer, year: int) -> Decision:
    """（十）: the employer's startup-loan interest test from its hires placed in `year`."""
    hires = session.scalars(
        select(Placement).join(Post, Post.id == Placement.post_id)
        .where(Post.employer_id == employer.id, Placement.kind == "regular")
        .options(joinedload(Placement.post).joinedload(Post.employer),
                 joinedload(Placement.candidate))
    ).unique()
    return subsidies.loan_interest_test(_employer_facts(employer), [_hire(session, p) for p in hires],
                                        year, load_program_params("loan_interest"))


def _employer_facts(employer: Employer) -> subsidies.EmployerFacts:
    return subsidies.EmployerFacts(employer.size, employer.ownership, employer.staff_count)


def _hire(session: Session, placement: Placement) -> subsidies.HireFacts:
    snapshot = placement.hire_facts
    if snapshot is None:
        # A placement made before the facts were fixed at the hire (migration 0009): groups as
        # they stood when it was made, the registration from the bureau's history.
        snapshot = hire_snapshot(
            placement.candidate,
            registrations.registered_since(session, placement.candidate_id, placement.start_date),
            as_of=placement.created_at)
    return subsidies.HireFacts(
        candidate=hire_candidate(snapshot),
        employer=_employer_facts(placement.post.employer),
        post_kind=placement.kind,
        start_date=placement.start_date,
        contract_months=placement.contract_months,
    )
