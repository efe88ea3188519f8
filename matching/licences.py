"""Licences and certificates as data: recognised in free text, with what each one covers.

The table lives in ``matching/data/licences.tsv`` (code, kind, Indonesian and English names, the codes
each one covers, and its aliases). Two kinds of alias: *aliases* count anywhere; *listed aliases*
("forklift", "welder", "barista", "k3") count only as an entry of a certificate list, because in a
skill list or a sentence they name a skill or a job, and a skill never counts as a licence.

SIM classes, Brevet levels, Gada levels and welding positions are read by a small grammar so that
lists work: "SIM A/C", "SIM A dan C", "sim b 1 umum", "SIM B1U", "brevet A & B", "welder 3G/4G".
One-letter classes are kept: "SIM C" is SIM_C, never SIM_B1.

What each licence covers (direct; ``closure`` takes the transitive closure):

=============  ==============================  ===============================================
Held           Also covers                     Why
=============  ==============================  ===============================================
SIM A Umum     SIM A                           public-transport class includes the personal one
SIM B1         SIM A                           Perpol 5/2021: B I drivers may drive A vehicles
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
Brevet C       Brevet B (, Brevet A)           courses are taken in order A, B, C (see below)
Brevet B       Brevet A
AK3 Umum, K3 Listrik, K3 Konstruksi, K3 Kebakaran, P3K, Scaffolding, Rigger  ->  K3 (generic)
Welder 6G      2G, 3G, 4G (, Sertifikat Las)   a 6G pipe test qualifies every position
Las SMAW/GTAW/GMAW/FCAW, 2G/3G/4G  ->  Sertifikat Las (generic)
=============  ==============================  ===============================================

Nothing else covers anything: a plain "SIM" with no class, TOEIC/TOEFL/IELTS, SKCK, paspor, AK/I and
the like are recognised but stand alone. "SIM B" without a digit is read as B1 (the lower class).

Requirement strength in vacancy text (``requirement_strength``): a mention is *required* (a hard
filter) unless its own phrase says otherwise: "diutamakan", "nilai plus/tambah", "lebih disukai",
"(optional)", "jika ada", "diharapkan" or "tidak wajib" make it *preferred* (a feature); "tidak perlu",
"tanpa", "dibantu/disediakan/difasilitasi (pembuatan)" mean it is not asked (None). A cue before a
list ("diutamakan memiliki SIO forklift dan SIM B1") applies to the whole list; a cue after one
("SIM A/C diutamakan") to the items joined to it by "dan", "/", "&" or "atau", not across a comma.
"SIM A atau C" cannot be a hard filter on both: the alternatives become preferred, unless one of them
is covered by all others ("SIM B1 atau B2 Umum" requires B1, which B2 Umum covers).

Engine use: precompute ``closure(held)`` once per record; a requirement is met when
``required <= closure``. All patterns compile lazily; every pattern is linear (no nested quantifiers).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

Strength = Literal["required", "preferred"]
DATA_FILE = Path(__file__).with_name("data") / "licences.tsv"
# A pasted CV or vacancy longer than this adds no licence worth the time to read it.
MAX_TEXT_CHARS = 20_000


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


# ---------------------------------------------------------------- tokens
_TOKEN = re.compile(r"[^\W_]+|[/&,+(]")
_SPELLING = {
    "ijin": "izin", "sertifikasi": "sertifikat", "bersertifikat": "sertifikat", "bersertifikasi": "sertifikat",
    "certificate": "sertifikat", "certified": "sertifikat", "certification": "sertifikat", "cert": "sertifikat",
    "licence": "lisensi", "license": "lisensi", "berlisensi": "lisensi", "licensed": "lisensi", "umun": "umum",
}
Token = tuple[str, int, int]


def _tokens(text: str) -> list[Token]:
    return [(_SPELLING.get(m.group(), m.group()), m.start(), m.end())
            for m in _TOKEN.finditer(text[:MAX_TEXT_CHARS].lower())]


def _words(alias: str) -> tuple[str, ...]:
    return tuple(t for t, _, _ in _tokens(alias))


@cache
def _alias_index(listed: bool) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """First token -> (alias tokens, code), longest alias first."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for lic in table().values():
        for alias in lic.aliases + (lic.listed_aliases if listed else ()):
            words = _words(alias)
            if words:
                index.setdefault(words[0], []).append((words, lic.code))
    for entries in index.values():
        entries.sort(key=lambda e: -len(e[0]))
    return index


# ---------------------------------------------------------------- series grammar
_SEPARATORS = frozenset({"/", "&", ",", "+", "dan", "serta", "and", "atau", "or", "maupun"})
_OR = frozenset({"atau", "or"})
_SIM_CLASS = re.compile(r"([abcd])(1|2|i|ii)?(u|umum)?")
_SIM_FILLERS = frozenset({"golongan", "gol", "kelas", "class", "tipe", "type", "jenis", "sim"})


def _sim_class(toks: list[Token], j: int) -> tuple[str | None, int]:
    """Read one SIM class starting at token j: (code, next index) or (None, j)."""
    m = _SIM_CLASS.fullmatch(toks[j][0])
    if not m:
        return None, j
    letter, num, umum = m.groups()
    if (letter == "a" and num) or (letter == "d" and num == "i") or (umum and letter in "cd"):
        return None, j  # "a1" is no class; "di" is the preposition
    k, n = j + 1, len(toks)
    if num is None and umum is None and k < n and letter in "bcd" and toks[k][0] in ("1", "2", "i", "ii"):
        num = toks[k][0]
        if letter == "d" and num != "1":
            return None, j
        k += 1
    if umum is None and letter in "ab" and k < n and toks[k][0] in ("umum", "u"):
        umum, k = "u", k + 1
    digit = {"i": "1", "ii": "2"}.get(num or "", num or "")
    if letter == "b" and not digit:
        digit = "1"  # colloquial "SIM B" names the lower B class
    return f"SIM_{letter.upper()}{digit}{'_UMUM' if umum else ''}", k


def _word_class(classes: dict[str, tuple[str, ...]]):
    def read(toks: list[Token], j: int) -> tuple[tuple[str, ...] | None, int]:
        codes = classes.get(toks[j][0])
        return (codes, j + 1) if codes else (None, j)
    return read


def _sim_read(toks: list[Token], j: int) -> tuple[tuple[str, ...] | None, int]:
    code, k = _sim_class(toks, j)
    return ((code,), k) if code else (None, j)


_BREVET = {"a": ("BREVET_A",), "b": ("BREVET_B",), "c": ("BREVET_C",), "ab": ("BREVET_A", "BREVET_B"),
           "abc": ("BREVET_A", "BREVET_B", "BREVET_C"), "bc": ("BREVET_B", "BREVET_C")}
_GADA = {"pratama": ("GADA_PRATAMA",), "madya": ("GADA_MADYA",), "utama": ("GADA_UTAMA",)}
_WELD_POS = {"2g": ("LAS_2G",), "3g": ("LAS_3G",), "4g": ("LAS_4G",), "6g": ("LAS_6G",), "6gr": ("LAS_6G",)}
# (trigger word sequences, fillers allowed between trigger/items, item reader)
_FAMILIES = (
    ((("sim",), ("surat", "izin", "mengemudi"), ("driving", "lisensi"), ("driver", "lisensi"),
      ("drivers", "lisensi"), ("driver", "s", "lisensi")), _SIM_FILLERS, _sim_read),
    ((("brevet",),), frozenset({"pajak", "brevet"}), _word_class(_BREVET)),
    ((("gada",), ("garda",)), frozenset({"gada", "garda"}), _word_class(_GADA)),
    ((("welder",), ("welding",), ("las",), ("pengelasan",), ("posisi",), ("sertifikat",)),
     frozenset({"smaw", "gtaw", "gmaw", "fcaw", "tig", "mig", "pipa", "pipe", "plat", "plate", "posisi",
                "sertifikat", "welder", "las"}), _word_class(_WELD_POS)),
)


def _skip(toks: list[Token], k: int, allowed: frozenset[str], limit: int = 3) -> int:
    while limit and k < len(toks) and toks[k][0] in allowed:
        k, limit = k + 1, limit - 1
    return k


def _series(toks: list[Token], i: int, listed_start: bool) -> tuple[list[tuple[str, int, int, bool]], int]:
    """Read "<trigger> <item> (<sep> <item>)*" at token i: ([(code, start, end, after_or)], next index)."""
    for triggers, fillers, read in _FAMILIES:
        for trig in triggers:
            if tuple(t for t, _, _ in toks[i:i + len(trig)]) != trig:
                continue
            found, k = _items(toks, i + len(trig), fillers, read, toks[i][1])
            if found:
                return found, k
    if listed_start:  # a certificate entry that is only classes: "B1 Umum", "A / C"
        found, k = _items(toks, i, _SIM_FILLERS, _sim_read, toks[i][1])
        if found and (k == len(toks) or toks[k][0] in ("aktif", "berlaku")):
            return found, k
    return [], i


def _items(toks, k, fillers, read, start):
    found: list[tuple[str, int, int, bool]] = []
    after_or, end = False, k
    while k < len(toks):
        j = _skip(toks, k, fillers)
        if j >= len(toks):
            break
        codes, nxt = read(toks, j)
        if not codes:
            break
        for code in codes:
            found.append((code, start if not found else toks[j][1], toks[nxt - 1][2], after_or))
        k = end = nxt
        j = _skip(toks, k, _SEPARATORS)
        if j == k:
            break
        after_or = after_or or any(t in _OR for t, _, _ in toks[k:j])
        k = j
    return found, end


# ---------------------------------------------------------------- recognition
def mentions(text: str, *, listed: bool = False) -> list[Mention]:
    """Every licence mention in text, in order. ``listed``: text is one entry of a certificate list."""
    toks = _tokens(text or "")
    index = _alias_index(listed)
    out: list[Mention] = []
    i, series = 0, 0
    while i < len(toks):
        found, k = _series(toks, i, listed and i == 0)
        if found:
            series += 1
            either = any(f[3] for f in found)
            out.extend(Mention(code, s, e, series, either) for code, s, e, _ in found)
            i = k
            continue
        for words, code in index.get(toks[i][0], ()):
            if tuple(t for t, _, _ in toks[i:i + len(words)]) == words:
                series += 1
                out.append(Mention(code, toks[i][1], toks[i + len(words) - 1][2], series, False))
                i += len(words)
                break
        else:
            i += 1
    return out


@lru_cache(maxsize=4096)
def find_licences(text: str, *, listed: bool = False) -> frozenset[str]:
    """Codes of the licences a text mentions (a sentence by default, a certificate entry if listed)."""
    return frozenset(m.code for m in mentions(text, listed=listed))


def held_licences(certificates: Iterable[str] = (), texts: Iterable[str] = ()) -> frozenset[str]:
    """A resident's licences: certificate entries (listed) plus explicit mentions in free texts.
    Skills belong in ``texts`` at most: there only "SIO forklift", never "forklift", counts."""
    codes: set[str] = set()
    for entry in certificates:
        codes |= find_licences(entry, listed=True)
    for text in texts:
        codes |= find_licences(text)
    return frozenset(codes)


# ---------------------------------------------------------------- strength
_CLAUSE_END = re.compile(r"[\n\r;•●▪◦*]|\.(?=\s|$)")
_NOT_ASKED = re.compile(r"\b(?:tidak perlu|tidak memerlukan|tidak diperlukan|tidak dibutuhkan|tanpa|not required|"
                        r"no need|dibantu|difasilitasi|disediakan|dibiayai|diikutkan|dibuatkan|akan diberikan)\b")
_SOFTENED = re.compile(r"\b(?:tidak wajib|tidak harus|tidak diwajibkan|tidak diharuskan|tidak mutlak|bukan syarat|"
                       r"not mandatory)\b")
_PREFERRED = re.compile(r"\b(?:diutamakan|disukai|diprioritaskan|nilai (?:plus|tambah|lebih)|poin (?:plus|tambah)|"
                        r"point plus|plus point|plus|optional|opsional|preferred|preferably|advantage|lebih baik|"
                        r"keunggulan|(?:jika|bila|kalau|apabila) (?:ada|punya|memiliki|mempunyai)|diharapkan)\b")
_REQUIRED = re.compile(r"\b(?:wajib|harus|diwajibkan|mutlak|must|required|mandatory|syarat)\b")
_LIST_GLUE = _SEPARATORS | {"sim", "juga", "yang", "memiliki", "punya", "mempunyai", "sertifikat", "lisensi"}
PREFIX_CHARS, POSTFIX_CHARS = 48, 40


def _cue(scope: str) -> str | None:
    for name, pattern in (("softened", _SOFTENED), ("not_asked", _NOT_ASKED), ("preferred", _PREFERRED),
                          ("required", _REQUIRED)):
        if pattern.search(scope):
            return name
    return None


def _postfix(gap: str) -> str:
    """The part of a gap after a mention that still qualifies it: up to the next comma or "dan"."""
    toks = _tokens(gap)
    cut = next((s for t, s, _ in toks if t in (",", "dan", "serta", "and")), len(gap))
    return gap[:min(cut, POSTFIX_CHARS)]


def _prefix(gap: str) -> str:
    """The part of a gap before a mention that qualifies it: after the last separator."""
    toks = _tokens(gap)
    cut = max((e for t, _, e in toks if t in _SEPARATORS), default=0)
    return gap[max(cut, len(gap) - PREFIX_CHARS):]


def _strengths(text: str, found: list[Mention]) -> list[str | None]:
    """One cue per mention ('softened', 'not_asked', 'preferred', 'required' or None)."""
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
    return all(t in _LIST_GLUE for t, _, _ in _tokens(gap))


_RESULT = {"softened": "preferred", "not_asked": None, "preferred": "preferred", "required": "required", None: "required"}


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
