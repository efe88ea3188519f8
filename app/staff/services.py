"""Counter and back-office work of kelurahan staff."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import Select, String, bindparam, cast, literal, or_, select
from sqlalchemy.orm import contains_eager, joinedload

from ..core.crypto import nik_hash
from ..core.forms import normalise_phone
from ..core.timeutil import utcnow
from ..extensions import db
from ..models import Company, Match, Reminder, SeekerProfile, User, Vacancy
from ..ranking.availability import is_available, listable
from ..referrals import services as referrals
from ..referrals.letters import letter_for
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


@cache
def _vacancy_statement() -> Select:
    """Built once per process, like the statements below."""
    return select(Vacancy).where(Vacancy.id == bindparam("vacancy_id")).options(joinedload(Vacancy.company))


def vacancy_with_company(vacancy_id: int) -> Vacancy | None:
    """A vacancy and its company, in one query (the suggestions page shows both)."""
    return db.session.scalar(_vacancy_statement(), {"vacancy_id": vacancy_id})


@cache
def _suggestion_statements() -> tuple[Select, Select]:
    """The two queries of the suggestions page, built once per process: a statement used again
    keeps its compiled form and cache key, which cost more than running these queries."""
    def among(*columns):
        return (select(Match.id, SeekerProfile.full_name, *columns).join(Match.seeker)
                .where(Match.vacancy_id == bindparam("vacancy_id"),
                       SeekerProfile.kelurahan_id == bindparam("kelurahan_id")))

    open_ones = (among(Match.seeker_id, Match.score, Match.reasons, Match.interested, SeekerProfile.rw,
                       SeekerProfile.education, SeekerProfile.major, SeekerProfile.consent_sharing,
                       SeekerProfile.verified_at)
                 .where(Match.status == "suggested", listable())
                 .order_by(Match.interested.desc(), Match.score.desc().nulls_last()).limit(bindparam("limit")))
    # "suggested" written into the SQL, not sent as a value: once psycopg prepares the statement
    # on the server, PostgreSQL plans it for an unknown value, expects "status <> $1" to keep
    # most rows, and so plans it afresh on every run. ("= 'suggested'" above plans well either way.)
    decided = (among(Match.status, Match.reason_code).where(Match.status != literal("suggested", literal_execute=True))
               .order_by(Match.updated_at.desc()).limit(bindparam("limit")))
    return open_ones, decided


def suggestion_lists(vacancy_id: int, kelurahan_id: int, limit: int, decisions_limit: int) -> tuple[list, list]:
    """The two lists of a vacancy's suggestions page, among one kelurahan's residents: its open
    suggestions, interested first, then by score (unscored last; the order of the index
    ix_match_vacancy_rank), and the most recent decisions on its matches there.

    Each item is a row of the match's and its resident's columns that the page shows (`row.id` is
    the match's): the page only reads them, and plain rows cost a fraction of loading two ORM
    objects per line on the busiest page of the desk."""
    open_ones, decided = _suggestion_statements()
    where = {"vacancy_id": vacancy_id, "kelurahan_id": kelurahan_id}
    suggestions = db.session.execute(open_ones, dict(where, limit=limit)).all()
    decisions = db.session.execute(decided, dict(where, limit=decisions_limit)).all()
    return suggestions, decisions
