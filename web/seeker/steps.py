"""The profile's four steps as pages: which form, its answers for services.profiles, and what
the situation step shows beside its form. The seeker's own page (web/seeker/views.py) and
township staff acting for the person (代办, web/township/proxy.py) both build a step here, so
the two pages ask the same questions and show the same claims and consents."""

from typing import Any

from flask_wtf import FlaskForm

from models import Candidate
from services import consent
from services.profiles import BasicStep, EducationStep, IntentStep, ProfileStep, SituationStep
from web.database import session
from web.seeker.forms import BasicForm, EducationForm, IntentForm, SituationForm

STEP_FORMS: dict[str, type[FlaskForm]] = {
    "basic": BasicForm, "education": EducationForm, "intent": IntentForm, "situation": SituationForm}


def step_form(step: str, candidate: Candidate, forms: dict[str, type[FlaskForm]] = STEP_FORMS) -> Any:
    """The step's form (of `forms`) over the person's profile (a submitted one reads the
    request). The situation shows the groups still claimed; its separate consent is never
    ticked in advance."""
    form = forms[step](obj=candidate)
    if step == "situation" and not form.is_submitted():
        form.groups.data = [c.group for c in candidate.group_claims if c.status != "withdrawn"]
        form.sensitive_consent.data = False
    return form


def step_of(form: FlaskForm) -> ProfileStep:
    """The form's answers as services.profiles takes them."""
    if isinstance(form, BasicForm):
        return BasicStep(form.name.data, form.gender.data, form.id_number.data, form.phone.data)
    if isinstance(form, EducationForm):
        return EducationStep(form.education.data, form.school.data or "", form.major.data or "",
                             form.graduation_date.data)
    if isinstance(form, IntentForm):
        return IntentStep(form.desired.data or "", form.skills.data or "", form.experience.data or "",
                          tuple(form.townships.data or ()), form.open_to_offers.data,
                          form.desired_salary.data, form.work_type.data or "")
    return SituationStep(form.employed.data, form.unemployed_since.data,
                         tuple(form.groups.data or ()), bool(form.sensitive_consent.data))


def step_context(candidate: Candidate, step: str) -> dict[str, Any]:
    """What templates/seeker/_profile_fields.html shows beside the situation's form: each
    claim's state and the bureau's reason for a rejected one, and the sensitive groups the
    person has consented to."""
    if step != "situation":
        return {"claims": {}, "reasons": {}, "consented": []}
    return {"claims": {c.group: c.status for c in candidate.group_claims if c.status != "withdrawn"},
            "reasons": {c.group: c.reason for c in candidate.group_claims if c.reason},
            "consented": sorted(consent.covered_groups(session(), candidate.id))}
