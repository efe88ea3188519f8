"""The monthly report, and the exports for Karirhub (Perpres 57/2023) and Disnaker: the
vacancies of a month and the hires of a month."""
from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from ..core.timeutil import to_wib, utcnow
from ..extensions import db
from ..fairs.counts import HIRE_WINDOWS, fair_totals, fairs_held
from ..models import Company, Kelurahan, Match, MatchEvent, SeekerProfile, Vacancy
from . import disclosure
from .periods import Period, months_period
from .services import dashboard, list_kelurahan, placements_per_month, scoped


def vacancies_for_export(period: Period, kelurahan_id: int | None = None) -> list[Vacancy]:
    """Vacancies of verified companies posted in the period or still open at its end: of the
    companies located in the kelurahan, or of every company for the city.

    Scoped by the company's kelurahan, as the per-employer figures of the dashboard are (its
    "Lowongan dibuka" counts the same vacancies): reporting vacancies to Karirhub is the
    employer's duty, and staff follow (verify, review) the companies of their own kelurahan. So
    each vacancy is in exactly one kelurahan's file, whatever kelurahan its workplace or its
    applicants are in, and the kelurahan files add up to the city's (a company with no
    kelurahan recorded is only in the city's)."""
    query = (select(Vacancy).join(Company, Company.id == Vacancy.company_id)
             .where(Company.status == "verified", Vacancy.status.in_(("open", "closed", "filled")),
                    Vacancy.created_at < period.end,
                    or_(Vacancy.created_at >= period.start, Vacancy.status == "open"))
             .order_by(Company.name, Vacancy.created_at, Vacancy.id))
    if kelurahan_id is not None:
        query = query.where(Company.kelurahan_id == kelurahan_id)
    return db.session.scalars(query.options(joinedload(Vacancy.company).joinedload(Company.kelurahan),
                                            joinedload(Vacancy.kelurahan))).unique().all()


def hires_for_export(kelurahan_id: int | None, period: Period) -> list:
    """Hires in the period (residents of the kelurahan, or all), without names or NIKs: what the
    placement report needs (who hired, which position, when, on which contract, and the
    resident's kelurahan, sex, age band, education and self-declared disability)."""
    return db.session.execute(scoped(
        select(Match.id, MatchEvent.at, Match.start_date, Match.contract_type, Vacancy.title, Vacancy.kelurahan_id,
               Company.name.label("company"), Company.kbli_code, Company.kelurahan_id.label("company_kelurahan_id"),
               SeekerProfile.kelurahan_id.label("seeker_kelurahan_id"), SeekerProfile.sex, SeekerProfile.birth_date,
               SeekerProfile.education, SeekerProfile.disability)
        .select_from(MatchEvent).join(Match, Match.id == MatchEvent.match_id)
        .join(Vacancy, Vacancy.id == Match.vacancy_id).join(Company, Company.id == Vacancy.company_id)
        .join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
        .where(MatchEvent.to_status == "hired", MatchEvent.at >= period.start, MatchEvent.at < period.end)
        .order_by(MatchEvent.at, Match.id), kelurahan_id)).all()


def fairs_of_month(period: Period, kelurahan_id: int | None = None) -> list[dict]:
    """The job fairs that started in the period, organised by the kelurahan's desk (or by any for
    the city), each with the totals of its own report (app/fairs/counts.py), exact."""
    rows = []
    for fair in fairs_held(period.start, period.end, kelurahan_id):
        totals = fair_totals(fair)
        rows.append({"name": fair.name, "date": to_wib(fair.starts_at).date(), "kelurahan": fair.kelurahan.name,
                     "registered": totals.registered, "visitors": totals.visitors, "companies": totals.companies,
                     "vacancies": totals.vacancies, "applications": totals.applications,
                     "interviews": totals.interviews, "hires": list(totals.hires)})
    return rows


def monthly_report(kelurahan: Kelurahan | None, year: int, month: int, *, progress=None, exact: bool = False) -> dict:
    """Everything the monthly report holds, for one kelurahan or the whole city.

    Flows (funnel, hires, per employer, the job fairs held) are those of the month; placements show the twelve
    months ending with it. Stocks (residents looking, open vacancies, stalled residents, the
    skills gap) are as they stand when the report is made: the app keeps no history of them.

    ``exact``: the figures as staff of the kelurahan see them, with a row per hire. Otherwise
    (the city's report, the command line) small counts are suppressed (disclosure.protect) and
    the placements are counts per kelurahan and sector."""
    step = progress or (lambda *_a, **_k: None)
    kelurahan_id = kelurahan.id if kelurahan else None
    period = months_period(year, month)
    step(10)
    figures = dashboard(kelurahan_id, period)
    step(60)
    figures["per_month"] = placements_per_month(kelurahan_id, months_period(year, month, 12))
    figures["vacancy_rows"] = vacancies_for_export(period, kelurahan_id)
    step(75)
    figures["hire_rows"] = hires_for_export(kelurahan_id, period)
    figures.update(fairs=fairs_of_month(period, kelurahan_id), fair_windows=HIRE_WINDOWS)
    every = list_kelurahan()
    names = {k.id: k.name for k in every}
    cities = sorted({k.kota for k in every})
    # The city a city-wide report is headed with: the one city the deployment serves, if it is one.
    figures.update(kelurahan=kelurahan, kelurahan_names=names, month="%04d-%02d" % (year, month),
                   generated_at=utcnow(), per_hire=exact, kota=cities[0] if len(cities) == 1 else "")
    if not exact:
        figures = disclosure.protect(figures)
    step(85)
    return figures
