"""Job fairs: the event, the companies invited and the vacancies they bring, what the public
board shows of a fair, and residents' passes. What a booth records is in booth.py.

Public reads load no personal data: a fair's page names the fair, its companies and vacancies."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from types import SimpleNamespace

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, joinedload

from ..board.services import open_vacancies
from ..core.links import external_url
from ..core.outbox import queue_email
from ..core.timeutil import WIB, utcnow
from ..core.web import datetime_id
from ..extensions import db
from ..models import Company, Fair, FairCompany, FairPass, FairVacancy, Kelurahan, SeekerProfile, User, Vacancy
from ..referrals.notices import employer_recipients

# Pass codes: no 0/O, 1/I/L to misread at a booth; 31^8 ≈ 8.5·10^11 codes, drawn by `secrets`.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
SCOPES = ("kelurahan", "kecamatan")


class FairError(ValueError):
    """A request the fair cannot take: `str(err)` is one of FAIR_ERRORS' keys."""


FAIR_ERRORS = {
    "over": _l("Bursa kerja ini sudah selesai."),
    "scope": _l("Bursa kerja ini untuk warga wilayah lain."),
    "full": _l("Kuota peserta bursa kerja ini sudah penuh."),
}


def error_message(err: FairError) -> str:
    return str(FAIR_ERRORS.get(str(err), err))


# ---- the event -------------------------------------------------------------------------------

def staff_fairs(kelurahan_id: int) -> list[Fair]:
    """The fairs of a staff member's kelurahan, the coming ones first."""
    now = utcnow()
    return list(db.session.scalars(
        select(Fair).where(Fair.kelurahan_id == kelurahan_id)
        .order_by((Fair.ends_at < now), Fair.starts_at)))


def save_fair(fair: Fair | None, data: dict, kelurahan: Kelurahan, actor: User) -> Fair:
    """Create or change a fair from the form's data (times are WIB as typed)."""
    if fair is None:
        fair = Fair(kelurahan_id=kelurahan.id, created_by_id=actor.id)
        db.session.add(fair)
    fair.name = data["name"].strip()
    fair.place = data["place"].strip()
    fair.starts_at = data["starts_at"].replace(tzinfo=WIB)
    fair.ends_at = data["ends_at"].replace(tzinfo=WIB)
    fair.scope = data["scope"] if data["scope"] in SCOPES else "kelurahan"
    fair.capacity = data.get("capacity") or 0
    fair.description = (data.get("description") or "").strip()
    db.session.flush()
    return fair


def is_over(fair: Fair) -> bool:
    return fair.ends_at <= utcnow()


def in_scope(fair: Fair, kelurahan: Kelurahan) -> bool:
    """A resident of `kelurahan` may come: the fair's own kelurahan, or its kecamatan."""
    own = fair.kelurahan
    if fair.scope == "kecamatan":
        return (kelurahan.kecamatan, kelurahan.kota) == (own.kecamatan, own.kota)
    return kelurahan.id == own.id


def invitable_companies(fair: Fair) -> list[Company]:
    """Verified companies not invited yet, by name."""
    invited = select(FairCompany.company_id).where(FairCompany.fair_id == fair.id)
    return list(db.session.scalars(
        select(Company).where(Company.status == "verified", Company.id.not_in(invited)).order_by(Company.name)))


def invite_company(fair: Fair, company: Company, actor: User) -> FairCompany | None:
    """Invite a verified company (once) and tell its contacts by email. None when it cannot be invited."""
    if company.status != "verified":
        return None
    found = participation(fair, company)
    if found is not None:
        return found
    row = FairCompany(fair=fair, company_id=company.id, invited_by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    _email_invitation(fair, company)
    return row


def _email_invitation(fair: Fair, company: Company) -> None:
    # The company's contact email and its HRD accounts, as for a vacancy's notices.
    recipients = employer_recipients(SimpleNamespace(company=company))
    with force_locale("id"):
        subject = _("Undangan bursa kerja: %(name)s", name=fair.name)
        body = "\n".join([
            _("Yth. %(company)s,", company=company.name), "",
            _("Kelurahan %(kelurahan)s mengundang perusahaan Anda ke %(name)s, %(when)s WIB, di %(place)s.",
              kelurahan=fair.kelurahan.name, name=fair.name, when=datetime_id(fair.starts_at, zone=False),
              place=fair.place), "",
            _("Pilih lowongan yang Anda bawa ke bursa kerja di LokerWarga: %(url)s",
              url=external_url("fairs.company_fair", fair_id=fair.id)),
        ])
    for address in recipients:
        queue_email(address, subject, body)


def participation(fair: Fair, company: Company) -> FairCompany | None:
    return db.session.scalar(select(FairCompany).where(FairCompany.fair_id == fair.id,
                                                       FairCompany.company_id == company.id))


def company_fairs(company: Company) -> list[tuple[Fair, FairCompany]]:
    """The fairs a company is invited to, the coming ones first."""
    now = utcnow()
    return list(db.session.execute(
        select(Fair, FairCompany).join(FairCompany, FairCompany.fair_id == Fair.id)
        .where(FairCompany.company_id == company.id)
        .order_by((Fair.ends_at < now), Fair.starts_at)).tuples())


def company_vacancies(company: Company) -> list[Vacancy]:
    """The company's vacancies that may go to a fair: published and open."""
    return list(db.session.scalars(
        select(Vacancy).where(Vacancy.company_id == company.id, Vacancy.status == "open").order_by(Vacancy.title)))


def fair_vacancies(fair: Fair, company: Company | None = None) -> list[Vacancy]:
    query = (select(Vacancy).join(FairVacancy, FairVacancy.vacancy_id == Vacancy.id)
             .join(Company, Company.id == Vacancy.company_id).options(contains_eager(Vacancy.company))
             .where(FairVacancy.fair_id == fair.id).order_by(Company.name, Vacancy.title))
    if company is not None:
        query = query.where(Vacancy.company_id == company.id)
    return list(db.session.scalars(query))


def set_fair_vacancies(fair: Fair, row: FairCompany, vacancy_ids: set[int], actor: User) -> list[Vacancy]:
    """The company brings exactly these of its open vacancies (others it chose before are taken off)."""
    company_id = row.company_id
    chosen = [v for v in company_vacancies(row.company) if v.id in vacancy_ids]
    current = {fv.vacancy_id: fv for fv in db.session.scalars(
        select(FairVacancy).join(Vacancy).where(FairVacancy.fair_id == fair.id, Vacancy.company_id == company_id))}
    for vacancy in chosen:
        if vacancy.id not in current:
            db.session.add(FairVacancy(fair_id=fair.id, vacancy_id=vacancy.id, added_by_id=actor.id))
    for vacancy_id, fv in current.items():
        if vacancy_id not in {v.id for v in chosen}:
            db.session.delete(fv)
    row.joined_at = (row.joined_at or utcnow()) if chosen else None
    db.session.flush()
    return chosen


# ---- the public board ------------------------------------------------------------------------

@dataclass(frozen=True)
class PublicFair:
    fair: Fair
    vacancies: list[Vacancy]  # open, published, of verified companies; company names only
    companies: list[str]


def public_fair(fair_id: int) -> PublicFair | None:
    fair = db.session.scalar(select(Fair).where(Fair.id == fair_id).options(joinedload(Fair.kelurahan)))
    if fair is None:
        return None
    query = (open_vacancies().join(FairVacancy, FairVacancy.vacancy_id == Vacancy.id)
             .where(FairVacancy.fair_id == fair.id)
             .options(contains_eager(Vacancy.company).load_only(Company.id, Company.name, Company.status))
             .order_by(Company.name, Vacancy.title))
    vacancies = list(db.session.scalars(query).unique())
    companies = list(db.session.scalars(
        select(Company.name).join(FairCompany, FairCompany.company_id == Company.id)
        .where(FairCompany.fair_id == fair.id, FairCompany.joined_at.is_not(None), Company.status == "verified")
        .order_by(Company.name)))
    return PublicFair(fair, vacancies, companies)


def upcoming_fairs(limit: int = 5) -> list[Fair]:
    """Fairs not over yet, the soonest first (the board's front page)."""
    return list(db.session.scalars(
        select(Fair).where(Fair.ends_at > utcnow()).options(joinedload(Fair.kelurahan))
        .order_by(Fair.starts_at, Fair.id).limit(limit)))


# ---- passes ----------------------------------------------------------------------------------

def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str | None) -> str:
    """What a person typed, as stored: capitals, without spaces or dashes."""
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())[:CODE_LENGTH * 2]


def display_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def pass_count(fair: Fair) -> int:
    return db.session.scalar(select(func.count()).select_from(FairPass).where(FairPass.fair_id == fair.id)) or 0


def pass_of(fair: Fair, seeker: SeekerProfile) -> FairPass | None:
    return db.session.scalar(select(FairPass).where(FairPass.fair_id == fair.id, FairPass.seeker_id == seeker.id))


def register_pass(fair: Fair, seeker: SeekerProfile, actor: User, channel: str = "online") -> FairPass:
    """The resident's pass to the fair: the one they have, or a new one while there is room."""
    found = pass_of(fair, seeker)
    if found is not None:
        return found
    if is_over(fair):
        raise FairError("over")
    if not in_scope(fair, seeker.kelurahan):
        raise FairError("scope")
    if fair.capacity and pass_count(fair) >= fair.capacity:
        raise FairError("full")
    for _attempt in range(5):  # a clash of random codes is rare; draw again
        code = new_code()
        if db.session.scalar(select(FairPass.id).where(FairPass.code == code)) is None:
            break
    row = FairPass(fair_id=fair.id, seeker_id=seeker.id, code=code, channel=channel, registered_by_id=actor.id)
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # registered twice at once: the first one stands
        found = pass_of(fair, seeker)
        if found is None:
            raise
        return found
    return row


def door_fair(fair_id: int | None, kelurahan_id: int) -> Fair | None:
    """The fair of this kelurahan, not over yet, whose door a walk-in registration is made at."""
    if fair_id is None:
        return None
    fair = db.session.get(Fair, fair_id)
    if fair is None or fair.kelurahan_id != kelurahan_id or is_over(fair):
        return None
    return fair


def open_fairs_for(seeker: SeekerProfile) -> list[Fair]:
    """Fairs not over yet that the resident may register for, the soonest first."""
    own = seeker.kelurahan
    same_kecamatan = select(Kelurahan.id).where(Kelurahan.kecamatan == own.kecamatan, Kelurahan.kota == own.kota)
    return list(db.session.scalars(
        select(Fair).where(Fair.ends_at > utcnow(),
                           or_(Fair.kelurahan_id == own.id,
                               (Fair.scope == "kecamatan") & Fair.kelurahan_id.in_(same_kecamatan)))
        .order_by(Fair.starts_at)))


def passes_of(seeker: SeekerProfile) -> dict[int, FairPass]:
    return {p.fair_id: p for p in db.session.scalars(select(FairPass).where(FairPass.seeker_id == seeker.id))}
