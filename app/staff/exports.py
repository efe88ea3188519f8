"""Staff lists as downloads: the page's own query, the columns it shows (app/core/exports.py)."""
from flask import request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..core import audit, labels
from ..core.database import writes_on_get
from ..core.exports import MAX_ROWS, audited_download, download, requested_format
from ..core.nik import mask_nik
from ..core.timeutil import utcnow
from ..core.web import rupiah
from ..extensions import db
from ..models import Company, SeekerProfile, Vacancy
from ..referrals import reminders
from . import services, tables
from .blueprint import bp, seeker_filters, staff_kelurahan_id


def _export_format() -> str:
    return requested_format()  # csv or xlsx; any other format: 404


@bp.get("/seekers/export")
@writes_on_get
def export_seekers():
    """The residents list with its filters, every page, as on screen (NIK masked the same way)."""
    filters, fmt = seeker_filters(), _export_format()
    rows = db.session.scalars(services.seeker_query(staff_kelurahan_id(), filters)
                              .order_by(SeekerProfile.full_name, SeekerProfile.id).limit(MAX_ROWS)).all()
    header = [_("Nama"), _("NIK"), "RW", _("Pendidikan"), _("Keterampilan"), _("Status"), _("Verifikasi")]
    data = [[s.full_name, mask_nik(s.nik), s.rw,
             " ".join(p for p in (str(labels.EDUCATION.get(s.education, "–")), s.major or "") if p),
             ", ".join(s.skills or []), str(labels.SEEKER_STATUS.get(s.status, s.status)),
             _("Terverifikasi") if s.verified else _("belum diverifikasi")] for s in rows]
    filters_used = ", ".join(k for k, v in vars(filters).items() if v)  # which filters, never the search terms
    audit.record(current_user, "export", "seekers", "", f"{fmt}; {len(data)} rows; {filters_used}")
    db.session.commit()
    return download(fmt, "warga", header, data)


@bp.get("/vacancies/export")
@writes_on_get
def export_vacancies():
    """The vacancies list with its filters, every page, as on screen."""
    q = services.search_text(request.args.get("q", ""))
    status, fmt = request.args.get("status", "open"), _export_format()
    query = select(Vacancy).join(Company).options(joinedload(Vacancy.company))
    if status in labels.VACANCY_STATUS:
        query = query.where(Vacancy.status == status)
    if q:
        query = query.where(Vacancy.title.ilike(f"%{q}%") | Company.name.ilike(f"%{q}%"))
    rows = db.session.scalars(query.order_by(Vacancy.created_at.desc(), Vacancy.id.desc()).limit(MAX_ROWS)).all()
    header = [_("Posisi"), _("Perusahaan"), _("Gaji"), _("Status")]
    data = [[v.title, v.company.name + ("" if v.company.status == "verified" else f" ({_('belum diverifikasi')})"),
             rupiah(v.wage_min) + (f"–{rupiah(v.wage_max)}" if v.wage_max else ""),
             str(labels.VACANCY_STATUS.get(v.status, v.status))] for v in rows]
    audit.record(current_user, "export", "vacancies", "", f"{fmt}; {len(data)} rows; q={'yes' if q else 'no'}, status={status}")
    db.session.commit()
    return download(fmt, "lowongan", header, data)


@bp.get("/companies/export")
@writes_on_get
def export_companies():
    header, rows = tables.company_table(tables.company_list())
    return audited_download("perusahaan", header, rows, "companies")


@bp.get("/requests/export")
@writes_on_get
def export_requests():
    requests_ = db.session.scalars(tables.data_requests_query(staff_kelurahan_id())).all()
    header, rows = tables.data_request_table(requests_, utcnow())
    return audited_download("permintaan-data", header, rows, "data_requests")


@bp.get("/reminders/export")
@writes_on_get
def export_reminders():
    """The reminders of the work queue ("Pengingat"): due and not done."""
    header, rows = tables.reminder_table(reminders.open_reminders(staff_kelurahan_id(), limit=MAX_ROWS))
    return audited_download("pengingat", header, rows, "reminders")
