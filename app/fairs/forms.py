"""The forms of job fairs: the event (staff), the pass code typed at a booth and what it records."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..core.formfields import CalendarDateTimeField, WholeNumberField

SCOPE_CHOICES = [("kelurahan", _l("Warga kelurahan ini")), ("kecamatan", _l("Warga se-kecamatan"))]
OUTCOMES = {
    "applied": _l("Melamar"),
    "interview": _l("Wawancara di tempat"),
    "shortlisted": _l("Lolos seleksi awal"),
}


class FairForm(FlaskForm):
    name = StringField(_l("Nama bursa kerja"), validators=[DataRequired(_l("Tulis nama bursa kerja.")), Length(max=160)])
    starts_at = CalendarDateTimeField(_l("Mulai (tanggal dan jam, WIB)"),
                                      validators=[DataRequired(_l("Tulis tanggal dan jam mulai."))])
    ends_at = CalendarDateTimeField(_l("Selesai (tanggal dan jam, WIB)"),
                                    validators=[DataRequired(_l("Tulis tanggal dan jam selesai."))])
    place = StringField(_l("Tempat"), validators=[DataRequired(_l("Tulis tempat bursa kerja.")), Length(max=255)])
    scope = RadioField(_l("Untuk siapa"), choices=SCOPE_CHOICES, default="kelurahan",
                       validators=[DataRequired(_l("Pilih untuk siapa bursa kerja ini."))])
    capacity = WholeNumberField(_l("Kuota peserta (opsional)"), validators=[Optional()],
                                description=_l("Kosongkan bila tidak dibatasi."))
    description = TextAreaField(_l("Keterangan (opsional)"), validators=[Optional(), Length(max=2000)])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and self.ends_at.data <= self.starts_at.data:
            self.ends_at.errors = [*self.ends_at.errors, _l("Waktu selesai harus sesudah waktu mulai.")]
            return False
        return valid


class InviteForm(FlaskForm):
    company = SelectField(_l("Perusahaan terverifikasi"), choices=[], coerce=str,
                          validators=[DataRequired(_l("Pilih perusahaan."))])


class DoorForm(FlaskForm):
    nik = StringField(_l("NIK warga"), validators=[DataRequired(_l("Tulis NIK warga.")), Length(max=24)])


class CodeForm(FlaskForm):
    code = StringField(_l("Kode kartu peserta"), validators=[DataRequired(_l("Tulis kode pada kartu peserta.")),
                                                             Length(max=16)],
                       description=_l("8 huruf dan angka, misalnya K7QM-2XPA."))


class RecordForm(FlaskForm):
    vacancy = StringField(validators=[DataRequired()])
    outcome = SelectField(choices=list(OUTCOMES.items()), validators=[DataRequired()])
