"""The triage queue of the staff home: four tabs of work, each with its counter, the most urgent
first. Service functions read, or flush and never commit.

Urgency, plainly: every item has a due moment, and an item is overdue once that moment has passed.
- reminders: the day the reminder is due (`Reminder.due_on`); overdue from the next day;
- data requests (UU PDP): their legal deadline (`DataRequest.due_at`);
- vacancies to review: TRIAGE_REVIEW_DAYS after the employer submitted them;
- registrations and companies to verify: TRIAGE_VERIFY_DAYS after they registered.
Each tab lists its items by due moment, oldest first, so the overdue ones come first. The page opens
on the tab whose oldest overdue item has waited longest; with nothing overdue, on the first tab
that has work, in the order of TABS.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import Select, func, literal, select, union_all
from sqlalchemy.orm import contains_eager, joinedload

from ..core.timeutil import WIB, to_wib, utcnow
from ..extensions import db
from ..models import Company, DataRequest, Match, Reminder, SeekerProfile, User, Vacancy
from ..referrals import reminders as reminder_service

TABS = ("review", "verify", "requests", "reminders")  # the order of the tabs, and of ties
MAX_BATCH = 100  # reminders handled in one submit (a page shows at most PER_PAGE)


@dataclass(frozen=True)
class Counter:
    tab: str
    total: int
    overdue: int
    oldest_due: dt.datetime | None  # the due moment of its oldest overdue item


def _days(name: str, default: int) -> dt.timedelta:
    return dt.timedelta(days=int(current_app.config.get(name, default)))


def _start_of_day(day: dt.date) -> dt.datetime:
    """A WIB day's first moment, in UTC (reminders are due on a day, the rest at a moment)."""
    return dt.datetime.combine(day, dt.time(), WIB).astimezone(dt.timezone.utc)


def _review_filter(kelurahan_id: int):
    # Vacancies of the kelurahan's companies, and of companies outside any kelurahan (as before).
    return (Vacancy.status == "review") & ((Company.kelurahan_id == kelurahan_id) | Company.kelurahan_id.is_(None))


def _reminder_filter(kelurahan_id: int, today: dt.date):
    return (Reminder.kelurahan_id == kelurahan_id) & Reminder.done_at.is_(None) & (Reminder.due_on <= today)


def _verify_parts(kelurahan_id: int):
    """Residents registered and not yet verified, and companies waiting for verification: those
    this staff member may verify (the company's address is in their kelurahan)."""
    seekers = (SeekerProfile.kelurahan_id == kelurahan_id) & SeekerProfile.verified_at.is_(None) \
        & SeekerProfile.nik_hash.not_like("deleted:%")
    companies = (Company.kelurahan_id == kelurahan_id) & (Company.status == "pending")
    return seekers, companies


def counters(kelurahan_id: int, now: dt.datetime | None = None) -> dict[str, Counter]:
    """Each tab's number of items, of overdue items, and its oldest overdue due moment: one query."""
    now = now or utcnow()
    today = to_wib(now).date()
    review_cutoff = now - _days("TRIAGE_REVIEW_DAYS", 2)
    verify_cutoff = now - _days("TRIAGE_VERIFY_DAYS", 3)
    seekers, companies = _verify_parts(kelurahan_id)

    def count(model, where, *joins):
        query = select(func.count()).select_from(model)
        for join in joins:
            query = query.join(join)
        return query.where(where).scalar_subquery()

    def oldest(column, model, where, *joins):
        query = select(func.min(column)).select_from(model)
        for join in joins:
            query = query.join(join)
        return query.where(where).scalar_subquery()

    reminders = _reminder_filter(kelurahan_id, today)
    requests = (DataRequest.kelurahan_id == kelurahan_id) & (DataRequest.status == "open")
    review = _review_filter(kelurahan_id)
    row = db.session.execute(select(
        count(Reminder, reminders), count(Reminder, reminders & (Reminder.due_on < today)),
        oldest(Reminder.due_on, Reminder, reminders & (Reminder.due_on < today)),
        count(DataRequest, requests), count(DataRequest, requests & (DataRequest.due_at < now)),
        oldest(DataRequest.due_at, DataRequest, requests & (DataRequest.due_at < now)),
        count(Vacancy, review, Company), count(Vacancy, review & (Vacancy.updated_at < review_cutoff), Company),
        oldest(Vacancy.updated_at, Vacancy, review & (Vacancy.updated_at < review_cutoff), Company),
        count(SeekerProfile, seekers), count(SeekerProfile, seekers & (SeekerProfile.created_at < verify_cutoff)),
        oldest(SeekerProfile.created_at, SeekerProfile, seekers & (SeekerProfile.created_at < verify_cutoff)),
        count(Company, companies), count(Company, companies & (Company.created_at < verify_cutoff)),
        oldest(Company.created_at, Company, companies & (Company.created_at < verify_cutoff)),
    )).one()
    (r_total, r_over, r_old, d_total, d_over, d_old, v_total, v_over, v_old,
     s_total, s_over, s_old, c_total, c_over, c_old) = row
    review_days, verify_days = _days("TRIAGE_REVIEW_DAYS", 2), _days("TRIAGE_VERIFY_DAYS", 3)
    verify_old = [_aware(t) + verify_days for t in (s_old, c_old) if t is not None]
    return {
        "reminders": Counter("reminders", r_total, r_over,
                             _start_of_day(r_old + dt.timedelta(days=1)) if r_old else None),
        "requests": Counter("requests", d_total, d_over, _aware(d_old)),
        "review": Counter("review", v_total, v_over, _aware(v_old) + review_days if v_old else None),
        "verify": Counter("verify", s_total + c_total, s_over + c_over, min(verify_old) if verify_old else None),
    }


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=dt.timezone.utc)


def most_urgent_tab(counts: dict[str, Counter]) -> str:
    """The tab whose oldest overdue item waited longest; else the first tab with work (see above)."""
    overdue = [c for c in counts.values() if c.oldest_due is not None]
    if overdue:
        return min(overdue, key=lambda c: (c.oldest_due, TABS.index(c.tab))).tab
    return next((tab for tab in TABS if counts[tab].total), TABS[0])


# -- the lists of the tabs, a page at a time (the counter gives the total) ---------------------

def _page(query: Select, page: int, per_page: int):
    return query.limit(per_page).offset((page - 1) * per_page)


def reminder_page(kelurahan_id: int, page: int, per_page: int) -> list[Reminder]:
    """Due reminders, the oldest due first, each with its resident, vacancy and company: one query."""
    today = to_wib(utcnow()).date()
    return db.session.scalars(_page(
        select(Reminder).where(_reminder_filter(kelurahan_id, today))
        .options(joinedload(Reminder.match).options(joinedload(Match.seeker),
                                                    joinedload(Match.vacancy).joinedload(Vacancy.company)),
                 joinedload(Reminder.seeker))
        .order_by(Reminder.due_on, Reminder.id), page, per_page)).unique().all()


def request_page(kelurahan_id: int, page: int, per_page: int) -> list[DataRequest]:
    return db.session.scalars(_page(
        select(DataRequest).where(DataRequest.kelurahan_id == kelurahan_id, DataRequest.status == "open")
        .options(joinedload(DataRequest.seeker)).order_by(DataRequest.due_at, DataRequest.id), page, per_page)).all()


def review_page(kelurahan_id: int, page: int, per_page: int) -> list[Vacancy]:
    return db.session.scalars(_page(
        select(Vacancy).join(Company).where(_review_filter(kelurahan_id)).options(contains_eager(Vacancy.company))
        .order_by(Vacancy.updated_at, Vacancy.id), page, per_page)).all()


@dataclass(frozen=True)
class ToVerify:
    kind: str  # "seeker" or "company"
    id: int
    name: str
    rw: str
    created_at: dt.datetime


def verify_page(kelurahan_id: int, page: int, per_page: int) -> list[ToVerify]:
    """Residents and companies to verify in one list, the longest waiting first: one query."""
    seekers, companies = _verify_parts(kelurahan_id)
    both = union_all(
        select(literal("seeker").label("kind"), SeekerProfile.id.label("id"), SeekerProfile.full_name.label("name"),
               SeekerProfile.rw.label("rw"), SeekerProfile.created_at.label("created_at")).where(seekers),
        select(literal("company"), Company.id, Company.name, literal(""), Company.created_at).where(companies),
    ).subquery()
    rows = db.session.execute(_page(select(both).order_by(both.c.created_at, both.c.kind, both.c.id), page, per_page))
    return [ToVerify(r.kind, r.id, r.name, r.rw or "", _aware(r.created_at)) for r in rows]


LISTS = {"reminders": reminder_page, "requests": request_page, "review": review_page, "verify": verify_page}


def due_moment(tab: str, item) -> dt.datetime:
    """When an item of a tab is (or was) due; the page marks it overdue once this has passed."""
    if tab == "reminders":
        return _start_of_day(item.due_on + dt.timedelta(days=1))
    if tab == "requests":
        return _aware(item.due_at)
    if tab == "review":
        return _aware(item.updated_at) + _days("TRIAGE_REVIEW_DAYS", 2)
    return item.created_at + _days("TRIAGE_VERIFY_DAYS", 3)


# -- handling reminders in a batch -------------------------------------------------------------

class BatchError(ValueError):
    """A batch that cannot be done as a whole; nothing of it is saved. `ids`: the reminders at fault."""

    def __init__(self, message: str, field: str | None = None, ids: tuple[int, ...] = ()):
        super().__init__(message)
        self.field = field
        self.ids = ids


def parse_ids(values: list[str]) -> list[int]:
    """The reminder ids of a submit, in order, once each; a value that is not an id is an error."""
    ids: list[int] = []
    for value in values:
        value = (value or "").strip()
        if not value.isdigit() or len(value) > 18:
            raise BatchError("bad")
        if int(value) not in ids:
            ids.append(int(value))
    return ids


def reminders_for_batch(kelurahan_id: int, ids: list[int]) -> list[Reminder]:
    """The reminders of `ids`, all of them this kelurahan's, or BatchError("missing")."""
    if not ids or len(ids) > MAX_BATCH:
        raise BatchError("none" if not ids else "bad")
    found = db.session.scalars(select(Reminder).where(Reminder.id.in_(ids), Reminder.kelurahan_id == kelurahan_id)
                               .order_by(Reminder.due_on, Reminder.id)).all()
    if len(found) != len(ids):
        raise BatchError("missing")  # another kelurahan's, or gone: the same answer for both
    return found


def complete_batch(found: list[Reminder], actor: User, outcome: str | None, note: str,
                   row_outcomes: dict[int, str] | None = None) -> int:
    """Mark every reminder of the batch done, all or none. A follow-up needs an outcome (is the
    resident still working?): its own row's choice, else the action bar's. Returns how many were
    still open (a double submit counts none)."""
    row_outcomes = row_outcomes or {}
    chosen = {r.id: row_outcomes.get(r.id) or outcome for r in found}
    missing = tuple(r.id for r in found if reminder_service.is_follow_up(r.kind) and r.done_at is None
                    and chosen[r.id] not in reminder_service.OUTCOMES)
    if missing:
        raise BatchError("outcome", field="outcome", ids=missing)
    return sum(reminder_service.complete_reminder(r, actor, note, chosen[r.id]) for r in found)
