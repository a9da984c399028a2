"""The bureau's import page and the operator's `import` command."""

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from models import AuditEntry, Post
from tests.factories import make_employer, make_post, make_program, make_user
from tests.import_files import blank_rows_xlsx
from tests.web.helpers import csrf_token, login

HEADERS = "编号,岗位名称,单位,行业,岗位类型,乡镇,招聘人数,最低学历"


@pytest.fixture
def employer(session, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 1)
    make_program(session, kind="public_welfare")
    return make_employer(session, name="福州长乐锦程纺织有限公司")


def posts_csv(*rows: str) -> bytes:
    return "\n".join([HEADERS, *rows]).encode("utf-8-sig")


MIXED = posts_csv(
    "W1,挡车工,福州长乐锦程纺织有限公司,纺织,招聘岗位,金峰镇,3,初中",
    "W2,仓管员,不存在的公司,物流,招聘岗位,吴航街道,1,高中",
    "W3,消杀员,福州长乐锦程纺织有限公司,纺织,公益性岗位,金峰镇,两个,不限",
)
CLEAN = posts_csv(
    "W1,挡车工,福州长乐锦程纺织有限公司,纺织,招聘岗位,金峰镇,3,初中",
    "W3,消杀员,福州长乐锦程纺织有限公司,纺织,公益性岗位,金峰镇,2,不限",
)


def upload(client, data: bytes, name: str, dry_run: bool, kind: str = ""):
    form = {"csrf_token": csrf_token(client, "/bureau/import"), "kind": kind,
            "file": (io.BytesIO(data), name)}
    if dry_run:
        form["dry_run"] = "y"
    return client.post("/bureau/import", data=form, content_type="multipart/form-data")


def posts_count(session) -> int:
    return session.scalar(select(func.count(Post.id)))


@pytest.mark.parametrize("role", ["seeker", "employer"])
def test_a_seeker_or_employer_cannot_open_the_import_page(client, session, role):
    user = make_user(session, role=role, employer=make_employer(session) if role == "employer" else None)
    login(client, user.phone)
    assert client.get("/bureau/import").status_code == 403
    token = csrf_token(client, "/login")
    response = client.post("/bureau/import", content_type="multipart/form-data",
                           data={"csrf_token": token, "file": (io.BytesIO(CLEAN), "p.csv")})
    assert response.status_code == 403
    assert posts_count(session) == 0


def test_the_bureau_home_links_to_the_import_page(client, session):
    login(client, make_user(session, role="bureau").phone)
    assert 'href="/bureau/import"' in client.get("/bureau/").get_data(as_text=True)


def test_the_dry_run_upload_shows_each_rejected_row_and_writes_nothing(client, session, employer):
    login(client, make_user(session, role="bureau").phone)
    response = upload(client, MIXED, "岗位.csv", dry_run=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "共 3 行岗位，1 行可导入，2 行有误（试导入，未写入任何数据）" in page
    assert "<td>3</td><td>W2</td><td>单位「不存在的公司」未在本系统注册</td>" in page
    assert "<td>4</td><td>W3</td><td>「招聘人数」应为整数，而不是 &#39;两个&#39;</td>" in page
    assert posts_count(session) == 0


def test_a_real_upload_with_a_bad_row_imports_nothing(client, session, employer):
    login(client, make_user(session, role="bureau").phone)
    page = upload(client, MIXED, "岗位.csv", dry_run=False).get_data(as_text=True)
    assert "有 2 行数据有误，整个文件未导入" in page
    assert "<td>W2</td>" in page
    assert posts_count(session) == 0


def test_the_bureau_imports_a_clean_file_and_the_import_is_audited(client, session, employer):
    bureau = make_user(session, role="bureau")
    login(client, bureau.phone)
    page = upload(client, CLEAN, "岗位.csv", dry_run=False, kind="posts").get_data(as_text=True)
    assert "岗位.csv：已导入岗位 2 条" in page
    assert set(session.scalars(select(Post.ref))) == {"W1", "W3"}
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
    assert (entry.actor_id, entry.detail["imported"]) == (bureau.id, 2)


def test_wrong_content_behind_an_xlsx_name_is_refused_on_the_page(client, session, employer):
    login(client, make_user(session, role="bureau").phone)
    response = upload(client, CLEAN, "岗位.xlsx", dry_run=False)
    assert response.status_code == 200
    assert "文件内容不是 Excel 工作簿（.xlsx）" in response.get_data(as_text=True)
    assert posts_count(session) == 0


def test_the_import_command_dry_run_prints_rejected_rows_and_exits_1(app, session, employer, tmp_path):
    path = tmp_path / "岗位.csv"
    path.write_bytes(MIXED)
    result = app.test_cli_runner().invoke(args=["import", str(path), "--dry-run"])
    assert result.exit_code == 1, result.output
    assert "岗位.csv：共 3 行岗位，1 行可导入，2 行有误（试导入，未写入任何数据）" in result.output
    assert "第 3 行（编号 W2）：单位「不存在的公司」未在本系统注册" in result.output
    assert "第 4 行（编号 W3）：「招聘人数」应为整数，而不是 '两个'" in result.output
    assert posts_count(session) == 0


def test_the_import_command_imports_a_clean_file_and_exits_0(app, session, employer, tmp_path):
    make_post(session, employer, ref="OLD")
    path = tmp_path / "posts.csv"
    path.write_bytes(CLEAN)
    result = app.test_cli_runner().invoke(args=["import", str(path), "--kind", "posts"])
    assert result.exit_code == 0, result.output
    assert "posts.csv：已导入岗位 2 条" in result.output
    assert "%|" not in result.output  # no progress bar: the runner's output is not a terminal
    assert set(session.scalars(select(Post.ref))) == {"OLD", "W1", "W3"}
    again = app.test_cli_runner().invoke(args=["import", str(path)])
    assert again.exit_code == 1 and "编号 W1 已存在" in again.output


def test_the_import_command_refuses_an_unreadable_file(app, session, tmp_path):
    path = tmp_path / "posts.xlsx"
    path.write_text("编号,岗位名称\n")
    result = app.test_cli_runner().invoke(args=["import", str(path)])
    assert result.exit_code == 1
    assert "文件内容不是 Excel 工作簿" in result.output


BLANK_ROWS = blank_rows_xlsx(HEADERS.split(","), 400_000)
ROW_CAP = "数据行过多：一次最多导入 20000 行（空行也计算在内）"


def test_an_upload_of_400_thousand_blank_rows_gets_a_chinese_refusal_not_a_500(app, client, session,
                                                                               employer):
    # The row cap is under test, not the time budget (a busy machine may take 10 s to read).
    app.config["IMPORT_READ_SECONDS"] = 600
    login(client, make_user(session, role="bureau").phone)
    response = upload(client, BLANK_ROWS, "岗位.xlsx", dry_run=True)
    assert response.status_code == 200
    assert ROW_CAP in response.get_data(as_text=True)
    # The same worker answers the next request.
    assert upload(client, CLEAN, "岗位.csv", dry_run=True).status_code == 200


def test_an_upload_stops_reading_at_the_configured_time_budget(app, client, session, employer):
    app.config["IMPORT_READ_SECONDS"] = 0
    login(client, make_user(session, role="bureau").phone)
    page = upload(client, CLEAN, "岗位.csv", dry_run=True).get_data(as_text=True)
    assert "文件读取超时（超过 0 秒），已停止" in page
    assert posts_count(session) == 0


def test_the_import_command_reads_400_thousand_blank_rows_under_its_registry_cap_and_refuses_them(
        app, session, employer, tmp_path):
    # The command's cap fits a district's register (1,000,000 rows), not the page's 20,000.
    path = tmp_path / "blank.xlsx"
    path.write_bytes(BLANK_ROWS)
    result = app.test_cli_runner().invoke(args=["import", str(path), "--dry-run"])
    assert result.exit_code == 1
    assert "文件中没有数据行" in result.output and ROW_CAP not in result.output


def test_a_big5_csv_upload_is_refused_with_a_clear_message(client, session, employer):
    login(client, make_user(session, role="bureau").phone)
    big5 = "編號,崗位名稱,單位,行業\r\nT1,紡織擋車工,福州長樂錦程紡織有限公司,紡織\r\n".encode("cp950")
    page = upload(client, big5, "岗位.csv", dry_run=False).get_data(as_text=True)
    assert "文件编码无法识别，请另存为 UTF-8 编码的 CSV" in page
    assert posts_count(session) == 0


def test_the_bureau_downloads_a_template_per_kind(client, session):
    login(client, make_user(session, role="bureau").phone)
    response = client.get("/bureau/import/template-candidates.xlsx")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    assert "attachment" in response.headers["Content-Disposition"]
    assert client.get("/bureau/import/template-employers.xlsx").status_code == 404
    assert "template-posts.xlsx" in client.get("/bureau/import").get_data(as_text=True)
