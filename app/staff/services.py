"""Counter and back-office work of kelurahan staff."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, String, cast, func, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from ..core.crypto import nik_hash
from ..core.forms import normalise_phone
from ..core.timeutil import utcnow
from ..extensions import db
from ..models import Company, Match, Reminder, SeekerProfile, User, Vacancy
from ..ranking.availability import is_available, listable
from ..referrals import services as referrals
from ..referrals.packet import interview_message


@dataclass
class SeekerFilters:
    q: str = ""
    education: str = ""
    rw: str = ""
    skill: str = ""
    status: str = ""
    verified: str = ""


def seeker_query(kelurahan_id: int, filters: SeekerFilters) -> Select:
    query = select(SeekerProfile).where(SeekerProfile.kelurahan_id == kelurahan_id)
    q = filters.q.strip()
    if q:
        if q.isdigit() and len(q) == 16:
            # A NIK never travels in a URL: it is searched with the POST form (find_by_nik).
            query = query.where(False)
        elif q.replace("+", "").replace(" ", "").replace("-", "").isdigit():
            query = query.where(SeekerProfile.phone.contains(normalise_phone(q)))
        else:
            query = query.where(SeekerProfile.full_name.ilike(f"%{q}%"))
    if filters.education:
        query = query.where(SeekerProfile.education == filters.education)
    if filters.rw:
        query = query.where(SeekerProfile.rw == filters.rw)
    if filters.skill:
        # JSON list stored as text on both databases: a case-insensitive substring is enough here.
        query = query.where(cast(SeekerProfile.skills, String).ilike(f"%{filters.skill.strip()}%"))
    if filters.status:
        query = query.where(SeekerProfile.status == filters.status)
    if filters.verified == "no":
        query = query.where(SeekerProfile.verified_at.is_(None))
    elif filters.verified == "yes":
        query = query.where(SeekerProfile.verified_at.is_not(None))
    return query


def page_of(query: Select, page: int, per_page: int, *order_by):
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    pages = max(1, -(-total // per_page))
    page = min(max(1, page), pages)
    rows = db.session.scalars(query.order_by(*order_by).limit(per_page).offset((page - 1) * per_page)).all()
    return rows, page, pages, total


def verify_seeker(seeker: SeekerProfile, actor: User) -> None:
    seeker.verified_at = utcnow()
    seeker.verified_by_id = actor.id
    db.session.flush()


def set_company_status(company: Company, status: str, actor: User) -> None:
    company.status = status
    company.verified_at = utcnow() if status == "verified" else None
    company.verified_by_id = actor.id
    db.session.flush()


def referrals_without_answer(kelurahan_id: int, days: int) -> list[Match]:
    """Referrals the employer has not answered for `days`, except those already on the queue as
    an open reminder (`tick` makes one of each): the queue lists each of them once."""
    cutoff = utcnow() - dt.timedelta(days=days)
    reminded = select(Reminder.id).where(Reminder.match_id == Match.id, Reminder.kind == "no_answer",
                                         Reminder.done_at.is_(None))
    return db.session.scalars(
        select(Match).join(SeekerProfile)
        .where(SeekerProfile.kelurahan_id == kelurahan_id, Match.status.in_(("referred", "applied")),
               Match.referred_at < cutoff,
               ~reminded.exists())
        .options(contains_eager(Match.seeker), joinedload(Match.vacancy).joinedload(Vacancy.company))
        .order_by(Match.referred_at)
    ).all()


def refer_many(matches: list[Match], actor: User) -> tuple[list[Match], list[tuple[Match, str]]]:
    """Refer every resident who may be referred; say why for the others."""
    done, skipped = [], []
    for match in matches:
        if not match.seeker.consent_sharing:
            skipped.append((match, "no_consent"))
        elif not is_available(match.seeker):
            skipped.append((match, "working"))  # only a manual referral with a reason overrides it
        elif (match.vacancy.status != "open" or match.vacancy.company.status != "verified"
              or not referrals.can_move(match, "referred")):
            skipped.append((match, "not_allowed"))
        else:
            referrals.refer(match, actor)
            done.append(match)
    return done, skipped


def matches_for_staff(vacancy: Vacancy, kelurahan_id: int, ids: list[int]) -> list[Match]:
    if not ids:
        return []
    return db.session.scalars(
        select(Match).join(SeekerProfile)
        .where(Match.id.in_(ids), Match.vacancy_id == vacancy.id, SeekerProfile.kelurahan_id == kelurahan_id)
    ).all()


def wa_number(phone: str | None) -> str | None:
    """08xx… → 628xx… for https://wa.me/; None when there is no usable number."""
    digits = normalise_phone(phone)
    if not digits.startswith("0") or not digits[1:].isdigit() or len(digits) < 9:
        return None
    return "62" + digits[1:]


def whatsapp_links(match: Match) -> dict[str, str]:
    """Click-to-chat links with a prefilled Indonesian message: to the resident (about the
    referral or the interview) and to the employer's contact. Links only; nothing is loaded."""
    if match.status not in referrals.OPEN_REFERRAL + ("hired",):
        return {}
    letter = letter_for(match)
    number = letter.number if letter else "–"
    seeker, vacancy = match.seeker, match.vacancy
    company, kelurahan = vacancy.company, seeker.kelurahan.name
    links = {}
    with force_locale("id"):
        if match.status == "interview" and match.interview_at is not None:
            # The whole packet: time, place, whom to ask for, what to bring (app/referrals/packet.py).
            to_seeker = "\n".join((_("Halo %(name)s, ini petugas Kelurahan %(k)s.", name=seeker.full_name, k=kelurahan),
                                    interview_message(match), _("Semoga sukses!")))
        elif match.status == "hired":
            to_seeker = _("Halo %(name)s, ini petugas Kelurahan %(k)s. Selamat, Anda diterima bekerja di %(company)s sebagai %(title)s!",
                          name=seeker.full_name, k=kelurahan, company=company.name, title=vacancy.title)
        else:
            to_seeker = _("Halo %(name)s, ini petugas Kelurahan %(k)s. Anda sudah kami rujuk ke %(company)s untuk lowongan %(title)s. Surat pengantar nomor %(number)s dapat diambil di kantor kelurahan. Mohon tunggu kabar dari perusahaan.",
                          name=seeker.full_name, k=kelurahan, company=company.name, title=vacancy.title, number=number)
        to_employer = _("Yth. %(contact)s, ini petugas Kelurahan %(k)s. Kami merujuk %(name)s untuk lowongan %(title)s (surat pengantar nomor %(number)s). Mohon kabari hasilnya melalui LokerWarga. Terima kasih.",
                        contact=company.contact_name or company.name, k=kelurahan, name=seeker.full_name,
                        title=vacancy.title, number=number)
    seeker_number, company_number = wa_number(seeker.phone), wa_number(company.contact_phone)
    if seeker_number:
        links["seeker"] = f"https://wa.me/{seeker_number}?text={quote(to_seeker)}"
    if company_number:
        links["employer"] = f"https://wa.me/{company_number}?text={quote(to_employer)}"
    return links


def search_text(value: str) -> str:
    return " ".join((value or "").split())[:100]


__all__ = ["SeekerFilters", "or_"]


def find_by_nik(kelurahan_id: int, nik: str) -> SeekerProfile | None:
    nik = "".join(ch for ch in nik or "" if ch.isdigit())
    if len(nik) != 16:
        return None
    return db.session.scalar(select(SeekerProfile).where(SeekerProfile.kelurahan_id == kelurahan_id,
                                                         SeekerProfile.nik_hash == nik_hash(nik)))


def vacancy_with_company(vacancy_id: int) -> Vacancy | None:
    """A vacancy and its company, in one query (the suggestions page shows both)."""
    return db.session.scalar(select(Vacancy).where(Vacancy.id == vacancy_id).options(joinedload(Vacancy.company)))


def suggestion_lists(vacancy_id: int, kelurahan_id: int, limit: int,
                     decisions_limit: int) -> tuple[list[Match], list[Match]]:
    """The two lists of a vacancy's suggestions page, among one kelurahan's residents: its open
    suggestions, interested first, then by score (unscored last; the order of the index
    ix_match_vacancy_rank), and the most recent decisions on its matches there. Each match comes
    with the columns of its resident that the page shows."""
    among = (select(Match).join(Match.seeker)
             .where(Match.vacancy_id == vacancy_id, SeekerProfile.kelurahan_id == kelurahan_id)
             .options(contains_eager(Match.seeker).load_only(
                 SeekerProfile.full_name, SeekerProfile.rw, SeekerProfile.education, SeekerProfile.major,
                 SeekerProfile.consent_sharing, SeekerProfile.verified_at, SeekerProfile.status)))
    suggestions = db.session.scalars(
        among.where(Match.status == "suggested", listable())
        .order_by(Match.interested.desc(), Match.score.desc().nulls_last()).limit(limit)).all()
    decisions = db.session.scalars(
        among.where(Match.status != "suggested").order_by(Match.updated_at.desc()).limit(decisions_limit)).all()
    return suggestions, decisions


# --- lists as downloads (app/core/exports.py) -------------------------------------------------
# Each list page and its export share the query below; the table functions give the columns
# the page shows (action buttons left out), as text, in the page's order.

from urllib.parse import quote

from flask_babel import force_locale
from flask_babel import gettext as _  # noqa: E402

from ..core import labels  # noqa: E402
from ..core.web import date_id, datetime_id  # noqa: E402
from ..models import DataRequest  # noqa: E402
from ..referrals.letters import letter_for
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
