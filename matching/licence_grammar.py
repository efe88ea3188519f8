"""Tokens and the small grammar that reads licence lists: "SIM A/C", "sim b 1 umum", "brevet A & B",
"Gada Pratama", "welder 3G/4G". Pure functions over lower-cased tokens with character spans; codes are
those of ``matching/data/licences.tsv``. Every pattern is linear (no nested quantifiers)."""
from __future__ import annotations

import re

# A pasted CV or vacancy longer than this adds no licence worth the time to read it.
MAX_TEXT_CHARS = 20_000
_TOKEN = re.compile(r"[^\W_]+|[/&,+(]")
_SPELLING = {
    "ijin": "izin", "sertifikasi": "sertifikat", "bersertifikat": "sertifikat", "bersertifikasi": "sertifikat",
    "certificate": "sertifikat", "certified": "sertifikat", "certification": "sertifikat", "cert": "sertifikat",
    "licence": "lisensi", "license": "lisensi", "berlisensi": "lisensi", "licensed": "lisensi", "umun": "umum",
}
Token = tuple[str, int, int]


def tokens(text: str) -> list[Token]:
    return [(_SPELLING.get(m.group(), m.group()), m.start(), m.end())
            for m in _TOKEN.finditer(text[:MAX_TEXT_CHARS].lower())]


_WORD = re.compile(r"[^\W_]+")


def word_set(text: str) -> set[str]:
    """The normalised words of a text, cheaply: a pre-check before reading it token by token."""
    return {_SPELLING.get(w, w) for w in _WORD.findall(text[:MAX_TEXT_CHARS].lower())}


def trigger_words() -> frozenset[str]:
    return frozenset(_TRIGGERS)


def words_of(alias: str) -> tuple[str, ...]:
    return tuple(t for t, _, _ in tokens(alias))


SEPARATORS = frozenset({"/", "&", ",", "+", "dan", "serta", "and", "atau", "or", "maupun"})
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


def _phrase_class(phrases: dict[str, tuple[str, ...]]):
    """Reader of items of one or two words ("forklift", "fork lift", "wheel loader"), longest first."""
    table = {tuple(k.split()): v for k, v in phrases.items()}

    def read(toks: list[Token], j: int) -> tuple[tuple[str, ...] | None, int]:
        for size in (2, 1):
            codes = table.get(tuple(t for t, _, _ in toks[j:j + size]))
            if codes and j + size <= len(toks):
                return codes, j + size
        return None, j
    return read


def _sim_read(toks: list[Token], j: int) -> tuple[tuple[str, ...] | None, int]:
    code, k = _sim_class(toks, j)
    return ((code,), k) if code else (None, j)


_BREVET = {"a": ("BREVET_A",), "b": ("BREVET_B",), "c": ("BREVET_C",), "ab": ("BREVET_A", "BREVET_B"),
           "abc": ("BREVET_A", "BREVET_B", "BREVET_C"), "bc": ("BREVET_B", "BREVET_C")}
_GADA = {"pratama": ("GADA_PRATAMA",), "madya": ("GADA_MADYA",), "utama": ("GADA_UTAMA",)}
_WELD_POS = {"2g": ("LAS_2G",), "3g": ("LAS_3G",), "4g": ("LAS_4G",), "6g": ("LAS_6G",), "6gr": ("LAS_6G",)}
_SIO = {k: (f"SIO_{v}",) for k, v in {
    "forklift": "FORKLIFT", "fork lift": "FORKLIFT", "fl": "FORKLIFT", "crane": "CRANE", "overhead crane": "CRANE",
    "mobile crane": "CRANE", "tower crane": "CRANE", "gantry crane": "CRANE", "excavator": "EXCAVATOR",
    "ekskavator": "EXCAVATOR", "backhoe": "EXCAVATOR", "loader": "LOADER", "wheel loader": "LOADER",
    "boom lift": "BOOM_LIFT", "scissor lift": "BOOM_LIFT", "manlift": "BOOM_LIFT", "man lift": "BOOM_LIFT",
    "reach stacker": "REACH_STACKER", "boiler": "BOILER", "pesawat uap": "BOILER"}.items()}
# (trigger word sequences, fillers allowed between trigger/items, item reader)
_FAMILIES = (
    ((("sim",), ("surat", "izin", "mengemudi"), ("driving", "lisensi"), ("driver", "lisensi"),
      ("drivers", "lisensi"), ("driver", "s", "lisensi")), _SIM_FILLERS | {"("}, _sim_read),
    ((("sio",), ("surat", "izin", "operator"), ("lisensi", "operator"), ("lisensi",), ("sertifikat", "operator")),
     frozenset({"operator", "kemnaker", "(", "sio"}), _phrase_class(_SIO)),
    ((("brevet",),), frozenset({"pajak", "brevet"}), _word_class(_BREVET)),
    ((("gada",), ("garda",)), frozenset({"gada", "garda"}), _word_class(_GADA)),
    ((("welder",), ("welding",), ("las",), ("pengelasan",), ("posisi",), ("sertifikat",)),
     frozenset({"smaw", "gtaw", "gmaw", "fcaw", "tig", "mig", "pipa", "pipe", "plat", "plate", "posisi",
                "sertifikat", "welder", "las"}), _word_class(_WELD_POS)),
)


# First word -> (trigger, fillers, reader): most tokens start no trigger and cost one dict lookup.
_TRIGGERS: dict[str, list] = {}
for _triggers, _fillers, _read in _FAMILIES:
    for _trig in _triggers:
        _TRIGGERS.setdefault(_trig[0], []).append((_trig, _fillers, _read))


def _skip(toks: list[Token], k: int, allowed: frozenset[str], limit: int = 3) -> int:
    while limit and k < len(toks) and toks[k][0] in allowed:
        k, limit = k + 1, limit - 1
    return k


def read_series(toks: list[Token], i: int, listed_start: bool) -> tuple[list[tuple[str, int, int, bool]], int]:
    """Read "<trigger> <item> (<sep> <item>)*" at token i: ([(code, start, end, after_or)], next index)."""
    for trig, fillers, read in _TRIGGERS.get(toks[i][0], ()):
        if len(trig) > 1 and tuple(t for t, _, _ in toks[i:i + len(trig)]) != trig:
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
        j = _skip(toks, k, SEPARATORS)
        if j == k:
            break
        after_or = after_or or any(t in _OR for t, _, _ in toks[k:j])
        k = j
    return found, end
