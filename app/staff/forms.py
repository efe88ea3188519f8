from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from .. import labels
from ..forms import ConsentFields, ProfileFields


class WalkInForm(ProfileFields, ConsentFields, FlaskForm):
    email = StringField(_l("Email (opsional)"), validators=[Optional(), Email(_l("Alamat email tidak valid.")), Length(max=160)])


class DismissForm(FlaskForm):
    reason = SelectField(_l("Alasan tidak dirujuk"), choices=[("", _l("— pilih alasan —"))] + list(labels.DISMISS_REASONS.items()),
                         validators=[DataRequired(_l("Pilih alasan."))])
    note = StringField(_l("Catatan (opsional)"), validators=[Optional(), Length(max=500)])


class RequestDecisionForm(FlaskForm):
    decision = SelectField(_l("Keputusan"), choices=[("done", _l("Selesai / disetujui")), ("refused", _l("Ditolak"))])
    response = StringField(_l("Tanggapan untuk warga"), validators=[DataRequired(_l("Tulis tanggapan untuk warga.")), Length(max=1000)])
