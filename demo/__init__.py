"""Deterministic demo data for Kecamatan Karawaci, Kota Tangerang, Banten.

`load_demo()` builds three kelurahan, their staff, about 870 residents, 25 companies, about 200
vacancies (40 of them open) and twelve months of referral history (about 11,000 decisions), adds
them to the session and flushes; the caller commits. Everything comes from one seed (a
`random.Random` for the content, a numpy generator for the draws of evaluation.synthetic): two runs
on the same reference date give identical data. Dates are anchored on that reference date (today
in WIB by default) so the history always ends "yesterday".

The history is drawn from the same hidden utility as the synthetic city the engine is evaluated on
(`evaluation.synthetic.true_utility` and `sample_outcomes`), never from anything in `matching/`.
Every demo position belongs to one of the synthetic job families and every skill or certificate
stands for one of its concepts (`SYNTH_FAMILY`, `CONCEPT`); `_Builder.declare_truth` declares each
resident's and vacancy's truth in those terms, with the hidden traits (employability, selectivity)
drawn as the generator draws them. Staff shortlist the residents who look best for each vacancy
(the utility seen with noise), residents with a login say "saya berminat" to the open vacancy they
like best, and `sample_outcomes` decides each pair's referral, interview and hire. A small
event-driven simulation then plays every decision in time order so that the state machine of
app/referrals.py holds throughout: a hire closes the resident's other open referrals
(hired_elsewhere), a vacancy never hires more people than it has openings and is marked filled when
it is full (vacancy_filled), and a past vacancy closes the referrals still open some weeks after its
deadline (vacancy_closed). The scripted cases of the demo accounts are fixed, not drawn.

After the history, `load_demo` adds the back office's cases (vacancies in review, residents
registered twice, AK/I cards, contract end dates), each from a random stream of its own so that no
draw of the history moves, and runs the reminder generation of `tick` once.
"""
from __future__ import annotations

import datetime as dt
import heapq
import math
import random
from dataclasses import dataclass, field

import numpy as np
from argon2 import PasswordHasher
from sqlalchemy import select

from app.core import labels
from app.core.timeutil import WIB, today_wib
from app.extensions import db
from app.models import (
    Company,
    ConsentRecord,
    ExperienceEntry,
    Kelurahan,
    Match,
    MatchEvent,
    Role,
    SeekerProfile,
    User,
    Vacancy,
    VacancyReviewEvent,
)
from app.ranking import seeker_record, vacancy_record
from app.referrals.reminders import AK1_REPORT_MONTHS, add_months, ak1_issued_on, sync_reminders
from app.vacancies.review import decide_vacancy, submit_vacancy
from evaluation import synthetic

DEMO_SEED = 20241115
DEMO_PASSWORD = "demo12345"
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"
DEMO_RESIDENT_NAME = "Rizky Ramadhan"  # warga@demo.test
UTC = dt.timezone.utc

# UMK Kota Tangerang by year (DOMAIN.md); later years reuse the latest known figure.
UMK = {2025: 5_069_709, 2026: 5_399_406}

HISTORY_DAYS = 360  # the oldest vacancies were posted this many days before the reference date
SHORTLIST_PAST = 28  # staff look at about this many residents (plus five per opening) for a past vacancy
SHORTLIST_OPEN = 10  # and this many (plus three per opening) for one still open
BROWSE_DAYS = 30.0  # a resident with a login looks at the open vacancies about this often


# --------------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Kel:
    key: str
    name: str
    code: str  # illustrative Kemendagri-style code, not checked against the Permendagri list
    letter_code: str
    rws: int
    address: str
    lurah: str
    streets: tuple[str, ...]
    postcode: str


KELURAHAN = (
    _Kel("NJ", "Nusa Jaya", "3671071006", "NJ", 8, "Jl. Nusa Jaya Raya No. 1, Karawaci, Kota Tangerang 15116",
         "Albi Nur Muhammad",
         ("Jl. Nusa Jaya Raya", "Jl. Kenanga", "Jl. Melati", "Jl. Mawar", "Gg. H. Naim", "Jl. Pembangunan",
          "Gg. Masjid Al-Hidayah", "Jl. Sawo", "Jl. Flamboyan", "Gg. Kelapa Dua", "Jl. Cempaka", "Gg. Swadaya"),
         "15116"),
    _Kel("CM", "Cimone", "3671071003", "CM", 10, "Jl. Raya Cimone No. 12, Karawaci, Kota Tangerang 15114",
         "Dadang Sumantri",
         ("Jl. Raya Cimone", "Jl. Cimone Permai", "Gg. Nangka", "Jl. Delima", "Jl. Anggrek", "Gg. Sukasari",
          "Jl. Pasar Cimone", "Gg. Langgar", "Jl. Bambu Kuning"),
         "15114"),
    _Kel("KB", "Karawaci Baru", "3671071002", "KB", 9, "Jl. Imam Bonjol No. 40, Karawaci, Kota Tangerang 15116",
         "Heni Kurniasih",
         ("Jl. Imam Bonjol", "Jl. Karawaci Baru Raya", "Jl. Teratai", "Gg. Kemuning", "Jl. Bugenvil",
          "Perum Karawaci Indah Blok C", "Gg. Haji Saman", "Jl. Wijaya Kusuma"),
         "15116"),
)
# Plus 16 scripted residents (11 in Nusa Jaya): about 300 in all, two thirds in Nusa Jaya.
# A year of a busy desk: enough decisions that the model card's intervals are narrow (a smaller
# history left the learned engine's lead over TF-IDF inside the bootstrap interval).
RESIDENTS_PER_KELURAHAN = {"NJ": 570, "CM": 144, "KB": 138}
PAST_VACANCIES = 150  # besides the HRD demo company's; posted evenly over the year, about 8 per company
OPEN_VACANCIES = 40

# Zones where people work: the three kelurahan plus two industrial or commercial areas nearby
# (Jatiuwung, Cikokol) that have no kelurahan in the app, so their vacancies carry no area.
def _area(zone: str) -> tuple[str, ...]:
    """The area the app gives a resident's kelurahan or a vacancy (without the RW)."""
    kel = next((k for k in KELURAHAN if k.key == zone), None)
    return ("Banten", "Kota Tangerang", "Karawaci", kel.name) if kel else ()


# NIK region prefixes: where the NIK was first issued, not where the person lives now.
NIK_REGIONS = (
    (("367107",), 62),                                           # Kec. Karawaci
    (("367101", "367102", "367103", "367104", "367105", "367109", "367112"), 10),  # other kecamatan, Kota Tangerang
    (("360304", "360312", "360316", "360321", "360326"), 9),     # Kab. Tangerang
    (("317401", "317403", "317405", "317407"), 6),               # Jakarta Barat
    (("330104", "330211", "332805", "350712", "320113", "180206"), 13),  # migrants from Java and Lampung
)

# --------------------------------------------------------------------------------------------
# Jobs: what the local labour market asks for
# --------------------------------------------------------------------------------------------

FAMILIES = ("manufaktur", "logistik", "ritel", "fnb", "jasa")
FAMILY_WEIGHTS = (36, 22, 15, 10, 17)


@dataclass(frozen=True)
class _Position:
    key: str
    title: str
    family: str
    skills: tuple[str, ...]
    certificates: tuple[str, ...]
    required_certificate: str | None  # a certificate vacancies of this kind usually require
    seeker_education: tuple[tuple[str, int], ...]
    vacancy_education: tuple[str, ...]
    experience_min: tuple[float, ...]
    wage: tuple[int, int]
    shifts: tuple[str, ...]
    contracts: tuple[str, ...]
    majors: tuple[str, ...]  # SMK majors that lead here
    degrees: tuple[str, ...]  # D3/S1 study programmes that lead here
    duties: str
    weight: int = 10


POSITIONS: tuple[_Position, ...] = (
    _Position("operator_produksi", "Operator Produksi", "manufaktur",
              ("mengoperasikan mesin produksi", "membaca SOP", "5S", "bekerja dalam tim", "teliti",
               "inspeksi visual"),
              ("K3 Umum",), None, (("SMK", 5), ("SMA", 3), ("SMP", 2)), ("SMP", "SMA", "SMA"), (0, 0, 1),
              (5_399_406, 5_800_000), ("bergilir", "bergilir", "pagi"), ("pkwt", "pkwt", "alih_daya"),
              ("Teknik Mesin", "Teknik Pemesinan", "Teknik Elektronika", "Kimia Industri", "Tata Busana"), (),
              "mengoperasikan mesin produksi sesuai SOP, mencatat hasil produksi harian, dan menjaga "
              "kebersihan area kerja (5S)", 18),
    _Position("operator_cnc", "Operator Mesin CNC", "manufaktur",
              ("bubut", "CNC milling", "CNC bubut", "membaca gambar teknik",
               "alat ukur (jangka sorong, mikrometer)", "pemrograman CNC dasar"),
              ("K3 Umum",), None, (("SMK", 17), ("SMA", 2), ("D3", 1)), ("SMK",), (0, 1, 2),
              (5_500_000, 6_500_000), ("bergilir", "pagi"), ("pkwt", "pkwtt"),
              ("Teknik Pemesinan", "Teknik Mesin"), ("Teknik Mesin",),
              "menyetel dan mengoperasikan mesin CNC bubut dan milling, membaca gambar kerja, dan "
              "memeriksa ukuran hasil produksi dengan alat ukur", 10),
    _Position("welder", "Juru Las (Welder)", "manufaktur",
              ("las listrik", "las SMAW", "las MIG", "las argon (TIG)", "membaca gambar teknik", "gerinda"),
              ("Sertifikat BNSP Pengelasan", "K3 Umum"), "Sertifikat BNSP Pengelasan",
              (("SMK", 14), ("SMA", 3), ("SMP", 3)), ("SMP", "SMK"), (1, 2),
              (5_500_000, 6_800_000), ("pagi", "bergilir"), ("pkwt", "pkwtt", "harian"),
              ("Teknik Pengelasan", "Teknik Mesin"), ("Teknik Mesin",),
              "mengelas konstruksi baja dan rangka mesin (SMAW/MIG) sesuai gambar kerja serta merapikan "
              "hasil las dengan gerinda", 8),
    _Position("qc", "QC Inspector", "manufaktur",
              ("alat ukur (jangka sorong, mikrometer)", "membaca gambar teknik", "inspeksi visual",
               "Microsoft Excel", "7 QC tools", "membuat laporan"),
              (), None, (("SMK", 12), ("D3", 6), ("SMA", 2)), ("SMK", "D3"), (0, 1, 2),
              (5_400_000, 6_300_000), ("bergilir", "pagi"), ("pkwt", "pkwtt"),
              ("Teknik Mesin", "Teknik Pemesinan", "Kimia Industri", "Teknik Elektronika"),
              ("Teknik Industri", "Teknik Mesin"),
              "memeriksa mutu bahan, barang setengah jadi dan produk jadi, mencatat temuan, dan membuat "
              "laporan harian QC", 8),
    _Position("teknisi_listrik", "Teknisi Listrik", "manufaktur",
              ("instalasi listrik", "perawatan panel listrik", "membaca diagram listrik", "PLC dasar",
               "troubleshooting mesin"),
              ("K3 Listrik",), None, (("SMK", 16), ("D3", 4)), ("SMK", "D3"), (1, 2),
              (5_700_000, 7_000_000), ("bergilir", "pagi"), ("pkwt", "pkwtt"),
              ("Teknik Instalasi Tenaga Listrik", "Teknik Elektronika"), ("Teknik Elektro",),
              "merawat instalasi dan panel listrik pabrik, memperbaiki gangguan listrik mesin produksi, "
              "dan mencatat perawatan berkala", 6),
    _Position("mekanik", "Mekanik Perawatan Mesin", "manufaktur",
              ("perawatan mesin", "troubleshooting mesin", "hidrolik dan pneumatik", "bubut", "las listrik",
               "membaca gambar teknik"),
              ("K3 Umum",), None, (("SMK", 17), ("D3", 3)), ("SMK",), (1, 2, 3),
              (5_800_000, 7_200_000), ("bergilir", "pagi"), ("pkwt", "pkwtt"),
              ("Teknik Mesin", "Teknik Kendaraan Ringan", "Teknik Pemesinan", "Teknik Sepeda Motor"),
              ("Teknik Mesin",),
              "melakukan perawatan preventif dan perbaikan mesin produksi, mengganti suku cadang, dan "
              "membuat laporan kerusakan", 6),
    _Position("staf_gudang", "Staf Gudang", "logistik",
              ("penataan barang", "stock opname", "forklift", "FIFO/FEFO", "bongkar muat", "Microsoft Excel"),
              ("SIO Forklift",), None, (("SMA", 8), ("SMK", 7), ("SMP", 5)), ("SMP", "SMA"), (0, 1),
              (5_399_406, 5_900_000), ("bergilir", "pagi", "malam"), ("pkwt", "alih_daya"),
              ("Logistik", "Perkantoran", "Teknik Kendaraan Ringan"), (),
              "menerima dan memeriksa barang masuk, menata barang di rak dengan sistem FIFO, serta ikut "
              "stock opname bulanan", 14),
    _Position("picker", "Picker/Packer", "logistik",
              ("picking barang", "packing", "scan barcode", "teliti", "bongkar muat"),
              (), None, (("SMP", 8), ("SMA", 7), ("SMK", 5)), ("SMP",), (0,),
              (5_399_406, 5_500_000), ("bergilir", "malam", "siang"), ("pkwt", "harian", "alih_daya"),
              ("Logistik", "Bisnis Daring dan Pemasaran"), (),
              "mengambil barang sesuai daftar pesanan, memindai barcode, dan mengemas paket untuk dikirim", 12),
    _Position("admin_gudang", "Admin Gudang", "logistik",
              ("Microsoft Excel", "stock opname", "input data", "SAP dasar", "membuat surat jalan", "pengarsipan"),
              (), None, (("SMK", 10), ("SMA", 4), ("D3", 6)), ("SMA", "SMK", "D3"), (0, 1),
              (5_400_000, 6_200_000), ("pagi", "bergilir"), ("pkwt", "pkwtt"),
              ("Logistik", "Perkantoran", "Akuntansi"), ("Manajemen", "Administrasi Bisnis"),
              "mencatat keluar-masuk barang di sistem, membuat surat jalan, dan menyiapkan laporan stok "
              "harian", 7),
    _Position("kurir", "Kurir", "logistik",
              ("mengemudi sepeda motor", "mengenal wilayah Tangerang", "aplikasi peta digital",
               "layanan pelanggan", "COD dan serah terima paket"),
              ("SIM C",), "SIM C", (("SMA", 8), ("SMK", 6), ("SMP", 6)), ("SMP", "SMA"), (0,),
              (5_000_000, 6_000_000), ("pagi", "siang"), ("pkwt", "alih_daya", "harian"),
              ("Teknik Sepeda Motor", "Logistik", "Bisnis Daring dan Pemasaran"), (),
              "mengantar paket ke pelanggan di wilayah Tangerang, menerima pembayaran COD, dan memperbarui "
              "status kiriman di aplikasi", 9),
    _Position("sopir", "Sopir Truk Engkel (SIM B1)", "logistik",
              ("mengemudi SIM B1", "mengemudi truk engkel", "perawatan kendaraan ringan",
               "mengenal wilayah Jabodetabek", "bongkar muat"),
              ("SIM B1", "SIM A"), "SIM B1", (("SMA", 7), ("SMK", 6), ("SMP", 7)), ("SMP",), (1, 2),
              (5_500_000, 6_500_000), ("pagi", "bergilir"), ("pkwt", "pkwtt"),
              ("Teknik Kendaraan Ringan", "Teknik Sepeda Motor"), (),
              "mengemudikan truk engkel untuk pengiriman barang ke pelanggan di Jabodetabek dan merawat "
              "kendaraan secara berkala", 6),
    _Position("kasir", "Kasir", "ritel",
              ("mesin kasir (POS)", "menghitung uang", "layanan pelanggan", "jujur dan teliti", "Microsoft Excel"),
              (), None, (("SMA", 9), ("SMK", 9), ("SMP", 2)), ("SMA",), (0,),
              (5_000_000, 5_600_000), ("pagi", "siang", "bergilir"), ("pkwt", "paruh_waktu"),
              ("Akuntansi", "Bisnis Daring dan Pemasaran", "Perkantoran"), (),
              "melayani pembayaran pelanggan di mesin kasir, menghitung dan menyetor uang kas, serta "
              "menjaga kerapian area kasir", 8),
    _Position("pramuniaga", "Pramuniaga", "ritel",
              ("penataan display", "layanan pelanggan", "stock opname", "komunikasi", "menata stok barang"),
              (), None, (("SMA", 9), ("SMK", 6), ("SMP", 5)), ("SMP", "SMA"), (0,),
              (4_900_000, 5_500_000), ("pagi", "siang", "bergilir"), ("pkwt", "paruh_waktu"),
              ("Bisnis Daring dan Pemasaran", "Perkantoran", "Tata Busana"), (),
              "menata barang di rak dan etalase, membantu pelanggan mencari barang, dan ikut menghitung stok", 8),
    _Position("spg", "SPG/SPB", "ritel",
              ("penjualan", "komunikasi", "presentasi produk", "mencapai target penjualan", "layanan pelanggan"),
              (), None, (("SMA", 10), ("SMK", 8), ("D3", 2)), ("SMA",), (0,),
              (5_000_000, 6_000_000), ("pagi", "siang"), ("pkwt", "alih_daya"),
              ("Bisnis Daring dan Pemasaran", "Perkantoran", "Tata Busana"), ("Manajemen",),
              "menawarkan dan menjelaskan produk kepada pengunjung toko serta mencatat penjualan harian", 6),
    _Position("juru_masak", "Juru Masak (Cook)", "fnb",
              ("memasak masakan Indonesia", "persiapan bahan makanan", "higiene dan sanitasi dapur",
               "mengelola stok bahan", "memasak dalam jumlah besar"),
              ("Sertifikat Penjamah Makanan",), None, (("SMK", 10), ("SMA", 4), ("SMP", 6)), ("SMP", "SMK"), (1, 0),
              (5_200_000, 6_000_000), ("pagi", "siang", "bergilir"), ("pkwt", "pkwtt"),
              ("Tata Boga", "Perhotelan"), (),
              "menyiapkan bahan dan memasak menu harian sesuai resep, menjaga kebersihan dapur, dan "
              "mencatat stok bahan", 8),
    _Position("barista", "Barista", "fnb",
              ("meracik kopi", "mesin espresso", "manual brew", "layanan pelanggan", "kebersihan bar"),
              (), None, (("SMA", 10), ("SMK", 8), ("D3", 2)), ("SMA",), (0,),
              (4_600_000, 5_400_000), ("pagi", "siang", "malam"), ("pkwt", "paruh_waktu"),
              ("Tata Boga", "Perhotelan"), (),
              "meracik minuman kopi dan non-kopi, melayani pesanan di bar, dan menjaga kebersihan peralatan", 5),
    _Position("pramusaji", "Pramusaji", "fnb",
              ("melayani tamu", "mencatat pesanan", "komunikasi", "kebersihan", "kerja cepat"),
              (), None, (("SMA", 8), ("SMP", 7), ("SMK", 5)), ("SMP",), (0,),
              (4_700_000, 5_400_000), ("pagi", "siang", "bergilir"), ("pkwt", "harian", "paruh_waktu"),
              ("Perhotelan", "Tata Boga"), (),
              "menyambut tamu, mencatat dan mengantar pesanan, serta merapikan meja", 7),
    _Position("admin_kantor", "Staf Administrasi", "jasa",
              ("Microsoft Excel", "Microsoft Word", "pengarsipan", "korespondensi", "input data", "mengetik cepat"),
              (), None, (("SMK", 10), ("SMA", 4), ("D3", 4), ("S1", 2)), ("SMA", "SMK", "D3"), (0, 1),
              (5_400_000, 6_200_000), ("pagi",), ("pkwt", "pkwtt"),
              ("Perkantoran", "Akuntansi", "Rekayasa Perangkat Lunak", "Teknik Komputer dan Jaringan"),
              ("Administrasi Bisnis", "Manajemen"),
              "mengelola surat-menyurat dan arsip, menginput data ke sistem, serta menyiapkan laporan "
              "administrasi", 8),
    _Position("cs", "Customer Service", "jasa",
              ("layanan pelanggan", "komunikasi", "menangani keluhan", "Microsoft Office",
               "WhatsApp Business"),
              (), None, (("SMK", 8), ("SMA", 6), ("D3", 4), ("S1", 2)), ("SMA", "D3"), (0, 1),
              (5_300_000, 6_000_000), ("pagi", "bergilir"), ("pkwt", "alih_daya"),
              ("Perkantoran", "Bisnis Daring dan Pemasaran", "Perhotelan", "Multimedia"),
              ("Ilmu Komunikasi", "Manajemen"),
              "melayani pertanyaan dan keluhan pelanggan lewat telepon dan WhatsApp serta mencatat tindak "
              "lanjutnya", 6),
    _Position("satpam", "Satpam", "jasa",
              ("pengamanan", "patroli", "pencatatan tamu", "penanganan keadaan darurat", "disiplin"),
              ("Gada Pratama",), "Gada Pratama", (("SMA", 12), ("SMK", 8)), ("SMA",), (0, 1),
              (5_399_406, 5_800_000), ("bergilir", "malam"), ("pkwt", "alih_daya"),
              ("Teknik Komputer dan Jaringan", "Teknik Kendaraan Ringan", "Perkantoran"), (),
              "menjaga keamanan area kantor dan pabrik, melakukan patroli, serta mencatat tamu dan "
              "kendaraan keluar-masuk", 7),
    _Position("cleaning", "Cleaning Service", "jasa",
              ("kebersihan gedung", "penggunaan alat kebersihan", "disiplin", "kerja cepat"),
              (), None, (("SMP", 10), ("SD", 4), ("SMA", 6)), ("SD", "SMP"), (0,),
              (4_800_000, 5_400_000), ("pagi", "bergilir"), ("alih_daya", "pkwt", "harian"),
              (), (),
              "membersihkan ruangan kantor, toilet dan area umum sesuai jadwal serta merawat alat kebersihan", 7),
    _Position("akuntansi", "Staf Akuntansi", "jasa",
              ("jurnal umum", "Microsoft Excel", "perpajakan dasar (PPh 21)", "Accurate", "rekonsiliasi bank",
               "laporan keuangan"),
              ("Brevet A/B",), None, (("SMK", 7), ("D3", 7), ("S1", 6)), ("D3", "S1", "SMK"), (0, 1, 2),
              (5_600_000, 7_000_000), ("pagi",), ("pkwt", "pkwtt"),
              ("Akuntansi",), ("Akuntansi",),
              "mencatat transaksi harian, membuat jurnal dan rekonsiliasi bank, serta membantu laporan "
              "pajak bulanan", 5),
)
POSITION = {p.key: p for p in POSITIONS}
BY_FAMILY = {f: tuple(p for p in POSITIONS if p.family == f) for f in FAMILIES}
GENERAL_SKILLS = ("Microsoft Excel", "komunikasi", "bekerja dalam tim", "disiplin", "mengemudi sepeda motor",
                  "Microsoft Word")
SMA_MAJORS = ("IPA", "IPS")
# Written out here rather than taken from labels.EDUCATION, whose lazy strings follow the UI locale.
EDUCATION_TEXT = {"SD": "SD/sederajat", "SMP": "SMP/sederajat", "SMA": "SMA/SMK sederajat", "SMK": "SMK",
                  "D3": "D3", "S1": "S1"}

# --------------------------------------------------------------------------------------------
# Companies
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CompanySpec:
    name: str
    kbli: str  # KBLI 2020, plausible codes (not checked against the BPS text)
    zone: str  # NJ, CM, KB (our kelurahan) or JT (Jatiuwung), CK (Cikokol)
    address: str
    contact: str
    hires: tuple[str, ...]  # position keys it recruits for
    status: str = "verified"
    title_suffix: str = ""  # e.g. "(Injeksi Plastik)" after "Operator Produksi"


HRD_COMPANY = "PT Sinar Logam Presisi"
COMPANIES: tuple[_CompanySpec, ...] = (
    _CompanySpec(HRD_COMPANY, "25920", "NJ", "Jl. Nusa Jaya Raya No. 88, Nusa Jaya, Karawaci",
                 "Hendra Gunawan", ("operator_produksi", "operator_cnc", "welder", "qc", "mekanik", "teknisi_listrik")),
    _CompanySpec("PT Karya Plastindo Utama", "22220", "KB", "Jl. Imam Bonjol No. 210, Karawaci Baru, Karawaci",
                 "Yuliana Siregar", ("operator_produksi", "qc", "staf_gudang", "mekanik"),
                 title_suffix="(Injeksi Plastik)"),
    _CompanySpec("PT Tangerang Autoparts Mandiri", "29300", "JT", "Jl. Gatot Subroto Km 5, Jatiuwung",
                 "Bambang Hermawan", ("operator_cnc", "operator_produksi", "qc", "welder", "teknisi_listrik")),
    _CompanySpec("PT Cahaya Kabel Nusantara", "27320", "JT", "Jl. Industri Raya III Blok C No. 7, Jatiuwung",
                 "Linda Permatasari", ("operator_produksi", "teknisi_listrik", "qc", "admin_gudang")),
    _CompanySpec("PT Sepatu Mas Karawaci", "15201", "CM", "Jl. Raya Cimone No. 150, Cimone, Karawaci",
                 "Agus Setiawan", ("operator_produksi", "qc", "admin_kantor", "staf_gudang"),
                 title_suffix="(Jahit Sepatu)"),
    _CompanySpec("PT Mitra Garmen Sejahtera", "14111", "KB", "Jl. Karawaci Baru Raya No. 31, Karawaci Baru",
                 "Ratna Handayani", ("operator_produksi", "qc", "admin_gudang"), title_suffix="(Jahit)"),
    _CompanySpec("PT Roti Nusa Sejahtera", "10710", "NJ", "Jl. Pembangunan No. 17, Nusa Jaya, Karawaci",
                 "Fajar Nugroho", ("operator_produksi", "sopir", "staf_gudang", "juru_masak")),
    _CompanySpec("PT Prima Kemas Indonesia", "17021", "JT", "Jl. Gatot Subroto Km 7 No. 3, Jatiuwung",
                 "Irfan Hakim", ("operator_produksi", "mekanik", "staf_gudang", "sopir")),
    _CompanySpec("CV Las Jaya Abadi", "33110", "CM", "Jl. Delima No. 9, Cimone, Karawaci",
                 "Slamet Riyadi", ("welder", "mekanik")),
    _CompanySpec("PT Elektrindo Cipta Mandiri", "27900", "KB", "Jl. Teratai No. 5, Karawaci Baru, Karawaci",
                 "Dimas Pratama", ("teknisi_listrik", "operator_produksi"), status="pending"),
    _CompanySpec("PT Gudang Sentosa Logistik", "52101", "KB", "Jl. Imam Bonjol No. 99, Karawaci Baru, Karawaci",
                 "Taufik Hidayat", ("staf_gudang", "picker", "admin_gudang", "sopir")),
    _CompanySpec("PT Kilat Antar Nusantara", "53201", "CM", "Jl. Pasar Cimone No. 4, Cimone, Karawaci",
                 "Novi Anggraini", ("kurir", "admin_gudang", "picker")),
    _CompanySpec("PT Armada Trans Tangerang", "49431", "JT", "Jl. Industri Raya I No. 22, Jatiuwung",
                 "Rudi Simanjuntak", ("sopir", "staf_gudang", "admin_kantor")),
    _CompanySpec("PT Cikokol Distribusi Niaga", "46900", "CK", "Jl. M.H. Thamrin No. 56, Cikokol",
                 "Wulan Sari", ("staf_gudang", "picker", "sopir", "admin_gudang")),
    _CompanySpec("PT Surya Ekspedisi Mandiri", "52291", "CK", "Jl. Perintis Kemerdekaan No. 8, Cikokol",
                 "Andi Wijaya", ("kurir", "admin_gudang"), status="pending"),
    _CompanySpec("PT Swalayan Karawaci Makmur", "47111", "KB", "Jl. Imam Bonjol No. 5, Karawaci Baru, Karawaci",
                 "Maya Puspitasari", ("kasir", "pramuniaga", "staf_gudang")),
    _CompanySpec("CV Sumber Rezeki Bangunan", "47521", "NJ", "Jl. Sawo No. 21, Nusa Jaya, Karawaci",
                 "Haji Mulyadi", ("pramuniaga", "sopir", "kasir")),
    _CompanySpec("PT Mode Fashion Retailindo", "47711", "CK", "Jl. M.H. Thamrin No. 120, Cikokol",
                 "Citra Lestari", ("spg", "kasir", "pramuniaga")),
    _CompanySpec("PT Sentra Belanja Cimone", "47112", "CM", "Jl. Raya Cimone No. 77, Cimone, Karawaci",
                 "Eka Rahmawati", ("kasir", "pramuniaga", "spg")),
    _CompanySpec("PT Rasa Nusantara Kuliner", "56101", "KB", "Jl. Bugenvil No. 14, Karawaci Baru, Karawaci",
                 "Yoga Kurniawan", ("juru_masak", "pramusaji", "kasir")),
    _CompanySpec("CV Kedai Kopi Senja", "56303", "NJ", "Jl. Kenanga No. 2, Nusa Jaya, Karawaci",
                 "Bella Oktaviani", ("barista", "pramusaji")),
    _CompanySpec("PT Dapur Bersama Tangerang", "56210", "CM", "Jl. Anggrek No. 30, Cimone, Karawaci",
                 "Euis Kusumawati", ("juru_masak", "pramusaji"), status="pending"),
    _CompanySpec("PT Garda Aman Sentosa", "80100", "CK", "Jl. Jenderal Sudirman No. 18, Cikokol",
                 "Iwan Syahputra", ("satpam",)),
    _CompanySpec("PT Bersih Prima Layanan", "81210", "KB", "Jl. Wijaya Kusuma No. 3, Karawaci Baru, Karawaci",
                 "Nurul Hasanah", ("cleaning", "admin_kantor")),
    _CompanySpec("PT Mitra Sarana Karyawan", "78300", "CK", "Jl. M.H. Thamrin No. 9, Cikokol",
                 "Sandi Permana", ("cs", "admin_kantor", "akuntansi", "satpam")),
)

# --------------------------------------------------------------------------------------------
# People
# --------------------------------------------------------------------------------------------

MALE_FIRST = (
    "Ahmad", "Muhammad", "Rizky", "Andi", "Budi", "Dedi", "Eko", "Fajar", "Hendra", "Irfan", "Joko", "Agus",
    "Bayu", "Dimas", "Fikri", "Galih", "Hadi", "Ilham", "Iwan", "Yusuf", "Rudi", "Rahmat", "Taufik", "Wahyu",
    "Yoga", "Zainal", "Arif", "Bagus", "Dani", "Gilang", "Hafiz", "Imam", "Krisna", "Lukman", "Nanda", "Rafi",
    "Reza", "Rian", "Sandi", "Teguh", "Ujang", "Asep", "Dadang", "Cecep", "Iqbal", "Syahrul", "Aditya", "Akbar",
    "Firman", "Habib", "Jaka", "Kurnia", "Ridwan", "Samsul", "Deni", "Yudi", "Ferry", "Tomi", "Wawan", "Heri",
)
MALE_LAST = (
    "Saputra", "Pratama", "Hidayat", "Setiawan", "Nugroho", "Kurniawan", "Firmansyah", "Ramadhan", "Wijaya",
    "Gunawan", "Santoso", "Maulana", "Hakim", "Susanto", "Hermawan", "Prasetyo", "Purnomo", "Wibowo",
    "Syahputra", "Fauzi", "Rahman", "Hasan", "Sulaiman", "Siregar", "Nasution", "Simanjuntak", "Lubis",
    "Sihombing", "Tanjung", "Sumantri", "Suherman", "Sopian", "Permana", "Kusuma", "Darmawan", "Effendi",
    "Yulianto", "Iskandar", "Hidayatullah", "Prakoso",
)
FEMALE_FIRST = (
    "Siti", "Dewi", "Sri", "Rina", "Ani", "Fitri", "Putri", "Nur", "Wulan", "Ayu", "Dian", "Eka", "Indah",
    "Maya", "Nia", "Novi", "Ratna", "Rini", "Sari", "Tuti", "Yuli", "Yanti", "Nurul", "Anisa", "Aulia",
    "Bella", "Citra", "Dina", "Elsa", "Fani", "Intan", "Kartika", "Laila", "Mega", "Nabila", "Nadia",
    "Oktavia", "Puspita", "Rahma", "Salsabila", "Tiara", "Vina", "Wati", "Yunita", "Zahra", "Euis", "Neng",
    "Iis", "Hana", "Lina", "Desi", "Evi", "Mila", "Reni", "Susi", "Lilis", "Devi", "Febri", "Ika", "Mira",
)
FEMALE_LAST = (
    "Lestari", "Rahmawati", "Wulandari", "Puspitasari", "Handayani", "Anggraini", "Safitri", "Permatasari",
    "Oktaviani", "Kusumawati", "Fitriani", "Rahayu", "Susanti", "Kurniasih", "Maharani", "Amelia",
    "Purnamasari", "Nurhayati", "Agustina", "Yuliana", "Hasanah", "Marlina", "Febriani", "Aprilia",
    "Novitasari", "Ramadhani", "Utami", "Pertiwi", "Setiawati", "Siregar", "Nasution", "Lubis", "Simbolon",
    "Sulastri", "Wahyuni", "Mulyani", "Damayanti", "Andriani", "Kartini", "Fauziah",
)
MALE_MONONYMS = ("Slamet", "Sutrisno", "Sugiono", "Paiman", "Suparman", "Mujiono", "Karyadi", "Supriyadi")
FEMALE_MONONYMS = ("Suminah", "Sulastri", "Wartini", "Parmi", "Sukarsih", "Suwarni", "Painem", "Kasmini")

PAST_EMPLOYERS = {
    "manufaktur": ("PT Indo Presisi Komponen", "PT Multi Plastik Jaya", "PT Cahaya Baja Utama",
                   "CV Teknik Maju Bersama", "Bengkel Las Berkah Jaya", "PT Sandang Makmur Tekstil",
                   "PT Sepatu Jaya Abadi", "PT Komponen Otomotif Sentosa"),
    "logistik": ("PT Cepat Kirim Indonesia", "PT Gudang Mas Logistik", "CV Angkut Jaya",
                 "Toko Grosir Sinar Harapan", "PT Ekspres Kilat Nusantara"),
    "ritel": ("Minimarket Berkah", "Toko Pakaian Mutiara", "PT Retail Sejahtera Abadi",
              "Toko Elektronik Sumber Makmur", "Toko Sembako Barokah"),
    "fnb": ("Rumah Makan Sari Rasa", "Warung Kopi Teduh", "Katering Ibu Yati", "Bakso Mas Joko",
            "Restoran Sunda Saung Asri"),
    "jasa": ("PT Sarana Jasa Prima", "Koperasi Warga Sejahtera", "Klinik Pratama Medika",
             "Kantor Notaris Hartono", "PT Jaga Aman Nusantara", "PT Kantor Bersih Mandiri"),
}
PHONE_PREFIXES = ("0812", "0813", "0821", "0822", "0852", "0853", "0856", "0857", "0877", "0878", "0896",
                  "0898", "0838", "0819")


def _round50k(value: float) -> int:
    return int(round(value / 50_000) * 50_000)


def _umk(year: int) -> int:
    return UMK.get(year, UMK[max(UMK)] if year > max(UMK) else UMK[min(UMK)])


# --------------------------------------------------------------------------------------------
# Latent records and the hidden utility
# --------------------------------------------------------------------------------------------

@dataclass
class _Resident:
    idx: int
    kel: _Kel
    sex: str
    name: str
    birth: dt.date
    nik: str
    family: str
    position: _Position
    education: str
    major: str
    skills: list[str]
    certificates: list[str]
    experience: list[tuple[_Position, str, float]]  # (position, employer, years)
    desired: list[_Position]
    shifts: list[str]
    contracts: list[str]
    expected_wage: int
    rt: str
    rw: str
    address: str
    phone: str
    created_at: dt.datetime
    verified_at: dt.datetime | None
    consent_sharing: bool
    consent_ranking: bool
    ranking_withdrawn_at: dt.datetime | None
    has_login: bool
    disability: bool | None
    reserved: bool = False  # kept out of the random history; used by the scripted cases
    about: str = ""
    working: bool = False
    plans: list[_Plan] = field(default_factory=list)

    def years_in(self, family: str) -> float:
        return sum(years for pos, _emp, years in self.experience if pos.family == family)


@dataclass
class _VacancySpec:
    idx: int
    company: int  # index into COMPANIES
    position: _Position
    title: str
    phase: str  # history, open, draft
    posted: dt.datetime
    deadline: dt.date
    skills: list[str]
    certificates: list[str]
    education_min: str
    experience_min: float
    contract: str
    wage_min: int
    wage_max: int
    shift: str
    openings: int
    description: str
    scripted_only: bool = False
    hires: int = 0
    filled_at: dt.datetime | None = None
    closed: bool = False
    plans: list[_Plan] = field(default_factory=list)

    @property
    def zone(self) -> str:
        return COMPANIES[self.company].zone

    @property
    def family(self) -> str:
        return self.position.family


# The truth behind the history is evaluation.synthetic's, the same utility as the synthetic city's:
# each demo position belongs to one of its job families, and each skill or certificate as the
# demo writes it stands for one of its concepts (None: a skill the utility does not look at).
SYNTH_FAMILY = {
    "operator_produksi": "manufaktur", "qc": "manufaktur", "operator_cnc": "permesinan", "welder": "permesinan",
    "mekanik": "permesinan", "teknisi_listrik": "elektronik", "staf_gudang": "logistik", "picker": "logistik",
    "admin_gudang": "logistik", "kurir": "transportasi", "sopir": "transportasi", "kasir": "ritel",
    "pramuniaga": "ritel", "spg": "ritel", "juru_masak": "fnb", "barista": "fnb", "pramusaji": "fnb",
    "admin_kantor": "kantor", "cs": "kantor", "satpam": "keamanan", "cleaning": "kebersihan",
    "akuntansi": "keuangan",
}
CONCEPT = {
    "5S": "5s", "7 QC tools": "qc_skill", "Accurate": "accurate", "CNC bubut": "cnc", "CNC milling": "milling",
    "COD dan serah terima paket": "pengiriman", "FIFO/FEFO": "inventaris", "Microsoft Excel": "excel",
    "Microsoft Office": "ms_office", "Microsoft Word": "ms_office", "PLC dasar": None, "SAP dasar": "inventaris",
    "WhatsApp Business": "komunikasi", "alat ukur (jangka sorong, mikrometer)": "qc_skill",
    "aplikasi peta digital": "rute", "bekerja dalam tim": "kerja_tim", "bongkar muat": "bongkar_muat",
    "bubut": "bubut", "disiplin": "disiplin", "forklift": "forklift", "gerinda": "las",
    "hidrolik dan pneumatik": "maintenance", "higiene dan sanitasi dapur": "food_safety", "input data": "ms_office",
    "inspeksi visual": "qc_skill", "instalasi listrik": "instalasi_listrik", "jujur dan teliti": "disiplin",
    "jurnal umum": "akuntansi", "kebersihan": "bersih", "kebersihan bar": "food_safety",
    "kebersihan gedung": "bersih", "kerja cepat": None, "komunikasi": "komunikasi", "korespondensi": "surat",
    "laporan keuangan": "akuntansi", "las MIG": "las", "las SMAW": "las", "las argon (TIG)": "las",
    "las listrik": "las", "layanan pelanggan": "pelayanan", "manual brew": "kopi", "melayani tamu": "pelayanan",
    "memasak dalam jumlah besar": "memasak", "memasak masakan Indonesia": "memasak", "membaca SOP": "sop",
    "membaca diagram listrik": "instalasi_listrik", "membaca gambar teknik": "gambar_teknik",
    "membuat laporan": None, "membuat surat jalan": "inventaris", "menangani keluhan": "pelayanan",
    "menata stok barang": "display", "mencapai target penjualan": "penjualan", "mencatat pesanan": "pelayanan",
    "mengelola stok bahan": None, "mengemudi SIM B1": "mengemudi", "mengemudi sepeda motor": "mengemudi",
    "mengemudi truk engkel": "mengemudi", "mengenal wilayah Jabodetabek": "rute",
    "mengenal wilayah Tangerang": "rute", "mengetik cepat": None, "menghitung uang": "kasir_skill",
    "mengoperasikan mesin produksi": "mesin_produksi", "meracik kopi": "kopi", "mesin espresso": "kopi",
    "mesin kasir (POS)": "kasir_skill", "packing": "packing", "patroli": "patroli", "pemrograman CNC dasar": "cnc",
    "penanganan keadaan darurat": "p3k", "penataan barang": "inventaris", "penataan display": "display",
    "pencatatan tamu": None, "pengamanan": "patroli", "pengarsipan": "arsip", "penggunaan alat kebersihan": "bersih",
    "penjualan": "penjualan", "perawatan kendaraan ringan": "servis", "perawatan mesin": "maintenance",
    "perawatan panel listrik": "instalasi_listrik", "perpajakan dasar (PPh 21)": "pajak",
    "persiapan bahan makanan": "memasak", "picking barang": "picking", "presentasi produk": "penjualan",
    "rekonsiliasi bank": "akuntansi", "scan barcode": "picking", "stock opname": "stock_opname", "teliti": None,
    "troubleshooting mesin": "maintenance",
    # certificates
    "Brevet A/B": "brevet", "Gada Pratama": "gada", "K3 Listrik": "k3_listrik", "K3 Umum": "k3", "SIM A": "sim_a",
    "SIM B1": "sim_b1", "SIM C": "sim_c", "SIO Forklift": "sio_forklift", "Sertifikat BNSP Pengelasan": "sertifikat_las",
    "Sertifikat Penjamah Makanan": "penjamah",
}


def _concepts(texts) -> set[str]:
    return {c for t in texts if (c := CONCEPT[t]) is not None}


def _education_ok(r: _Resident, v: _VacancySpec) -> bool:
    return labels.EDUCATION_RANK[r.education] >= labels.EDUCATION_RANK[v.education_min]


# --------------------------------------------------------------------------------------------
# The simulation of decisions
# --------------------------------------------------------------------------------------------

@dataclass
class _Event:
    at: dt.datetime
    from_status: str | None
    to_status: str
    outcome: str
    reason: str | None
    actor: tuple[str, int | str]  # ("staff", kel key) | ("employer", company idx) | ("resident", idx)


@dataclass
class _Plan:
    resident: _Resident
    vacancy: _VacancySpec
    suggested_at: dt.datetime
    script: dict[str, tuple] | None = None  # forced steps of a scripted case
    status: str = "suggested"
    events: list[_Event] = field(default_factory=list)
    interested: bool = False
    referred_at: dt.datetime | None = None
    interview_at: dt.datetime | None = None
    start_date: dt.date | None = None
    contract: str | None = None
    contract_end: dt.date | None = None  # set after the history for some fixed-term hires (back office)
    via: str = "staff"  # who found the pair: staff shortlisting, or the resident ("interest")
    episode: dict[str, tuple[str, float]] = field(default_factory=dict)  # step -> (outcome, days after the previous step)

    @property
    def last_at(self) -> dt.datetime:
        return self.events[-1].at if self.events else self.suggested_at


class _Builder:
    def __init__(self, rng: random.Random, today: dt.date, seed: int = DEMO_SEED, scale: float = 1.0):
        self.rng = rng
        self.scale = scale  # below 1: a smaller data set with the same stories (for tests)
        self.np_rng = np.random.default_rng(seed)  # the draws of evaluation.synthetic (utility noise, outcomes)
        self.hidden = synthetic.Hidden()
        self.planned: set[tuple[int, int]] = set()
        self.today = today
        # Events happen strictly before the reference date starts (midnight WIB).
        self.now = dt.datetime.combine(today, dt.time(0, 0), WIB).astimezone(UTC)
        self.niks: set[str] = set()
        self.phones: set[str] = set()
        self.names: set[str] = {DEMO_RESIDENT_NAME}
        self.residents: list[_Resident] = []
        self.vacancies: list[_VacancySpec] = []
        self.queue: list[tuple[dt.datetime, int, str, _Plan | _VacancySpec]] = []
        self._seq = 0

    # ---- time helpers ---------------------------------------------------------------------
    def day(self, offset: float, hour: int = 9, minute: int = 0) -> dt.datetime:
        """A WIB wall-clock time `offset` days from the reference date, in UTC."""
        base = dt.datetime.combine(self.today + dt.timedelta(days=math.floor(offset)), dt.time(hour, minute), WIB)
        return base.astimezone(UTC)

    def office(self, after: dt.datetime, days: float) -> dt.datetime:
        """An office-hours moment (Mon–Fri, 08:00–16:00 WIB) about `days` after `after`."""
        local = after.astimezone(WIB) + dt.timedelta(days=days)
        if local.hour >= 16:
            local = (local + dt.timedelta(days=1)).replace(hour=8, minute=0)
        while local.weekday() >= 5:
            local = (local + dt.timedelta(days=1)).replace(hour=8, minute=0)
        if local.hour < 8:
            local = local.replace(hour=8, minute=0)
        local = local.replace(hour=self.rng.randint(max(8, local.hour), 15), minute=self.rng.randrange(0, 60, 5),
                              second=0, microsecond=0)
        result = local.astimezone(UTC)
        if result <= after:
            result = after + dt.timedelta(minutes=self.rng.randint(5, 90))
        return result

    # ---- identities -----------------------------------------------------------------------
    def nik(self, birth: dt.date, sex: str) -> str:
        rng = self.rng
        prefixes = [p for p, _w in NIK_REGIONS]
        group = rng.choices(prefixes, weights=[w for _p, w in NIK_REGIONS])[0]
        region = rng.choice(group)
        day = birth.day + (40 if sex == "P" else 0)
        while True:
            nik = f"{region}{day:02d}{birth.month:02d}{birth.year % 100:02d}{rng.randint(1, 2999):04d}"
            if nik not in self.niks:
                self.niks.add(nik)
                return nik

    def phone(self) -> str:
        while True:
            phone = self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randint(0, 99_999_999):08d}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def person_name(self, sex: str, age: int) -> str:
        rng = self.rng
        first, last = (MALE_FIRST, MALE_LAST) if sex == "L" else (FEMALE_FIRST, FEMALE_LAST)
        mono = MALE_MONONYMS if sex == "L" else FEMALE_MONONYMS
        while True:
            roll = rng.random()
            if age >= 38 and roll < 0.25:
                name = rng.choice(mono)
            elif roll < 0.72:
                name = f"{rng.choice(first)} {rng.choice(last)}"
            else:
                middle = rng.choice([n for n in first if n not in ("Muhammad", "Siti")])
                lead = rng.choice(("Muhammad", "Ahmad") if sex == "L" else ("Siti", "Nur", "Dewi"))
                name = f"{lead} {middle} {rng.choice(last)}"
            if name not in self.names and len(set(name.split())) == len(name.split()):
                self.names.add(name)
                return name

    # ---- residents ------------------------------------------------------------------------
    def make_resident(self, idx: int, kel: _Kel, *, family: str | None = None, position: str | None = None,
                      created_day: float | None = None) -> _Resident:
        rng = self.rng
        sex = rng.choice("LP")
        age = min(50, max(17, int(rng.triangular(17, 50, 23))))
        # Birth dates are anchored on the reference year so that NIKs stay stable within a year.
        birth = dt.date(self.today.year - age - 1, 1, 1) + dt.timedelta(days=rng.randrange(365))
        name = self.person_name(sex, age)
        nik = self.nik(birth, sex)
        fam = family or rng.choices(FAMILIES, weights=FAMILY_WEIGHTS)[0]
        options = BY_FAMILY[fam]
        pos = POSITION[position] if position else rng.choices(options, weights=[p.weight for p in options])[0]
        education = rng.choices([e for e, _w in pos.seeker_education], weights=[w for _e, w in pos.seeker_education])[0]
        if age < 21 and education in ("D3", "S1"):
            education = "SMK"
        if education == "SMK":
            major = rng.choice(pos.majors or labels.SMK_MAJORS)
        elif education == "SMA":
            major = rng.choice(SMA_MAJORS)
        elif education in ("D3", "S1"):
            major = rng.choice(pos.degrees or ("Manajemen", "Administrasi Bisnis"))
        else:
            major = ""
        school_end = {"SD": 13, "SMP": 16, "SMA": 19, "SMK": 19, "D3": 22, "S1": 23}[education]
        working_years = max(0.0, age - school_end)
        # Experience: most have some; pick titles mostly inside the family.
        experience: list[tuple[_Position, str, float]] = []
        budget = round(rng.uniform(0.0, working_years * 0.8) * 2) / 2
        if education == "SMK" and rng.random() < 0.35:
            experience.append((pos, rng.choice(PAST_EMPLOYERS[fam]), 0.5))  # PKL / magang
        while budget >= 0.5 and len(experience) < 3:
            in_family = rng.random() < 0.75
            xpos = rng.choice(BY_FAMILY[fam]) if in_family else rng.choice(POSITIONS)
            years = min(budget, round(rng.uniform(0.5, 4.0) * 2) / 2)
            experience.append((xpos, rng.choice(PAST_EMPLOYERS[xpos.family]), years))
            budget -= years
        # Skills: most of the position's, some of the family's, a general one.
        skills = rng.sample(pos.skills, k=rng.randint(2, min(5, len(pos.skills))))
        sibling = rng.choice(options)
        for s in rng.sample(sibling.skills, k=rng.randint(0, 2)):
            if s not in skills:
                skills.append(s)
        for s in rng.sample(GENERAL_SKILLS, k=rng.randint(0, 2)):
            if s not in skills:
                skills.append(s)
        certificates: list[str] = []
        if rng.random() < 0.55:
            certificates.append("SIM C")
        for c in pos.certificates:
            if c not in certificates and rng.random() < (0.75 if c == pos.required_certificate else 0.4):
                certificates.append(c)
        if rng.random() < 0.12 and "SIM A" not in certificates:
            certificates.append("SIM A")
        # Wishes: the position, sometimes a sibling in the family or one elsewhere that suits the schooling.
        desired = [pos]
        extra = rng.sample(options, k=min(len(options), rng.randint(0, 2)))
        if rng.random() < 0.25:
            extra.append(rng.choice(POSITIONS))
        for other in extra:
            if other not in desired and education in dict(other.seeker_education):
                desired.append(other)
        shifts = sorted(set(rng.sample(pos.shifts, k=1) + rng.sample(list(labels.SHIFT), k=rng.randint(0, 2))),
                        key=list(labels.SHIFT).index)
        contracts = ["pkwtt", "pkwt"] if rng.random() < 0.8 else ["pkwt"]
        for extra in ("alih_daya", "harian", "magang", "paruh_waktu"):
            if rng.random() < {"alih_daya": 0.3, "harian": 0.15, "magang": 0.2 if age < 21 else 0.02,
                               "paruh_waktu": 0.08}[extra]:
                contracts.append(extra)
        base = {"SD": 4_600_000, "SMP": 4_800_000, "SMA": 5_100_000, "SMK": 5_200_000, "D3": 5_600_000,
                "S1": 5_900_000}[education]
        wage = base + 120_000 * min(5.0, sum(y for _p, _e, y in experience)) + rng.gauss(0, 250_000)
        expected_wage = int(min(6_500_000, max(4_500_000, round(wage / 100_000) * 100_000)))
        rw = f"{rng.randint(1, kel.rws):02d}"
        rt = f"{rng.randint(1, 8):03d}"
        street = rng.choice(kel.streets)
        address = f"{street} No. {rng.randint(1, 120)}, RT {rt} / RW {rw}"
        if created_day is None:
            created_day = -rng.uniform(HISTORY_DAYS - 20, HISTORY_DAYS + 45) if rng.random() < 0.45 \
                else -rng.uniform(25, HISTORY_DAYS - 20)
        created_at = self.day(created_day, rng.randint(8, 20), rng.randrange(0, 60, 5))
        verified_at = self.office(created_at, rng.uniform(0, 2.5))
        sharing = rng.random() < 0.93
        ranking = rng.random() < 0.95
        withdrawn_at = None
        if not ranking and rng.random() < 0.5:
            withdrawn_at = self.day(min(-1, created_day + rng.uniform(10, 90)), rng.randint(9, 21))
        disability = True if rng.random() < 0.02 else (False if rng.random() < 0.1 else None)
        about = self.about(pos, education, major, experience, shifts)
        return _Resident(
            idx=idx, kel=kel, sex=sex, name=name, birth=birth, nik=nik, family=fam, position=pos,
            education=education, major=major, skills=skills, certificates=certificates, experience=experience,
            desired=desired, shifts=shifts, contracts=contracts, expected_wage=expected_wage,
            rt=rt, rw=rw, address=address, phone=self.phone(),
            created_at=created_at, verified_at=verified_at, consent_sharing=sharing, consent_ranking=ranking,
            ranking_withdrawn_at=withdrawn_at, has_login=rng.random() < 0.45, disability=disability, about=about,
        )

    def about(self, pos: _Position, education: str, major: str, experience, shifts) -> str:
        school = {"SD": "Lulusan SD", "SMP": "Lulusan SMP", "SMA": f"Lulusan SMA jurusan {major}",
                  "SMK": f"Lulusan SMK jurusan {major}", "D3": f"Lulusan D3 {major}",
                  "S1": f"Lulusan S1 {major}"}[education]
        years = sum(y for _p, _e, y in experience)
        exp = f"pengalaman kerja sekitar {years:g} tahun" if years >= 1 else "siap belajar hal baru"
        shift = " Siap kerja shift." if "bergilir" in shifts or "malam" in shifts else ""
        return f"{school}, {exp}. Mencari pekerjaan sebagai {pos.title.lower()}.{shift}"

    def build_residents(self) -> None:
        idx = 0
        for kel in KELURAHAN:
            for _ in range(max(15, round(self.scale * RESIDENTS_PER_KELURAHAN[kel.key]))):
                self.residents.append(self.make_resident(idx, kel))
                idx += 1
        # About 15 recent registrations still waiting for verification by staff.
        recent = sorted(self.residents, key=lambda r: r.created_at)[-40:]
        for r in self.rng.sample(recent, 15):
            r.created_at = self.day(-self.rng.uniform(1, 18), self.rng.randint(8, 20))
            r.verified_at = None
            r.ranking_withdrawn_at = None

    # ---- vacancies ------------------------------------------------------------------------
    def make_vacancy(self, company: int, pos: _Position, phase: str, posted_day: float,
                     openings: int | None = None, *, deadline_day: int | None = None) -> _VacancySpec:
        rng = self.rng
        spec = COMPANIES[company]
        title = pos.title
        if spec.title_suffix and pos.key == "operator_produksi":
            title = f"{pos.title} {spec.title_suffix}"
        posted = self.office(self.day(posted_day, 7), 0)
        if deadline_day is None:
            deadline_day = (math.floor(posted_day) + rng.randint(21, 42) if phase == "history"
                            else rng.randint(6, 40))
        deadline = self.today + dt.timedelta(days=deadline_day)
        umk = _umk(posted.astimezone(WIB).year)
        scale = umk / UMK[2026]
        lo, hi = pos.wage
        wage_min = max(umk, _round50k(lo * scale)) if rng.random() < 0.5 else umk
        wage_max = max(_round50k(wage_min + 250_000), _round50k((hi + rng.randint(0, 6) * 100_000) * scale))
        skills = rng.sample(pos.skills, k=min(len(pos.skills), rng.randint(3, 4)))
        certificates = [pos.required_certificate] if pos.required_certificate else []
        if not certificates and pos.certificates and rng.random() < 0.25:
            certificates = [rng.choice(pos.certificates)]
        education_min = rng.choice(pos.vacancy_education)
        experience_min = float(rng.choice(pos.experience_min))
        contract = rng.choice(pos.contracts)
        shift = rng.choice(pos.shifts)
        if openings is None:
            big = pos.family in ("manufaktur", "logistik")
            if phase == "history":
                openings = rng.choice((1, 1, 2, 2, 3, 3, 4, 5) if big else (1, 1, 2, 2, 3))
            else:  # current recruitments are mostly still running
                openings = rng.choice((2, 3, 3, 4, 5) if big else (1, 2, 2, 3, 3))
        place = spec.address.split(", ", 1)[1] if ", " in spec.address else spec.address
        requirements = [f"Pendidikan minimal {EDUCATION_TEXT[education_min]}"]
        if experience_min:
            requirements.append(f"pengalaman minimal {experience_min:g} tahun di bidang yang sama")
        else:
            requirements.append("lulusan baru dipersilakan melamar")
        if certificates:
            requirements.append("memiliki " + ", ".join(certificates))
        requirements.append("menguasai " + ", ".join(skills[:3]))
        if shift in ("bergilir", "malam"):
            requirements.append("bersedia bekerja shift")
        description = (
            f"{spec.name} membuka lowongan {title} untuk penempatan di {place}. "
            f"Tugas utama: {pos.duties}. "
            f"Persyaratan: {'; '.join(requirements)}. "
            f"Kami menawarkan gaji sesuai ketentuan, BPJS Ketenagakerjaan dan BPJS Kesehatan, serta lembur "
            f"sesuai aturan. Domisili dekat lokasi kerja diutamakan."
        )
        v = _VacancySpec(
            idx=len(self.vacancies), company=company, position=pos, title=title, phase=phase, posted=posted,
            deadline=deadline, skills=skills, certificates=certificates, education_min=education_min,
            experience_min=experience_min, contract=contract, wage_min=wage_min, wage_max=wage_max, shift=shift,
            openings=openings, description=description,
        )
        self.vacancies.append(v)
        return v

    def build_vacancies(self) -> None:
        rng = self.rng
        hrd = 0
        # The HRD demo company: four open vacancies handled by script, two past ones, one draft.
        for key, openings in (("operator_cnc", 3), ("welder", 2), ("qc", 1), ("operator_produksi", 5)):
            v = self.make_vacancy(hrd, POSITION[key], "open", -rng.randint(22, 30), openings,
                                  deadline_day=rng.randint(10, 28))
            v.scripted_only = True
        self.make_vacancy(hrd, POSITION["operator_produksi"], "history", -300, 4)
        self.make_vacancy(hrd, POSITION["mekanik"], "history", -130, 1)
        self.make_vacancy(hrd, POSITION["teknisi_listrik"], "draft", -2, 1)
        # The past vacancy where the demo resident was interviewed and refused.
        self.make_vacancy(2, POSITION["operator_cnc"], "history", -150, 2)
        # Pending companies only have drafts until staff verify them.
        others = [i for i, c in enumerate(COMPANIES) if i not in (hrd,) and c.status == "verified"]
        for i, c in enumerate(COMPANIES):
            if c.status == "pending":
                self.make_vacancy(i, POSITION[c.hires[0]], "draft", -rng.randint(1, 6))
        phases = (["history"] * max(5, round(self.scale * PAST_VACANCIES))
                  + ["open"] * max(5, round(self.scale * OPEN_VACANCIES)) + ["draft"] * 1)
        rng.shuffle(phases)
        # Past vacancies spread evenly over the year (stratified), oldest popped first.
        n_history = phases.count("history")
        step = (HISTORY_DAYS - 45) / n_history
        history_days = [45 + (i + rng.random()) * step for i in range(n_history)]
        for n, phase in enumerate(phases):
            company = others[n % len(others)]
            pos = POSITION[rng.choice(COMPANIES[company].hires)]
            if phase == "history":
                posted_day = -history_days.pop()
            elif phase == "open":
                posted_day = -rng.uniform(2, 40)
            else:
                posted_day = -rng.uniform(1, 5)
            self.make_vacancy(company, pos, phase, posted_day)
        # One open retail vacancy carries the kind of wording staff should be warned about.
        spg = next((v for v in self.vacancies if v.phase == "open" and v.position.key == "spg"), None)
        if spg is not None:
            spg.description += " Usia maksimal 25 tahun, berpenampilan menarik."

    # ---- planning -------------------------------------------------------------------------
    def eligible(self, r: _Resident, v: _VacancySpec) -> bool:
        return (not r.reserved and r.verified_at is not None and r.consent_sharing and r.consent_ranking
                and _education_ok(r, v))

    # ---- the hidden truth -------------------------------------------------------------------
    def declare_truth(self) -> None:
        """Write every resident and vacancy as the matching records the app will build from its rows
        and declare what is true about them to evaluation.synthetic: job families, the concepts
        behind skills and certificates, experience per family, and the hidden traits
        (employability, selectivity) that no record shows."""
        hidden = synthetic.Hidden()
        for r in self.residents:
            record = seeker_record(r.idx, education=r.education, major=r.major, area=_area(r.kel.key) + (f"RW {r.rw}",),
                                     expected_wage=r.expected_wage, shifts=tuple(r.shifts))
            main = SYNTH_FAMILY[r.position.key]
            others = sorted({SYNTH_FAMILY[p.key] for p in r.desired} - {main})
            families = {main: 1.0, **{f: 0.6 / len(others) for f in others}}
            years: dict[str, float] = {}
            for pos, _employer, y in r.experience:
                years[SYNTH_FAMILY[pos.key]] = years.get(SYNTH_FAMILY[pos.key], 0.0) + y
            majors = {SYNTH_FAMILY[p.key] for p in POSITIONS if r.major and r.major in p.majors + p.degrees}
            hidden.add_seeker(record, families=families, skills=_concepts(r.skills) | _concepts(r.certificates),
                              years=years, major_families=majors,
                              employability=float(self.np_rng.normal(0, synthetic.EMPLOYABILITY_SD)))
        for v in self.vacancies:
            record = vacancy_record(v.idx, v.title, education_min=v.education_min, area=_area(v.zone),
                                      wage_min=v.wage_min, wage_max=v.wage_max, shifts=(v.shift,))
            hidden.add_vacancy(record, family=SYNTH_FAMILY[v.position.key], skills=_concepts(v.skills),
                               certificates=_concepts(v.certificates),
                               selectivity=float(self.np_rng.normal(0, synthetic.SELECTIVITY_SD)))
        self.hidden = hidden

    def utility(self, r: _Resident, v: _VacancySpec, noise: float = 0.0) -> float:
        """evaluation.synthetic's true utility; with noise, how a person judging the pair sees it."""
        return synthetic.true_utility(self.hidden.seeker_records[r.idx], self.hidden.vacancy_records[v.idx],
                                      self.np_rng if noise else None, self.hidden, noise=noise)

    def new_plan(self, r: _Resident, v: _VacancySpec, at: dt.datetime, via: str) -> _Plan:
        """A pair someone looked at, with the decisions evaluation.synthetic.sample_outcomes draws for it
        (staff refer or dismiss, the employer interviews or refuses, then hires or refuses). The event
        loop plays them in time order and may cut them short (a hire elsewhere, a full vacancy)."""
        draws = synthetic.sample_outcomes(self.hidden.seeker_records[r.idx], self.hidden.vacancy_records[v.idx],
                                          self.np_rng, 0.0, via, self.hidden)
        if via == "interest":
            draws = draws[1:]  # the "interested" statement itself: the event loop records it
        plan = _Plan(r, v, at, via=via)
        previous = 0.0
        for step, f in zip(("staff", "employer", "result"), draws):
            plan.episode[step] = (f.outcome, f.at - previous)
            previous = f.at
        r.plans.append(plan)
        v.plans.append(plan)
        self.planned.add((r.idx, v.idx))
        return plan

    def end_of(self, v: _VacancySpec) -> dt.datetime:
        return min(self.now, dt.datetime.combine(v.deadline, dt.time(16), WIB).astimezone(UTC))

    def plan_history(self) -> None:
        rng = self.rng
        # Staff shortlist residents for each vacancy: those who look best to them (the true utility
        # seen with noise), as the synthetic city's desk does.
        for v in self.vacancies:
            if v.phase == "draft" or v.scripted_only:
                continue
            end = self.end_of(v)
            pool = [r for r in self.residents if self.eligible(r, v) and r.verified_at < end - dt.timedelta(days=3)]
            seen = sorted(((self.utility(r, v, noise=1.0), r.idx, r) for r in pool), key=lambda item: (-item[0], item[1]))
            size = (SHORTLIST_PAST + 5 * v.openings + rng.randint(0, 12) if v.phase == "history"
                    else SHORTLIST_OPEN + 3 * v.openings + rng.randint(0, 6))
            for _seen, _i, r in seen[:size]:
                start = max(v.posted, r.verified_at)
                plan = self.new_plan(r, v, start + dt.timedelta(hours=rng.uniform(1, 30)), "staff")
                self.push(self.office(plan.suggested_at, rng.uniform(1.5, 9)), "staff", plan)
            if v.phase == "history":  # employers finish hiring up to three weeks after the deadline
                close = dt.datetime.combine(v.deadline + dt.timedelta(days=21), dt.time(15), WIB).astimezone(UTC)
                self.push(min(close, self.day(-1, 15)), "close", v)
        # Residents with a login look at the open vacancies now and then and say "saya berminat" to
        # the one they like best (again the true utility seen with noise).
        listed = [v for v in self.vacancies if v.phase != "draft" and not v.scripted_only]
        for r in self.residents:
            if not r.has_login or r.reserved or r.verified_at is None or not (r.consent_sharing and r.consent_ranking):
                continue
            at = r.verified_at + dt.timedelta(days=rng.expovariate(1 / BROWSE_DAYS))
            while at < self.now - dt.timedelta(hours=2):
                choices = [v for v in listed if v.posted <= at < self.end_of(v) and _education_ok(r, v)]
                if choices:
                    seen = [(self.utility(r, v, noise=1.0), -v.idx, v) for v in choices]
                    best = max(seen, key=lambda item: item[:2])[2]
                    if (r.idx, best.idx) not in self.planned:
                        plan = self.new_plan(r, best, at - dt.timedelta(hours=rng.uniform(1, 48)), "interest")
                        self.push(at, "interest", plan)
                at += dt.timedelta(days=rng.expovariate(1 / BROWSE_DAYS))

    def push(self, at: dt.datetime, kind: str, obj) -> None:
        self._seq += 1
        heapq.heappush(self.queue, (at, self._seq, kind, obj))

    # ---- recording moves ------------------------------------------------------------------
    def move(self, plan: _Plan, at: dt.datetime, to_status: str, actor, reason: str | None = None,
             outcome: str | None = None) -> None:
        at = max(at.replace(second=0, microsecond=0), plan.last_at + dt.timedelta(minutes=1))
        plan.events.append(_Event(at, plan.status, to_status, outcome or to_status, reason, actor))
        plan.status = to_status

    def staff_actor(self, r: _Resident) -> tuple[str, str]:
        return ("admin", "NJ") if r.kel.key == "NJ" and self.rng.random() < 0.1 else ("staff", r.kel.key)

    def hire(self, plan: _Plan, at: dt.datetime) -> None:
        r, v = plan.resident, plan.vacancy
        self.move(plan, at, "hired", ("employer", v.company))
        plan.start_date = (at.astimezone(WIB) + dt.timedelta(days=self.rng.randint(3, 14))).date()
        plan.contract = v.contract
        r.working = True
        for other in r.plans:
            if other is not plan and other.status in ("referred", "interview"):
                self.move(other, at + dt.timedelta(minutes=2), "withdrawn", self.staff_actor(r), "hired_elsewhere")
        v.hires += 1
        if v.hires >= v.openings:
            v.filled_at = at
            for other in v.plans:
                if other.status in ("referred", "interview"):
                    self.move(other, at + dt.timedelta(minutes=3), "withdrawn", ("employer", v.company),
                              "vacancy_filled")

    # ---- the event loop -------------------------------------------------------------------
    def run(self) -> None:
        rng = self.rng
        while self.queue:
            at, _seq, kind, obj = heapq.heappop(self.queue)
            if at >= self.now:
                break  # the future: these decisions are still waiting
            if kind == "close":
                v = obj
                if v.filled_at is None:
                    v.closed = True
                    for plan in v.plans:
                        if plan.status in ("referred", "interview"):
                            self.move(plan, at, "withdrawn", ("employer", v.company), "vacancy_closed")
                continue
            plan: _Plan = obj
            r, v = plan.resident, plan.vacancy
            script = plan.script or {}
            if kind == "interest":
                if plan.status == "suggested" and not plan.interested and not r.working and v.filled_at is None \
                        and not v.closed:
                    plan.interested = True
                    actor = ("resident", r.idx) if r.has_login else ("staff", r.kel.key)
                    self.move(plan, at, "suggested", actor, outcome="interested")
                    if "staff" in plan.episode:  # staff look at the interest within a few days
                        self.push(self.office(at, plan.episode["staff"][1]), "staff", plan)
            elif kind == "staff":
                if plan.status != "suggested" or v.filled_at is not None or v.closed \
                        or at.astimezone(WIB).date() > v.deadline:
                    continue
                if "staff" in script:
                    decision, reason = script["staff"]
                elif r.working:
                    # The ranker stops suggesting working residents; a stale suggestion is dismissed.
                    decision, reason = ("dismissed", "already_working") if rng.random() < 0.25 else (None, None)
                else:
                    decision = plan.episode["staff"][0]
                    reason = None if decision == "referred" else self.dismiss_reason(r, v)
                if decision is None:
                    continue
                self.move(plan, at, decision, self.staff_actor(r), reason)
                if decision == "referred":
                    plan.referred_at = plan.events[-1].at
                    delay = plan.episode["employer"][1] if "employer" in plan.episode else 3.0
                    self.push(script.get("employer_at") or self.office(plan.referred_at, delay), "employer", plan)
            elif kind == "employer":
                if plan.status != "referred":
                    continue
                if "employer" in script:
                    decision, reason = script["employer"]
                else:
                    decision = plan.episode["employer"][0]
                    reason = None if decision == "interview" else self.refusal_reason(r, v, stage="screen")
                self.move(plan, at, decision, ("employer", v.company), reason)
                if decision == "interview":
                    invited = plan.events[-1].at
                    delay = plan.episode["result"][1] if "result" in plan.episode else 3.0
                    plan.interview_at = script.get("interview_at") or self.office(invited, max(1.0, 0.6 * delay))
                    self.push(script.get("result_at") or plan.interview_at + dt.timedelta(hours=rng.uniform(1, 5))
                              + dt.timedelta(days=rng.choice((0, 0, 1, 2))), "result", plan)
            elif kind == "result":
                if plan.status != "interview":
                    continue
                if "result" in script:
                    decision, reason = script["result"]
                else:
                    decision = plan.episode["result"][0]
                    reason = None if decision == "hired" else self.result_reason(r, v)
                if decision == "hired" and (r.working or v.hires >= v.openings):
                    decision, reason = "refused", "position_filled"
                if decision == "hired":
                    self.hire(plan, at)
                else:
                    self.move(plan, at, decision, ("employer", v.company), reason)

    def underpay(self) -> None:
        """A few offers below the UMK (two still open, one past) so that staff see the warning.
        Done after the simulation, which only looks at the top of the wage range."""
        cheap = [v for v in self.vacancies if v.position.wage[0] < UMK[2026] and not v.scripted_only
                 and v.filled_at is None]
        for phase, n in (("open", 2), ("history", 1)):
            candidates = [v for v in cheap if v.phase == phase]
            for v in self.rng.sample(candidates, min(n, len(candidates))):
                scale = _umk(v.posted.astimezone(WIB).year) / UMK[2026]
                v.wage_min = _round50k(v.position.wage[0] * scale)

    def dismiss_reason(self, r: _Resident, v: _VacancySpec) -> str:
        rng = self.rng
        have = set(r.skills)
        skill_share = sum(1 for s in v.skills if s in have) / max(1, len(v.skills))
        missing_cert = any(c not in r.certificates for c in v.certificates)
        if missing_cert or r.years_in(v.family) < v.experience_min or skill_share < 0.25:
            if rng.random() < 0.75:
                return "requirements"
        if r.family != v.family and v.position not in r.desired and rng.random() < 0.7:
            return "not_interested"
        return rng.choices(("unreachable", "not_interested", "requirements", "other"), weights=(4, 3, 2, 1))[0]

    def result_reason(self, r: _Resident, v: _VacancySpec) -> str:
        """Why a refusal after the interview: sometimes the resident did not come or turned the offer down."""
        roll = self.rng.random()
        if roll < 0.12:
            return "no_show"
        if r.expected_wage > v.wage_max and roll < 0.5:
            return "declined"
        return self.refusal_reason(r, v, stage="interview")

    def refusal_reason(self, r: _Resident, v: _VacancySpec, stage: str) -> str:
        rng = self.rng
        have = set(r.skills)
        skill_share = sum(1 for s in v.skills if s in have) / max(1, len(v.skills))
        if skill_share < 0.5 and rng.random() < 0.6:
            return "skills"
        if r.years_in(v.family) < max(1.0, v.experience_min) and rng.random() < 0.5:
            return "experience"
        if stage == "screen":
            return rng.choices(("documents", "skills", "experience", "other"), weights=(3, 3, 2, 2))[0]
        return rng.choices(("skills", "experience", "other", "documents"), weights=(4, 3, 2, 1))[0]

    # ---- scripted cases for the demo accounts ---------------------------------------------
    def workday(self, offset: int, hour: int, minute: int = 0) -> dt.datetime:
        """Like `day`, moved off the weekend (Saturday to Friday, Sunday to Monday unless that is today)."""
        date = self.today + dt.timedelta(days=offset)
        if date.weekday() == 5:
            offset -= 1
        elif date.weekday() == 6:
            offset += 1 if offset < -1 or offset >= 0 else -2
        return self.day(offset, hour, minute)

    def scripted(self, r: _Resident, v: _VacancySpec, *, interest: int | None = None,
                 refer: int | None = None, dismiss: tuple[int, str] | None = None,
                 answer: tuple[int, str, str | None] | None = None, interview: int | None = None,
                 result: tuple[int, str, str | None] | None = None) -> _Plan:
        """A case with fixed days (relative to the reference date) and fixed decisions; it still runs
        through the event loop, so the same consistency rules apply."""
        first = min(x for x in (interest, refer, dismiss[0] if dismiss else None) if x is not None)
        plan = _Plan(r, v, max(v.posted + dt.timedelta(hours=1), self.day(first - 1, 8)), script={})
        r.plans.append(plan)
        v.plans.append(plan)
        never = self.now + dt.timedelta(days=365)
        if interest is not None:
            self.push(self.day(interest, 19, 30), "interest", plan)
        if dismiss is not None:
            plan.script["staff"] = ("dismissed", dismiss[1])
            self.push(self.workday(dismiss[0], 10), "staff", plan)
        if refer is not None:
            plan.script["staff"] = ("referred", None)
            plan.script["employer_at"] = self.workday(answer[0], 11) if answer else never
            self.push(self.workday(refer, 9, 30), "staff", plan)
        if answer is not None:
            plan.script["employer"] = (answer[1], answer[2])
            if interview is not None:
                plan.script["interview_at"] = self.workday(interview, 10)
                plan.script["result_at"] = self.workday(result[0], 14) if result else never
                if result is not None:
                    plan.script["result"] = (result[1], result[2])
        return plan

    def build_scripts(self) -> _Resident:
        """The demo resident (warga@demo.test) and the referrals of the HRD demo company."""
        rng = self.rng
        nj = KELURAHAN[0]
        warga = self.make_resident(len(self.residents), nj, family="manufaktur", position="operator_cnc",
                                   created_day=-200)
        self.niks.discard(warga.nik)
        self.names.discard(warga.name)
        warga.sex, warga.name = "L", DEMO_RESIDENT_NAME
        warga.birth = dt.date(self.today.year - 23, 3, 14)
        warga.nik = self.nik(warga.birth, "L")
        warga.education, warga.major = "SMK", "Teknik Mesin"
        warga.skills = ["las listrik", "bubut", "membaca gambar teknik", "alat ukur (jangka sorong, mikrometer)",
                        "Microsoft Excel"]
        warga.certificates = ["SIM C", "K3 Umum"]
        warga.experience = [
            (POSITION["operator_cnc"], "PT Indo Presisi Komponen", 0.5),
            (POSITION["welder"], "Bengkel Las Berkah Jaya", 1.5),
        ]
        warga.desired = [POSITION["operator_cnc"], POSITION["welder"], POSITION["operator_produksi"]]
        warga.shifts, warga.contracts = ["pagi", "bergilir"], ["pkwtt", "pkwt"]
        warga.expected_wage = 5_500_000
        warga.rt, warga.rw = "003", "04"
        warga.address = "Jl. Kenanga No. 27, RT 003 / RW 04"
        warga.about = ("Lulusan SMK jurusan Teknik Mesin, pernah PKL di bagian bubut dan 1,5 tahun jadi "
                       "helper las. Siap kerja shift.")
        warga.consent_sharing = warga.consent_ranking = True
        warga.ranking_withdrawn_at = None
        warga.disability = None
        warga.has_login = True
        warga.reserved = True
        self.residents.append(warga)

        # Residents for the HRD company's open vacancies: Nusa Jaya and neighbours, factory work.
        picks = []
        for n in range(15):
            kel = KELURAHAN[0] if n % 3 else KELURAHAN[1 + (n // 3) % 2]
            key = ("operator_cnc", "welder", "qc", "operator_produksi", "mekanik")[n % 5]
            r = self.make_resident(len(self.residents), kel, family="manufaktur", position=key,
                                   created_day=-rng.uniform(40, 300))
            r.reserved = True
            r.consent_sharing = r.consent_ranking = True
            r.ranking_withdrawn_at = None
            if r.education not in ("SMK", "D3"):
                r.education, r.major = "SMK", rng.choice(r.position.majors)
            self.residents.append(r)
            picks.append(r)

        cnc, welder, qc, produksi = (v for v in self.vacancies if v.company == 0 and v.phase == "open")
        past = next(v for v in self.vacancies if v.company == 2 and v.phase == "history")
        p = picks
        # Operator Mesin CNC (3 openings)
        self.scripted(p[0], cnc, refer=-11)                                        # no answer for 11 days
        self.scripted(p[1], cnc, refer=-9)                                         # no answer for 9 days
        self.scripted(p[2], cnc, refer=-2)                                         # recent
        self.scripted(p[3], cnc, refer=-12, answer=(-6, "interview", None), interview=2)
        self.scripted(p[4], cnc, refer=-20, answer=(-15, "interview", None), interview=-12,
                      result=(-10, "hired", None))
        self.scripted(p[5], cnc, refer=-18, answer=(-14, "refused", "skills"))
        self.scripted(p[6], cnc, interest=-4)
        # Juru Las (Welder) (2 openings): the demo resident is invited to an interview.
        self.scripted(warga, welder, interest=-7, refer=-5, answer=(-2, "interview", None), interview=2)
        self.scripted(p[7], welder, refer=-10)
        self.scripted(p[8], welder, refer=-16, answer=(-13, "interview", None), interview=-10,
                      result=(-8, "refused", "no_show"))
        self.scripted(p[9], welder, dismiss=(-13, "unreachable"))
        # QC Inspector (1 opening)
        self.scripted(p[10], qc, refer=-10)
        self.scripted(p[11], qc, refer=-1)
        # Operator Produksi (5 openings)
        self.scripted(p[12], produksi, refer=-6, answer=(-3, "interview", None), interview=1)
        self.scripted(p[13], produksi, refer=-3)
        self.scripted(p[14], produksi, refer=-14, answer=(-10, "interview", None), interview=-7,
                      result=(-5, "refused", "declined"))
        # The demo resident's past: interviewed and refused at another factory, early in that vacancy.
        posted = (past.posted.astimezone(WIB).date() - self.today).days
        self.warga = warga
        self.scripted(warga, past, refer=posted + 1, answer=(posted + 3, "interview", None), interview=posted + 5,
                      result=(posted + 6, "refused", "experience"))
        # And a suggestion elsewhere they said "saya berminat" to.
        other = next((v for v in self.vacancies if v.phase == "open" and not v.scripted_only
                      and v.position.key in ("operator_cnc", "welder", "mekanik")), None)
        if other is not None:
            self.scripted(warga, other, interest=-3)
        return warga


# --------------------------------------------------------------------------------------------
# Back office: duplicate residents, AK/I cards, contract end dates, vacancy review
# --------------------------------------------------------------------------------------------
# These cases are added after the history is drawn, each from a random stream of its own
# (seed + DUPLICATES_STREAM, ...), so that adding or changing them never moves a draw of the history
# nor the evaluation figures computed on it.

DUPLICATES_STREAM, CARDS_STREAM, CONTRACTS_STREAM = 1, 2, 3
AK1_SHARE = 0.4  # of the verified residents of Nusa Jaya still looking for work
AK1_PREFIX = "3671-07-"  # Kota Tangerang, Kecamatan Karawaci (illustrative numbering)
CONTRACT_SHARE = 0.5  # of the PKWT hires: the employer gave the contract's end date

# Residents registered twice (app/duplicates.py finds them). For each case, candidate name pairs:
# the first one whose first name is not taken by a random resident is used.
DUPLICATE_NAMES = {
    "title": (("Budi Santoso", "H. Budi Santosa, S.T."), ("Budi Susanto", "H. Budi Susanta, S.T."),
              ("Joko Santoso", "H. Joko Santosa, S.T.")),
    "phone": (("Nurhayati", "Siti Nurhayati"), ("Maryati", "Siti Maryati"), ("Sumarni", "Siti Sumarni")),
    "moved": (("Rahmat Hidayat", "Rachmat Hidayat"), ("Rahmat Kurniawan", "Rachmat Kurniawan"),
              ("Ahmad Syukri", "Achmad Syukri")),
}


@dataclass
class _Duplicate:
    kind: str  # title: spelling variant with a title; phone: same phone; moved: registered again in Cimone
    first: _Resident
    second: _Resident


class _Stream:
    """Lets the builder's helpers (make_resident, nik, phone) draw from a back-office stream."""

    def __init__(self, b: _Builder, seed: int):
        self.b, self.rng = b, random.Random(seed)

    def __enter__(self) -> random.Random:
        self.saved, self.b.rng = self.b.rng, self.rng
        return self.rng

    def __exit__(self, *exc) -> None:
        self.b.rng = self.saved


def _nik_typo(b: _Builder, rng: random.Random, nik: str) -> str:
    """The same NIK with one digit of its serial mistyped, as happens at a counter."""
    while True:
        serial = list(nik[12:])
        i = rng.randrange(4)
        serial[i] = rng.choice([d for d in "0123456789" if d != serial[i]])
        typo = nik[:12] + "".join(serial)
        if typo[12:] != "0000" and typo not in b.niks:
            b.niks.add(typo)
            return typo


def _address(rng: random.Random, kel: _Kel) -> tuple[str, str, str]:
    rw, rt = f"{rng.randint(1, kel.rws):02d}", f"{rng.randint(1, 8):03d}"
    return rt, rw, f"{rng.choice(kel.streets)} No. {rng.randint(1, 120)}, RT {rt} / RW {rw}"


def add_duplicates(b: _Builder, seed: int) -> list[_Duplicate]:
    """Three residents registered a second time: in Nusa Jaya a spelling variant with a title and
    a degree, and a shorter name with the same phone number; across kelurahan (only admin sees it)
    a resident of Nusa Jaya registered again in Cimone under the old spelling of his name."""
    nj, cm = KELURAHAN[0], KELURAHAN[1]
    cases = (
        # kind, sex, age, position, education, major, kelurahan of the second record
        ("title", "L", 44, "mekanik", "S1", "Teknik Mesin", nj),
        ("phone", "P", 41, "juru_masak", "SMP", "", nj),
        ("moved", "L", 33, "sopir", "SMA", "IPS", cm),
    )
    found = []
    with _Stream(b, seed + DUPLICATES_STREAM) as rng:
        for kind, sex, age, position, education, major, second_kel in cases:
            names = DUPLICATE_NAMES[kind]
            first_name, second_name = next(((a, c) for a, c in names if a not in b.names and c not in b.names),
                                           names[0])
            pos = POSITION[position]
            first = b.make_resident(len(b.residents), nj, family=pos.family, position=position,
                                    created_day=-rng.uniform(150, 300))
            b.names.discard(first.name)
            b.niks.discard(first.nik)
            b.names.update((first_name, second_name))
            first.sex, first.name = sex, first_name
            first.birth = dt.date(b.today.year - age - 1, 1, 1) + dt.timedelta(days=rng.randrange(365))
            first.nik = b.nik(first.birth, sex)
            first.education, first.major = education, major
            first.about = b.about(pos, education, major, first.experience, first.shifts)
            first.consent_sharing = first.consent_ranking = True
            first.ranking_withdrawn_at = None
            first.has_login = kind == "title"
            first.reserved = True
            b.residents.append(first)
            second = _Resident(**{**vars(first), "plans": []})
            second.idx, second.kel, second.name = len(b.residents), second_kel, second_name
            second.nik = _nik_typo(b, rng, first.nik)
            second.skills, second.certificates = list(first.skills), list(first.certificates)
            second.experience, second.desired = list(first.experience), list(first.desired)
            second.has_login = False
            if kind == "title":
                # Registered at the counter last week, in a hurry: a new number, less detail, not verified yet.
                second.phone = b.phone()
                second.created_at = b.day(-rng.uniform(3, 8), rng.randint(9, 14))
                second.verified_at = None
                second.experience, second.skills = first.experience[:1], first.skills[:2]
                second.about = ""
            elif kind == "phone":
                # Registered at the counter long ago as "Nurhayati", then again online with her full name.
                first.created_at = b.day(-rng.uniform(250, 320), rng.randint(9, 14))
                first.verified_at = b.day((first.created_at.astimezone(WIB).date() - b.today).days, 15)
                second.created_at = b.day(-rng.uniform(30, 60), rng.randint(19, 22))
                second.verified_at = b.day((second.created_at.astimezone(WIB).date() - b.today).days + 1, 10)
                second.has_login = True
            else:
                second.rt, second.rw, second.address = _address(rng, second_kel)
                second.phone = b.phone()
                second.created_at = b.day(-rng.uniform(8, 14), rng.randint(9, 14))
                second.verified_at = b.day((second.created_at.astimezone(WIB).date() - b.today).days + 1, 10)
            b.residents.append(second)
            found.append(_Duplicate(kind, first, second))
    return found


def ak1_cards(b: _Builder, seed: int, exclude: set[int]) -> dict[int, tuple[str, dt.date, dt.date | None]]:
    """AK/I cards (number, valid until, last report) for about 40% of the verified residents of
    Nusa Jaya still looking for work, and for the demo resident. A card is valid two years; most
    holders reported back on time, a few last reported 6–7 months ago (a report-back reminder), a
    few cards expired in the last 20 days (an expiry reminder) and three end within the week. The
    demo resident's next report is due in about a month."""
    today, warga = b.today, b.warga
    rng = random.Random(seed + CARDS_STREAM)
    looking = [r for r in b.residents if r.kel.key == "NJ" and not r.working and r.verified_at is not None
               and r is not warga and r.idx not in exclude]
    holders = sorted(rng.sample(looking, round(AK1_SHARE * len(looking))), key=lambda r: r.idx)
    # Expiry dates spread evenly (stratified) from 20 days ago to 700 days ahead, so that every load
    # has a few cards that just expired; the week ahead gets exactly the three below.
    slots = list(range(len(holders)))
    rng.shuffle(slots)
    valid: dict[int, dt.date] = {}
    for r, slot in zip(holders, slots):
        offset = -20 + math.floor((slot + rng.random()) * 721 / len(holders))
        valid[r.idx] = today + dt.timedelta(days=offset + 7 if 0 < offset <= 7 else offset)
    later = [r for r in holders if valid[r.idx] > today + dt.timedelta(days=60)]
    for r, days in zip(rng.sample(later, min(3, len(later))), (2, 4, 6)):
        valid[r.idx] = today + dt.timedelta(days=days)
    late = [r for r in holders if valid[r.idx] > today + dt.timedelta(days=30)
            and ak1_issued_on(valid[r.idx]) <= today - dt.timedelta(days=215)]
    missed = {r.idx for r in rng.sample(late, min(4, len(late)))}
    reports: dict[int, dt.date | None] = {}
    for r in holders:
        issued, until = ak1_issued_on(valid[r.idx]), valid[r.idx]
        if r.idx in missed:
            reports[r.idx] = today - dt.timedelta(days=rng.randint(190, 210))
            continue
        limit = min(today, until)
        k = 0
        while add_months(issued, AK1_REPORT_MONTHS * (k + 1)) <= limit:
            k += 1
        if k == 0:  # the first report is not due yet
            reports[r.idx] = None
            continue
        last = min(limit, add_months(issued, AK1_REPORT_MONTHS * k) + dt.timedelta(days=rng.randint(0, 14)))
        while add_months(last, AK1_REPORT_MONTHS) <= today and last < limit:  # month ends: stay on time
            last += dt.timedelta(days=1)
        reports[r.idx] = last
    # The demo resident: issued 11 months ago, reported 5 months ago, next report in about a month.
    valid[warga.idx] = add_months(add_months(today, -11), 24)
    reports[warga.idx] = add_months(today, -5)
    order = sorted(valid, key=lambda idx: (ak1_issued_on(valid[idx]), idx))
    serial = rng.randint(1200, 1400)
    cards = {}
    for idx in order:
        serial += rng.randint(1, 6)  # cards issued in between went to people not registered here
        cards[idx] = (f"{AK1_PREFIX}{serial:06d}", valid[idx], reports[idx])
    return cards


def contract_ends(b: _Builder, seed: int) -> list[_Plan]:
    """About half the PKWT hires get a contract end 6 to 24 months after the start; the random ones
    keep clear of the 30 days around the reference date, and three (two in Nusa Jaya, one in
    Cimone) end within the next 30 days. Returns those three."""
    today, rng = b.today, random.Random(seed + CONTRACTS_STREAM)
    window = (today - dt.timedelta(days=30), today + dt.timedelta(days=30))
    hires = [p for v in b.vacancies for p in v.plans if p.status == "hired" and p.contract == "pkwt"]
    for p in hires:
        if rng.random() >= CONTRACT_SHARE:
            continue
        first = rng.choice((6, 12, 12, 12, 18, 24))
        for months in (first, *(m for m in (6, 12, 18, 24) if m != first)):
            end = add_months(p.start_date, months) - dt.timedelta(days=1)
            if not window[0] <= end <= window[1]:
                p.contract_end = end
                break
    soon = []
    for key, n in (("NJ", 2), ("CM", 1)):
        fits = [p for p in hires if p.resident.kel.key == key
                and add_months(p.start_date, 6) <= today + dt.timedelta(days=5)
                and add_months(p.start_date, 24) > today + dt.timedelta(days=28)]
        for p in rng.sample(fits, min(n, len(fits))):
            p.contract_end = today + dt.timedelta(days=rng.randint(5, 28))
            soon.append(p)
    return soon


@dataclass(frozen=True)
class _ReviewCase:
    company: str
    position: str
    title: str
    contract: str
    wage: tuple[int, int]
    shift: str
    openings: int
    education: str
    experience: float
    description: str
    steps: tuple[tuple[int, str, str], ...]  # (day, action, staff note): submitted by the employer, then staff


REVIEW_CASES = (
    _ReviewCase(
        "CV Kedai Kopi Senja", "barista", "Barista", "pkwt", (5_400_000, 5_700_000), "siang", 2, "SMA", 0,
        "CV Kedai Kopi Senja membuka lowongan Barista untuk kedai kami di Jl. Kenanga, Nusa Jaya. Tugas utama: "
        "meracik minuman kopi dan non-kopi, melayani pesanan di bar, dan menjaga kebersihan peralatan. "
        "Persyaratan: Wanita, usia maksimal 25 tahun, berpenampilan menarik; pendidikan minimal SMA/SMK "
        "sederajat; bisa mengoperasikan mesin espresso; bersedia bekerja shift siang dan malam.",
        ((-2, "submitted", ""),)),
    _ReviewCase(
        "PT Roti Nusa Sejahtera", "staf_gudang", "Staf Gudang Bahan Baku", "pkwt", (4_000_000, 4_000_000), "pagi",
        3, "SMA", 0,
        "PT Roti Nusa Sejahtera membuka lowongan Staf Gudang Bahan Baku untuk pabrik roti di Jl. Pembangunan, "
        "Nusa Jaya. Tugas utama: menerima tepung, gula dan bahan baku lain, menata barang dengan sistem FIFO, "
        "dan ikut stock opname bulanan. Persyaratan: pendidikan minimal SMA/SMK sederajat, teliti, sehat dan "
        "kuat mengangkat barang. Kontrak kerja (PKWT) 12 bulan, gaji Rp4.000.000 per bulan, kerja Senin–Sabtu.",
        ((-3, "submitted", ""),)),
    _ReviewCase(
        HRD_COMPANY, "mekanik", "Mekanik Perawatan Mesin", "pkwtt", (6_000_000, 7_200_000), "bergilir", 1, "SMK", 2,
        "PT Sinar Logam Presisi membuka lowongan Mekanik Perawatan Mesin untuk pabrik di Jl. Nusa Jaya Raya. "
        "Tugas utama: perawatan preventif mesin bubut, CNC dan press, perbaikan kerusakan mesin produksi, dan "
        "laporan kerusakan harian. Persyaratan: pendidikan minimal SMK Teknik Mesin atau sederajat, pengalaman "
        "minimal 2 tahun di perawatan mesin, memahami hidrolik dan pneumatik, bersedia bekerja shift. "
        "Karyawan tetap setelah masa percobaan 3 bulan, BPJS Ketenagakerjaan dan BPJS Kesehatan.",
        ((-1, "submitted", ""),)),
    _ReviewCase(
        HRD_COMPANY, "operator_produksi", "Operator Produksi (Shift Malam)", "pkwt", (5_400_000, 5_800_000),
        "malam", 4, "SMA", 0,
        "PT Sinar Logam Presisi membuka lowongan Operator Produksi untuk shift malam. Tugas utama: mengoperasikan "
        "mesin press dan bubut sesuai SOP, mencatat hasil produksi, dan menjaga kebersihan area kerja (5S). "
        "Persyaratan: Pria, usia maksimal 30 tahun, belum menikah; pendidikan minimal SMA/SMK sederajat; "
        "bersedia bekerja shift malam.",
        ((-6, "submitted", ""),
         (-5, "changes", "Mohon hapus syarat \"Pria\", \"usia maksimal 30 tahun\" dan \"belum menikah\": "
                         "syarat itu membatasi warga tanpa alasan pekerjaan (UU 13/2003 Pasal 5 dan 6). Yang boleh "
                         "disebut: pendidikan, keterampilan, pengalaman, kesediaan kerja shift malam. Setelah "
                         "diubah, lowongan otomatis kami tinjau lagi."))),
    _ReviewCase(
        "CV Sumber Rezeki Bangunan", "pramuniaga", "Sales Lapangan Bahan Bangunan", "pkwt", (1_500_000, 2_500_000),
        "pagi", 5, "SMP", 0,
        "CV Sumber Rezeki Bangunan mencari Sales Lapangan untuk menawarkan bahan bangunan ke toko dan kontraktor "
        "di Tangerang. Gaji pokok Rp1.500.000 ditambah komisi penjualan. Pelamar yang diterima wajib membayar "
        "deposit seragam dan katalog Rp750.000 pada hari pertama.",
        ((-9, "submitted", ""),
         (-8, "refused", "Lowongan meminta pelamar membayar deposit Rp750.000; lowongan yang memungut biaya dari "
                         "pelamar tidak bisa ditayangkan. Gaji pokok untuk kerja penuh waktu juga di bawah UMK "
                         "Kota Tangerang."))),
)


def write_reviews(b: _Builder, companies: list[Company], employers: dict[int, User], staff: User,
                  kelurahan_ids: dict[str, int]) -> list[Vacancy]:
    """Vacancies going through the review of app/vacancy_review.py, recorded by its own functions
    (the employer submits; staff ask for changes or refuse, with a note), at fixed recent days."""
    index = {spec.name: i for i, spec in enumerate(COMPANIES)}
    rows = []
    for case in REVIEW_CASES:
        i = index[case.company]
        spec = COMPANIES[i]
        submitted = b.workday(case.steps[0][0], 10, 15)
        vacancy = Vacancy(
            company_id=companies[i].id, title=case.title, description=case.description,
            skills=list(POSITION[case.position].skills[:4]), certificates=[], education_min=case.education,
            experience_years_min=float(case.experience), contract_type=case.contract, wage_min=case.wage[0],
            wage_max=case.wage[1], shift=case.shift, location=f"{spec.address}, Kota Tangerang",
            kelurahan_id=kelurahan_ids.get(spec.zone), openings=case.openings,
            deadline=b.today + dt.timedelta(days=21), status="draft", created_at=submitted, updated_at=submitted,
        )
        db.session.add(vacancy)
        db.session.flush()
        times = []
        for day, action, note in case.steps:
            if action == "submitted":
                submit_vacancy(vacancy, employers[i])
                times.append(submitted)
            else:
                decide_vacancy(vacancy, {"changes": "changes", "refused": "refuse"}[action], staff, note)
                times.append(b.workday(day, 14, 30))
        events = db.session.scalars(select(VacancyReviewEvent).where(VacancyReviewEvent.vacancy_id == vacancy.id)
                                    .order_by(VacancyReviewEvent.id)).all()
        for event, at in zip(events, times):
            event.at = at
        vacancy.updated_at = times[-1]
        rows.append(vacancy)
    db.session.flush()
    return rows


# --------------------------------------------------------------------------------------------
# Writing rows
# --------------------------------------------------------------------------------------------

def simulate(seed: int = DEMO_SEED, today: dt.date | None = None, scale: float = 1.0) -> _Builder:
    """Build the demo's people, vacancies and history in memory (what `load_demo` writes).

    The builder keeps the truth it drew the history from: `b.hidden` (an evaluation.synthetic.Hidden)
    and `b.utility(resident, vacancy)`."""
    b = _Builder(random.Random(seed), today or today_wib(), seed, scale)
    b.build_residents()
    b.build_vacancies()
    b.build_scripts()
    b.declare_truth()
    b.plan_history()
    b.run()
    b.underpay()
    return b


def load_demo(seed: int = DEMO_SEED, today: dt.date | None = None, scale: float = 1.0) -> dict[str, int]:
    """Add the demo data set to the session and flush; the caller commits. Returns row counts."""
    b = simulate(seed, today, scale)
    warga = b.warga
    # The back office's cases, each drawn from a stream of its own after the history.
    duplicates = add_duplicates(b, seed)
    cards = ak1_cards(b, seed, exclude={d.second.idx for d in duplicates})
    ending = contract_ends(b, seed)

    session = db.session
    password = PasswordHasher().hash(DEMO_PASSWORD)
    start = b.day(-HISTORY_DAYS - 60, 9)

    kel_rows = {
        k.key: Kelurahan(code=k.code, name=k.name, kecamatan="Karawaci", kota="Kota Tangerang", provinsi="Banten",
                         rw_list=[f"{n:02d}" for n in range(1, k.rws + 1)], letter_code=k.letter_code,
                         address=k.address, lurah_name=k.lurah, created_at=start)
        for k in KELURAHAN
    }
    session.add_all(kel_rows.values())
    session.flush()

    def user(email, name, role, kel=None, company=None, phone=None, created=start):
        # Demo staff and admin are enrolled in two-factor authentication with the secret printed
        # in the README, so that a newcomer can log in with any authenticator app.
        totp = DEMO_TOTP_SECRET if role in (Role.STAFF, Role.ADMIN) else None
        return User(email=email, phone=phone, name=name, password_hash=password, role=role, totp_secret=totp,
                    kelurahan_id=kel_rows[kel].id if kel else None, company_id=company, created_at=created)

    admin = user("admin@demo.test", "Dewi Anggraini", Role.ADMIN, "NJ")
    staff = {
        "NJ": user("petugas@demo.test", "Siti Rahmawati", Role.STAFF, "NJ"),
        "CM": user("petugas.cimone@demo.test", "Ahmad Fauzi", Role.STAFF, "CM"),
        "KB": user("petugas.karawacibaru@demo.test", "Rina Marlina", Role.STAFF, "KB"),
    }
    city = user("kota@demo.test", "Bambang Suryadi", Role.CITY)
    session.add_all([admin, *staff.values(), city])
    session.flush()

    companies = []
    for i, spec in enumerate(COMPANIES):
        created = b.day(-HISTORY_DAYS - 30 + i * 3, 10)
        verifier = staff.get(spec.zone, staff["NJ"])  # Jatiuwung and Cikokol: verified at Nusa Jaya
        slug = "".join(ch for ch in spec.name.lower().removeprefix("pt ").removeprefix("cv ") if ch.isalnum())
        companies.append(Company(
            name=spec.name, kbli_code=spec.kbli, kbli_version="2020",
            address=f"{spec.address}, Kota Tangerang, Banten",
            kelurahan_id=kel_rows[spec.zone].id if spec.zone in kel_rows else None,
            contact_name=spec.contact, contact_phone=f"021-55{b.rng.randint(10_000, 99_999)}",
            contact_email=f"rekrutmen@{slug}.test", status=spec.status,
            verified_at=b.office(created, 1) if spec.status == "verified" else None,
            verified_by_id=verifier.id if spec.status == "verified" else None,
            created_at=created if spec.status == "verified" else b.day(-b.rng.randint(2, 9), 10),
        ))
    session.add_all(companies)
    session.flush()
    employers = {}
    for i, (spec, company) in enumerate(zip(COMPANIES, companies)):
        email = "hrd@demo.test" if spec.name == HRD_COMPANY else f"hrd{i:02d}@demo.test"
        employers[i] = user(email, spec.contact, Role.EMPLOYER, company=company.id, created=company.created_at)
    session.add_all(employers.values())
    session.flush()

    # Residents, their logins, experience and consent history.
    resident_users = {}
    for r in b.residents:
        if r.has_login:
            email = "warga@demo.test" if r is warga else None
            resident_users[r.idx] = user(email, r.name, Role.SEEKER, r.kel.key, phone=r.phone, created=r.created_at)
    session.add_all(resident_users.values())
    session.flush()

    profiles = {}
    for r in b.residents:
        last_change = max([r.created_at] + [e.at for p in r.plans for e in p.events])
        registrar = None if r.has_login else staff[r.kel.key].id
        profile = SeekerProfile(
            user_id=resident_users[r.idx].id if r.idx in resident_users else None,
            kelurahan_id=kel_rows[r.kel.key].id, nik=r.nik, full_name=r.name, birth_date=r.birth, sex=r.sex,
            address=r.address, rt=r.rt, rw=r.rw, phone=r.phone, education=r.education, major=r.major,
            skills=list(r.skills), certificates=list(r.certificates),
            desired_positions=[p.title for p in r.desired], shifts=list(r.shifts),
            contract_wishes=list(r.contracts), expected_wage=r.expected_wage, about=r.about,
            disability=r.disability, status="working" if r.working else "looking",
            consent_registration=True, consent_sharing=r.consent_sharing, consent_ranking=r.consent_ranking,
            verified_at=r.verified_at, verified_by_id=staff[r.kel.key].id if r.verified_at else None,
            registered_by_id=registrar, created_at=r.created_at, updated_at=last_change,
        )
        if r.idx in cards:
            profile.ak1_number, profile.ak1_valid_until, profile.ak1_last_report = cards[r.idx]
        for pos, employer, years in r.experience:
            profile.experiences.append(ExperienceEntry(
                title=pos.title, employer=employer, years=years,
                description=pos.duties[0].upper() + pos.duties[1:] + "."))
        actor = resident_users[r.idx].id if r.idx in resident_users else staff[r.kel.key].id
        for purpose, granted in (("registration", True), ("sharing", r.consent_sharing),
                                 ("ranking", r.consent_ranking or r.ranking_withdrawn_at is not None)):
            profile.consents.append(ConsentRecord(purpose=purpose, granted=granted,
                                                  text_version=labels.CONSENT_TEXT_VERSION, actor_id=actor,
                                                  at=r.created_at))
        if r.ranking_withdrawn_at is not None:
            profile.consents.append(ConsentRecord(purpose="ranking", granted=False,
                                                  text_version=labels.CONSENT_TEXT_VERSION, actor_id=actor,
                                                  at=r.ranking_withdrawn_at))
        profiles[r.idx] = profile
    session.add_all(profiles.values())
    session.flush()

    vacancy_rows = {}
    for v in b.vacancies:
        if v.phase == "draft":
            status = "draft"
        elif v.filled_at is not None:
            status = "filled"
        elif v.phase == "history":
            status = "closed"
        else:
            status = "open"
        spec = COMPANIES[v.company]
        vacancy_rows[v.idx] = Vacancy(
            company_id=companies[v.company].id, title=v.title, description=v.description, skills=list(v.skills),
            certificates=list(v.certificates), education_min=v.education_min,
            experience_years_min=v.experience_min, contract_type=v.contract, wage_min=v.wage_min,
            wage_max=v.wage_max, shift=v.shift, location=f"{spec.address}, Kota Tangerang",
            kelurahan_id=kel_rows[spec.zone].id if spec.zone in kel_rows else None, openings=v.openings,
            deadline=v.deadline, status=status, created_at=v.posted,
            updated_at=v.filled_at or (v.posted if status != "closed"
                                       else dt.datetime.combine(v.deadline, dt.time(17), WIB).astimezone(UTC)),
        )
    session.add_all(vacancy_rows.values())
    session.flush()

    def actor_id(actor) -> int:
        kind, key = actor
        if kind == "staff":
            return staff[key].id
        if kind == "admin":
            return admin.id
        if kind == "employer":
            return employers[key].id
        return resident_users[key].id

    plans = [p for v in b.vacancies for p in v.plans if p.events]
    matches = []
    for p in plans:
        last = p.events[-1]
        matches.append(Match(
            seeker_id=profiles[p.resident.idx].id, vacancy_id=vacancy_rows[p.vacancy.idx].id, status=p.status,
            score=None, model_version="", reasons=[], interested=p.interested, interview_at=p.interview_at,
            start_date=p.start_date, contract_type=p.contract, contract_end_date=p.contract_end,
            reason_code=last.reason,
            referred_at=p.referred_at, created_at=p.suggested_at, updated_at=last.at,
        ))
    session.add_all(matches)
    session.flush()
    events = sorted(
        ((e, m.id) for p, m in zip(plans, matches) for e in p.events),
        key=lambda item: (item[0].at, item[1]),
    )
    session.add_all([
        MatchEvent(match_id=match_id, from_status=e.from_status, to_status=e.to_status, outcome=e.outcome,
                   reason_code=e.reason, actor_id=actor_id(e.actor), at=e.at)
        for e, match_id in events
    ])
    session.flush()

    reviews = write_reviews(b, companies, employers, staff["NJ"], {k: row.id for k, row in kel_rows.items()})
    # What the hourly `tick` would make today: the staff queues show their reminders right away.
    reminders_made = sync_reminders(today=b.today)

    return {
        "kelurahan": len(kel_rows),
        "users": 5 + len(employers) + len(resident_users),
        "residents": len(profiles),
        "experiences": sum(len(r.experience) for r in b.residents),
        "consents": sum(3 + (r.ranking_withdrawn_at is not None) for r in b.residents),
        "companies": len(companies),
        "vacancies": len(vacancy_rows) + len(reviews),
        "matches": len(matches),
        "events": len(events),
        "hires": sum(1 for p in plans if p.status == "hired"),
        "reviews": len(reviews),
        "duplicates": len(duplicates),
        "ak1_cards": len(cards),
        "contract_ends": sum(1 for p in plans if p.contract_end is not None),
        "contracts_ending": len(ending),
        "reminders": reminders_made,
    }
