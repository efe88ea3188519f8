"""Domain model. Plain typed SQLAlchemy 2.0 classes; nothing here reads the request.
One module per part of the domain; every class is importable from here."""
from .types import UTCDateTime, Role
from .people import Kelurahan, Company, User, SeekerProfile, ExperienceEntry, ConsentRecord, SeekerDocument
from .work import Vacancy, Match, MatchEvent, RankingModel, ReferralLetter, Reminder, UsedAnswerLink, VacancyReviewEvent
from .records import AuditLog, RateLimit, DataRequest, Breach, ImportRun, Outbox, DuplicateDismissal, SeekerMerge

__all__ = [
    "AuditLog",
    "Breach",
    "Company",
    "ConsentRecord",
    "DataRequest",
    "DuplicateDismissal",
    "ExperienceEntry",
    "ImportRun",
    "Kelurahan",
    "Match",
    "MatchEvent",
    "Outbox",
    "RankingModel",
    "RateLimit",
    "ReferralLetter",
    "Reminder",
    "Role",
    "SeekerDocument",
    "SeekerMerge",
    "SeekerProfile",
    "UTCDateTime",
    "UsedAnswerLink",
    "User",
    "Vacancy",
    "VacancyReviewEvent",
]
