"""The licences and certificates a vacancy can ask for, required or preferred, as the web app
shows them: the ranking engine's own table (matching/data/licences.tsv), read here as data.

Codes ("SIM_B1_UMUM") are what a vacancy stores and what the engine reads; names are shown in
the reader's language. `held_codes` is a plain reading of a resident's certificate list for the
manual referral checks; the engine's reading (matching/licences.py) is richer and decides the
suggestions."""
from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

# The kinds of licences.tsv in the order the form shows them, with their group labels.
KINDS = {
    "sim": _l("SIM (surat izin mengemudi)"),
    "sio": _l("SIO (surat izin operator alat berat)"),
    "security": _l("Satpam (Gada)"),
    "health": _l("Kesehatan (STR, SIP)"),
    "tax": _l("Pajak (Brevet)"),
    "k3": _l("K3 (keselamatan dan kesehatan kerja)"),
    "electrical": _l("Listrik"),
    "welding": _l("Las"),
    "competency": _l("Kompetensi (BNSP)"),
    "language": _l("Bahasa"),
    "food": _l("Makanan dan minuman"),
    "maritime": _l("Pelaut"),
    "document": _l("Dokumen"),
}
OTHER_KIND = _l("Lainnya")


@dataclass(frozen=True, slots=True)
class Licence:
    code: str
    kind: str
    name_id: str
    name_en: str
    covers: tuple[str, ...]
    aliases: tuple[str, ...]


def _data_file() -> Path:
    # find_spec locates the package without running matching/__init__.py, which loads scikit-learn.
    spec = importlib.util.find_spec("matching")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the matching package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "licences.tsv"


def _split(value: str, sep: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(sep) if v.strip())


@cache
def table() -> dict[str, Licence]:
    """Code -> Licence, in the file's order."""
    rows: dict[str, Licence] = {}
    for line in _data_file().read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in (line.split("\t") + [""] * 7)[:7]]
        code, kind, name_id, name_en, covers, aliases, listed = cols
        rows[code] = Licence(code, kind, name_id, name_en, _split(covers, ","),
                             _split(aliases, "|") + _split(listed, "|"))
    return rows


def is_known(code: str) -> bool:
    return code in table()


def _english() -> bool:
    locale = get_locale()
    return locale is not None and locale.language == "en"


def licence_name(code: str) -> str:
    """The licence's name in the reader's language; an unknown code shows as itself."""
    lic = table().get(code)
    if lic is None:
        return code
    return lic.name_en if _english() else lic.name_id


def licence_names(codes: Iterable[str] | None) -> list[str]:
    """Names of stored codes, in the stored order."""
    return [licence_name(c) for c in codes or ()]


def grouped_choices() -> dict[str, list[tuple[str, str]]]:
    """{group label: [(code, name), ...]} in the reader's language, for a field with optgroups."""
    english = _english()
    groups: dict[str, list[tuple[str, str]]] = {}
    order = {kind: i for i, kind in enumerate(KINDS)}
    for lic in sorted(table().values(), key=lambda lic: order.get(lic.kind, len(order))):
        label = str(KINDS.get(lic.kind, OTHER_KIND))
        groups.setdefault(label, []).append((lic.code, lic.name_en if english else lic.name_id))
    return groups


# --- a resident's certificate list, read plainly -------------------------------------------------

def _words(text: str) -> str:
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", (text or "").casefold()).split()) + " "


@cache
def _phrases() -> tuple[tuple[str, str], ...]:
    """(normalised phrase, code) for every code, name and alias, longest first."""
    out = {_words(p): lic.code for lic in table().values()
           for p in (lic.code.replace("_", " "), lic.name_id, lic.name_en, *lic.aliases) if _words(p).strip()}
    return tuple(sorted(out.items(), key=lambda item: -len(item[0])))


@cache
def _covered_by(code: str) -> frozenset[str]:
    """The code and everything it covers, transitively (SIM B1 Umum covers SIM B1 and SIM A)."""
    seen, todo = {code}, [code]
    while todo:
        lic = table().get(todo.pop())
        for c in lic.covers if lic else ():
            if c not in seen:
                seen.add(c)
                todo.append(c)
    return frozenset(seen)


def held_codes(entries: Iterable[str]) -> frozenset[str]:
    """Codes a list of certificate entries names whole ("SIM B1 Umum", "sio forklift"), with what
    each covers. A plain reading: lists inside one entry ("SIM A/C") may be read short."""
    found: set[str] = set()
    for entry in entries:
        text = _words(entry)
        for phrase, code in _phrases():
            if phrase in text:
                found |= _covered_by(code)
                text = text.replace(phrase, " ")
    return frozenset(found)


def match_code(text: str) -> str | None:
    """The code one written licence stands for: its code, its name in either language or an alias
    ("SIM_B1_UMUM", "SIM B1 Umum", "sim b1u"); None when it names none exactly."""
    wanted = _words(text)
    if not wanted.strip():
        return None
    upper = (text or "").strip().upper()
    if upper in table():
        return upper
    return next((code for phrase, code in _phrases() if phrase == wanted), None)
