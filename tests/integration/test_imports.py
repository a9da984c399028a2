"""Bulk imports: whole files or nothing, each rejected row reported with its reason, content
checked rather than names, posts joined to employers and programs, candidates to verified groups."""

import io
import json
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select, text

import services.imports as import_service
from evaluation import DEV_SET as DEV
from models import AuditEntry, Candidate, ConsentEvent, GroupClaim, MatcherChange, Post
from policy.errors import Conflict, Forbidden, Invalid
from policy.identifiers import make_id_number
from services.imports import ImportRejected, Limits, import_file
from services.imports import limits as import_limits
from services.imports import readers as import_readers
from services.imports import rows as import_rows
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.import_files import blank_rows_xlsx

TODAY = date(2020, 9, 1)
POST_HEADERS = ["编号", "岗位名称", "单位", "行业", "岗位类型", "乡镇", "招聘人数", "最低学历",
                "专业", "最低月薪", "最高月薪", "岗位职责"]


def xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(rows, encoding="utf-8-sig") -> bytes:
    return "\r\n".join(",".join(str(c) for c in row) for row in rows).encode(encoding)


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def run(session, data, name, **kwargs):
    return import_file(session, None, data, name, today=TODAY, **kwargs)


@pytest.fixture
def world(session):
    """Two verified employers and an unverified one, and the 2020 quota programs."""
    make_program(session, kind="public_welfare")
    make_program(session, kind="trainee", name="2020年就业见习")
    return {
        "textile": make_employer(session, name="福州长乐锦程纺织有限公司"),
        "clinic": make_employer(session, name="长乐区江田镇卫生院", ownership="public_institution"),
        "pending": make_employer(session, name="长乐区未审核商贸有限公司", verified=False),
    }


def mixed_posts_file(session, world) -> bytes:
    make_post(session, world["textile"], ref="OLD01")
    return xlsx([
        POST_HEADERS,
        ["X01", "织造挡车工", "福州长乐锦程纺织有限公司", "纺织", "招聘岗位", "金峰镇", 5, "初中",
         "", 4500, 6000, "负责喷气织机看台"],
        ["X02", "仓库管理员", "不存在的公司", "物流", "招聘岗位", "吴航街道", 1, "高中", "", 3500, 4500, ""],
        ["X03", "护理见习生", "长乐区江田镇卫生院", "医疗卫生", "见习岗位", "江田镇", 2, "大专及以上",
         "护理、护理学", 1800, 2400, "参与门诊护理"],
        ["X04", "质检员", "福州长乐锦程纺织有限公司", "纺织", "招聘岗位", "金峰镇", 2, "研究僧",
         "", 4000, 5000, ""],
        ["X01", "机修工", "福州长乐锦程纺织有限公司", "纺织", "招聘岗位", "金峰镇", 1, "中专",
         "", 5000, 7000, ""],
        ["OLD01", "跟单员", "福州长乐锦程纺织有限公司", "纺织", "招聘岗位", "金峰镇", 1, "高中",
         "", 4000, 5000, ""],
        [],
        ["X07", "保洁员", "长乐区未审核商贸有限公司", "保洁", "公益性岗位", "首占镇", 0, "",
         "", "", "", ""],
    ])


def test_a_file_of_mixed_good_and_bad_rows_imports_nothing(session, world):
    data = mixed_posts_file(session, world)
    posts_before = count(session, Post)
    with pytest.raises(ImportRejected) as caught:
        run(session, data, "岗位.xlsx")
    assert caught.value.code == "import_rejected"
    assert isinstance(caught.value, Invalid)
    assert [r.number for r in caught.value.report.rejected] == [3, 5, 6, 7, 9]
    assert count(session, Post) == posts_before
    assert count(session, AuditEntry) == 0


def test_the_caller_sees_each_stage_through_the_progress_it_passes(session, world):
    seen = []

    def progress(items, stage):
        items = list(items)
        seen.append((stage, len(items)))
        return items

    data = xlsx([POST_HEADERS,
                 ["X01", "织造挡车工", "福州长乐锦程纺织有限公司", "纺织", "招聘岗位", "金峰镇", 5,
                  "初中", "", 4500, 6000, "负责喷气织机看台"],
                 ["X03", "护理见习生", "长乐区江田镇卫生院", "医疗卫生", "见习岗位", "江田镇", 2,
                  "大专及以上", "护理、护理学", 1800, 2400, "参与门诊护理"]])
    report = run(session, data, "岗位.xlsx", progress=progress)
    assert report.imported == 2
    assert seen == [("检查", 2), ("导入", 2)]


def test_the_dry_run_lists_each_bad_row_with_its_reason_and_writes_nothing(session, world):
    data = mixed_posts_file(session, world)
    posts_before = count(session, Post)
    report = run(session, data, "岗位.xlsx", dry_run=True)
    assert (report.kind, report.format, report.rows, report.accepted) == ("posts", "xlsx", 7, 2)
    reasons = {r.number: "；".join(r.reasons) for r in report.rejected}
    assert "单位「不存在的公司」未在本系统注册" in reasons[3]
    assert "「最低学历」无法识别：'研究僧'" in reasons[5]
    assert "编号 X01 与第 2 行重复" in reasons[6]
    assert "编号 OLD01 已存在" in reasons[7]
    assert "尚未通过人社局审核" in reasons[9] and "招聘人数" in reasons[9]
    assert {r.ref for r in report.rejected} == {"X02", "X04", "X01", "OLD01", "X07"}
    assert count(session, Post) == posts_before
    assert "整个文件" not in report.summary() and "未写入" in report.summary()


def test_a_clean_xlsx_of_posts_with_chinese_headers_imports_fully(session, world):
    data = xlsx([
        POST_HEADERS + ["多余的列"],
        ["A01", "织造挡车工", "福州长乐锦程纺织有限公司", "纺织", "招聘岗位", "金峰镇", 5, "初中",
         "", 4500, 6000, "负责喷气织机看台", "x"],
        ["A02", "护理见习生", "长乐区江田镇卫生院", "医疗卫生", "就业见习岗位", "江田镇", 2.0, "大专",
         "护理、护理学；助产", "1,800", "2400", "参与门诊护理", ""],
        ["A03", "防疫消杀员", "长乐区江田镇卫生院", "医疗卫生", "public_welfare", "江田镇", 3, "不限",
         "", None, None, "公共场所消毒"],
    ])
    report = run(session, data, "岗位.xlsx")
    assert report.imported == 3 and report.rejected == []
    assert report.ignored_columns == ("多余的列",)
    posts = {p.ref: p for p in session.scalars(select(Post).where(Post.ref.in_(["A01", "A02", "A03"])))}
    assert posts["A02"].majors == ["护理", "护理学", "助产"]
    assert (posts["A02"].kind, posts["A02"].education_min, posts["A02"].salary_min) == (
        "trainee", "associate", 1800)
    assert posts["A02"].program.kind == "trainee" and posts["A03"].program.kind == "public_welfare"
    assert posts["A01"].program_id is None and posts["A01"].status == "open"
    assert posts["A01"].open_date == TODAY
    changes = session.scalars(select(MatcherChange.entity_id).where(MatcherChange.entity == "post"))
    assert {p.id for p in posts.values()} <= set(changes)
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
    assert entry.actor_id is None and entry.entity == "post"
    assert entry.detail == {"file": "岗位.xlsx", "format": "xlsx", "kind": "posts", "rows": 3,
                            "imported": 3}


def test_a_quota_post_needs_a_program_whose_period_covers_its_open_date(session, world):
    data = xlsx([
        ["编号", "岗位名称", "单位", "行业", "岗位类型", "乡镇", "发布日期"],
        ["Q1", "防疫消杀员", "长乐区江田镇卫生院", "医疗卫生", "公益性岗位", "江田镇", date(2021, 3, 1)],
        ["Q2", "防疫消杀员", "长乐区江田镇卫生院", "医疗卫生", "公益性岗位", "江田镇", "2020/7/2"],
    ])
    report = run(session, data, "q.xlsx", dry_run=True)
    assert [(r.number, r.reasons) for r in report.rejected] == [
        (2, ("没有覆盖 2021-03-01 的临时性公益岗位计划",))]


def test_the_interchange_jsonl_imports_posts_of_the_dev_set(session, world):
    lines = (DEV / "posts.jsonl").read_text(encoding="utf-8").splitlines()[:8]
    records = [json.loads(line) for line in lines]
    for name in {r["employer"] for r in records} - {e.name for e in world.values()}:
        make_employer(session, name=name)
    report = run(session, "\n".join(lines).encode(), "dev-posts.jsonl", kind="posts")
    assert report.imported == len(records)
    imported = {p.ref: p for p in session.scalars(select(Post).where(
        Post.ref.in_([r["id"] for r in records])))}
    for record in records:
        post = imported[record["id"]]
        assert (post.title, post.employer.name, post.majors, post.slots) == (
            record["title"], record["employer"], record["majors"], record["slots"])


def dev_people(n: int) -> tuple[list[dict], bytes]:
    """The dev set's first `n` people with the 身份证号 and phone an import needs, and as JSONL."""
    people = [json.loads(line) for line in
              (DEV / "candidates.jsonl").read_text(encoding="utf-8").splitlines()[:n]]
    for i, person in enumerate(people):
        born = date.fromisoformat(person["birth_date"])
        person.update(id_number=make_id_number("350182", born, 100 + i), phone=f"1390591{i:04d}")
    return people, "\n".join(json.dumps(p, ensure_ascii=False) for p in people).encode()


def test_interchange_candidates_import_with_their_id_number_and_phone_added(session):
    people, data = dev_people(5)
    report = run(session, data, "dev-candidates.jsonl")
    assert (report.kind, report.imported) == ("candidates", 5)
    for person in people:
        stored = session.scalars(select(Candidate).where(Candidate.ref == person["id"])).one()
        assert (stored.name, stored.townships, stored.groups, stored.employed) == (
            person["name"], person["townships"], sorted(person["groups"]), person["employed"])


def planner_rows(session, table: str) -> float | None:
    """The row count the database's planner believes `table` has (None: never analyzed)."""
    if session.get_bind().dialect.name == "postgresql":
        rows = session.scalar(text("SELECT reltuples FROM pg_class WHERE relname = :t"), {"t": table})
        return None if rows is None or rows < 0 else rows
    stats = session.execute(text("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")).first()
    if stats is None:
        return None
    stat = session.scalar(text("SELECT stat FROM sqlite_stat1 WHERE tbl = :t LIMIT 1"), {"t": table})
    return float(stat.split()[0]) if stat else None


def test_an_import_leaves_the_planner_knowing_the_rows_it_brought(session):
    """Statistics go stale with a bulk insert; the import refreshes them for what it wrote, so
    a registry's first requests are not planned as if its tables were empty."""
    run(session, dev_people(40)[1], "registry.jsonl")
    in_table = count(session, Candidate)
    assert in_table >= 40
    assert planner_rows(session, "candidates") == in_table
    assert planner_rows(session, "group_claims") == count(session, GroupClaim)


def test_a_jsonl_line_that_is_not_an_object_rejects_that_line_only(session, world):
    good = {"id": "J1", "kind": "regular", "title": "出纳", "employer": "福州长乐锦程纺织有限公司",
            "industry": "纺织", "township": "金峰镇", "slots": "两"}
    text = json.dumps(good, ensure_ascii=False) + "\n\n[1, 2]\n"
    report = run(session, text.encode(), "p.jsonl", dry_run=True)
    assert [(r.number, r.reasons) for r in report.rejected] == [
        (1, ("「招聘人数」应为整数，而不是 '两'",)), (3, ("这一行不是有效的 JSON 对象",))]


@pytest.mark.parametrize("depth", [40, 100_000])
def test_a_deeply_nested_jsonl_line_is_a_row_error_not_a_crash(session, world, depth):
    good = json.dumps(JSONL_POST, ensure_ascii=False)
    deep = '{"id": "J2", "title": ' + "[" * depth + "]" * depth + "}"
    report = run(session, f"{good}\n{deep}\n".encode(), "p.jsonl", dry_run=True)
    assert [(r.number, r.reasons) for r in report.rejected] == [
        (2, ("这一行的 JSON 嵌套层数过多（最多 32 层）",))]


def test_names_and_titles_with_hidden_characters_are_rejected_rows(session, world):
    line = json.dumps({**JSONL_POST, "title": "挡车工\u202e"}, ensure_ascii=False)
    report = run(session, line.encode(), "p.jsonl", dry_run=True)
    assert report.rejected[0].reasons == (
        "「岗位名称」不能含有不可见的格式控制字符（文字方向控制符或零宽字符），请删除后重新输入",)
    rows = candidate_rows()
    rows[1][1] = "陈\u200b美玲"
    report = run(session, csv_bytes(rows), "people.csv", dry_run=True)
    assert [r.number for r in report.rejected] == [2]
    assert "「姓名」不能含有不可见的格式控制字符" in report.rejected[0].reasons[0]


def test_a_jsonl_string_holding_nul_rejects_that_line(session, world):
    lines = [json.dumps(JSONL_POST, ensure_ascii=False),
             json.dumps({**JSONL_POST, "id": "L2", "industry": "纺织\u0000"}, ensure_ascii=False)]
    report = run(session, "\n".join(lines).encode(), "p.jsonl", dry_run=True)
    assert [(r.number, r.reasons) for r in report.rejected] == [
        (2, ("这一行含有不可见的空字符（NUL），请删除后重试",))]


def candidate_rows():
    return [
        ["编号", "姓名", "身份证号", "手机号", "学历", "出生日期", "学校", "专业", "毕业时间",
         "人员类别", "意向乡镇", "是否就业", "失业登记日期"],
        ["R001", "陈美玲", make_id_number("350182", date(1985, 3, 8), 124), "13905911234", "初中",
         "1985年3月8日", "", "", "", "就业困难人员、low_income", "吴航街道，首占镇", "否", "2020-03-01"],
        ["R002", "郑宇航", make_id_number("350182", date(1999, 11, 2), 331), "+86 139 0591 5678",
         "本科", "", "闽江学院", "会计学", "2020/6/30", "应届高校毕业生", "", "否", ""],
    ]


def test_a_gb18030_csv_of_candidates_imports_with_groups_verified_by_the_bureau(session):
    bureau = make_user(session, role="bureau")
    data = csv_bytes(candidate_rows(), encoding="gb18030")
    report = import_file(session, bureau, data, "C:\\导出\\人员.csv", today=TODAY)
    assert (report.kind, report.imported, report.file_name) == ("candidates", 2, "人员.csv")
    people = {c.ref: c for c in session.scalars(select(Candidate).where(
        Candidate.ref.in_(["R001", "R002"])))}
    chen, zheng = people["R001"], people["R002"]
    assert (chen.birth_date, chen.gender, chen.townships) == (date(1985, 3, 8), "female",
                                                              ["吴航街道", "首占镇"])
    assert (zheng.phone, zheng.birth_date, zheng.graduation_date) == (
        "13905915678", date(1999, 11, 2), date(2020, 6, 30))
    claims = session.scalars(select(GroupClaim).where(GroupClaim.candidate_id == chen.id)).all()
    assert {(c.group, c.status, c.decided_by_id) for c in claims} == {
        ("hardship", "verified", bureau.id), ("low_income", "verified", bureau.id)}
    assert chen.user_id is None and chen.unemployed_since == date(2020, 3, 1)
    # The bureau's own registry data: its statutory duty is the basis, recorded as such.
    events = session.scalars(select(ConsentEvent).where(
        ConsentEvent.candidate_id.in_([chen.id, zheng.id]))).all()
    assert [(e.candidate_id, e.scope, e.action, e.source, e.text_version, e.by_id) for e in events] == [
        (chen.id, ["hardship", "low_income"], "granted", "bureau_import", None, bureau.id)]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
    assert entry.actor_id == bureau.id and entry.detail["kind"] == "candidates"


BIG5_POSTS = [
    ["編號", "崗位名稱", "單位", "行業", "崗位類型", "鄉鎮", "招聘人數", "最低學歷"],
    ["T1", "紡織擋車工", "福州長樂錦程紡織有限公司", "紡織", "招聘崗位", "金峰鎮", 3, "初中"],
    ["T2", "會計", "長樂區江田鎮衛生院", "醫療衛生", "招聘崗位", "江田鎮", 1, "大專"],
]
BIG5_PEOPLE = [["id", "name", "school"], ["R1", "陳美玲", "閩江學院"], ["R2", "鄭宇航", "福州大學"]]


@pytest.mark.parametrize("rows", [BIG5_POSTS, BIG5_PEOPLE])
def test_a_big5_csv_is_refused_rather_than_stored_as_mojibake(session, world, rows):
    data = csv_bytes(rows, encoding="cp950")  # what Excel saves on Traditional Chinese Windows
    assert data.decode("gb18030")  # GB18030 alone would read it, as nonsense
    before = count(session, Post), count(session, Candidate)
    with pytest.raises(Invalid, match="文件编码无法识别，请另存为 UTF-8 编码的 CSV") as caught:
        run(session, data, "岗位.csv")
    assert caught.value.code == "import_unreadable"
    assert (count(session, Post), count(session, Candidate)) == before
    # The same rows saved as UTF-8 read as they were written.
    sheet = import_readers.read_sheet(csv_bytes(rows), "岗位.csv")
    assert [row.values[rows[0][1]] for row in sheet.rows] == [rows[1][1], rows[2][1]]


def test_gbk_files_with_rare_name_characters_are_still_read_as_gbk(session):
    rows = candidate_rows()
    rows[1][1], rows[2][1] = "李喆", "王堃"  # GBK-only lead bytes: not Big5 at all
    report = run(session, csv_bytes(rows, encoding="gbk"), "people.csv", dry_run=True)
    assert report.rejected == [] and report.rows == 2
    # Valid Big5 by chance, with a rare character, but reads no better as Big5.
    short = [["id", "name", "education"], ["R1", "李玥", "初中"]]
    sheet = import_readers.read_sheet(csv_bytes(short, encoding="gbk"), "p.csv")
    assert sheet.rows[0].values == {"id": "R1", "name": "李玥", "education": "初中"}


def test_candidate_rows_with_bad_identity_phone_or_birth_date_are_rejected(session):
    existing = make_candidate(session)
    rows = candidate_rows()
    born = date(1990, 1, 1)
    valid = make_id_number("350182", born, 5)
    wrong_check = valid[:17] + ("1" if valid[17] != "1" else "2")
    rows += [
        ["R003", "王一", existing.id_number, "13905910003", "高中", "", "", "", "", "", "", "", ""],
        ["R004", "王二", wrong_check, "13905910004", "高中",
         "", "", "", "", "", "", "", ""],
        ["R005", "王三", rows[1][2], "13905910005", "高中", "", "", "", "", "", "", "", ""],
        ["R006", "王四", make_id_number("350182", born, 7), "2345", "高中", "1990-01-02",
         "", "", "", "", "", "", ""],
        ["R007", "", "", "", "硕士研究生", "", "", "", "", "低保", "火星", "也许", ""],
    ]
    report = run(session, csv_bytes(rows), "people.csv", dry_run=True)
    reasons = {r.number: "；".join(r.reasons) for r in report.rejected}
    assert sorted(reasons) == [4, 5, 6, 7, 8]
    assert "该身份证号已登记" in reasons[4]
    assert "校验码不正确" in reasons[5]
    assert "身份证号与第 2 行重复" in reasons[6]
    assert "手机号码格式不正确" in reasons[7] and "与身份证号中的 1990-01-01 不一致" in reasons[7]
    for expected in ("「学历」无法识别", "「人员类别」无法识别：'低保'", "「是否就业」应填 是 或 否",
                     "缺少「姓名」", "缺少「身份证号」", "缺少「手机号」"):
        assert expected in reasons[8]


def test_an_unknown_township_is_reported_with_its_chinese_column(session):
    rows = candidate_rows()[:2]
    rows[1][10] = "火星"
    report = run(session, csv_bytes(rows), "people.csv", dry_run=True)
    assert report.rejected[0].reasons == ("「意向乡镇」含未知镇街：火星",)


def test_wrong_content_behind_an_xlsx_name_is_refused(session, world):
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    for data, message in [
        (csv_bytes([POST_HEADERS]), "不是 Excel 工作簿"),
        (zipped.getvalue(), "缺少工作簿部件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "另存为 .xlsx"),
    ]:
        with pytest.raises(Invalid, match=message) as caught:
            run(session, data, "岗位.xlsx")
        assert caught.value.code == "import_unreadable"
    with pytest.raises(Invalid, match="请使用 .xlsx 扩展名"):
        run(session, xlsx([POST_HEADERS]), "岗位.csv")
    with pytest.raises(Invalid, match="只支持"):
        run(session, b"id,title\n", "岗位.txt")
    with pytest.raises(Invalid, match="不是 JSON Lines"):
        run(session, b"id,title\nA,B\n", "posts.jsonl")


def test_a_jsonl_file_is_read_line_by_line_as_utf8_with_or_without_bom(session, world):
    line = json.dumps(JSONL_POST, ensure_ascii=False).encode()
    assert run(session, b"\xef\xbb\xbf" + line + b"\n", "p.jsonl", dry_run=True).rows == 1
    with pytest.raises(Invalid, match="JSON Lines 文件应为 UTF-8 编码"):
        run(session, line + b"\n" + "岗位".encode("gb18030") + b"\n", "p.jsonl")


def test_a_csv_that_is_neither_utf8_nor_gb18030_is_refused(session):
    with pytest.raises(Invalid, match="文件编码无法识别，请另存为 UTF-8 编码的 CSV"):
        run(session, "编号,姓名\n".encode() + b"\xff\xfe,\xff\n", "people.csv")


def test_files_over_the_row_limit_are_refused_whole(session, world, monkeypatch):
    monkeypatch.setattr(import_limits, "MAX_ROWS", 2)
    rows = [POST_HEADERS] + [[f"L{i}", "挡车工", "福州长乐锦程纺织有限公司", "纺织", "招聘岗位",
                              "金峰镇", 1, "", "", "", "", ""] for i in range(3)]
    for data, name in [(xlsx(rows), "p.xlsx"), (csv_bytes(rows), "p.csv")]:
        with pytest.raises(Invalid, match="一次最多导入 2 行"):
            run(session, data, name)


def test_the_operator_command_s_limits_take_a_file_over_the_web_s_row_cap_in_batches(
        session, world, monkeypatch):
    monkeypatch.setattr(import_limits, "MAX_ROWS", 2)
    monkeypatch.setattr(import_service, "INSERT_BATCH", 2)
    lines = [json.dumps({**JSONL_POST, "id": f"R{i}"}, ensure_ascii=False) for i in range(5)]
    data = "\n".join(lines).encode()
    with pytest.raises(Invalid, match="一次最多导入 2 行"):
        run(session, data, "p.jsonl")
    seen: list[str] = []

    def progress(items, stage):
        for item in items:
            seen.append(stage)
            yield item

    report = run(session, data, "p.jsonl", limits=Limits.registry(), progress=progress)
    assert report.imported == 5
    assert seen.count("导入") == 5
    assert set(session.scalars(select(Post.ref).where(Post.ref.like("R%")))) == {f"R{i}" for i in range(5)}


POST_ROW = ["L1", "挡车工", "福州长乐锦程纺织有限公司", "纺织", "招聘岗位", "金峰镇", 1, "", "", "", "", ""]
JSONL_POST = {"id": "L1", "title": "挡车工", "employer": "福州长乐锦程纺织有限公司", "industry": "纺织",
              "kind": "regular", "township": "金峰镇"}


def test_a_small_workbook_of_400_thousand_blank_rows_is_refused_at_the_row_cap(session, world):
    # The probe's file: under 1 MB to upload, hundreds of thousands of empty rows inside.
    data = blank_rows_xlsx(POST_HEADERS, 400_000)
    assert len(data) < 1024 * 1024
    with pytest.raises(Invalid, match="一次最多导入 20000 行（空行也计算在内）") as caught:
        run(session, data, "blank.xlsx")
    assert caught.value.code == "import_unreadable"


def test_blank_rows_and_lines_count_against_the_row_cap_in_every_format(session, world,
                                                                          monkeypatch):
    monkeypatch.setattr(import_limits, "MAX_ROWS", 3)
    row, line = POST_ROW, json.dumps(JSONL_POST, ensure_ascii=False)
    files = [
        (xlsx([POST_HEADERS, row, [" "], [" "], [" "]]), "p.xlsx"),
        (blank_rows_xlsx(POST_HEADERS, 4), "p.xlsx"),
        (csv_bytes([POST_HEADERS, row, [" "], [" "], [" "]]), "p.csv"),
        ((line + "\n\n\n\n").encode(), "p.jsonl"),
    ]
    for data, name in files:
        with pytest.raises(Invalid, match="一次最多导入 3 行（空行也计算在内）"):
            run(session, data, name)
    # Up to the cap, blank rows are still skipped rather than reported.
    report = run(session, xlsx([POST_HEADERS, row, [" "], [" "]]), "p.xlsx", dry_run=True)
    assert (report.rows, report.rejected) == (1, [])
    assert run(session, (line + "\n\n\n").encode(), "p.jsonl", dry_run=True).rows == 1


def test_the_inflated_size_cap_follows_the_row_cap(session, world, monkeypatch):
    monkeypatch.setattr(import_limits, "MAX_ROWS", 100)
    monkeypatch.setattr(import_limits, "INFLATED_BYTES_OVERHEAD", 0)
    # 100 rows may inflate to 400 KB; 50,000 empty rows inflate to about 800 KB.
    with pytest.raises(Invalid, match="解压后过大（一次最多导入 100 行）"):
        run(session, blank_rows_xlsx(POST_HEADERS, 50_000), "p.xlsx")


@pytest.mark.parametrize("name", ["p.xlsx", "p.csv", "p.jsonl"])
def test_reading_stops_at_the_time_budget_with_a_chinese_message(session, world, name):
    data = {"p.xlsx": xlsx([POST_HEADERS, POST_ROW]), "p.csv": csv_bytes([POST_HEADERS, POST_ROW]),
            "p.jsonl": json.dumps(JSONL_POST, ensure_ascii=False).encode()}[name]
    with pytest.raises(Invalid, match="文件读取超时（超过 0 秒），已停止") as caught:
        run(session, data, name, read_seconds=0)
    assert caught.value.code == "import_unreadable"
    assert run(session, data, name, dry_run=True, read_seconds=None).rows == 1


def test_an_over_long_cell_is_rejected_with_its_column(session, world):
    rows = [POST_HEADERS, ["L1", "挡" * 65, "福州长乐锦程纺织有限公司", "纺织", "招聘岗位", "金峰镇",
                           1, "", "", "", "", ""]]
    report = run(session, xlsx(rows), "p.xlsx", dry_run=True)
    assert report.rejected[0].reasons == ("「岗位名称」内容过长（最多 64 个字）",)


def test_formulas_are_never_evaluated_and_csv_text_stays_text(session, world):
    rows = [POST_HEADERS, ["F1", "=1+2", "福州长乐锦程纺织有限公司", "纺织", "招聘岗位", "金峰镇",
                           "=1+1", "", "", "", "", ""]]
    report = run(session, xlsx(rows), "p.xlsx", dry_run=True)
    # openpyxl saves formulas without cached values: data_only reads them as empty cells.
    assert report.rejected[0].reasons == ("缺少必填「岗位名称」",)
    rows[1][6] = 1
    report = run(session, csv_bytes(rows), "p.csv")
    assert report.imported == 1
    assert session.scalars(select(Post.title).where(Post.ref == "F1")).one() == "=1+2"


def test_employers_are_matched_by_credit_code_when_the_column_is_there(session, world):
    twin = make_employer(session, name="福州长乐锦程纺织有限公司")
    headers = ["编号", "岗位名称", "单位", "统一社会信用代码", "行业", "岗位类型", "乡镇"]
    rows = [
        headers,
        ["C1", "挡车工", "", twin.credit_code, "纺织", "招聘岗位", "金峰镇"],
        ["C2", "挡车工", "福州长乐锦程纺织有限公司", "", "纺织", "招聘岗位", "金峰镇"],
        ["C3", "挡车工", "别的名字", twin.credit_code, "纺织", "招聘岗位", "金峰镇"],
        ["C4", "挡车工", "", "91350182MA0000000X", "纺织", "招聘岗位", "金峰镇"],
    ]
    report = run(session, xlsx(rows), "p.xlsx", dry_run=True)
    reasons = {r.number: "；".join(r.reasons) for r in report.rejected}
    assert sorted(reasons) == [3, 4, 5]
    assert "有多个名为「福州长乐锦程纺织有限公司」的单位，请填写统一社会信用代码" in reasons[3]
    assert "单位名称与统一社会信用代码不符" in reasons[4]
    assert "统一社会信用代码" in reasons[5]


def test_the_kind_comes_from_the_headers_or_must_be_given(session, world):
    with pytest.raises(Invalid, match="无法从表头判断") as caught:
        run(session, csv_bytes([["编号", "专业"], ["A", "会计"]]), "x.csv")
    assert caught.value.code == "import_kind_unknown"
    missing = "缺少必需的列：岗位名称、行业、乡镇、岗位类型、单位（或统一社会信用代码）"
    with pytest.raises(Invalid, match=missing):
        run(session, csv_bytes([["编号", "专业"], ["A", "会计"]]), "x.csv", kind="posts")
    with pytest.raises(Invalid, match="文件中没有数据行"):
        run(session, csv_bytes([POST_HEADERS]), "x.csv")


def test_only_the_bureau_or_the_operator_may_import(session, world):
    seeker = make_user(session)
    with pytest.raises(Forbidden):
        import_file(session, seeker, csv_bytes(candidate_rows()), "people.csv", today=TODAY)


def test_a_concurrent_import_of_the_same_ids_ends_in_a_conflict_not_a_crash(session, world,
                                                                             monkeypatch):
    make_post(session, world["textile"], ref="RACE")
    # As if another import committed RACE after this one checked the database.
    monkeypatch.setattr(import_rows, "existing", lambda *_: set())
    rows = [POST_HEADERS, ["RACE", "挡车工", "福州长乐锦程纺织有限公司", "纺织", "招聘岗位", "金峰镇",
                           1, "", "", "", "", ""]]
    with pytest.raises(Conflict) as caught:
        run(session, xlsx(rows), "p.xlsx")
    assert caught.value.code == "import_conflict"
    session.rollback()
