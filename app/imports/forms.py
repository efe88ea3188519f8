from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, SelectField

KIND_CHOICES = [("seekers", _l("Data warga (pencari kerja)")), ("vacancies", _l("Lowongan perusahaan"))]


class UploadForm(FlaskForm):
    file = FileField(_l("Berkas (CSV atau XLSX)"), validators=[FileRequired(_l("Pilih berkas yang akan diimpor."))])
    kind = SelectField(_l("Jenis data"), choices=KIND_CHOICES, default="seekers")
    company = SelectField(_l("Perusahaan (untuk lowongan)"), choices=[], validate_choice=False)
    update = BooleanField(_l("Perbarui data warga yang NIK-nya sudah terdaftar (tanpa ini: dilewati)"))
