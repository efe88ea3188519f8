"""Flags for staff on vacancy texts and wages (UU 13/2003 Pasal 5–6, 31–32; UMK per year)."""
from __future__ import annotations

import re

from flask import current_app
from flask_babel import lazy_gettext as _l

from .models import Vacancy

PATTERNS = {
    "sex": (re.compile(r"\b(pria|wanita|laki[- ]laki|perempuan|cowok|cewek)\b", re.I),
            _l("menyebut jenis kelamin tertentu")),
    "religion": (re.compile(r"\b(islam|muslim|muslimah|kristen|katolik|hindu|buddha|konghucu|beragama)\b", re.I),
                 _l("menyebut agama")),
    "ethnicity": (re.compile(r"\b(suku|etnis|tionghoa|keturunan|pribumi)\b", re.I), _l("menyebut suku atau etnis")),
    "appearance": (re.compile(r"(berpenampilan\s+menarik|penampilan\s+menarik|good\s+looking|cantik|tampan)", re.I),
                   _l("meminta penampilan menarik")),
    "age": (re.compile(r"(usia|umur)\s*(maks\w*|max\w*|paling\s+tinggi|di\s*bawah)\s*\.?\s*\d{2}|maks\w*\.?\s*\d{2}\s*(th|tahun)", re.I),
            _l("membatasi usia maksimal")),
    "marital": (re.compile(r"(belum\s+menikah|belum\s+kawin|lajang|status\s+(pernikahan|perkawinan))", re.I),
                _l("mensyaratkan status pernikahan")),
}
FULL_TIME = {"pkwtt", "pkwt", "alih_daya"}


def text_flags(vacancy: Vacancy) -> list[tuple[str, object]]:
    text = f"{vacancy.title}\n{vacancy.description}"
    return [(code, label) for code, (pattern, label) in PATTERNS.items() if pattern.search(text)]


def umk_for(year: int) -> float | None:
    return current_app.config["UMK"].get(str(year))


def below_umk(vacancy: Vacancy) -> float | None:
    """The UMK a full-time vacancy offers less than, or None."""
    if vacancy.contract_type not in FULL_TIME:
        return None
    offered = vacancy.wage_max or vacancy.wage_min
    year = (vacancy.deadline or vacancy.created_at).year if (vacancy.deadline or vacancy.created_at) else None
    umk = umk_for(year) if year else None
    if offered and umk and offered < umk:
        return umk
    return None
