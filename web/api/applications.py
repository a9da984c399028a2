"""Applications: a seeker applies (once) and withdraws; the employer moves the stages."""

from flask import g, jsonify

from services import applications
from web.api import bp
from web.api.schemas import StageBody, parse
from web.clock import today
from web.database import retrying, session, transaction
from web.security import role_required
from web.serializers import application_json


@bp.post("/posts/<int:post_id>/applications")
@role_required("seeker")
def apply(post_id: int):
    application = retrying(lambda s: applications.apply(s, g.user, post_id, today()))
    return jsonify(application_json(application, applications.history(session(), application.id))), 201


@bp.post("/applications/<int:application_id>/withdraw")
@role_required("seeker")
def withdraw(application_id: int):
    with transaction() as s:
        application = applications.withdraw(s, g.user, application_id)
        events = applications.history(s, application.id)
    return jsonify(application_json(application, events))


@bp.post("/applications/<int:application_id>/stage")
@role_required("employer", "bureau")
def move_stage(application_id: int):
    body = parse(StageBody)
    application = retrying(lambda s: applications.advance(
        s, g.user, application_id, body.to, body.reason, body.start_date))
    return jsonify(application_json(application, applications.history(session(), application.id)))
