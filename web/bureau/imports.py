"""The bureau's upload page for bulk imports: check a file (dry run), then import it whole.

Oversized uploads never reach the view: MAX_CONTENT_LENGTH answers 413 first. Reading the file
stops at IMPORT_READ_SECONDS, well inside gunicorn's worker timeout, so a file no cap foresaw
gets a Chinese refusal instead of a killed worker and a 500.
"""

from io import BytesIO

from flask import abort, current_app, flash, g, render_template, send_file
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField

from policy.errors import DomainError
from services import imports
from services.imports.columns import KINDS
from services.imports.template import template_bytes
from web.bureau import bp
from web.choices import pairs
from web.clock import today
from web.database import transaction
from web.security import role_required

REPORT_ROWS_SHOWN = 500
"""A page lists at most this many rejected rows; the operator command prints them all."""


class ImportForm(FlaskForm):
    file = FileField("文件（.xlsx、.csv 或 .jsonl）", validators=[FileRequired("请选择要导入的文件")])
    kind = SelectField("导入内容", choices=pairs([("", "按表头自动识别"), ("posts", "岗位"),
                                                 ("candidates", "求职者")]))
    dry_run = BooleanField("只检查，不导入", default=True)


@bp.route("/import", methods=["GET", "POST"])
@role_required("bureau")
def import_page():
    form = ImportForm()
    report = None
    if form.validate_on_submit():
        upload = form.file.data
        try:
            with transaction() as s:
                report = imports.import_file(
                    s, g.user, upload.read(), upload.filename or "", kind=form.kind.data or None,
                    dry_run=form.dry_run.data, today=today(),
                    read_seconds=current_app.config["IMPORT_READ_SECONDS"],
                )
        except imports.ImportRejected as error:
            report = error.report
            flash(error.message, "error")
        except DomainError as error:
            form.file.errors.append(error.message)
        else:
            flash(report.summary(), "error" if report.rejected else "success")
    return render_template("bureau/import.html", form=form, report=report,
                           shown=REPORT_ROWS_SHOWN)


@bp.get("/import/template-<kind>.xlsx")
@role_required("bureau")
def import_template(kind: str):
    """An empty .xlsx to fill for one kind: headers, an example row, drop-down lists."""
    if kind not in KINDS:
        abort(404)
    return send_file(BytesIO(template_bytes(kind)), as_attachment=True,
                     mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     download_name=f"jobbridge-{kind}-template.xlsx")
