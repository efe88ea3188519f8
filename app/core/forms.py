"""Form pieces shared by several areas: the resident profile and list fields."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import URL, DataRequired, Email, Length, Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from . import labels
from .formfields import CalendarDateField, RupiahField
from .names import INVALID_NAME, clean_name, is_ktp_name
from .nik import NIKError, check_nik, check_working_age

PHONE_PATTERN = re.compile(r"^0\d{8,13}$")


def normalise_phone(value: str | None) -> str:
    """08xx…: accepts spaces, dashes, dots, brackets and +62 or 62 in front."""
    digits = re.sub(r"[\s\-().]", "", value or "")
    if digits.startswith("+62"):
        digits = "0" + digits[3:]
    elif digits.startswith("62"):
        digits = "0" + digits[2:]
    return digits


def split_list(value: str | None) -> list[str]:
    """'las, bubut;  Excel' -> ['las', 'bubut', 'Excel'] with duplicates removed, order kept."""
    seen: dict[str, str] = {}
    for part in re.split(r"[,;\n]", value or ""):
        item = " ".join(part.split())[:80]
        if item and item.lower() not in seen:
            seen[item.lower()] = item
    return list(seen.values())[:30]


class ListField(StringField):
    """A comma-separated text box that holds a list."""

    def _value(self):
        if isinstance(self.data, list):
            return ", ".join(self.data)
        return self.data or ""

    def process_formdata(self, valuelist):
        self.data = split_list(valuelist[0]) if valuelist else []


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def phone_check(form, field):
    if field.data:
        field.data = normalise_phone(field.data)
        if not PHONE_PATTERN.match(field.data):
            raise ValidationError(_l("Nomor HP harus diawali 0 atau +62 dan berisi 9–14 angka."))


def education_choices(blank: str):
    return [("", blank)] + [(code, label) for code, label in labels.EDUCATION.items()]


class ProfileFields:
    """Fields of a resident's profile; mixed into the forms that create or edit one."""

    full_name = StringField(_l("Nama lengkap (sesuai KTP)"), validators=[DataRequired(_l("Nama wajib diisi.")), Length(max=120)])
    nik = StringField(_l("NIK"), validators=[DataRequired(_l("NIK wajib diisi."))],
                      description=_l("16 angka, seperti di KTP atau Kartu Keluarga."))
    birth_date = CalendarDateField(_l("Tanggal lahir"), validators=[DataRequired(_l("Tanggal lahir wajib diisi. Pilih tanggal dari kalender (contoh: 7 Desember 2026)."))])
    sex = SelectField(_l("Jenis kelamin"), choices=[("", _l("— pilih —")), ("L", _l("Laki-laki")), ("P", _l("Perempuan"))],
                      validators=[DataRequired(_l("Pilih jenis kelamin."))])
    rw = SelectField(_l("RW"), validators=[DataRequired(_l("Pilih RW."))], choices=[])
    rt = StringField(_l("RT"), validators=[Optional(), Regexp(r"^\d{1,3}$", message=_l("RT berupa angka, misalnya 002."))])
    address = StringField(_l("Alamat"), validators=[Optional(), Length(max=255)])
    phone = StringField(_l("No. HP / WhatsApp"), validators=[Optional(), phone_check])
    education = SelectField(_l("Pendidikan terakhir"), choices=education_choices(_l("— pilih —")),
                            validators=[DataRequired(_l("Pilih pendidikan terakhir."))])
    major = StringField(_l("Jurusan (untuk SMK, D3, S1)"), validators=[Length(max=120)])  # no Optional: validate_major must run
    skills = ListField(_l("Keterampilan"), description=_l("Pisahkan dengan koma, misalnya: las listrik, bubut, Microsoft Excel"))
    certificates = ListField(_l("Sertifikat dan SIM"), description=_l("Misalnya: SIM B1, SIO Forklift, K3 Umum"))
    desired_positions = ListField(_l("Pekerjaan yang diinginkan"), description=_l("Misalnya: operator produksi, staf gudang"))
    shifts = MultiCheckboxField(_l("Bersedia kerja shift"), choices=list(labels.SHIFT.items()))
    contract_wishes = MultiCheckboxField(_l("Jenis kontrak yang diterima"), choices=list(labels.CONTRACT.items()))
    expected_wage = RupiahField(_l("Gaji yang diharapkan (Rp per bulan)"), validators=[Optional()])
    about = TextAreaField(_l("Tentang saya"), validators=[Optional(), Length(max=2000)])
    disability = BooleanField(_l("Saya penyandang disabilitas (opsional; hanya dipakai untuk lowongan ramah disabilitas dan statistik tanpa nama)"))

    def validate_full_name(self, field):
        field.data = clean_name(field.data)
        if field.data and not is_ktp_name(field.data):
            raise ValidationError(INVALID_NAME)

    def validate_nik(self, field):
        field.data = (field.data or "").replace(" ", "")
        try:
            check_nik(field.data, self.birth_date.data, self.sex.data or None)
        except NIKError as err:
            raise ValidationError(str(err)) from None

    def validate_birth_date(self, field):
        # Working age at registration; an unchanged birth date of an existing profile is not re-judged.
        if field.data is None or field.data == field.object_data:
            return
        try:
            check_working_age(field.data)
        except NIKError as err:
            raise ValidationError(str(err)) from None

    def validate_major(self, field):
        if self.education.data == "SMK" and not (field.data or "").strip():
            raise ValidationError(_l("Untuk lulusan SMK, isi jurusan (misalnya Teknik Mesin)."))


class ConsentFields:
    consent_registration = BooleanField(labels.CONSENT_PURPOSES["registration"],
                                        validators=[DataRequired(_l("Persetujuan pendaftaran wajib agar data dapat disimpan."))])
    consent_sharing = BooleanField(labels.CONSENT_PURPOSES["sharing"])
    consent_ranking = BooleanField(labels.CONSENT_PURPOSES["ranking"])


def set_rw_choices(form, kelurahan) -> None:
    form.rw.choices = [("", _l("— pilih —"))] + [(rw, f"RW {rw}") for rw in (kelurahan.rw_list if kelurahan else [])]


__all__ = [
    "URL", "Email", "FlaskForm", "ListField", "MultiCheckboxField", "ProfileFields", "ConsentFields",
    "normalise_phone", "phone_check", "set_rw_choices", "split_list",
]


class DecimalCommaField(StringField):
    """A number that may be written the Indonesian way, with a decimal comma: 1,5."""

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "").strip()
        self.raw_text = raw
        if not raw:
            self.data = None
            return
        try:
            self.data = float(raw.replace(",", "."))
        except ValueError:
            self.data = None
            raise ValueError(_l("Isi angka, misalnya 1,5.")) from None

    def _value(self):
        if self.data is None:
            return getattr(self, "raw_text", "")
        return f"{self.data:g}".replace(".", ",")


def add_error(field, message) -> None:
    """Attach a message to a field, validated or not (WTForms starts `errors` as a tuple)."""
    field.errors = [*field.errors, message]
