"""What the public board reads: open, published vacancies of verified companies, never past their
deadline, with the place they are in. Nothing here touches residents or company contacts: the
public pages must carry no personal data, so the queries do not even load it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from flask_babel import gettext as _
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import aliased, contains_eager

from ..core import labels
from ..core.links import external_url
from ..core.timeutil import to_wib, today_wib
from ..extensions import db
from ..models import Company, Kelurahan, Vacancy
from ..vacancies.licences import licence_names

NOTICE_LIMIT = 60  # vacancies on one weekly notice: more would not fit a notice board anyway

Place = aliased(Kelurahan, name="place")
# Only what the board shows of a company: its name (never its contact person or phone).
COMPANY_COLUMNS = (Company.id, Company.name, Company.status)


def _place_id():
    """A vacancy's kelurahan: its own, else its company's."""
    return func.coalesce(Vacancy.kelurahan_id, Company.kelurahan_id)


def open_vacancies() -> Select:
    """Published (status open), of a verified company, and not past the deadline (WIB)."""
    return (select(Vacancy)
            .join(Company, Company.id == Vacancy.company_id)
            .outerjoin(Place, Place.id == _place_id())
            .where(Vacancy.status == "open", Company.status == "verified",
                   or_(Vacancy.deadline.is_(None), Vacancy.deadline >= today_wib())))


def joined_place(query: Select) -> Select:
    """A query of vacancies joined with their company, joined with their place too (filtered() needs it)."""
    return query.outerjoin(Place, Place.id == _place_id())


def _count(query: Select) -> int:
    return db.session.scalar(select(func.count()).select_from(query.with_only_columns(Vacancy.id).subquery())) or 0


@dataclass(frozen=True)
class Listing:
    vacancy: Vacancy
    place: Kelurahan | None


def _with_place(query: Select) -> Select:
    """Rows of (vacancy with its company's name, its place) in one query."""
    return query.add_columns(Place).options(contains_eager(Vacancy.company).load_only(*COMPANY_COLUMNS))


def _listings(rows) -> list[Listing]:
    return [Listing(vacancy, place) for vacancy, place in rows]


def education_codes_up_to(code: str) -> list[str]:
    """The education minimums a person with `code` meets."""
    rank = labels.EDUCATION_RANK[code]
    return [c for c, r in labels.EDUCATION_RANK.items() if r <= rank]


def filtered(query: Select, *, kecamatan=None, kelurahan_id=None, education=None, contract=None, shift=None,
             wage=None) -> Select:
    if kecamatan:
        query = query.where(Place.kecamatan == kecamatan)
    if kelurahan_id:
        query = query.where(Place.id == kelurahan_id)
    if education:
        query = query.where(or_(Vacancy.education_min.is_(None), Vacancy.education_min == "",
                                Vacancy.education_min.in_(education_codes_up_to(education))))
    if contract:
        query = query.where(Vacancy.contract_type == contract)
    if shift:
        query = query.where(Vacancy.shift == shift)
    if wage:
        # The best the vacancy offers reaches the wage asked for; a vacancy without a wage does not.
        query = query.where(func.coalesce(Vacancy.wage_max, Vacancy.wage_min) >= wage)
    return query


def list_places() -> list:
    """The deployment's kelurahan (id, name, kecamatan) for the filters."""
    return db.session.execute(select(Kelurahan.id, Kelurahan.name, Kelurahan.kecamatan)
                              .order_by(Kelurahan.kecamatan, Kelurahan.name)).all()


def search_board(filters: dict, page: int, per_page: int) -> tuple[list[Listing], int]:
    """One page of the board (newest first) and the number of vacancies found: two queries."""
    query = filtered(open_vacancies(), **filters)
    total = _count(query)
    rows = db.session.execute(_with_place(query).order_by(Vacancy.created_at.desc(), Vacancy.id.desc())
                              .limit(per_page).offset((page - 1) * per_page)).all()
    return _listings(rows), total


def get_listing(vacancy_id: int) -> Listing | None:
    row = db.session.execute(_with_place(open_vacancies().where(Vacancy.id == vacancy_id))).first()
    return Listing(*row) if row else None


def notice_listings(kelurahan: Kelurahan) -> tuple[list[Listing], int]:
    """The open vacancies in a kelurahan for its weekly notice (at most NOTICE_LIMIT) and how many
    there are in all."""
    query = open_vacancies().where(Place.id == kelurahan.id)
    total = _count(query)
    rows = db.session.execute(_with_place(query).order_by(Vacancy.deadline.is_(None), Vacancy.deadline,
                                                          Vacancy.id).limit(NOTICE_LIMIT)).all()
    return _listings(rows), total


def week_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the week holding `day`."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def public_url(vacancy: Vacancy) -> str:
    """The vacancy's page at the configured public address (never the request's Host)."""
    return external_url("board.vacancy", vacancy_id=vacancy.id)


def place_name(listing: Listing) -> str:
    place = listing.place
    parts = (listing.vacancy.location, place.name if place else "", place.kecamatan if place else "")
    return ", ".join(dict.fromkeys(p for p in parts if p))  # each name once, in order


def whatsapp_url(listing: Listing, wage_text: str) -> str:
    """wa.me with a prefilled message: what, where, the wage and the link."""
    vacancy = listing.vacancy
    lines = [_("Lowongan: %(title)s – %(company)s", title=vacancy.title, company=vacancy.company.name)]
    if place_name(listing):
        lines.append(_("Lokasi: %(place)s", place=place_name(listing)))
    if wage_text:
        lines.append(_("Gaji: %(wage)s", wage=wage_text))
    lines.append(_("Info dan daftar: %(url)s", url=public_url(vacancy)))
    return "https://wa.me/?text=" + quote("\n".join(lines), safe="")


EMPLOYMENT_TYPE = {"pkwtt": "FULL_TIME", "pkwt": "CONTRACTOR", "harian": "TEMPORARY", "alih_daya": "CONTRACTOR",
                   "magang": "INTERN", "paruh_waktu": "PART_TIME"}


def job_posting(listing: Listing) -> dict:
    """schema.org JobPosting for search engines and job aggregators (e.g. Karirhub crawlers)."""
    vacancy, place = listing.vacancy, listing.place
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": vacancy.title,
        "description": vacancy.description or vacancy.title,
        "datePosted": to_wib(vacancy.created_at).date().isoformat(),
        "employmentType": EMPLOYMENT_TYPE.get(vacancy.contract_type, "OTHER"),
        "hiringOrganization": {"@type": "Organization", "name": vacancy.company.name},
        "jobLocation": {"@type": "Place", "address": {
            "@type": "PostalAddress",
            "streetAddress": vacancy.location or (place.name if place else ""),
            "addressLocality": place.name if place else (vacancy.location or ""),
            "addressRegion": place.kota if place else "",
            "addressCountry": "ID",
        }},
        "totalJobOpenings": vacancy.openings,
        "url": public_url(vacancy),
    }
    if vacancy.deadline:
        data["validThrough"] = f"{vacancy.deadline.isoformat()}T23:59:59+07:00"
    if vacancy.wage_min or vacancy.wage_max:
        value = {"@type": "QuantitativeValue", "unitText": "MONTH"}
        if vacancy.wage_min:
            value["minValue"] = vacancy.wage_min
        if vacancy.wage_max:
            value["maxValue"] = vacancy.wage_max
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "IDR", "value": value}
    if vacancy.education_min:
        data["educationRequirements"] = str(labels.EDUCATION.get(vacancy.education_min, vacancy.education_min))
    if vacancy.skills:
        data["skills"] = ", ".join(vacancy.skills)
    if vacancy.required_licences:  # what a candidate must hold; schema.org has no field for "preferred"
        data["qualifications"] = ", ".join(licence_names(vacancy.required_licences))
    return data
