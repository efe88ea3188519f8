"""Residents registered twice: find suspected pairs, compare them, or say they are two people.

A NIK is unique (SeekerProfile.nik_hash), so a duplicate is the same person typed twice with a
small difference (a NIK digit, a title, a spelling). Suspected pairs share the birth date and have
a similar normalised name, or the same phone number. The search groups by birth date in SQL and
compares names only within one birth date, so a kelurahan of thousands costs two queries and a few
thousand string comparisons. Merging is in merge.py.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import combinations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..core.forms import normalise_phone
from ..extensions import db
from ..models import ConsentRecord, DuplicateDismissal, ExperienceEntry, Match, SeekerDocument, SeekerProfile, User
from ..privacy.services import ANONYMISED_NAME

NAME_RATIO = 0.85
# Titles in front of a name (Haji, Dokter, Insinyur, forms of address); degrees follow a comma or
# look like "S.Kom", "A.Md", "S.T.".
TITLES = {"dr", "drs", "dra", "ir", "h", "hj", "prof", "bpk", "bapak", "ibu", "sdr", "sdri", "sdra", "tn", "ny",
          "nn", "kh", "mr", "mrs", "ms"}
DEGREE = re.compile(r"[a-z]{1,3}\.[a-z]{1,4}\.?(?:[a-z]{1,4}\.?)*")


class MergeError(ValueError):
    """same: one record twice; gone: anonymised; accounts: both accounts used, not confirmed;
    letters: both records hold a referral letter for the same vacancy"""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def normalise_name(name: str) -> str:
    """Lower case, no accents, no titles or degrees, letters only: "H. Budi Santoso, S.Kom." →
    "budi santoso"."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = text.split(",")[0]
    tokens = [t for t in text.split() if not DEGREE.fullmatch(t)]
    while len(tokens) > 1 and tokens[0].strip(".") in TITLES:
        tokens.pop(0)
    tokens = [re.sub(r"[^a-z]", "", t) for t in tokens]
    return " ".join(t for t in tokens if t)


def _token_match(short: list[str], long: list[str]) -> bool:
    """Every word of the shorter name (at least two) is a word, an initial or a near spelling of
    a distinct word of the longer: "m rizki" ~ "muhammad rizki fauzi"."""
    if len(short) < 2:
        return False
    left = list(long)
    for token in short:
        for other in left:
            if token == other or (len(token) == 1 and other.startswith(token)) \
                    or (len(other) == 1 and token.startswith(other)) \
                    or (min(len(token), len(other)) >= 4 and SequenceMatcher(None, token, other).ratio() >= NAME_RATIO):
                left.remove(other)
                break
        else:
            return False
    return True


def name_similarity(a: str, b: str) -> float | None:
    """A score in [0, 1] when two normalised names look like the same person's, else None."""
    if not a or not b:
        return None
    if a == b:
        return 1.0
    ratio = SequenceMatcher(None, a, b).ratio()
    if ratio >= NAME_RATIO:
        return ratio
    ta, tb = a.split(), b.split()
    if sorted(ta) == sorted(tb):
        return 1.0
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if _token_match(short, long):
        return max(ratio, NAME_RATIO)
    return None


@dataclass
class Pair:
    a_id: int
    b_id: int
    birth_date: dt.date
    score: float
    reasons: list[tuple[str, dict]] = field(default_factory=list)  # (code, params)
    a: SeekerProfile | None = None
    b: SeekerProfile | None = None


def _live():
    """Residents that are still people: not anonymised."""
    return SeekerProfile.full_name != ANONYMISED_NAME


def _scope(kelurahan_id: int | None):
    return [_live()] + ([SeekerProfile.kelurahan_id == kelurahan_id] if kelurahan_id is not None else [])


def compare(a_name: str, a_phone: str, b_name: str, b_phone: str) -> tuple[float, list[tuple[str, dict]]] | None:
    """Why two residents born on the same day may be one person, with a score; None if not."""
    reasons: list[tuple[str, dict]] = []
    score = 0.0
    similarity = name_similarity(normalise_name(a_name), normalise_name(b_name))
    if similarity is not None:
        reasons.append(("name", {"percent": round(similarity * 100)}))
        score = similarity
    phone_a, phone_b = normalise_phone(a_phone), normalise_phone(b_phone)
    if phone_a and len(phone_a) >= 8 and phone_a == phone_b:
        reasons.append(("phone", {}))
        score = max(score, 0.9) + 0.1
    return (score, reasons) if reasons else None


def find_pairs(kelurahan_id: int | None) -> list[Pair]:
    """Suspected duplicate pairs within one kelurahan (None: across all), dismissed pairs left
    out, most likely first."""
    scope = _scope(kelurahan_id)
    shared_dates = (select(SeekerProfile.birth_date).where(*scope).group_by(SeekerProfile.birth_date)
                    .having(func.count() > 1))
    rows = db.session.execute(
        select(SeekerProfile.id, SeekerProfile.birth_date, SeekerProfile.full_name, SeekerProfile.phone)
        .where(*scope, SeekerProfile.birth_date.in_(shared_dates.scalar_subquery()))
        .order_by(SeekerProfile.birth_date, SeekerProfile.id)
    ).all()
    dismissal = select(DuplicateDismissal.seeker_a_id, DuplicateDismissal.seeker_b_id)
    if kelurahan_id is not None:
        dismissal = dismissal.join(SeekerProfile, SeekerProfile.id == DuplicateDismissal.seeker_a_id) \
            .where(SeekerProfile.kelurahan_id == kelurahan_id)
    dismissed = set(db.session.execute(dismissal).tuples().all())
    groups: dict[dt.date, list] = {}
    for row in rows:
        groups.setdefault(row.birth_date, []).append(row)
    pairs = []
    for birth_date, group in groups.items():
        for first, second in combinations(group, 2):  # ordered by id: first.id < second.id
            if (first.id, second.id) in dismissed:
                continue
            found = compare(first.full_name, first.phone, second.full_name, second.phone)
            if found:
                pairs.append(Pair(first.id, second.id, birth_date, found[0], found[1]))
    pairs.sort(key=lambda p: (-p.score, p.birth_date, p.a_id))
    return pairs


def load_profiles(pairs: list[Pair]) -> list[Pair]:
    """Fill in the two residents of each pair, in one query."""
    ids = {p.a_id for p in pairs} | {p.b_id for p in pairs}
    if not ids:
        return pairs
    profiles = {s.id: s for s in db.session.scalars(
        select(SeekerProfile).where(SeekerProfile.id.in_(ids)).options(selectinload(SeekerProfile.kelurahan)))}
    for pair in pairs:
        pair.a, pair.b = profiles.get(pair.a_id), profiles.get(pair.b_id)
    return [p for p in pairs if p.a is not None and p.b is not None]


def in_scope(seeker: SeekerProfile, kelurahan_id: int | None) -> bool:
    return seeker.full_name != ANONYMISED_NAME and (kelurahan_id is None or seeker.kelurahan_id == kelurahan_id)


def pair_reasons(a: SeekerProfile, b: SeekerProfile) -> list[tuple[str, dict]]:
    if a.birth_date != b.birth_date:
        return []
    found = compare(a.full_name, a.phone, b.full_name, b.phone)
    return found[1] if found else []


def is_dismissed(a: SeekerProfile, b: SeekerProfile) -> bool:
    low, high = sorted((a.id, b.id))
    return db.session.scalar(select(DuplicateDismissal.id).where(DuplicateDismissal.seeker_a_id == low,
                                                                 DuplicateDismissal.seeker_b_id == high)) is not None


def dismiss_pair(a: SeekerProfile, b: SeekerProfile, actor: User) -> bool:
    """"Bukan data ganda": the pair is not suggested again. False when it was already dismissed."""
    if a.id == b.id:
        raise MergeError("same")
    if is_dismissed(a, b):
        return False
    low, high = sorted((a.id, b.id))
    db.session.add(DuplicateDismissal(seeker_a_id=low, seeker_b_id=high, actor_id=actor.id))
    db.session.flush()
    return True


def record_counts(seeker: SeekerProfile) -> dict[str, int]:
    """How many experience entries, documents, consent records and matches a record has."""
    def count(model, column):
        return db.session.scalar(select(func.count()).select_from(model).where(column == seeker.id)) or 0

    return {
        "experience": count(ExperienceEntry, ExperienceEntry.seeker_id),
        "documents": count(SeekerDocument, SeekerDocument.seeker_id),
        "consents": count(ConsentRecord, ConsentRecord.seeker_id),
        "matches": count(Match, Match.seeker_id),
    }


def both_accounts_used(a: SeekerProfile, b: SeekerProfile) -> bool:
    return bool(a.user and b.user and a.user.last_login_at and b.user.last_login_at)


