"""Consent events for sensitive groups (PIPL Art. 28–29): who allowed, or stopped, the
processing of which sensitive groups, under which text, when, and on what basis.

Rows are only ever added: the current state is the fold of a person's events in order, and
the history is what the person downloads and what the bureau shows an inspector.
"""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base, utcnow

CONSENT_ACTIONS = ("granted", "withdrawn")
# 'seeker': the person's own separate consent on the profile page (its text has a version);
# 'bureau_import': the bureau's own registry data (低保/困难/脱贫 rolls it keeps by statutory
# duty, PIPL Art. 13(3)), brought in by an import: no consent text was shown, none is needed;
# 'delegated': the person's consent, given to township staff acting for them (代办) who ticked the
# same box for them (the text has a version): `by_id` is the staff member, `delegation_id` the
# 代办 consent they acted under.
CONSENT_SOURCES = ("seeker", "bureau_import", "delegated")


class ConsentEvent(Base):
    __tablename__ = "consent_events"
    __table_args__ = (
        CheckConstraint("action IN ('granted', 'withdrawn')", name="action"),
        CheckConstraint("source IN ('seeker', 'bureau_import', 'delegated')", name="source"),
        CheckConstraint("(source = 'delegated') = (delegation_id IS NOT NULL)",
                        name="delegated_has_consent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    # The sensitive groups the event covers (codes of policy.codes.SENSITIVE_GROUPS).
    scope: Mapped[list] = mapped_column(default=list)
    action: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(16))
    # The version of the consent text the person ticked; NULL for a bureau import.
    text_version: Mapped[str | None] = mapped_column(String(32))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    delegation_id: Mapped[int | None] = mapped_column(ForeignKey("delegation_consents.id"))
