"""The bureau's dashboard: figures, charts with text alternatives, and the Excel report."""

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from models import GroupClaim, Placement, UnemploymentRegistration
from policy.codes import TOWNSHIPS
from services.dashboard import breakdowns, program_trend, soe_graduate_shares
from services.reports import cell_text
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.web.helpers import bearer, login
from tests.web.svg import charts


def _placed_world(session, target_rule="floor"):
    program = make_program(session, target=10, start_date=date(2020, 7, 6), target_rule=target_rule)
    employer = make_employer(session, township="梅花镇", industry="社区服务")
    post = make_post(session, employer, kind="public_welfare", program_id=program.id,
                     slots=6, township="梅花镇", industry="社区服务", education_min="none")
    for i, start in enumerate([date(2020, 7, 13), date(2020, 7, 20), date(2020, 8, 17),
                               date(2020, 8, 24)]):
        person = make_candidate(session, education="junior_high", graduation_date=None)
        person.group_claims.append(GroupClaim(group="hardship" if i % 2 else "low_income",
                                              status="verified"))
        session.add(Placement(post_id=post.id, candidate_id=person.id, program_id=program.id,
                              kind="public_welfare", start_date=start))
    session.flush()
    return program


def test_the_weekly_trend_accumulates_and_projects_completion(session):
    program = _placed_world(session)
    trend = program_trend(session, program, date(2020, 8, 31))
    assert trend.points[0].week_start == date(2020, 7, 6)
    assert [p.placed_total for p in trend.points][-1] == 4
    assert trend.weekly_pace == 0.5  # 2 placements in the last 4 weeks
    assert trend.projected_completion == date(2020, 11, 23)  # 6 more at 0.5 a week: 12 weeks


def test_breakdowns_count_slots_and_people_by_township_and_group(session):
    program = _placed_world(session)
    views = {b.title: b for b in breakdowns(session, program.id)}
    townships = views["按乡镇（街道）"].rows
    assert townships[0] == ("梅花镇", 6, 4)
    assert {label for label, _, _ in townships} == set(TOWNSHIPS)  # every one, zeros included
    assert all(row[1:] == (0, 0) for row in townships[1:])
    assert dict((label, n) for label, _, n in views["按人员类别"].rows) == {
        "就业困难人员": 2, "低保家庭成员": 2}


def test_the_dashboard_page_draws_charts_with_text_alternatives(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 8, 31)
    _placed_world(session)
    login(client, make_user(session, role="bureau").phone)
    page = client.get("/bureau/dashboard").get_data(as_text=True)
    assert page.count("<svg") >= 5
    assert 'role="img"' in page
    assert "累计安置 4 人，不少于 10 人" in page
    assert "梅花镇：已安置4人，提供岗位6个" in page


def test_a_capped_programme_is_shown_in_posts_and_people_never_as_a_target_of_people(
        client, session, app):
    """（六）'s 500 is posts offered: the pages say 岗位 for it and 人 for people placed."""
    app.config["AS_OF_DATE"] = date(2020, 8, 31)
    program = _placed_world(session, target_rule="cap")
    assert program_trend(session, program, date(2020, 8, 31)).projected_completion is None
    login(client, make_user(session, role="bureau").phone)
    for path in ("/bureau/dashboard", "/", "/bureau/programs"):
        page = client.get(path).get_data(as_text=True)
        assert "目标 10 人" not in page and "10 人" not in page, path
    assert "已提供岗位 <b>6</b> 个 / 上限 10 个岗位 · 已安置 4 人" in client.get("/").get_data(
        as_text=True)
    assert "岗位上限 10 个" in client.get("/bureau/dashboard").get_data(as_text=True)


def test_a_seeker_or_employer_cannot_open_the_dashboard(client, session):
    login(client, make_user(session).phone)
    assert client.get("/bureau/dashboard").status_code == 403
    assert client.get("/bureau/report.xlsx").status_code == 403


def test_the_report_downloads_as_a_workbook_with_the_figures(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 8, 31)
    program = _placed_world(session)
    login(client, make_user(session, role="bureau").phone)
    response = client.get("/bureau/report.xlsx")
    assert response.status_code == 200
    assert "attachment" in response.headers["Content-Disposition"]
    book = load_workbook(BytesIO(response.data))
    rows = list(book["计划进度"].iter_rows(values_only=True))
    assert rows[0][:5] == ("计划", "类型", "目标", "已提供岗位", "已安置")
    assert (program.name, "临时性公益岗位", 10, 6, 4) in [r[:5] for r in rows]
    assert rows[0][6] == "目标性质" and (program.name, "下限（人数）") in [(r[0], r[6]) for r in rows]
    assert {"按乡镇（街道）", "按人员类别", "每周进度"} <= set(book.sheetnames)


def test_export_report_writes_the_same_workbook_from_the_command_line(app, session, tmp_path):
    _placed_world(session)
    out = tmp_path / "report.xlsx"
    result = app.test_cli_runner().invoke(args=["export-report", str(out)])
    assert result.exit_code == 0, result.output
    assert "计划进度" in load_workbook(out).sheetnames


def test_the_placement_api_answers_201_then_409_with_a_stable_code(client, session):
    program = make_program(session)
    post = make_post(session, make_employer(session), kind="public_welfare",
                     program_id=program.id, education_min="none", slots=1)
    people = []
    for _ in range(2):
        person = make_candidate(session, education="junior_high", graduation_date=None)
        person.group_claims.append(GroupClaim(group="registered_unemployed", status="verified"))
        people.append(person)
    session.flush()
    headers = bearer(client, make_user(session, role="bureau").phone)
    body = {"post_id": post.id, "candidate_id": people[0].id, "start_date": "2020-09-01"}
    first = client.post("/api/v1/placements", json=body, headers=headers)
    assert first.status_code == 201 and first.json["term_end"] == "2021-02-28"
    again = client.post("/api/v1/placements", json=body, headers=headers)
    assert again.status_code == 409 and again.json["error"]["code"] == "already_placed"
    full = client.post("/api/v1/placements", headers=headers,
                       json={**body, "candidate_id": people[1].id})
    assert full.status_code == 409 and full.json["error"]["code"] == "post_full"
    bad = client.post("/api/v1/placements", headers=headers, json={**body, "start_date": "昨天"})
    assert bad.status_code == 422 and "start_date" in bad.json["error"]["fields"]


def test_the_roster_sheet_has_dates_as_dates_and_masked_ids(app, session, tmp_path):
    program = _placed_world(session)
    out = tmp_path / "report.xlsx"
    assert app.test_cli_runner().invoke(args=["export-report", str(out)]).exit_code == 0
    sheet = load_workbook(out)["安置名册"]
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert header[0] == "姓名" and header[8] == "开始日期"
    assert len(rows) == 4
    first = rows[0]
    assert first[8].date() == date(2020, 7, 13)  # a real date cell, not text
    assert "**********" in first[1] and "****" in first[2]
    assert first[7] == program.name


def test_text_that_looks_like_a_formula_is_written_as_text(app, session, tmp_path):
    employer = make_employer(session, name='=HYPERLINK("http://x","点我")')
    make_post(session, employer, township="=1+1")
    make_post(session, make_employer(session, name="\t@SUM(A1)公司"))
    out = tmp_path / "report.xlsx"
    assert app.test_cli_runner().invoke(args=["export-report", str(out)]).exit_code == 0
    values = [c.value for row in load_workbook(out)["按用人单位"].iter_rows() for c in row]
    assert any(isinstance(v, str) and v.startswith("'=HYPERLINK") for v in values)
    assert not any(isinstance(v, str) and v.startswith(("=", "@", "\t")) for v in values)
    assert "'\t@SUM(A1)公司" in values


def test_soe_shares_of_slots_reserved_for_graduates_are_judged_against_half(session):
    soe = make_employer(session, ownership="soe", name="福建长乐国有资产投资有限公司")
    make_post(session, soe, slots=4, reserved_for_graduates=True, open_date=date(2020, 8, 3))
    make_post(session, soe, slots=4, open_date=date(2020, 8, 3))
    make_post(session, soe, slots=9, open_date=date(2019, 5, 1))  # not a new post this year
    make_post(session, make_employer(session), slots=5, reserved_for_graduates=False)
    [row] = soe_graduate_shares(session, date(2020, 1, 1), date(2020, 12, 31))
    assert (row.employer, row.slots, row.reserved) == ("福建长乐国有资产投资有限公司", 8, 4)
    assert row.share == 0.5 and row.meets


def test_control_characters_are_dropped_before_the_formula_check():
    assert cell_text("\0=1+1") == "'=1+1"
    assert cell_text("\x07铃声") == "铃声"
    assert cell_text(42) == 42


def test_the_charts_carry_legends_axis_values_and_no_slots_for_groups(client, session, app):
    """Issue 14 item 10: what each bar shade means, values on the forecast's axes, and people
    placed by group without a "4/0" (posts are not offered to groups)."""
    app.config["AS_OF_DATE"] = date(2020, 8, 31)
    program = _placed_world(session)
    login(client, make_user(session, role="bureau").phone)
    drawn = charts(client.get("/bureau/dashboard").get_data(as_text=True))
    township = drawn["按乡镇（街道）"]
    assert township.legend == ["提供岗位（个）", "已安置（人）"]
    assert "4人/6岗" in township.texts
    assert set(TOWNSHIPS) <= {t.rstrip("…") for t in township.texts} | {t[:7] for t in TOWNSHIPS}
    assert len([t for t in township.texts if t in TOWNSHIPS]) == len(TOWNSHIPS)
    group = drawn["按人员类别"]
    assert group.legend == ["已安置（人）；岗位不按人员类别提供"]
    assert "2人" in group.texts and not any("/" in t for t in group.texts)
    trend = drawn[f"{program.name}累计安置"]
    assert trend.legend == ["累计安置（人）", "目标：不少于 10 人"]
    assert {"0", "10"} <= set(trend.ticks)  # people on the value axis, up to the target
    assert "2020-07-06" in trend.ticks and "2020-11-23" in trend.ticks  # first week, projection
    assert not any(chart.outside for chart in drawn.values())


def test_beyond_the_limit_the_chart_folds_the_rest_into_other_and_says_so(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 8, 31)
    for i in range(22):
        make_post(session, make_employer(session, name=f"测试单位{i:02d}"), slots=30 - i)
    login(client, make_user(session, role="bureau").phone)
    page = client.get("/bureau/dashboard").get_data(as_text=True)
    employers = charts(page)["按用人单位"]
    assert "其他（3项）" in employers.texts and "测试单位19" not in employers.texts
    assert "图中列出前 19 项，其余 3 项合并为“其他”" in page
    assert "测试单位21" in page  # the table lists every one


def test_the_report_has_the_unemployment_monitoring_by_township_month_and_group(app, session,
                                                                               tmp_path):
    app.config["AS_OF_DATE"] = date(2020, 8, 31)
    person = make_candidate(session, graduation_date=None)
    session.add(UnemploymentRegistration(
        candidate_id=person.id, township="梅花镇", unemployed_since=date(2020, 8, 3),
        registered_on=date(2020, 8, 3), status="confirmed"))
    person.group_claims.append(GroupClaim(group="hardship", status="verified"))
    session.flush()
    out = tmp_path / "report.xlsx"
    assert app.test_cli_runner().invoke(args=["export-report", str(out)]).exit_code == 0
    book = load_workbook(out)
    rows = list(book["失业登记监测"].iter_rows(values_only=True))
    assert rows[0][:6] == ("月份", "乡镇（街道）", "当月新增", "退出：就业", "退出：注销", "月末登记失业")
    assert ("2020-08", "梅花镇", 1, 0, 0, 1) in [r[:6] for r in rows]
    assert len(rows) == 1 + 12 * len(TOWNSHIPS)
    groups = list(book["登记失业按类别"].iter_rows(values_only=True))
    assert groups[0][-1] == "2020-08" and ("就业困难人员", *[0] * 11, 1) in groups
