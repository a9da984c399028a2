"""Downloads of the subsidy ledger (services.subsidy_export): masked for everyday use, and with
full 身份证号 for a claim to finance only after the purpose is stated (audited)."""

from io import BytesIO

from flask import g, render_template, request, send_file

from services import employers, programs, subsidy_export
from web.bureau import bp
from web.bureau.forms import ExportPurposeForm
from web.clock import today
from web.database import session
from web.formwork import attempt
from web.inputs import row_id
from web.security import role_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _selection() -> dict[str, int]:
    """The ledger's programme and employer, as the ledger page's query string gives them."""
    chosen = {name: request.args.get(name, type=row_id) for name in ("program", "employer")}
    return {name: value for name, value in chosen.items() if value}


def _send(data: bytes, name: str):
    return send_file(BytesIO(data), mimetype=XLSX, as_attachment=True,
                     download_name=f"{name}-{today().isoformat()}.xlsx")


@bp.get("/subsidies.xlsx")
@role_required("bureau")
def subsidy_workbook():
    chosen = _selection()
    return _send(subsidy_export.ledger_workbook(session(), today(), chosen.get("program"),
                                                chosen.get("employer")), "subsidy-ledger")


@bp.route("/subsidies/finance.xlsx", methods=["GET", "POST"])
@role_required("bureau")
def finance_workbook():
    """GET asks the purpose; POST records it and answers the workbook with full 身份证号."""
    form = ExportPurposeForm()
    chosen, actor, made = _selection(), g.user, []
    if form.validate_on_submit() and attempt(form, lambda s: made.append(
            subsidy_export.finance_workbook(s, actor, form.purpose.data, today(),
                                            chosen.get("program"), chosen.get("employer")))):
        return _send(made[0], "subsidy-claims")
    program = next((p for p in programs.programs_by_id(session()) if p.id == chosen.get("program")),
                   None)
    employer = employers.find_employer(session(), chosen.get("employer"))
    return render_template("bureau/finance_export.html", form=form, chosen=chosen,
                           program=program, employer=employer)
