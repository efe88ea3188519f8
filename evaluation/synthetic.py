"""A synthetic city of job seekers and vacancies with a hidden ground truth.

Residents and vacancies are drawn from latent job families (manufacturing, logistics, retail,
F&B, office, ...). Every title, skill and certificate is a *concept* with Indonesian and English
surface forms, written the way people write them at the counter (abbreviations, variants,
occasional typos). What makes a good match is known exactly: ``true_utility`` combines family
fit, real skills, major, experience, education, distance, wage and shift — and hidden traits that
no record shows (how employable a resident is, how selective an employer is).

Outcomes come from a simulated desk over a year: residents say they are interested in vacancies
they like, staff shortlist residents they think fit (imperfectly), employers interview and hire
with probabilities that rise with the true utility.

Protected attributes (sex, age, disability) are generated for fairness reporting only; they are
not in the records. Sex shapes which job families people come from (as in real labour markets),
age shapes experience; neither enters the true utility.

Reuse for demo data: ``true_utility(seeker, vacancy)`` and ``sample_outcomes(seeker, vacancy, rng, at)``
work on any ``matching.Seeker``/``Vacancy`` records — without the hidden truth they read the
families and skills back from the text. A data set written with its own vocabulary (the app's demo
data, demo/) declares its truth in these terms instead, with ``Hidden.add_seeker`` and
``Hidden.add_vacancy`` (job family names and concept keys), and draws its history from the same
``true_utility`` and ``sample_outcomes``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any, Hashable, Iterable, Mapping

import numpy as np

from matching import Experience, Feedback, Seeker, Vacancy
from matching.types import EDUCATION_LEVELS

UMK = 5_399_406  # Kota Tangerang 2026, rounded (DOMAIN.md)
EMPLOYABILITY_SD = 0.4  # hidden trait of a resident (how employers see them beyond the record)
SELECTIVITY_SD = 0.3  # hidden trait of an employer (how hard it is to get hired there)


@dataclass(frozen=True)
class Concept:
    key: str
    id_forms: tuple[str, ...]
    en_forms: tuple[str, ...]


def _c(key: str, id_forms: str, en_forms: str) -> Concept:
    return Concept(key, tuple(id_forms.split("|")), tuple(en_forms.split("|")))


@dataclass(frozen=True)
class Family:
    name: str
    share: float          # share of residents and vacancies
    female: float         # share of women among residents of this family (labour-market pattern)
    titles: tuple[Concept, ...]
    skills: tuple[Concept, ...]
    certificates: tuple[Concept, ...]
    majors: tuple[str, ...]
    education: tuple[tuple[str | None, float], ...]  # vacancy minimum and its probability
    words: tuple[str, ...]  # description words (Indonesian)
    words_en: tuple[str, ...]
    shifts: tuple[str, ...] = ("pagi", "siang", "malam")


def _fam(name, share, female, titles, skills, certs, majors, education, words, words_en, shifts=("pagi", "siang", "malam")):
    return Family(name, share, female, tuple(titles), tuple(skills), tuple(certs), tuple(majors),
                  tuple(education), tuple(words.split()), tuple(words_en.split()), tuple(shifts))


FAMILIES: tuple[Family, ...] = (
    _fam("manufaktur", 0.18, 0.45,
         [_c("operator_produksi", "Operator Produksi|Opr Produksi|Operator Prod|Karyawan Produksi", "Production Operator|Production Line Operator"),
          _c("operator_mesin", "Operator Mesin|Opr Mesin|Operator Mesin Produksi", "Machine Operator"),
          _c("qc", "Quality Control|QC Produksi|Staff QC|Inspektor Kualitas", "Quality Control Inspector|QC Inspector"),
          _c("helper_produksi", "Helper Produksi|Pembantu Produksi", "Production Helper"),
          _c("operator_packing", "Operator Packing|Packing Produksi", "Packing Operator")],
         [_c("mesin_produksi", "mengoperasikan mesin produksi|operasi mesin", "machine operation"),
          _c("qc_skill", "pemeriksaan kualitas|quality control", "quality inspection"),
          _c("packing", "packing|pengemasan", "packing|packaging"),
          _c("5s", "5S|budaya 5R", "5S"),
          _c("sop", "membaca SOP|mengikuti SOP", "following SOPs"),
          _c("target", "mencapai target produksi", "meeting production targets")],
         [_c("k3", "Sertifikat K3 Umum|K3 Umum", "OHS Certificate")],
         ["Teknik Mesin", "Teknik Elektronika", "Kimia Industri"],
         [("SMA", 0.5), ("SMP", 0.25), (None, 0.25)],
         "pabrik produksi komponen lini shift target kerja", "factory production components line shift target"),
    _fam("permesinan", 0.07, 0.08,
         [_c("operator_cnc", "Operator CNC|Opr CNC|Operator Mesin CNC", "CNC Operator|CNC Machinist"),
          _c("operator_bubut", "Operator Bubut|Tukang Bubut|Opr Bubut", "Lathe Operator"),
          _c("welder", "Welder|Tukang Las|Juru Las", "Welder"),
          _c("teknisi_maintenance", "Teknisi Maintenance|Teknisi Perawatan Mesin|Mekanik Mesin", "Maintenance Technician")],
         [_c("las", "las SMAW|pengelasan|las listrik", "SMAW welding|welding"),
          _c("bubut", "bubut|membubut", "lathe turning"),
          _c("cnc", "pemrograman CNC|setting CNC", "CNC programming"),
          _c("gambar_teknik", "membaca gambar teknik|gambar teknik", "reading technical drawings"),
          _c("milling", "milling|frais", "milling"),
          _c("maintenance", "perawatan mesin|maintenance mesin", "machine maintenance")],
         [_c("sertifikat_las", "Sertifikat Las BNSP|Sertifikat Juru Las", "Welding Certificate"),
          _c("k3", "Sertifikat K3 Umum|K3 Umum", "OHS Certificate")],
         ["Teknik Mesin", "Teknik Pemesinan", "Teknik Pengelasan"],
         [("SMA", 0.7), ("D3", 0.1), (None, 0.2)],
         "bengkel fabrikasi logam mesin presisi komponen", "workshop metal fabrication precision machining parts"),
    _fam("elektronik", 0.06, 0.5,
         [_c("operator_perakitan", "Operator Perakitan Elektronik|Operator Assembly|Opr Perakitan", "Electronics Assembly Operator"),
          _c("teknisi_elektronik", "Teknisi Elektronik|Teknisi Elektronika", "Electronics Technician"),
          _c("teknisi_listrik", "Teknisi Listrik|Tukang Listrik|Teknisi Elektrikal", "Electrician")],
         [_c("solder", "solder|menyolder", "soldering"),
          _c("pcb", "perakitan PCB|assembly PCB", "PCB assembly"),
          _c("instalasi_listrik", "instalasi listrik|wiring", "electrical installation"),
          _c("multimeter", "multimeter|alat ukur listrik", "multimeter")],
         [_c("k3_listrik", "Sertifikat K3 Listrik|K3 Listrik", "Electrical Safety Certificate")],
         ["Teknik Elektronika", "Teknik Instalasi Tenaga Listrik", "Teknik Listrik"],
         [("SMA", 0.7), ("D3", 0.1), (None, 0.2)],
         "elektronik komponen perakitan listrik pabrik", "electronics components assembly electrical plant"),
    _fam("logistik", 0.11, 0.2,
         [_c("staff_gudang", "Staff Gudang|Staf Gudang|Karyawan Gudang|Admin Gdg", "Warehouse Staff"),
          _c("operator_forklift", "Operator Forklift|Opr Forklift|Driver Forklift", "Forklift Operator"),
          _c("helper_gudang", "Helper Gudang|Pembantu Gudang|Buruh Gudang", "Warehouse Helper"),
          _c("picker", "Picker Packer|Picker|Checker Gudang", "Picker Packer|Warehouse Checker")],
         [_c("forklift", "forklift|mengoperasikan forklift", "forklift operation"),
          _c("stock_opname", "stock opname|stok opname|cek stok", "stock taking"),
          _c("picking", "picking barang|picking", "order picking"),
          _c("bongkar_muat", "bongkar muat|loading unloading", "loading and unloading"),
          _c("inventaris", "pencatatan inventaris|inventory", "inventory recording")],
         [_c("sio_forklift", "SIO Forklift|Surat Izin Operator Forklift", "Forklift License")],
         ["Logistik", "Teknik Mesin"],
         [("SMA", 0.5), ("SMP", 0.3), (None, 0.2)],
         "gudang distribusi barang ekspedisi stok pengiriman", "warehouse distribution goods shipping stock delivery"),
    _fam("transportasi", 0.06, 0.05,
         [_c("sopir", "Sopir|Supir|Driver|Pengemudi", "Driver"),
          _c("kurir", "Kurir|Kurir Paket|Kurir Motor", "Courier|Delivery Rider"),
          _c("sopir_truk", "Sopir Truk|Driver Ekspedisi|Supir Truk", "Truck Driver")],
         [_c("mengemudi", "mengemudi|menyetir mobil", "driving"),
          _c("rute", "hafal rute Tangerang|navigasi", "route navigation"),
          _c("pengiriman", "pengiriman barang|antar paket", "parcel delivery")],
         [_c("sim_a", "SIM A", "Driving License A"), _c("sim_b1", "SIM B1|SIM B1 Umum", "Driving License B1"),
          _c("sim_c", "SIM C", "Driving License C")],
         [],
         [("SMP", 0.5), ("SMA", 0.3), (None, 0.2)],
         "ekspedisi armada pengiriman paket rute kendaraan", "fleet delivery parcels route vehicle"),
    _fam("ritel", 0.11, 0.7,
         [_c("kasir", "Kasir|Kasir Toko|Kasir Minimarket", "Cashier|Store Cashier"),
          _c("pramuniaga", "Pramuniaga|Crew Store|Penjaga Toko", "Shop Assistant|Store Crew"),
          _c("sales", "Sales|Sales Counter|Tenaga Penjualan", "Sales Associate|Salesperson")],
         [_c("kasir_skill", "kasir|mesin kasir|mesin EDC", "cashier operations|POS"),
          _c("pelayanan", "pelayanan pelanggan|melayani konsumen", "customer service"),
          _c("penjualan", "penjualan|teknik menjual", "selling"),
          _c("display", "display produk|penataan barang", "merchandising")],
         [],
         ["Pemasaran", "Bisnis Daring Pemasaran"],
         [("SMA", 0.6), ("SMP", 0.2), (None, 0.2)],
         "toko minimarket ritel pelanggan penjualan", "store retail customers sales minimarket",
         shifts=("pagi", "siang")),
    _fam("fnb", 0.08, 0.5,
         [_c("koki", "Koki|Juru Masak|Cook", "Cook|Line Cook"),
          _c("pelayan", "Pelayan Restoran|Waiter|Pramusaji", "Waiter|Waitress"),
          _c("barista", "Barista", "Barista"),
          _c("cook_helper", "Cook Helper|Asisten Dapur|Helper Dapur", "Kitchen Helper")],
         [_c("memasak", "memasak|masak", "cooking"),
          _c("food_safety", "keamanan pangan|higiene makanan", "food hygiene"),
          _c("kopi", "meracik kopi|kopi", "coffee making"),
          _c("pelayanan", "pelayanan pelanggan|melayani konsumen", "customer service")],
         [_c("penjamah", "Sertifikat Penjamah Makanan", "Food Handler Certificate")],
         ["Tata Boga", "Perhotelan"],
         [("SMP", 0.4), ("SMA", 0.3), (None, 0.3)],
         "restoran dapur kafe makanan minuman", "restaurant kitchen cafe food beverage",
         shifts=("pagi", "siang", "malam")),
    _fam("keamanan", 0.04, 0.05,
         [_c("satpam", "Satpam|Security|Petugas Keamanan", "Security Guard")],
         [_c("patroli", "patroli|penjagaan", "patrolling"),
          _c("p3k", "P3K|pertolongan pertama", "first aid"),
          _c("bela_diri", "bela diri", "self defense")],
         [_c("gada", "Gada Pratama|Sertifikat Gada Pratama", "Gada Pratama Security Certificate")],
         [],
         [("SMA", 0.7), (None, 0.3)],
         "keamanan gedung kawasan industri penjagaan", "building security industrial estate guarding"),
    _fam("kebersihan", 0.05, 0.45,
         [_c("cleaning", "Cleaning Service|Petugas Kebersihan|CS Kebersihan", "Cleaner|Janitor"),
          _c("office_boy", "Office Boy|OB|Office Girl", "Office Boy|Office Assistant")],
         [_c("bersih", "kebersihan|bersih-bersih|membersihkan ruangan", "cleaning"),
          _c("pantry", "pantry|menyajikan minuman", "pantry service")],
         [],
         [],
         [("SD", 0.3), ("SMP", 0.4), (None, 0.3)],
         "kebersihan gedung kantor ruangan", "cleaning building office rooms"),
    _fam("kantor", 0.08, 0.7,
         [_c("staff_admin", "Staff Administrasi|Staf Admin|Admin Kantor|Adm", "Administrative Staff|Admin Staff"),
          _c("resepsionis", "Resepsionis|Front Office", "Receptionist"),
          _c("data_entry", "Data Entry|Operator Komputer|Input Data", "Data Entry Clerk"),
          _c("cs", "Customer Service|CS|Layanan Pelanggan", "Customer Service Officer")],
         [_c("ms_office", "Microsoft Office|MS Office", "Microsoft Office"),
          _c("excel", "MS Excel|Excel", "Excel"),
          _c("arsip", "pengarsipan|arsip dokumen", "filing"),
          _c("surat", "surat menyurat|korespondensi", "correspondence"),
          _c("komunikasi", "komunikasi|public speaking", "communication")],
         [],
         ["Perkantoran", "Otomatisasi Tata Kelola Perkantoran", "Administrasi Perkantoran"],
         [("SMA", 0.5), ("D3", 0.3), (None, 0.2)],
         "kantor administrasi dokumen data laporan", "office administration documents data reports",
         shifts=("non-shift",)),
    _fam("keuangan", 0.03, 0.65,
         [_c("staff_akuntansi", "Staff Akuntansi|Staf Accounting|Admin Keuangan", "Accounting Staff|Accountant"),
          _c("staff_pajak", "Staff Pajak|Staf Perpajakan", "Tax Staff"),
          _c("finance", "Staff Finance|Kasir Keuangan", "Finance Staff")],
         [_c("akuntansi", "akuntansi|pembukuan", "accounting|bookkeeping"),
          _c("pajak", "pajak|perpajakan|e-Faktur", "taxation"),
          _c("excel", "MS Excel|Excel", "Excel"),
          _c("accurate", "Accurate|MYOB", "Accurate accounting software")],
         [_c("brevet", "Brevet A|Brevet Pajak", "Tax Brevet")],
         ["Akuntansi", "Akuntansi Keuangan Lembaga"],
         [("D3", 0.5), ("S1", 0.3), ("SMA", 0.2)],
         "keuangan laporan akuntansi perusahaan pajak", "finance reports accounting company tax",
         shifts=("non-shift",)),
    _fam("it", 0.02, 0.2,
         [_c("teknisi_komputer", "Teknisi Komputer|Teknisi IT", "Computer Technician|IT Technician"),
          _c("helpdesk", "Helpdesk IT|IT Support", "IT Helpdesk|IT Support"),
          _c("programmer", "Programmer|Web Developer", "Programmer|Software Developer")],
         [_c("jaringan", "jaringan komputer|LAN|mikrotik", "computer networking"),
          _c("troubleshoot", "troubleshooting|perbaikan komputer", "troubleshooting"),
          _c("coding", "pemrograman|PHP|Python", "programming")],
         [_c("mtcna", "MTCNA|Sertifikat Mikrotik", "MTCNA")],
         ["Teknik Komputer dan Jaringan", "Rekayasa Perangkat Lunak", "Teknik Informatika"],
         [("SMA", 0.4), ("D3", 0.4), ("S1", 0.2)],
         "it komputer jaringan sistem aplikasi", "it computer network systems applications",
         shifts=("non-shift",)),
    _fam("otomotif", 0.03, 0.05,
         [_c("mekanik_motor", "Mekanik Motor|Montir Motor", "Motorcycle Mechanic"),
          _c("mekanik_mobil", "Mekanik Mobil|Montir Mobil|Teknisi Otomotif", "Car Mechanic|Automotive Technician")],
         [_c("servis", "servis kendaraan|tune up", "vehicle servicing"),
          _c("kelistrikan_oto", "kelistrikan otomotif", "automotive electrical"),
          _c("mesin_kendaraan", "overhaul mesin|mesin kendaraan", "engine overhaul")],
         [],
         ["Teknik Kendaraan Ringan", "Teknik Sepeda Motor"],
         [("SMA", 0.6), (None, 0.4)],
         "bengkel otomotif servis kendaraan", "automotive workshop vehicle service"),
    _fam("garmen", 0.05, 0.85,
         [_c("operator_jahit", "Operator Jahit|Penjahit|Opr Jahit", "Sewing Operator|Tailor"),
          _c("qc_garmen", "QC Garmen|Quality Control Garment", "Garment QC")],
         [_c("jahit", "menjahit|jahit", "sewing"),
          _c("mesin_jahit", "mesin jahit high speed|obras", "industrial sewing machine"),
          _c("pola", "membuat pola|pola", "pattern making")],
         [],
         ["Tata Busana"],
         [("SMP", 0.5), ("SD", 0.2), (None, 0.3)],
         "garmen konveksi pakaian produksi", "garment apparel clothing production"),
    _fam("kesehatan", 0.02, 0.75,
         [_c("asisten_apoteker", "Asisten Apoteker|Tenaga Teknis Kefarmasian", "Pharmacy Assistant"),
          _c("perawat", "Perawat|Perawat Klinik", "Nurse|Clinic Nurse")],
         [_c("obat", "pengetahuan obat|resep obat", "medication knowledge"),
          _c("pasien", "pelayanan pasien|merawat pasien", "patient care")],
         [_c("str", "STR|Surat Tanda Registrasi", "Registration Certificate")],
         ["Farmasi", "Keperawatan"],
         [("SMA", 0.4), ("D3", 0.6)],
         "apotek klinik pasien kesehatan obat", "pharmacy clinic patients health medicine"),
)
FAMILY_INDEX = {f.name: i for i, f in enumerate(FAMILIES)}
GENERIC_SKILLS = (_c("kerja_tim", "kerja tim|teamwork", "teamwork"), _c("disiplin", "disiplin|jujur", "discipline|honesty"),
                  _c("komputer_dasar", "komputer dasar", "basic computer"))

KARAWACI = ("Babakan", "Bojong Jaya", "Cimone", "Cimone Jaya", "Gerendeng", "Karawaci", "Karawaci Baru",
            "Koang Jaya", "Margasari", "Nambo Jaya", "Nusa Jaya", "Pabuaran", "Pabuaran Tumpeng", "Pasar Baru",
            "Sukajadi", "Sumur Pacing")
KECAMATAN = ("Karawaci", "Batuceper", "Benda", "Cibodas", "Ciledug", "Cipondoh", "Jatiuwung", "Karangtengah",
             "Larangan", "Neglasari", "Periuk", "Pinang", "Tangerang")
VARIANTS = ("full", "titles_only", "english", "area2", "interested_only")


@dataclass
class Hidden:
    """The ground truth behind a synthetic data set (never given to the engine)."""
    seekers: dict[Hashable, dict[str, Any]] = field(default_factory=dict)
    vacancies: dict[Hashable, dict[str, Any]] = field(default_factory=dict)
    # Full records before a "thin" variant stripped them (the truth is about the real person).
    seeker_records: dict[Hashable, Seeker] = field(default_factory=dict)
    vacancy_records: dict[Hashable, Vacancy] = field(default_factory=dict)

    def add_seeker(self, record: Seeker, *, families: Mapping[str, float], skills: Iterable[str] = (),
                   years: Mapping[str, float] | None = None, major_families: Iterable[str] | None = None,
                   employability: float = 0.0) -> None:
        """Declare the truth about a resident whose record was written elsewhere (the app's demo data).

        ``families``: job family name -> weight (normalised here); ``skills``: concept keys of what
        the person really knows, certificates included; ``years``: experience per family;
        ``major_families``: families the school major leads to (by default read from
        ``record.major`` as the generator does); ``employability``: the hidden trait (sd
        ``EMPLOYABILITY_SD`` in the generator). Unknown names raise ``ValueError``.
        """
        weights = np.zeros(len(FAMILIES))
        for name, w in families.items():
            weights[_family(name)] += float(w)
        if weights.sum() <= 0:
            raise ValueError("families: at least one family with a positive weight")
        fam_years = np.zeros(len(FAMILIES))
        for name, y in (years or {}).items():
            fam_years[_family(name)] += float(y)
        if major_families is None:
            majors = {fi for fi, f in enumerate(FAMILIES) if record.major and record.major in f.majors}
        else:
            majors = {_family(name) for name in major_families}
        self.seekers[record.id] = {"family_weights": weights / weights.sum(), "skills": _concepts(skills),
                                   "family_years": fam_years, "major_families": majors,
                                   "employability": float(employability)}
        self.seeker_records[record.id] = record

    def add_vacancy(self, record: Vacancy, *, family: str, skills: Iterable[str] = (),
                    certificates: Iterable[str] = (), selectivity: float = 0.0) -> None:
        """Declare the truth about a vacancy written elsewhere: its job family, the concept keys of
        the skills and certificates it really needs, and the employer's hidden selectivity."""
        fi = _family(family)
        self.vacancies[record.id] = {"family": fi, "skills": _concepts(skills), "certificates": _concepts(certificates),
                                     "selectivity": float(selectivity), "family_name": FAMILIES[fi].name}
        self.vacancy_records[record.id] = record

    def utility(self, seeker: Seeker, vacancy: Vacancy) -> float:
        """Noiseless true utility of a pair, judged on the full records."""
        return true_utility(self.seeker_records.get(seeker.id, seeker), self.vacancy_records.get(vacancy.id, vacancy),
                            None, self)


def concept_keys() -> frozenset[str]:
    """Every skill and certificate concept of the synthetic labour market (generic skills included)."""
    return frozenset(c.key for f in FAMILIES for c in (*f.skills, *f.certificates)) | {c.key for c in GENERIC_SKILLS}


def _family(name: str) -> int:
    if name not in FAMILY_INDEX:
        raise ValueError(f"unknown job family {name!r}; expected one of {sorted(FAMILY_INDEX)}")
    return FAMILY_INDEX[name]


def _concepts(keys: Iterable[str]) -> set[str]:
    keys = set(keys)
    unknown = keys - concept_keys()
    if unknown:
        raise ValueError(f"unknown skill or certificate concepts: {sorted(unknown)}")
    return keys


# ---------------------------------------------------------------------- surface forms
def _typo(text: str, rng: np.random.Generator) -> str:
    if len(text) < 6:
        return text
    i = int(rng.integers(1, len(text) - 1))
    if rng.random() < 0.5:
        return text[:i] + text[i + 1:]
    return text[:i] + text[i + 1] + text[i] + text[i + 2:]


def _surface(c: Concept, rng: np.random.Generator, english: bool, typo: float = 0.05) -> str:
    forms = c.en_forms if english else c.id_forms
    text = forms[int(rng.integers(len(forms)))]
    if rng.random() < typo:
        text = _typo(text, rng)
    # People type in every case at the counter.
    r = rng.random()
    if r < 0.15:
        text = text.lower()
    elif r < 0.2:
        text = text.upper()
    return text


_LOOKUP: dict[str, list[tuple[int, str, str]]] | None = None


def _lookup() -> dict[str, list[tuple[int, str, str]]]:
    """Lower-cased surface form -> [(family, kind, concept key)], for reading records back."""
    global _LOOKUP
    if _LOOKUP is None:
        table: dict[str, list[tuple[int, str, str]]] = {}
        for fi, fam in enumerate(FAMILIES):
            for kind, concepts in (("title", fam.titles), ("skill", fam.skills), ("cert", fam.certificates)):
                for c in concepts:
                    for form in c.id_forms + c.en_forms:
                        table.setdefault(form.lower(), []).append((fi, kind, c.key))
        _LOOKUP = table
    return _LOOKUP


# ---------------------------------------------------------------------- ground truth
def _truth_of_seeker(s: Seeker, hidden: Hidden | None) -> dict[str, Any]:
    if hidden is not None and s.id in hidden.seekers:
        return hidden.seekers[s.id]
    fam = np.zeros(len(FAMILIES))
    skills: set[str] = set()
    fam_years = np.zeros(len(FAMILIES))
    table = _lookup()
    for t in s.desired_positions:
        for fi, _, _ in table.get(t.lower(), ()):
            fam[fi] += 1.0
    for e in s.experience:
        for fi, _, _ in table.get(e.title.lower(), ()):
            fam[fi] += 0.5
            fam_years[fi] += e.years
    for x in s.skills + s.certificates:
        for fi, _, key in table.get(x.lower(), ()):
            fam[fi] += 0.3
            skills.add(key)
    if fam.sum() > 0:
        fam = fam / fam.sum()
    majors = {fi for fi, f in enumerate(FAMILIES) if s.major in f.majors}
    return {"family_weights": fam, "skills": skills, "family_years": fam_years, "major_families": majors,
            "employability": 0.0}


def _truth_of_vacancy(v: Vacancy, hidden: Hidden | None) -> dict[str, Any]:
    if hidden is not None and v.id in hidden.vacancies:
        return hidden.vacancies[v.id]
    table = _lookup()
    fams = [fi for fi, _, _ in table.get(v.title.lower(), ())]
    family = max(set(fams), key=fams.count) if fams else -1
    skills = {key for x in v.skills for _, _, key in table.get(x.lower(), ())}
    certs = {key for x in v.certificates for _, _, key in table.get(x.lower(), ())}
    return {"family": family, "skills": skills, "certificates": certs, "selectivity": 0.0}


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def true_utility(seeker: Seeker, vacancy: Vacancy, rng: np.random.Generator | None = None,
                 hidden: Hidden | None = None, noise: float = 0.5) -> float:
    """How good the match really is (about -3 to 5; 2.5 is a likely hire).

    Family fit dominates; then real skills and certificates, the major, experience in the family,
    distance, education (below the minimum is nearly hopeless, far above it is a poor fit),
    wage and shift compatibility, and the hidden traits. With ``rng``, Gaussian noise of sd
    ``noise`` is added (the part of a hiring decision nobody can predict).
    """
    ts = _truth_of_seeker(seeker, hidden)
    tv = _truth_of_vacancy(vacancy, hidden)
    f = tv["family"]
    u = 0.0
    if f >= 0:
        u += 2.5 * float(ts["family_weights"][f])
        u += 0.4 * (f in ts["major_families"])
        u += 0.5 * min(float(ts["family_years"][f]), 4.0) / 4.0
    if tv["skills"]:
        u += 1.2 * len(tv["skills"] & ts["skills"]) / len(tv["skills"])
    if tv["certificates"]:
        u += 0.5 * len(tv["certificates"] & ts["skills"]) / len(tv["certificates"])
    # Distance: the same kelurahan is much easier to commute to; the same kecamatan a little.
    shared = 0
    while shared < min(len(seeker.area), len(vacancy.area)) and seeker.area[shared] == vacancy.area[shared]:
        shared += 1
    u += {0: 0.0, 1: 0.0, 2: 0.0}.get(shared, 0.3 if shared == 3 else 0.8)
    if seeker.education is not None and vacancy.education_min is not None:
        gap = EDUCATION_LEVELS[seeker.education] - EDUCATION_LEVELS[vacancy.education_min]
        if gap < 0:
            u -= 3.0
        elif gap >= 3:
            u -= 0.4
    top = vacancy.wage_max if vacancy.wage_max is not None else vacancy.wage_min
    if seeker.expected_wage is not None and top is not None and seeker.expected_wage > 1.1 * top:
        u -= 0.8
    if seeker.shifts and vacancy.shifts and not set(seeker.shifts) & set(vacancy.shifts):
        u -= 0.6
    u += ts["employability"] - tv["selectivity"]
    if rng is not None and noise > 0:
        u += float(rng.normal(0.0, noise))
    return u


def sample_outcomes(seeker: Seeker, vacancy: Vacancy, rng: np.random.Generator, at: float = 0.0,
                    via: str = "staff", hidden: Hidden | None = None) -> list[Feedback]:
    """One simulated episode for a pair, as the desk would record it (times in days).

    ``via="interest"``: the resident says "interested" first; ``via="staff"``: staff shortlisted.
    Staff then refer or dismiss (judging the match with noise), employers interview or refuse,
    then hire or refuse, each step likelier for a truly better match.
    """
    u = true_utility(seeker, vacancy, rng, hidden)
    events: list[Feedback] = []
    t = float(at)
    if via == "interest":
        events.append(Feedback(seeker.id, vacancy.id, "interested", t))
        t += float(rng.uniform(0.5, 3))
    staff_view = true_utility(seeker, vacancy, None, hidden) + float(rng.normal(0, 0.8))
    if rng.random() >= _sigmoid(1.5 * (staff_view - 1.8)):
        events.append(Feedback(seeker.id, vacancy.id, "dismissed", t))
        return events
    events.append(Feedback(seeker.id, vacancy.id, "referred", t))
    t += float(rng.uniform(2, 10))
    if rng.random() >= _sigmoid(1.5 * (u - 2.8)):
        events.append(Feedback(seeker.id, vacancy.id, "refused", t))
        return events
    events.append(Feedback(seeker.id, vacancy.id, "interview", t))
    t += float(rng.uniform(2, 10))
    events.append(Feedback(seeker.id, vacancy.id, "hired" if rng.random() < _sigmoid(1.5 * (u - 3.6)) else "refused", t))
    return events


# ---------------------------------------------------------------------- generation
def _areas(rng: np.random.Generator, n: int) -> list[tuple[str, ...]]:
    """Kecamatan -> kelurahan -> RW, with Karawaci's real kelurahan and invented ones elsewhere."""
    kec_p = np.array([3.0] + [1.0] * (len(KECAMATAN) - 1))
    kec = rng.choice(len(KECAMATAN), size=n, p=kec_p / kec_p.sum())
    out = []
    for k in kec:
        name = KECAMATAN[k]
        if name == "Karawaci":
            kel = KARAWACI[int(rng.integers(len(KARAWACI)))]
        else:
            kel = f"{name} {chr(65 + int(rng.integers(8)))}"
        out.append(("Banten", "Kota Tangerang", name, kel, f"RW {int(rng.integers(1, 13)):02d}"))
    return out


_EDU_CODES = ("SD", "SMP", "SMA", "SMK", "D3", "S1")
_EDU_P = np.array([0.07, 0.15, 0.25, 0.35, 0.08, 0.10])
_ALL_MAJORS = sorted({m for f in FAMILIES for m in f.majors})


def _choice(rng: np.random.Generator, seq: Any, k: int | None = None) -> Any:
    if k is None:
        return seq[int(rng.integers(len(seq)))]
    idx = rng.choice(len(seq), size=min(k, len(seq)), replace=False)
    return [seq[i] for i in idx]


def _make_seeker(i: int, rng: np.random.Generator, area: tuple[str, ...], english: bool,
                 sex_of_family: np.ndarray, fam_p: np.ndarray) -> tuple[Seeker, dict[str, Any]]:
    sex = "F" if rng.random() < 0.5 else "M"
    # Family choice depends on sex as in real labour markets (P(family | sex) by Bayes).
    w = fam_p * (sex_of_family if sex == "F" else 1 - sex_of_family)
    f1 = int(rng.choice(len(FAMILIES), p=w / w.sum()))
    f2 = int(rng.choice(len(FAMILIES), p=w / w.sum())) if rng.random() < 0.35 else -1
    age = int(np.clip(rng.gamma(4.0, 2.5) + 17, 17, 58))
    disability = bool(rng.random() < 0.03)
    fam1, fam2 = FAMILIES[f1], FAMILIES[f2] if f2 >= 0 else None
    edu = _EDU_CODES[int(rng.choice(len(_EDU_CODES), p=_EDU_P))] if rng.random() > 0.05 else None
    major = ""
    major_fams: set[int] = set()
    if edu in ("SMK", "D3", "S1"):
        if fam1.majors and rng.random() < 0.7:
            major = _choice(rng, fam1.majors)
        else:
            major = _choice(rng, _ALL_MAJORS)
        major_fams = {fi for fi, f in enumerate(FAMILIES) if major in f.majors}
    true_skills: set[str] = set(c.key for c in _choice(rng, fam1.skills, int(rng.integers(1, 5))))
    if fam2 is not None:
        true_skills |= {c.key for c in _choice(rng, fam2.skills, int(rng.integers(0, 3)))}
    certs_true = {c.key for c in fam1.certificates if rng.random() < 0.3}
    concepts = {c.key: c for f in FAMILIES for c in (*f.skills, *f.certificates)}
    # Not everyone lists every skill they have: the record shows most of them.
    shown = [k for k in sorted(true_skills) if rng.random() < 0.8]
    skills = [_surface(concepts[k], rng, english) for k in shown]
    skills += [_surface(_choice(rng, GENERIC_SKILLS), rng, english)] if rng.random() < 0.4 else []
    certs = [_surface(concepts[k], rng, english, typo=0.0) for k in sorted(certs_true)]
    fam_years = np.zeros(len(FAMILIES))
    experience = []
    n_exp = int(rng.poisson(max(0.0, (age - 19) / 8)))
    for _ in range(min(n_exp, 4)):
        fi = f1 if (f2 < 0 or rng.random() < 0.7) else f2
        if rng.random() < 0.15:
            fi = int(rng.integers(len(FAMILIES)))
        years = float(round(rng.gamma(1.5, 1.2), 1)) or 0.5
        fam_years[fi] += years
        experience.append(Experience(_surface(_choice(rng, FAMILIES[fi].titles), rng, english), years,
                                     " ".join(_choice(rng, FAMILIES[fi].words_en if english else FAMILIES[fi].words, 3))))
    desired = [_surface(_choice(rng, fam1.titles), rng, english)]
    if fam2 is not None and rng.random() < 0.6:
        desired.append(_surface(_choice(rng, fam2.titles), rng, english))
    elif rng.random() < 0.3:
        desired.append(_surface(_choice(rng, fam1.titles), rng, english))
    fam_w = np.zeros(len(FAMILIES))
    fam_w[f1] += 1.0
    if f2 >= 0:
        fam_w[f2] += 0.6
    fam_w /= fam_w.sum()
    level = {None: 3, "SD": 1, "SMP": 2, "SMA": 3, "SMK": 3, "D3": 6, "S1": 7}[edu]
    wage = None if rng.random() < 0.35 else float(round(UMK * rng.lognormal(-0.05 + 0.04 * (level - 3), 0.12), -4))
    shifts = tuple(s for s in ("pagi", "siang", "malam") if rng.random() < 0.6) if rng.random() < 0.7 else ()
    about_words = _choice(rng, fam1.words_en if english else fam1.words, 3)
    about = ("I am looking for work as " if english else "Saya mencari pekerjaan sebagai ") + desired[0].lower() \
        + (", hardworking, " if english else ", rajin, ") + " ".join(about_words)
    seeker = Seeker(i, education=edu, major=major, skills=tuple(skills), certificates=tuple(certs),
                    experience=tuple(experience), desired_positions=tuple(desired), area=area,
                    about=about, expected_wage=wage, shifts=shifts)
    age_band = "<25" if age < 25 else "25-34" if age < 35 else "35-44" if age < 45 else "45+"
    truth = {"family_weights": fam_w, "skills": true_skills | certs_true, "family_years": fam_years,
             "major_families": major_fams, "employability": float(rng.normal(0, EMPLOYABILITY_SD)),
             "family": fam1.name, "sex": sex, "age": age, "age_band": age_band, "disability": disability,
             "rw": f"{area[-2]} {area[-1]}" if len(area) >= 2 else "", "kecamatan": area[2] if len(area) > 2 else ""}
    return seeker, truth


def _make_vacancy(j: int, rng: np.random.Generator, area: tuple[str, ...], english: bool,
                  fam_p: np.ndarray) -> tuple[Vacancy, dict[str, Any]]:
    fi = int(rng.choice(len(FAMILIES), p=fam_p))
    fam = FAMILIES[fi]
    title = _surface(_choice(rng, fam.titles), rng, english, typo=0.02)
    skill_cs = _choice(rng, fam.skills, int(rng.integers(1, 5)))
    cert_cs = [c for c in fam.certificates if rng.random() < 0.35]
    edu_codes = [e for e, _ in fam.education]
    edu_p = np.array([p for _, p in fam.education])
    edu = edu_codes[int(rng.choice(len(edu_codes), p=edu_p / edu_p.sum()))]
    lo = float(round(UMK * rng.uniform(0.92, 1.15), -4)) if rng.random() < 0.7 else None
    hi = float(round(lo * rng.uniform(1.0, 1.3), -4)) if lo is not None and rng.random() < 0.7 else None
    shifts = tuple(_choice(rng, fam.shifts, int(rng.integers(1, len(fam.shifts) + 1)))) if rng.random() < 0.7 else ()
    words = fam.words_en if english else fam.words
    desc = " ".join(_choice(rng, words, 4)) + (" near " if english else " lokasi ") + area[-1]
    vac = Vacancy(f"v{j}", title, description=desc, skills=tuple(_surface(c, rng, english) for c in skill_cs),
                  certificates=tuple(_surface(c, rng, english, typo=0.0) for c in cert_cs), education_min=edu,
                  experience_years_min=float(rng.choice([0, 0, 0, 1, 2])), area=area, wage_min=lo, wage_max=hi,
                  shifts=shifts, openings=int(rng.integers(1, 6)))
    truth = {"family": fi, "skills": {c.key for c in skill_cs}, "certificates": {c.key for c in cert_cs},
             "selectivity": float(rng.normal(0, SELECTIVITY_SD)), "family_name": fam.name}
    return vac, truth


def generate(n_seekers: int = 5000, n_vacancies: int = 300, n_feedback: int = 5000, seed: int = 0,
             variant: str = "full", days: float = 365.0):
    """Draw a synthetic city and a year of desk history.

    Returns ``(seekers, vacancies, feedback, attributes)``: ``attributes`` maps seeker id to the
    hidden traits (sex, age, age_band, disability, rw, kecamatan, family) used only for fairness
    reports, and ``attributes.hidden`` is the full ground truth (a ``Hidden``) for ``true_utility``.

    ``n_feedback`` is the approximate number of feedback events. Variants ("thin" conditions):
    ``titles_only`` (profiles and vacancies carry only titles and areas), ``english`` (all text in
    English), ``area2`` (areas only "Kota Tangerang" > kecamatan), ``interested_only`` (only
    "interested" statements are recorded, no staff or employer outcomes).
    """
    if variant not in VARIANTS:
        raise ValueError(f"variant: expected one of {VARIANTS}, got {variant!r}")
    rng = np.random.default_rng(seed)
    english = variant == "english"
    fam_p = np.array([f.share for f in FAMILIES])
    fam_p /= fam_p.sum()
    sex_of_family = np.array([f.female for f in FAMILIES])
    # P(family | sex) ∝ P(sex | family) P(family), with P(F) = 1/2 overall.
    hidden = Hidden()
    seekers: list[Seeker] = []
    for i, area in enumerate(_areas(rng, n_seekers)):
        s, truth = _make_seeker(i, rng, area, english, sex_of_family, fam_p)
        seekers.append(s)
        hidden.seekers[s.id] = truth
    vacancies: list[Vacancy] = []
    for j, area in enumerate(_areas(rng, n_vacancies)):
        v, truth = _make_vacancy(j, rng, area[:4], english, fam_p)
        vacancies.append(v)
        hidden.vacancies[v.id] = truth

    feedback = _simulate_desk(seekers, vacancies, hidden, rng, n_feedback, days)
    hidden.seeker_records = {s.id: s for s in seekers}
    hidden.vacancy_records = {v.id: v for v in vacancies}
    if variant == "interested_only":
        feedback = [f for f in feedback if f.outcome == "interested"]
    if variant == "titles_only":
        seekers = [Seeker(s.id, desired_positions=s.desired_positions,
                          experience=tuple(Experience(e.title) for e in s.experience), area=s.area) for s in seekers]
        vacancies = [Vacancy(v.id, v.title, area=v.area) for v in vacancies]
    if variant == "area2":
        seekers = [replace(s, area=s.area[1:3]) for s in seekers]
        vacancies = [replace(v, area=v.area[1:3]) for v in vacancies]
    attributes = Attributes({s.id: {k: hidden.seekers[s.id][k] for k in
                                    ("sex", "age", "age_band", "disability", "rw", "kecamatan", "family")}
                             for s in seekers})
    attributes.hidden = hidden
    return seekers, vacancies, feedback, attributes


class Attributes(dict):
    """Seeker id -> hidden traits; ``.hidden`` carries the full ground truth."""
    hidden: Hidden


def _simulate_desk(seekers: list[Seeker], vacancies: list[Vacancy], hidden: Hidden,
                   rng: np.random.Generator, n_feedback: int, days: float) -> list[Feedback]:
    if not seekers or not vacancies or n_feedback <= 0:
        return []
    by_family_s: dict[int, list[int]] = {}
    for i, s in enumerate(seekers):
        for fi in np.flatnonzero(hidden.seekers[s.id]["family_weights"] > 0):
            by_family_s.setdefault(int(fi), []).append(i)
    by_family_v: dict[int, list[int]] = {}
    for j, v in enumerate(vacancies):
        by_family_v.setdefault(hidden.vacancies[v.id]["family"], []).append(j)
    openings = np.array([v.openings for v in vacancies], dtype=float)
    v_p = openings / openings.sum()
    done: set[tuple[int, int]] = set()
    events: list[Feedback] = []
    guard = 0
    while len(events) < n_feedback and guard < 20 * n_feedback:
        guard += 1
        at = float(rng.uniform(0, days))
        if rng.random() < 0.5:
            # A resident browses: a few vacancies of their families and a few random ones.
            i = int(rng.integers(len(seekers)))
            s = seekers[i]
            fams = np.flatnonzero(hidden.seekers[s.id]["family_weights"] > 0)
            pool = [j for fi in fams for j in _choice(rng, by_family_v.get(int(fi), []), 30)]
            pool += list(rng.integers(len(vacancies), size=10))
            u = np.array([true_utility(s, vacancies[j], rng, hidden, noise=1.0) for j in pool])
            j = int(pool[int(np.argmax(u))])
            via = "interest"
        else:
            # Staff search their registry for a vacancy: they look at many residents of the
            # right kind of work and a few others, and judge each with noise.
            j = int(rng.choice(len(vacancies), p=v_p))
            v = vacancies[j]
            fam = hidden.vacancies[v.id]["family"]
            pool = _choice(rng, by_family_s.get(fam, []), 200) + list(rng.integers(len(seekers), size=40))
            u = np.array([true_utility(seekers[i], v, rng, hidden, noise=1.0) for i in pool])
            i = int(pool[int(np.argmax(u))])
            via = "staff"
        if (i, j) in done:
            continue
        done.add((i, j))
        events.extend(sample_outcomes(seekers[i], vacancies[j], rng, at, via, hidden))
    events.sort(key=lambda f: f.at)
    return events
