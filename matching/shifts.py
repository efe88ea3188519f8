"""Work shifts: the words people write for them, and which accepted shift covers which asked one.

Canonical shifts: ``pagi`` (morning / first shift), ``siang`` (afternoon, "sore", second shift),
``malam`` (night, third shift), ``non-shift`` (fixed office hours) and ``bergilir`` (rotating).

Compatibility (an accepted shift on the left covers the vacancy's shifts on the right):

| accepted    | covers                                   | why                                             |
|-------------|------------------------------------------|-------------------------------------------------|
| pagi        | pagi, non-shift                          | office hours are daytime hours                  |
| non-shift   | non-shift, pagi                          | a morning shift is daytime work                 |
| siang       | siang                                    |                                                 |
| malam       | malam                                    |                                                 |
| bergilir    | pagi, siang, malam, non-shift, bergilir  | whoever rotates works each shift                |
| pagi + siang + malam | also bergilir                   | accepting every shift is accepting a rotation   |

Unknown words are compared as written. Missing data is never a conflict: the engine only reads a
conflict where both sides state their shifts.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

_SHIFT_CANON = {
    "pagi": "pagi", "morning": "pagi", "shift 1": "pagi", "shift pagi": "pagi", "day": "pagi",
    "siang": "siang", "sore": "siang", "afternoon": "siang", "shift 2": "siang", "shift siang": "siang",
    "malam": "malam", "night": "malam", "shift 3": "malam", "shift malam": "malam",
    "non shift": "non-shift", "nonshift": "non-shift", "non-shift": "non-shift", "normal": "non-shift",
    "office hours": "non-shift", "office hour": "non-shift", "reguler": "non-shift", "regular": "non-shift",
    "bergilir": "bergilir", "rotasi": "bergilir", "rotating": "bergilir", "rotation": "bergilir",
    "2 shift": "bergilir", "3 shift": "bergilir", "shift": "bergilir",
}


_DAY = frozenset({"pagi", "siang", "malam"})
COVERS: dict[str, frozenset[str]] = {
    "pagi": frozenset({"pagi", "non-shift"}),
    "non-shift": frozenset({"non-shift", "pagi"}),
    "siang": frozenset({"siang"}),
    "malam": frozenset({"malam"}),
    "bergilir": frozenset({"pagi", "siang", "malam", "non-shift", "bergilir"}),
}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=10_000)
def shift_key(text: str) -> str:
    folded = " ".join(_TOKEN.findall(_fold(text)))
    return _SHIFT_CANON.get(folded, folded)


def covered_shifts(accepted: tuple[str, ...]) -> frozenset[str]:
    """Canonical shifts a seeker who accepts ``accepted`` can work (see the table above)."""
    keys = {shift_key(a) for a in accepted}
    out = set(keys)
    for k in keys:
        out |= COVERS.get(k, frozenset())
    if _DAY <= out:
        out.add("bergilir")
    return frozenset(out)


def shift_match(required: tuple[str, ...], accepted: tuple[str, ...]) -> tuple[float, list[str]]:
    """Share of the vacancy's shifts the seeker covers, and those shifts (vacancy wording)."""
    acc = covered_shifts(tuple(accepted))
    matched = [r for r in required if shift_key(r) in acc]
    return (len(matched) / len(required) if required else 0.0), matched
