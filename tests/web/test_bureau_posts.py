"""The bureau's post board: keyword, filters, sort and paging run in SQL; only the bureau sees it."""

from datetime import date

from models import Placement
from tests.factories import make_candidate, make_employer, make_post, make_user
from tests.web.helpers import login


def _bureau(client, session):
    login(client, make_user(session, role="bureau").phone)


def _place(session, post, n):
    for _ in range(n):
        person = make_candidate(session)
        session.add(Placement(post_id=post.id, candidate_id=person.id, kind=post.kind,
                              start_date=date(2020, 8, 1)))
    session.flush()


def test_keyword_matches_title_industry_and_employer_name(client, session):
    _bureau(client, session)
    mill = make_employer(session, name="长乐恒申纺织有限公司")
    make_post(session, mill, title="织造车间质检员")
    make_post(session, make_employer(session, name="长乐海峡物流有限公司"), title="仓库理货员",
              industry="物流")
    page = client.get("/bureau/posts", query_string={"q": "恒申"}).get_data(as_text=True)
    assert "织造车间质检员" in page and "仓库理货员" not in page
    page = client.get("/bureau/posts", query_string={"q": "物流"}).get_data(as_text=True)
    assert "仓库理货员" in page and "织造车间质检员" not in page
    page = client.get("/bureau/posts", query_string={"q": "100%"}).get_data(as_text=True)
    assert "符合条件的岗位共 0 个" in page


def test_filters_by_kind_township_employer_and_status(client, session):
    _bureau(client, session)
    mill, port = make_employer(session), make_employer(session)
    make_post(session, mill, title="质检员", township="金峰镇")
    make_post(session, mill, title="挡车工", township="吴航街道")
    make_post(session, port, title="理货员", township="吴航街道")
    make_post(session, port, title="已停招的叉车司机", township="吴航街道", status="closed")

    def titles(**args):
        page = client.get("/bureau/posts", query_string=args).get_data(as_text=True)
        shown = ("质检员", "挡车工", "理货员", "已停招的叉车司机")
        return {t for t in shown if f"<strong>{t}</strong>" in page}

    assert titles() == {"质检员", "挡车工", "理货员"}
    assert titles(township="吴航街道") == {"挡车工", "理货员"}
    assert titles(employer=mill.id) == {"质检员", "挡车工"}
    assert titles(employer=port.id, status="all") == {"理货员", "已停招的叉车司机"}
    assert titles(status="closed") == {"已停招的叉车司机"}
    assert titles(kind="public_welfare") == set()
    assert titles(township="不存在的镇") == {"质检员", "挡车工", "理货员"}  # unknown: dropped


def test_fill_filter_and_sort_read_active_placements(client, session):
    _bureau(client, session)
    employer = make_employer(session)
    full = make_post(session, employer, title="满员岗位", slots=1)
    half = make_post(session, employer, title="半满岗位", slots=2)
    make_post(session, employer, title="空岗位", slots=2)
    _place(session, full, 1)
    _place(session, half, 1)

    def titles(**args):
        page = client.get("/bureau/posts", query_string=args).get_data(as_text=True)
        return [t for t in sorted(("满员岗位", "半满岗位", "空岗位"), key=page.find) if t in page]

    assert titles(fill="full") == ["满员岗位"]
    assert titles(fill="vacant") == ["空岗位", "半满岗位"]
    assert titles(fill="empty") == ["空岗位"]
    assert titles() == ["空岗位", "半满岗位", "满员岗位"]  # emptiest first


def test_the_board_is_paged_and_links_keep_the_filters(client, session):
    _bureau(client, session)
    employer = make_employer(session)
    for n in range(35):
        make_post(session, employer, title=f"岗位{n:02d}", township="金峰镇",
                  open_date=date(2020, 1, 1 + n % 28))
    page = client.get("/bureau/posts", query_string={"township": "金峰镇", "sort": "title"}
                      ).get_data(as_text=True)
    assert "共 35 个" in page and "第 1 / 2 页" in page and "岗位29" in page and "岗位30" not in page
    assert "page=2" in page and "township=%E9%87%91%E5%B3%B0%E9%95%87" in page
    second = client.get("/bureau/posts", query_string={"township": "金峰镇", "sort": "title",
                                                       "page": 2}).get_data(as_text=True)
    assert "岗位30" in second and "岗位34" in second and "岗位29" not in second
    beyond = client.get("/bureau/posts", query_string={"page": 99}).get_data(as_text=True)
    assert "第 2 / 2 页" in beyond


def test_an_employer_cannot_open_the_board(client, session):
    """(Every bureau route is checked for every role in test_bureau_access.)"""
    login(client, make_user(session, role="employer", employer=make_employer(session)).phone)
    assert client.get("/bureau/posts").status_code == 403
