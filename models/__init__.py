"""SQLAlchemy 2.x models, one module per aggregate, and the engine/session setup (models.db)."""

from models.application import APPLICATION_STATUSES, Application
from models.audit import AuditEntry
from models.base import Base
from models.candidate import Candidate, GroupClaim
from models.employer import Employer
from models.placement import Placement
from models.post import Post
from models.program import QuotaProgram
from models.user import ROLES, User

__all__ = [
    "APPLICATION_STATUSES",
    "ROLES",
    "Application",
    "AuditEntry",
    "Base",
    "Candidate",
    "Employer",
    "GroupClaim",
    "Placement",
    "Post",
    "QuotaProgram",
    "User",
]
