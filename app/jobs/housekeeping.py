"""Periodic work run by every `tick` job: vacancy deadlines, expired throttles, retention."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from ..auth.security import purge_expired_limits
from ..core.timeutil import today_wib
from ..extensions import db
from ..models import Vacancy
from ..privacy import services as privacy
from ..ranking import refresh_vacancy
from ..referrals.notices import vacancy_closed_by_deadline
from .tasks import on_tick


@on_tick("vacancy_deadlines")
def close_vacancies_past_deadline() -> int:
    """A vacancy closes by itself the day after its deadline (WIB); open referrals stay answerable."""
    closed = 0
    # A vacancy still waiting for review (or for the employer's changes) closes too: it was never shown.
    for vacancy in db.session.scalars(select(Vacancy).where(Vacancy.status.in_(("open", "review", "changes")),
                                                            Vacancy.deadline < today_wib())):
        was_open = vacancy.status == "open"
        vacancy.status = "closed"
        if was_open:
            refresh_vacancy(vacancy)  # its untouched suggestions go
            vacancy_closed_by_deadline(vacancy)  # the employer and residents with open referrals hear of it
        closed += 1
    db.session.flush()
    return closed


@on_tick("rate_limits")
def purge_rate_limits() -> int:
    purge_expired_limits()
    return 0


@on_tick("retention")
def apply_retention() -> int:
    seekers = privacy.inactive_seekers(current_app.config["RETENTION_DAYS"])
    for seeker in seekers:
        privacy.anonymise_seeker(seeker)
    return len(seekers)
