"""The desk during a city-wide ranking refresh on SQLite (a benchmark, not a test).

    .venv/bin/python bench/refresh_bench.py                 # seeds, serves, refreshes, drives, prints
    .venv/bin/python bench/refresh_bench.py --reuse         # keep the data set of the last run

Steps: seed the city data set (bench/load_seed.py: 50,000 residents, 2,000 open vacancies) into a
SQLite file in --workdir, start gunicorn as `make serve` does (bench/load_bench.py, with
RANKING_UPDATES=worker and JOBS_BACKEND=db) and one `flask --app app worker` beside it, log in
residents and the staff of several kelurahan, drive the desk for --baseline seconds (30) without
the worker (the figures to compare with), then start the worker, queue `ranking.refresh_all` with
`flask jobs enqueue`, and for --duration seconds (180) drive the server from --threads client
threads (4, each pausing about --pause seconds between requests):

  pages   staff work queue, resident search, a vacancy's suggestions, the profile form,
          resident home, vacancy list (GET)
  saves   a resident saving the profile form (its current values, "Tentang saya" changed),
          staff referring a suggested resident ("rujuk") and verifying a resident's data (POST)

Each request's latency and status are recorded. It prints p50/p95/max of saves and of page views,
HTTP errors (>= 500 other than 503, and connection errors), 503s ("sedang sibuk") separately,
"database is locked" and tracebacks in the server and worker logs, the saves found in the
database afterwards, the longest wait for SQLite's write lock seen by a probe that takes it every
0.1 s (so, roughly, the longest time another connection held it), and the refresh job's progress.
Targets: 0 "database is locked", 0 errors, p95 of a save <= 500 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load_bench import (
    PYTHON,
    TERMS,
    Browser,
    log_in,
    server_log_problems,
    start_server,
    stop_server,
)
from bench.load_seed import seed

MARK = "refresh-bench"  # put in the saved "Tentang saya", to find the saves in the database afterwards
MIX = (  # kind, weight
    ("staff_queue", 8), ("staff_search", 10), ("suggestions", 12), ("resident_home", 14), ("vacancy_list", 12),
    ("profile_save", 22), ("refer", 14), ("verify", 8),
)
SAVES = {"profile_save", "refer", "verify"}


# ---------------------------------------------------------------- HTTP


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a save answers 303: time the POST alone
        return None


def _opener(browser: Browser):
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(browser.jar), _NoRedirect)


def _request(opener, url: str, data: dict | None = None, headers: dict | None = None) -> tuple[int, float, str]:
    """(status, seconds, body); status 0 for a connection error or a timeout."""
    payload = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    started = time.perf_counter()
    try:
        with opener.open(urllib.request.Request(url, data=payload, headers=headers or {}), timeout=30) as response:
            body = response.read().decode(errors="replace")
            return response.status, time.perf_counter() - started, body
    except urllib.error.HTTPError as error:
        body = error.read().decode(errors="replace")
        return error.code, time.perf_counter() - started, body
    except OSError:
        return 0, time.perf_counter() - started, ""


def _why(body: str) -> str:
    """What a page that was not expected says: its field errors, else its heading."""
    errors = re.findall(r'<p class="error"[^>]*>(.*?)</p>', body, re.DOTALL)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.DOTALL)
    return "; ".join(errors) if errors else (heading.group(1).strip() if heading else body[:160])


class _FormValues(HTMLParser):
    """The values a browser would send from the form posting to `action`."""

    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action, self.inside, self.values = action, False, []
        self._select = self._textarea = None
        self._options: list[tuple[str, bool]] = []
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = urllib.parse.urlsplit(a.get("action") or "").path == self.action
        if not self.inside:
            return
        if tag == "input" and a.get("name"):
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "file", "password"):
                self.values.append((a["name"], a.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select, self._options = a.get("name"), []
        elif tag == "option" and self._select:
            self._options.append((a.get("value", ""), "selected" in a))
        elif tag == "textarea":
            self._textarea, self._text = a.get("name"), ""

    def handle_data(self, data):
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self._select:
            chosen = [v for v, selected in self._options if selected] or [v for v, _s in self._options[:1]]
            self.values.extend((self._select, v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.values.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def form_values(html: str, action: str) -> list[tuple[str, str]]:
    parser = _FormValues(action)
    parser.feed(html)
    return parser.values


# ---------------------------------------------------------------- people and plan


def plan(url: str, residents: int, kelurahan: int) -> dict:
    """Who logs in, and what each staff member looks at and acts on (read from the data set).
    Referrals are taken from the vacancies with the highest ids: the refresh goes through the
    vacancies in id order and drops suggestions it no longer makes, so these stay real moves."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        resident_logins = conn.execute(text(
            "SELECT u.email FROM \"user\" u JOIN seeker_profile s ON s.user_id = u.id WHERE u.role = 'seeker' "
            "AND u.email IS NOT NULL "
            # whose profile the form accepts as it is (the data set has SMK graduates without a major)
            "AND NOT (s.education = 'SMK' AND COALESCE(s.major, '') = '') ORDER BY s.id LIMIT :n"), {"n": residents}).scalars().all()
        staff = conn.execute(text(
            "SELECT MIN(u.email), u.kelurahan_id FROM \"user\" u WHERE u.role = 'staff' GROUP BY u.kelurahan_id "
            "ORDER BY u.kelurahan_id LIMIT :n"), {"n": kelurahan}).all()
        plans = []
        for email, kelurahan_id in staff:
            k = {"k": kelurahan_id}
            vacancies = conn.execute(text(
                "SELECT DISTINCT m.vacancy_id FROM \"match\" m JOIN seeker_profile s ON s.id = m.seeker_id "
                "JOIN vacancy v ON v.id = m.vacancy_id WHERE s.kelurahan_id = :k AND m.status = 'suggested' "
                "AND v.status = 'open' ORDER BY m.vacancy_id LIMIT 200"), k).scalars().all()
            refer = conn.execute(text(
                "SELECT m.vacancy_id, m.id FROM \"match\" m JOIN seeker_profile s ON s.id = m.seeker_id "
                "JOIN vacancy v ON v.id = m.vacancy_id WHERE s.kelurahan_id = :k AND m.status = 'suggested' "
                "AND s.consent_sharing AND v.status = 'open' ORDER BY m.vacancy_id DESC, m.id LIMIT 400"), k).all()
            unverified = conn.execute(text(
                "SELECT id FROM seeker_profile WHERE kelurahan_id = :k AND verified_at IS NULL ORDER BY id LIMIT 400"),
                k).scalars().all()
            plans.append({"email": email, "vacancies": list(vacancies), "refer": [tuple(r) for r in refer],
                          "unverified": list(unverified)})
    engine.dispose()
    return {"residents": list(resident_logins), "staff": plans}


class Client(threading.Thread):
    """One client thread: its own residents and staff, a random mix of pages and saves."""

    def __init__(self, index: int, base: str, residents: list[Browser], staff: list[tuple[Browser, dict]],
                 until: float, pause: float, records: list, mix: tuple = MIX) -> None:
        super().__init__(daemon=True)
        self.mix = mix
        self.base, self.residents, self.staff, self.until, self.pause = base, residents, staff, until, pause
        self.records = records
        self.saved: dict[str, str] = {}  # a resident's login: the text of the last save answered 303
        self.referred: list[int] = []  # matches whose referral was answered 303
        self.verified: list[int] = []  # residents whose verification was answered 303
        self.rng = random.Random(index)
        self.openers = {id(b): _opener(b) for b in residents + [b for b, _p in staff]}

    def run(self) -> None:
        kinds = [k for k, _w in self.mix]
        weights = [w for _k, w in self.mix]
        while time.monotonic() < self.until:
            kind = self.rng.choices(kinds, weights)[0]
            try:
                getattr(self, kind)()
            except Exception as error:  # noqa: BLE001 -- a bug of the benchmark must not pass for a quiet server
                self.records.append((kind, 0, 0.0, f"client: {error!r}"))
            time.sleep(self.pause * self.rng.uniform(0.5, 1.5))

    def _do(self, kind: str, browser: Browser, path: str, data: dict | list | None = None,
            expect: tuple[int, ...] = (200,), headers: dict | None = None) -> str:
        if data is not None and isinstance(data, dict):
            data = {"csrf_token": browser.csrf, **data}
        status, seconds, body = _request(self.openers[id(browser)], self.base + path, data, headers)
        note = "" if status in expect else _why(body)
        self.records.append((kind, status, seconds, note))
        if status == 200:
            browser._token(body)
        return body if status in expect else None

    def _resident(self) -> Browser:
        return self.rng.choice(self.residents)

    def _staff(self) -> tuple[Browser, dict]:
        return self.rng.choice(self.staff)

    def staff_queue(self) -> None:
        self._do("staff_queue", self._staff()[0], "/staff/")

    def staff_search(self) -> None:
        self._do("staff_search", self._staff()[0], "/staff/seekers?q=" + self.rng.choice(TERMS))

    def suggestions(self) -> None:
        browser, todo = self._staff()
        self._do("suggestions", browser, f"/staff/vacancies/{self.rng.choice(todo['vacancies'])}/suggestions")

    def resident_home(self) -> None:
        self._do("resident_home", self._resident(), "/me/")

    def vacancy_list(self) -> None:
        self._do("vacancy_list", self._resident(), f"/me/vacancies?page={self.rng.randint(1, 5)}")

    def profile_save(self) -> None:
        browser = self._resident()
        page = self._do("profile_form", browser, "/me/profile")
        if page is None:
            return
        values = [(k, v) for k, v in form_values(page, "/me/profile") if k != "about"]
        about = f"Siap kerja shift. {MARK} {time.time():.6f}"
        values.append(("about", about))
        values = [(k, browser.csrf if k == "csrf_token" else v) for k, v in values]
        if self._do("profile_save", browser, "/me/profile", values, expect=(303,)) is not None:
            self.saved[browser.login] = about

    def refer(self) -> None:
        browser, todo = self._staff()
        if todo["refer"]:
            vacancy_id, match_id = todo["refer"].pop(0)
            if self._do("refer", browser, f"/staff/vacancies/{vacancy_id}/refer", {"match_id": match_id},
                        expect=(303,)) is not None:
                self.referred.append(match_id)

    def verify(self) -> None:
        browser, todo = self._staff()
        if todo["unverified"]:
            seeker_id = todo["unverified"].pop(0)
            if self._do("verify", browser, f"/staff/seekers/{seeker_id}/verify", {"back": "queue"},
                        expect=(303,)) is not None:
                self.verified.append(seeker_id)


# ---------------------------------------------------------------- watching the database


class LockProbe(threading.Thread):
    """Takes SQLite's write lock (BEGIN IMMEDIATE, then ROLLBACK) every `every` seconds and keeps
    the longest wait: about the longest time another connection held the lock."""

    def __init__(self, path: str, until: float, every: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.path, self.until, self.every = path, until, every
        self.longest, self.waits, self.failed = 0.0, [], 0

    def run(self) -> None:
        conn = sqlite3.connect(self.path, timeout=120, isolation_level=None)
        while time.monotonic() < self.until:
            started = time.perf_counter()
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
            except sqlite3.OperationalError:
                self.failed += 1
            wait = time.perf_counter() - started
            self.waits.append(wait)
            self.longest = max(self.longest, wait)
            time.sleep(self.every)
        conn.close()


def job_state(path: str, job_id: int) -> dict:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        row = conn.execute("SELECT status, progress, message, message_params, started_at, finished_at FROM job "
                           "WHERE id = ?", (job_id,)).fetchone()
    finally:
        conn.close()
    if row is None:
        return {"status": "missing"}
    status, progress, message, params, started, finished = row
    try:
        message = message % json.loads(params or "{}")
    except (TypeError, ValueError, KeyError):
        pass
    return {"status": status, "progress": progress, "message": message, "started_at": started, "finished_at": finished}


def stored_saves(path: str, clients: list[Client]) -> dict:
    """What the database holds of the saves answered 303: each resident's last profile text, each
    referral (unless the refresh withdrew the suggestion first: then there was nothing to refer),
    each verification."""
    saved = {k: v for client in clients for k, v in client.saved.items()}
    referred = [m for client in clients for m in client.referred]
    verified = [s for client in clients for s in client.verified]
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    try:
        stored = dict(conn.execute("SELECT u.email, s.about FROM seeker_profile s JOIN \"user\" u ON u.id = s.user_id "
                                   "WHERE s.about LIKE ?", (f"%{MARK}%",)).fetchall())
        matches = dict(conn.execute(f"SELECT id, status FROM \"match\" WHERE id IN ({','.join('?' * len(referred))})",
                                    referred).fetchall()) if referred else {}
        checked = dict(conn.execute(f"SELECT id, verified_at IS NOT NULL FROM seeker_profile "
                                    f"WHERE id IN ({','.join('?' * len(verified))})", verified).fetchall()) if verified else {}
    finally:
        conn.close()
    return {
        "profiles_checked": len(saved),
        "profiles_lost": sum(stored.get(login) != about for login, about in saved.items()),
        "referrals_stored": sum(matches.get(m) == "referred" for m in referred),
        "referrals_withdrawn_by_refresh": sum(m not in matches for m in referred),
        "referrals_lost": sum(m in matches and matches[m] != "referred" for m in referred),
        "verifications_stored": sum(bool(checked.get(i)) for i in verified),
        "verifications_lost": sum(not checked.get(i) for i in verified),
    }


# ---------------------------------------------------------------- report


def write_locks(log: Path, limit_ms: int) -> str:
    """The write transactions held longer than the limit, grouped by who held them."""
    holds: dict[str, list[float]] = {}
    for line in (log.read_text().splitlines() if log.exists() else ()):
        ms, _pid, _at, who = line.split("\t", 3)
        who = re.sub(r"/\d+", "/<id>", who) if who.startswith(("GET ", "POST ")) else who
        holds.setdefault(who, []).append(float(ms))
    lines = [f"write transactions held longer than {limit_ms} ms: {sum(map(len, holds.values()))}"]
    for who, values in sorted(holds.items(), key=lambda item: -max(item[1]))[:8]:
        lines.append(f"  {len(values):4d}  longest {max(values):6.0f} ms  {who[:150]}")
    return "\n".join(lines)


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summarize(records: list) -> tuple[list[dict], dict]:
    groups: dict[str, list] = {}
    for kind, status, seconds, _note in records:
        groups.setdefault(kind, []).append((status, seconds))
        groups.setdefault("all saves" if kind in SAVES else "all page views", []).append((status, seconds))
    rows = []
    for kind in [k for k, _w in MIX] + ["profile_form", "all page views", "all saves"]:
        if kind not in groups:
            continue
        entries = groups[kind]
        ms = [1000 * s for status, s in entries if status]
        statuses: dict[int, int] = {}
        for status, _s in entries:
            statuses[status] = statuses.get(status, 0) + 1
        rows.append({"kind": kind, "requests": len(entries), "p50_ms": percentile(ms, 0.5),
                     "p95_ms": percentile(ms, 0.95), "max_ms": max(ms, default=float("nan")),
                     "errors": sum(n for s, n in statuses.items() if s == 0 or (s >= 500 and s != 503)),
                     "busy_503": statuses.get(503, 0), "statuses": statuses})
    return rows, {r["kind"]: r for r in rows}


def table(rows: list[dict]) -> str:
    lines = ["| requests | n | p50 ms | p95 ms | max ms | errors | 503 | statuses |", "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        name = f"**{r['kind']}**" if r["kind"].startswith("all ") else r["kind"]
        statuses = ", ".join(f"{k or 'conn'}: {v}" for k, v in sorted(r["statuses"].items()))
        lines.append(f"| {name} | {r['requests']:,} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | {r['max_ms']:.0f} | "
                     f"{r['errors']} | {r['busy_503']} | {statuses} |")
    return "\n".join(lines)


# ---------------------------------------------------------------- run


def prepare_database(url: str, reuse: bool, args) -> dict | None:
    if not reuse:
        print(f"seeding {url} ...", flush=True)
        counts = seed(url, residents=args.residents, vacancies=args.vacancies, suggestions=args.suggestions)
        print("seeded: " + ", ".join(f"{k}={v:,}" if isinstance(v, int) else f"{k}={v}" for k, v in counts.items()))
        return counts
    from flask_migrate import upgrade  # the schema may have moved on since the data set was made

    from app import create_app
    from app.extensions import db

    with create_app({"SQLALCHEMY_DATABASE_URI": url}).app_context():
        upgrade()
        db.engine.dispose()
    return None


def drive(base: str, residents: list[Browser], staff: list, args, until: float, records: list,
          mix: tuple = MIX) -> list[Client]:
    clients = [Client(i, base, residents[i::args.threads], staff[i::args.threads] or staff, until, args.pause,
                      records, mix) for i in range(args.threads)]
    for client in clients:
        client.start()
    return clients


def enqueue_refresh(env: dict) -> int:
    done = subprocess.run([PYTHON, "-m", "flask", "--app", "app", "jobs", "enqueue", "ranking.refresh_all"],
                          cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    found = re.search(r"#(\d+)", done.stdout + done.stderr)
    if done.returncode != 0 or not found:
        raise SystemExit(f"could not queue the refresh:\n{done.stdout}\n{done.stderr}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "lokerwarga-refresh-bench"))
    parser.add_argument("--reuse", action="store_true", help="keep the data set already in the work dir")
    parser.add_argument("--duration", type=int, default=180, help="seconds of load after the refresh is queued")
    parser.add_argument("--baseline", type=int, default=30,
                        help="seconds of the desk (saves by staff only) before the worker starts; 0: none")
    parser.add_argument("--threads", type=int, default=4, help="client threads")
    parser.add_argument("--pause", type=float, default=0.25, help="mean pause of a client between requests (s)")
    parser.add_argument("--residents-logged-in", type=int, default=40)
    parser.add_argument("--kelurahan", type=int, default=8, help="kelurahan whose staff are logged in")
    parser.add_argument("--port", type=int, default=8094)
    parser.add_argument("--residents", type=int, default=50_000)
    parser.add_argument("--vacancies", type=int, default=2_000)
    parser.add_argument("--suggestions", type=int, default=200_000)
    parser.add_argument("--watch-locks", type=int, default=200, metavar="MS",
                        help="log write transactions held longer than MS in the work dir (bench/lockwatch); 0: off")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)

    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    path = str(workdir / "city.db")
    url = f"sqlite:///{path}"
    if args.reuse and not Path(path).exists():
        raise SystemExit(f"--reuse: no data set at {path}")
    counts = prepare_database(url, args.reuse, args)

    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY=secrets.token_urlsafe(48), PYTHONUNBUFFERED="1",
               RANKING_UPDATES="worker", JOBS_BACKEND="db")
    env.pop("ACCESS_LOG", None)
    server_log, worker_log = workdir / "server.log", workdir / "worker.log"
    holds_log = workdir / "write-locks.log"
    holds_log.unlink(missing_ok=True)
    if args.watch_locks:  # bench/lockwatch/sitecustomize.py times every write transaction
        env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(ROOT / "bench" / "lockwatch"), env.get("PYTHONPATH"))))
        env.update(LOCKWATCH_LOG=str(holds_log), LOCKWATCH_MS=str(args.watch_locks))
    base = f"http://127.0.0.1:{args.port}"
    server = start_server(None, args.port, env, server_log)
    worker = None
    records: list = []
    baseline: list = []
    timeline: list[tuple[float, dict]] = []
    try:
        print("logging in ...", flush=True)
        people = plan(url, args.residents_logged_in, args.kelurahan)
        residents = []
        for email in people["residents"]:
            browser = log_in(base, email)
            browser.login = email
            residents.append(browser)
        staff = []
        for todo in people["staff"]:
            browser = log_in(base, todo["email"])
            browser.get("/staff/")
            staff.append((browser, todo))
        print(f"sessions: {len(residents)} residents, {len(staff)} staff", flush=True)

        if args.baseline:
            print(f"baseline: {args.baseline} s of the same desk without the worker or a refresh "
                  "(no profile saves: each queues a refresh for the worker) ...", flush=True)
            for client in drive(base, residents, staff, args, time.monotonic() + args.baseline, baseline,
                                tuple((k, w) for k, w in MIX if k != "profile_save")):
                client.join(timeout=60)

        handle = worker_log.open("w")
        worker = subprocess.Popen([PYTHON, "-m", "flask", "--app", "app", "worker"], cwd=ROOT, env=env,
                                  stdout=handle, stderr=subprocess.STDOUT, start_new_session=True)
        job_id = enqueue_refresh(env)
        started = time.monotonic()
        until = started + args.duration
        print(f"ranking.refresh_all queued as job #{job_id}; driving the desk for {args.duration} s "
              f"from {args.threads} threads ...", flush=True)
        probe = LockProbe(path, until)
        probe.start()
        clients = drive(base, residents, staff, args, until, records)
        while time.monotonic() < until:
            time.sleep(min(15, max(0.1, until - time.monotonic())))
            state = job_state(path, job_id)
            timeline.append((time.monotonic() - started, state))
            print(f"  {time.monotonic() - started:5.0f} s  job {state['status']} {state['progress']}%  "
                  f"{state.get('message', '')}  ({len(records):,} requests)", flush=True)
        for client in clients:
            client.join(timeout=60)
        probe.join(timeout=130)
        final = job_state(path, job_id)
        worker_alive = worker.poll() is None
    finally:
        if worker is not None:
            stop_server(worker)
        stop_server(server)

    rows, by_kind = summarize(records)
    problems = {name: server_log_problems(log) for name, log in (("server", server_log), ("worker", worker_log))}
    locked = sum(p["database_is_locked"] for p in problems.values())
    saves = by_kind.get("all saves")
    pages = by_kind.get("all page views")
    stored = stored_saves(path, clients)
    answered = {kind: by_kind[kind]["statuses"].get(303, 0) for kind in SAVES if kind in by_kind}

    print()
    print(f"LokerWarga: the desk during a city-wide ranking refresh · SQLite · {os.cpu_count()} cores · "
          f"Python {platform.python_version()} · gunicorn {os.environ.get('WEB_CONCURRENCY') or (os.cpu_count() or 1) + 1}"
          f" sync workers + 1 job worker · {args.threads} client threads, pause {args.pause} s")
    if counts:
        print("data: " + ", ".join(f"{k} {v:,}" for k, v in counts.items() if isinstance(v, int)))
    print(f"load average of the machine (other programs included) at the end: {os.getloadavg()[0]:.1f}")
    if baseline:
        print(f"baseline, {args.baseline} s before the worker started (no refresh, no profile saves):")
        print(table(summarize(baseline)[0]))
        print(f"during the refresh, the first {args.duration} s after it was queued:")
    print(table(rows))
    print(f"\"database is locked\": server log {problems['server']['database_is_locked']}, worker log "
          f"{problems['worker']['database_is_locked']}; tracebacks: server {problems['server']['tracebacks']}, "
          f"worker {problems['worker']['tracebacks']}")
    print(f"saves answered 303: {answered}; found in the database: {stored}")
    print(f"longest wait for the write lock (probe, every 0.1 s, {len(probe.waits):,} tries): "
          f"{1000 * probe.longest:.0f} ms; p99 {1000 * percentile(probe.waits, 0.99):.0f} ms; "
          f"probe gave up {probe.failed} times")
    if args.watch_locks:
        print(write_locks(holds_log, args.watch_locks))
    print(f"refresh job #{job_id} after {args.duration} s: {final['status']} {final['progress']}% "
          f"\"{final.get('message', '')}\"; worker {'running' if worker_alive else 'exited'}")
    print("progress: " + ", ".join(f"{t:.0f} s {s['progress']}%" for t, s in timeline))
    notes = {}
    for kind, status, _s, note in records:
        if note and len(notes) < 5:
            notes.setdefault(f"{kind} {status}", note.replace("\n", " ")[:160])
    for key, note in notes.items():
        print(f"  example {key}: {note}")
    checks = {
        "0 'database is locked' (server and worker logs)": locked == 0,
        "0 errors (>= 500 or connection errors, 503 included)": sum(r["errors"] + r["busy_503"] for r in rows
                                                                    if not r["kind"].startswith("all ")) == 0,
        "p95 of a save <= 500 ms": saves is not None and saves["p95_ms"] <= 500,
        "every save answered 303 is stored": stored["profiles_lost"] + stored["referrals_lost"]
        + stored["verifications_lost"] == 0,
    }
    for name, ok in checks.items():
        print(f"  {'PASS' if ok else 'MISS'}  {name}")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "rows": rows, "baseline": summarize(baseline)[0], "problems": problems, "stored": stored, "answered": answered, "job": final,
            "timeline": timeline, "lock_wait_longest_ms": 1000 * probe.longest, "checks": checks, "counts": counts,
            "pages": pages, "saves": saves}, indent=2, default=str))
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
