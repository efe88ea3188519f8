from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from .. import labels
from ..forms import DecimalCommaField, ProfileFields


class ProfileForm(ProfileFields, FlaskForm):
    pass


class ConsentForm(FlaskForm):
    consent_sharing = BooleanField(labels.CONSENT_PURPOSES["sharing"])
    consent_ranking = BooleanField(labels.CONSENT_PURPOSES["ranking"])


class ExperienceForm(FlaskForm):
    title = StringField(_l("Jabatan / pekerjaan"), validators=[DataRequired(_l("Isi jabatan atau pekerjaan.")), Length(max=120)])
    employer = StringField(_l("Tempat kerja"), validators=[Optional(), Length(max=160)])
    years = DecimalCommaField(_l("Lama bekerja (tahun)"), validators=[
        Optional(), NumberRange(min=0, max=60, message=_l("Isi lama bekerja 0–60 tahun, misalnya 1,5."))])
    description = TextAreaField(_l("Tugas utama"), validators=[Optional(), Length(max=1000)])
