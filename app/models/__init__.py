"""Domain model. Plain typed SQLAlchemy 2.0 classes; nothing here reads the request.
One module per part of the domain; every class is importable from here."""
from .fairs import Fair, FairCompany, FairInvitation, FairPass, FairRecord, FairVacancy, FairVisit
from .people import Company, ConsentRecord, ExperienceEntry, Kelurahan, SeekerDocument, SeekerProfile, User
from .records import (
    AuditLog,
    Breach,
    DataRequest,
    DuplicateDismissal,
    ImportRun,
    Outbox,
    ProfileCorrection,
    RateLimit,
    SeekerMerge,
)
from .types import Role, UTCDateTime
from .work import Match, MatchEvent, RankingModel, ReferralLetter, Reminder, UsedAnswerLink, Vacancy, VacancyReviewEvent

__all__ = [
    "AuditLog",
    "Breach",
    "Company",
    "ConsentRecord",
    "DataRequest",
    "DuplicateDismissal",
    "ExperienceEntry",
    "Fair",
    "FairCompany",
    "FairInvitation",
    "FairPass",
    "FairRecord",
    "FairVacancy",
    "FairVisit",
    "ImportRun",
    "Kelurahan",
    "Match",
    "MatchEvent",
    "Outbox",
    "ProfileCorrection",
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
