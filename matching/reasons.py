"""Reason codes: the fixed vocabulary of evidence behind a suggestion.

Each ``Reason(code, share, params)`` states one true fact about the seeker-vacancy pair. ``share``
is the fraction of the suggestion's positive evidence carried by this reason: the positive shares
of one suggestion sum to 1 and reasons come best first. The three *concern* codes
(``wage_above_offer``, ``shift_conflict``, ``overqualified``, also in ``CONCERN_CODES``) have a
negative share: a stated conflict that lowered the score by that fraction of the positive
evidence. They come last; show them as warnings, not as reasons for the suggestion. ``params`` holds only plain JSON values (str, int,
float, null, lists of str — lists arrive as tuples, ``Reason.to_dict()`` gives lists), so the app
can store them as JSON and render them in any language from ``code`` + ``params``.

| code                | params (type)                                                                  | Indonesian rendering (example)                                         |
|---------------------|--------------------------------------------------------------------------------|------------------------------------------------------------------------|
| title_match         | title (str, vacancy title), matched (str, seeker's desired position),          | posisi yang diinginkan "Operator Produksi" sesuai lowongan             |
|                     | similarity (float 0-1)                                                         | "Operator Produksi CNC"                                                |
| experience_title    | title (str, vacancy title), matched (str, experience title), years (float),    | pernah bekerja sebagai "Operator Mesin" selama 2 tahun                 |
|                     | similarity (float 0-1)                                                         |                                                                        |
| text_match          | terms (list of str: normalised words both texts contain, strongest first)      | profil dan lowongan sama-sama menyebut: forklift, gudang               |
| related_field       | terms (list of str: the vacancy's words most associated with the profile in   | profil berkaitan dengan bidang lowongan: produksi, packing             |
|                     | the latent topic model), similarity (float 0-1)                                |                                                                        |
| skills_overlap      | matched (list of str, the vacancy's wording), n_matched (int), n_required (int)| 3 dari 4 keterampilan cocok: las, bubut, membaca gambar teknik         |
| certificates        | matched (list of str, the vacancy's wording), n_matched (int), n_required (int)| memiliki 1 dari 1 sertifikat yang diminta: K3 Umum                     |
| major_fit           | education (str, code or ""), major (str), keywords (list of str found in the   | jurusan SMK Teknik Mesin sesuai bidang lowongan (mesin, bubut)         |
|                     | vacancy)                                                                       |                                                                        |
| education_meets     | education (str code), major (str, may be ""), minimum (str code)              | SMK Teknik Mesin sesuai syarat minimal SMA                             |
| experience          | years (float, total years of experience), minimum (float, required years)      | pengalaman kerja 3 tahun (syarat minimal 2 tahun)                      |
| same_area           | area (str, finest shared levels, finest first, e.g. "RW 05, Nusa Jaya"),       | tinggal di RW 05, Nusa Jaya, wilayah yang sama dengan lowongan         |
|                     | depth (int, shared levels), vacancy_depth (int), levels (list of str, shared   |                                                                        |
|                     | prefix coarse to fine)                                                         |                                                                        |
| wage_fit            | expected (float), wage_min (float or null), wage_max (float or null)           | gaji yang diharapkan Rp4.500.000 sesuai tawaran Rp4.000.000–Rp5.000.000 |
| shift_fit           | shifts (list of str, the vacancy's shifts the seeker accepts), n_matched (int),| bersedia kerja shift: pagi, malam                                      |
|                     | n_required (int)                                                               |                                                                        |
| resident_interested | (none)                                                                         | warga menyatakan berminat pada lowongan ini                            |
| wage_above_offer    | (concern) expected (float), wage_min (float or null), wage_max (float or null) | gaji yang diharapkan Rp6.500.000 di atas tawaran Rp5.000.000–Rp5.500.000 |
| shift_conflict      | (concern) shifts (list of str, the vacancy's shifts the seeker did not accept),| belum bersedia kerja shift: malam                                      |
|                     | accepted (list of str, the shifts the seeker accepts)                          |                                                                        |
| overqualified       | (concern) education (str code), minimum (str code)                             | pendidikan S1 jauh di atas syarat minimal SMP                          |

``render(reason, lang)`` renders "id" (default) or "en"; ``str(reason)`` is the Indonesian one.
"""
from __future__ import annotations

from typing import Any, Mapping

REASON_CODES: tuple[str, ...] = (
    "title_match",
    "experience_title",
    "text_match",
    "related_field",
    "skills_overlap",
    "certificates",
    "major_fit",
    "education_meets",
    "experience",
    "same_area",
    "wage_fit",
    "shift_fit",
    "resident_interested",
    "wage_above_offer",
    "shift_conflict",
    "overqualified",
)
CONCERN_CODES: frozenset[str] = frozenset({"wage_above_offer", "shift_conflict", "overqualified"})

# Keys every reason of a code carries; the tests check the engine keeps to this.
REASON_PARAMS: dict[str, tuple[str, ...]] = {
    "title_match": ("title", "matched", "similarity"),
    "experience_title": ("title", "matched", "years", "similarity"),
    "text_match": ("terms",),
    "related_field": ("terms", "similarity"),
    "skills_overlap": ("matched", "n_matched", "n_required"),
    "certificates": ("matched", "n_matched", "n_required"),
    "major_fit": ("education", "major", "keywords"),
    "education_meets": ("education", "major", "minimum"),
    "experience": ("years", "minimum"),
    "same_area": ("area", "depth", "vacancy_depth", "levels"),
    "wage_fit": ("expected", "wage_min", "wage_max"),
    "shift_fit": ("shifts", "n_matched", "n_required"),
    "resident_interested": (),
    "wage_above_offer": ("expected", "wage_min", "wage_max"),
    "shift_conflict": ("shifts", "accepted"),
    "overqualified": ("education", "minimum"),
}


def _num(x: float, lang: str) -> str:
    """1.5 -> '1,5' in Indonesian, '1.5' in English; whole numbers without decimals."""
    text = f"{x:.0f}" if float(x).is_integer() else f"{x:.1f}"
    return text.replace(".", ",") if lang == "id" else text


def _money(x: float | None, lang: str) -> str:
    grouped = f"{round(x or 0):,}"
    return "Rp" + (grouped.replace(",", ".") if lang == "id" else grouped)


def _list(items: Any) -> str:
    return ", ".join(str(i) for i in items)


def _edu(education: str, major: str) -> str:
    return f"{education} {major}".strip()


def _wage_range(p: Mapping[str, Any], lang: str) -> str:
    lo, hi = p.get("wage_min"), p.get("wage_max")
    if lo is not None and hi is not None and lo != hi:
        return f"{_money(lo, lang)}–{_money(hi, lang)}"
    return _money(hi if hi is not None else lo, lang)


def _render_id(code: str, p: Mapping[str, Any]) -> str:
    if code == "title_match":
        return f'posisi yang diinginkan "{p["matched"]}" sesuai lowongan "{p["title"]}"'
    if code == "experience_title":
        years = p.get("years") or 0
        tail = f" selama {_num(years, 'id')} tahun" if years else ""
        return f'pernah bekerja sebagai "{p["matched"]}"{tail}'
    if code == "text_match":
        return f"profil dan lowongan sama-sama menyebut: {_list(p['terms'])}"
    if code == "related_field":
        tail = f": {_list(p['terms'])}" if p.get("terms") else ""
        return f"profil berkaitan dengan bidang lowongan{tail}"
    if code == "skills_overlap":
        return f"{p['n_matched']} dari {p['n_required']} keterampilan cocok: {_list(p['matched'])}"
    if code == "certificates":
        return (f"memiliki {p['n_matched']} dari {p['n_required']} sertifikat yang diminta: "
                f"{_list(p['matched'])}")
    if code == "major_fit":
        kw = f" ({_list(p['keywords'])})" if p.get("keywords") else ""
        return f"jurusan {_edu(p.get('education') or '', p['major'])} sesuai bidang lowongan{kw}"
    if code == "education_meets":
        return f"{_edu(p['education'], p.get('major') or '')} sesuai syarat minimal {p['minimum']}"
    if code == "experience":
        return f"pengalaman kerja {_num(p['years'], 'id')} tahun (syarat minimal {_num(p['minimum'], 'id')} tahun)"
    if code == "same_area":
        return f"tinggal di {p['area']}, wilayah yang sama dengan lowongan"
    if code == "wage_fit":
        return f"gaji yang diharapkan {_money(p['expected'], 'id')} sesuai tawaran {_wage_range(p, 'id')}"
    if code == "shift_fit":
        return f"bersedia kerja shift: {_list(p['shifts'])}"
    if code == "resident_interested":
        return "warga menyatakan berminat pada lowongan ini"
    if code == "wage_above_offer":
        return f"gaji yang diharapkan {_money(p['expected'], 'id')} di atas tawaran {_wage_range(p, 'id')}"
    if code == "shift_conflict":
        return f"belum bersedia kerja shift: {_list(p['shifts'])}"
    if code == "overqualified":
        return f"pendidikan {p['education']} jauh di atas syarat minimal {p['minimum']}"
    return code


def _render_en(code: str, p: Mapping[str, Any]) -> str:
    if code == "title_match":
        return f'desired position "{p["matched"]}" fits the vacancy "{p["title"]}"'
    if code == "experience_title":
        years = p.get("years") or 0
        tail = f" for {_num(years, 'en')} year{'s' if years != 1 else ''}" if years else ""
        return f'has worked as "{p["matched"]}"{tail}'
    if code == "text_match":
        return f"profile and vacancy both mention: {_list(p['terms'])}"
    if code == "related_field":
        tail = f": {_list(p['terms'])}" if p.get("terms") else ""
        return f"profile is related to the vacancy's field{tail}"
    if code == "skills_overlap":
        return f"{p['n_matched']} of {p['n_required']} skills match: {_list(p['matched'])}"
    if code == "certificates":
        return f"holds {p['n_matched']} of {p['n_required']} requested certificates: {_list(p['matched'])}"
    if code == "major_fit":
        kw = f" ({_list(p['keywords'])})" if p.get("keywords") else ""
        return f"{_edu(p.get('education') or '', p['major'])} major fits the vacancy's field{kw}"
    if code == "education_meets":
        return f"{_edu(p['education'], p.get('major') or '')} meets the minimum of {p['minimum']}"
    if code == "experience":
        return (f"{_num(p['years'], 'en')} years of work experience "
                f"(at least {_num(p['minimum'], 'en')} required)")
    if code == "same_area":
        return f"lives in {p['area']}, the vacancy's area"
    if code == "wage_fit":
        return f"expected wage {_money(p['expected'], 'en')} fits the offer of {_wage_range(p, 'en')}"
    if code == "shift_fit":
        return f"willing to work the shifts: {_list(p['shifts'])}"
    if code == "resident_interested":
        return "the resident said they are interested in this vacancy"
    if code == "wage_above_offer":
        return f"expected wage {_money(p['expected'], 'en')} is above the offer of {_wage_range(p, 'en')}"
    if code == "shift_conflict":
        return f"has not agreed to work the shifts: {_list(p['shifts'])}"
    if code == "overqualified":
        return f"education {p['education']} is far above the minimum of {p['minimum']}"
    return code


def render(reason: Any, lang: str = "id", params: Mapping[str, Any] | None = None) -> str:
    """Render a Reason (or a code with ``params``) as a sentence in "id" or "en"."""
    if isinstance(reason, str):
        code, p = reason, params or {}
    else:
        code, p = reason.code, reason.params
    try:
        return (_render_en if lang == "en" else _render_id)(code, p)
    except (KeyError, TypeError):
        # Stored params from an older engine version must not break a page.
        return code
