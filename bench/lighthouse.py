"""Lighthouse on the three home pages (anonymous home, resident home, staff work queue), against the
local Chromium, on the demo data: prints the performance, accessibility and best-practices scores.

    .venv/bin/python bench/lighthouse.py            # or: make lighthouse
    CHROME_PATH=/usr/bin/chromium LIGHTHOUSE_RUNS=3 .venv/bin/python bench/lighthouse.py

Lighthouse (npm, pinned below, runs on Node 20) is installed on first use into build/lighthouse/
(git-ignored), not into the app's front-end packages. The demo is loaded into a throw-away SQLite
database and served on a free local port; nothing outside this machine is contacted. Lighthouse's
default mobile profile applies: a mid-range phone (4× slower CPU) on a throttled 4G connection.
Each page is measured LIGHTHOUSE_RUNS times (default 1); the median score is printed. The JSON
reports are kept in test-artifacts/lighthouse/.
"""
from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE_VERSION = "12.8.2"  # the last major that supports Node 20
LH_DIR = ROOT / "build" / "lighthouse"
LH_BIN = LH_DIR / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "test-artifacts" / "lighthouse"
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
VENV_BIN = Path(sys.executable).parent
CATEGORIES = ("performance", "accessibility", "best-practices")
TARGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0}
DEMO_PASSWORD = "demo12345"


def install_lighthouse() -> None:
    if LH_BIN.exists():
        return
    LH_DIR.mkdir(parents=True, exist_ok=True)
    print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {LH_DIR.relative_to(ROOT)}/ …", flush=True)
    subprocess.run(["npm", "install", "--prefix", str(LH_DIR), "--no-save", "--no-audit", "--no-fund",
                    "--silent", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the app did not start at {url}")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def session_cookie(base: str, login: str, totp_secret: str | None = None) -> str:
    """Log in through the real form (CSRF token, second step for staff) and return the cookie."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)

    def post(path: str, fields: dict) -> tuple[int, str]:
        page = opener.open(base + path).read().decode()
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({"csrf_token": token, **fields}).encode()
        try:
            response = opener.open(urllib.request.Request(base + path, data=data))
            return response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as err:  # 303 (not followed) or 422
            return err.code, err.headers.get("Location", "")

    status, location = post("/login", {"login": login, "password": DEMO_PASSWORD})
    if location.endswith("/login/2fa"):
        import pyotp

        status, location = post("/login/2fa", {"code": pyotp.TOTP(totp_secret).now()})
    if status != 303:
        raise RuntimeError(f"cannot log in as {login}: {status}")
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def lighthouse(url: str, name: str, cookie: str | None, run: int) -> dict[str, float]:
    REPORTS.mkdir(parents=True, exist_ok=True)
    out = REPORTS / f"{name}-{run}.json"
    flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
            "--disable-component-update --disable-sync --no-first-run"
    cmd = [str(LH_BIN), url, "--quiet", "--output=json", f"--output-path={out}",
           f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}", "--locale=id"]
    if cookie:
        cmd.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    subprocess.run(cmd, check=True, env={**os.environ, "CHROME_PATH": CHROME}, timeout=300)
    report = json.loads(out.read_text())
    failing = [a["id"] for a in report["audits"].values()
               if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") in ("binary", "numeric", "metricSavings")]
    report_scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    report_scores["_failing"] = failing
    report_scores["_bytes"] = report["audits"]["total-byte-weight"]["numericValue"]
    return report_scores


def main() -> int:
    install_lighthouse()
    runs = int(os.environ.get("LIGHTHOUSE_RUNS", "1"))
    tmp = Path(tempfile.mkdtemp(prefix="lokerwarga-lh-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'lighthouse.db'}", "FLASK_DEBUG": "0"}
    flask = [str(VENV_BIN / "flask"), "--app", "app"]
    server = None
    try:
        print("loading the demo data into a temporary database …", flush=True)
        subprocess.run(flask + ["db", "upgrade"], env=env, check=True, cwd=ROOT, capture_output=True)
        subprocess.run(flask + ["demo"], env=env, check=True, cwd=ROOT, capture_output=True)
        server = subprocess.Popen(flask + ["run", "--host", "127.0.0.1", "--port", str(port), "--no-reload"],
                                  env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until_up(base)
        from demo import DEMO_TOTP_SECRET

        pages = [
            ("anonymous home", "home", base + "/", None),
            ("resident home", "resident-home", base + "/me/", session_cookie(base, "warga@demo.test")),
            ("staff work queue", "staff-queue", base + "/staff/",
             session_cookie(base, "petugas@demo.test", DEMO_TOTP_SECRET)),
        ]
        print(f"\nLighthouse {LIGHTHOUSE_VERSION}, mobile profile, {runs} run(s) per page, median:\n")
        print(f"{'page':20} {'performance':>12} {'accessibility':>14} {'best-practices':>15} {'bytes':>8}")
        below = []
        for label, name, url, cookie in pages:
            results = [lighthouse(url, name, cookie, run) for run in range(1, runs + 1)]
            median = {c: statistics.median(r[c] for r in results) for c in CATEGORIES}
            print(f"{label:20} {median['performance']:>12.2f} {median['accessibility']:>14.2f} "
                  f"{median['best-practices']:>15.2f} {int(results[0]['_bytes']):>8}")
            for c in CATEGORIES:
                if median[c] < TARGETS[c]:
                    below.append(f"{label}: {c} {median[c]:.2f} < {TARGETS[c]} (audits below 1: {results[0]['_failing']})")
        print(f"\naims: performance ≥ {TARGETS['performance']}, accessibility {TARGETS['accessibility']}, "
              f"best-practices {TARGETS['best-practices']}; reports in {REPORTS.relative_to(ROOT)}/")
        for line in below:
            print("below the aim:", line)
        return 0
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
