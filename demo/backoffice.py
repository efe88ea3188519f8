"""The back office's cases: residents registered twice, AK/I cards, contract end dates, and
vacancies going through review.

They are drawn after the history, each from a random stream of its own (seed + DUPLICATES_STREAM,
...), so that adding or changing them never moves a draw of the history nor the evaluation
figures computed on it."""
from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass

from sqlalchemy import select

from app.core.timeutil import WIB
from app.extensions import db
from app.models import Company, User, Vacancy, VacancyReviewEvent
from app.referrals.reminders import AK1_REPORT_MONTHS, add_months, ak1_issued_on
from app.vacancies.review import decide_vacancy, submit_vacancy

from .builder import Builder
from .catalogue import COMPANIES, HRD_COMPANY, KELURAHAN, KelurahanSpec
from .people import about_text, make_resident, new_nik, new_phone
from .positions import POSITION
from .records import Plan, Resident

DUPLICATES_STREAM, CARDS_STREAM, CONTRACTS_STREAM = 1, 2, 3
AK1_SHARE = 0.4  # of the verified residents of Nusa Jaya still looking for work
AK1_PREFIX = "3671-07-"  # Kota Tangerang, Kecamatan Karawaci (illustrative numbering)
CONTRACT_SHARE = 0.5  # of the PKWT hires: the employer gave the contract's end date


# ---- residents registered twice (app/duplicates/services.py finds them) -----------------

# For each case, candidate name pairs: the first one whose first name is not taken by a random
# resident is used.
DUPLICATE_NAMES = {
    "title": (("Budi Santoso", "H. Budi Santosa, S.T."), ("Budi Susanto", "H. Budi Susanta, S.T."),
              ("Joko Santoso", "H. Joko Santosa, S.T.")),
    "phone": (("Nurhayati", "Siti Nurhayati"), ("Maryati", "Siti Maryati"), ("Sumarni", "Siti Sumarni")),
    "moved": (("Rahmat Hidayat", "Rachmat Hidayat"), ("Rahmat Kurniawan", "Rachmat Kurniawan"),
              ("Ahmad Syukri", "Achmad Syukri")),
}


@dataclass
class Duplicate:
    kind: str  # title: spelling variant with a title; phone: same phone; moved: registered again in Cimone
    first: Resident
    second: Resident


class _Stream:
    """Lets the builder's helpers (make_resident, new_nik, new_phone) draw from a back-office stream."""

    def __init__(self, b: Builder, seed: int):
        self.b, self.rng = b, random.Random(seed)

    def __enter__(self) -> random.Random:
        self.saved, self.b.rng = self.b.rng, self.rng
        return self.rng

    def __exit__(self, *exc) -> None:
        self.b.rng = self.saved


def _nik_typo(b: Builder, rng: random.Random, nik: str) -> str:
    """The same NIK with one digit of its serial mistyped, as happens at a counter."""
    while True:
        serial = list(nik[12:])
        i = rng.randrange(4)
        serial[i] = rng.choice([d for d in "0123456789" if d != serial[i]])
        typo = nik[:12] + "".join(serial)
        if typo[12:] != "0000" and typo not in b.niks:
            b.niks.add(typo)
            return typo


def _address(rng: random.Random, kel: KelurahanSpec) -> tuple[str, str, str]:
    rw, rt = f"{rng.randint(1, kel.rws):02d}", f"{rng.randint(1, 8):03d}"
    return rt, rw, f"{rng.choice(kel.streets)} No. {rng.randint(1, 120)}, RT {rt} / RW {rw}"


def add_duplicates(b: Builder, seed: int) -> list[Duplicate]:
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
            first = make_resident(b, len(b.residents), nj, family=pos.family, position=position,
                                  created_day=-rng.uniform(150, 300))
            b.names.discard(first.name)
            b.niks.discard(first.nik)
            b.names.update((first_name, second_name))
            first.sex, first.name = sex, first_name
            first.birth = dt.date(b.today.year - age - 1, 1, 1) + dt.timedelta(days=rng.randrange(365))
            first.nik = new_nik(b, first.birth, sex)
            first.education, first.major = education, major
            first.about = about_text(pos, education, major, first.experience, first.shifts)
            first.consent_sharing = first.consent_ranking = True
            first.ranking_withdrawn_at = None
            first.has_login = kind == "title"
            first.reserved = True
            b.residents.append(first)
            second = Resident(**{**vars(first), "plans": []})
            second.idx, second.kel, second.name = len(b.residents), second_kel, second_name
            second.nik = _nik_typo(b, rng, first.nik)
            second.skills, second.certificates = list(first.skills), list(first.certificates)
            second.experience, second.desired = list(first.experience), list(first.desired)
            second.has_login = False
            if kind == "title":
                # Registered at the counter last week, in a hurry: a new number, less detail, not verified yet.
                second.phone = new_phone(b)
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
                second.phone = new_phone(b)
                second.created_at = b.day(-rng.uniform(8, 14), rng.randint(9, 14))
                second.verified_at = b.day((second.created_at.astimezone(WIB).date() - b.today).days + 1, 10)
            b.residents.append(second)
            found.append(Duplicate(kind, first, second))
    return found


# ---- AK/I cards and contract end dates -----------------------------------------------------

def ak1_cards(b: Builder, seed: int, exclude: set[int]) -> dict[int, tuple[str, dt.date, dt.date | None]]:
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


def contract_ends(b: Builder, seed: int) -> list[Plan]:
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


# ---- vacancy review ---------------------------------------------------------------------

@dataclass(frozen=True)
class ReviewCase:
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
    ReviewCase(
        "CV Kedai Kopi Senja", "barista", "Barista", "pkwt", (5_400_000, 5_700_000), "siang", 2, "SMA", 0,
        "CV Kedai Kopi Senja membuka lowongan Barista untuk kedai kami di Jl. Kenanga, Nusa Jaya. Tugas utama: "
        "meracik minuman kopi dan non-kopi, melayani pesanan di bar, dan menjaga kebersihan peralatan. "
        "Persyaratan: Wanita, usia maksimal 25 tahun, berpenampilan menarik; pendidikan minimal SMA/SMK "
        "sederajat; bisa mengoperasikan mesin espresso; bersedia bekerja shift siang dan malam.",
        ((-2, "submitted", ""),)),
    ReviewCase(
        "PT Roti Nusa Sejahtera", "staf_gudang", "Staf Gudang Bahan Baku", "pkwt", (4_000_000, 4_000_000), "pagi",
        3, "SMA", 0,
        "PT Roti Nusa Sejahtera membuka lowongan Staf Gudang Bahan Baku untuk pabrik roti di Jl. Pembangunan, "
        "Nusa Jaya. Tugas utama: menerima tepung, gula dan bahan baku lain, menata barang dengan sistem FIFO, "
        "dan ikut stock opname bulanan. Persyaratan: pendidikan minimal SMA/SMK sederajat, teliti, sehat dan "
        "kuat mengangkat barang. Kontrak kerja (PKWT) 12 bulan, gaji Rp4.000.000 per bulan, kerja Senin–Sabtu.",
        ((-3, "submitted", ""),)),
    ReviewCase(
        HRD_COMPANY, "mekanik", "Mekanik Perawatan Mesin", "pkwtt", (6_000_000, 7_200_000), "bergilir", 1, "SMK", 2,
        "PT Sinar Logam Presisi membuka lowongan Mekanik Perawatan Mesin untuk pabrik di Jl. Nusa Jaya Raya. "
        "Tugas utama: perawatan preventif mesin bubut, CNC dan press, perbaikan kerusakan mesin produksi, dan "
        "laporan kerusakan harian. Persyaratan: pendidikan minimal SMK Teknik Mesin atau sederajat, pengalaman "
        "minimal 2 tahun di perawatan mesin, memahami hidrolik dan pneumatik, bersedia bekerja shift. "
        "Karyawan tetap setelah masa percobaan 3 bulan, BPJS Ketenagakerjaan dan BPJS Kesehatan.",
        ((-1, "submitted", ""),)),
    ReviewCase(
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
    ReviewCase(
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


def write_reviews(b: Builder, companies: list[Company], employers: dict[int, User], staff: User,
                  kelurahan_ids: dict[str, int]) -> list[Vacancy]:
    """Vacancies going through the review of app/vacancies/review.py, recorded by its own functions
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
