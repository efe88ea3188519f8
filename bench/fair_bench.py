"""A job fair's booths against the production server (a benchmark, not a test).

    .venv/bin/python bench/fair_bench.py                                  # SQLite file in --workdir
    .venv/bin/python bench/fair_bench.py --database-url postgresql://postgres@127.0.0.1/lw_bench
    .venv/bin/python bench/fair_bench.py --flat-out --minutes 1           # no pacing: the most it takes
    .venv/bin/python bench/fair_bench.py --minutes 0.5 --visitors 200 --booths 5   # a quick try

Seeds a fair of --visitors residents (1,000) holding passes and --booths companies (30), each
with one vacancy at the fair and an HRD account, into a SQLite file in --workdir (or the database
of --database-url: it is the benchmark's own, its name says "bench", and its schema is dropped
and made again). Then starts gunicorn with gunicorn.conf.py as `make serve` does
(bench/load_bench.py: one sync worker per core plus one) on a free port (or --port), logs each booth's HRD in through the log-in form (before the
clock starts: the password hashing is not measured), and drives the server over HTTP (the
standard library's urllib, CSRF token from the booth page, as a browser) from one client thread
per booth in this process, apart from the server's processes: type a pass code (POST, answered
303 to the visit; the redirect is not followed), then one tap on a step for the booth's vacancy
(POST, 303). Each booth makes --scans per minute (20) for --minutes
(10): 6,000 scans by default, paced as at the fair (10 a second in all, the booths starting at
random moments of their first pause) unless --flat-out sends them as fast as the threads go. One
tap in ten is sent twice (a repeated tap must change nothing).

Prints p50/p95/max of the typed code and of the tap, the HTTP errors (any answer but 303, timeouts
and connection errors), the machine's load average at the start and the end, the server's CPU
time per scan, "database is locked" and tracebacks in the server log (--workdir/server.log), and
what the database holds afterwards: records against distinct pass-and-vacancy pairs (equal: never
a duplicate), referrals made. Target: no error, p95 of a tap <= 200 ms.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import secrets
import socket
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask_migrate import upgrade
from sqlalchemy import MetaData, func, select, text

from app import create_app
from app.auth.services import hash_password
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
from bench.load_bench import log_in, server_cpu_seconds, server_log_problems, start_server, stop_server
from bench.load_seed import BENCH_PASSWORD
from bench.refresh_bench import _opener, _why
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


def _seed(visitors: int, booths: int) -> tuple[int, list[str], list[tuple[str, int]]]:
    """The fair's id, its pass codes, and (HRD email, vacancy id) per booth."""
    kelurahan = Kelurahan(code="3671071006", name="Nusa Jaya", kecamatan="Karawaci", kota="Kota Tangerang",
                          provinsi="Banten", rw_list=["01", "02", "03"], letter_code="NJ")
    db.session.add(kelurahan)
    db.session.flush()
    staff = User(role=Role.STAFF, email="petugas@bench.test", name="Petugas", kelurahan_id=kelurahan.id)
    db.session.add(staff)
    start = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    fair = Fair(kelurahan_id=kelurahan.id, name="Bursa Kerja Uji Beban", place="Aula", starts_at=start,
                ends_at=start + dt.timedelta(hours=8), scope="kelurahan", capacity=0)
    db.session.add(fair)
    db.session.flush()
    password = hash_password(BENCH_PASSWORD)  # once: every HRD account has the same password
    stands = []
    for i in range(booths):
        company = Company(name=f"PT Stan {i:02d}", status="verified", kelurahan_id=kelurahan.id)
        db.session.add(company)
        db.session.flush()
        vacancy = Vacancy(company_id=company.id, title=f"Operator {i:02d}", status="open", openings=500,
                          skills=[], certificates=[], kelurahan_id=kelurahan.id)
        hrd = User(role=Role.EMPLOYER, email=f"hrd{i:02d}@bench.test", name=f"HRD {i:02d}", company_id=company.id,
                   password_hash=password)
        db.session.add_all([vacancy, hrd])
        db.session.flush()
        db.session.add_all([FairCompany(fair_id=fair.id, company_id=company.id, invited_by_id=staff.id,
                                        joined_at=start), FairVacancy(fair_id=fair.id, vacancy_id=vacancy.id)])
        stands.append((hrd.email, vacancy.id))
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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _post(opener, url: str, data: dict) -> tuple[int, float, str, str]:
    """(status, seconds, Location, body) of a POST whose redirect is not followed; status 0 for a
    connection error or a timeout."""
    payload = urllib.parse.urlencode(data).encode()
    started = time.perf_counter()
    try:
        with opener.open(urllib.request.Request(url, data=payload), timeout=30) as response:
            body = response.read().decode(errors="replace")
            return response.status, time.perf_counter() - started, "", body
    except urllib.error.HTTPError as answer:  # 303 included: the redirect handler declines it
        body = answer.read().decode(errors="replace")
        return answer.code, time.perf_counter() - started, answer.headers.get("Location", ""), body
    except OSError as error:
        return 0, time.perf_counter() - started, "", repr(error)


def _booth(browser, base, fair_id, codes, vacancy_id, scans, pause, seed, out, errors, stop) -> None:
    rng = random.Random(seed)
    opener = _opener(browser)
    booth_url = f"{base}/employer/bursa/{fair_id}/booth"
    if pause and stop.wait(rng.uniform(0, pause)):  # the booths do not all scan at the same moment
        return
    for _ in range(scans):
        if stop.is_set():
            return
        began = time.perf_counter()
        status, seconds, location, body = _post(opener, booth_url, {"csrf_token": browser.csrf,
                                                                    "code": rng.choice(codes)})
        out["code"].append(seconds)
        if status != 303:
            errors.append(("code", status, _why(body)[:120]))
        else:
            visit_url = urllib.parse.urljoin(booth_url, location)
            step = rng.choice(STEPS)
            for _repeat in range(2 if rng.random() < 0.1 else 1):
                status, seconds, _location, body = _post(opener, visit_url, {
                    "csrf_token": browser.csrf, "vacancy": str(vacancy_id), "outcome": step})
                out["tap"].append(seconds)
                if status != 303:
                    errors.append(("tap", status, _why(body)[:120]))
        if pause:
            stop.wait(max(0.0, pause - (time.perf_counter() - began)))


def _figures(name: str, values: list[float]) -> str:
    if not values:
        return f"{name:<14} no requests"
    ordered = sorted(values)
    return (f"{name:<14} n={len(values):>6}  p50={statistics.median(values) * 1000:7.1f} ms  "
            f"p95={_p95(values) * 1000:7.1f} ms  max={ordered[-1] * 1000:7.1f} ms")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else float("inf")


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--visitors", type=int, default=1_000)
    parser.add_argument("--booths", type=int, default=30)
    parser.add_argument("--scans", type=int, default=20, help="scans a minute per booth")
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--flat-out", action="store_true", help="send the scans at once instead of pacing them")
    parser.add_argument("--database-url", default="", help="e.g. PostgreSQL (its schema is dropped and made again)")
    parser.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "lokerwarga-fair-bench"),
                        help="the SQLite file and the server's log")
    parser.add_argument("--port", type=int, default=0, help="the server's port (default: a free one)")
    parser.add_argument("--seed", type=int, default=21)
    args = parser.parse_args()

    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    url = args.database_url
    if url and "bench" not in url.rsplit("/", 1)[-1]:
        parser.error("--database-url: the benchmark wipes its database; give one whose name says bench")
    if not url:
        for stale in workdir.glob("fair.db*"):
            stale.unlink()
        url = f"sqlite:///{workdir / 'fair.db'}"
    secret = secrets.token_urlsafe(48)  # the same for the seeding here and the server
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": secret})
    _reset(app)
    started = time.perf_counter()
    with app.app_context():
        fair_id, codes, stands = _seed(args.visitors, args.booths)
        db.engine.dispose()  # no connection of this process stays open beside the server's
    print(f"database  {url.split('@')[-1]}")
    print(f"seeded    {args.visitors} passes, {args.booths} booths in {time.perf_counter() - started:.1f} s", flush=True)

    port = args.port or _free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY=secret, PYTHONUNBUFFERED="1")
    env.pop("ACCESS_LOG", None)
    log = workdir / "server.log"
    server = start_server(None, port, env, log)
    workers = os.environ.get("WEB_CONCURRENCY") or (os.cpu_count() or 1) + 1
    print(f"server    gunicorn, {workers} sync workers, {base} (log: {log})", flush=True)
    scans = round(args.scans * args.minutes)
    pause = 0.0 if args.flat_out else 60 / args.scans
    out: dict[str, list[float]] = {"code": [], "tap": []}
    errors: list[tuple[str, int, str]] = []
    stop = threading.Event()
    try:
        browsers = []
        for email, _vacancy in stands:  # the real log-in form, password hashing included, off the clock
            browser = log_in(base, email)
            browser.get(f"/employer/bursa/{fair_id}/booth")  # the booth page: its CSRF token
            browsers.append(browser)
        print(f"logged in {len(browsers)} HRD accounts", flush=True)
        threads = [threading.Thread(target=_booth, daemon=True, args=(
            browser, base, fair_id, codes, vacancy, scans, pause, args.seed * 1000 + n, out, errors, stop))
            for n, (browser, (_email, vacancy)) in enumerate(zip(browsers, stands))]
        load_start = _load()
        cpu = server_cpu_seconds(server.pid)
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        cpu = server_cpu_seconds(server.pid) - cpu
        load_end = _load()
    finally:
        stop.set()
        stop_server(server)

    print(f"drove     {len(threads)} booths × {scans} scans in {elapsed:.1f} s "
          f"({len(out['code']) / elapsed:.1f} scans/s{', flat out' if args.flat_out else ''})")
    print(f"load      average of the machine (1, 5, 15 min; other programs included): "
          f"at the start {load_start}, at the end {load_end}")
    print(f"server    {1000 * cpu / max(1, len(out['code'])):.1f} ms of CPU per scan (code and tap)")
    print(_figures("typed code", out["code"]))
    print(_figures("tap (record)", out["tap"]))
    print(f"errors    {len(errors)}" + (f"  e.g. {errors[:5]}" if errors else ""))
    problems = server_log_problems(log)
    print(f"log       \"database is locked\": {problems['database_is_locked']}, tracebacks: {problems['tracebacks']}")
    with app.app_context():
        records = db.session.scalar(select(func.count()).select_from(FairRecord))
        pairs = db.session.scalar(select(func.count()).select_from(
            select(FairRecord.pass_id, FairRecord.vacancy_id).distinct().subquery()))
        referrals = db.session.scalar(select(func.count()).select_from(Match).where(Match.fair_id == fair_id))
        db.engine.dispose()
    print(f"database  {records} records for {pairs} pass-and-vacancy pairs; {referrals} referrals from the fair")
    met = not errors and _p95(out["tap"]) <= 0.200
    print(f"target: no error, p95 of a tap <= 200 ms: {'MET' if met else 'NOT MET'}")
    return 0 if met and records == pairs else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("interrupted (the server is stopped)")
