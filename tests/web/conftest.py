"""Fixtures of the seeker and employer tests: the demo's date, an index that is never stale,
and the three kinds of user with their records."""

from datetime import date

import pytest

from tests.factories import make_candidate, make_employer, make_user

TODAY = date(2020, 9, 1)


@pytest.fixture
def instant_index(app):
    """Pin "today" to the demo's date and let every request catch up with the change log."""
    app.config["AS_OF_DATE"] = TODAY
    app.extensions["matcher"].refresh_seconds = 0
    return app


@pytest.fixture
def seeker(session):
    user = make_user(session)
    make_candidate(session, user=user, name="林晓燕", desired="会计 出纳", skills="Excel 用友财务软件")
    return user


@pytest.fixture
def employer_user(session):
    return make_user(session, role="employer", employer=make_employer(session))


@pytest.fixture
def bureau(session):
    return make_user(session, role="bureau", name="区人社局就业股")
