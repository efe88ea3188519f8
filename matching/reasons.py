"""Reason codes: the fixed vocabulary of evidence behind a suggestion.

Each ``Reason(code, share, params)`` states one true fact about the seeker-vacancy pair. ``share``
is the fraction of the suggestion's positive evidence carried by this reason: the positive shares
of one suggestion sum to 1 and reasons come best first. The four *concern* codes
(``wage_above_offer``, ``shift_conflict``, ``overqualified``, ``experience_short``, also in ``CONCERN_CODES``) have a
negative share: a stated conflict that lowered the score by that fraction of the positive
evidence. They come last; show them as warnings, not as reasons for the suggestion. ``params`` holds only plain JSON values (str, int,
float, null, lists of str — lists arrive as tuples, ``Reason.to_dict()`` gives lists), so the app
can store them as JSON and render them in any language from ``code`` + ``params``.

| code                | params (type)                                                                  | what it states (example, as the app words it in Indonesian)            |
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
| experience          | years (float, years in related occupations), minimum (float, required years),  | pengalaman 3 tahun sebagai Operator Mesin (syarat minimal 2 tahun)     |
|                     | jobs (list of str, the past job titles the years came from)                    |                                                                        |
| occupation_same     | occupation (str, the vacancy's KBJI title), code (str, 4-digit unit group),    | Pramuniaga (KBJI 5223) — sama dengan posisi yang diinginkan "SPG"     |
|                     | matched (str, the seeker's title), matched_occupation (str), matched_code     |                                                                        |
|                     | (str), source ("desired" or "experience")                                      |                                                                        |
| occupation_minor    | same params: the seeker's title is in the same KBJI minor group (3 digits)     | Kasir (KBJI 5230) — satu kelompok dengan "Pramuniaga" (KBJI 5223)      |
| occupation_related  | same params: the seeker's title is a unit group adjacent for placement         | Pelayan (KBJI 5131) — bidang terkait "Kasir" (KBJI 5230)               |
| licences            | matched (list of str, the asked licences the seeker meets), held (list of str, | memiliki SIM B1 Umum (memenuhi SIM A)                                  |
|                     | the seeker's own licences that meet them), n_matched (int), n_asked (int)      |                                                                        |
| same_area           | area (str, finest shared levels, finest first, e.g. "RW 05, Nusa Jaya"),       | tinggal di RW 05, Nusa Jaya, wilayah yang sama dengan lowongan         |
|                     | depth (int, shared levels), vacancy_depth (int), levels (list of str, shared   |                                                                        |
|                     | prefix coarse to fine)                                                         |                                                                        |
| wage_fit            | expected (float), wage_min (float or null), wage_max (float or null)           | gaji yang diharapkan Rp4.500.000 sesuai tawaran Rp4.000.000–Rp5.000.000 |
| shift_fit           | shifts (list of str, the vacancy's shifts the seeker accepts), n_matched (int),| bersedia kerja shift: pagi, malam                                      |
|                     | n_required (int)                                                               |                                                                        |
| resident_interested | (none)                                                                         | warga menyatakan berminat pada lowongan ini                            |
| like_history        | vacancy (str, an earlier vacancy the resident was interested in or referred   | mirip lowongan yang sebelumnya diminati atau dirujuk: "Kasir"        |
|                     | to, the most alike), similarity (float 0-1)                                    |                                                                        |
| wage_above_offer    | (concern) expected (float), wage_min (float or null), wage_max (float or null) | gaji yang diharapkan Rp6.500.000 di atas tawaran Rp5.000.000–Rp5.500.000 |
| shift_conflict      | (concern) shifts (list of str, the vacancy's shifts the seeker did not accept),| belum bersedia kerja shift: malam                                      |
|                     | accepted (list of str, the shifts the seeker accepts)                          |                                                                        |
| overqualified       | (concern) education (str code), minimum (str code)                             | pendidikan S1 jauh di atas syarat minimal SMP                          |
| experience_short    | (concern) years (float, in related occupations), minimum (float), jobs (list)  | pengalaman di bidang ini 0,5 tahun, di bawah separuh syarat 2 tahun    |

The words are not the library's: the application renders each code and its params into a
sentence from its own translation catalogue. ``render(reason)`` (and ``str(reason)``) give plain,
language-neutral text for logs, benchmarks and tests.
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
    "like_history",
    "occupation_same",
    "occupation_minor",
    "occupation_related",
    "licences",
    "wage_above_offer",
    "shift_conflict",
    "overqualified",
    "experience_short",
)
CONCERN_CODES: frozenset[str] = frozenset({"wage_above_offer", "shift_conflict", "overqualified", "experience_short"})

_OCCUPATION_PARAMS = ("occupation", "code", "matched", "matched_occupation", "matched_code", "source")
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
    "experience": ("years", "minimum", "jobs"),
    "same_area": ("area", "depth", "vacancy_depth", "levels"),
    "wage_fit": ("expected", "wage_min", "wage_max"),
    "shift_fit": ("shifts", "n_matched", "n_required"),
    "resident_interested": (),
    "like_history": ("vacancy", "similarity"),
    "wage_above_offer": ("expected", "wage_min", "wage_max"),
    "shift_conflict": ("shifts", "accepted"),
    "overqualified": ("education", "minimum"),
    "occupation_same": _OCCUPATION_PARAMS,
    "occupation_minor": _OCCUPATION_PARAMS,
    "occupation_related": _OCCUPATION_PARAMS,
    "licences": ("matched", "held", "n_matched", "n_asked"),
    "experience_short": ("years", "minimum", "jobs"),
}


def _plain(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")
    return str(value)


def render(reason: Any, lang: str | None = None, params: Mapping[str, Any] | None = None) -> str:
    """A reason (or a code with ``params``) as plain, language-neutral text, for logs, benchmarks
    and tests: ``skills_overlap (matched: las, bubut; n_matched: 2; n_required: 4)``.

    Sentences in a user's language are not the library's to write: an application words each code
    in its own translation catalogue. ``lang`` is accepted for callers of the earlier API and has no
    effect. Any code and any params are accepted, so that reasons stored by another engine version
    can still be shown."""
    if isinstance(reason, str):
        code, p = reason, params or {}
    else:
        code, p = reason.code, reason.params
    try:
        items = list(p.items())
    except AttributeError:
        items = []
    if not items:
        return str(code)
    return f"{code} (" + "; ".join(f"{key}: {_plain(value)}" for key, value in items) + ")"
