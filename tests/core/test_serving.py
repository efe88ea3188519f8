"""Production serving: gunicorn with gunicorn.conf.py, the secret-key refusal, the demo-account
warning, and forwarded headers behind a reverse proxy (PROXY_FIX)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from flask import request

from app import create_app
from app.core import serving
from app.extensions import db
from app.models import Role

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k3y-" + "x7Qm9vR2pL5sT8wZ" * 3


@pytest.mark.parametrize("key", ["", None, "change-me", "dev", "secret", "SECRET", "test-secret", "short-but-random-8Hq",
                                 "a" * 40])
def test_placeholder_or_short_keys_are_refused(key):
    assert serving.secret_key_problem(key)


def test_a_long_random_key_is_accepted():
    assert serving.secret_key_problem(GOOD_KEY) is None


def test_refuses_to_start_with_a_placeholder_key(app, monkeypatch):
    monkeypatch.setitem(app.config, "SECRET_KEY", "change-me")
    with pytest.raises(serving.RefusedToStart, match="placeholder"):
        serving.check(app)


def test_warns_while_demo_accounts_exist(app, make, monkeypatch):
    monkeypatch.setitem(app.config, "SECRET_KEY", GOOD_KEY)
    make.user(Role.ADMIN, "someone@kelurahan.go.id")
    db.session.commit()
    assert serving.check(app) == []
    make.user(Role.ADMIN, "admin@demo.test")
    db.session.commit()
    (warning,) = serving.check(app)
    assert "1 demo account" in warning


def _whoami_app(url: str, proxies: int):
    app = create_app({"TESTING": True, "SECRET_KEY": GOOD_KEY, "SQLALCHEMY_DATABASE_URI": url, "PROXY_FIX": proxies})
    app.add_url_rule("/_whoami", "whoami", lambda: f"{request.remote_addr} {request.scheme} {request.host} {request.script_root}")
    return app


@pytest.mark.parametrize("proxies, expected", [
    (0, "127.0.0.1 http localhost "),
    (1, "203.0.113.7 https loker.tangerangkota.go.id /loker"),
])
def test_forwarded_headers_are_trusted_only_with_proxy_fix(app, proxies, expected):
    other = _whoami_app(str(db.engine.url.render_as_string(hide_password=False)), proxies)
    headers = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https",
               "X-Forwarded-Host": "loker.tangerangkota.go.id", "X-Forwarded-Prefix": "/loker"}
    try:
        body = other.test_client().get("/_whoami", headers=headers, base_url="http://localhost").get_data(as_text=True)
    finally:
        with other.app_context():
            db.engine.dispose()
    assert body == expected


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _gunicorn(url: str, key: str, port: int) -> subprocess.Popen:
    env = dict(os.environ, DATABASE_URL=url, SECRET_KEY=key, PORT=str(port), WEB_CONCURRENCY="1", GUNICORN_THREADS="2")
    return subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _oversized_post(port: int) -> bytes:
    """What a browser gets for a 12 MB upload (past MAX_CONTENT_LENGTH): it sends the whole body,
    then reads the answer. A server that closed the connection early would reset it here."""
    body = b"a" * (12 * 1024 * 1024)
    head = (f"POST /login HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded"
            f"\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(head + body)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
    return answer


def test_gunicorn_serves_the_app_with_the_production_config(app):
    url = db.engine.url.render_as_string(hide_password=False)
    port = _free_port()
    server = _gunicorn(url, GOOD_KEY, port)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    assert response.status == 200 and b"ok" in response.read()
                    break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as response:
            assert response.status == 200 and "Content-Security-Policy" in response.headers
        assert _oversized_post(port).startswith(b"HTTP/1.1 413")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    assert "Booting worker" in output


def test_gunicorn_refuses_a_placeholder_key(app):
    url = db.engine.url.render_as_string(hide_password=False)
    server = _gunicorn(url, "change-me", _free_port())
    output, _ = server.communicate(timeout=60)
    assert server.returncode != 0
    assert "refuses to start" in output and "placeholder" in output
