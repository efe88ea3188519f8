"""A city-scale data set for the load benchmark (not a test): 20 kelurahan, 50,000 residents with
valid NIKs, 400 companies, 2,000 open vacancies, 200,000 stored suggestions and a history of
referrals. Rows go in with SQLAlchemy Core in bulk; the schema comes from the migrations.

    .venv/bin/python bench/load_seed.py --database-url sqlite:////tmp/lokerwarga-bench/city.db
    .venv/bin/python bench/load_seed.py --database-url postgresql://postgres@127.0.0.1:5432/lokerwarga_bench

Every account's password is BENCH_PASSWORD; staff and admin are enrolled in two-factor
authentication with BENCH_TOTP_SECRET (when the schema has it). The data set replaces whatever
the database held. Deterministic for a given --seed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BENCH_PASSWORD = "bench12345"
BENCH_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
BATCH = 5000

KELURAHAN = [  # (kecamatan, NIK region code, name)
    ("Karawaci", "367107", n) for n in (
        "Nusa Jaya", "Cimone", "Cimone Jaya", "Karawaci", "Karawaci Baru", "Bugel", "Margasari", "Pabuaran",
        "Sukajadi", "Sumur Pacing")
] + [
    ("Cibodas", "367109", n) for n in ("Cibodas", "Cibodas Baru", "Cibodasari", "Jatiuwung", "Uwung Jaya")
] + [
    ("Tangerang", "367101", n) for n in ("Babakan", "Cikokol", "Sukaasih", "Sukarasa", "Tanah Tinggi")
]

FIRST_L = ("Budi", "Agus", "Andi", "Dedi", "Eko", "Fajar", "Hendra", "Irfan", "Joko", "Rizky", "Slamet", "Taufik",
           "Wahyu", "Yusuf", "Arif", "Bayu", "Dimas", "Gilang", "Rudi", "Surya")
FIRST_P = ("Siti", "Dewi", "Ani", "Fitri", "Indah", "Lestari", "Nur", "Putri", "Rina", "Sri", "Wulan", "Yuni",
           "Ayu", "Dian", "Eka", "Maya", "Nadia", "Ratna", "Sari", "Tika")
LAST = ("Santoso", "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Setiawan", "Pratama", "Lestari", "Rahmawati",
        "Nugroho", "Susanto", "Siregar", "Simanjuntak", "Hasibuan", "Sitompul", "Wibowo", "Gunawan", "Permana")
TRADES = {  # title: (skills, education minimum, majors)
    "Operator Produksi": (["packing", "quality control", "mesin produksi", "5S"], "SMA", ["Teknik Mesin", "Kimia Industri"]),
    "Operator Mesin CNC": (["bubut", "milling", "membaca gambar teknik", "CNC"], "SMK", ["Teknik Pemesinan", "Teknik Mesin"]),
    "Welder": (["las listrik", "las argon", "membaca gambar teknik"], "SMK", ["Teknik Pengelasan"]),
    "Staf Gudang": (["forklift", "stock opname", "administrasi gudang"], "SMA", ["Logistik"]),
    "Kasir": (["kasir", "pelayanan pelanggan", "Microsoft Excel"], "SMA", ["Akuntansi", "Bisnis Daring dan Pemasaran"]),
    "Admin Gudang": (["Microsoft Excel", "administrasi gudang", "stock opname"], "SMK", ["Perkantoran", "Akuntansi"]),
    "Teknisi Listrik": (["instalasi listrik", "panel listrik", "K3 listrik"], "SMK", ["Teknik Instalasi Tenaga Listrik"]),
    "Mekanik Motor": (["servis motor", "tune up", "kelistrikan motor"], "SMK", ["Teknik Sepeda Motor"]),
    "Juru Masak": (["memasak", "food safety", "tata boga"], "SMK", ["Tata Boga"]),
    "Penjahit": (["menjahit", "pola", "mesin jahit"], "SMP", ["Tata Busana"]),
    "Sopir": (["SIM B1", "mengemudi", "rute Jabodetabek"], "SMP", []),
    "Satpam": (["Gada Pratama", "patroli", "pelayanan tamu"], "SMA", []),
    "Teknisi Jaringan": (["jaringan komputer", "mikrotik", "instalasi kabel"], "SMK", ["Teknik Komputer dan Jaringan"]),
    "Staf Administrasi": (["Microsoft Excel", "surat menyurat", "arsip"], "SMK", ["Perkantoran"]),
    "Helper Produksi": (["packing", "angkat barang", "5S"], "SD", []),
}
EDUCATIONS = ("SD", "SMP", "SMA", "SMK", "SMK", "SMK", "D3", "S1")
SHIFTS = ("pagi", "siang", "malam", "bergilir")
CONTRACTS = ("pkwt", "pkwt", "pkwtt", "harian")


def _nik(region: str, birth: dt.date, sex: str, serial: int) -> str:
    day = birth.day + (40 if sex == "P" else 0)
    return f"{region}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def _reasons(rng: random.Random, title: str, skills: list[str], kelurahan: str, rw: str, score: float) -> list[dict]:
    n = rng.randint(1, len(skills))
    shares = [rng.random() + 0.2 for _ in range(5)]
    total = sum(shares)
    shares = [round(s / total, 4) for s in sorted(shares, reverse=True)]
    return [
        {"code": "title_match", "share": shares[0], "params": {"title": title, "matched": title.lower(), "similarity": round(score, 3)}},
        {"code": "skills_overlap", "share": shares[1], "params": {"matched": skills[:n], "n_matched": n, "n_required": len(skills)}},
        {"code": "same_area", "share": shares[2], "params": {"area": f"RW {rw}, {kelurahan}", "depth": 5, "vacancy_depth": 4,
                                                             "levels": ["Banten", "Kota Tangerang", kelurahan]}},
        {"code": "education_meets", "share": shares[3], "params": {"education": "SMK", "major": "", "minimum": "SMA"}},
        {"code": "shift_fit", "share": shares[4], "params": {"shifts": ["pagi"], "n_matched": 1, "n_required": 1}},
    ]


def _insert(conn, table, rows: list[dict], label: str) -> None:
    """executemany needs the same keys in every row: missing optional values become NULL."""
    started = time.perf_counter()
    keys = set().union(*(r.keys() for r in rows)) if rows else set()
    rows = [r if len(r) == len(keys) else {k: r.get(k) for k in keys} for r in rows]
    for i in range(0, len(rows), BATCH):
        conn.execute(table.insert(), rows[i:i + BATCH])
    print(f"  {label:<16} {len(rows):>8,} rows  {time.perf_counter() - started:6.1f} s", flush=True)


def seed(url: str, *, residents: int = 50_000, vacancies: int = 2_000, suggestions: int = 200_000,
         kelurahan_count: int = 20, seed_value: int = 0) -> dict:
    from flask_migrate import upgrade
    from sqlalchemy import MetaData, func, select, text

    from app import create_app
    from app.auth.services import hash_password
    from app.extensions import db
    from app.jobs.models import Job
    from app.models import (
        AuditLog,
        Company,
        ConsentRecord,
        ExperienceEntry,
        Kelurahan,
        Match,
        MatchEvent,
        SeekerProfile,
        User,
        Vacancy,
    )
    from app.core.nik import check_nik
    from app.core.timeutil import utcnow

    rng = random.Random(seed_value)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url})
    started = time.perf_counter()
    with app.app_context():
        engine = db.engine
        # A clean schema from the migrations.
        meta = MetaData()
        meta.reflect(bind=engine)
        with engine.begin() as conn:
            if engine.dialect.name == "postgresql":
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            else:
                conn.execute(text("PRAGMA foreign_keys=OFF"))
                for table in reversed(meta.sorted_tables):
                    conn.execute(text(f'DROP TABLE IF EXISTS "{table.name}"'))
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()
        print(f"schema migrated ({engine.dialect.name})", flush=True)

        now = utcnow()
        password = hash_password(BENCH_PASSWORD)
        user_cols = User.__table__.c
        staff_extra = {"totp_secret": BENCH_TOTP_SECRET} if "totp_secret" in user_cols else {}
        encrypted = "nik_hash" in SeekerProfile.__table__.c
        if encrypted:
            from app.core.crypto import encrypt_nik, nik_hash

        kel_rows, users, seekers, experiences, consents = [], [], [], [], []
        companies, vacancy_rows, matches, events = [], [], [], []
        user_id = 0

        def new_user(**values) -> int:
            nonlocal user_id
            user_id += 1
            users.append({"id": user_id, "password_hash": password, "active": True, "session_version": 0,
                          "created_at": now, "name": values.pop("name", ""), **values})
            return user_id

        letter_codes: set[str] = set()
        for i, (kecamatan, region, name) in enumerate(KELURAHAN[:kelurahan_count]):
            letter_code = "".join(word[0] for word in name.split()).upper()  # "Nusa Jaya" -> NJ
            while letter_code in letter_codes:  # letter numbers must not collide between kelurahan
                letter_code = letter_code[:2] + str(len(letter_codes))
            letter_codes.add(letter_code)
            kel_rows.append({"id": i + 1, "code": f"{region}{1001 + i}", "name": name, "kecamatan": kecamatan,
                             "kota": "Kota Tangerang", "provinsi": "Banten", "rw_list": [f"{r:02d}" for r in range(1, 13)],
                             "letter_code": letter_code, "address": f"Jl. Kelurahan {name} No. 1",
                             "lurah_name": f"{rng.choice(FIRST_L)} {rng.choice(LAST)}", "created_at": now})
        n_kel = len(kel_rows)
        admin_id = new_user(email="admin@bench.test", role="admin", name="Admin Kota", **staff_extra)
        new_user(email="kota@bench.test", role="city", name="Disnaker Kota")
        staff_ids = {}
        for k in kel_rows:
            staff_ids[k["id"]] = [new_user(email=f"petugas{k['id']:02d}{j}@bench.test", role="staff",
                                           kelurahan_id=k["id"], name=f"Petugas {k['name']} {j}", **staff_extra)
                                  for j in (1, 2)]

        # Residents, spread evenly over the kelurahan, with a login each.
        used_niks: set[str] = set()
        by_kelurahan: dict[int, list[int]] = {k["id"]: [] for k in kel_rows}
        seeker_trade: dict[int, str] = {}
        eligible: set[int] = set()
        trades = list(TRADES)
        for sid in range(1, residents + 1):
            k = kel_rows[(sid - 1) % n_kel]
            _kec, region, _name = KELURAHAN[k["id"] - 1]
            sex = rng.choice("LP")
            birth = dt.date(rng.randint(1975, 2006), rng.randint(1, 12), rng.randint(1, 28))
            serial = rng.randint(1, 9999)
            nik = _nik(region, birth, sex, serial)
            while nik in used_niks:
                serial = serial % 9999 + 1
                nik = _nik(region, birth, sex, serial)
            used_niks.add(nik)
            check_nik(nik, birth, sex)
            first = rng.choice(FIRST_L if sex == "L" else FIRST_P)
            full_name = f"{first} {rng.choice(LAST)}"
            trade = rng.choice(trades)
            skills, _edu, majors = TRADES[trade]
            education = rng.choice(EDUCATIONS)
            uid = new_user(email=f"warga{sid:05d}@bench.test", phone=f"0812{sid:08d}", role="seeker",
                           kelurahan_id=k["id"], name=full_name)
            status = "looking" if rng.random() < 0.9 else rng.choice(("working", "inactive"))
            sharing = rng.random() < 0.92
            ranking = rng.random() < 0.95
            row = {
                "id": sid, "user_id": uid, "kelurahan_id": k["id"], "full_name": full_name, "birth_date": birth,
                "sex": sex, "address": f"Jl. {rng.choice(('Melati', 'Mawar', 'Kenanga', 'Anggrek', 'Flamboyan'))} {rng.randint(1, 90)}",
                "rt": f"{rng.randint(1, 12):03d}", "rw": f"{rng.randint(1, 12):02d}", "phone": f"0812{sid:08d}",
                "education": education, "major": rng.choice(majors) if education == "SMK" and majors else "",
                "skills": rng.sample(skills, k=rng.randint(1, len(skills))), "certificates": [],
                "desired_positions": [trade], "shifts": rng.sample(SHIFTS, k=2), "contract_wishes": ["pkwt"],
                "expected_wage": rng.randrange(4_500_000, 6_500_000, 50_000), "about": "", "disability": None,
                "status": status, "consent_registration": True, "consent_sharing": sharing, "consent_ranking": ranking,
                "verified_at": now if rng.random() < 0.85 else None, "created_at": now, "updated_at": now,
            }
            if encrypted:
                row.update(nik_ciphertext=encrypt_nik(nik), nik_hash=nik_hash(nik))
            else:
                row["nik"] = nik
            seekers.append(row)
            by_kelurahan[k["id"]].append(sid)
            seeker_trade[sid] = trade
            if status == "looking" and ranking:
                eligible.add(sid)
            for _e in range(rng.choice((0, 1, 1, 2, 3))):
                experiences.append({"seeker_id": sid, "title": rng.choice(trades), "employer": f"PT {rng.choice(LAST)} Jaya",
                                    "years": float(rng.randint(1, 8)), "description": ""})
            for purpose, granted in (("registration", True), ("sharing", sharing), ("ranking", ranking)):
                consents.append({"seeker_id": sid, "purpose": purpose, "granted": granted, "text_version": "2025-01",
                                 "actor_id": uid, "at": now})

        # Companies (20 per kelurahan), each with an employer account and its vacancies.
        per_kelurahan = max(1, vacancies // n_kel)
        companies_per_kelurahan = max(1, per_kelurahan // 5)
        company_id = 0
        employer_of: dict[int, int] = {}
        vacancy_id = 0
        vacancy_info: dict[int, tuple[int, str, int]] = {}  # id -> (kelurahan, title, company)
        for k in kel_rows:
            for c in range(companies_per_kelurahan):
                company_id += 1
                companies.append({"id": company_id, "name": f"PT {rng.choice(LAST)} {rng.choice(('Abadi', 'Makmur', 'Sentosa', 'Logam', 'Plastik', 'Tekstil'))} {company_id}",
                                  "kbli_code": "25920", "address": f"Jl. Industri {k['name']} {c + 1}", "kelurahan_id": k["id"],
                                  "contact_name": "Bu HRD", "contact_phone": f"0813{company_id:08d}",
                                  "contact_email": f"hrd{company_id:04d}@bench.test", "status": "verified",
                                  "verified_at": now, "created_at": now})
                employer_of[company_id] = new_user(email=f"hrd{company_id:04d}@bench.test", role="employer",
                                                   company_id=company_id, name=f"HRD {company_id}")
            first_company = company_id - companies_per_kelurahan + 1
            for v in range(per_kelurahan):
                vacancy_id += 1
                title = rng.choice(trades)
                skills, education_min, _majors = TRADES[title]
                cid = first_company + v % companies_per_kelurahan
                wage = rng.randrange(4_800_000, 5_600_000, 50_000)
                vacancy_rows.append({
                    "id": vacancy_id, "company_id": cid, "title": title,
                    "description": f"Dibutuhkan {title.lower()} untuk pabrik di {k['name']}. Penempatan sesuai shift.",
                    "skills": skills, "certificates": [], "education_min": education_min, "experience_years_min": 0.0,
                    "contract_type": rng.choice(CONTRACTS), "wage_min": wage, "wage_max": wage + 500_000,
                    "shift": rng.choice(SHIFTS), "location": k["name"], "kelurahan_id": k["id"],
                    "openings": rng.randint(20, 60), "deadline": (now + dt.timedelta(days=rng.randint(20, 90))).date(),
                    "status": "open", "created_at": now - dt.timedelta(minutes=vacancy_id), "updated_at": now,
                    "suggestions_at": now})
                vacancy_info[vacancy_id] = (k["id"], title, cid)
        # Some closed vacancies, as a real city has.
        closed_start = vacancy_id
        for extra in range(vacancies // 10):
            vacancy_id += 1
            base = vacancy_rows[extra % len(vacancy_rows)]
            vacancy_rows.append({**base, "id": vacancy_id, "status": rng.choice(("closed", "filled")),
                                 "created_at": now - dt.timedelta(days=200 + extra % 100)})

        # Stored suggestions: per open vacancy, the best residents of its kelurahan and of two neighbours.
        match_id = 0
        per_vacancy = max(1, suggestions // max(1, closed_start))
        own = per_vacancy // 2
        pair_seen: set[tuple[int, int]] = set()
        kel_ids = [k["id"] for k in kel_rows]
        for vid in range(1, closed_start + 1):
            kid, title, _cid = vacancy_info[vid]
            skills = TRADES[title][0]
            at = kel_ids.index(kid)
            pools = [(kid, own), (kel_ids[(at + 1) % n_kel], (per_vacancy - own) // 2),
                     (kel_ids[(at + 2) % n_kel], per_vacancy - own - (per_vacancy - own) // 2)]
            for pool_kelurahan, count in pools:
                chosen = rng.sample(by_kelurahan[pool_kelurahan], k=min(count * 3, len(by_kelurahan[pool_kelurahan])))
                picked = [s for s in chosen if s in eligible and (s, vid) not in pair_seen][:count]
                for rank, sid in enumerate(picked):
                    match_id += 1
                    pair_seen.add((sid, vid))
                    score = round(0.95 - rank * 0.012 - rng.random() * 0.01, 4)
                    kel_name = kel_rows[pool_kelurahan - 1]["name"]
                    matches.append({"id": match_id, "seeker_id": sid, "vacancy_id": vid, "status": "suggested",
                                    "score": score, "model_version": "prior-1",
                                    "reasons": _reasons(rng, title, skills, kel_name, "03", score),
                                    "interested": rng.random() < 0.03, "created_at": now, "updated_at": now})
        n_suggested = match_id

        # A year of referrals: referred, interview, hired or refused, each move an event.
        event_id = 0
        outcomes = ("referred", "interview", "hired", "refused")
        for _i in range(suggestions // 20):
            vid = rng.randint(1, closed_start)
            kid, title, cid = vacancy_info[vid]
            sid = rng.choice(by_kelurahan[kid])
            if (sid, vid) in pair_seen:
                continue
            pair_seen.add((sid, vid))
            match_id += 1
            status = rng.choice(outcomes)
            referred_at = now - dt.timedelta(days=rng.randint(1, 365))
            staff = staff_ids[kid][0]
            matches.append({"id": match_id, "seeker_id": sid, "vacancy_id": vid, "status": status,
                            "score": round(rng.uniform(0.4, 0.9), 4), "model_version": "prior-1",
                            "reasons": _reasons(rng, title, TRADES[title][0], kel_rows[kid - 1]["name"], "03", 0.7),
                            "interested": False, "referred_at": referred_at,
                            "interview_at": referred_at + dt.timedelta(days=3) if status != "referred" else None,
                            "start_date": (referred_at + dt.timedelta(days=14)).date() if status == "hired" else None,
                            "contract_type": "pkwt" if status == "hired" else None,
                            "reason_code": "skills" if status == "refused" else None,
                            "created_at": referred_at, "updated_at": referred_at})
            path = ["suggested", "referred"] + {"referred": [], "interview": ["interview"],
                                                 "hired": ["interview", "hired"], "refused": ["refused"]}[status]
            for step, (before, after) in enumerate(zip(path, path[1:])):
                event_id += 1
                actor = staff if after == "referred" else employer_of[cid]
                events.append({"id": event_id, "match_id": match_id, "from_status": before, "to_status": after,
                               "outcome": after, "reason_code": "skills" if after == "refused" else None, "note": "",
                               "actor_id": actor, "at": referred_at + dt.timedelta(days=step * 3)})

        with engine.begin() as conn:
            if engine.dialect.name == "sqlite":
                conn.execute(text("PRAGMA defer_foreign_keys=ON"))
            _insert(conn, Kelurahan.__table__, kel_rows, "kelurahan")
            _insert(conn, Company.__table__, companies, "company")
            _insert(conn, User.__table__, users, "user")
            _insert(conn, SeekerProfile.__table__, seekers, "seeker_profile")
            _insert(conn, ExperienceEntry.__table__, experiences, "experience")
            _insert(conn, ConsentRecord.__table__, consents, "consent_record")
            _insert(conn, Vacancy.__table__, vacancy_rows, "vacancy")
            _insert(conn, Match.__table__, matches, "match")
            _insert(conn, MatchEvent.__table__, events, "match_event")
            _insert(conn, AuditLog.__table__, [{"actor_id": admin_id, "action": "seed", "object_type": "bench",
                                                "object_id": "", "ip": "", "detail": "load benchmark data set", "at": now}],
                    "audit_log")
        if engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                for table in (Kelurahan, Company, User, SeekerProfile, ExperienceEntry, ConsentRecord, Vacancy, Match,
                              MatchEvent, AuditLog, Job):
                    name = table.__table__.name
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                                      f"COALESCE((SELECT MAX(id) FROM \"{name}\"), 0) + 1, false)"))
            # As after any bulk load: statistics, and every row marked visible once here rather
            # than by the first reads of the benchmark (which would otherwise write those marks
            # to hundreds of thousands of rows, and meet autovacuum doing the same).
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM (ANALYZE)"))
        else:
            with engine.begin() as conn:
                conn.execute(text("ANALYZE"))
        counts = {name: db.session.scalar(select(func.count()).select_from(model))
                  for name, model in (("kelurahan", Kelurahan), ("residents", SeekerProfile), ("users", User),
                                      ("companies", Company), ("vacancies_open", Vacancy), ("matches", Match),
                                      ("events", MatchEvent))}
        counts["vacancies_open"] = db.session.scalar(select(func.count()).select_from(Vacancy).where(Vacancy.status == "open"))
        counts["suggestions"] = db.session.scalar(select(func.count()).select_from(Match).where(Match.status == "suggested"))
        db.session.remove()
        engine.dispose()
    counts["seconds"] = round(time.perf_counter() - started, 1)
    assert counts["suggestions"] == n_suggested
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--residents", type=int, default=50_000)
    parser.add_argument("--vacancies", type=int, default=2_000)
    parser.add_argument("--suggestions", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    counts = seed(args.database_url, residents=args.residents, vacancies=args.vacancies,
                  suggestions=args.suggestions, seed_value=args.seed)
    print("seeded: " + ", ".join(f"{k}={v:,}" if isinstance(v, int) else f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
