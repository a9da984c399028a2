"""The bureau's programme administration: quota targets, verification of declared groups and
unemployment registrations （九）, the audit log."""

from datetime import date

from flask import flash, g, redirect, render_template, request, url_for

from policy.codes import GROUP_LABELS
from policy.errors import Invalid
from policy.placements import TARGET_RULE_LABELS
from services import accounts, audit, programs, unemployment, verification
from web import limits
from web.bureau import bp
from web.bureau.forms import ProgramForm, TargetForm, UnlockLoginForm
from web.clock import today
from web.database import session
from web.formwork import attempt, submit
from web.security import role_required

ACTION_LABELS = {
    "register": "注册", "login": "登录", "verify": "审核通过", "create": "新建", "place": "安置",
    "end": "结束安置", "extend": "延期", "set_target": "调整目标", "import": "导入",
    "seed_demo": "演示数据", "create_bureau_user": "创建人社局账号",
    "verify_group": "核验人员类别", "reject_group": "驳回人员类别",
    "confirmed": "确认失业登记", "rejected": "驳回失业登记", "end_registration": "结束失业登记",
    "view_contact": "查看应聘人联系方式", "reveal_id_number": "查看完整身份证号",
    "reveal_phone": "查看完整手机号", "followup": "记录跟踪联系",
    "return_employer": "退回单位补充材料", "reject_employer": "驳回单位审核", "resubmit": "单位重新提交审核",
    "export_subsidy_ids": "导出含完整身份证号的补贴申领名单",
    "export_personal_data": "下载个人数据", "erase_personal_data": "注销并删除个人信息",
    "grant_consent": "同意处理敏感信息", "withdraw_consent": "撤回敏感信息同意",
    "unlock_login": "解除登录锁定", "set_parameter": "修改政策参数",
    "attach_group_evidence": "上传人员类别证明",
    "claim_subsidy": "申领补贴", "approve_subsidy": "批准补贴申领", "reject_subsidy": "驳回补贴申领",
    "pay_subsidy": "记录补贴发放",
    "create_township_user": "创建协理员账号", "request_delegation_code": "发送代办授权验证码",
    "grant_delegation": "本人授权代办", "withdraw_delegation": "本人撤回代办授权",
    "register_unemployed": "失业登记（本人或代办）",
}


@bp.get("/programs")
@role_required("bureau")
def program_admin():
    return _program_page(ProgramForm(prefix="new", data={"target_rule": "floor"}))


@bp.post("/programs")
@role_required("bureau")
def create_program():
    """A new quota program: a bureau that deployed without the demo starts here (or with
    `flask load-programs`)."""
    form = ProgramForm(prefix="new")
    if form.validate_on_submit() and attempt(form, lambda s: programs.create_program(
            s, g.user.id, _draft(form, form.kind.data))):
        flash(f"已新建岗位计划“{form.name.data.strip()}”", "success")
        return redirect(url_for("bureau.program_admin"))
    return _program_page(form), 422


@bp.post("/programs/<int:program_id>")
@role_required("bureau")
def edit_program(program_id: int):
    form = ProgramForm(prefix=f"edit-{program_id}")
    del form.kind  # a program's kind never changes: the service reads the stored one
    kind = programs.get_program(session(), program_id).kind
    submit(form, lambda s: programs.update_program(s, g.user.id, program_id, _draft(form, kind)),
           lambda p: f"“{p.name}”已保存")
    return redirect(url_for("bureau.program_admin"))


@bp.post("/programs/<int:program_id>/target")
@role_required("bureau")
def set_target(program_id: int):
    form = TargetForm(prefix=f"target-{program_id}")
    submit(form, lambda s: programs.set_target(s, g.user.id, program_id, form.target.data),
           lambda p: f"“{p.name}”目标已调整为 {p.target}")
    return redirect(url_for("bureau.program_admin"))


def _program_page(new_form: ProgramForm):
    rows = programs.program_progress(session())
    stored = {p.id: p for p in programs.programs_by_id(session())}  # their parameters
    forms = {}
    for p in rows:
        params = stored[p.id].params or {}
        subsidy = params.get("monthly_subsidy_fen")
        form = ProgramForm(prefix=f"edit-{p.id}", formdata=None, data={
            "name": p.name, "target": p.target, "target_rule": p.target_rule,
            "start_date": p.start_date, "end_date": p.end_date,
            "term_months": params.get("term_months"),
            "monthly_subsidy_yuan": None if subsidy is None else subsidy // 100})
        del form.kind
        forms[p.id] = form
    target_forms = {p.id: TargetForm(prefix=f"target-{p.id}", formdata=None, target=p.target)
                    for p in rows}
    return render_template("bureau/programs.html", programs=rows, forms=forms, new_form=new_form,
                           target_forms=target_forms, rule_labels=TARGET_RULE_LABELS)


def _draft(form: ProgramForm, kind: str) -> programs.ProgramDraft:
    yuan = form.monthly_subsidy_yuan.data
    return programs.ProgramDraft(
        kind=kind, name=form.name.data, target=form.target.data,
        target_rule=form.target_rule.data, start_date=form.start_date.data,
        end_date=form.end_date.data, term_months=form.term_months.data,
        monthly_subsidy_fen=None if yuan is None else yuan * 100)


@bp.get("/audit")
@role_required("bureau")
def audit_log():
    args = request.args
    rows = audit.entries(
        session(), action=args.get("action") or None, entity=args.get("entity") or None,
        since=args.get("since", type=_date), until=args.get("until", type=_date),
    )
    return render_template("bureau/audit.html", entries=rows, actors=audit.actors(session(), rows),
                           actions=ACTION_LABELS, entities=audit.entity_names(session()), args=args)


def _date(raw: str) -> date:
    """A YYYY-MM-DD filter; anything else raises ValueError, which Flask reads as absent."""
    return date.fromisoformat(raw)


@bp.route("/unlock", methods=["GET", "POST"])
@role_required("bureau")
def unlock_login():
    """A person locked out after too many wrong passwords calls the bureau, which checks who
    they are and lets them try again: the counters restart inside the transaction that audits
    it, so a Redis outage (503) leaves no audit entry of an unlock that did not happen."""
    form = UnlockLoginForm()

    def unlock(s):
        unlocked = accounts.unlock_login(s, g.user, form.phone.data)
        limits.unlock(form.phone.data)
        return unlocked

    if form.validate_on_submit() and attempt(form, unlock):
        flash("已解除该账号的登录锁定，请告知本人重新登录", "success")
        return redirect(url_for("bureau.unlock_login"))
    return render_template("bureau/unlock.html", form=form)


@bp.get("/claims")
@role_required("bureau")
def claims():
    group = request.args.get("group") if request.args.get("group") in GROUP_LABELS else None
    return render_template("bureau/claims.html", claims=verification.pending_claims(session(), group),
                           total=verification.pending_count(session(), group), group=group)


@bp.post("/claims/<int:candidate_id>/<group>")
@role_required("bureau")
def decide_claim(candidate_id: int, group: str):
    approve = request.form.get("decision") == "verify"
    verdict = "已核验" if approve else "未通过核验"
    reason = request.form.get("reason", "")
    submit(None, lambda s: verification.decide_claim(s, g.user.id, candidate_id, group, approve, reason),
           lambda c: f"{c.candidate.name}：{GROUP_LABELS.get(c.group, c.group)}{verdict}")
    return redirect(url_for("bureau.claims"))


@bp.get("/unemployment")
@role_required("bureau")
def unemployment_queue():
    return render_template("bureau/unemployment.html",
                           registrations=unemployment.pending(session()))


@bp.post("/unemployment/<int:registration_id>")
@role_required("bureau")
def decide_unemployment(registration_id: int):
    confirm = request.form.get("decision") == "confirm"
    verdict = "已确认" if confirm else "未通过"
    submit(None, lambda s: unemployment.decide(s, g.user, registration_id, confirm, today(),
                                               _registered_on(request.form.get("registered_on"))),
           lambda r: f"{r.candidate.name}：失业登记{verdict}")
    return redirect(url_for("bureau.unemployment_queue"))


def _registered_on(text: str | None) -> date | None:
    """The registration date the bureau accepts (blank: the date the seeker gave)."""
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid("登记日期格式不正确", code="invalid_date",
                      fields={"registered_on": "日期不正确"}) from None
