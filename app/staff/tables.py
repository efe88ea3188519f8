"""Staff lists as downloads (app/core/exports.py): each list page and its export share one
query, and the table functions here give the columns the page shows (action buttons left out),
as text, in the page's order."""
from __future__ import annotations

import datetime as dt

from flask_babel import gettext as _
from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from ..core import labels
from ..core.web import date_id, datetime_id
from ..extensions import db
from ..models import Company, DataRequest, SeekerProfile, Vacancy
from ..referrals.reminders import kind_label


def _lines(*parts: str | None) -> str:
    """A cell that shows several lines on the page (<br>): its non-empty parts, one a line."""
    return "\n".join(p for p in parts if p)


def _company_name(company: Company) -> str:
    return company.name + ("" if company.status == "verified" else f" ({_('belum diverifikasi')})")


def company_list() -> list[Company]:
    """Every company, those waiting for verification first (staff.companies)."""
    return db.session.scalars(select(Company).options(joinedload(Company.kelurahan))
                              .order_by(Company.status != "pending", Company.name)).all()


def company_table(companies: list[Company]) -> tuple[list[str], list[list[str]]]:
    header = [_("Perusahaan"), _("KBLI"), _("Kontak"), _("Status")]
    rows = [[_lines(c.name, c.address), c.kbli_code or "–",
             _lines(c.contact_name, " ".join(p for p in (c.contact_phone, c.contact_email) if p)),
             str(labels.COMPANY_STATUS.get(c.status, c.status))] for c in companies]
    return header, rows


def data_requests_query(kelurahan_id: int) -> Select:
    """The kelurahan's UU PDP requests, open ones first, by due time (staff.requests)."""
    return (select(DataRequest).where(DataRequest.kelurahan_id == kelurahan_id)
            .options(joinedload(DataRequest.seeker)).order_by(DataRequest.status != "open", DataRequest.due_at))


def data_request_table(rows: list[DataRequest], now: dt.datetime) -> tuple[list[str], list[list[str]]]:
    header = [_("Warga"), _("Jenis permintaan"), _("Tanggal masuk"), _("Batas waktu"), _("Isi permintaan"),
              _("Status"), _("Tanggapan")]

    def status(r: DataRequest) -> str:
        if r.status == "open":
            return _("lewat batas") if r.due_at < now else _("menunggu tanggapan")
        return _("selesai") if r.status == "done" else _("ditolak")

    data = [[r.seeker.full_name if r.seeker else "–",
             _("Perbaikan data") if r.kind == "correction" else _("Penghapusan data"),
             datetime_id(r.created_at), datetime_id(r.due_at), r.detail, status(r),
             r.response if r.status != "open" else ""] for r in rows]
    return header, data


def vacancy_review_table(vacancies: list[Vacancy], waiting: bool) -> tuple[list[str], list[list[str]]]:
    """Waiting: the table "Menunggu tinjauan"; else the list "Menunggu perubahan dari perusahaan"."""
    if waiting:
        return ([_("Posisi"), _("Perusahaan"), _("Diajukan")],
                [[v.title, _company_name(v.company), datetime_id(v.updated_at)] for v in vacancies])
    return [_("Posisi"), _("Perusahaan")], [[v.title, v.company.name] for v in vacancies]


def duplicate_table(pairs: list, all_kelurahan: bool) -> tuple[list[str], list[list[str]]]:
    """The pairs of the duplicates page (duplicates.find_pairs, then load_profiles)."""
    def who(seeker: SeekerProfile) -> str:
        return f"{seeker.full_name} #{seeker.id}" + (f" · {seeker.kelurahan.name}" if all_kelurahan else "")

    def reasons(pair) -> str:
        return ", ".join(_("nama mirip (%(p)d%%)", p=params["percent"]) if code == "name" else _("No. HP sama")
                         for code, params in pair.reasons)

    header = [_("Warga"), _("Kemungkinan sama dengan"), _("Tanggal lahir"), _("Alasan")]
    return header, [[who(p.a), who(p.b), date_id(p.birth_date), reasons(p)] for p in pairs]


def reminder_table(reminders: list) -> tuple[list[str], list[list[str]]]:
    """The reminders of the work queue (reminders.open_reminders), one a row."""
    header = [_("Pengingat"), _("Jatuh tempo"), _("Warga"), _("Lowongan"), _("Keterangan")]
    rows = []
    for r in reminders:
        who, vacancy, detail = "–", "–", ""
        if r.match is not None:
            m = r.match
            who, vacancy = m.seeker.full_name, f"{m.vacancy.title}, {m.vacancy.company.name}"
            if r.kind == "no_answer":
                detail = _("dirujuk %(d)s", d=date_id(m.referred_at))
            elif r.kind == "contract_end":
                detail = f"{labels.CONTRACT.get(m.contract_type, '')}, {_('berakhir %(d)s', d=date_id(m.contract_end_date))}"
            else:
                detail = _("mulai bekerja %(d)s", d=date_id(m.start_date))
        elif r.seeker is not None:
            s = r.seeker
            who = s.full_name
            detail = _("kartu AK/I %(n)s, berlaku sampai %(d)s", n=s.ak1_number or "–", d=date_id(s.ak1_valid_until))
        rows.append([kind_label(r.kind), date_id(r.due_on), who, vacancy, detail])
    return header, rows
