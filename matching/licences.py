"""Licences and certificates as data: recognised in free text, with what each one covers.

The table lives in ``matching/data/licences.tsv`` (code, kind, Indonesian and English names, the codes
each one covers, and its aliases). Two kinds of alias: *aliases* count anywhere; *listed aliases*
("forklift", "welder", "barista", "k3") count only as an entry of a certificate list, because in a
skill list or a sentence they name a skill or a job, and a skill never counts as a licence.

SIM classes, SIO types, Brevet levels, Gada levels and welding positions are read by a small grammar
(``matching.licence_grammar``) so that lists work: "SIM A/C", "SIM A dan C", "sim b 1 umum", "SIM B1U",
"SIO crane dan forklift", "brevet A & B", "welder 3G/4G". One-letter classes are kept: "SIM C" is
SIM_C, never SIM_B1. Other aliases match longest first; after "sertifikat"/"lisensi" the longer of the
two readings wins ("sertifikat K3 listrik" is K3 Listrik, not the generic K3).

What each licence covers (direct; ``closure`` takes the transitive closure):

=============  ==============================  ===============================================
Held           Also covers                     Why
=============  ==============================  ===============================================
SIM A Umum     SIM A                           public-transport class includes the personal one
SIM B1         SIM A                           Perpol 5/2021: B I needs 12 months of A first
SIM B1 Umum    SIM B1, SIM A Umum (, SIM A)    umum includes personal; B I includes A
SIM B2         SIM B1 (, SIM A)                B II is issued on top of B I
SIM B2 Umum    SIM B2, SIM B1 Umum (, ...)     as above; covers every A and B class
SIM C II       SIM C I (, SIM C)               larger motorcycle classes build on the smaller
SIM C I        SIM C
SIM C, D, D I  nothing                         C never covers A or B1; A never covers C
Gada Utama     Gada Madya (, Gada Pratama)     each Gada level is entered from the one below
Gada Madya     Gada Pratama
SIO <type>     SIO (generic)                   "SIO aktif" is met by any operator licence
STR TTK        STR                             a pharmacy technician's STR is an STR
STRA           STR;  SIPA -> STRA;  SIPTTK -> STR TTK;  SIP -> STR  (a practice permit needs the STR)
Brevet C       Brevet B (, Brevet A)           providers admit to B after A, to C after B *
Brevet B       Brevet A
AK3 Umum, K3 Listrik, K3 Konstruksi, K3 Kebakaran, P3K, Scaffolding, Rigger  ->  K3 (generic)
Welder 6G      2G, 3G, 4G (, Sertifikat Las)   a 6G pipe test qualifies every position
Las SMAW/GTAW/GMAW/FCAW, 2G/3G/4G  ->  Sertifikat Las (generic)
=============  ==============================  ===============================================

Nothing else covers anything: SIM D/D I, TOEIC/TOEFL/IELTS, SKCK, paspor, AK/I and the like stand
alone. "SIM B" without a digit is read as B1 (the lower class); a bare "SIM" with no class, "SIM card"
or "SIM di ..." is no licence. * Brevet B => A is a convention of training providers, not a rule of
law: a vacancy asking for Brevet A should not drop a holder of Brevet B.

Requirement strength in vacancy text (``requirement_strength``): a mention is *required* (a hard
filter) unless its own phrase says otherwise: "diutamakan", "nilai plus/tambah", "lebih disukai",
"(optional)", "jika ada", "diharapkan" or "tidak wajib" make it *preferred* (a feature); "tidak perlu",
"tanpa", "dibantu/disediakan/difasilitasi (pembuatan)" mean it is not asked (None). A cue before a
list ("diutamakan memiliki SIO forklift dan SIM B1") applies to the whole list; a cue after one
("SIM A/C diutamakan") to the items joined to it by "dan", "/", "&" or "atau", not across a comma.
"SIM A atau C" cannot be a hard filter on both: the alternatives become preferred, unless one of them
is covered by all others ("SIM B1 atau B2 Umum" requires B1, which B2 Umum covers).

A resident's text is read the same way: ``held_licences`` drops a mention its phrase denies or puts
off ("belum punya SIO", "SIM C (masih proses)", "SIM B1 expired").

Engine use: precompute ``held = held_licences(certificates, texts)`` and ``closure(held)`` once per
record; a requirement is met when ``required <= closure``. The table loads on first use; the few
regular expressions are small and linear (no nested quantifiers), and at most ``MAX_TEXT_CHARS`` of a
text are read, so a hostile 100 KB field costs well under a second.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from .licence_grammar import MAX_TEXT_CHARS, SEPARATORS, read_series, tokens, trigger_words, word_set, words_of

Strength = Literal["required", "preferred"]
DATA_FILE = Path(__file__).with_name("data") / "licences.tsv"


@dataclass(frozen=True, slots=True)
class Licence:
    code: str
    kind: str
    name_id: str
    name_en: str
    covers: tuple[str, ...]
    aliases: tuple[str, ...]
    listed_aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Mention:
    """One licence found in a text: its code, character span, and the list (series) it belongs to."""
    code: str
    start: int
    end: int
    series: int  # mentions read from one list ("SIM A/C") share this number
    either: bool  # the list joined its items with "atau"/"or"


# ---------------------------------------------------------------- table
@cache
def table() -> dict[str, Licence]:
    rows: dict[str, Licence] = {}
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 7)[:7]
        code, kind, name_id, name_en, covers, aliases, listed = (c.strip() for c in cols)
        rows[code] = Licence(code, kind, name_id, name_en, _split(covers, ","), _split(aliases, "|"),
                             _split(listed, "|"))
    unknown = {c for lic in rows.values() for c in lic.covers} - rows.keys()
    if unknown:
        raise ValueError(f"licences.tsv: covers unknown codes {sorted(unknown)}")
    return rows


def _split(value: str, sep: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(sep) if v.strip())


def display_name(code: str, lang: str = "id") -> str:
    lic = table().get(code)
    if lic is None:
        return code
    return lic.name_en if lang.startswith("en") else lic.name_id


# ---------------------------------------------------------------- coverage
@cache
def _covers_one(code: str) -> frozenset[str]:
    """Everything one licence covers, itself included (transitive)."""
    rows, seen, todo = table(), {code}, [code]
    while todo:
        lic = rows.get(todo.pop())
        for c in lic.covers if lic else ():
            if c not in seen:
                seen.add(c)
                todo.append(c)
    return frozenset(seen)


def closure(held: Iterable[str]) -> frozenset[str]:
    """Every code a set of held licences satisfies; ``required <= closure(held)`` means met."""
    out: set[str] = set()
    for code in held:
        out |= _covers_one(code)
    return frozenset(out)


def covers(held: Iterable[str], required: str) -> bool:
    return required in closure(held)


# ---------------------------------------------------------------- recognition
@cache
def _alias_index(listed: bool) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First token -> (alias tokens, code), longest alias first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for lic in table().values():
        for alias in lic.aliases + (lic.listed_aliases if listed else ()):
            words = words_of(alias)
            if words:
                index.setdefault(words[0], []).append((words, lic.code))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


def mentions(text: str, *, listed: bool = False) -> list[Mention]:
    """Every licence mention in text, in order. ``listed``: text is one entry of a certificate list."""
    index = _alias_index(listed)
    if not listed and word_set(text or "").isdisjoint(_first_words()):
        return []  # most texts name no licence: one set test instead of a token walk
    toks = tokens(text or "")
    out: list[Mention] = []
    i, group = 0, 0
    while i < len(toks):
        found, k = read_series(toks, i, listed and i == 0)
        if found:
            group += 1
            either = any(f[3] for f in found)
            out.extend(Mention(code, s, e, group, either) for code, s, e, _ in found)
            i = k
            continue
        hit = _alias_at(toks, i, index)
        if hit:
            group += 1
            code, first, end = hit
            out.append(Mention(code, toks[first][1], toks[end - 1][2], group, False))
            i = end
        else:
            i += 1
    return out


@cache
def _first_words() -> frozenset[str]:
    return frozenset(_alias_index(False)) | trigger_words()


_LEAD = frozenset({"sertifikat", "lisensi"})


def _alias_at(toks, i: int, index) -> tuple[str, int, int] | None:
    """Longest alias at token i, or at i + 1 after "sertifikat"/"lisensi" when that reaches further:
    "sertifikat K3 listrik" is K3 Listrik, not the generic "sertifikat K3"."""
    best: tuple[str, int, int] | None = None
    for first in (i, i + 1) if toks[i][0] in _LEAD else (i,):
        for words, code in index.get(toks[first][0], ()) if first < len(toks) else ():
            if tuple(t for t, _, _ in toks[first:first + len(words)]) == words:
                if best is None or first + len(words) > best[2]:
                    best = (code, first, first + len(words))
                break
    return best


@lru_cache(maxsize=4096)
def find_licences(text: str, *, listed: bool = False) -> frozenset[str]:
    """Codes of the licences a text mentions (a sentence by default, a certificate entry if listed)."""
    return frozenset(m.code for m in mentions(text, listed=listed))


def held_licences(certificates: Iterable[str] = (), texts: Iterable[str] = ()) -> frozenset[str]:
    """A resident's licences: certificate entries (listed) plus explicit mentions in free texts.
    Skills belong in ``texts`` at most: there only "SIO forklift", never "forklift", counts."""
    codes: set[str] = set()
    for entry in certificates:
        codes |= _held_in(entry, True)
    for text in texts:
        codes |= _held_in(text, False)
    return frozenset(codes)


@lru_cache(maxsize=4096)
def _held_in(text: str, listed: bool) -> frozenset[str]:
    """Mentions not denied by their phrase: "belum punya SIM A", "SIM C (masih proses)", "SIM B1 expired"."""
    found = mentions(text or "", listed=listed)
    return frozenset(m.code for m, cue in zip(found, _strengths(text or "", found), strict=True) if cue != "not_held")


# ---------------------------------------------------------------- strength
_CLAUSE_END = re.compile(r"[\n\r;•●▪◦*]|\.(?=\s|$)")
_NOT_ASKED = re.compile(r"\b(?:tidak perlu|tidak memerlukan|tidak diperlukan|tidak dibutuhkan|tanpa|not required|"
                        r"no need|dibantu|difasilitasi|disediakan|dibiayai|diikutkan|dibuatkan|akan diberikan)\b")
_NOT_HELD = re.compile(r"\b(?:belum|tidak|tak|gak|nggak|ga) (?:punya|memiliki|mempunyai|ada)\b|\bexpired\b|"
                       r"\b(?:sedang|masih|dalam) (?:proses|mengurus|diurus)\b|\b(?:kadaluarsa|kedaluwarsa|mati)\b")
_SOFTENED = re.compile(r"\b(?:tidak wajib|tidak harus|tidak diwajibkan|tidak diharuskan|tidak mutlak|bukan syarat|"
                       r"not mandatory)\b")
_PREFERRED = re.compile(r"\b(?:diutamakan|disukai|diprioritaskan|nilai (?:plus|tambah|lebih)|poin (?:plus|tambah)|"
                        r"point plus|plus point|plus|optional|opsional|preferred|preferably|advantage|lebih baik|"
                        r"keunggulan|(?:jika|bila|kalau|apabila) (?:ada|punya|memiliki|mempunyai)|diharapkan)\b")
_REQUIRED = re.compile(r"\b(?:wajib|harus|diwajibkan|mutlak|must|required|mandatory|syarat)\b")
_VERBS = frozenset({"memiliki", "punya", "mempunyai"})
_LIST_GLUE = SEPARATORS | _VERBS | {"sim", "juga", "yang", "sertifikat", "lisensi"}
PREFIX_CHARS, POSTFIX_CHARS = 48, 40


def _cue(scope: str) -> str | None:
    for name, pattern in (("not_held", _NOT_HELD), ("softened", _SOFTENED), ("not_asked", _NOT_ASKED), ("preferred", _PREFERRED),
                          ("required", _REQUIRED)):
        if pattern.search(scope):
            return name
    return None


def _postfix(gap: str) -> str:
    """The part of a gap after a mention that still qualifies it: up to the next comma or "dan"."""
    gap = gap[:POSTFIX_CHARS]
    return gap[:next((s for t, s, _ in tokens(gap) if t in (",", "dan", "serta", "and")), len(gap))]


def _prefix(gap: str) -> str:
    """The part of a gap before a mention that qualifies it: after the last separator."""
    gap = gap[-PREFIX_CHARS:]
    return gap[max((e for t, _, e in tokens(gap) if t in SEPARATORS), default=0):]


def _strengths(text: str, found: list[Mention]) -> list[str | None]:
    """One cue per mention ('not_held', 'softened', 'not_asked', 'preferred', 'required' or None)."""
    if not found:
        return []
    low = text[:MAX_TEXT_CHARS].lower()
    ends = [m.start() for m in _CLAUSE_END.finditer(low)]
    clause = [bisect_left(ends, m.start) for m in found]
    cue: list[str | None] = []
    forward: list[bool] = []  # the cue came before the mention, so it may run on over a list
    for i, m in enumerate(found):
        c = clause[i]
        lo = found[i - 1].end if i and clause[i - 1] == c else (ends[c - 1] if c else 0)
        hi = found[i + 1].start if i + 1 < len(found) and clause[i + 1] == c else \
            (ends[bisect_left(ends, m.end)] if bisect_left(ends, m.end) < len(ends) else len(low))
        post = _cue(_postfix(low[m.end:hi]))
        cue.append(post or _cue(_prefix(low[lo:m.start])))
        forward.append(post is None and cue[-1] is not None)
    for i in range(1, len(found)):  # a prefix cue runs forward over a list
        if cue[i] is None and forward[i - 1] and clause[i] == clause[i - 1] \
                and _glue(low[found[i - 1].end:found[i].start]):
            cue[i], forward[i] = cue[i - 1], True
    for i in range(len(found) - 2, -1, -1):  # a postfix cue runs back over "A/C", "A dan C", not a comma
        gap = low[found[i].end:found[i + 1].start]
        if cue[i] is None and clause[i] == clause[i + 1] and _glue(gap) and "," not in gap:
            cue[i] = cue[i + 1]
    return cue


def _glue(gap: str) -> bool:
    """The gap only joins list items; ", punya SIM" starts a new statement, "dan memiliki SIM" does not."""
    words = {t for t, _, _ in tokens(gap)}
    return words <= _LIST_GLUE and not ("," in words and words & _VERBS)


_RESULT = {"not_held": None, "softened": "preferred", "not_asked": None, "preferred": "preferred",
           "required": "required", None: "required"}


def _mention_strengths(text: str, *, listed: bool = False) -> list[tuple[Mention, Strength | None]]:
    found = mentions(text, listed=listed)
    return [(m, _RESULT[c]) for m, c in zip(found, _strengths(text, found), strict=True)]


def requirement_strength(text: str, code: str) -> Strength | None:
    """How a vacancy text asks for a licence: 'required', 'preferred', or None (not asked for).
    A licence covering ``code`` is not a mention of it; the strongest mention wins."""
    best: Strength | None = None
    for m, strength in _mention_strengths(text or ""):
        if m.code == code and strength and best != "required":
            best = strength
    return best


def _resolve_alternatives(pairs: list[tuple[Mention, Strength | None]]) -> list[tuple[str, Strength | None]]:
    """ "SIM A atau C": no single hard filter; keep one alternative required only if all others cover it."""
    out: list[tuple[str, Strength | None]] = []
    groups: dict[int, list[tuple[Mention, Strength | None]]] = {}
    for m, s in pairs:
        if m.either and s == "required":
            groups.setdefault(m.series, []).append((m, s))
        else:
            out.append((m.code, s))
    for members in groups.values():
        codes = [m.code for m, _ in members]
        weakest = [c for c in codes if all(c in _covers_one(o) for o in codes)]
        out.extend((c, "required" if c in weakest[:1] else "preferred") for c in codes)
    return out


def vacancy_licences(title: str = "", description: str = "", certificates: Iterable[str] = (),
                     skills: Iterable[str] = ()) -> dict[str, Strength]:
    """Licences a vacancy asks for, each 'required' (hard filter) or 'preferred' (feature).

    Certificate entries are required unless their text softens them ("SIO forklift (diutamakan)");
    mentions in the title are required; in the description they take the strength of their phrase.
    Skills never count as licences, except an explicit licence written in a skill ("SIO forklift",
    not "forklift"), which counts as preferred: a misfiled entry must not become a hard filter.
    """
    result: dict[str, Strength] = {}

    def put(code: str, strength: Strength | None) -> None:
        if strength and result.get(code) != "required":
            result[code] = strength

    for entry in certificates:
        for code, strength in _resolve_alternatives(_mention_strengths(entry, listed=True)):
            put(code, strength)
    for text in (title, description):
        for code, strength in _resolve_alternatives(_mention_strengths(text or "")):
            put(code, strength)
    for skill in skills:
        for code in find_licences(skill):
            put(code, "preferred")
    return result
