from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from ..core import labels
from ..core.forms import DecimalCommaField, ProfileFields


class ProfileForm(ProfileFields, FlaskForm):
    current_password = PasswordField(_l("Kata sandi sekarang (wajib jika mengubah NIK atau No. HP)"),
                                     validators=[Optional(), Length(max=128)])


class ConsentForm(FlaskForm):
    consent_sharing = BooleanField(labels.CONSENT_PURPOSES["sharing"])
    consent_ranking = BooleanField(labels.CONSENT_PURPOSES["ranking"])


class ExperienceForm(FlaskForm):
    title = StringField(_l("Jabatan / pekerjaan"), validators=[DataRequired(_l("Isi jabatan atau pekerjaan.")), Length(max=120)])
    employer = StringField(_l("Tempat kerja"), validators=[Optional(), Length(max=160)])
    years = DecimalCommaField(_l("Lama bekerja (tahun)"), validators=[
        Optional(), NumberRange(min=0, max=60, message=_l("Isi lama bekerja 0–60 tahun, misalnya 1,5."))])
    description = TextAreaField(_l("Tugas utama"), validators=[Optional(), Length(max=1000)])


class DataRequestForm(FlaskForm):
    kind = SelectField(_l("Jenis permintaan"), choices=[("correction", _l("Perbaikan data")), ("deletion", _l("Penghapusan data"))])
    detail = TextAreaField(_l("Jelaskan permintaan Anda"), validators=[DataRequired(_l("Jelaskan data apa yang perlu diperbaiki atau alasan penghapusan.")), Length(max=2000)])


class DocumentForm(FlaskForm):
    file = FileField(_l("CV (PDF atau DOCX, maksimal 2 MB)"), validators=[FileRequired(_l("Pilih berkas CV."))])
