"""A resident's address as one line: the street as written, then RT/RW once.

People often type the RT and RW into the address field as well as into their own fields
("Jl. Melati 3, RT 002 / RW 03"); printing the fields after that text showed them twice. The
text's own RT/RW are taken out and the fields (or, when a field is blank, what the text said)
are printed once, in one form, on every page and letter."""
from __future__ import annotations

import re

# "RT 002", "RT.2", "rt:02", "RT002"; each with what joins it to the next part ("/", ",", "-").
_PART = re.compile(r"\b(RT|RW)\b\.?\s*:?\s*(\d{1,3})\b\s*[/,\-]?", re.IGNORECASE)
_EDGES = " ,/-"


def split_rt_rw(text: str | None) -> tuple[str, str, str]:
    """(street, rt, rw): the address text without its RT/RW, and the numbers it held ("" if none)."""
    found: dict[str, str] = {}

    def take(match: re.Match) -> str:
        found.setdefault(match.group(1).upper(), match.group(2))
        return " "

    street = _PART.sub(take, text or "")
    street = re.sub(r"\s*,\s*(,\s*)+", ", ", re.sub(r"\s{2,}", " ", street)).strip(_EDGES + " ")
    return street, found.get("RT", ""), found.get("RW", "")


def format_address(address: str | None, rt: str | None = None, rw: str | None = None,
                   kelurahan: str | None = None) -> str:
    """"Jl. Melati No. 3, RT 002/RW 03[, Kelurahan Nusa Jaya]"; "–" when nothing is known."""
    street, text_rt, text_rw = split_rt_rw(address)
    rt, rw = (rt or "").strip() or text_rt, (rw or "").strip() or text_rw
    local = "/".join(p for p in (f"RT {rt}" if rt else "", f"RW {rw}" if rw else "") if p)
    parts = [p for p in (street, local, f"Kelurahan {kelurahan}" if kelurahan else "") if p]
    return ", ".join(parts) or "–"


def seeker_address(seeker, with_kelurahan: bool = False) -> str:
    """A resident's address from their record (the template filter `address`)."""
    kelurahan = seeker.kelurahan.name if with_kelurahan and seeker.kelurahan is not None else None
    return format_address(seeker.address, seeker.rt, seeker.rw, kelurahan)
