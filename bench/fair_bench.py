"""A job fair's booths under load, in process (a benchmark, not a test).

    .venv/bin/python bench/fair_bench.py                                  # SQLite file in a temporary folder
    .venv/bin/python bench/fair_bench.py --database-url postgresql://postgres@127.0.0.1/lw_bench
    .venv/bin/python bench/fair_bench.py --flat-out --minutes 1           # no pacing: the most it takes

Seeds a fair of --visitors residents (1,000) holding passes and --booths companies (30), each
with one vacancy at the fair and an HRD account, then runs one thread per booth through the
app's own pages (Flask's test client, so without a web server): type a pass code (POST, the
redirect to the visit), then one tap on a step for the booth's vacancy (POST). Each booth makes
--scans per minute (20) for --minutes (10): 6,000 scans by default, paced as at the fair (10 a
second in all) unless --flat-out sends them as fast as the threads go (then the one process and
its database are the limit, and the app's bounded waits answer 503). One tap in ten is sent twice
(a repeated tap must change nothing).

Prints p50/p95/max of the typed code and of the tap, the HTTP errors, and what the database
holds afterwards: records against distinct pass-and-vacancy pairs (equal: never a duplicate),
referrals made. Target: no error, p95 of a tap <= 200 ms. The database given with
--database-url is the benchmark's own: its schema is dropped and made again.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade
from sqlalchemy import MetaData, func, select, text

from app import create_app
from app.extensions import db
from app.fairs import services
from app.models import (
    Company,
    Fair,
    FairCompany,
    FairRecord,
    FairVacancy,
    Kelurahan,
    Match,
    Role,
    SeekerProfile,
    User,
    Vacancy,
)
from tests.factories import make_nik

STEPS = ("applied", "interview", "shortlisted")


def _reset(app) -> None:
    with app.app_context():
        with db.engine.begin() as conn:
            if db.engine.dialect.name == "postgresql":
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            else:
                meta = MetaData()
                meta.reflect(bind=conn)
                meta.drop_all(conn)
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()


def _seed(visitors: int, booths: int) -> tuple[int, list[str], list[tuple[int, int]]]:
    """The fair's id, its pass codes, and (HRD user id, vacancy id) per booth."""
    kelurahan = Kelurahan(code="3671071006", name="Nusa Jaya", kecamatan="Karawaci", kota="Kota Tangerang",
                          provinsi="Banten", rw_list=["01", "02", "03"], letter_code="NJ")
    db.session.add(kelurahan)
    db.session.flush()
    staff = User(role=Role.STAFF, email="petugas@bench.test", name="Petugas", kelurahan_id=kelurahan.id)
    db.session.add(staff)
    start = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
    fair = Fair(kelurahan_id=kelurahan.id, name="Bursa Kerja Uji Beban", place="Aula", starts_at=start,
                ends_at=start + dt.timedelta(hours=8), scope="kelurahan", capacity=0)
    db.session.add(fair)
    db.session.flush()
    stands = []
    for i in range(booths):
        company = Company(name=f"PT Stan {i:02d}", status="verified", kelurahan_id=kelurahan.id)
        db.session.add(company)
        db.session.flush()
        vacancy = Vacancy(company_id=company.id, title=f"Operator {i:02d}", status="open", openings=500,
                          skills=[], certificates=[], kelurahan_id=kelurahan.id)
        hrd = User(role=Role.EMPLOYER, email=f"hrd{i:02d}@bench.test", name=f"HRD {i:02d}", company_id=company.id)
        db.session.add_all([vacancy, hrd])
        db.session.flush()
        db.session.add_all([FairCompany(fair_id=fair.id, company_id=company.id, invited_by_id=staff.id,
                                        joined_at=start), FairVacancy(fair_id=fair.id, vacancy_id=vacancy.id)])
        stands.append((hrd.id, vacancy.id))
    codes = []
    for i in range(visitors):
        birth = dt.date(1985 + i % 20, 1 + i % 12, 1 + i % 28)
        sex = "LP"[i % 2]
        seeker = SeekerProfile(kelurahan_id=kelurahan.id, full_name=f"Warga Uji {i:04d}", birth_date=birth, sex=sex,
                               nik=make_nik(birth, sex, serial=i + 1), education="SMA", skills=[], certificates=[],
                               desired_positions=[], shifts=[], contract_wishes=[], consent_sharing=True,
                               consent_registration=True, phone=f"0812{i:08d}")
        db.session.add(seeker)
        db.session.flush()
        codes.append(services.register_pass(fair, seeker, staff).code)
        if i % 200 == 199:
            db.session.commit()
    db.session.commit()
    return fair.id, codes, stands


def _signed_in(app, user_id: int):
    client = app.test_client()
    now = int(time.time())
    with app.app_context():
        user = db.session.get(User, user_id)
        token = user.get_id()
    with client.session_transaction() as session:  # as after a log-in, without the password hashing
        session.update({"_user_id": token, "_fresh": True, "login_at": now, "seen_at": now})
    return client


def _booth(app, fair_id, codes, hrd_id, vacancy_id, scans, pause, seed, out, errors) -> None:
    rng = random.Random(seed)
    client = _signed_in(app, hrd_id)
    for _ in range(scans):
        began = time.perf_counter()
        code = rng.choice(codes)
        typed = client.post(f"/employer/bursa/{fair_id}/booth", data={"code": code})
        found = time.perf_counter()
        if typed.status_code != 303:
            errors.append(("code", typed.status_code))
            continue
        visit_url = typed.headers["Location"]
        step = rng.choice(STEPS)
        for _repeat in range(2 if rng.random() < 0.1 else 1):
            tap_began = time.perf_counter()
            tap = client.post(visit_url, data={"vacancy": str(vacancy_id), "outcome": step})
            out["tap"].append(time.perf_counter() - tap_began)
            if tap.status_code != 303:
                errors.append(("tap", tap.status_code))
        out["code"].append(found - began)
        if pause:
            time.sleep(max(0.0, pause - (time.perf_counter() - began)))


def _figures(name: str, values: list[float]) -> str:
    if not values:
        return f"{name:<14} no requests"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return (f"{name:<14} n={len(values):>6}  p50={statistics.median(values) * 1000:7.1f} ms  "
            f"p95={p95 * 1000:7.1f} ms  max={ordered[-1] * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--visitors", type=int, default=1_000)
    parser.add_argument("--booths", type=int, default=30)
    parser.add_argument("--scans", type=int, default=20, help="scans a minute per booth")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--flat-out", action="store_true", help="send the scans at once instead of pacing them")
    parser.add_argument("--database-url", default="")
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()

    url = args.database_url or "sqlite:///" + str(Path(tempfile.mkdtemp(prefix="fair-bench-")) / "bench.db")
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "fair-bench", "WTF_CSRF_ENABLED": False,
                      "SERVER_NAME": "localhost"})
    _reset(app)
    started = time.perf_counter()
    with app.app_context():
        fair_id, codes, stands = _seed(args.visitors, args.booths)
    print(f"database  {app.config['SQLALCHEMY_DATABASE_URI'].split('@')[-1]}")
    print(f"seeded    {args.visitors} passes, {args.booths} booths in {time.perf_counter() - started:.1f} s")

    scans = round(args.scans * args.minutes)
    pause = 0.0 if args.flat_out else 60 / args.scans
    out: dict[str, list[float]] = {"code": [], "tap": []}
    errors: list[tuple[str, int]] = []
    threads = [threading.Thread(target=_booth, args=(app, fair_id, codes, hrd, vacancy, scans, pause,
                                                     args.seed * 1000 + n, out, errors))
               for n, (hrd, vacancy) in enumerate(stands)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    print(f"drove     {len(threads)} booths × {scans} scans in {elapsed:.1f} s "
          f"({len(out['code']) / elapsed:.0f} scans/s)")
    print(_figures("typed code", out["code"]))
    print(_figures("tap (record)", out["tap"]))
    print(f"errors    {len(errors)}" + (f"  e.g. {errors[:5]}" if errors else ""))
    with app.app_context():
        records = db.session.scalar(select(func.count()).select_from(FairRecord))
        pairs = db.session.scalar(select(func.count()).select_from(
            select(FairRecord.pass_id, FairRecord.vacancy_id).distinct().subquery()))
        referrals = db.session.scalar(select(func.count()).select_from(Match).where(Match.fair_id == fair_id))
    print(f"database  {records} records for {pairs} pass-and-vacancy pairs; {referrals} referrals from the fair")


if __name__ == "__main__":
    main()
