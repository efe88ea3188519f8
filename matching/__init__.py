"""LokerWarga matching engine: a pure library (numpy, scipy, scikit-learn; no web or database).

    from matching import Seeker, Experience, Vacancy, Feedback, Suggestion, Reason, MatchEngine
    engine = MatchEngine().fit(seekers, vacancies, feedback=())
    engine.rank_seekers(vacancy_id, k=50, exclude=(), within=())
    engine.rank_vacancies(seeker_id, k=20, exclude=())

Reason codes and their params are documented in ``matching.reasons``.
"""
from .engine import CONCERNS, FEATURES, MatchEngine
from .reasons import CONCERN_CODES, REASON_CODES, REASON_PARAMS, render
from .types import (
    EDUCATION_LEVELS,
    OUTCOMES,
    Experience,
    Feedback,
    Reason,
    Seeker,
    Suggestion,
    Vacancy,
    education_level,
)

__all__ = [
    "CONCERNS",
    "CONCERN_CODES",
    "EDUCATION_LEVELS",
    "FEATURES",
    "OUTCOMES",
    "REASON_CODES",
    "REASON_PARAMS",
    "Experience",
    "Feedback",
    "MatchEngine",
    "Reason",
    "Seeker",
    "Suggestion",
    "Vacancy",
    "education_level",
    "render",
]
