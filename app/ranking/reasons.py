"""Reason sentences: a stored reason ({"code", "share", "params"}) in the reader's language.

The engine fixes the codes and what the params of each one hold (``matching.reasons`` documents
them); the words are the app's, in its translation catalogue like every other interface string:
the Indonesian sentence is the message id, translations/en/ holds the English. Nothing here
imports the engine.

Reasons are stored, so a page may show reasons written by another engine version: a code this
version does not know, or params it does not expect, show as the bare code instead of breaking
the page."""
from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from flask import has_request_context
from flask_babel import force_locale, format_decimal, get_locale

from ..core.i18n import gettext as _
from ..core.i18n import ngettext
from ..core.web import rupiah, wage_range


def _number(value: Any) -> str:
    """Years as people write them: 3, 1,5 (Indonesian) or 1.5 (English)."""
    return format_decimal(float(value), format="#,##0.#")


def _count(value: Any) -> int:
    """The number gettext chooses a plural form by, which must be whole: a fraction ("1,5 tahun",
    "1.5 years") takes the form of the numbers other than one."""
    value = float(value)
    return int(value) if value.is_integer() else 2


def _listed(items: Any) -> str:
    if isinstance(items, str):
        return items
    return ", ".join(str(item) for item in items)


def _education(level: Any, major: Any) -> str:
    """"SMK Teknik Mesin": the level's code and the major, as the resident entered them."""
    return f"{level or ''} {major or ''}".strip()


def _offer(p: Mapping[str, Any]) -> str:
    offer = wage_range(p.get("wage_min"), p.get("wage_max"))
    if not offer:
        raise ValueError("a wage reason without an offer")
    return offer


def _title_match(p):
    return _('posisi yang diinginkan "%(matched)s" sesuai lowongan "%(title)s"', matched=p["matched"], title=p["title"])


def _experience_title(p):
    years = float(p.get("years") or 0)
    if not years:
        return _('pernah bekerja sebagai "%(matched)s"', matched=p["matched"])
    return ngettext('pernah bekerja sebagai "%(matched)s" selama %(years)s tahun',
                    'pernah bekerja sebagai "%(matched)s" selama %(years)s tahun',
                    _count(years), matched=p["matched"], years=_number(years))


def _text_match(p):
    return _("profil dan lowongan sama-sama menyebut: %(terms)s", terms=_listed(p["terms"]))


def _related_field(p):
    if p.get("terms"):
        return _("profil berkaitan dengan bidang lowongan: %(terms)s", terms=_listed(p["terms"]))
    return _("profil berkaitan dengan bidang lowongan")


def _skills_overlap(p):
    return ngettext("%(n_matched)d dari %(n_required)d keterampilan cocok: %(matched)s",
                    "%(n_matched)d dari %(n_required)d keterampilan cocok: %(matched)s",
                    _count(p["n_required"]), n_matched=p["n_matched"], n_required=p["n_required"],
                    matched=_listed(p["matched"]))


def _certificates(p):
    return ngettext("memiliki %(n_matched)d dari %(n_required)d sertifikat yang diminta: %(matched)s",
                    "memiliki %(n_matched)d dari %(n_required)d sertifikat yang diminta: %(matched)s",
                    _count(p["n_required"]), n_matched=p["n_matched"], n_required=p["n_required"],
                    matched=_listed(p["matched"]))


def _major_fit(p):
    major = _education(p.get("education"), p["major"])
    if p.get("keywords"):
        return _("jurusan %(major)s sesuai bidang lowongan (%(keywords)s)", major=major,
                 keywords=_listed(p["keywords"]))
    return _("jurusan %(major)s sesuai bidang lowongan", major=major)


def _education_meets(p):
    return _("%(education)s sesuai syarat minimal %(minimum)s", education=_education(p["education"], p.get("major")),
             minimum=p["minimum"])


def _experience(p):
    if p.get("jobs"):
        return ngettext("pengalaman %(years)s tahun sebagai %(jobs)s (syarat minimal %(minimum)s tahun)",
                        "pengalaman %(years)s tahun sebagai %(jobs)s (syarat minimal %(minimum)s tahun)",
                        _count(p["years"]), years=_number(p["years"]), jobs=_listed(p["jobs"]),
                        minimum=_number(p["minimum"]))
    return ngettext("pengalaman kerja %(years)s tahun (syarat minimal %(minimum)s tahun)",
                    "pengalaman kerja %(years)s tahun (syarat minimal %(minimum)s tahun)",
                    _count(p["years"]), years=_number(p["years"]), minimum=_number(p["minimum"]))


def _same_area(p):
    return _("tinggal di %(area)s, wilayah yang sama dengan lowongan", area=p["area"])


def _wage_fit(p):
    return _("gaji yang diharapkan %(expected)s sesuai tawaran %(offer)s", expected=rupiah(p["expected"]),
             offer=_offer(p))


def _shift_fit(p):
    return _("bersedia kerja shift: %(shifts)s", shifts=_listed(p["shifts"]))


def _resident_interested(p):
    return _("warga menyatakan berminat pada lowongan ini")


def _like_history(p):
    return _('mirip lowongan yang sebelumnya diminati atau dirujuk: "%(vacancy)s"', vacancy=p["vacancy"])


def _wage_above_offer(p):
    return _("gaji yang diharapkan %(expected)s di atas tawaran %(offer)s", expected=rupiah(p["expected"]),
             offer=_offer(p))


def _shift_conflict(p):
    return _("belum bersedia kerja shift: %(shifts)s", shifts=_listed(p["shifts"]))


def _overqualified(p):
    return _("pendidikan %(education)s jauh di atas syarat minimal %(minimum)s", education=p["education"],
             minimum=p["minimum"])


def _occupation(p):
    return f'{p["occupation"]} (KBJI {p["code"]})'


def _occupation_same(p):
    if p.get("source") == "experience":
        return _('%(occupation)s — sama dengan pekerjaan sebelumnya "%(matched)s"', occupation=_occupation(p),
                 matched=p["matched"])
    return _('%(occupation)s — sama dengan posisi yang diinginkan "%(matched)s"', occupation=_occupation(p),
             matched=p["matched"])


def _occupation_minor(p):
    return _('%(occupation)s — satu kelompok jabatan dengan "%(matched)s" (%(other)s)', occupation=_occupation(p),
             matched=p["matched"], other=p["matched_occupation"])


def _occupation_related(p):
    return _('%(occupation)s — bidang terkait dengan "%(matched)s" (%(other)s)', occupation=_occupation(p),
             matched=p["matched"], other=p["matched_occupation"])


def _licences(p):
    held, matched = _listed(p["held"]), _listed(p["matched"])
    if not held:
        raise ValueError("a licence reason without a held licence")
    if held == matched:
        return _("memiliki %(held)s yang diminta lowongan", held=held)
    return _("memiliki %(held)s (memenuhi %(matched)s)", held=held, matched=matched)


def _experience_short(p):
    return ngettext("pengalaman di bidang ini %(years)s tahun, di bawah separuh syarat %(minimum)s tahun",
                    "pengalaman di bidang ini %(years)s tahun, di bawah separuh syarat %(minimum)s tahun",
                    _count(p["years"]), years=_number(p["years"]), minimum=_number(p["minimum"]))


SENTENCES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "title_match": _title_match,
    "experience_title": _experience_title,
    "text_match": _text_match,
    "related_field": _related_field,
    "skills_overlap": _skills_overlap,
    "certificates": _certificates,
    "major_fit": _major_fit,
    "education_meets": _education_meets,
    "experience": _experience,
    "same_area": _same_area,
    "wage_fit": _wage_fit,
    "shift_fit": _shift_fit,
    "resident_interested": _resident_interested,
    "like_history": _like_history,
    "wage_above_offer": _wage_above_offer,
    "shift_conflict": _shift_conflict,
    "overqualified": _overqualified,
    "occupation_same": _occupation_same,
    "occupation_minor": _occupation_minor,
    "occupation_related": _occupation_related,
    "licences": _licences,
    "experience_short": _experience_short,
}


def _sentence(reason: Mapping[str, Any]) -> str:
    code = str(reason.get("code", ""))
    sentence = SENTENCES.get(code)
    if sentence is None:
        return code
    try:
        return sentence(reason.get("params") or {})
    except (KeyError, TypeError, ValueError, ArithmeticError):  # params of another engine version
        return code


def _in_language(lang: str | None) -> bool:
    """Whether sentences come out in `lang` without switching: no language asked for, or the
    request's own. Outside a request (a job, a test), `lang` says which language to use."""
    return lang is None or (has_request_context() and lang == str(get_locale()))


def render_reason(reason: Mapping[str, Any], lang: str | None = None) -> str:
    """A stored reason as a sentence, in `lang` ("id" or "en") or else the request's language."""
    if _in_language(lang):
        return _sentence(reason)
    with force_locale(lang):
        return _sentence(reason)


# ---------------------------------------------------------------- what a reader is shown
FOLD_BELOW = 0.05  # evidence worth less than this share of the score is folded away
SHOWN_AT_MOST = 4  # and at most this many reasons are shown unfolded
INTEREST = "resident_interested"


def _share(reason: Mapping[str, Any]) -> float:
    try:
        return float(reason.get("share") or 0.0)
    except (TypeError, ValueError):  # a stored reason of another engine version
        return 0.0


def reason_groups(reasons: Any) -> tuple[list, list, list]:
    """(shown, folded, concerns) of stored reasons: the evidence worth at least FOLD_BELOW of the
    score (the SHOWN_AT_MOST largest), the smaller evidence to fold away, and the concerns (negative
    shares, shown as warnings). Evidence that rounds to 0% is no reason at all and is left out."""
    evidence, concerns = [], []
    for reason in reasons or ():
        share = _share(reason)
        if share < 0:
            concerns.append(reason)
        elif round(share * 100) > 0:
            evidence.append(reason)
    evidence.sort(key=_share, reverse=True)
    shown = [r for r in evidence if _share(r) >= FOLD_BELOW][:SHOWN_AT_MOST]
    return shown, evidence[len(shown):], concerns


@dataclass(frozen=True)
class ReasonLine:
    """A reason as a reader sees it: its whole-percent share of the score (None for a concern,
    which lowers the score rather than making part of it) and its sentence."""
    percent: int | None
    text: str


@dataclass(frozen=True)
class Explanation:
    """The reasons of a suggestion put in words, grouped as `reason_groups` groups them."""
    shown: list[ReasonLine]
    folded: list[ReasonLine]
    concerns: list[ReasonLine]

    def __bool__(self) -> bool:
        return bool(self.shown or self.folded or self.concerns)


def explain(reasons: Any, lang: str | None = None) -> Explanation:
    """Stored reasons grouped and in words, in `lang` or else the request's language (a template
    global: a page of suggestions explains each in one call, its language settled once per call
    rather than once per reason)."""
    shown, folded, concerns = reason_groups(reasons)

    def lines(group: list, percent: bool) -> list[ReasonLine]:
        return [ReasonLine(round(_share(r) * 100) if percent else None, _sentence(r)) for r in group]

    with nullcontext() if _in_language(lang) else force_locale(lang):
        return Explanation(lines(shown, True), lines(folded, True), lines(concerns, False))


@dataclass(frozen=True)
class Fit:
    score: float | None
    reasons: list


def resident_fit(score: float | None, reasons: Any) -> Fit:
    """The fit a resident is shown for a vacancy: without their own "saya berminat".

    The interest counts for the staff's order (an interested resident comes first), but told back
    to the resident it would be a reason they gave themselves and a score that rose because they
    clicked. The stored reasons carry each feature's share of the positive contributions (the
    concerns as negative shares), so score = total × (1 + sum of concern shares): the interest's
    part is taken out and the other shares are scaled to the rest, exactly as the engine would
    have scored the pair without it."""
    reasons = list(reasons or ())
    interest = sum(_share(r) for r in reasons if r.get("code") == INTEREST)
    if not interest:
        return Fit(score, reasons)
    others = [r for r in reasons if r.get("code") != INTEREST]
    rest = 1.0 - interest
    if score is None or rest <= 1e-9:
        return Fit(None if score is None else 0.0, [])
    net = 1.0 + sum(_share(r) for r in others if _share(r) < 0)
    total = score / net if net > 0 else score
    scaled = [dict(r, share=_share(r) / rest) for r in others]
    return Fit(min(1.0, max(0.0, score - interest * total)), scaled)


def resident_view(match: Any) -> Fit:
    """`resident_fit` of a stored match (a template global of the resident's pages)."""
    return resident_fit(match.score, match.reasons)
