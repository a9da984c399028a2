"""An applicant's profile as the employer of the post reads it (services.applicant_profiles)."""

from flask import g, render_template

from services import applicant_profiles, interviews, offers
from web.clock import today
from web.database import transaction
from web.employer import bp
from web.security import role_required


@bp.get("/applications/<int:application_id>")
@role_required("employer")
def applicant(application_id: int):
    with transaction() as s:
        application, profile = applicant_profiles.applicant(s, g.user, application_id)
        interviews_made = interviews.of_application(s, application.id)
        offers_made = offers.of_application(s, application.id)
    return render_template("employer/applicant.html", application=application, profile=profile,
                           post=application.post, interviews=interviews_made, offers=offers_made,
                           local_text=interviews.local_text, today=today())
