"""Load benchmark of the production server on a city-scale data set (not a timed test).

    .venv/bin/python bench/load_bench.py --db sqlite            # seeds, serves, measures, prints
    .venv/bin/python bench/load_bench.py --db postgresql        # database lokerwarga_bench on 127.0.0.1
    .venv/bin/python bench/load_bench.py --db sqlite --reuse    # keep the data set of the last run

Steps: seed the data set (bench/load_seed.py: 20 kelurahan, 50,000 residents, 2,000 open vacancies,
200,000 stored suggestions), start gunicorn with gunicorn.conf.py exactly as `make serve` does,
start a bare Flask "hello" app with the same settings (the framework's ceiling), log in residents,
staff (with their second factor) and employers to collect session cookies, then drive the
servers with wrk (bench/load_mixed.lua) from a separate process on the same machine:

  ceiling      hello page, 16 connections
  light        each hot page alone, 1 connection (latency without queueing)
  loaded       staff suggestions page, 16 connections (throughput)
  mixed        60 s of resident home, vacancy list, staff suggestions, active search, employer
               vacancy page, refer (POST) and employer answer (POST), 16 connections

and print requests per second, p50/p95/p99 latency, errors, 5xx responses, the server's CPU time
per request (a figure that other programs sharing the machine do not change) and the number of
"database is locked" errors in the server log. Needs wrk (Debian: apt-get install wrk).
Targets (2 cores): suggestions p95 <= 50 ms light, >= 300 req/s at 16 connections; zero 5xx and
zero "database is locked" in the mixed run.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load_seed import BENCH_PASSWORD, BENCH_TOTP_SECRET, seed  # noqa: E402

PYTHON = sys.executable
SQLITE_URL = "sqlite:///{dir}/lokerwarga-bench.db"
PG_URL = "postgresql://postgres@127.0.0.1:5432/lokerwarga_bench"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"|"X-CSRFToken": "([^"]+)"')
PAGES = ("suggestions", "resident_home", "vacancy_list", "search", "employer_vacancy")
TERMS = ("Budi", "Siti", "Santoso", "Dewi", "Wijaya", "Agus+Saputra", "Lestari", "Rizky", "Putri", "Hidayat",
         "Nur", "Eko", "Sri", "Pratama", "Ayu", "0812000012", "Kurniawan", "Yuni")


# ---------------------------------------------------------------- servers


def _wait_healthy(url: str, process: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"server did not answer {url} within {timeout} s")


def start_server(app_spec: str | None, port: int, env: dict, log: Path) -> subprocess.Popen:
    command = [PYTHON, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "--bind", f"127.0.0.1:{port}"]
    if app_spec:
        command.append(app_spec)
    handle = log.open("w")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        _wait_healthy(f"http://127.0.0.1:{port}/" + ("healthz" if app_spec is None else ""), process, log)
    except BaseException:  # no answer in time, or Ctrl-C: no server is left behind
        stop_server(process)
        raise
    return process


def stop_server(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# ---------------------------------------------------------------- sessions


class Browser:
    """Just enough of a browser: cookies, redirects, CSRF tokens from the pages."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.csrf = ""

    def get(self, path: str) -> tuple[str, str]:
        with self.opener.open(self.base + path, timeout=30) as response:
            body = response.read().decode()
            self._token(body)
            return response.geturl(), body

    def post(self, path: str, data: dict) -> tuple[str, str]:
        payload = urllib.parse.urlencode({"csrf_token": self.csrf, **data}).encode()
        with self.opener.open(urllib.request.Request(self.base + path, data=payload), timeout=30) as response:
            body = response.read().decode()
            self._token(body)
            return response.geturl(), body

    def _token(self, body: str) -> None:
        found = CSRF.search(body)
        if found:
            self.csrf = found.group(1) or found.group(2)

    @property
    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)


def log_in(base: str, login: str) -> Browser:
    browser = Browser(base)
    browser.get("/login")
    url, body = browser.post("/login", {"login": login, "password": BENCH_PASSWORD})
    if url.endswith("/login/2fa"):
        import pyotp

        url, body = browser.post("/login/2fa", {"code": pyotp.TOTP(BENCH_TOTP_SECRET).now()})
    if url.rstrip("/").endswith("/login") or "/login/2fa" in url:
        raise SystemExit(f"could not log in as {login}: ended at {url}")
    return browser


def prepare_sessions(base: str, url: str, residents: int, employers: int) -> dict:
    """Logged-in users and what each one will ask for, read from the data set."""
    from sqlalchemy import create_engine, text

    from app.config import database_url

    engine = create_engine(database_url(url))
    data: dict = {"residents": [], "staff": [], "employers": [], "terms": list(TERMS)}
    with engine.connect() as conn:
        resident_logins = conn.execute(text(
            "SELECT u.email FROM \"user\" u JOIN seeker_profile s ON s.user_id = u.id "
            "WHERE u.role = 'seeker' AND EXISTS (SELECT 1 FROM \"match\" m WHERE m.seeker_id = s.id) "
            "ORDER BY s.id LIMIT :n"), {"n": residents}).scalars().all()
        staff = conn.execute(text(
            "SELECT MIN(u.email), u.kelurahan_id FROM \"user\" u WHERE u.role = 'staff' GROUP BY u.kelurahan_id "
            "ORDER BY u.kelurahan_id")).all()
        staff_plan = []
        for email, kelurahan_id in staff:
            vacancies = conn.execute(text(
                "SELECT DISTINCT m.vacancy_id FROM \"match\" m JOIN seeker_profile s ON s.id = m.seeker_id "
                "JOIN vacancy v ON v.id = m.vacancy_id WHERE s.kelurahan_id = :k AND m.status = 'suggested' "
                "AND v.status = 'open' ORDER BY m.vacancy_id LIMIT 200"), {"k": kelurahan_id}).scalars().all()
            refer = conn.execute(text(
                "SELECT m.vacancy_id, m.id FROM \"match\" m JOIN seeker_profile s ON s.id = m.seeker_id "
                "JOIN vacancy v ON v.id = m.vacancy_id WHERE s.kelurahan_id = :k AND m.status = 'suggested' "
                "AND s.consent_sharing AND v.status = 'open' ORDER BY m.id LIMIT 600"), {"k": kelurahan_id}).all()
            staff_plan.append((email, [int(v) for v in vacancies], [[int(a), int(b)] for a, b in refer]))
        employer_rows = conn.execute(text(
            "SELECT u.email, u.company_id FROM \"user\" u WHERE u.role = 'employer' AND EXISTS ("
            "SELECT 1 FROM \"match\" m JOIN vacancy v ON v.id = m.vacancy_id WHERE v.company_id = u.company_id "
            "AND m.status IN ('referred', 'interview')) ORDER BY u.company_id LIMIT :n"), {"n": employers}).all()
        employer_plan = []
        for email, company_id in employer_rows:
            answers = conn.execute(text(
                "SELECT m.id, m.vacancy_id FROM \"match\" m JOIN vacancy v ON v.id = m.vacancy_id "
                "WHERE v.company_id = :c AND m.status IN ('referred', 'interview') ORDER BY m.id"), {"c": company_id}).all()
            employer_plan.append((email, sorted({int(v) for _m, v in answers}), [int(m) for m, _v in answers]))
    engine.dispose()

    for email in resident_logins:
        data["residents"].append({"key": email, "cookie": log_in(base, email).cookie})
    for email, vacancies, refer in staff_plan:
        browser = log_in(base, email)
        browser.get("/staff/")
        data["staff"].append({"key": email, "cookie": browser.cookie, "csrf": browser.csrf,
                              "vacancies": vacancies, "refer": refer})
    for email, vacancies, answers in employer_plan:
        browser = log_in(base, email)
        browser.get("/employer/")
        data["employers"].append({"key": email, "cookie": browser.cookie, "csrf": browser.csrf,
                                  "vacancies": vacancies, "answers": answers})
    return data


def refresh_cookies(base: str, data: dict) -> int:
    """Bring every session cookie up to date, as each person's browser keeps it: the server moves
    a session's idle clock forward every 30 s (a new cookie), and wrk would otherwise send the
    cookie of the log-in for ever, so that every request of a later run rewrote it. wrk does not
    take up a new cookie during a run: from 30 s after this, each request of a session that
    outlasts that (the mixed run) is signed afresh again. Returns the number of cookies changed."""
    changed = 0
    for group in ("residents", "staff", "employers"):
        for entry in data[group]:
            request = urllib.request.Request(base + "/healthz", headers={"Cookie": entry["cookie"]})
            with urllib.request.urlopen(request, timeout=30) as response:
                for header in response.headers.get_all("Set-Cookie") or ():
                    name, _eq, rest = header.partition("=")
                    value = rest.split(";", 1)[0]
                    cookies = dict(part.split("=", 1) for part in entry["cookie"].split("; ") if "=" in part)
                    if cookies.get(name) != value:
                        cookies[name] = value
                        entry["cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
                        changed += 1
    return changed


def lua_value(value) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"[{json.dumps(k)}] = {lua_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "{" + ", ".join(lua_value(v) for v in value) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value))


# ---------------------------------------------------------------- wrk


ACCEPT_ENCODING = "gzip, deflate, br"  # what the residents' Android browsers send


def wrk(base: str, mode: str, connections: int, duration: int, data_file: Path, workdir: Path,
        threads: int = 2) -> dict:
    out = workdir / f"wrk-{mode}-{connections}.json"
    threads = min(threads, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "10s",
               "-s", str(ROOT / "bench" / "load_mixed.lua"), base, "--", mode, str(data_file), str(out), str(threads)]
    env = dict(os.environ, WRK_RESULT=str(out), WRK_ACCEPT_ENCODING=ACCEPT_ENCODING)
    completed = subprocess.run(command, capture_output=True, text=True, env=env)
    if completed.returncode != 0 or not out.exists():
        raise SystemExit(f"wrk failed: {completed.stderr}\n{completed.stdout}")
    result = json.loads(out.read_text())
    seconds = result["duration_us"] / 1e6
    statuses = {int(k): v for k, v in result["statuses"].items()}
    return {
        "scenario": mode, "connections": connections, "seconds": round(seconds, 1), "requests": result["requests"],
        "rps": round(result["requests"] / seconds, 1),
        "p50_ms": result["p50_us"] / 1000, "p95_ms": result["p95_us"] / 1000, "p99_ms": result["p99_us"] / 1000,
        "socket_errors": sum(v for k, v in result["errors"].items() if k != "status"),
        "non_2xx_3xx": result["errors"]["status"], "5xx": sum(v for k, v in statuses.items() if k >= 500),
        "statuses": statuses, "kinds": result["kinds"],
    }


def server_cpu_seconds(pgid: int) -> float:
    """CPU time used so far by a server's processes (its process group), reaped workers included:
    a figure that the other programs sharing the machine do not change, unlike req/s."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # fields[0] is the state (field 3); pgrp is field 5, utime..cstime are fields 14-17.
        if int(fields[2]) == pgid:
            utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
            total += utime + stime + (cutime + cstime if int(stat.parent.name) == pgid else 0)
    return total / ticks


def server_log_problems(log: Path) -> dict:
    text = log.read_text(errors="replace")
    return {"database_is_locked": text.count("database is locked"), "tracebacks": text.count("Traceback (most recent")}


# ---------------------------------------------------------------- report


def table(rows: list[dict]) -> str:
    head = "| scenario | conn | req/s | p50 ms | p95 ms | p99 ms | errors | 5xx | server CPU ms/req |"
    lines = [head, "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['label']} | {r['connections']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | "
                     f"{r['p99_ms']:.1f} | {r['socket_errors'] + r['non_2xx_3xx']} | {r['5xx']} | {r['cpu_ms']:.2f} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--database-url", help="override the database (it is wiped and seeded unless --reuse)")
    parser.add_argument("--reuse", action="store_true", help="keep the data set already in the database")
    parser.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "lokerwarga-bench"))
    parser.add_argument("--duration", type=int, default=60, help="seconds of the mixed run")
    parser.add_argument("--page-seconds", type=int, default=10, help="seconds of each single-page run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--residents", type=int, default=50_000)
    parser.add_argument("--vacancies", type=int, default=2_000)
    parser.add_argument("--suggestions", type=int, default=200_000)
    parser.add_argument("--no-compression", action="store_true",
                        help="do not send Accept-Encoding (by default wrk asks for compressed pages like a browser)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    global ACCEPT_ENCODING
    if args.no_compression:
        ACCEPT_ENCODING = ""

    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    url = args.database_url or (SQLITE_URL.format(dir=workdir) if args.db == "sqlite" else PG_URL)
    if url.startswith("postgresql") and not args.database_url:
        exists = subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAq", "-c",
                                 "SELECT 1 FROM pg_database WHERE datname = 'lokerwarga_bench'"],
                                capture_output=True, text=True).stdout.strip()
        if not exists:
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", "CREATE DATABASE lokerwarga_bench"],
                           check=True)
    counts = None
    if args.reuse:  # the schema may have moved on since the data set was made
        from flask_migrate import upgrade

        from app import create_app

        reused = create_app({"SQLALCHEMY_DATABASE_URI": url})
        with reused.app_context():
            upgrade()
            from app.extensions import db

            db.engine.dispose()
    else:
        print(f"seeding {url} ...", flush=True)
        counts = seed(url, residents=args.residents, vacancies=args.vacancies, suggestions=args.suggestions)
        print("seeded: " + ", ".join(f"{k}={v:,}" if isinstance(v, int) else f"{k}={v}" for k, v in counts.items()))

    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY=secrets.token_urlsafe(48), PYTHONUNBUFFERED="1")
    env.pop("ACCESS_LOG", None)
    app_log, hello_log = workdir / "server.log", workdir / "hello.log"
    base, hello_base = f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.port + 1}"
    server = start_server(None, args.port, env, app_log)
    hello = start_server("bench.load_hello:app", args.port + 1, env, hello_log)
    rows: list[dict] = []
    try:
        print("logging in ...", flush=True)
        data = prepare_sessions(base, url, residents=200, employers=40)
        data_file = workdir / "data.lua"
        data_file.write_text("DATA = " + lua_value(data) + "\n")
        print(f"sessions: {len(data['residents'])} residents, {len(data['staff'])} staff, "
              f"{len(data['employers'])} employers", flush=True)
        c = args.connections
        wrk(base, "mixed", c, 5, data_file, workdir)  # warm-up: templates compiled, caches filled
        wrk(hello_base, "hello", c, 3, data_file, workdir)

        def run(label: str, target: str, mode: str, connections: int, duration: int) -> dict:
            print(f"  {label} ...", flush=True)
            if target == base:
                changed = refresh_cookies(base, data)
                data_file.write_text("DATA = " + lua_value(data) + "\n")
                if changed:
                    print(f"    {changed} session cookies brought up to date", flush=True)
            process = hello if target == hello_base else server
            cpu = server_cpu_seconds(process.pid)
            row = wrk(target, mode, connections, duration, data_file, workdir)
            row["cpu_ms"] = 1000 * (server_cpu_seconds(process.pid) - cpu) / max(1, row["requests"])
            row["label"] = label
            rows.append(row)
            return row

        run("hello (ceiling)", hello_base, "hello", c, args.page_seconds)
        run("hello (ceiling), light", hello_base, "hello", 1, args.page_seconds)
        for page in PAGES:
            run(f"{page}, light", base, page, 1, args.page_seconds)
        run("suggestions, loaded", base, "suggestions", c, max(args.page_seconds, 20))
        before = server_log_problems(app_log)
        mixed = run("mixed", base, "mixed", c, args.duration)
        after = server_log_problems(app_log)
        mixed["database_is_locked"] = after["database_is_locked"] - before["database_is_locked"]
        mixed["tracebacks"] = after["tracebacks"] - before["tracebacks"]
    finally:
        stop_server(server)
        stop_server(hello)

    workers = os.environ.get("WEB_CONCURRENCY") or os.cpu_count() + 1
    threads = int(os.environ.get("GUNICORN_THREADS") or 1)
    print()
    print(f"LokerWarga load benchmark · {'PostgreSQL' if url.startswith('postgres') else 'SQLite'} · "
          f"{os.cpu_count()} cores · Python {platform.python_version()} · gunicorn {workers} "
          f"{'sync workers' if threads == 1 else f'workers × {threads} threads'}"
          f" · Accept-Encoding: {ACCEPT_ENCODING or 'none'}")
    if counts:
        print("data: " + ", ".join(f"{k} {v:,}" for k, v in counts.items() if isinstance(v, int)))
    print(f"load average of the machine (other programs included) at the end: {os.getloadavg()[0]:.1f}")
    print(table(rows))
    mixed = rows[-1]
    print(f"mixed run: {mixed['requests']:,} requests, statuses {mixed['statuses']}, "
          f"\"database is locked\" in server log: {mixed['database_is_locked']}, tracebacks: {mixed['tracebacks']}")
    print(f"mix: {mixed['kinds']}")
    light = next(r for r in rows if r["label"] == "suggestions, light")
    loaded = next(r for r in rows if r["label"] == "suggestions, loaded")
    # A page that answers with a redirect (an expired session: 302 to the login page) is not a page.
    unexpected = {r["label"]: r["statuses"] for r in rows if r["scenario"] != "mixed" and set(r["statuses"]) != {200}}
    unexpected_mixed = {k: v for k, v in mixed["statuses"].items() if k not in (200, 303)}
    checks = {
        "every single-page request answered 200": not unexpected,
        "mixed: only 200 and 303 (after a POST)": not unexpected_mixed,
        "suggestions p95 <= 50 ms (light)": light["p95_ms"] <= 50,
        f"suggestions >= 300 req/s at {c} connections": loaded["rps"] >= 300,
        "mixed: zero 5xx": mixed["5xx"] == 0,
        "mixed: zero 'database is locked'": mixed["database_is_locked"] == 0,
        "mixed: no errors": mixed["socket_errors"] + mixed["non_2xx_3xx"] == 0,
    }
    cores = os.cpu_count() or 1
    print(f"suggestions page: {loaded['cpu_ms']:.1f} ms of server CPU per request, so at most about "
          f"{cores * 1000 / loaded['cpu_ms']:.0f} req/s on {cores} idle cores (web server alone)")
    for name, ok in checks.items():
        print(f"  {'PASS' if ok else 'MISS'}  {name}")
    if args.json:
        Path(args.json).write_text(json.dumps({"database": url.split(":")[0], "rows": rows, "checks": checks,
                                               "counts": counts}, indent=2, default=str))
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
