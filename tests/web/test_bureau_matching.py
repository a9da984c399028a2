"""The bureau's candidate search: ranked eligible people with every reason, placed from the list."""

import re
from datetime import date

from sqlalchemy import select

from models import GroupClaim, Placement
from tests.factories import make_candidate, make_employer, make_post, make_program, make_user
from tests.web.helpers import csrf_token, login


def test_the_bureau_sees_eligible_people_ranked_with_groups_and_places_one(client, session, app):
    app.config["AS_OF_DATE"] = date(2020, 9, 1)
    program = make_program(session)
    post = make_post(session, make_employer(session), kind="public_welfare", program_id=program.id,
                     title="社区消杀防疫员", description="对小区楼道电梯进行消毒消杀",
                     requirements="身体健康", education_min="none", township="梅花镇")
    fit = make_candidate(session, name="卓玉兰", education="junior_high", graduation_date=None,
                         desired="消毒防疫、保洁都可以", townships=["梅花镇"])
    fit.group_claims.append(GroupClaim(group="hardship", status="verified"))
    employed = make_candidate(session, name="已就业者", education="junior_high", employed=True,
                              desired="消毒防疫", graduation_date=None)
    employed.group_claims.append(GroupClaim(group="hardship", status="verified"))
    session.flush()
    login(client, make_user(session, role="bureau").phone)

    page = client.get(f"/bureau/posts/{post.id}/candidates").get_data(as_text=True)
    assert "卓玉兰" in page
    assert "就业困难人员" in page  # the bureau may see the group behind the rule
    assert "已就业者" not in page
    assert fit.id_number not in page
    assert "匹配度" not in page  # a level of fit, never a raw score
    assert re.search(r'class="fit-level">(很匹配|较匹配|可以考虑)<', page)
    assert re.search(r'class="why-fit">[^<]*优先安排：就业困难人员', page)

    token = csrf_token(client, f"/bureau/posts/{post.id}/candidates")
    response = client.post(f"/bureau/posts/{post.id}/place/{fit.id}", follow_redirects=True,
                           data={"csrf_token": token, f"p-{fit.id}-start_date": "2020-09-01"})
    assert "已安置：卓玉兰" in response.get_data(as_text=True)
    assert session.scalar(select(Placement.candidate_id).where(Placement.post_id == post.id)) == fit.id
    assert "卓玉兰" not in client.get(f"/bureau/posts/{post.id}/candidates").get_data(as_text=True)
