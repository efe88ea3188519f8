"""Reminders for kelurahan staff, made by the periodic `tick` job.

| kind | due on | until |
|---|---|---|
| `no_answer` | REFERRAL_ANSWER_DAYS (7) days after the referral, WIB | the employer answers |
| `follow_up_1`, `_3`, `_6` | 1, 3 and 6 months after the start of work (FOLLOW_UP_MONTHS) | done |
| `contract_end` | CONTRACT_END_NOTICE_DAYS (30) before a hire's contract end date | done |
| `ak1_expiry` | the last valid day of the resident's AK/I card (minus AK1_EXPIRY_NOTICE_DAYS) | renewed, done |
| `ak1_report` | 6 months after the last report-back (or the card's issue) | reported, done |

Each reminder has a `key` (kind, subject and, for the AK/I card, the date it is about), unique in
the table, so running `tick` again creates nothing new. A reminder that no longer applies before
anyone handled it (the referral was answered, the card renewed, the resident found work) goes away.
Follow-ups, contract ends and card expiries are only created up to REMINDER_GRACE_DAYS (30) late:
the first tick on old data does not bury staff under reminders of last year. A follow-up whose
earlier follow-up found the resident no longer working is not made.
Service functions flush and never commit.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core import timeutil
from ..extensions import db
from ..jobs.tasks import on_tick
from ..models import Match, Reminder, SeekerProfile, User, Vacancy
from ..ranking import refresh_seeker
from ..ranking.availability import LOOKING, set_status

AK1_VALID_MONTHS = 24  # an AK/I card is valid 2 years
AK1_REPORT_MONTHS = 6  # its holder reports back every 6 months while still looking

OUTCOMES = {
    "working": _l("Masih bekerja"),
    "not_working": _l("Tidak bekerja lagi"),
    "unreachable": _l("Tidak dapat dihubungi"),
}

FOLLOW_UP_STATUS = {"working": "working", "not_working": LOOKING}  # the resident's status a follow-up records


def _setting(name: str, default):
    return current_app.config.get(name, default)


def follow_up_months() -> tuple[int, ...]:
    return tuple(sorted(int(n) for n in _setting("FOLLOW_UP_MONTHS", (1, 3, 6))))


def kind_label(kind: str) -> str:
    if kind.startswith("follow_up_"):
        return ngettext("Tindak lanjut %(num)d bulan setelah mulai bekerja", "Tindak lanjut %(num)d bulan setelah mulai bekerja",
                        int(kind.rsplit("_", 1)[1]))
    return str({
        "no_answer": _l("Rujukan belum dijawab perusahaan"),
        "contract_end": _l("Kontrak kerja akan berakhir"),
        "ak1_expiry": _l("Kartu AK/I habis masa berlakunya"),
        "ak1_report": _l("Waktunya lapor kartu AK/I (6 bulanan)"),
    }.get(kind, kind))


def is_follow_up(kind: str) -> bool:
    return kind.startswith("follow_up_")


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


# -- the AK/I card -----------------------------------------------------------------------------

def ak1_issued_on(valid_until: dt.date) -> dt.date:
    return add_months(valid_until, -AK1_VALID_MONTHS)


def ak1_report_due(valid_until: dt.date | None, last_report: dt.date | None, today: dt.date) -> dt.date | None:
    """The report-back date that matters today: the latest one already due (a missed report is one
    reminder, not one per missed half-year), else the next one. None when the card ends first."""
    if valid_until is None:
        return None
    base = last_report or ak1_issued_on(valid_until)
    months = (today.year - base.year) * 12 + today.month - base.month
    k = max(1, months // AK1_REPORT_MONTHS)
    while add_months(base, AK1_REPORT_MONTHS * (k + 1)) <= today:
        k += 1
    while k > 1 and add_months(base, AK1_REPORT_MONTHS * k) > today:
        k -= 1
    due = add_months(base, AK1_REPORT_MONTHS * k)
    return due if due < valid_until else None


@dataclass(frozen=True)
class Ak1Summary:
    number: str
    valid_until: dt.date | None
    last_report: dt.date | None
    expired: bool
    next_report: dt.date | None
    report_overdue: bool


def ak1_summary(seeker: SeekerProfile) -> Ak1Summary | None:
    """What the resident and staff see about the card (None: no card recorded)."""
    if not seeker.ak1_number:
        return None
    today = timeutil.today_wib()
    valid_until = seeker.ak1_valid_until
    expired = valid_until is not None and valid_until < today
    due = None if expired else ak1_report_due(valid_until, seeker.ak1_last_report, today)
    return Ak1Summary(seeker.ak1_number, valid_until, seeker.ak1_last_report, expired, due,
                      due is not None and due <= today)


def normalise_ak1_number(value: str | None) -> str:
    return " ".join((value or "").split()).upper()


def record_ak1_card(seeker: SeekerProfile, number: str | None, valid_until: dt.date | None,
                    last_report: dt.date | None) -> None:
    """Staff record (or clear, with an empty number) the resident's AK/I card."""
    number = normalise_ak1_number(number)
    seeker.ak1_number = number or None
    seeker.ak1_valid_until = valid_until if number else None
    seeker.ak1_last_report = last_report if number else None
    db.session.flush()
    sync_seeker_reminders(seeker)


# -- which reminders are due -------------------------------------------------------------------

@dataclass(frozen=True)
class Due:
    key: str
    kind: str
    kelurahan_id: int
    due_on: dt.date
    match_id: int | None = None
    seeker_id: int | None = None


def _identified():
    return SeekerProfile.nik_hash.not_like("deleted:%")  # not anonymised (app/privacy/services.py)


def _no_answer(today: dt.date):
    days = int(_setting("REFERRAL_ANSWER_DAYS", 7))
    rows = db.session.execute(
        select(Match.id, Match.referred_at, SeekerProfile.kelurahan_id).join(SeekerProfile)
        .where(Match.status.in_(("referred", "applied")), Match.referred_at.is_not(None),
               Match.referred_at < timeutil.utcnow() - dt.timedelta(days=days - 1), _identified()))
    for match_id, referred_at, kelurahan_id in rows:
        due = timeutil.to_wib(referred_at).date() + dt.timedelta(days=days)
        if due <= today:
            yield Due(f"no_answer:m{match_id}", "no_answer", kelurahan_id, due, match_id=match_id)


def _follow_ups(today: dt.date):
    months, grace = follow_up_months(), int(_setting("REMINDER_GRACE_DAYS", 30))
    if not months:
        return
    rows = db.session.execute(
        select(Match.id, Match.start_date, SeekerProfile.kelurahan_id).join(SeekerProfile)
        .where(Match.status == "hired", _identified(),
               # a superset (months are 28 to 31 days); the exact dates are checked below
               Match.start_date.between(today - dt.timedelta(days=grace + 31 * months[-1]),
                                        today - dt.timedelta(days=28 * months[0])))).all()
    stopped = set(db.session.scalars(
        select(Reminder.match_id).where(Reminder.match_id.in_([r[0] for r in rows]), Reminder.kind.like("follow_up_%"),
                                        Reminder.outcome == "not_working"))) if rows else set()
    for match_id, start, kelurahan_id in rows:
        passed = [(n, add_months(start, n)) for n in months if add_months(start, n) <= today]
        if not passed or match_id in stopped:
            continue
        n, due = passed[-1]  # only the latest: a 1-month follow-up is pointless at 3 months
        if due >= today - dt.timedelta(days=grace):
            yield Due(f"follow_up_{n}:m{match_id}", f"follow_up_{n}", kelurahan_id, due, match_id=match_id)


def _contract_ends(today: dt.date):
    notice, grace = int(_setting("CONTRACT_END_NOTICE_DAYS", 30)), int(_setting("REMINDER_GRACE_DAYS", 30))
    rows = db.session.execute(
        select(Match.id, Match.contract_end_date, SeekerProfile.kelurahan_id).join(SeekerProfile)
        .where(Match.status == "hired", _identified(),
               Match.contract_end_date.between(today - dt.timedelta(days=grace), today + dt.timedelta(days=notice))))
    for match_id, end, kelurahan_id in rows:
        # The date is part of the key: a contract extended after its reminder was done gets a new one.
        yield Due(f"contract_end:m{match_id}:{end.isoformat()}", "contract_end", kelurahan_id, end - dt.timedelta(days=notice),
                  match_id=match_id)


def _ak1_due(seeker_id: int, kelurahan_id: int, valid_until: dt.date | None, last_report: dt.date | None,
             today: dt.date):
    if valid_until is None:
        return
    notice, grace = int(_setting("AK1_EXPIRY_NOTICE_DAYS", 0)), int(_setting("REMINDER_GRACE_DAYS", 30))
    expiry_due = valid_until - dt.timedelta(days=notice)
    if today - dt.timedelta(days=grace) <= expiry_due <= today:
        yield Due(f"ak1_expiry:s{seeker_id}:{valid_until.isoformat()}", "ak1_expiry", kelurahan_id, expiry_due,
                  seeker_id=seeker_id)
    report_due = ak1_report_due(valid_until, last_report, today) if valid_until >= today else None
    if report_due is not None and report_due <= today:
        yield Due(f"ak1_report:s{seeker_id}:{report_due.isoformat()}", "ak1_report", kelurahan_id, report_due,
                  seeker_id=seeker_id)


def _ak1_cards(today: dt.date, seeker_id: int | None = None):
    grace = int(_setting("REMINDER_GRACE_DAYS", 30))
    query = (select(SeekerProfile.id, SeekerProfile.kelurahan_id, SeekerProfile.ak1_valid_until,
                    SeekerProfile.ak1_last_report)
             .where(SeekerProfile.status == "looking", SeekerProfile.ak1_number.is_not(None),
                    SeekerProfile.ak1_valid_until >= today - dt.timedelta(days=grace), _identified()))
    if seeker_id is not None:
        query = query.where(SeekerProfile.id == seeker_id)
    for row in db.session.execute(query):
        yield from _ak1_due(*row, today)


def due_reminders(today: dt.date) -> list[Due]:
    """Every reminder that should exist today (made or not yet)."""
    return [*_no_answer(today), *_follow_ups(today), *_contract_ends(today), *_ak1_cards(today)]


def _still_applies(reminder: Reminder, today: dt.date) -> bool:
    """An open reminder whose reason is gone is removed (a moved contract end: a new reminder)."""
    if reminder.match_id is not None:
        match = reminder.match
        if match is None or match.seeker.nik_hash.startswith("deleted:"):
            return False
        reminder.kelurahan_id = match.seeker.kelurahan_id
        if reminder.kind == "no_answer":
            return match.status in ("referred", "applied")
        if match.status != "hired":
            return False
        if reminder.kind == "contract_end":
            # Another end date is another reminder (its key carries the date).
            return match.contract_end_date is not None and reminder.key.endswith(
                ":" + match.contract_end_date.isoformat())
        return True
    seeker = reminder.seeker
    if (seeker is None or seeker.status != "looking" or not seeker.ak1_number
            or seeker.nik_hash.startswith("deleted:")):
        return False
    reminder.kelurahan_id = seeker.kelurahan_id
    if reminder.kind == "ak1_expiry":
        return seeker.ak1_valid_until is not None and reminder.key.endswith(f":{seeker.ak1_valid_until.isoformat()}")
    if reminder.kind == "ak1_report":
        due = (ak1_report_due(seeker.ak1_valid_until, seeker.ak1_last_report, today)
               if seeker.ak1_valid_until is not None and seeker.ak1_valid_until >= today else None)
        return due is not None and reminder.key.endswith(f":{due.isoformat()}")
    return True


def _prune(reminders: list[Reminder], today: dt.date) -> int:
    removed = 0
    for reminder in reminders:
        if not _still_applies(reminder, today):
            db.session.delete(reminder)
            removed += 1
    db.session.flush()
    return removed


def _create(due: list[Due]) -> int:
    keys = [d.key for d in due]
    existing: set[str] = set()
    for start in range(0, len(keys), 500):
        existing.update(db.session.scalars(select(Reminder.key).where(Reminder.key.in_(keys[start:start + 500]))))
    new = [Reminder(key=d.key, kind=d.kind, kelurahan_id=d.kelurahan_id, match_id=d.match_id, seeker_id=d.seeker_id,
                    due_on=d.due_on, note="") for d in due if d.key not in existing]
    db.session.add_all(new)
    db.session.flush()
    return len(new)


@on_tick("reminders")
def sync_reminders(today: dt.date | None = None) -> int:
    """Remove open reminders that no longer apply, then create the ones due today (the demo passes
    its reference date). Idempotent."""
    today = today or timeutil.today_wib()
    open_reminders = db.session.scalars(
        select(Reminder).where(Reminder.done_at.is_(None))
        .options(selectinload(Reminder.match).selectinload(Match.seeker), selectinload(Reminder.seeker))).all()
    _prune(open_reminders, today)
    return _create(due_reminders(today))


def sync_seeker_reminders(seeker: SeekerProfile) -> None:
    """The AK/I reminders of one resident, right after staff change the card."""
    today = timeutil.today_wib()
    _prune(db.session.scalars(select(Reminder).where(Reminder.seeker_id == seeker.id, Reminder.done_at.is_(None))).all(),
           today)
    _create(list(_ak1_cards(today, seeker.id)))


def forget_seeker(seeker: SeekerProfile) -> None:
    """Deleting a resident's data deletes their reminders and the notes written on them."""
    match_ids = select(Match.id).where(Match.seeker_id == seeker.id).scalar_subquery()
    for reminder in db.session.scalars(select(Reminder).where(
            (Reminder.seeker_id == seeker.id) | Reminder.match_id.in_(match_ids))):
        db.session.delete(reminder)
    db.session.flush()


# -- due reminders as a list (the download; the staff home pages them itself, app/staff/triage.py)

def open_reminders(kelurahan_id: int, limit: int = 100) -> list[Reminder]:
    """The kelurahan's reminders due today or earlier and not done, oldest first."""
    return db.session.scalars(
        select(Reminder).where(Reminder.kelurahan_id == kelurahan_id, Reminder.done_at.is_(None),
                               Reminder.due_on <= timeutil.today_wib())
        .options(selectinload(Reminder.match).options(
                     selectinload(Match.seeker), selectinload(Match.vacancy).selectinload(Vacancy.company)),
                 selectinload(Reminder.seeker))
        .order_by(Reminder.due_on, Reminder.id).limit(limit)).all()


def complete_reminder(reminder: Reminder, actor: User, note: str = "", outcome: str | None = None) -> bool:
    """Mark a reminder done (once; False when it already was)."""
    if reminder.done_at is not None:
        return False
    reminder.done_at = timeutil.utcnow()
    reminder.done_by_id = actor.id
    reminder.note = (note or "").strip()[:500]
    reminder.outcome = outcome if is_follow_up(reminder.kind) and outcome in OUTCOMES else None
    db.session.flush()
    if reminder.outcome in FOLLOW_UP_STATUS and reminder.match is not None:
        # "Tidak bekerja lagi" brings the resident back into the suggestion lists; "masih
        # bekerja" keeps (or puts) them out.
        seeker = reminder.match.seeker
        if set_status(seeker, FOLLOW_UP_STATUS[reminder.outcome]):
            refresh_seeker(seeker)
    return True


def reminders_of_match(match: Match) -> list[Reminder]:
    """The follow-ups and other reminders of one referral, for its history page."""
    return db.session.scalars(select(Reminder).where(Reminder.match_id == match.id)
                              .options(selectinload(Reminder.done_by)).order_by(Reminder.due_on, Reminder.id)).all()


def ak1_form_for(seeker: SeekerProfile):
    from ..staff.forms import Ak1Form  # here, not at the top: staff.forms imports this module

    return Ak1Form(prefix="ak1", formdata=None, data={
        "ak1_number": seeker.ak1_number or "", "ak1_valid_until": seeker.ak1_valid_until,
        "ak1_last_report": seeker.ak1_last_report})


def init_app(app) -> None:
    app.jinja_env.globals.update(ak1_summary=ak1_summary, reminder_label=kind_label, reminder_outcomes=OUTCOMES,
                                 is_follow_up=is_follow_up, ak1_form_for=ak1_form_for)
