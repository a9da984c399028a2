"""The seeker's own view: recommendations with reasons, and applications with their history."""

from flask import g, jsonify

from services import applications, profiles, recommendations
from web.api import bp
from web.api.contract import documented
from web.api.profile_json import SeekerProfileJson, seeker_profile_json
from web.api.schemas import ProfileBody, Recommendation, TopQuery
from web.clock import today
from web.database import retrying, session
from web.matching import current_matcher, post_cards, visible_posts
from web.serializers import ApplicationJson, application_json


@bp.get("/me/recommendations")
@documented("为我推荐的岗位（含推荐理由）", roles=("seeker",), query=TopQuery,
            responses={200: list[Recommendation]}, errors={404: ("candidate_not_found",)})
def my_recommendations(query: TopQuery):
    ranked = recommendations.recommend_posts(current_matcher(), visible_posts(), g.standing, today(),
                                             query.top)
    cards = post_cards([int(result.id) for result in ranked])
    return jsonify([Recommendation(post=cards[int(result.id)], score=round(result.score, 4),
                                   fit=result.fit, why=result.why) for result in ranked])


@bp.get("/me/applications")
@documented("我的申请及其进展", roles=("seeker",), responses={200: list[ApplicationJson]},
            errors={404: ("candidate_not_found",)})
def my_applications():
    s = session()
    return jsonify([application_json(a, applications.history(s, a.id))
                    for a in applications.seeker_applications(s, g.user)])


@bp.get("/me/profile")
@documented("我的求职资料", roles=("seeker",), responses={200: SeekerProfileJson},
            errors={404: ("candidate_not_found",)})
def my_profile():
    return jsonify(seeker_profile_json(applications.candidate_of(session(), g.user)))


@bp.put("/me/profile")
@documented("修改我的求职资料（整体替换所列字段）", roles=("seeker",), body=ProfileBody,
            responses={200: SeekerProfileJson}, errors={
    404: ("candidate_not_found",),
    422: ("invalid_education", "invalid_date", "invalid_township"),
})
def update_my_profile(body: ProfileBody):
    def save(s):
        profiles.save_step(s, g.user, profiles.EducationStep(
            education=body.education, school=body.school, major=body.major,
            graduation_date=body.graduation_date), today())
        return profiles.save_step(s, g.user, profiles.IntentStep(
            desired=body.desired, skills=body.skills, experience=body.experience,
            townships=tuple(body.townships), open_to_offers=body.open_to_offers,
            desired_salary=body.desired_salary, work_type=body.work_type), today())

    return jsonify(seeker_profile_json(retrying(save)))
