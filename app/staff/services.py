"""Counter and back-office work of kelurahan staff."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, String, cast, func, or_, select

from .. import referrals
from ..crypto import nik_hash
from ..extensions import db
from ..forms import normalise_phone
from ..models import Company, Match, SeekerProfile, User, Vacancy
from ..timeutil import utcnow


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
            query = query.where(SeekerProfile.nik_hash == nik_hash(q))
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
    cutoff = utcnow() - dt.timedelta(days=days)
    return db.session.scalars(
        select(Match).join(SeekerProfile)
        .where(SeekerProfile.kelurahan_id == kelurahan_id, Match.status == "referred", Match.referred_at < cutoff)
        .order_by(Match.referred_at)
    ).all()


def refer_many(matches: list[Match], actor: User) -> tuple[list[Match], list[tuple[Match, str]]]:
    """Refer every resident who may be referred; say why for the others."""
    done, skipped = [], []
    for match in matches:
        if not match.seeker.consent_sharing:
            skipped.append((match, "no_consent"))
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


def search_text(value: str) -> str:
    return " ".join((value or "").split())[:100]


__all__ = ["SeekerFilters", "or_"]
