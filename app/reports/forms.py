from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import DataRequired, ValidationError

from . import periods

FORMAT_CHOICES = [("xlsx", _l("Excel (XLSX)")), ("pdf", _l("PDF"))]


class MonthlyForm(FlaskForm):
    month = StringField(_l("Bulan laporan"), validators=[DataRequired(_l("Isi bulan laporan, misalnya 2026-11."))])
    kelurahan = SelectField(_l("Wilayah"), choices=[], default="")
    format = RadioField(_l("Format berkas"), choices=FORMAT_CHOICES, default="xlsx",
                        validators=[DataRequired(_l("Pilih format berkas."))])

    def validate_month(self, field):
        try:
            periods.parse_month(field.data)
        except ValueError:
            raise ValidationError(_l("Tulis bulan seperti 2026-11 (tahun-bulan).")) from None
