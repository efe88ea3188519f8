"""Occupation codes for job titles: KBJI 2014 unit groups (the Indonesian classification built on ISCO-08).

Vacancy titles, desired positions and experience titles at a kelurahan desk are short, abbreviated
and mixed-language ("opr prod", "adm gdg", "SPG", "welder / tukang las"). This module maps them to a
four-digit KBJI 2014 unit group so the engine can ask "same job?", "same minor group?" or "adjacent
job?" instead of comparing words.

Data files (``matching/data/``, UTF-8, tab-separated, lines starting with ``#`` are comments):

``occupations.tsv`` -- one row per occupation title: ``code`` (four-digit unit group), ``title_id``
(Indonesian title), ``title_en`` (English title) and ``aliases`` (separated by ``|``: abbreviations
as written at the counter and by HRD, slang, English titles, frequent typos). Several rows may share
a code ("Pramuniaga" and "Crew Store" are both 5223); the first row of a code is its canonical title.
After normalisation (below) an alias or title belongs to exactly one code; the loader refuses a file
where it does not, so an ambiguous word is left out of the file rather than guessed.

``occupation_relations.tsv`` -- ``code_a``, ``code_b``, ``why``: unit groups that are adjacent for
placement (shop sales assistant 5223 and cashier 5230). Pairs are symmetric. Two unit groups that
are not adjacent themselves but share an adjacent one (a step through a listed pair or a minor
group: factory helper 9329 -> production operator 8189 -> food production operator 8160) are
"near": a weaker link, since a placement officer would consider the one for the other when
nobody closer applies.

Sources: the public structure of KBJI 2014 (BPS / Kemnaker), which follows ISCO-08 (ILO) down to
the unit group: 1-digit major group, 2-digit sub-major, 3-digit minor, 4-digit unit group. Titles
and aliases were written by the team from that structure and from the wording of Indonesian job
advertisements; they are not taken from any evaluation set.

Matching: ``lookup`` normalises a short title (case, punctuation, filler words such as "staff",
"lulusan", "pt", "kontrak"; shorthand such as "opr" -> "operator"), tries the exact alias, then a
conservative typo-tolerant match (rapidfuzz, optimal string alignment distance of 1, or 2 from twelve
characters with at most one per word, refused when two codes tie), then the longest alias contained
in the title, then a typo match of its parts. ``find_all``
scans longer texts for aliases, longest first, without typo tolerance. Nothing is read at import
time; ``OccupationIndex.default()`` loads the bundled files once per process.
"""
from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

DATA_DIR = Path(__file__).resolve().parent / "data"
OCCUPATIONS_FILE = DATA_DIR / "occupations.tsv"
RELATIONS_FILE = DATA_DIR / "occupation_relations.tsv"

RELATIONS = ("same", "minor", "related", "near", "none")

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# Words that say nothing about the occupation in a short title ("Staff Admin", "Operator Produksi
# lulusan SMA PT Maju"). Education levels stay: "guru SD" and "guru SMA" are different jobs.
_FILLER = frozenset({
    "staff", "staf", "karyawan", "pegawai", "lulusan", "pt", "cv", "tbk", "kontrak", "tetap", "lowongan", "loker",
    "dibutuhkan", "dicari", "butuh", "urgent", "segera", "posisi", "sebagai", "freelance", "parttime", "fulltime",
    "shift", "dll", "di", "untuk", "dan", "atau", "the", "of", "and", "for",
})

# Shorthand written at the counter and in job ads, folded to the full word before lookup.
_SHORTHAND = {
    "opr": "operator", "op": "operator", "optr": "operator", "oprtr": "operator", "oprator": "operator",
    "operater": "operator", "operatur": "operator",
    "adm": "admin", "admn": "admin", "administrasi": "admin",
    "gdg": "gudang", "prod": "produksi", "prd": "produksi",
    "spv": "supervisor", "supv": "supervisor", "svp": "supervisor",
    "mgr": "manager", "tkg": "tukang", "asst": "asisten", "ast": "asisten", "asist": "asisten",
    "hlp": "helper",
}

# Inside a longer text a one- to three-letter alias is too often another word ("it", "pa", "art");
# only these short aliases count there (alone, as a whole title, every alias counts).
_SHORT_ALIASES_IN_TEXT = frozenset({"spg", "spb", "qc", "qa", "ob", "og", "hrd", "las", "ttk", "prt", "abk", "mua"})

_MIN_FUZZY_CHARS = 5
# A title is short; past this many words ``lookup`` looks for parts only in the first ones (texts
# belong to ``find_all``), which bounds the cost of a pasted paragraph.
_MAX_TITLE_WORDS = 12
_CACHE_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class Occupation:
    """One occupation title and its place in KBJI 2014 (groups are prefixes of the code)."""

    code: str  # four-digit unit group, e.g. "5223"
    title_id: str
    title_en: str
    minor: str = field(init=False)  # three digits, e.g. "522"
    sub_major: str = field(init=False)  # two digits, e.g. "52"
    major: str = field(init=False)  # one digit, e.g. "5"

    def __post_init__(self) -> None:
        object.__setattr__(self, "minor", self.code[:3])
        object.__setattr__(self, "sub_major", self.code[:2])
        object.__setattr__(self, "major", self.code[:1])

    def label(self) -> str:
        """Title with its code, as shown in reasons: "Pramuniaga (KBJI 5223)"."""
        return f"{self.title_id} (KBJI {self.code})"


def normalise(text: str) -> str:
    """Lower-case, accent-free words with filler dropped and shorthand expanded, joined by spaces."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = []
    for token in _TOKEN.findall(folded):
        token = _SHORTHAND.get(token, token)
        if token not in _FILLER and not token.isdigit():
            words.append(token)
    return " ".join(words)


def _trusted_inside_text(key: str) -> bool:
    """Whether an alias found inside a longer text counts: not a stray "it", "pa" or "ap"."""
    return " " in key or len(key) > 3 or key in _SHORT_ALIASES_IN_TEXT


def _one_slip_per_word(query: str, alias: str) -> bool:
    """Whether no word of the query is more than one edit from the alias's word at the same place."""
    query_words, alias_words = query.split(), alias.split()
    if len(query_words) != len(alias_words):
        return True  # a split or joined word ("cleaningservice"); the whole-string limit applies
    return all(OSA.distance(q, a, score_cutoff=1) <= 1 for q, a in zip(query_words, alias_words, strict=True))


def _data_rows(path: Path) -> list[tuple[int, list[str]]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                fields = line.split("\t")
                if not rows and fields[0].startswith("code"):
                    continue  # the header row
                rows.append((number, fields))
    return rows


def _check_code(code: str, where: str) -> str:
    if len(code) != 4 or not code.isdigit():
        raise ValueError(f"{where}: {code!r} is not a four-digit KBJI unit group")
    return code


class OccupationIndex:
    """Alias index over occupation rows with typo-tolerant lookup and a relations table."""

    _default: OccupationIndex | None = None
    _default_lock = threading.Lock()

    def __init__(self, rows: list[tuple[Occupation, list[str]]],
                 relations: list[tuple[str, str]] = ()) -> None:
        self._by_key: dict[str, Occupation] = {}
        self._by_code: dict[str, Occupation] = {}
        for occupation, aliases in rows:
            self._by_code.setdefault(occupation.code, occupation)
            for raw in (occupation.title_id, occupation.title_en, *aliases):
                key = normalise(raw)
                if not key:
                    raise ValueError(f"{occupation.title_id}: alias {raw!r} is empty after normalisation")
                known = self._by_key.get(key)
                if known is not None and known.code != occupation.code:
                    raise ValueError(f"alias {raw!r} ({key!r}) belongs to both {known.code} and {occupation.code}")
                self._by_key.setdefault(key, occupation)
        self._related = {frozenset(pair) for pair in relations if pair[0] != pair[1]}
        # Adjacency for "near": listed pairs and unit groups of one minor group.
        self._adjacent: dict[str, set[str]] = {}
        for a, b in (tuple(pair) for pair in self._related):
            self._adjacent.setdefault(a, set()).add(b)
            self._adjacent.setdefault(b, set()).add(a)
        by_minor: dict[str, set[str]] = {}
        for code in self._by_code:
            by_minor.setdefault(code[:3], set()).add(code)
        for group in by_minor.values():
            for code in group:
                self._adjacent.setdefault(code, set()).update(group - {code})
        self._max_words = max((key.count(" ") + 1 for key in self._by_key), default=1)
        # Very short keys are left out of typo matching: one edit turns "spg" into "spb".
        self._fuzzy_keys = [key for key in self._by_key if len(key) >= _MIN_FUZZY_CHARS - 1]
        self._longest_key = max((len(key) for key in self._by_key), default=0)
        self._cache: dict[str, Occupation | None] = {}

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def from_files(cls, occupations: Path = OCCUPATIONS_FILE,
                   relations: Path | None = RELATIONS_FILE) -> OccupationIndex:
        rows = []
        for number, fields in _data_rows(occupations):
            where = f"{occupations.name}:{number}"
            if len(fields) != 4:
                raise ValueError(f"{where}: expected 4 tab-separated fields, found {len(fields)}")
            code, title_id, title_en, aliases = (field.strip() for field in fields)
            occupation = Occupation(_check_code(code, where), title_id, title_en)
            rows.append((occupation, [alias.strip() for alias in aliases.split("|") if alias.strip()]))
        pairs = []
        if relations is not None:
            for number, fields in _data_rows(relations):
                where = f"{relations.name}:{number}"
                if len(fields) != 3:
                    raise ValueError(f"{where}: expected 3 tab-separated fields, found {len(fields)}")
                pairs.append((_check_code(fields[0].strip(), where), _check_code(fields[1].strip(), where)))
        return cls(rows, pairs)

    @classmethod
    def default(cls) -> OccupationIndex:
        """The index of the bundled data files, loaded on first use and shared by the process."""
        if cls._default is None:
            with cls._default_lock:
                if cls._default is None:
                    cls._default = cls.from_files()
        return cls._default

    # -- queries ------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._by_key)

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(self._by_code)

    @property
    def keys(self) -> frozenset[str]:
        """Every normalised alias and title in the index."""
        return frozenset(self._by_key)

    @property
    def related_pairs(self) -> frozenset[frozenset[str]]:
        return frozenset(self._related)

    def get(self, code: str) -> Occupation | None:
        """The canonical (first) title of a unit group, or None for a code not in the file."""
        return self._by_code.get(code)

    def lookup(self, text: str) -> Occupation | None:
        """The occupation of a short title ("Opr. Produksi", "staff adm gdg"), or None.

        Exact alias first; on a miss a conservative typo match of the whole title; then the longest
        alias contained in the title ("admin gudang PT Sinar Jaya"); then a typo match of its parts.
        """
        text = text or ""
        if text in self._cache:  # the raw text first: normalising costs more than the lookup
            return self._cache[text]
        key = normalise(text)
        found = self._cache[key] if key in self._cache else self._resolve(key)
        if len(self._cache) >= _CACHE_LIMIT:
            self._cache.clear()
        self._cache[text] = self._cache[key] = found
        return found

    def find_all(self, text: str) -> list[Occupation]:
        """Occupations named anywhere in a longer text, in order of appearance, one per unit group.

        Longest aliases are taken first, so "perawat lansia" yields the caregiver and not also the
        nurse. No typo tolerance: a description has too many words that are one edit from a title.
        """
        words = normalise(text or "").split()
        taken = [False] * len(words)
        found: list[tuple[int, Occupation]] = []
        for size in range(min(self._max_words, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                if any(taken[start:start + size]):
                    continue
                key = " ".join(words[start:start + size])
                occupation = self._by_key.get(key)
                if occupation is None or not _trusted_inside_text(key):
                    continue
                taken[start:start + size] = [True] * size
                found.append((start, occupation))
        seen: set[str] = set()
        result = []
        for _, occupation in sorted(found, key=lambda item: item[0]):
            if occupation.code not in seen:
                seen.add(occupation.code)
                result.append(occupation)
        return result

    def relation(self, code_a: str, code_b: str) -> str:
        """How two unit groups relate: "same", "minor" (same 3-digit group), "related" (a listed pair),
        "near" (both adjacent to a third, by a listed pair or a minor group) or "none"."""
        if not code_a or not code_b:
            return "none"
        if code_a == code_b:
            return "same"
        if code_a[:3] == code_b[:3]:
            return "minor"
        if frozenset((code_a, code_b)) in self._related:
            return "related"
        if self._adjacent.get(code_a, set()) & self._adjacent.get(code_b, set()):
            return "near"
        return "none"

    # -- matching -----------------------------------------------------------------------------

    def _resolve(self, key: str) -> Occupation | None:
        if not key:
            return None
        exact = self._by_key.get(key)
        if exact is not None:
            return exact
        fuzzy = self._fuzzy(key)
        if fuzzy is not None:
            return fuzzy
        words = key.split()[:_MAX_TITLE_WORDS]
        windows = [(size, start) for size in range(min(self._max_words, len(words)), 0, -1)
                   for start in range(len(words) - size + 1)]
        for size, start in windows:
            part = " ".join(words[start:start + size])
            found = self._by_key.get(part)
            if found is not None and _trusted_inside_text(part):
                return found
        for size, start in windows:
            if size < len(words):
                found = self._fuzzy(" ".join(words[start:start + size]))
                if found is not None:
                    return found
        return None

    def _fuzzy(self, key: str) -> Occupation | None:
        """Nearest alias within 1 edit (2 from twelve characters on, one per word); None if absent or two
        codes tie. "helper toko" is two edits from "helper koki" but a different job, hence per word."""
        if not _MIN_FUZZY_CHARS <= len(key) <= self._longest_key + 2:
            return None
        allowed = 1 if len(key) < 12 else 2
        matches = process.extract(key, self._fuzzy_keys, scorer=OSA.distance, score_cutoff=allowed, limit=8)
        matches = [match for match in matches if _one_slip_per_word(key, match[0])]
        if not matches:
            return None
        best = min(distance for _, distance, _ in matches)
        codes = {self._by_key[alias].code for alias, distance, _ in matches if distance == best}
        if len(codes) != 1:
            return None
        return next(self._by_key[alias] for alias, distance, _ in matches if distance == best)


def lookup(text: str) -> Occupation | None:
    """Shortcut for ``OccupationIndex.default().lookup(text)``."""
    return OccupationIndex.default().lookup(text)


def relation(code_a: str, code_b: str) -> str:
    """Shortcut for ``OccupationIndex.default().relation(code_a, code_b)``."""
    return OccupationIndex.default().relation(code_a, code_b)
