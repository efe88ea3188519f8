import datetime as dt
import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional, ValidationError

from ..core import labels
from ..core.forms import DecimalCommaField, ListField, education_choices, phone_check
from ..core.formfields import CalendarDateField, CalendarDateTimeField, RupiahField, WholeNumberField, is_past_wib
from ..core.timeutil import today_wib
from ..core.web import date_id
from ..referrals.reminders import add_months
from ..vacancies import licences


class CompanyForm(FlaskForm):
    name = StringField(_l("Nama perusahaan"), validators=[DataRequired(_l("Nama perusahaan wajib diisi.")), Length(max=160)])
    kbli_code = StringField(_l("Kode KBLI (5 angka)"), validators=[Optional(), Length(min=5, max=5, message=_l("Kode KBLI terdiri dari 5 angka."))])
    address = StringField(_l("Alamat"), validators=[DataRequired(_l("Alamat wajib diisi.")), Length(max=255)])
    contact_name = StringField(_l("Nama kontak HRD"), validators=[DataRequired(_l("Nama kontak wajib diisi.")), Length(max=120)])
    contact_phone = StringField(_l("No. HP / WhatsApp"), validators=[Optional(), phone_check])
    contact_email = StringField(_l("Email"), validators=[Optional(), Email(_l("Alamat email tidak valid.")), Length(max=160)])

    def validate_kbli_code(self, field):
        if field.data and not re.fullmatch(r"[0-9]{5}", field.data):
            raise ValidationError(_l("Kode KBLI terdiri dari 5 angka."))


class LicenceField(SelectMultipleField):
    """Licence codes, chosen from grouped check boxes (choices set per request, in the reader's
    language); an unknown code is refused with its own message."""

    def process_formdata(self, valuelist):
        self.data = list(dict.fromkeys(v.strip() for v in valuelist if v.strip()))

    def process_data(self, value):
        self.data = list(value or [])

    def pre_validate(self, form):
        unknown = [code for code in self.data or () if not licences.is_known(code)]
        if unknown:
            raise ValidationError(_("Izin/sertifikat tidak dikenal: %(codes)s. Pilih dari daftar.",
                                    codes=", ".join(unknown)))


class VacancyForm(FlaskForm):
    title = StringField(_l("Posisi"), validators=[DataRequired(_l("Nama posisi wajib diisi.")), Length(max=160)])
    description = TextAreaField(_l("Deskripsi pekerjaan"), validators=[Optional(), Length(max=5000)])
    skills = ListField(_l("Keterampilan yang dibutuhkan"), description=_l("Pisahkan dengan koma"))
    certificates = ListField(_l("Sertifikat / SIM yang dibutuhkan"), description=_l("Pisahkan dengan koma"))
    required_licences = LicenceField(_l("Izin/sertifikat wajib (syarat mutlak)"), description=_l(
        "Warga yang tidak memilikinya tidak disarankan untuk lowongan ini. Izin yang lebih tinggi ikut "
        "memenuhi (SIM B1 Umum memenuhi SIM A)."))
    preferred_licences = LicenceField(_l("Izin/sertifikat diutamakan (nilai tambah)"), description=_l(
        "Warga yang memilikinya diurutkan lebih atas; yang belum punya tetap bisa disarankan."))
    education_min = SelectField(_l("Pendidikan minimal"), choices=education_choices(_l("Tidak disyaratkan")))
    experience_years_min = DecimalCommaField(_l("Pengalaman minimal (tahun)"), validators=[
        Optional(), NumberRange(min=0, max=40, message=_l("Isi 0–40 tahun."))])
    contract_type = SelectField(_l("Jenis kontrak"), choices=list(labels.CONTRACT.items()))
    wage_min = RupiahField(_l("Gaji dari (Rp per bulan)"), validators=[Optional()])
    wage_max = RupiahField(_l("Gaji sampai (Rp per bulan)"), validators=[Optional()])
    shift = SelectField(_l("Shift"), choices=[("", _l("Tidak ada shift"))] + list(labels.SHIFT.items()))
    location = StringField(_l("Lokasi kerja"), validators=[DataRequired(_l("Lokasi kerja wajib diisi.")), Length(max=255)])
    openings = WholeNumberField(_l("Jumlah yang dibutuhkan"), default=1, validators=[
        InputRequired(_l("Isi jumlah orang yang dibutuhkan.")), NumberRange(min=1, max=500, message=_l("Isi 1–500 orang."))])
    deadline = CalendarDateField(_l("Batas lamaran"), validators=[
        DataRequired(_l("Isi batas lamaran. Pilih tanggal dari kalender (contoh: 7 Desember 2026)."))])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = licences.grouped_choices()
        self.required_licences.choices = choices
        self.preferred_licences.choices = choices

    def validate_preferred_licences(self, field):
        both = [code for code in field.data or () if code in (self.required_licences.data or ())]
        if both:
            raise ValidationError(_("%(names)s sudah dipilih sebagai wajib. Pilih wajib atau diutamakan, "
                                    "tidak keduanya.", names=", ".join(licences.licence_names(both))))

    def validate_wage_max(self, field):
        if field.data is not None and self.wage_min.data is not None and field.data < self.wage_min.data:
            raise ValidationError(_l("Gaji sampai tidak boleh lebih kecil dari gaji dari."))

    def validate_deadline(self, field):
        if field.data and field.data < today_wib():
            raise ValidationError(_("Batas lamaran tidak boleh sebelum hari ini (%(today)s). Pilih hari ini atau tanggal "
                                    "sesudahnya.", today=date_id(today_wib())))


class InterviewForm(FlaskForm):
    interview_at = CalendarDateTimeField(_l("Tanggal dan jam wawancara (WIB)"),
                                         validators=[DataRequired(_l("Isi tanggal dan jam wawancara."))])

    interview_place = StringField(_l("Tempat wawancara"), validators=[Optional(), Length(max=255)],
                                  description=_l("Kosongkan untuk memakai alamat perusahaan."))
    interview_contact = StringField(_l("Temui siapa (nama dan No. HP)"), validators=[Optional(), Length(max=160)],
                                    description=_l("Kosongkan untuk memakai kontak HRD perusahaan."))
    interview_bring = StringField(_l("Yang perlu dibawa"), validators=[Optional(), Length(max=500)],
                                  description=_l("Kosongkan untuk: surat pengantar, KTP asli, CV dan fotokopi ijazah."))
    interview_notes = TextAreaField(_l("Catatan untuk warga (opsional)"), validators=[Optional(), Length(max=1000)])

    def validate_interview_at(self, field):
        if field.data is not None and is_past_wib(field.data):
            raise ValidationError(_l("Waktu wawancara sudah lewat. Pilih tanggal dan jam yang akan datang."))


def interview_details(form: InterviewForm) -> dict[str, str]:
    return {"place": form.interview_place.data or "", "contact": form.interview_contact.data or "",
            "bring": form.interview_bring.data or "", "notes": form.interview_notes.data or ""}


class HireForm(FlaskForm):
    start_date = CalendarDateField(_l("Tanggal mulai bekerja"), validators=[DataRequired(_l("Isi tanggal mulai bekerja."))])
    contract_type = SelectField(_l("Jenis kontrak"), choices=list(labels.CONTRACT.items()))
    contract_end_date = CalendarDateField(_l("Kontrak berakhir (opsional)"), validators=[Optional()],
                                  description=_l("Untuk PKWT (kontrak): tanggal terakhir kontrak."))

    def validate_contract_end_date(self, field):
        """Optional; after the start; none for a permanent job; PKWT at most 5 years (PP 35/2021)."""
        end, start = field.data, self.start_date.data
        if end is None:
            return
        if self.contract_type.data == "pkwtt":
            raise ValidationError(_l("Karyawan tetap (PKWTT) tidak punya tanggal kontrak berakhir. Kosongkan kolom ini."))
        if start is not None and end <= start:
            raise ValidationError(_l("Tanggal kontrak berakhir harus setelah tanggal mulai bekerja."))
        if start is not None and self.contract_type.data == "pkwt" and end > add_months(start, 60) - dt.timedelta(days=1):
            raise ValidationError(_l("PKWT paling lama 5 tahun sejak mulai bekerja (PP 35/2021)."))


class RefuseForm(FlaskForm):
    reason = SelectField(_l("Alasan"), choices=[("", _l("— pilih alasan —"))] + list(labels.REFUSAL_REASONS.items()),
                         validators=[DataRequired(_l("Pilih alasan."))])
    note = StringField(_l("Catatan (opsional)"), validators=[Optional(), Length(max=500)])
