"""Resident profiles, consent and interest in vacancies."""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select, update

from ..core import labels
from ..core.crypto import nik_hash
from ..core.timeutil import utcnow
from ..extensions import db
from ..models import Company, ConsentRecord, ExperienceEntry, Kelurahan, Match, MatchEvent, SeekerProfile, User, Vacancy

PROFILE_FIELDS = (
    "full_name", "nik", "birth_date", "sex", "rw", "rt", "address", "phone", "education", "major",
    "skills", "certificates", "desired_positions", "shifts", "contract_wishes", "expected_wage", "about",
    "disability",
)
CONSENT_PURPOSES = ("registration", "sharing", "ranking")
# What a referral letter vouches for ("adalah benar warga"): a change to any of them needs staff
# to look at the KTP again.
IDENTITY_FIELDS = ("full_name", "nik", "birth_date", "sex")


def nik_taken(nik: str, exclude_id: int | None = None) -> bool:
    query = select(SeekerProfile.id).where(SeekerProfile.nik_hash == nik_hash(nik))
    if exclude_id:
        query = query.where(SeekerProfile.id != exclude_id)
    return db.session.scalar(query) is not None


def _apply(seeker: SeekerProfile, data: dict) -> None:
    for name in PROFILE_FIELDS:
        if name in data:
            value = data[name]
            if name == "rt" and value:
                value = value.zfill(3)
            if name == "disability":
                value = True if value else None  # self-declared only; unchecked means "not said"
            if name == "major" and data.get("education") in ("TS", "SD", "SMP", "SMA"):
                value = ""
            setattr(seeker, name, value)


def create_seeker(data: dict, kelurahan: Kelurahan, *, user: User | None = None,
                  actor: User | None = None, verified: bool = False) -> SeekerProfile:
    seeker = SeekerProfile(kelurahan=kelurahan, user=user, registered_by_id=actor.id if actor else None,
                           skills=[], certificates=[], desired_positions=[], shifts=[], contract_wishes=[])
    _apply(seeker, data)
    if verified and actor is not None:
        seeker.verified_at = utcnow()
        seeker.verified_by_id = actor.id
    db.session.add(seeker)
    db.session.flush()
    for purpose in CONSENT_PURPOSES:
        set_consent(seeker, purpose, bool(data.get(f"consent_{purpose}")), actor or user)
    return seeker


def identity_changes(seeker: SeekerProfile, data: dict) -> list[str]:
    """The identity fields that ``data`` would change (names compared without case or extra spaces)."""
    def same(name: str) -> bool:
        old, new = getattr(seeker, name), data[name]
        if name == "full_name":
            return " ".join((old or "").split()).casefold() == " ".join((new or "").split()).casefold()
        return old == new
    return [name for name in IDENTITY_FIELDS if name in data and not same(name)]


def update_profile(seeker: SeekerProfile, data: dict) -> SeekerProfile:
    """The resident's own edit. A change of identity takes a verified profile back to
    "menunggu verifikasi": letters are refused until staff have checked it again."""
    if identity_changes(seeker, data):
        seeker.verified_at, seeker.verified_by_id = None, None
    _apply(seeker, data)
    seeker.updated_at = utcnow()
    db.session.flush()
    return seeker


def set_consent(seeker: SeekerProfile, purpose: str, granted: bool, actor: User | None) -> None:
    """Record the choice with the text version shown; unchanged choices add no row."""
    attr = f"consent_{purpose}"
    if getattr(seeker, attr) == granted and any(c.purpose == purpose for c in seeker.consents):
        return
    setattr(seeker, attr, granted)
    if purpose == "ranking" and not granted:
        drop_machine_ranking(seeker)
    db.session.add(ConsentRecord(seeker=seeker, purpose=purpose, granted=granted,
                                 text_version=labels.CONSENT_TEXT_VERSION, actor_id=actor.id if actor else None))
    db.session.flush()


def drop_machine_ranking(seeker: SeekerProfile) -> None:
    """An objection to automated ranking (UU PDP Pasal 10): the scores and machine reasons kept on
    the resident's referrals go, and staff see "tidak diurutkan mesin". (Their decisions leave
    the training data with the consent: ranking.feedback_rows.)"""
    db.session.execute(update(Match).where(Match.seeker_id == seeker.id)
                       .values(score=None, reasons=[], model_version=""),
                       execution_options={"synchronize_session": "fetch"})


def add_experience(seeker: SeekerProfile, *, title: str, employer: str, years: float, description: str) -> ExperienceEntry:
    entry = ExperienceEntry(seeker=seeker, title=title, employer=employer or "", years=years or 0.0,
                            description=description or "")
    db.session.add(entry)
    seeker.updated_at = utcnow()
    db.session.flush()
    return entry


def delete_experience(entry: ExperienceEntry) -> None:
    entry.seeker.updated_at = utcnow()
    db.session.delete(entry)
    db.session.flush()


def express_interest(seeker: SeekerProfile, vacancy: Vacancy, actor: User) -> Match:
    """'Saya berminat': staff see the flag beside the suggestion; the ranker learns from it."""
    match = db.session.scalar(select(Match).where(Match.seeker_id == seeker.id, Match.vacancy_id == vacancy.id))
    if match is None:
        match = Match(seeker=seeker, vacancy=vacancy, status="suggested", reasons=[])
        db.session.add(match)
        db.session.flush()
    if not match.interested:
        match.interested = True
        db.session.add(MatchEvent(match=match, from_status=match.status, to_status=match.status,
                                  outcome="interested", actor_id=actor.id))
        db.session.flush()
    return match


@dataclass(frozen=True)
class Gap:
    """Why a resident has no suggestion: what stands in the way, and the profile field to fill."""
    text: str
    field: str = ""  # the id of the profile form's field that would change it ("" for none)
    link_text: str = ""


def why_no_suggestions(seeker: SeekerProfile) -> list[Gap]:
    """The causes, most decisive first, of an empty suggestion list (the engine's hard filters
    and the profile's missing data), so the page names them instead of a vague "complete your
    profile"."""
    if not (seeker.consent_registration and seeker.consent_ranking):
        return [Gap(_("Anda memilih tidak ikut pencocokan otomatis, jadi mesin tidak menyusun saran untuk Anda."),
                    "persetujuan", _("Ubah pilihan persetujuan"))]
    if seeker.status != "looking":
        return [Gap(_("Status Anda: %(status)s. Saran hanya disusun untuk warga yang sedang mencari kerja.",
                      status=labels.SEEKER_STATUS.get(seeker.status, seeker.status)))]
    minimums = db.session.scalars(
        select(Vacancy.education_min).join(Company)
        .where(Vacancy.status == "open", Company.status == "verified")).all()
    if not minimums:
        return [Gap(_("Saat ini belum ada lowongan yang dibuka. Saran muncul begitu ada lowongan baru."))]
    gaps = []
    rank = labels.EDUCATION_RANK.get(seeker.education or "")
    if rank is not None and all(labels.EDUCATION_RANK.get(m or "", -1) > rank for m in minimums):
        lowest = min(minimums, key=lambda m: labels.EDUCATION_RANK[m])
        gaps.append(Gap(ngettext(
            "%(num)d lowongan yang dibuka mensyaratkan pendidikan minimal %(minimum)s, sedangkan pendidikan "
            "terakhir di profil Anda %(education)s.",
            "Semua %(num)d lowongan yang dibuka mensyaratkan pendidikan minimal %(minimum)s atau lebih tinggi, "
            "sedangkan pendidikan terakhir di profil Anda %(education)s.",
            len(minimums), minimum=labels.EDUCATION[lowest], education=labels.EDUCATION[seeker.education]),
            "education", _("Perbarui pendidikan terakhir")))
    if not seeker.desired_positions:
        gaps.append(Gap(_("Profil Anda belum menyebut pekerjaan yang diinginkan; mesin mencocokkannya dengan judul lowongan."),
                        "desired_positions", _("Isi pekerjaan yang diinginkan")))
    if not seeker.skills:
        gaps.append(Gap(_("Profil Anda belum menyebut keterampilan; mesin mencocokkannya dengan keterampilan yang diminta lowongan."),
                        "skills", _("Isi keterampilan")))
    return gaps or [Gap(_("Belum ada lowongan yang cukup cocok dengan profil Anda. Menambah keterampilan, sertifikat "
                          "dan pengalaman kerja membuat saran lebih tepat."), "skills", _("Lengkapi profil"))]
