"""NIK (Nomor Induk Kependudukan) validation: PP KK CC DDMMYY SSSS, women's day + 40."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from .timeutil import today_wib

NIK_PATTERN = re.compile(r"^\d{16}$")
# What a spreadsheet shows for a 16-digit number kept as a number: 3.67107E+15, 3,67107E+15.
SPREADSHEET_NUMBER = re.compile(r"^\d[.,]?\d*E\+?\d{1,2}$", re.IGNORECASE)

# Province codes of Kemendagri (digits 1–2): Sumatra 11–19, Kepulauan Riau 21, Java and Banten
# 31–36, Bali and Nusa Tenggara 51–53, Kalimantan 61–65, Sulawesi 71–76, Maluku 81–82, Papua 91–97
# (the provinces formed from Papua in 2022 included, conservatively, up to 97).
PROVINCE_CODES = frozenset(
    [f"{n}" for n in range(11, 20)] + ["21"] + [f"{n}" for n in range(31, 37)] + ["51", "52", "53"]
    + [f"{n}" for n in range(61, 66)] + [f"{n}" for n in range(71, 77)] + ["81", "82"]
    + [f"{n}" for n in range(91, 98)])

# A resident registering as a job seeker is between these ages on the day of registration.
# DOMAIN.md states no minimum working age; 14 is the project's choice, 80 an upper plausibility
# bound (it also rules out a birth year in the wrong century, such as 1895 for 1995).
MIN_WORKING_AGE = 14
MAX_WORKING_AGE = 80


class NIKError(ValueError):
    """The message says which part of the NIK is wrong, in the user's language."""


@dataclass(frozen=True)
class NIKInfo:
    province: str
    regency: str
    district: str
    birth_date: dt.date
    sex: str  # "L" or "P"
    serial: str


def parse_nik(value: str) -> NIKInfo:
    nik = (value or "").strip().replace(" ", "")
    if SPREADSHEET_NUMBER.match(nik):
        raise NIKError(_l("NIK %(value)s sudah diubah Excel menjadi angka dan digit terakhirnya hilang. "
                          "Jadikan kolom NIK berformat Teks, ketik ulang NIK-nya, lalu simpan lagi.", value=nik))
    if not NIK_PATTERN.match(nik):
        raise NIKError(_l("NIK harus 16 angka (sekarang %(n)d karakter).", n=len(nik)))
    if nik[0:2] not in PROVINCE_CODES:
        raise NIKError(_l("Kode provinsi di NIK (digit 1–2: %(code)s) tidak ada.", code=nik[0:2]))
    if nik[2:4] == "00" or nik[4:6] == "00":
        raise NIKError(_l("Kode kabupaten/kota atau kecamatan di NIK (digit 3–6) tidak boleh 00."))
    day, month, year2 = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
    sex = "L"
    if 41 <= day <= 71:
        sex, day = "P", day - 40
    elif not 1 <= day <= 31:
        raise NIKError(_l("Angka tanggal lahir di NIK (digit 7–8) harus 01–31, atau 41–71 untuk perempuan."))
    if not 1 <= month <= 12:
        raise NIKError(_l("Angka bulan lahir di NIK (digit 9–10) harus 01–12."))
    if nik[12:] == "0000":
        raise NIKError(_l("Nomor urut NIK (4 digit terakhir) tidak boleh 0000."))
    this_year = today_wib().year % 100
    century = 2000 if year2 <= this_year else 1900
    try:
        birth = dt.date(century + year2, month, day)
    except ValueError:
        raise NIKError(_l("Tanggal lahir di NIK bukan tanggal yang ada.")) from None
    return NIKInfo(nik[0:2], nik[0:4], nik[0:6], birth, sex, nik[12:])


def check_nik(value: str, birth_date: dt.date | None = None, sex: str | None = None) -> NIKInfo:
    """Parse a NIK and check that it agrees with the entered birth date and sex."""
    info = parse_nik(value)
    if sex and sex != info.sex:
        if info.sex == "P":
            raise NIKError(_l("NIK ini milik perempuan (tanggal lahir di NIK ditambah 40), tetapi jenis kelamin diisi laki-laki."))
        raise NIKError(_l("NIK ini milik laki-laki (tanggal lahir di NIK tanpa tambahan 40), tetapi jenis kelamin diisi perempuan."))
    if birth_date:
        if (birth_date.day, birth_date.month) != (info.birth_date.day, info.birth_date.month):
            raise NIKError(_l("Tanggal atau bulan lahir di NIK (%(nik)s) tidak sama dengan tanggal lahir yang diisi.",
                              nik=info.birth_date.strftime("%d-%m")))
        if birth_date.year % 100 != info.birth_date.year % 100:
            raise NIKError(_l("Tahun lahir di NIK (..%(yy)s) tidak sama dengan tahun lahir yang diisi.",
                              yy=f"{info.birth_date.year % 100:02d}"))
    return info


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Whole years of age on ``day``."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def check_working_age(birth_date: dt.date, today: dt.date | None = None) -> None:
    """A job seeker is MIN_WORKING_AGE–MAX_WORKING_AGE years old when registered; raises NIKError."""
    today = today or today_wib()
    if birth_date > today:
        raise NIKError(_l("Tanggal lahir tidak boleh sesudah hari ini."))
    age = age_on(birth_date, today)
    if not MIN_WORKING_AGE <= age <= MAX_WORKING_AGE:
        raise NIKError(_l("Umur menurut tanggal lahir ini %(age)d tahun; pencari kerja harus berumur %(min)d–%(max)d tahun. "
                          "Periksa tahun lahirnya.", age=age, min=MIN_WORKING_AGE, max=MAX_WORKING_AGE))


def mask_nik(nik: str) -> str:
    """3671••••••••0001: region and serial stay readable for the counter, the rest hidden."""
    if not nik or len(nik) != 16:
        return "••••"
    return nik[:4] + "•" * 8 + nik[12:]
