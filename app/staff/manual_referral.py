"""Referring a resident by hand: staff search any resident of their kelurahan from a vacancy,
see which of its requirements the resident does not meet (computed here from the records, not by
the engine), and refer with a reason when one is not met. Functions flush and never commit."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from ..core.labels import EDUCATION_RANK
from ..extensions import db
from ..models import Match, SeekerProfile, User, Vacancy
from ..ranking.availability import is_available
from ..referrals import services as referrals
from ..vacancies import licences
from . import services

SHOWN = 20  # search results shown; a narrower search finds the others


@dataclass
class Check:
    """What stands between a resident and a referral to one vacancy. `unmet` can be overridden
    with a reason; `blocked` cannot (consent, a closed vacancy, a referral already made)."""
    seeker: SeekerProfile
    match: Match | None
    unmet: list[tuple[str, dict]] = field(default_factory=list)
    blocked: list[tuple[str, dict]] = field(default_factory=list)


def _norm(text: str) -> str:
    return " ".join((text or "").split()).casefold()


def _has(offered: list[str], wanted: str) -> bool:
    wanted = _norm(wanted)
    return any(wanted == o or wanted in o or o in wanted for o in map(_norm, offered) if o)


def check_requirements(seeker: SeekerProfile, vacancy: Vacancy, match: Match | None) -> Check:
    check = Check(seeker, match)
    if vacancy.education_min:
        need, have = EDUCATION_RANK.get(vacancy.education_min), EDUCATION_RANK.get(seeker.education or "")
        if need is not None and (have is None or have < need):
            check.unmet.append(("education", {"need": vacancy.education_min, "have": seeker.education or ""}))
    missing = [c for c in vacancy.certificates or () if not _has([*(seeker.certificates or ()), *(seeker.skills or ())], c)]
    if missing:
        check.unmet.append(("certificates", {"missing": missing}))
    if vacancy.required_licences:
        held = licences.held_codes([*(seeker.certificates or ()), *(seeker.skills or ())])
        lacking = [code for code in vacancy.required_licences if code not in held]
        if lacking:
            check.unmet.append(("licences", {"missing": lacking}))
    if vacancy.experience_years_min:
        years = sum(float(e.years or 0) for e in seeker.experiences)
        if years < vacancy.experience_years_min:
            check.unmet.append(("experience", {"need": vacancy.experience_years_min, "have": years}))
    if not is_available(seeker):
        check.unmet.append(("status", {"status": seeker.status}))
    if not seeker.consent_sharing:
        check.blocked.append(("no_consent", {}))
    if vacancy.status != "open" or vacancy.company.status != "verified":
        check.blocked.append(("vacancy_closed", {}))
    if match is not None and match.status != "suggested":
        check.blocked.append(("already", {"status": match.status}))
    return check


def search(vacancy: Vacancy, kelurahan_id: int, q: str) -> list[Check]:
    """Residents of the kelurahan by name or phone number, each with their checks."""
    q = services.search_text(q)
    if not q:
        return []
    seekers = db.session.scalars(services.seeker_query(kelurahan_id, services.SeekerFilters(q=q))
                                 .order_by(SeekerProfile.full_name, SeekerProfile.id).limit(SHOWN)).all()
    matches = {m.seeker_id: m for m in db.session.scalars(select(Match).where(
        Match.vacancy_id == vacancy.id, Match.seeker_id.in_([s.id for s in seekers] or [-1])))}
    return [check_requirements(s, vacancy, matches.get(s.id)) for s in seekers]


def check_one(vacancy: Vacancy, seeker: SeekerProfile) -> Check:
    match = db.session.scalar(select(Match).where(Match.vacancy_id == vacancy.id, Match.seeker_id == seeker.id))
    return check_requirements(seeker, vacancy, match)


def refer_by_hand(check: Check, vacancy: Vacancy, actor: User, reason: str) -> Match:
    """Refer the checked resident (the caller made sure nothing blocks it and that a reason was
    given for what is unmet). The reason is the referral's note in its history."""
    match = check.match
    if match is None:
        match = Match(seeker=check.seeker, vacancy=vacancy, status="suggested", reasons=[], model_version="manual")
        db.session.add(match)
        db.session.flush()
    note = reason.strip() or "rujukan manual"
    referrals.refer(match, actor, note=note)
    return match
