"""A person's consent that township staff act for them (代办): an SMS code the person read out,
or a photo of the signed consent form. Only confirmed, unexpired, unwithdrawn rows count."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

METHODS = ("sms", "form")


class DelegationConsent(Base):
    __tablename__ = "delegation_consents"
    __table_args__ = (
        CheckConstraint("method IN ('sms', 'form')", name="method"),
        # Evidence of each kind: the code's hash for SMS, the signed form's photo for a form.
        CheckConstraint("(method = 'sms') = (code_hash IS NOT NULL)", name="sms_has_code"),
        CheckConstraint("(method = 'form') = (attachment_id IS NOT NULL)", name="form_has_photo"),
        CheckConstraint("wrong_attempts >= 0", name="wrong_attempts_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    township: Mapped[str] = mapped_column(String(16))
    method: Mapped[str] = mapped_column(String(8))
    # SMS: the argon2 hash of the code sent to the person's phone, and when it stops working.
    code_hash: Mapped[str | None] = mapped_column(String(255))
    code_expires_at: Mapped[datetime | None]
    wrong_attempts: Mapped[int] = mapped_column(default=0)
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set when the code was entered right, or at once for a form; consent runs from then.
    confirmed_at: Mapped[datetime | None]
    valid_until: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]

    staff: Mapped["User"] = relationship()  # noqa: F821
