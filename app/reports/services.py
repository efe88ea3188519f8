"""Figures for the dashboards: one kelurahan for staff, every kelurahan for admin and the city."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from ..extensions import db
from ..models import Company, Kelurahan, Match, MatchEvent, SeekerProfile, Vacancy
from ..timeutil import WIB, utcnow

FUNNEL = ("referred", "interview", "hired")


def dashboard(kelurahan_id: int | None) -> dict:
    def scoped(query, seeker_table=True):
        if kelurahan_id is not None and seeker_table:
            query = query.where(SeekerProfile.kelurahan_id == kelurahan_id)
        return query

    looking = db.session.scalar(scoped(select(func.count()).select_from(SeekerProfile)
                                       .where(SeekerProfile.status == "looking"))) or 0
    by_education = db.session.execute(scoped(
        select(SeekerProfile.education, func.count()).where(SeekerProfile.status == "looking")
        .group_by(SeekerProfile.education).order_by(func.count().desc()))).all()
    by_rw = db.session.execute(scoped(
        select(SeekerProfile.rw, func.count()).where(SeekerProfile.status == "looking")
        .group_by(SeekerProfile.rw).order_by(SeekerProfile.rw))).all() if kelurahan_id else []
    open_vacancies = db.session.scalar(
        select(func.coalesce(func.sum(Vacancy.openings), 0)).join(Company)
        .where(Vacancy.status == "open", Company.status == "verified")) or 0
    # Funnel: how many matches ever reached each stage (from the status history).
    funnel = {}
    for stage in FUNNEL:
        funnel[stage] = db.session.scalar(scoped(
            select(func.count(func.distinct(MatchEvent.match_id))).select_from(MatchEvent)
            .join(Match, Match.id == MatchEvent.match_id).join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
            .where(MatchEvent.to_status == stage))) or 0
    since = utcnow() - dt.timedelta(days=365)
    hires = db.session.scalars(scoped(
        select(MatchEvent.at).join(Match, Match.id == MatchEvent.match_id)
        .join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
        .where(MatchEvent.to_status == "hired", MatchEvent.at >= since))).all()
    per_month: dict[str, int] = {}
    for at in hires:
        key = at.astimezone(WIB).strftime("%Y-%m")
        per_month[key] = per_month.get(key, 0) + 1
    per_kelurahan = []
    if kelurahan_id is None:
        per_kelurahan = db.session.execute(
            select(Kelurahan.name,
                   func.count(SeekerProfile.id).filter(SeekerProfile.status == "looking"),
                   func.count(SeekerProfile.id).filter(SeekerProfile.status == "working"))
            .join(SeekerProfile, SeekerProfile.kelurahan_id == Kelurahan.id, isouter=True)
            .group_by(Kelurahan.id, Kelurahan.name).order_by(Kelurahan.name)).all()
    return {
        "looking": looking, "by_education": by_education, "by_rw": by_rw, "open_vacancies": open_vacancies,
        "funnel": funnel, "per_month": sorted(per_month.items()), "per_kelurahan": per_kelurahan,
    }
