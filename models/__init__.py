"""SQLAlchemy 2.x models, one module per aggregate, and the engine/session setup (models.db)."""

from models.application import APPLICATION_STATUSES, Application
from models.application_event import ApplicationEvent
from models.attachment import Attachment
from models.audit import AuditEntry
from models.base import Base
from models.candidate import Candidate, GroupClaim
from models.consent import ConsentEvent
from models.delegation import DelegationConsent
from models.employer import Employer
from models.followup import FollowUp
from models.hiring import Interview, Invitation, Offer
from models.matching import MatcherChange
from models.notification import Message, OutboxMessage, PasswordReset
from models.placement import Placement
from models.policy_setting import PolicySetting
from models.post import Post
from models.program import QuotaProgram
from models.seeker_lists import HiddenPost, SavedSearch
from models.subsidy_claim import SubsidyClaim
from models.unemployment import UnemploymentRegistration
from models.user import ROLES, User

__all__ = [
    "APPLICATION_STATUSES",
    "ROLES",
    "Application",
    "ApplicationEvent",
    "Attachment",
    "AuditEntry",
    "Base",
    "Candidate",
    "ConsentEvent",
    "DelegationConsent",
    "Employer",
    "FollowUp",
    "GroupClaim",
    "Interview",
    "Invitation",
    "HiddenPost",
    "MatcherChange",
    "Message",
    "Offer",
    "OutboxMessage",
    "PasswordReset",
    "Placement",
    "PolicySetting",
    "Post",
    "QuotaProgram",
    "SavedSearch",
    "SubsidyClaim",
    "UnemploymentRegistration",
    "User",
]
