"""What staff follow during and after a fair: counts (visitors, scans per booth, interviews), the
booth records of their own kelurahan's residents, each linked to its referral, and the totals
of a fair's report (fair_totals), which the monthly report also lists for the fairs of its month.

Nothing here imports app.reports: the monthly report (app/reports/monthly.py) imports this module."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import distinct, func, select
from sqlalchemy.orm import contains_eager, joinedload

from ..extensions import db
from ..models import (
    Fair,
    FairCompany,
    FairPass,
    FairRecord,
    FairVacancy,
    FairVisit,
    Match,
    MatchEvent,
    SeekerProfile,
    Vacancy,
)

HIRE_WINDOWS = (30, 90)  # days after the fair


@dataclass(frozen=True)
class FairCounts:
    passes: int  # registered (online and at the door)
    at_door: int  # of which registered at the door
    visitors: int  # passes shown at one booth at least
    scans: int  # passes shown, booth by booth
    records: int  # applications recorded
    interviews: int  # of which interviewed on the spot or shortlisted


def fair_counts(fair: Fair) -> FairCounts:
    def scalar(query) -> int:
        return db.session.scalar(query) or 0

    passes = FairPass.fair_id == fair.id
    return FairCounts(
        passes=scalar(select(func.count()).select_from(FairPass).where(passes)),
        at_door=scalar(select(func.count()).select_from(FairPass).where(passes, FairPass.channel == "door")),
        visitors=scalar(select(func.count(distinct(FairVisit.pass_id))).join(FairPass).where(passes)),
        scans=scalar(select(func.count()).select_from(FairVisit).join(FairPass).where(passes)),
        records=scalar(select(func.count()).select_from(FairRecord).join(FairPass).where(passes)),
        interviews=scalar(select(func.count()).select_from(FairRecord).join(FairPass)
                          .where(passes, FairRecord.outcome != "applied")),
    )


def staff_records(fair: Fair, kelurahan_id: int, limit: int = 200) -> list[FairRecord]:
    """The booth records of the fair for residents of `kelurahan_id`, the latest first."""
    return list(db.session.scalars(
        select(FairRecord).join(FairRecord.fair_pass).join(SeekerProfile, SeekerProfile.id == FairPass.seeker_id)
        .where(FairPass.fair_id == fair.id, SeekerProfile.kelurahan_id == kelurahan_id)
        .options(contains_eager(FairRecord.fair_pass).contains_eager(FairPass.seeker),
                 joinedload(FairRecord.vacancy).joinedload(Vacancy.company), joinedload(FairRecord.match))
        .order_by(FairRecord.updated_at.desc(), FairRecord.id.desc()).limit(limit)))


@dataclass(frozen=True)
class FairTotals:
    """A fair's totals, counts only: they name nobody."""
    registered: int  # passes given (online and at the door)
    visitors: int  # passes shown at one booth at least
    companies: int  # companies that joined
    vacancies: int  # vacancies brought to the fair
    applications: int  # applications recorded at the booths
    interviews: int  # referrals of the fair that reached an interview
    hires: tuple[tuple[int, int], ...]  # (days after the fair, referrals of the fair hired by then)


def fair_totals(fair: Fair) -> FairTotals:
    def count(query) -> int:
        return db.session.scalar(query) or 0

    passes = FairPass.fair_id == fair.id
    fair_matches = select(Match.id).where(Match.fair_id == fair.id)
    hires = []
    for days in HIRE_WINDOWS:
        until = fair.ends_at + dt.timedelta(days=days)
        hires.append((days, count(select(func.count(distinct(MatchEvent.match_id))).where(
            MatchEvent.match_id.in_(fair_matches), MatchEvent.to_status == "hired", MatchEvent.at <= until))))
    return FairTotals(
        registered=count(select(func.count()).select_from(FairPass).where(passes)),
        visitors=count(select(func.count(distinct(FairVisit.pass_id))).join(FairPass).where(passes)),
        companies=count(select(func.count()).select_from(FairCompany).where(
            FairCompany.fair_id == fair.id, FairCompany.joined_at.is_not(None))),
        vacancies=count(select(func.count()).select_from(FairVacancy).where(FairVacancy.fair_id == fair.id)),
        applications=count(select(func.count()).select_from(FairRecord).join(FairPass).where(passes)),
        interviews=count(select(func.count(distinct(MatchEvent.match_id))).where(
            MatchEvent.match_id.in_(fair_matches), MatchEvent.to_status == "interview")),
        hires=tuple(hires),
    )


def fairs_held(start: dt.datetime, end: dt.datetime, kelurahan_id: int | None = None) -> list[Fair]:
    """Fairs that started in [start, end), organised by the kelurahan's desk (or by any), in order."""
    query = select(Fair).where(Fair.starts_at >= start, Fair.starts_at < end)
    if kelurahan_id is not None:
        query = query.where(Fair.kelurahan_id == kelurahan_id)
    return list(db.session.scalars(query.options(joinedload(Fair.kelurahan)).order_by(Fair.starts_at, Fair.id)))
