"""A person's name as written on the KTP: letters, spaces, and the marks names and titles use.

Names carry letters of any script (Unicode letters, with their combining marks), spaces,
apostrophes (Nur'aini), dots and commas (H. Budi Santoso, S.T.) and hyphens (Siti Nur-Aini).
Digits, emoji and other symbols are not part of any name on an identity card; accepting them
would put them on referral letters and break the duplicate search."""
from __future__ import annotations

import unicodedata

from flask_babel import lazy_gettext as _l

PUNCTUATION = frozenset(" '’.,-")
INVALID_NAME = _l("Tulis nama seperti di KTP: hanya huruf, spasi, titik, koma, tanda hubung (-) dan apostrof ('). "
                  "Angka, emoji dan simbol tidak diterima.")


def clean_name(text: str | None) -> str:
    """The name with its spaces collapsed and its characters in one Unicode form."""
    return " ".join(unicodedata.normalize("NFC", text or "").split())


def is_ktp_name(text: str) -> bool:
    """Whether every character may appear in a name on a KTP, and there is at least one letter."""
    letters = 0
    for char in text:
        kind = unicodedata.category(char)
        if kind.startswith("L"):
            letters += 1
        elif not (kind.startswith("M") and letters) and char not in PUNCTUATION:
            return False
    return letters > 0
