"""What the engine knows about a record beyond its words: occupation codes (KBJI 2014) of its
titles, the licences a resident holds and those a vacancy asks for, and whether a vacancy's
experience minimum is a requirement or only a preference.

Everything is memoised per distinct text (titles, certificate lists, descriptions recur across
100,000 records), so fitting stays fast.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from . import licences as lic
from .occupations import Occupation, OccupationIndex
from .types import Seeker, Vacancy

RELATION_RANK = {"same": 4, "minor": 3, "related": 2, "near": 1, "none": 0}

# "Pengalaman diutamakan", "fresh graduate welcome", "tidak berpengalaman boleh", "akan dilatih":
# the vacancy takes people without the stated experience, so it ranks instead of filtering.
_EXPERIENCE_PREFERRED = re.compile(
    r"(?:pengalaman|berpengalaman|experience|exp)\W+(?:\w+\W+){0,3}?(?:diutamakan|lebih disukai|nilai plus|"
    r"tidak wajib|tidak harus|preferred|is a plus)"
    r"|(?:diutamakan|lebih disukai)\W+(?:\w+\W+){0,2}?(?:yang\W+)?(?:berpengalaman|pengalaman)"
    r"|fresh\s*grad|lulusan baru|tanpa pengalaman|tidak berpengalaman|belum berpengalaman|non[-\s]?pengalaman"
    r"|(?:akan|bisa|dapat)\s+di\s*(?:latih|training|ajari)|training disediakan|pelatihan disediakan|trainable",
    re.IGNORECASE)


@dataclass(frozen=True)
class SeekerFacts:
    codes: tuple[str | None, ...]       # occupation code of each title (desired positions, then jobs)
    held: frozenset[str]                 # licences the seeker lists (certificates, never skills)
    covered: frozenset[str]              # everything those licences cover (closure)
    titles: tuple[str | None, ...] = ()  # occupation title (row of the index) of each title


@dataclass(frozen=True)
class VacancyFacts:
    code: str | None
    required: frozenset[str]             # licence codes that filter
    preferred: frozenset[str]            # licence codes that rank
    experience_required: bool            # False when the text says experience is only preferred
    title: str | None = None             # occupation title (row of the index) of the vacancy title


def index() -> OccupationIndex:
    return OccupationIndex.default()


@lru_cache(maxsize=200_000)
def title_occupation(title: str) -> Occupation | None:
    """Occupation of a short title: exact or typo-tolerant lookup, else the first one named in it."""
    if not title or not title.strip():
        return None
    ix = index()
    found = ix.lookup(title)
    if found is None:
        named = ix.find_all(title)
        found = named[0] if named else None
    return found


@lru_cache(maxsize=200_000)
def relation(code_a: str | None, code_b: str | None) -> str:
    if not code_a or not code_b:
        return "none"
    return index().relation(code_a, code_b)


@lru_cache(maxsize=100_000)
def _held(certificates: tuple[str, ...]) -> frozenset[str]:
    out: set[str] = set()
    for entry in certificates:
        out |= lic.find_licences(entry, listed=True)
    return frozenset(out)


@lru_cache(maxsize=100_000)
def _closure(held: frozenset[str]) -> frozenset[str]:
    return lic.closure(held)


def seeker_facts(s: Seeker, titles: list[str]) -> SeekerFacts:
    held = _held(s.certificates)
    occs = [title_occupation(t) for t in titles]
    codes = tuple(None if o is None else o.code for o in occs)
    return SeekerFacts(codes, held, _closure(held), tuple(None if o is None else o.title_id for o in occs))


# Kinds of licence that are a legal condition of the work: where a vacancy's text requires one,
# it filters. Other certificates (K3, welding positions, language tests, competency) filter only
# when the vacancy lists them among its certificates; named in running text ("menguasai SMAW
# posisi 3G") they describe a skill and rank. Documents handed in at hiring (SKCK, AK/I) never
# filter: residents do not list them, and they are obtained once a job is offered.
HARD_KINDS = frozenset({"sim", "sio", "security", "health", "tax"})
DOCUMENT_KINDS = frozenset({"document"})


@lru_cache(maxsize=50_000)
def _vacancy_licences(title: str, description: str, certificates: tuple[str, ...],
                      skills: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    found = lic.vacancy_licences(title, description, certificates, skills)
    listed = _held(certificates)
    kinds = {c: row.kind for c, row in lic.table().items()}
    required, preferred = set(), set()
    for code, strength in found.items():
        kind = kinds.get(code, "")
        if strength == "required" and kind not in DOCUMENT_KINDS and (kind in HARD_KINDS or code in listed):
            required.add(code)
        else:
            preferred.add(code)
    return frozenset(required), frozenset(preferred - required)


@lru_cache(maxsize=10_000)
def _codes(entries: tuple[str, ...]) -> frozenset[str]:
    """Licence codes of the vacancy's explicit fields: codes ("SIM_B1") or names ("SIM B1 Umum")."""
    known = lic.table()
    out: set[str] = set()
    for entry in entries:
        out |= {entry} if entry in known else lic.find_licences(entry, listed=True)
    return frozenset(out)


@lru_cache(maxsize=50_000)
def experience_required(description: str) -> bool:
    return _EXPERIENCE_PREFERRED.search(description or "") is None


def vacancy_facts(v: Vacancy) -> VacancyFacts:
    # The title only: a description names the people the job works with too ("helper untuk
    # driver"), so guessing from it would file a helper under the driver's code.
    occ = title_occupation(v.title)
    required, preferred = _vacancy_licences(v.title, v.description, v.certificates, v.skills)
    required = required | _codes(v.required_licences)
    preferred = (preferred | _codes(v.preferred_licences)) - required
    return VacancyFacts(None if occ is None else occ.code, required, preferred,
                        experience_required(f"{v.title}. {v.description}"), None if occ is None else occ.title_id)


def licence_names(codes: frozenset[str] | set[str], lang: str = "id") -> list[str]:
    return sorted(lic.display_name(c, lang) for c in codes)


def occupation_title(code: str | None) -> str:
    occ = index().get(code) if code else None
    return occ.title_id if occ is not None else ""


def covering(held: frozenset[str], asked: frozenset[str]) -> dict[str, list[str]]:
    """For each asked licence the seeker meets, the held licences that meet it (for reasons)."""
    out: dict[str, list[str]] = {}
    for code in sorted(asked):
        by = sorted(h for h in held if lic.covers((h,), code))
        if by:
            out[code] = by
    return out
