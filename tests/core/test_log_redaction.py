"""Request logs never hold a token from a link or a person's search terms: the gunicorn access
log (gunicorn.conf.py) and the development server's request log (app/core/redaction.py)."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from app.core.redaction import RedactingFilter, redact_request_line, redact_target, redact_url
from app.extensions import db
from tests.core.test_serving import GOOD_KEY, _free_port

ROOT = Path(__file__).resolve().parents[2]
SECRETS = ["s3cr3tT0ken", "Budi", "081234", "warga%40test.id"]


@pytest.mark.parametrize("target, expected", [
    ("/reset/s3cr3tT0ken", "/reset/[redacted]"),
    ("/answer/s3cr3tT0ken?x=1", "/answer/[redacted]?x=[redacted]"),
    ("/loker/verify/s3cr3tT0ken", "/loker/verify/[redacted]"),
    ("/staff/import/s3cr3tT0ken/mapping", "/staff/import/[redacted]/mapping"),
    ("/staff/seekers?q=Budi+Santoso&page=2&rw=03", "/staff/seekers?q=[redacted]&page=2&rw=[redacted]"),
    ("/reports/?format=csv", "/reports/?format=csv"),
    ("/login?next=%2Fstaff%2Fseekers%3Fq%3D0812", "/login?next=[redacted]"),
])
def test_targets_are_redacted(target, expected):
    assert redact_target(target) == expected


def test_request_lines_and_referers_are_redacted():
    assert redact_request_line("GET /reset/s3cr3tT0ken HTTP/1.1") == "GET /reset/[redacted] HTTP/1.1"
    assert redact_url("https://loker.example/staff/seekers?q=081234#x") == "https://loker.example/staff/seekers?q=[redacted]"


def test_development_server_request_log_is_redacted(app, caplog, monkeypatch):
    logger = logging.getLogger("werkzeug")
    monkeypatch.setattr(logger, "disabled", False)  # the migrations' logging set-up switched it off
    assert any(isinstance(f, RedactingFilter) for f in logger.filters)
    with caplog.at_level(logging.INFO, logger="werkzeug"):
        # werkzeug.serving.WSGIRequestHandler.log_request, as the development server calls it
        logger.info('127.0.0.1 - - [x] "%s" %s %s', "GET /reset/s3cr3tT0ken?q=Budi HTTP/1.1", "200", "-")
    assert "s3cr3tT0ken" not in caplog.text and "Budi" not in caplog.text and "/reset/[redacted]" in caplog.text


def test_gunicorn_access_log_is_redacted(app):
    port = _free_port()
    env = dict(os.environ, DATABASE_URL=db.engine.url.render_as_string(hide_password=False), SECRET_KEY=GOOD_KEY,
               PORT=str(port), WEB_CONCURRENCY="1", ACCESS_LOG="1")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    paths = ["/reset/s3cr3tT0ken", "/answer/s3cr3tT0ken", "/verify/s3cr3tT0ken",
             "/staff/seekers?q=Budi&phone=081234", "/login?login=warga%40test.id"]
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).close()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        for path in paths:
            request = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                             headers={"Referer": f"http://127.0.0.1:{port}/reset/s3cr3tT0ken?q=Budi"})
            try:
                urllib.request.urlopen(request, timeout=5).close()
            except OSError:
                pass  # redirects and refusals are logged all the same
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert output.count("[redacted]") >= len(paths), output
    for secret in SECRETS:
        assert secret not in output, output
