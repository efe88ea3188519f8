import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import (
    DataRequired,
    Email,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from ..auth.security import password_is_common
from ..core import labels
from ..core.formfields import CalendarDateTimeField, WholeNumberField


class StaffAccountFields:
    name = StringField(_l("Nama"), validators=[DataRequired(_l("Nama wajib diisi.")), Length(max=120)])
    email = StringField(_l("Email"), validators=[DataRequired(_l("Email wajib diisi.")), Email(_l("Alamat email tidak valid.")), Length(max=160)])
    role = SelectField(_l("Peran"), choices=[(r, labels.ROLE[r]) for r in ("staff", "admin", "city")])
    kelurahan_id = SelectField(_l("Kelurahan"), coerce=int, choices=[])

    def validate_kelurahan_id(self, field):
        if self.role.data == "staff" and not field.data:
            raise ValidationError(_l("Petugas kelurahan harus punya kelurahan."))


class StaffForm(StaffAccountFields, FlaskForm):
    password = PasswordField(_l("Kata sandi awal"), validators=[
        DataRequired(_l("Isi kata sandi awal.")), Length(min=8, max=128, message=_l("Kata sandi minimal 8 karakter."))])

    def validate_password(self, field):
        if password_is_common(field.data or ""):
            raise ValidationError(_l("Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain."))


class StepUpField:
    """Changes to another person's account need the admin's own current authenticator code."""
    code = StringField(_l("Kode autentikasi Anda (6 angka)"), validators=[
        DataRequired(_l("Isi kode dari aplikasi autentikator Anda.")),
        Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message=_l("Kode terdiri dari 6 angka."))])


class StaffEditForm(StaffAccountFields, StepUpField, FlaskForm):
    pass


class StepUpForm(StepUpField, FlaskForm):
    pass


class KelurahanForm(FlaskForm):
    code = StringField(_l("Kode wilayah (Kemendagri)"), validators=[
        DataRequired(_l("Kode wajib diisi.")), Regexp(r"^\d{10}$", message=_l("Kode kelurahan terdiri dari 10 angka, misalnya 3671071006."))])
    name = StringField(_l("Nama kelurahan"), validators=[DataRequired(_l("Nama wajib diisi.")), Length(max=80)])
    kecamatan = StringField(_l("Kecamatan"), validators=[DataRequired(_l("Kecamatan wajib diisi.")), Length(max=80)])
    kota = StringField(_l("Kota/kabupaten"), validators=[DataRequired(_l("Kota wajib diisi.")), Length(max=80)])
    provinsi = StringField(_l("Provinsi"), validators=[DataRequired(_l("Provinsi wajib diisi.")), Length(max=80)])
    rw_list = StringField(_l("Daftar RW"), description=_l("Pisahkan dengan koma, misalnya 01, 02, 03"),
                          validators=[DataRequired(_l("Isi minimal satu RW."))])
    letter_code = StringField(_l("Kode surat"), validators=[Optional(), Regexp(r"^[A-Z0-9]{1,12}$", message=_l("Huruf besar dan angka saja, misalnya NJ."))])
    address = StringField(_l("Alamat kantor kelurahan"), validators=[Optional(), Length(max=255)])
    lurah_name = StringField(_l("Nama lurah"), validators=[Optional(), Length(max=120)])
    lurah_nip = StringField(_l("NIP lurah"), description=_l("18 angka, dicetak di bawah tanda tangan laporan dan surat"),
                            filters=[lambda v: re.sub(r"[\s.]", "", v) if v else v],
                            validators=[Optional(), Regexp(r"^[0-9]{18}$", message=_l("NIP terdiri dari 18 angka."))])

    def validate_rw_list(self, field):
        items = [p.strip() for p in re.split(r"[,\s]+", field.data or "") if p.strip()]
        if not items or not all(re.fullmatch(r"[0-9]{1,3}", i) for i in items):
            raise ValidationError(_l("RW berupa angka dipisah koma, misalnya 01, 02, 03."))
        field.data = sorted({i.zfill(2) for i in items})


class BreachForm(FlaskForm):
    discovered_at = CalendarDateTimeField(_l("Diketahui pada (WIB)"),
                                          validators=[DataRequired(_l("Isi tanggal dan jam pelanggaran diketahui."))])
    description = TextAreaField(_l("Apa yang terjadi"), validators=[DataRequired(_l("Jelaskan apa yang terjadi.")), Length(max=5000)])
    data_affected = StringField(_l("Data yang terdampak"), validators=[Optional(), Length(max=500)])
    people_affected = WholeNumberField(_l("Jumlah orang terdampak"), default=0,
                                   validators=[InputRequired(_l("Isi jumlah orang (0 jika belum diketahui).")),
                                               NumberRange(min=0, max=10_000_000, message=_l("Isi angka 0 atau lebih."))])
