"""PostDraft.from_values is the one builder of a draft: a form's data, an API body and an
imported row give the same draft for the same post."""

from datetime import date

from services.posts import PostDraft

FIELDS = {"kind": "regular", "title": "质检员", "industry": "纺织", "education_min": "none",
          "township": "吴航街道", "slots": 2}


def test_missing_texts_are_empty_and_majors_a_tuple():
    draft = PostDraft.from_values({**FIELDS, "description": None, "majors": ["纺织工程"],
                                   "csrf_token": "ignored", "employer_id": 7})
    assert draft == PostDraft(kind="regular", title="质检员", industry="纺织", description="",
                              requirements="", education_min="none", majors=("纺织工程",),
                              township="吴航街道", slots=2, salary_min=None, salary_max=None)


def test_the_close_date_and_salaries_carry_over():
    draft = PostDraft.from_values({**FIELDS, "salary_min": 4000, "salary_max": 6000,
                                   "close_date": date(2020, 12, 31)})
    assert (draft.salary_min, draft.salary_max, draft.close_date) == (4000, 6000, date(2020, 12, 31))
