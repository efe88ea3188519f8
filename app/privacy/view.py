"""What the resident reads under "Lihat semua data": the data held about them with labels and
formatted values in the reader's language (codes as words, dates and money as people write
them), section by section. The JSON download (services.export_seeker) keeps the raw values."""
from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..core import labels
from ..core.addresses import seeker_address
from ..core.nik import mask_nik
from ..core.web import date_id, datetime_id, rupiah
from ..extensions import db
from ..models import Match, SeekerDocument, SeekerProfile
from ..ranking.reasons import resident_fit

CONSENT_SHORT = {
    "registration": _l("Pendaftaran"),
    "sharing": _l("Berbagi data dengan perusahaan"),
    "ranking": _l("Pencocokan otomatis"),
}


@dataclass
class Section:
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # (label, value), for one record
    items: list[str] = field(default_factory=list)  # one line per record, for lists of records
    empty: str = ""


def _words(values, table=None) -> str:
    shown = [str(table.get(v, v)) if table else str(v) for v in values or ()]
    return ", ".join(shown) if shown else "–"


def _text(value) -> str:
    return str(value) if value not in (None, "") else "–"


def _years(value) -> str:
    years = float(value or 0)
    return ngettext("%(years)s tahun", "%(years)s tahun", 1 if years == 1 else 2,
                    years=format_decimal(years, format="#,##0.#"))


def _profile(s: SeekerProfile) -> Section:
    rows = [
        (_("Nama lengkap"), _text(s.full_name)), (_("NIK"), mask_nik(s.nik or "")),
        (_("Tanggal lahir"), date_id(s.birth_date)), (_("Jenis kelamin"), _text(labels.SEX.get(s.sex, s.sex))),
        (_("Alamat"), seeker_address(s, with_kelurahan=True)), (_("No. HP / WhatsApp"), _text(s.phone)),
        (_("Pendidikan terakhir"), _text(labels.EDUCATION.get(s.education, s.education))),
        (_("Jurusan"), _text(s.major)), (_("Keterampilan"), _words(s.skills)),
        (_("Sertifikat dan SIM"), _words(s.certificates)),
        (_("Pekerjaan yang diinginkan"), _words(s.desired_positions)),
        (_("Bersedia kerja shift"), _words(s.shifts, labels.SHIFT)),
        (_("Jenis kontrak yang diterima"), _words(s.contract_wishes, labels.CONTRACT)),
        (_("Gaji yang diharapkan"), rupiah(s.expected_wage) if s.expected_wage else "–"),
        (_("Tentang saya"), _text(s.about)),
        (_("Disabilitas"), _("Ya, dinyatakan sendiri") if s.disability else _("Tidak dinyatakan")),
        (_("Status"), _text(labels.SEEKER_STATUS.get(s.status, s.status))),
        (_("Verifikasi petugas"), date_id(s.verified_at) if s.verified_at else _("Belum diverifikasi")),
        (_("Terdaftar sejak"), date_id(s.created_at)),
    ]
    if s.ak1_number:
        rows.append((_("Kartu AK/I"), _("%(number)s, berlaku sampai %(date)s", number=s.ak1_number,
                                          date=date_id(s.ak1_valid_until))))
    if s.user is not None:
        rows.append((_("Akun masuk"), _words([v for v in (s.user.email, s.user.phone) if v])))
    return Section(_("Profil"), rows=rows)


def held_data(s: SeekerProfile) -> list[Section]:
    """Every section of the resident's data, ready to print."""
    experience = Section(_("Pengalaman kerja"), empty=_("Belum ada."), items=[
        " · ".join(p for p in (e.title, e.employer, _years(e.years), e.description) if p) for e in s.experiences])
    consents = Section(_("Catatan persetujuan"), empty=_("Belum ada."), items=[
        _("%(purpose)s: %(answer)s (teks versi %(version)s), %(when)s",
          purpose=CONSENT_SHORT.get(c.purpose, c.purpose), answer=_("setuju") if c.granted else _("tidak setuju"),
          version=c.text_version, when=datetime_id(c.at)) for c in s.consents])
    matches = db.session.scalars(select(Match).where(Match.seeker_id == s.id).order_by(Match.id)).all()
    referrals = Section(_("Saran dan rujukan"), empty=_("Belum ada."), items=[
        " · ".join(p for p in (m.vacancy.title, m.vacancy.company.name,
                               str(labels.MATCH_STATUS.get(m.status, m.status)),
                               _("kecocokan %(percent)d%%", percent=round(resident_fit(m.score, m.reasons).score * 100))
                               if m.score is not None else "") if p) for m in matches])
    documents = Section(_("Dokumen"), empty=_("Belum ada."), items=[
        _("%(name)s (%(size)d KB), diunggah %(when)s", name=d.original_name, size=round(d.size / 1024),
          when=date_id(d.uploaded_at))
        for d in db.session.scalars(select(SeekerDocument).where(SeekerDocument.seeker_id == s.id))])
    return [_profile(s), experience, consents, referrals, documents]
