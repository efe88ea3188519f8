"""A fair's report, counts only: visitors by kelurahan, education and age band; companies and
vacancies; applications, interviews and hires 30 and 90 days after the fair. A fair of the
kecamatan counts other kelurahan's residents too, so the breakdowns go through the city view's
small-cell suppression (app/reports/disclosure.py); totals stay exact (they name nobody).
On screen, as CSV or XLSX (one table), and as a PDF on the kelurahan's letterhead, built as the
monthly report's is (app/reports/documents.py)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select

from ..core import labels
from ..core.timeutil import to_wib, utcnow
from ..core.web import datetime_id
from ..extensions import db
from ..models import Fair, FairPass, FairRecord, Kelurahan, SeekerProfile, Vacancy
from ..reports.disclosure import footnote, suppress
from ..reports.documents import Section, pdf_document
from ..reports.groups import age_band
from .counts import fair_totals


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

    found = fair_totals(fair)
    totals = [
        (_("Peserta terdaftar"), found.registered),
        (_("Pengunjung stan"), found.visitors),
        (_("Perusahaan ikut"), found.companies),
        (_("Lowongan"), found.vacancies),
        (_("Lamaran dicatat"), found.applications),
        (_("Wawancara"), found.interviews),
    ] + [(_("Diterima kerja dalam %(days)d hari", days=days), n) for days, n in found.hires]
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


def report_pdf(fair: Fair, report: FairReport, compress: bool = True) -> bytes:
    """The report as on screen, on the letterhead of the fair's kelurahan, signed by its lurah."""
    title = _("Laporan bursa kerja: %(name)s", name=fair.name)
    subtitle = " · ".join((f"{datetime_id(fair.starts_at)} – {datetime_id(fair.ends_at)}", fair.place,
                           _("dibuat %(t)s WIB", t=datetime_id(utcnow(), zone=False))))
    parts = [Section(_("Jumlah"), [_("Ukuran"), _("Jumlah")], [[label, n] for label, n in report.totals])]
    parts += [Section(part.title, [_("Kelompok"), _("Jumlah")], [[group, n] for group, n in part.rows])
              for part in report.breakdowns]
    return pdf_document(title, subtitle, [report.note], parts, fair.kelurahan, utcnow(), compress=compress)
