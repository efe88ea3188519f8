import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional, ValidationError

from ..core.forms import ConsentFields, ProfileFields, phone_check
from .security import password_is_common


class LoginForm(FlaskForm):
    login = StringField(_l("Email atau No. HP"), validators=[DataRequired(_l("Isi email atau nomor HP."))])
    password = PasswordField(_l("Kata sandi"), validators=[DataRequired(_l("Isi kata sandi."))])


class NewPasswordFields:
    password = PasswordField(_l("Kata sandi"), validators=[
        DataRequired(_l("Buat kata sandi.")), Length(min=8, max=128, message=_l("Kata sandi minimal 8 karakter."))])
    password_confirm = PasswordField(_l("Ulangi kata sandi"), validators=[
        DataRequired(_l("Ulangi kata sandi.")), EqualTo("password", message=_l("Kedua kata sandi tidak sama."))])

    def validate_password(self, field):
        if password_is_common(field.data or ""):
            raise ValidationError(_l("Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain."))


class SeekerRegistrationForm(ProfileFields, ConsentFields, NewPasswordFields, FlaskForm):
    email = StringField(_l("Email (opsional jika mengisi No. HP)"), validators=[
        Optional(), Email(_l("Alamat email tidak valid.")), Length(max=160)])

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if not self.email.data and not self.phone.data:
            self.phone.errors = [*self.phone.errors, _l("Isi No. HP atau email untuk masuk nanti.")]
            ok = False
        return ok


class EmployerRegistrationForm(NewPasswordFields, FlaskForm):
    company_name = StringField(_l("Nama perusahaan"), validators=[DataRequired(_l("Nama perusahaan wajib diisi.")), Length(max=160)])
    kbli_code = StringField(_l("Kode KBLI (5 angka, opsional)"), validators=[Optional(), Length(min=5, max=5, message=_l("Kode KBLI terdiri dari 5 angka."))])
    address = StringField(_l("Alamat perusahaan"), validators=[DataRequired(_l("Alamat wajib diisi.")), Length(max=255)])
    kelurahan_id = SelectField(_l("Kelurahan lokasi"), coerce=int, choices=[])
    contact_name = StringField(_l("Nama petugas HRD"), validators=[DataRequired(_l("Nama kontak wajib diisi.")), Length(max=120)])
    email = StringField(_l("Email kerja"), validators=[DataRequired(_l("Email wajib diisi.")), Email(_l("Alamat email tidak valid.")), Length(max=160)])
    phone = StringField(_l("No. HP / WhatsApp"), validators=[Optional(), phone_check])

    def validate_kbli_code(self, field):
        if field.data and not re.fullmatch(r"[0-9]{5}", field.data):
            raise ValidationError(_l("Kode KBLI terdiri dari 5 angka."))


class ClaimForm(NewPasswordFields, FlaskForm):
    login = StringField(_l("Email atau No. HP"), validators=[DataRequired(_l("Isi email atau nomor HP yang didaftarkan petugas."))])
    code = StringField(_l("Kode klaim"), validators=[DataRequired(_l("Isi kode klaim dari petugas.")), Length(max=20)])


class TwoFactorForm(FlaskForm):
    code = StringField(_l("Kode autentikasi"), validators=[Optional(), Length(max=20)],
                       description=_l("6 angka dari aplikasi autentikator di HP Anda."))
    recovery_code = StringField(_l("Atau kode pemulihan"), validators=[Optional(), Length(max=20)])

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        if ok and not (self.code.data or self.recovery_code.data):
            self.code.errors = [*self.code.errors, _l("Isi kode autentikasi.")]
            ok = False
        return ok


class TwoFactorSetupForm(FlaskForm):
    code = StringField(_l("Kode autentikasi"), validators=[DataRequired(_l("Isi kode autentikasi.")), Length(max=10)],
                       description=_l("Setelah memindai, isi 6 angka yang tampil di aplikasi."))


class PasswordChangeForm(NewPasswordFields, FlaskForm):
    current_password = PasswordField(_l("Kata sandi sekarang"), validators=[DataRequired(_l("Isi kata sandi sekarang."))])


class ResetRequestForm(FlaskForm):
    login = StringField(_l("Email akun Anda"), validators=[DataRequired(_l("Isi email akun Anda.")), Length(max=160)])


class ResetPasswordForm(NewPasswordFields, FlaskForm):
    pass
