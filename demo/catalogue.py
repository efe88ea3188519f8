"""The demo's fixed content: the three kelurahan of Kecamatan Karawaci and their streets, the
companies that recruit there, the names people carry, and the UMK. Nothing here is drawn: the
builder draws from it."""
from __future__ import annotations

from dataclasses import dataclass

DEMO_RESIDENT_NAME = "Rizky Ramadhan"  # warga@demo.test

# UMK Kota Tangerang by year (DOMAIN.md); later years reuse the latest known figure.
UMK = {2025: 5_069_709, 2026: 5_399_406}


def umk_for(year: int) -> int:
    return UMK.get(year, UMK[max(UMK)] if year > max(UMK) else UMK[min(UMK)])


def round50k(value: float) -> int:
    return int(round(value / 50_000) * 50_000)


# --------------------------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class KelurahanSpec:
    key: str
    name: str
    code: str  # illustrative Kemendagri-style code, not checked against the Permendagri list
    letter_code: str
    rws: int
    address: str
    lurah: str
    lurah_nip: str  # illustrative, in the 18-digit form of a civil servant's NIP
    streets: tuple[str, ...]
    postcode: str


KELURAHAN = (
    KelurahanSpec(
        "NJ", "Nusa Jaya", "3671071006", "NJ", 8, "Jl. Nusa Jaya Raya No. 1, Karawaci, Kota Tangerang 15116",
        "Albi Nur Muhammad", "197803122006041007",
        ("Jl. Nusa Jaya Raya", "Jl. Kenanga", "Jl. Melati", "Jl. Mawar", "Gg. H. Naim", "Jl. Pembangunan",
         "Gg. Masjid Al-Hidayah", "Jl. Sawo", "Jl. Flamboyan", "Gg. Kelapa Dua", "Jl. Cempaka", "Gg. Swadaya"),
        "15116"),
    KelurahanSpec(
        "CM", "Cimone", "3671071003", "CM", 10, "Jl. Raya Cimone No. 12, Karawaci, Kota Tangerang 15114",
        "Dadang Sumantri", "197011051998031004",
        ("Jl. Raya Cimone", "Jl. Cimone Permai", "Gg. Nangka", "Jl. Delima", "Jl. Anggrek", "Gg. Sukasari",
         "Jl. Pasar Cimone", "Gg. Langgar", "Jl. Bambu Kuning"),
        "15114"),
    KelurahanSpec(
        "KB", "Karawaci Baru", "3671071002", "KB", 9, "Jl. Imam Bonjol No. 40, Karawaci, Kota Tangerang 15116",
        "Heni Kurniasih", "198207242009022003",
        ("Jl. Imam Bonjol", "Jl. Karawaci Baru Raya", "Jl. Teratai", "Gg. Kemuning", "Jl. Bugenvil",
         "Perum Karawaci Indah Blok C", "Gg. Haji Saman", "Jl. Wijaya Kusuma"),
        "15116"),
)


# Zones where people work: the three kelurahan plus two industrial or commercial areas nearby
# (Jatiuwung, Cikokol) that have no kelurahan in the app, so their vacancies carry no area.
def area_of(zone: str) -> tuple[str, ...]:
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
# Companies
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CompanySpec:
    name: str
    kbli: str  # KBLI 2020, plausible codes (not checked against the BPS text)
    zone: str  # NJ, CM, KB (our kelurahan) or JT (Jatiuwung), CK (Cikokol)
    address: str
    contact: str
    hires: tuple[str, ...]  # position keys it recruits for
    status: str = "verified"
    title_suffix: str = ""  # e.g. "(Injeksi Plastik)" after "Operator Produksi"


HRD_COMPANY = "PT Sinar Logam Presisi"
COMPANIES: tuple[CompanySpec, ...] = (
    CompanySpec(HRD_COMPANY, "25920", "NJ", "Jl. Nusa Jaya Raya No. 88, Nusa Jaya, Karawaci",
                "Hendra Gunawan", ("operator_produksi", "operator_cnc", "welder", "qc", "mekanik", "teknisi_listrik")),
    CompanySpec("PT Karya Plastindo Utama", "22220", "KB", "Jl. Imam Bonjol No. 210, Karawaci Baru, Karawaci",
                "Yuliana Siregar", ("operator_produksi", "qc", "staf_gudang", "mekanik"),
                title_suffix="(Injeksi Plastik)"),
    CompanySpec("PT Tangerang Autoparts Mandiri", "29300", "JT", "Jl. Gatot Subroto Km 5, Jatiuwung",
                "Bambang Hermawan", ("operator_cnc", "operator_produksi", "qc", "welder", "teknisi_listrik")),
    CompanySpec("PT Cahaya Kabel Nusantara", "27320", "JT", "Jl. Industri Raya III Blok C No. 7, Jatiuwung",
                "Linda Permatasari", ("operator_produksi", "teknisi_listrik", "qc", "admin_gudang")),
    CompanySpec("PT Sepatu Mas Karawaci", "15201", "CM", "Jl. Raya Cimone No. 150, Cimone, Karawaci",
                "Agus Setiawan", ("operator_produksi", "qc", "admin_kantor", "staf_gudang"),
                title_suffix="(Jahit Sepatu)"),
    CompanySpec("PT Mitra Garmen Sejahtera", "14111", "KB", "Jl. Karawaci Baru Raya No. 31, Karawaci Baru",
                "Ratna Handayani", ("operator_produksi", "qc", "admin_gudang"), title_suffix="(Jahit)"),
    CompanySpec("PT Roti Nusa Sejahtera", "10710", "NJ", "Jl. Pembangunan No. 17, Nusa Jaya, Karawaci",
                "Fajar Nugroho", ("operator_produksi", "sopir", "staf_gudang", "juru_masak")),
    CompanySpec("PT Prima Kemas Indonesia", "17021", "JT", "Jl. Gatot Subroto Km 7 No. 3, Jatiuwung",
                "Irfan Hakim", ("operator_produksi", "mekanik", "staf_gudang", "sopir")),
    CompanySpec("CV Las Jaya Abadi", "33110", "CM", "Jl. Delima No. 9, Cimone, Karawaci",
                "Slamet Riyadi", ("welder", "mekanik")),
    CompanySpec("PT Elektrindo Cipta Mandiri", "27900", "KB", "Jl. Teratai No. 5, Karawaci Baru, Karawaci",
                "Dimas Pratama", ("teknisi_listrik", "operator_produksi"), status="pending"),
    CompanySpec("PT Gudang Sentosa Logistik", "52101", "KB", "Jl. Imam Bonjol No. 99, Karawaci Baru, Karawaci",
                "Taufik Hidayat", ("staf_gudang", "picker", "admin_gudang", "sopir")),
    CompanySpec("PT Kilat Antar Nusantara", "53201", "CM", "Jl. Pasar Cimone No. 4, Cimone, Karawaci",
                "Novi Anggraini", ("kurir", "admin_gudang", "picker")),
    CompanySpec("PT Armada Trans Tangerang", "49431", "JT", "Jl. Industri Raya I No. 22, Jatiuwung",
                "Rudi Simanjuntak", ("sopir", "staf_gudang", "admin_kantor")),
    CompanySpec("PT Cikokol Distribusi Niaga", "46900", "CK", "Jl. M.H. Thamrin No. 56, Cikokol",
                "Wulan Sari", ("staf_gudang", "picker", "sopir", "admin_gudang")),
    CompanySpec("PT Surya Ekspedisi Mandiri", "52291", "CK", "Jl. Perintis Kemerdekaan No. 8, Cikokol",
                "Andi Wijaya", ("kurir", "admin_gudang"), status="pending"),
    CompanySpec("PT Swalayan Karawaci Makmur", "47111", "KB", "Jl. Imam Bonjol No. 5, Karawaci Baru, Karawaci",
                "Maya Puspitasari", ("kasir", "pramuniaga", "staf_gudang")),
    CompanySpec("CV Sumber Rezeki Bangunan", "47521", "NJ", "Jl. Sawo No. 21, Nusa Jaya, Karawaci",
                "Haji Mulyadi", ("pramuniaga", "sopir", "kasir")),
    CompanySpec("PT Mode Fashion Retailindo", "47711", "CK", "Jl. M.H. Thamrin No. 120, Cikokol",
                "Citra Lestari", ("spg", "kasir", "pramuniaga")),
    CompanySpec("PT Sentra Belanja Cimone", "47112", "CM", "Jl. Raya Cimone No. 77, Cimone, Karawaci",
                "Eka Rahmawati", ("kasir", "pramuniaga", "spg")),
    CompanySpec("PT Rasa Nusantara Kuliner", "56101", "KB", "Jl. Bugenvil No. 14, Karawaci Baru, Karawaci",
                "Yoga Kurniawan", ("juru_masak", "pramusaji", "kasir")),
    CompanySpec("CV Kedai Kopi Senja", "56303", "NJ", "Jl. Kenanga No. 2, Nusa Jaya, Karawaci",
                "Bella Oktaviani", ("barista", "pramusaji")),
    CompanySpec("PT Dapur Bersama Tangerang", "56210", "CM", "Jl. Anggrek No. 30, Cimone, Karawaci",
                "Euis Kusumawati", ("juru_masak", "pramusaji"), status="pending"),
    CompanySpec("PT Garda Aman Sentosa", "80100", "CK", "Jl. Jenderal Sudirman No. 18, Cikokol",
                "Iwan Syahputra", ("satpam",)),
    CompanySpec("PT Bersih Prima Layanan", "81210", "KB", "Jl. Wijaya Kusuma No. 3, Karawaci Baru, Karawaci",
                "Nurul Hasanah", ("cleaning", "admin_kantor")),
    CompanySpec("PT Mitra Sarana Karyawan", "78300", "CK", "Jl. M.H. Thamrin No. 9, Cikokol",
                "Sandi Permana", ("cs", "admin_kantor", "akuntansi", "satpam")),
)

# --------------------------------------------------------------------------------------------
# Names and past employers
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
