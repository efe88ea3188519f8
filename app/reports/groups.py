"""The classes report figures are grouped by: KBLI 2020 sections, age bands, and the training
topics that skills fall under."""
from __future__ import annotations

import datetime as dt

from flask_babel import lazy_gettext as _l
from sqlalchemy import case

from ..models import SeekerProfile

# KBLI 2020 sections by the first two digits of the code (the division).
KBLI_SECTIONS: tuple[tuple[str, int, int, object], ...] = (
    ("A", 1, 3, _l("Pertanian, kehutanan dan perikanan")),
    ("B", 5, 9, _l("Pertambangan dan penggalian")),
    ("C", 10, 33, _l("Industri pengolahan")),
    ("D", 35, 35, _l("Pengadaan listrik, gas, uap/air panas dan udara dingin")),
    ("E", 36, 39, _l("Pengadaan air, pengelolaan sampah, limbah dan daur ulang")),
    ("F", 41, 43, _l("Konstruksi")),
    ("G", 45, 47, _l("Perdagangan besar dan eceran; reparasi mobil dan sepeda motor")),
    ("H", 49, 53, _l("Pengangkutan dan pergudangan")),
    ("I", 55, 56, _l("Penyediaan akomodasi dan makan minum")),
    ("J", 58, 63, _l("Informasi dan komunikasi")),
    ("K", 64, 66, _l("Aktivitas keuangan dan asuransi")),
    ("L", 68, 68, _l("Real estat")),
    ("M", 69, 75, _l("Aktivitas profesional, ilmiah dan teknis")),
    ("N", 77, 82, _l("Aktivitas penyewaan, ketenagakerjaan, agen perjalanan dan penunjang usaha")),
    ("O", 84, 84, _l("Administrasi pemerintahan, pertahanan dan jaminan sosial wajib")),
    ("P", 85, 85, _l("Pendidikan")),
    ("Q", 86, 88, _l("Aktivitas kesehatan manusia dan aktivitas sosial")),
    ("R", 90, 93, _l("Kesenian, hiburan dan rekreasi")),
    ("S", 94, 96, _l("Aktivitas jasa lainnya")),
    ("T", 97, 98, _l("Aktivitas rumah tangga sebagai pemberi kerja")),
    ("U", 99, 99, _l("Aktivitas badan internasional dan ekstra internasional")),
)
UNKNOWN_SECTOR = ("?", _l("Sektor belum diisi"))

AGE_BANDS: tuple[tuple[str, int, int | None], ...] = (
    ("15–24", 15, 24), ("25–34", 25, 34), ("35–44", 35, 44), ("45–54", 45, 54), ("55+", 55, None),
)
UNDER_AGE = "< 15"

# Skills turned into training topics: the first keyword found in a skill names its topic
# (the kind of course a BLK or LPK offers); a skill without a keyword is its own topic.
TRAINING_TOPICS: tuple[tuple[tuple[str, ...], object], ...] = (
    (("las", "welding", "smaw", "gerinda"), _l("Pengelasan (SMAW/MIG/TIG) dan sertifikasi juru las")),
    (("cnc", "bubut", "milling", "pemesinan"), _l("Pemesinan: bubut, milling dan CNC")),
    (("gambar teknik", "alat ukur", "qc", "inspeksi", "mutu"), _l("Gambar teknik, alat ukur dan kendali mutu")),
    (("listrik", "plc", "panel", "elektro"), _l("Instalasi dan perawatan listrik industri")),
    (("mekanik", "troubleshooting", "perawatan mesin", "hidrolik", "pneumatik"), _l("Perawatan mesin industri")),
    (("forklift", "reach truck"), _l("Operator forklift (SIO)")),
    (("gudang", "stok", "inventory", "logistik", "ekspedisi", "packing"), _l("Pergudangan dan logistik")),
    (("excel", "word", "komputer", "microsoft", "office", "mengetik", "administrasi", "arsip", "laporan"),
     _l("Aplikasi perkantoran dan administrasi")),
    (("akuntansi", "pembukuan", "pajak", "keuangan", "kasir"), _l("Akuntansi, pembukuan dan kasir")),
    (("jahit", "garmen", "obras"), _l("Menjahit industri dan garmen")),
    (("masak", "boga", "barista", "dapur", "kuliner", "food"), _l("Tata boga dan pelayanan makanan")),
    (("mengemudi", "sopir", "sim "), _l("Mengemudi dan keselamatan berkendara")),
    (("k3", "keselamatan"), _l("Keselamatan dan kesehatan kerja (K3)")),
    (("pelanggan", "penjualan", "sales", "komunikasi", "pemasaran", "customer"), _l("Pelayanan pelanggan dan penjualan")),
    (("inggris", "english", "mandarin"), _l("Bahasa asing untuk kerja")),
)


def sector_of(code: str | None) -> tuple[str, object]:
    """KBLI 2020 code → (section letter, section name)."""
    digits = (code or "").strip()[:2]
    if len(digits) == 2 and digits.isascii() and digits.isdigit():
        division = int(digits)
        for letter, first, last, name in KBLI_SECTIONS:
            if first <= division <= last:
                return letter, name
    return UNKNOWN_SECTOR


def age_band(birth: dt.date, today: dt.date) -> str:
    age = today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
    for label, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return label
    return UNDER_AGE


def birthday_cutoff(today: dt.date, years: int) -> dt.date:
    """The latest birth date of someone who is at least ``years`` old today."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def age_band_expression(today: dt.date):
    """A CASE expression giving the age band of SeekerProfile.birth_date, in plain SQL."""
    whens = []
    for label, low, _high in reversed(AGE_BANDS):
        whens.append((SeekerProfile.birth_date <= birthday_cutoff(today, low), label))
    return case(*whens, else_=UNDER_AGE)


def training_topic(skill: str) -> object:
    return TRAINING_TOPICS[topic_index(skill)][1] if topic_index(skill) is not None else skill


def topic_index(skill: str) -> int | None:
    lowered = f"{skill.lower()} "
    for index, (keywords, _topic) in enumerate(TRAINING_TOPICS):
        if any(word in lowered for word in keywords):
            return index
    return None
