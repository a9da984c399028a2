"""Accounts: one login (a mobile phone and a password) for each person or employer contact."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

# 'township': 镇街、社区/村人社协理员, scoped to one township (services.township_scope).
ROLES = ("seeker", "employer", "bureau", "township")


class User(Base):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('seeker', 'employer', 'bureau', 'township')", name="role"),
        CheckConstraint(
            "(role = 'employer') = (employer_id IS NOT NULL)", name="employer_role_has_employer"
        ),
        CheckConstraint(
            "(role = 'township') = (township IS NOT NULL)", name="township_role_has_township"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    phone: Mapped[str] = mapped_column(String(11), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(64))
    # Where e-mail notices go (optional: the phone is the login and the SMS address).
    email: Mapped[str | None] = mapped_column(String(254))
    employer_id: Mapped[int | None] = mapped_column(ForeignKey("employers.id"), index=True)
    # The one township (policy.codes.TOWNSHIPS) a township staff account sees and serves.
    township: Mapped[str | None] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped at logout, password change and disabling: every session and token that
    # carries an older generation is refused, so a copied cookie dies with the logout.
    session_generation: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    employer: Mapped["Employer | None"] = relationship(back_populates="users")  # noqa: F821
