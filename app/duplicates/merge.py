"""Merging a resident registered twice into one record.

A merge moves everything of the dropped record (experience, documents, consent records, matches,
data requests and anything else that points at a resident) to the kept one, keeps one match per
vacancy (the one that went furthest), records the merge on the kept resident (SeekerMerge) and in
the audit log, and deletes the dropped record, its NIK with it.
"""
from __future__ import annotations

from sqlalchemy import Index, UniqueConstraint, delete, func, select, update
from sqlalchemy.orm import joinedload

from ..core import audit
from ..extensions import db
from ..models import (
    ConsentRecord,
    DuplicateDismissal,
    ExperienceEntry,
    Match,
    ReferralLetter,
    Reminder,
    SeekerMerge,
    SeekerProfile,
    User,
)
from ..privacy.services import ANONYMISED_NAME
from ..ranking import refresh_seeker
from .services import MergeError, both_accounts_used

# How far a match went: when both records have one for the same vacancy, the further one stays.
ADVANCE = {"suggested": 0, "dismissed": 1, "referred": 2, "applied": 2, "withdrawn": 3, "refused": 4, "interview": 5, "hired": 6}
# Tables whose rows point at a resident or a match and need more than re-pointing.
SEEKER_SPECIAL = {"match", "duplicate_dismissal"}
MATCH_SPECIAL = {"match_event", "referral_letter", "used_answer_link"}


def _references(target: str):
    """(table, column) of every foreign key that points at `target`.id, in any model, including
    tables added after this module was written."""
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == target and fk.column.name == "id":
                yield table, fk.parent


def _unique_sets(table, column) -> list[list]:
    sets = [list(c.columns) for c in table.constraints
            if isinstance(c, UniqueConstraint) and any(col is column for col in c.columns)]
    sets += [list(i.columns) for i in table.indexes
             if isinstance(i, Index) and i.unique and any(col is column for col in i.columns)]
    return sets


def _repoint(target: str, old_id: int, new_id: int, skip: set[str]) -> dict[str, int]:
    """Point every row that refers to `target` row old_id at new_id instead. Where a unique
    constraint would be broken (new_id already has such a row), the old row goes."""
    moved: dict[str, int] = {}
    for table, column in _references(target):
        if table.name in skip:
            continue
        uniques = _unique_sets(table, column)
        if not uniques:
            count = db.session.execute(update(table).where(column == old_id).values({column.name: new_id})).rowcount
        else:
            count = 0
            for row in db.session.execute(select(table).where(column == old_id)).mappings().all():
                clash = False
                for columns in uniques:
                    others = [c for c in columns if c is not column]
                    if any(row[c.name] is None for c in others):
                        continue  # NULLs never clash
                    if db.session.scalar(select(func.count()).select_from(table)
                                         .where(column == new_id, *[c == row[c.name] for c in others])):
                        clash = True
                key = [c == row[c.name] for c in table.primary_key.columns]
                if clash:
                    db.session.execute(delete(table).where(*key))
                else:
                    db.session.execute(update(table).where(*key).values({column.name: new_id}))
                    count += 1
        if count:
            moved[table.name] = count
    return moved


def conflicting_letters(a: SeekerProfile, b: SeekerProfile) -> list[Match]:
    """Matches of `a` whose vacancy `b` also holds a referral letter for: a match keeps one letter,
    and a printed letter must stay verifiable, so such a pair is not merged until one referral is
    withdrawn."""
    lettered = select(Match.vacancy_id).join(ReferralLetter, ReferralLetter.match_id == Match.id)
    theirs = set(db.session.scalars(lettered.where(Match.seeker_id == b.id)))
    if not theirs:
        return []
    return db.session.scalars(select(Match).join(ReferralLetter, ReferralLetter.match_id == Match.id)
                              .where(Match.seeker_id == a.id, Match.vacancy_id.in_(theirs))).all()


def _drop_open_reminders(*, seeker_id: int | None = None, match_id: int | None = None) -> None:
    """Reminders not yet done of a record that goes: the next `tick` raises what still applies
    under the kept record's ids (a reminder's key names the ids it was made for)."""
    where = Reminder.seeker_id == seeker_id if seeker_id is not None else Reminder.match_id == match_id
    db.session.execute(delete(Reminder).where(where, Reminder.done_at.is_(None)),
                       execution_options={"synchronize_session": False})


def _merge_matches(kept: SeekerProfile, dropped: SeekerProfile) -> tuple[int, int]:
    """Move the dropped record's matches; for a vacancy both have, keep the one that went
    furthest (its history with it) and drop the other. Returns (moved, merged)."""
    kept_by_vacancy = {m.vacancy_id: m for m in db.session.scalars(select(Match).where(Match.seeker_id == kept.id))}
    moved = merged = 0
    for theirs in db.session.scalars(select(Match).where(Match.seeker_id == dropped.id)).all():
        ours = kept_by_vacancy.get(theirs.vacancy_id)
        if ours is None:
            theirs.seeker = kept
            moved += 1
            continue
        if ADVANCE.get(theirs.status, 0) > ADVANCE.get(ours.status, 0):
            winner, loser = theirs, ours
        else:
            winner, loser = ours, theirs
        winner.interested = winner.interested or loser.interested
        winner.referred_at = winner.referred_at or loser.referred_at
        letter = db.session.scalar(select(ReferralLetter).where(ReferralLetter.match_id == loser.id))
        if letter is not None and db.session.scalar(
                select(ReferralLetter.id).where(ReferralLetter.match_id == winner.id)) is None:
            letter.match_id = winner.id
        db.session.flush()
        _drop_open_reminders(match_id=loser.id)
        _repoint("match", loser.id, winner.id, MATCH_SPECIAL)
        db.session.delete(loser)
        db.session.flush()
        if winner is theirs:
            winner.seeker = kept
        merged += 1
    db.session.flush()
    return moved, merged


def _same_job(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


def _drop_repeated_experience(kept_id: int, dropped_id: int) -> int:
    """A person registered twice usually entered the same jobs twice: an entry of the dropped
    record with the same title and workplace as one of the kept record is the same job. The kept
    entry stays (taking the longer time and a description it lacked); the repeat goes. Returns
    how many went."""
    ours = {(_same_job(e.title), _same_job(e.employer)): e
            for e in db.session.scalars(select(ExperienceEntry).where(ExperienceEntry.seeker_id == kept_id))}
    dropped = 0
    for entry in db.session.scalars(select(ExperienceEntry).where(ExperienceEntry.seeker_id == dropped_id)
                                    .order_by(ExperienceEntry.id)).all():
        key = (_same_job(entry.title), _same_job(entry.employer))
        same = ours.get(key)
        if same is None:
            ours[key] = entry  # a repeat within the dropped record itself goes too
            continue
        same.years = max(same.years or 0.0, entry.years or 0.0)
        same.description = same.description or entry.description
        db.session.delete(entry)
        dropped += 1
    db.session.flush()
    return dropped


LIST_FIELDS = ("skills", "certificates", "desired_positions", "shifts", "contract_wishes")
TEXT_FIELDS = ("address", "rt", "rw", "phone", "major", "about")


def _fill_profile(kept: SeekerProfile, dropped: SeekerProfile) -> list[str]:
    """Blank fields of the kept record take the dropped record's values; lists are joined."""
    filled = []
    for name in TEXT_FIELDS:
        if not getattr(kept, name) and getattr(dropped, name):
            setattr(kept, name, getattr(dropped, name))
            filled.append(name)
    for name in ("education", "expected_wage", "disability"):
        if getattr(kept, name) is None and getattr(dropped, name) is not None:
            setattr(kept, name, getattr(dropped, name))
            filled.append(name)
    for name in LIST_FIELDS:
        ours, theirs = list(getattr(kept, name) or []), list(getattr(dropped, name) or [])
        lower = {v.lower() for v in ours}
        extra = [v for v in theirs if v.lower() not in lower]
        if extra:
            setattr(kept, name, ours + extra)
            filled.append(name)
    if kept.verified_at is None and dropped.verified_at is not None:
        kept.verified_at, kept.verified_by_id = dropped.verified_at, dropped.verified_by_id
        filled.append("verified")
    return filled


def _current_consents(kept: SeekerProfile) -> None:
    """After the consent records are joined, each purpose follows its latest record."""
    records = db.session.scalars(select(ConsentRecord).where(ConsentRecord.seeker_id == kept.id)
                                 .order_by(ConsentRecord.at, ConsentRecord.id)).all()
    for record in records:
        if record.purpose in ("registration", "sharing", "ranking"):
            setattr(kept, f"consent_{record.purpose}", record.granted)


def _merge_accounts(kept: SeekerProfile, dropped: SeekerProfile) -> str:
    """One login per person: the kept record's account stays; a dropped account moves to the kept
    record when that had none, and is closed otherwise."""
    theirs = dropped.user
    if theirs is None:
        return "none"
    ours = kept.user
    if ours is not None and ours.last_login_at is None and theirs.last_login_at is not None:
        # The kept record's account was never used and the resident signs in with the other one:
        # keep the one in use.
        _close_account(ours)
        kept.user = None
        db.session.flush()
        ours = None
    if ours is None:
        dropped.user = None
        db.session.flush()
        kept.user = theirs
        theirs.kelurahan_id = kept.kelurahan_id
        return "moved"
    _close_account(theirs)
    dropped.user = None
    return "closed"


def _close_account(account: User) -> None:
    account.email = account.phone = None
    account.name = "Akun digabung"
    account.password_hash = account.claim_code_hash = None
    account.active = False
    account.session_version += 1


def _move_dismissals(kept_id: int, dropped_id: int) -> int:
    """"Not the same person" said of the dropped record and another holds for the kept record
    too (the two are one person): each such pair is recorded for the kept one, with who said it
    and when, unless it already is. The dropped record's own rows go with it."""
    def of(seeker_id: int):
        return (DuplicateDismissal.seeker_a_id == seeker_id) | (DuplicateDismissal.seeker_b_id == seeker_id)

    recorded = {(d.seeker_a_id, d.seeker_b_id) for d in db.session.scalars(select(DuplicateDismissal).where(of(kept_id)))}
    moved = 0
    for dismissal in db.session.scalars(select(DuplicateDismissal).where(of(dropped_id))).all():
        other = dismissal.seeker_b_id if dismissal.seeker_a_id == dropped_id else dismissal.seeker_a_id
        pair = tuple(sorted((kept_id, other)))
        if other == kept_id or pair in recorded:
            continue
        db.session.add(DuplicateDismissal(seeker_a_id=pair[0], seeker_b_id=pair[1], actor_id=dismissal.actor_id,
                                          at=dismissal.at))
        recorded.add(pair)
        moved += 1
    db.session.flush()
    return moved


def merge_seekers(kept: SeekerProfile, dropped: SeekerProfile, actor: User, *, accounts_confirmed: bool = False) -> SeekerMerge:
    """Merge `dropped` into `kept` and delete `dropped`. Flushes, never commits."""
    if kept.id == dropped.id:
        raise MergeError("same")
    if ANONYMISED_NAME in (kept.full_name, dropped.full_name):
        raise MergeError("gone")
    if both_accounts_used(kept, dropped) and not accounts_confirmed:
        raise MergeError("accounts")
    if conflicting_letters(kept, dropped):
        raise MergeError("letters")
    dropped_id = dropped.id
    db.session.flush()
    _drop_open_reminders(seeker_id=dropped_id)
    matches_moved, matches_merged = _merge_matches(kept, dropped)
    dismissals = _move_dismissals(kept.id, dropped_id)
    repeated_jobs = _drop_repeated_experience(kept.id, dropped_id)
    moved = _repoint("seeker_profile", dropped_id, kept.id, SEEKER_SPECIAL)
    filled = _fill_profile(kept, dropped)
    account = _merge_accounts(kept, dropped)
    db.session.flush()
    db.session.expire_all()  # the rows moved under the ORM's feet: read them again
    _current_consents(kept)
    dropped = db.session.get(SeekerProfile, dropped_id)
    # The engine must forget the dropped record before it goes, or it would suggest it again.
    dropped.consent_ranking = False
    dropped.status = "inactive"
    refresh_seeker(dropped)
    db.session.delete(dropped)
    db.session.flush()
    summary = {
        "experience": moved.get("experience", 0), "documents": moved.get("seeker_document", 0),
        "consents": moved.get("consent_record", 0), "requests": moved.get("data_request", 0),
        "matches_moved": matches_moved, "matches_merged": matches_merged, "account": account,
        "filled": filled, "dismissals": dismissals, "experience_repeated": repeated_jobs,
        "other": {k: v for k, v in moved.items()
                  if k not in ("experience", "seeker_document", "consent_record", "data_request")},
    }
    merge = SeekerMerge(kept_id=kept.id, merged_seeker_id=dropped_id, moved=summary, actor_id=actor.id)
    db.session.add(merge)
    audit.record(actor, "merge", "seeker", kept.id,
                 f"merged seeker {dropped_id}: {matches_moved} matches moved, {matches_merged} merged, "
                 f"{summary['experience']} experience, {summary['documents']} documents, account {account}")
    db.session.flush()
    refresh_seeker(kept)
    return merge


def merges_of(seeker: SeekerProfile) -> list[SeekerMerge]:
    return db.session.scalars(select(SeekerMerge).where(SeekerMerge.kept_id == seeker.id)
                              .options(joinedload(SeekerMerge.actor)).order_by(SeekerMerge.id.desc())).all()
