"""Operator commands: `flask --app wsgi db upgrade`, `seed-demo`, `create-user`,
`load-programs`, `import`, `export-report`, `backup`, `check` and `refit-index`."""

# bandit B404: only to catch CalledProcessError from services.backup
import subprocess  # nosec B404
import time
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from tqdm import tqdm

from models import migrate
from policy.errors import DomainError
from services import accounts, backup, imports, integrity, programs, reports
from web.clock import today
from web.database import get_db


def register_commands(app: Flask) -> None:
    app.cli.add_command(db_group)
    app.cli.add_command(seed_demo)
    app.cli.add_command(create_user)
    app.cli.add_command(load_programs)
    app.cli.add_command(export_report)
    app.cli.add_command(backup_command)
    app.cli.add_command(check_command)
    app.cli.add_command(import_file)
    app.cli.add_command(refit_index)


db_group = AppGroup("db", help="数据库结构迁移（Alembic）")


@db_group.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Migrate the database to REVISION (default: the newest)."""
    migrate.upgrade(current_app.config["SQLALCHEMY_DATABASE_URL"], revision)
    click.echo(f"数据库已迁移到 {revision}")


@db_group.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    migrate.downgrade(current_app.config["SQLALCHEMY_DATABASE_URL"], revision)
    click.echo(f"数据库已回退到 {revision}")


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="数据库已有数据时什么也不做（make run 使用）")
def seed_demo(if_empty: bool) -> None:
    """Fill an empty database with the deterministic Changle demo (2020 programs)."""
    from demo import seed

    started = time.perf_counter()
    with get_db().sessions() as session, session.begin():
        if not seed.database_is_empty(session):
            if if_empty:
                click.echo("数据库已有数据，跳过演示数据。")
                logins = seed.demo_logins(session)
                if logins:
                    click.echo(seed.describe_logins(logins))
                return
            raise click.ClickException("数据库不是空的：演示数据只能写入空数据库")
        summary = seed.seed_demo(session)
    click.echo(summary.describe())
    click.echo(f"用时 {time.perf_counter() - started:.1f} 秒")


@click.command("create-user")
@with_appcontext
@click.option("--role", type=click.Choice(["bureau", "township"]), required=True)
@click.option("--phone", required=True)
@click.option("--password", required=True)
@click.option("--name", default="区人社局工作人员")
@click.option("--township", default="", help="协理员所在乡镇（街道），--role township 时必填")
def create_user(role: str, phone: str, password: str, name: str, township: str) -> None:
    """Create a bureau account, or a township staff account (协理员) for one township."""
    try:
        with get_db().sessions() as session, session.begin():
            if role == "township":
                user = accounts.create_township_user(session, None, phone, password, name, township)
            else:
                user = accounts.create_bureau_user(session, phone, password, name)
    except DomainError as error:
        raise click.ClickException(error.message) from error
    label = f"{user.township}协理员" if role == "township" else "人社局"
    click.echo(f"已创建{label}账号：{user.phone}（{role}）")


@click.command("load-programs")
@with_appcontext
@click.argument("year", type=int)
def load_programs(year: int) -> None:
    """Create YEAR's quota programs of the seed (policy/data/programs_YEAR.json); a program
    that exists already (same key) is left as it is, so running it again changes nothing."""
    try:
        with get_db().sessions() as session, session.begin():
            created = programs.load_programs(session, None, year)
    except DomainError as error:
        raise click.ClickException(error.message) from error
    for program in created:
        click.echo(f"已创建岗位计划：{program.name}（{program.key}）")
    click.echo(f"{year} 年岗位计划：新建 {len(created)} 个" + ("" if created else "（均已存在）"))


@click.command("export-report")
@with_appcontext
@click.argument("out", type=click.Path(dir_okay=False, writable=True, path_type=Path))
def export_report(out: Path) -> None:
    """Write the bureau's Excel report (dashboard figures) to OUT.xlsx."""
    if out.suffix.lower() != ".xlsx":
        raise click.ClickException("报表文件名应以 .xlsx 结尾")
    with get_db().sessions() as session:
        data = reports.report_bytes(session, today())
    tmp = out.with_suffix(".xlsx.part")
    tmp.write_bytes(data)
    tmp.replace(out)
    click.echo(f"报表已导出：{out}")


def _terminal_progress(items, stage: str):
    """A tqdm bar per import stage on a terminal; none in a log or CI output (disable=None)."""
    return tqdm(items, desc=stage, unit="行", disable=None)


@click.command("import")
@with_appcontext
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--kind", type=click.Choice(["posts", "candidates"]),
              help="岗位（posts）或求职者（candidates）；不填则按表头识别")
@click.option("--dry-run", is_flag=True, help="只检查并列出有误的行，不写入数据库")
def import_file(file: Path, kind: str | None, dry_run: bool) -> None:
    """Import posts or candidates from FILE (.xlsx, .csv, .jsonl), all rows or none.

    Exits 1 when any row is rejected, so scripts can tell a clean file from a bad one.
    """
    limits = imports.Limits.registry()  # a whole register in one file; the web page's stay small
    if file.stat().st_size > limits.file_bytes:
        raise click.ClickException(limits.too_large().message)
    try:
        with get_db().sessions() as session, session.begin():
            report = imports.import_file(session, None, file.read_bytes(), file.name, kind=kind,
                                         dry_run=dry_run, today=today(),
                                         progress=_terminal_progress, limits=limits)
    except imports.ImportRejected as error:
        report = error.report
    except DomainError as error:
        raise click.ClickException(error.message) from error
    for line in report.lines():
        click.echo(line)
    if report.rejected:
        raise click.exceptions.Exit(1)


@click.command("backup")
@click.argument("out", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def backup_command(out: Path) -> None:
    """Write a consistent copy of the whole database to OUT (SQLite backup API or pg_dump -Fc)."""
    try:
        backup.backup(current_app.config["SQLALCHEMY_DATABASE_URL"], out)
    except (OSError, subprocess.CalledProcessError) as error:
        raise click.ClickException(f"备份失败：{error}") from error
    click.echo(f"数据库已备份到 {out}（{out.stat().st_size} 字节）")


@click.command("check")
@with_appcontext
def check_command() -> None:
    """Re-check the placement invariants (after a restore, an import or a repair)."""
    with get_db().sessions() as session:
        found = integrity.breaches(session)
    for line in found:
        click.echo(f"✘ {line}")
    if found:
        raise click.exceptions.Exit(1)
    click.echo("✔ 名额、目标和公益性岗位在岗人数均符合规则")


@click.command("refit-index")
@with_appcontext
def refit_index() -> None:
    """Fit the matcher index afresh and save it as the base the server's workers start from
    (run every few minutes by deploy/jobbridge-refit.timer); prunes the change log behind it."""
    from web.matching import refit

    started = time.monotonic()
    directory = refit(current_app)
    click.echo(f"索引已重建并保存到 {directory}（{time.monotonic() - started:.1f} 秒）")
