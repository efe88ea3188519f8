"""A fair's report, counts only: visitors by kelurahan, education and age band; companies and
vacancies; applications, interviews and hires 30 and 90 days after the fair. A fair of the
kecamatan counts other kelurahan's residents too, so the breakdowns go through the city view's
small-cell suppression (app/reports/disclosure.py); totals stay exact (they name nobody)."""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import distinct, func, select

from ..core import labels
from ..core.timeutil import to_wib
from ..extensions import db
from ..models import (
    Fair,
    FairCompany,
    FairPass,
    FairRecord,
    FairVacancy,
    FairVisit,
    Kelurahan,
    Match,
    MatchEvent,
    SeekerProfile,
    Vacancy,
)
from ..reports.disclosure import footnote, suppress
from ..reports.groups import age_band

HIRE_WINDOWS = (30, 90)  # days after the fair


@dataclass(frozen=True)
class Breakdown:
    title: str
    rows: list[tuple[str, object]]  # (group, count or the hidden mark)


@dataclass(frozen=True)
class FairReport:
    totals: list[tuple[str, int]]
    breakdowns: list[Breakdown]
    note: str


def _breakdown(title: str, counts: Counter, order: list[str] | None = None) -> Breakdown:
    groups = order if order is not None else sorted(counts)
    shown = suppress([counts.get(g, 0) for g in groups])
    return Breakdown(title, list(zip(groups, shown)))


def fair_report(fair: Fair) -> FairReport:
    passes = FairPass.fair_id == fair.id
    visitors = db.session.execute(
        select(Kelurahan.name, SeekerProfile.education, SeekerProfile.birth_date)
        .select_from(FairPass).join(SeekerProfile, SeekerProfile.id == FairPass.seeker_id)
        .join(Kelurahan, Kelurahan.id == SeekerProfile.kelurahan_id).where(passes)).all()
    on_day = to_wib(fair.starts_at).date()
    by_place = Counter(name for name, _education, _birth in visitors)
    by_education = Counter(str(labels.EDUCATION.get(education, "–")) for _name, education, _birth in visitors)
    by_age = Counter(age_band(birth, on_day) for _name, _education, birth in visitors)

    def count(query) -> int:
        return db.session.scalar(query) or 0

    fair_matches = select(Match.id).where(Match.fair_id == fair.id)
    totals = [
        (_("Peserta terdaftar"), len(visitors)),
        (_("Pengunjung stan"), count(select(func.count(distinct(FairVisit.pass_id))).join(FairPass).where(passes))),
        (_("Perusahaan ikut"), count(select(func.count()).select_from(FairCompany).where(
            FairCompany.fair_id == fair.id, FairCompany.joined_at.is_not(None)))),
        (_("Lowongan"), count(select(func.count()).select_from(FairVacancy).where(FairVacancy.fair_id == fair.id))),
        (_("Lamaran dicatat"), count(select(func.count()).select_from(FairRecord).join(FairPass).where(passes))),
        (_("Wawancara"), count(select(func.count(distinct(MatchEvent.match_id))).where(
            MatchEvent.match_id.in_(fair_matches), MatchEvent.to_status == "interview"))),
    ]
    for days in HIRE_WINDOWS:
        until = fair.ends_at + dt.timedelta(days=days)
        totals.append((_("Diterima kerja dalam %(days)d hari", days=days), count(
            select(func.count(distinct(MatchEvent.match_id))).where(
                MatchEvent.match_id.in_(fair_matches), MatchEvent.to_status == "hired", MatchEvent.at <= until))))
    per_company = Counter(dict(db.session.execute(
        select(Vacancy.company_id, func.count()).select_from(FairRecord).join(FairPass)
        .join(Vacancy, Vacancy.id == FairRecord.vacancy_id).where(passes).group_by(Vacancy.company_id)).all()))
    names = {c.company_id: c.company.name for c in fair.companies}
    companies = Counter({names.get(company_id, "?"): n for company_id, n in per_company.items()})
    breakdowns = [
        _breakdown(_("Peserta per kelurahan"), by_place),
        _breakdown(_("Peserta per pendidikan"), by_education),
        _breakdown(_("Peserta per kelompok umur"), by_age, sorted(by_age)),
        _breakdown(_("Lamaran per perusahaan"), companies),
    ]
    return FairReport(totals, breakdowns, footnote())


def report_table(report: FairReport) -> tuple[list[str], list[list[object]]]:
    """The report as one table (the download): part, group, count."""
    rows: list[list[object]] = [[_("Jumlah"), label, n] for label, n in report.totals]
    for part in report.breakdowns:
        rows += [[part.title, group, n] for group, n in part.rows]
    return [_("Bagian"), _("Kelompok"), _("Jumlah")], rows
