"""The bureau's placement pages: the roster, the expiry worklist （六）, ending and extending,
and the subsidy ledger."""

from flask import g, redirect, render_template, request, url_for

from policy.identifiers import mask_id_number, mask_phone
from policy.placements import END_REASON_LABELS, EXPIRY_STATUS_LABELS
from policy.subsidies import RULE_LABELS
from policy.subsidy_claims import STATE_LABELS
from services import (
    employers,
    placement_terms,
    placements,
    policy_settings,
    programs,
    subsidies,
    subsidy_claims,
)
from web.bureau import bp
from web.bureau.forms import EndPlacementForm, ExtendPlacementForm
from web.clock import today
from web.database import session
from web.formwork import submit
from web.inputs import row_id
from web.security import role_required

ROSTER_LIMIT = 500
EXPIRY_PARAMETERS = (("public_welfare", "expiry_notice_days"), ("public_welfare", "monthly_subsidy_fen"))


@bp.app_template_filter("yuan")
def yuan(fen: int) -> str:
    return f"{fen / 100:,.2f} 元"


def _template_globals():
    return {"mask_id_number": mask_id_number, "mask_phone": mask_phone,
            "END_REASON_LABELS": END_REASON_LABELS,
            "EXPIRY_STATUS_LABELS": EXPIRY_STATUS_LABELS, "RULE_LABELS": RULE_LABELS}


@bp.get("/placements")
@role_required("bureau")
def roster():
    program_id = request.args.get("program", type=row_id)
    rows = placements.roster(session(), program_id, ROSTER_LIMIT)
    return render_template("bureau/placements.html", placements=rows,
                           programs=programs.programs_by_id(session()),
                           program_id=program_id, ends_on=placement_terms.ends_on,
                           **_template_globals())


@bp.get("/expiring")
@role_required("bureau")
def expiring():
    worklist = placement_terms.expiry_worklist(session(), today())
    # One prefix per placement keeps every input's id unique on the page.
    forms = {p.id: (EndPlacementForm(prefix=f"end-{p.id}", ended_on=today()),
                    ExtendPlacementForm(prefix=f"extend-{p.id}")) for p, _ in worklist}
    terms = {p.id: placement_terms.extension_terms(session(), p, today()) for p, _ in worklist}
    settings = policy_settings.current(session())
    used = [settings.at(section, name, today()) for section, name in EXPIRY_PARAMETERS]
    return render_template("bureau/expiring.html", worklist=worklist, forms=forms, terms=terms,
                           ends_on=placement_terms.ends_on, used=used, **_template_globals())


@bp.post("/placements/<int:placement_id>/end")
@role_required("bureau")
def end(placement_id: int):
    form = EndPlacementForm(prefix=f"end-{placement_id}")
    submit(form, lambda s: placement_terms.end_placement(s, g.user, placement_id, form.ended_on.data,
                                                    form.reason.data),
           lambda p: f"已结束安置：{p.candidate.name}（{END_REASON_LABELS[p.end_reason]}）")
    return redirect(_back())


@bp.post("/placements/<int:placement_id>/extend")
@role_required("bureau")
def extend(placement_id: int):
    form = ExtendPlacementForm(prefix=f"extend-{placement_id}")
    submit(form, lambda s: placement_terms.extend_placement(
               s, g.user, placement_id, form.months.data, today(),
               stably_employed=not form.still_unemployed.data),
           lambda p: f"已延长至 {p.extended_until.isoformat()}：{p.candidate.name}")
    return redirect(_back())


@bp.get("/subsidies")
@role_required("bureau")
def subsidy_ledger():
    program_id = request.args.get("program", type=row_id)
    employer_id = request.args.get("employer", type=row_id)
    entries, totals = subsidies.subsidy_ledger(session(), today(), program_id, employer_id)
    employer = employers.find_employer(session(), employer_id)
    loan = subsidies.loan_interest(session(), employer, today().year) if employer else None
    pending = dict.fromkeys(p.note for e in entries for p in e.amount.parameters if not p.confirmed)
    return render_template("bureau/subsidies.html", entries=entries, totals=totals, pending=pending,
                           programs=programs.programs_by_id(session()), program_id=program_id,
                           employer=employer, states=subsidy_claims.states(session(), entries),
                           STATE_LABELS=STATE_LABELS, loan=loan, **_template_globals())


def _back() -> str:
    target = request.form.get("back", "")
    return target if target.startswith("/bureau/") else url_for("bureau.expiring")
