"""Fixtures of the seeker, employer and township tests: the demo's date, an index that is never
stale, the kinds of user with their records, and a township clerk with a person of theirs."""

from datetime import date

import pytest

from tests.factories import make_candidate, make_employer, make_user
from tests.web.township_setup import HOME, staff

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


@pytest.fixture
def clerk(session):
    """王协理, township staff of 吴航街道."""
    return staff(session)


@pytest.fixture
def person(session):
    """陈美玲 of 吴航街道, with an account, not yet registered unemployed."""
    user = make_user(session, name="陈美玲")
    return make_candidate(session, user=user, name="陈美玲", townships=[HOME])
