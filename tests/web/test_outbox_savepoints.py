"""Outbox rows reach the worker's queue only once committed for good (web.outbox): SQLAlchemy
fires after_commit when a savepoint is released and after_soft_rollback when one rolls back,
neither of which ends the transaction the rows belong to."""

from services import notifications
from tests.factories import make_user


def queued_ids(app) -> list[int]:
    return sorted(task.args[0] for task in app.extensions["queue"].huey.pending())


def _notice(session, user, text="您申请的岗位已通过初筛"):
    return notifications.queue(session, "sms", user.phone, "notice", text, user_id=user.id)


def test_a_released_savepoint_enqueues_nothing_and_a_rollback_after_it_dispatches_nothing(app, session):
    with app.app_context():
        user = make_user(session)
        _notice(session, user)
        with session.begin_nested():
            session.flush()
        assert queued_ids(app) == []  # released, not committed: the row may still vanish
        session.rollback()
        assert queued_ids(app) == []


def test_a_savepoint_rolled_back_drops_its_own_rows_and_keeps_the_outer_transaction_s(app, session):
    with app.app_context():
        user = make_user(session)
        kept = _notice(session, user)
        try:
            with session.begin_nested():
                _notice(session, user, "另一条消息")
                raise LookupError("the savepoint's work is refused")
        except LookupError:
            pass
        session.commit()
        assert queued_ids(app) == [kept.id]
