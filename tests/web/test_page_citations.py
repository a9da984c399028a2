"""Every clause mark the pages print, read as a person reads it: each “（X）” and the words the
page attributes to measure X must be in that measure of the seed (tests/citations.py); no page
says "第六条" or doubles a mark. The pages are rendered with posts of every kind, a reserved SOE
post, a public-welfare placement near its term end and a subsidised hire, so the rule texts
that depend on data are printed too."""

from datetime import date

import pytest

from models import GroupClaim
from services.placements import place_candidate
from tests.citations import attributions, page_text, problems
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.web.helpers import login

AS_OF = date(2020, 8, 15)


@pytest.fixture
def world(app, session):
    app.config["AS_OF_DATE"] = AS_OF
    welfare = make_program(session, kind="public_welfare")
    trainee = make_program(session, kind="trainee", name="2020年就业见习", target=50)
    soe = make_employer(session, ownership="soe", name="长乐国投")
    firm = make_employer(session, size="small", staff_count=20, name="长乐智汇软件有限公司")
    bureau = make_user(session, role="bureau")
    posts = {
        "reserved": make_post(session, soe, reserved_for_graduates=True, education_min="none"),
        "regular": make_post(session, firm, education_min="none"),
        "trainee": make_post(session, firm, kind="trainee", program_id=trainee.id),
        "welfare": make_post(session, soe, kind="public_welfare", program_id=welfare.id,
                             education_min="none", title="社区消杀防疫员"),
    }
    holder = make_candidate(session, education="junior_high", graduation_date=None)
    holder.group_claims.append(GroupClaim(group="hardship", status="verified"))
    session.flush()
    place_candidate(session, bureau, posts["welfare"].id, holder.id, date(2020, 3, 2))
    place_candidate(session, bureau, posts["regular"].id, make_candidate(session).id, AS_OF, 12)
    return {"bureau": bureau, "soe": soe, "firm": firm, "posts": posts}


def _pages(app, session, world):
    posts = world["posts"]
    public = ["/", "/programs", *(f"/posts/{p.id}" for p in posts.values())]
    seeker = ["/seeker/", "/seeker/unemployment"]
    employer = ["/employer/posts/new", f"/employer/posts/{posts['reserved'].id}"]
    bureau = ["/bureau/", "/bureau/dashboard", "/bureau/unemployment", "/bureau/expiring",
              "/bureau/followups", "/bureau/subsidies", f"/bureau/subsidies?employer={world['firm'].id}",
              "/bureau/programs", "/bureau/placements",
              f"/bureau/posts/{posts['welfare'].id}/candidates"]
    seeker_user = make_user(session)
    make_candidate(session, user=seeker_user)
    users = {None: public, seeker_user: seeker, world["bureau"]: bureau,
             make_user(session, role="employer", employer=world["soe"]): employer}
    for user, paths in users.items():
        client = app.test_client()
        if user is not None:
            login(client, user.phone)
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            yield path, page_text(response.get_data(as_text=True))


def test_every_clause_mark_a_page_prints_is_the_seeds_own(app, session, world):
    pages = dict(_pages(app, session, world))
    wrong = {path: problems(text) for path, text in pages.items() if problems(text)}
    assert wrong == {}
    cited = {path: attributions(text) for path, text in pages.items() if attributions(text)}
    # The pages that state a rule of the seed do cite it, with its words.
    for path in ("/programs", "/bureau/expiring", "/bureau/followups", "/bureau/dashboard",
                 "/seeker/unemployment", "/employer/posts/new", f"/posts/{world['posts']['reserved'].id}"):
        assert any(words for _, words in cited.get(path, [])), path


def test_the_public_post_pages_say_who_may_apply_from_the_rules_data(app, session, world):
    pages = dict(_pages(app, session, world))
    posts = world["posts"]
    trainee = pages[f"/posts/{posts['trainee'].id}"]
    assert "16至24周岁的登记失业青年" in trainee and "《关于进一步加强就业见习工作的通知》" in trainee
    assert "（七）" not in trainee
    welfare = pages[f"/posts/{posts['welfare'].id}"]
    assert "依据：本区经办规则" in welfare and "“复产复工中优先使用低保家庭劳动力”（八）" in welfare
    assert "本岗位专项招聘应届高校毕业生" in pages[f"/posts/{posts['reserved'].id}"]
    assert "本岗位专项招聘应届高校毕业生" not in pages[f"/posts/{posts['regular'].id}"]
