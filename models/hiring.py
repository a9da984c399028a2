"""The hiring conversation around an application: invitations (邀请投递) to a recommended
person, interviews (面试) and offers (录用通知).

An invitation is for one post and one person, once; accepting it makes the application. An
interview and an offer belong to an application. A pending offer holds one of the post's slots
until it is accepted, declined or expires (services.offers counts it with the placements).
"""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

INVITATION_STATUSES = ("pending", "accepted", "declined")
INTERVIEW_STATUSES = ("proposed", "confirmed", "declined", "reschedule")
# "withdrawn": the application closed otherwise (rejected, withdrawn, hired by the stage route).
OFFER_STATUSES = ("pending", "accepted", "declined", "expired", "withdrawn")


class Invitation(Base):
    __tablename__ = "invitations"
    __table_args__ = (
        UniqueConstraint("post_id", "candidate_id", name="uq_invitations_post_candidate"),
        CheckConstraint("status IN ('pending', 'accepted', 'declined')", name="status"),
        Index("ix_invitations_employer_id_sent_on", "employer_id", "sent_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    # The sender's employer, kept to count the day's invitations without a join.
    employer_id: Mapped[int] = mapped_column(ForeignKey("employers.id"))
    sent_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    message: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(10), default="pending")
    # The app's "today" when sent (the daily limit counts these), not the wall clock.
    sent_on: Mapped[date]
    application_id: Mapped[int | None] = mapped_column(ForeignKey("applications.id"))
    answered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    post: Mapped["Post"] = relationship()  # noqa: F821
    candidate: Mapped["Candidate"] = relationship()  # noqa: F821


class Interview(Base):
    __tablename__ = "interviews"
    __table_args__ = (
        CheckConstraint("status IN ('proposed', 'confirmed', 'declined', 'reschedule')",
                        name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(index=True)
    place: Mapped[str] = mapped_column(String(128))
    contact: Mapped[str] = mapped_column(String(64))
    contact_phone: Mapped[str] = mapped_column(String(20), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="proposed")
    # What the seeker wrote when declining or asking for another time.
    seeker_note: Mapped[str] = mapped_column(String(200), default="")
    # The day the reminder went out (the worker's daily job sends it once).
    reminded_on: Mapped[date | None]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped["Application"] = relationship()  # noqa: F821


class Offer(Base):
    __tablename__ = "offers"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')",
                        name="status"),
        CheckConstraint("monthly_pay > 0", name="monthly_pay_positive"),
        CheckConstraint("term_months IS NULL OR term_months > 0", name="term_months_positive"),
        CheckConstraint("expires_on >= made_on", name="expires_after_made"),
        # One offer at a time per application: a pending one is what holds the slot.
        Index("uq_offers_pending_application", "application_id", unique=True,
              sqlite_where=text("status = 'pending'"), postgresql_where=text("status = 'pending'")),
        Index("ix_offers_post_id_status", "post_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))
    start_date: Mapped[date]
    # 元 per month, as the posts' salary range.
    monthly_pay: Mapped[int]
    # A trainee post's term (见习期限, 3 to 12 months: services.placements.check_trainee_term).
    term_months: Mapped[int | None]
    status: Mapped[str] = mapped_column(String(10), default="pending")
    made_on: Mapped[date]
    expires_on: Mapped[date]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    answered_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped["Application"] = relationship()  # noqa: F821
