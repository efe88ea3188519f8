"""What the local labour market asks for: the positions residents hold and vacancies offer, with
their skills, certificates, schooling and wages, and the vocabulary that ties them to the
synthetic city's truth (SYNTH_FAMILY, CONCEPT)."""
from __future__ import annotations

from dataclasses import dataclass

FAMILIES = ("manufaktur", "logistik", "ritel", "fnb", "jasa")
FAMILY_WEIGHTS = (36, 22, 15, 10, 17)


@dataclass(frozen=True)
class Position:
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


POSITIONS: tuple[Position, ...] = (
    Position("operator_produksi", "Operator Produksi", "manufaktur",
             ("mengoperasikan mesin produksi", "membaca SOP", "5S", "bekerja dalam tim", "teliti",
              "inspeksi visual"),
             ("K3 Umum",), None, (("SMK", 5), ("SMA", 3), ("SMP", 2)), ("SMP", "SMA", "SMA"), (0, 0, 1),
             (5_399_406, 5_800_000), ("bergilir", "bergilir", "pagi"), ("pkwt", "pkwt", "alih_daya"),
             ("Teknik Mesin", "Teknik Pemesinan", "Teknik Elektronika", "Kimia Industri", "Tata Busana"), (),
             "mengoperasikan mesin produksi sesuai SOP, mencatat hasil produksi harian, dan menjaga "
             "kebersihan area kerja (5S)", 18),
    Position("operator_cnc", "Operator Mesin CNC", "manufaktur",
             ("bubut", "CNC milling", "CNC bubut", "membaca gambar teknik",
              "alat ukur (jangka sorong, mikrometer)", "pemrograman CNC dasar"),
             ("K3 Umum",), None, (("SMK", 17), ("SMA", 2), ("D3", 1)), ("SMK",), (0, 1, 2),
             (5_500_000, 6_500_000), ("bergilir", "pagi"), ("pkwt", "pkwtt"),
             ("Teknik Pemesinan", "Teknik Mesin"), ("Teknik Mesin",),
             "menyetel dan mengoperasikan mesin CNC bubut dan milling, membaca gambar kerja, dan "
             "memeriksa ukuran hasil produksi dengan alat ukur", 10),
    Position("welder", "Juru Las (Welder)", "manufaktur",
             ("las listrik", "las SMAW", "las MIG", "las argon (TIG)", "membaca gambar teknik", "gerinda"),
             ("Sertifikat BNSP Pengelasan", "K3 Umum"), "Sertifikat BNSP Pengelasan",
             (("SMK", 14), ("SMA", 3), ("SMP", 3)), ("SMP", "SMK"), (1, 2),
             (5_500_000, 6_800_000), ("pagi", "bergilir"), ("pkwt", "pkwtt", "harian"),
             ("Teknik Pengelasan", "Teknik Mesin"), ("Teknik Mesin",),
             "mengelas konstruksi baja dan rangka mesin (SMAW/MIG) sesuai gambar kerja serta merapikan "
             "hasil las dengan gerinda", 8),
    Position("qc", "QC Inspector", "manufaktur",
             ("alat ukur (jangka sorong, mikrometer)", "membaca gambar teknik", "inspeksi visual",
              "Microsoft Excel", "7 QC tools", "membuat laporan"),
             (), None, (("SMK", 12), ("D3", 6), ("SMA", 2)), ("SMK", "D3"), (0, 1, 2),
             (5_400_000, 6_300_000), ("bergilir", "pagi"), ("pkwt", "pkwtt"),
             ("Teknik Mesin", "Teknik Pemesinan", "Kimia Industri", "Teknik Elektronika"),
             ("Teknik Industri", "Teknik Mesin"),
             "memeriksa mutu bahan, barang setengah jadi dan produk jadi, mencatat temuan, dan membuat "
             "laporan harian QC", 8),
    Position("teknisi_listrik", "Teknisi Listrik", "manufaktur",
             ("instalasi listrik", "perawatan panel listrik", "membaca diagram listrik", "PLC dasar",
              "troubleshooting mesin"),
             ("K3 Listrik",), None, (("SMK", 16), ("D3", 4)), ("SMK", "D3"), (1, 2),
             (5_700_000, 7_000_000), ("bergilir", "pagi"), ("pkwt", "pkwtt"),
             ("Teknik Instalasi Tenaga Listrik", "Teknik Elektronika"), ("Teknik Elektro",),
             "merawat instalasi dan panel listrik pabrik, memperbaiki gangguan listrik mesin produksi, "
             "dan mencatat perawatan berkala", 6),
    Position("mekanik", "Mekanik Perawatan Mesin", "manufaktur",
             ("perawatan mesin", "troubleshooting mesin", "hidrolik dan pneumatik", "bubut", "las listrik",
              "membaca gambar teknik"),
             ("K3 Umum",), None, (("SMK", 17), ("D3", 3)), ("SMK",), (1, 2, 3),
             (5_800_000, 7_200_000), ("bergilir", "pagi"), ("pkwt", "pkwtt"),
             ("Teknik Mesin", "Teknik Kendaraan Ringan", "Teknik Pemesinan", "Teknik Sepeda Motor"),
             ("Teknik Mesin",),
             "melakukan perawatan preventif dan perbaikan mesin produksi, mengganti suku cadang, dan "
             "membuat laporan kerusakan", 6),
    Position("staf_gudang", "Staf Gudang", "logistik",
             ("penataan barang", "stock opname", "forklift", "FIFO/FEFO", "bongkar muat", "Microsoft Excel"),
             ("SIO Forklift",), None, (("SMA", 8), ("SMK", 7), ("SMP", 5)), ("SMP", "SMA"), (0, 1),
             (5_399_406, 5_900_000), ("bergilir", "pagi", "malam"), ("pkwt", "alih_daya"),
             ("Logistik", "Perkantoran", "Teknik Kendaraan Ringan"), (),
             "menerima dan memeriksa barang masuk, menata barang di rak dengan sistem FIFO, serta ikut "
             "stock opname bulanan", 14),
    Position("picker", "Picker/Packer", "logistik",
             ("picking barang", "packing", "scan barcode", "teliti", "bongkar muat"),
             (), None, (("SMP", 8), ("SMA", 7), ("SMK", 5)), ("SMP",), (0,),
             (5_399_406, 5_500_000), ("bergilir", "malam", "siang"), ("pkwt", "harian", "alih_daya"),
             ("Logistik", "Bisnis Daring dan Pemasaran"), (),
             "mengambil barang sesuai daftar pesanan, memindai barcode, dan mengemas paket untuk dikirim", 12),
    Position("admin_gudang", "Admin Gudang", "logistik",
             ("Microsoft Excel", "stock opname", "input data", "SAP dasar", "membuat surat jalan", "pengarsipan"),
             (), None, (("SMK", 10), ("SMA", 4), ("D3", 6)), ("SMA", "SMK", "D3"), (0, 1),
             (5_400_000, 6_200_000), ("pagi", "bergilir"), ("pkwt", "pkwtt"),
             ("Logistik", "Perkantoran", "Akuntansi"), ("Manajemen", "Administrasi Bisnis"),
             "mencatat keluar-masuk barang di sistem, membuat surat jalan, dan menyiapkan laporan stok "
             "harian", 7),
    Position("kurir", "Kurir", "logistik",
             ("mengemudi sepeda motor", "mengenal wilayah Tangerang", "aplikasi peta digital",
              "layanan pelanggan", "COD dan serah terima paket"),
             ("SIM C",), "SIM C", (("SMA", 8), ("SMK", 6), ("SMP", 6)), ("SMP", "SMA"), (0,),
             (5_000_000, 6_000_000), ("pagi", "siang"), ("pkwt", "alih_daya", "harian"),
             ("Teknik Sepeda Motor", "Logistik", "Bisnis Daring dan Pemasaran"), (),
             "mengantar paket ke pelanggan di wilayah Tangerang, menerima pembayaran COD, dan memperbarui "
             "status kiriman di aplikasi", 9),
    Position("sopir", "Sopir Truk Engkel (SIM B1)", "logistik",
             ("mengemudi SIM B1", "mengemudi truk engkel", "perawatan kendaraan ringan",
              "mengenal wilayah Jabodetabek", "bongkar muat"),
             ("SIM B1", "SIM A"), "SIM B1", (("SMA", 7), ("SMK", 6), ("SMP", 7)), ("SMP",), (1, 2),
             (5_500_000, 6_500_000), ("pagi", "bergilir"), ("pkwt", "pkwtt"),
             ("Teknik Kendaraan Ringan", "Teknik Sepeda Motor"), (),
             "mengemudikan truk engkel untuk pengiriman barang ke pelanggan di Jabodetabek dan merawat "
             "kendaraan secara berkala", 6),
    Position("kasir", "Kasir", "ritel",
             ("mesin kasir (POS)", "menghitung uang", "layanan pelanggan", "jujur dan teliti", "Microsoft Excel"),
             (), None, (("SMA", 9), ("SMK", 9), ("SMP", 2)), ("SMA",), (0,),
             (5_000_000, 5_600_000), ("pagi", "siang", "bergilir"), ("pkwt", "paruh_waktu"),
             ("Akuntansi", "Bisnis Daring dan Pemasaran", "Perkantoran"), (),
             "melayani pembayaran pelanggan di mesin kasir, menghitung dan menyetor uang kas, serta "
             "menjaga kerapian area kasir", 8),
    Position("pramuniaga", "Pramuniaga", "ritel",
             ("penataan display", "layanan pelanggan", "stock opname", "komunikasi", "menata stok barang"),
             (), None, (("SMA", 9), ("SMK", 6), ("SMP", 5)), ("SMP", "SMA"), (0,),
             (4_900_000, 5_500_000), ("pagi", "siang", "bergilir"), ("pkwt", "paruh_waktu"),
             ("Bisnis Daring dan Pemasaran", "Perkantoran", "Tata Busana"), (),
             "menata barang di rak dan etalase, membantu pelanggan mencari barang, dan ikut menghitung stok", 8),
    Position("spg", "SPG/SPB", "ritel",
             ("penjualan", "komunikasi", "presentasi produk", "mencapai target penjualan", "layanan pelanggan"),
             (), None, (("SMA", 10), ("SMK", 8), ("D3", 2)), ("SMA",), (0,),
             (5_000_000, 6_000_000), ("pagi", "siang"), ("pkwt", "alih_daya"),
             ("Bisnis Daring dan Pemasaran", "Perkantoran", "Tata Busana"), ("Manajemen",),
             "menawarkan dan menjelaskan produk kepada pengunjung toko serta mencatat penjualan harian", 6),
    Position("juru_masak", "Juru Masak (Cook)", "fnb",
             ("memasak masakan Indonesia", "persiapan bahan makanan", "higiene dan sanitasi dapur",
              "mengelola stok bahan", "memasak dalam jumlah besar"),
             ("Sertifikat Penjamah Makanan",), None, (("SMK", 10), ("SMA", 4), ("SMP", 6)), ("SMP", "SMK"), (1, 0),
             (5_200_000, 6_000_000), ("pagi", "siang", "bergilir"), ("pkwt", "pkwtt"),
             ("Tata Boga", "Perhotelan"), (),
             "menyiapkan bahan dan memasak menu harian sesuai resep, menjaga kebersihan dapur, dan "
             "mencatat stok bahan", 8),
    Position("barista", "Barista", "fnb",
             ("meracik kopi", "mesin espresso", "manual brew", "layanan pelanggan", "kebersihan bar"),
             (), None, (("SMA", 10), ("SMK", 8), ("D3", 2)), ("SMA",), (0,),
             (4_600_000, 5_400_000), ("pagi", "siang", "malam"), ("pkwt", "paruh_waktu"),
             ("Tata Boga", "Perhotelan"), (),
             "meracik minuman kopi dan non-kopi, melayani pesanan di bar, dan menjaga kebersihan peralatan", 5),
    Position("pramusaji", "Pramusaji", "fnb",
             ("melayani tamu", "mencatat pesanan", "komunikasi", "kebersihan", "kerja cepat"),
             (), None, (("SMA", 8), ("SMP", 7), ("SMK", 5)), ("SMP",), (0,),
             (4_700_000, 5_400_000), ("pagi", "siang", "bergilir"), ("pkwt", "harian", "paruh_waktu"),
             ("Perhotelan", "Tata Boga"), (),
             "menyambut tamu, mencatat dan mengantar pesanan, serta merapikan meja", 7),
    Position("admin_kantor", "Staf Administrasi", "jasa",
             ("Microsoft Excel", "Microsoft Word", "pengarsipan", "korespondensi", "input data", "mengetik cepat"),
             (), None, (("SMK", 10), ("SMA", 4), ("D3", 4), ("S1", 2)), ("SMA", "SMK", "D3"), (0, 1),
             (5_400_000, 6_200_000), ("pagi",), ("pkwt", "pkwtt"),
             ("Perkantoran", "Akuntansi", "Rekayasa Perangkat Lunak", "Teknik Komputer dan Jaringan"),
             ("Administrasi Bisnis", "Manajemen"),
             "mengelola surat-menyurat dan arsip, menginput data ke sistem, serta menyiapkan laporan "
             "administrasi", 8),
    Position("cs", "Customer Service", "jasa",
             ("layanan pelanggan", "komunikasi", "menangani keluhan", "Microsoft Office",
              "WhatsApp Business"),
             (), None, (("SMK", 8), ("SMA", 6), ("D3", 4), ("S1", 2)), ("SMA", "D3"), (0, 1),
             (5_300_000, 6_000_000), ("pagi", "bergilir"), ("pkwt", "alih_daya"),
             ("Perkantoran", "Bisnis Daring dan Pemasaran", "Perhotelan", "Multimedia"),
             ("Ilmu Komunikasi", "Manajemen"),
             "melayani pertanyaan dan keluhan pelanggan lewat telepon dan WhatsApp serta mencatat tindak "
             "lanjutnya", 6),
    Position("satpam", "Satpam", "jasa",
             ("pengamanan", "patroli", "pencatatan tamu", "penanganan keadaan darurat", "disiplin"),
             ("Gada Pratama",), "Gada Pratama", (("SMA", 12), ("SMK", 8)), ("SMA",), (0, 1),
             (5_399_406, 5_800_000), ("bergilir", "malam"), ("pkwt", "alih_daya"),
             ("Teknik Komputer dan Jaringan", "Teknik Kendaraan Ringan", "Perkantoran"), (),
             "menjaga keamanan area kantor dan pabrik, melakukan patroli, serta mencatat tamu dan "
             "kendaraan keluar-masuk", 7),
    Position("cleaning", "Cleaning Service", "jasa",
             ("kebersihan gedung", "penggunaan alat kebersihan", "disiplin", "kerja cepat"),
             (), None, (("SMP", 10), ("SD", 4), ("SMA", 6)), ("SD", "SMP"), (0,),
             (4_800_000, 5_400_000), ("pagi", "bergilir"), ("alih_daya", "pkwt", "harian"),
             (), (),
             "membersihkan ruangan kantor, toilet dan area umum sesuai jadwal serta merawat alat kebersihan", 7),
    Position("akuntansi", "Staf Akuntansi", "jasa",
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


def concepts(texts) -> set[str]:
    """The synthetic city's concept keys behind skills or certificates as the demo writes them."""
    return {c for t in texts if (c := CONCEPT[t]) is not None}
