"""Turning rows of cells into plain dicts for the database, or into problems with their reasons."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from ..core.formfields import RUPIAH_ERROR, RupiahError, parse_rupiah
from ..core.forms import normalise_phone, split_list
from ..core.names import INVALID_NAME, clean_name, is_ktp_name
from ..core.nik import NIKError, check_nik, check_working_age, parse_nik
from ..core.timeutil import today_wib
from ..vacancies.licences import match_code
from .parse import header_key

# field: (label shown in the preview, header aliases)
SEEKER_FIELDS = {
    "full_name": (_l("Nama"), ("nama", "namalengkap", "namawarga")),
    "nik": (_l("NIK"), ("nik", "noktp", "nomorktp", "nonik", "nomornik", "nomorindukkependudukan")),
    "birth_date": (_l("Tanggal Lahir"), ("tanggallahir", "tgllahir", "tgllhr", "tanggallhr")),
    "sex": (_l("Jenis Kelamin"), ("jeniskelamin", "jk", "lp", "kelamin", "gender")),
    "address": (_l("Alamat"), ("alamat", "alamatlengkap", "alamatdomisili")),
    "rt": (_l("RT"), ("rt",)),
    "rw": (_l("RW"), ("rw",)),
    "phone": (_l("No HP"), ("nohp", "nomorhp", "hp", "nowa", "nomorwa", "telepon", "notelp", "notelepon", "nohpwa")),
    "education": (_l("Pendidikan"), ("pendidikan", "pendidikanterakhir", "ijazahterakhir")),
    "major": (_l("Jurusan"), ("jurusan", "programstudi", "kompetensikeahlian")),
    "skills": (_l("Keterampilan"), ("keterampilan", "keahlian", "skill")),
    "certificates": (_l("Sertifikat"), ("sertifikat", "sertifikasi")),
    "desired_positions": (_l("Posisi Diinginkan"), ("posisidiinginkan", "pekerjaandiinginkan", "minatpekerjaan")),
    "expected_wage": (_l("Gaji Diharapkan"), ("gajidiharapkan", "upahdiharapkan")),
    "consent_sharing": (_l("Setuju Dibagikan"), ("setujudibagikan", "setujudibagikankeperusahaan")),
    "consent_ranking": (_l("Setuju Pencocokan Otomatis"), ("setujupencocokanotomatis", "setujudiperingkat", "setujupencocokan")),
}
SEEKER_REQUIRED = ("full_name", "nik", "birth_date", "sex")

VACANCY_FIELDS = {
    "title": (_l("Judul"), ("judul", "posisi", "jabatan", "namalowongan", "lowongan")),
    "description": (_l("Deskripsi"), ("deskripsi", "uraian", "uraianpekerjaan", "keterangan")),
    "skills": (_l("Keterampilan"), ("keterampilan", "keahlian", "skill")),
    "certificates": (_l("Sertifikat"), ("sertifikat", "sertifikasi")),
    "required_licences": (_l("Izin Wajib"), ("izinwajib", "sertifikatwajib", "lisensiwajib")),
    "preferred_licences": (_l("Izin Diutamakan"), ("izindiutamakan", "sertifikatdiutamakan", "lisensidiutamakan")),
    "education_min": (_l("Pendidikan Minimal"), ("pendidikanminimal", "pendidikanmin", "pendidikan", "minimalpendidikan")),
    "experience_years_min": (_l("Pengalaman Minimal (tahun)"), ("pengalamanminimaltahun", "pengalamanminimal", "pengalaman")),
    "contract_type": (_l("Jenis Kontrak"), ("jeniskontrak", "kontrak", "statuskerja")),
    "wage_min": (_l("Gaji Minimal"), ("gajiminimal", "gajimin", "upahminimal", "gaji", "upah")),
    "wage_max": (_l("Gaji Maksimal"), ("gajimaksimal", "gajimaks", "gajimax", "upahmaksimal")),
    "shift": (_l("Shift"), ("shift", "sif")),
    "location": (_l("Lokasi"), ("lokasi", "lokasikerja", "alamatkerja")),
    "openings": (_l("Jumlah Dibutuhkan"), ("jumlahdibutuhkan", "jumlah", "kebutuhan", "jumlahlowongan", "kuota")),
    "deadline": (_l("Batas Lamaran"), ("bataslamaran", "batasakhir", "tanggaltutup", "deadline")),
}
VACANCY_REQUIRED = ("title",)

KINDS = {"seekers": (SEEKER_FIELDS, SEEKER_REQUIRED), "vacancies": (VACANCY_FIELDS, VACANCY_REQUIRED)}

EDUCATION_ALIASES = {
    "TS": ("TS", "TIDAKSEKOLAH", "BELUMSEKOLAH", "TIDAKBELUMSEKOLAH", "TIDAKTAMATSD", "BELUMTAMATSD"),
    "SD": ("SD", "MI", "SDMI", "SR", "PAKETA", "SDSEDERAJAT"),
    "SMP": ("SMP", "MTS", "SMPMTS", "SLTP", "PAKETB", "SMPSEDERAJAT"),
    "SMA": ("SMA", "MA", "SMAMA", "SLTA", "SMU", "PAKETC", "SMASEDERAJAT", "SLTASEDERAJAT"),
    "SMK": ("SMK", "MAK", "SMKMAK", "STM", "SMEA", "SMKK", "SMIP"),
    "D1": ("D1", "DI", "DIPLOMA1", "DIPLOMAI"),
    "D2": ("D2", "DII", "DIPLOMA2", "DIPLOMAII"),
    "D3": ("D3", "DIII", "DIPLOMA3", "DIPLOMAIII"),
    "D4": ("D4", "DIV", "DIPLOMA4", "DIPLOMAIV"),
    "S1": ("S1", "SARJANA", "STRATA1"),
    "S2": ("S2", "MAGISTER", "STRATA2"),
    "S3": ("S3", "DOKTOR", "STRATA3"),
}
_EDUCATION = {alias: code for code, aliases in EDUCATION_ALIASES.items() for alias in aliases}
_SEX = {"l": "L", "lk": "L", "lakilaki": "L", "laki": "L", "pria": "L", "p": "P", "pr": "P", "perempuan": "P",
        "wanita": "P"}
_YES = {"ya", "y", "yes", "1", "setuju", "true", "benar", "v"}
_NO = {"tidak", "t", "tdk", "no", "n", "0", "false", "", "tidaksetuju", "belum"}
_CONTRACT = {"pkwtt": "pkwtt", "tetap": "pkwtt", "karyawantetap": "pkwtt", "pkwt": "pkwt", "kontrak": "pkwt",
             "harian": "harian", "harianlepas": "harian", "alihdaya": "alih_daya", "outsourcing": "alih_daya",
             "magang": "magang", "paruhwaktu": "paruh_waktu", "parttime": "paruh_waktu"}
_SHIFT = {"pagi": "pagi", "siang": "siang", "malam": "malam", "bergilir": "bergilir", "shift": "bergilir",
          "rotasi": "bergilir"}
DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y")

# Bounds of the numbers, the same as the profile and vacancy forms (app/core/forms.py ProfileFields,
# app/employers/forms.py VacancyForm); every one fits a PostgreSQL INTEGER.
MAX_WAGE = 1_000_000_000
MAX_EXPERIENCE_YEARS = 40
MAX_OPENINGS = 500
# Longest texts, as the columns and forms allow; longer is a problem of the row, never cut silently.
MAX_LENGTH = {"full_name": 120, "address": 255, "major": 120, "title": 160, "description": 5000, "location": 255}
# A date that reached the file as an Excel serial number (days since 1899-12-30) instead of a
# date: accepted from 1920-01-01 to 2099-12-31; smaller numbers (a year such as 1995) are not dates.
EXCEL_EPOCH = dt.date(1899, 12, 30)
EXCEL_SERIALS = range((dt.date(1920, 1, 1) - EXCEL_EPOCH).days, (dt.date(2099, 12, 31) - EXCEL_EPOCH).days + 1)


class CellError(ValueError):
    pass


@dataclass
class Problem:
    row: int  # as the spreadsheet shows it: the header is row 1
    column: str
    value: str
    message: str

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}


@dataclass
class Checked:
    headers: list[str]
    mapping: dict[str, str]  # header -> field ("" = ignored)
    unknown: list[str]
    missing: list[str]  # required fields with no column
    rows: list[dict] = field(default_factory=list)  # {"row": n, "data": {...}}
    problems: list[Problem] = field(default_factory=list)


def _coded(text: str, table: dict[str, str], empty: str, unknown) -> str:
    """A cell naming one of a fixed set of codes (any spelling in `table`); `empty` when blank."""
    if not text:
        return empty
    code = table.get(header_key(text))
    if code is None:
        raise CellError(unknown)
    return code

def guess_mapping(headers: list[str], kind: str, chosen: dict[str, str] | None = None) -> tuple[dict[str, str], list[str]]:
    fields = KINDS[kind][0]
    aliases = {alias: name for name, (_label, names) in fields.items() for alias in names}
    mapping, unknown, used = {}, [], set()
    for header in headers:
        if not header:
            continue
        if chosen and header in chosen and (chosen[header] in fields or chosen[header] == ""):
            target = chosen[header]
        else:
            target = aliases.get(header_key(header))
            if target is None:
                unknown.append(header)
                target = ""
        if target and target in used:
            target = ""  # two columns for one field: the first one counts
        mapping[header] = target
        used.add(target)
    return mapping, unknown


def parse_date(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    serial = re.fullmatch(r"(\d{4,5})(?:[.,]0+)?", text)
    if serial and int(serial.group(1)) in EXCEL_SERIALS:
        return EXCEL_EPOCH + dt.timedelta(days=int(serial.group(1)))
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2}", text):
        raise CellError(_l("Tanggal ini tidak ada di kalender."))
    raise CellError(_l("Format tanggal tidak dikenali; pakai 17/08/1995, 17-08-1995 atau 1995-08-17."))


def _number(value, *, whole: bool = True) -> int | float | None:
    text = str(value).strip()
    if not text:
        return None
    if whole:
        digits = re.sub(r"(?i)^rp\.?|[\s.,]|(,-)$", "", text.replace(",-", ""))
        if not re.fullmatch(r"[0-9]+", digits):
            raise CellError(_l("Harus berupa angka."))
        return int(digits)
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise CellError(_l("Harus berupa angka.")) from None


def _rupiah(text: str) -> int | None:
    """A wage as the forms read it (app/core/formfields.py): 4.500.000, 4,5 juta, Rp5.399.405,69."""
    try:
        return parse_rupiah(text)
    except RupiahError:
        raise CellError(RUPIAH_ERROR) from None


def _bounded(number, low: int, high: int, message):
    if number is not None and not low <= number <= high:
        raise CellError(message)
    return number


def _text(value) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value).strip()


def _limited(name: str, text: str) -> str:
    limit = MAX_LENGTH[name]
    if len(text) > limit:
        raise CellError(_l("Teks terlalu panjang: paling banyak %(max)d karakter (sekarang %(n)d).", max=limit, n=len(text)))
    return text


def _seeker_cell(name: str, value, rw_list: list[str]):
    text = _text(value)
    if name == "full_name":
        text = clean_name(text)
        if not text:
            raise CellError(_l("Nama wajib diisi."))
        if not is_ktp_name(text):
            raise CellError(INVALID_NAME)
        return _limited(name, text)
    if name == "nik":
        return re.sub(r"[\s'.]", "", text)
    if name == "birth_date":
        if not text:
            raise CellError(_l("Tanggal lahir wajib diisi."))
        birth = parse_date(value)
        try:
            check_working_age(birth)
        except NIKError as exc:
            raise CellError(str(exc)) from None
        return birth
    if name == "sex":
        sex = _SEX.get(header_key(text))
        if sex is None:
            raise CellError(_l("Jenis kelamin harus L/P, Laki-laki/Perempuan atau Pria/Wanita."))
        return sex
    if name == "education":
        if not text:
            return None
        code = _EDUCATION.get(re.sub(r"[^A-Z0-9]", "", text.upper()))
        if code is None:
            raise CellError(_l("Pendidikan tidak dikenal; pakai SD, SMP, SMA, SMK, D1–D4, S1–S3 (atau nama lama seperti SLTP, SLTA, STM)."))
        return code
    if name in ("rt", "rw"):
        if not text:
            return ""
        digits = text.upper().removeprefix(name.upper()).strip()
        if not re.fullmatch(r"[0-9]+", digits) or len(digits.lstrip("0") or "0") > 3:
            raise CellError(_l("Harus berupa angka."))
        if name == "rt":
            return digits.lstrip("0").zfill(3)
        width = len(rw_list[0]) if rw_list else 2
        rw = digits.lstrip("0").zfill(width)
        if rw_list and rw not in rw_list:
            raise CellError(_l("RW ini tidak ada di kelurahan ini."))
        return rw
    if name == "phone":
        phone = normalise_phone(text)
        if re.fullmatch(r"8\d{8,11}", phone):  # a number cell of a spreadsheet drops the leading 0
            phone = "0" + phone
        if phone and not re.fullmatch(r"0\d{8,13}", phone):
            raise CellError(_l("Nomor HP harus 9–14 angka, diawali 08 atau +62."))
        return phone
    if name in ("skills", "certificates", "desired_positions"):
        return split_list(text)
    if name == "expected_wage":
        return _bounded(_rupiah(text), 0, MAX_WAGE, _l("Gaji paling banyak Rp1.000.000.000."))
    if name in ("consent_sharing", "consent_ranking"):
        key = header_key(text)
        if key in _YES:
            return True
        if key in _NO:
            return False
        raise CellError(_l("Isi ya atau tidak."))
    if name in ("address", "major"):
        return _limited(name, text)
    return text


def _vacancy_cell(name: str, value):
    text = _text(value)
    if name == "title":
        if not text:
            raise CellError(_l("Judul lowongan wajib diisi."))
        return _limited(name, text)
    if name in ("skills", "certificates"):
        return split_list(text)
    if name in ("required_licences", "preferred_licences"):
        codes = {entry: match_code(entry) for entry in split_list(text)}
        unknown = [entry for entry, code in codes.items() if code is None]
        if unknown:
            raise CellError(_l("Izin tidak dikenal: %(names)s. Tulis namanya seperti di formulir lowongan "
                               "(contoh: SIM B1 Umum, SIO Forklift).", names=", ".join(unknown)))
        return list(dict.fromkeys(codes.values()))
    if name == "education_min":
        if not text:
            return None
        code = _EDUCATION.get(re.sub(r"[^A-Z0-9]", "", text.upper()))
        if code is None:
            raise CellError(_l("Pendidikan tidak dikenal; pakai SD, SMP, SMA, SMK, D1–D4, S1–S3 (atau nama lama seperti SLTP, SLTA, STM)."))
        return code
    if name == "experience_years_min":
        number = _bounded(_number(text, whole=False), 0, MAX_EXPERIENCE_YEARS,
                          _l("Pengalaman harus 0–%(max)d tahun.", max=MAX_EXPERIENCE_YEARS))
        return number or 0.0
    if name in ("wage_min", "wage_max"):
        return _bounded(_rupiah(text), 0, MAX_WAGE, _l("Gaji paling banyak Rp1.000.000.000."))
    if name == "openings":
        number = _bounded(_number(text), 1, MAX_OPENINGS, _l("Jumlah dibutuhkan harus 1–%(max)d.", max=MAX_OPENINGS))
        return number or 1
    if name == "contract_type":
        return _coded(text, _CONTRACT, "pkwt", _l(
            "Jenis kontrak tidak dikenal; pakai PKWTT, PKWT, harian, alih daya, magang atau paruh waktu."))
    if name == "shift":
        return _coded(text, _SHIFT, "", _l("Shift harus pagi, siang, malam atau bergilir."))
    if name == "deadline":
        if not text:
            return None
        deadline = parse_date(value)
        if deadline < today_wib():
            raise CellError(_l("Batas lamaran tidak boleh sebelum hari ini."))
        return deadline
    if name in ("description", "location"):
        return _limited(name, text)
    return text


def check_rows(kind: str, headers: list[str], body: list[tuple[int, list]], *, chosen: dict[str, str] | None = None,
               rw_list: list[str] | None = None) -> Checked:
    """Validate every row; rows without problems become ``{"row": n, "data": {...}}``."""
    fields, required = KINDS[kind]
    mapping, unknown = guess_mapping(headers, kind, chosen)
    present = set(mapping.values())
    missing = [name for name in required if name not in present]
    checked = Checked(headers=headers, mapping=mapping, unknown=unknown, missing=missing)
    if missing:
        return checked
    columns = [(index, header, mapping[header]) for index, header in enumerate(headers) if mapping.get(header)]
    header_of = {name: header for _index, header, name in columns}
    seen_nik: dict[str, int] = {}  # NIK -> the first row that has it, whatever else was wrong there
    for number, cells in body:
        # Every check runs for every row, so that a row shows all its problems at once.
        data, problems = {}, []
        for index, header, name in columns:
            value = cells[index] if index < len(cells) else ""
            try:
                data[name] = _seeker_cell(name, value, rw_list or []) if kind == "seekers" else _vacancy_cell(name, value)
            except CellError as exc:
                problems.append(Problem(number, header, _text(value)[:80], str(exc)))
        if kind == "seekers":
            problems.extend(_nik_problems(number, data, header_of["nik"], seen_nik))
        if kind == "vacancies" and data.get("wage_min") and data.get("wage_max") and data["wage_max"] < data["wage_min"]:
            problems.append(Problem(number, header_of["wage_max"], str(data["wage_max"]),
                                    str(_l("Gaji maksimal lebih kecil dari gaji minimal."))))
        both = set(data.get("required_licences") or ()) & set(data.get("preferred_licences") or ())
        if kind == "vacancies" and both:
            problems.append(Problem(number, header_of["preferred_licences"], ", ".join(sorted(both))[:80],
                                    str(_l("Izin yang sama tidak boleh wajib sekaligus diutamakan."))))
        if problems:
            checked.problems.extend(problems)
        else:
            checked.rows.append({"row": number, "data": {k: v.isoformat() if isinstance(v, dt.date) else v
                                                         for k, v in data.items()}})
    return checked


def _nik_problems(number: int, data: dict, nik_header: str, seen_nik: dict[str, int]) -> list[Problem]:
    """The NIK of one row: valid, not an earlier row's, agreeing with the sex and birth date that
    could be read (a birth date or sex with its own problem is not compared)."""
    nik = data.get("nik", "")
    try:
        parse_nik(nik)
    except NIKError as exc:
        return [Problem(number, nik_header, nik[:80], str(exc))]
    problems = []
    if nik in seen_nik:
        problems.append(Problem(number, nik_header, nik,
                                str(_l("NIK sama dengan baris %(n)d di berkas ini.", n=seen_nik[nik]))))
    else:
        seen_nik[nik] = number
    try:
        check_nik(nik, data.get("birth_date"), data.get("sex"))
    except NIKError as exc:
        problems.append(Problem(number, nik_header, nik, str(exc)))
    return problems


def field_labels(kind: str) -> dict[str, str]:
    return {name: str(label) for name, (label, _aliases) in KINDS[kind][0].items()}


__all__ = ["Checked", "KINDS", "Problem", "check_rows", "field_labels", "guess_mapping", "parse_date"]
