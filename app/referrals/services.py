"""The referral state machine: suggested → referred → interview → hired | refused | withdrawn,
or suggested → dismissed. At a job fair the employer's booth records the resident's own
application: suggested (or dismissed) → applied ("melamar di bursa kerja") → interview | hired |
refused | withdrawn, the fair being the referral's source (app/fairs). Every move is a MatchEvent
(who, when, why).

The resident hears of every move of a referral by email (app/referrals/notices.py): the callers of refer,
invite_interview, hire and refuse send it once the answer is saved; the moves made here on the
way (other referrals closed by a hire, referrals closed by a filled vacancy, an interested
resident's suggestion dismissed) are sent from here, and so is the employer's notice of a vacancy
filled."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from ..core.timeutil import utcnow
from ..extensions import db
from ..models import Match, MatchEvent, User, Vacancy
from .notices import notify_resident, vacancy_filled

TRANSITIONS: dict[str, frozenset[str]] = {
    "suggested": frozenset({"referred", "dismissed", "applied"}),
    "referred": frozenset({"interview", "hired", "refused", "withdrawn"}),
    # Applied at a job fair: the employer met the resident there and answers as for a referral.
    "applied": frozenset({"interview", "hired", "refused", "withdrawn"}),
    "interview": frozenset({"interview", "hired", "refused", "withdrawn"}),
    "hired": frozenset(),
    "refused": frozenset(),
    "withdrawn": frozenset(),
    # A suggestion staff did not pursue: the resident may still apply at a fair's booth.
    "dismissed": frozenset({"applied"}),
}
OPEN_REFERRAL = ("referred", "applied", "interview")
CLOSED = ("hired", "refused", "withdrawn", "dismissed")


class TransitionError(ValueError):
    pass


def can_move(match: Match, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(match.status, frozenset())


def move(match: Match, to_status: str, actor: User | None, *, reason_code: str | None = None,
         note: str = "", at: dt.datetime | None = None) -> MatchEvent:
    if not can_move(match, to_status):
        raise TransitionError(f"{match.status} → {to_status} is not allowed")
    event = MatchEvent(match=match, from_status=match.status, to_status=to_status, outcome=to_status,
                       reason_code=reason_code, note=note[:500], actor_id=actor.id if actor else None,
                       at=at or utcnow())
    match.status = to_status
    match.reason_code = reason_code
    match.updated_at = utcnow()
    db.session.add(event)
    return event


def refer(match: Match, actor: User, note: str = "") -> None:
    if match.vacancy.status != "open" or match.vacancy.company.status != "verified":
        raise TransitionError("vacancy is not open, or its company is not verified")
    move(match, "referred", actor, note=note)
    match.referred_at = utcnow()
    db.session.flush()


def dismiss(match: Match, actor: User, reason_code: str, note: str = "") -> None:
    move(match, "dismissed", actor, reason_code=reason_code, note=note)
    db.session.flush()
    if match.interested:  # the resident said "saya berminat" and waits for an answer
        _notify(match)


def _notify(match: Match) -> None:
    notify_resident(match)


def invite_interview(match: Match, actor: User, when: dt.datetime, note: str = "", *, place: str = "",
                     contact: str = "", bring: str = "", notes: str = "") -> None:
    """Blank details fall back to the company's address and contact (app/referrals/packet.py)."""
    move(match, "interview", actor, note=note)
    match.interview_at = when
    match.interview_place = (place or "").strip()[:255]
    match.interview_contact = (contact or "").strip()[:160]
    match.interview_bring = (bring or "").strip()[:500]
    match.interview_notes = (notes or "").strip()[:1000]
    db.session.flush()


def refuse(match: Match, actor: User, reason_code: str, note: str = "") -> None:
    move(match, "refused", actor, reason_code=reason_code, note=note)
    db.session.flush()


def hire(match: Match, actor: User, start_date: dt.date, contract_type: str, note: str = "", *,
         contract_end_date: dt.date | None = None) -> None:
    """A hire closes the resident's other open referrals and fills the vacancy when it is full."""
    move(match, "hired", actor, note=note)
    match.start_date = start_date
    match.contract_type = contract_type
    match.contract_end_date = contract_end_date
    match.seeker.status = "working"
    others = db.session.scalars(
        select(Match).where(Match.seeker_id == match.seeker_id, Match.id != match.id,
                            Match.status.in_(OPEN_REFERRAL))
    ).all()
    for other in others:
        move(other, "withdrawn", actor, reason_code="hired_elsewhere")
        _notify(other)
    db.session.flush()
    fill_if_complete(match.vacancy, actor)


def hires_count(vacancy: Vacancy) -> int:
    return db.session.scalar(
        select(func.count()).select_from(Match).where(Match.vacancy_id == vacancy.id, Match.status == "hired")
    ) or 0


def fill_if_complete(vacancy: Vacancy, actor: User | None) -> bool:
    if hires_count(vacancy) < vacancy.openings:
        return False
    vacancy.status = "filled"
    close_open_referrals(vacancy, actor, "vacancy_filled")

    vacancy_filled(vacancy, hires_count(vacancy))
    return True


def close_open_referrals(vacancy: Vacancy, actor: User | None, reason_code: str) -> None:
    for match in db.session.scalars(
        select(Match).where(Match.vacancy_id == vacancy.id, Match.status.in_(OPEN_REFERRAL))
    ).all():
        move(match, "withdrawn", actor, reason_code=reason_code)
        _notify(match)
    db.session.flush()
