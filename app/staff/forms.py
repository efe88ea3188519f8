import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (  # the AK/I card and reminders
    BooleanField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from ..core import labels
from ..core.forms import ConsentFields, ProfileFields, add_error
from ..core.formfields import CalendarDateField
from ..core.timeutil import today_wib
from ..referrals.reminders import AK1_VALID_MONTHS, OUTCOMES, add_months, ak1_issued_on


class WalkInForm(ProfileFields, ConsentFields, FlaskForm):
    email = StringField(_l("Email (opsional)"), validators=[Optional(), Email(_l("Alamat email tidak valid.")), Length(max=160)])


class DismissForm(FlaskForm):
    reason = SelectField(_l("Alasan tidak dirujuk"), choices=[("", _l("— pilih alasan —"))] + list(labels.DISMISS_REASONS.items()),
                         validators=[DataRequired(_l("Pilih alasan."))])
    note = StringField(_l("Catatan (opsional)"), validators=[Optional(), Length(max=500)])


class RequestDecisionForm(FlaskForm):
    decision = SelectField(_l("Keputusan"), choices=[("done", _l("Selesai / disetujui")), ("refused", _l("Ditolak"))])
    response = StringField(_l("Tanggapan untuk warga"), validators=[DataRequired(_l("Tulis tanggapan untuk warga.")), Length(max=1000)])


AK1_NUMBER = r"^[A-Za-z0-9]+([ ./-][A-Za-z0-9]+)*$"


class Ak1Form(FlaskForm):
    """The resident's AK/I card (kartu kuning) from Disnaker: valid 2 years, report every 6 months."""
    ak1_number = StringField(_l("Nomor kartu AK/I"), validators=[Length(max=30, message=_l("Nomor kartu AK/I paling banyak 30 karakter."))],
                             description=_l("Huruf dan angka, boleh dipisah titik, garis miring atau tanda hubung. Kosongkan untuk menghapus kartu."))
    ak1_valid_until = CalendarDateField(_l("Berlaku sampai"), validators=[Optional()])
    ak1_last_report = CalendarDateField(_l("Terakhir lapor diri (opsional)"), validators=[Optional()])

    def validate(self, extra_validators=None) -> bool:
        """The number and its validity go together (an empty number with empty dates clears the card)."""
        valid = super().validate(extra_validators)
        number = (self.ak1_number.data or "").strip()
        if number and self.ak1_valid_until.data is None and not self.ak1_valid_until.errors:
            add_error(self.ak1_valid_until, _l("Isi tanggal berlaku kartu (tertulis di kartu)."))
            valid = False
        if not number and not self.ak1_number.errors and (self.ak1_valid_until.data or self.ak1_last_report.data):
            add_error(self.ak1_number, _l("Isi nomor kartu AK/I, atau kosongkan juga tanggalnya."))
            valid = False
        return valid

    def validate_ak1_number(self, field):
        if (field.data or "").strip() and not re.match(AK1_NUMBER, field.data.strip()):
            raise ValidationError(_l("Nomor kartu AK/I hanya berisi huruf dan angka (boleh dipisah titik, garis miring atau tanda hubung)."))

    def validate_ak1_valid_until(self, field):
        if field.data is not None and field.data > add_months(today_wib(), AK1_VALID_MONTHS):
            raise ValidationError(_l("Kartu AK/I berlaku paling lama 2 tahun sejak diterbitkan."))
        if field.data is not None and field.data.year < 2000:
            raise ValidationError(_l("Periksa tahunnya."))

    def validate_ak1_last_report(self, field):
        if field.data is None:
            return
        if field.data > today_wib():
            raise ValidationError(_l("Tanggal lapor tidak boleh setelah hari ini."))
        valid_until = self.ak1_valid_until.data
        if valid_until is not None and not ak1_issued_on(valid_until) <= field.data <= valid_until:
            raise ValidationError(_l("Tanggal lapor harus dalam masa berlaku kartu."))


class ReminderBatchForm(FlaskForm):
    """The action bar of the reminders tab: what applies to every reminder handled in one submit
    (the ticked ones, or the one whose own button was pressed)."""
    outcome = SelectField(_l("Hasil tindak lanjut (untuk tindak lanjut)"),
                          choices=[("", _l("— pilih hasil —")), *OUTCOMES.items()], validators=[Optional()])
    note = StringField(_l("Catatan (opsional)"), validators=[Optional(), Length(max=500, message=_l("Catatan paling banyak 500 karakter."))])


class VacancyNoteForm(FlaskForm):
    """Asking an employer for changes, or refusing a vacancy: the note is what the employer reads."""
    note = TextAreaField(_l("Catatan untuk perusahaan"), validators=[
        DataRequired(_l("Tulis catatan untuk perusahaan: apa yang perlu diubah atau mengapa ditolak.")), Length(max=1000)])


class MergeForm(FlaskForm):
    keep = RadioField(_l("Data yang dipertahankan"), choices=[],
                      validators=[DataRequired(_l("Pilih data yang dipertahankan."))])
    confirm_accounts = BooleanField(_l("Saya sudah memastikan dengan warga bahwa kedua akun miliknya; akun pada data yang digabung ditutup."))


class StaffProfileForm(ProfileFields, FlaskForm):
    """Staff correct a resident's data: every change needs a reason the resident will read."""
    status = SelectField(_l("Status mencari kerja"), choices=list(labels.SEEKER_STATUS.items()),
                         description=_l("Warga yang sudah bekerja atau tidak aktif tidak muncul di daftar saran."))
    identity_checked = BooleanField(_l("Saya sudah mencocokkan perubahan nama, NIK, tanggal lahir atau jenis kelamin "
                                       "dengan KTP/KK asli warga (berlaku sebagai verifikasi)"))
    reason = TextAreaField(_l("Alasan perubahan (dibaca oleh warga)"), validators=[
        DataRequired(_l("Tulis alasan perubahan, misalnya: salah ketik saat pendaftaran di loket.")),
        Length(max=500, message=_l("Alasan paling banyak 500 karakter."))])


class ManualReferralForm(FlaskForm):
    """Referring a resident the suggestions do not list: a reason is needed when a requirement of
    the vacancy is not met, or when the resident is recorded as working."""
    reason = StringField(_l("Alasan merujuk"), validators=[
        Optional(), Length(max=500, message=_l("Alasan paling banyak 500 karakter."))])
