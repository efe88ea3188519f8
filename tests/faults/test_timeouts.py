"""A lock held in another connection: /healthz answers 503 within 5 s, and a page that needs the
locked data answers a clear "coba lagi" page (503) quickly instead of hanging or failing with 500.
SQLite: BEGIN IMMEDIATE holds the write lock; PostgreSQL: LOCK TABLE."""
from __future__ import annotations

import contextlib
import time

import pytest
from sqlalchemy import create_engine

from app import create_app
from app.extensions import db


@contextlib.contextmanager
def held_lock(url: str, table: str):
    """Another connection (another process, say a restore or a long refresh) holds a lock."""
    other = create_engine(url, isolation_level="AUTOCOMMIT")
    conn = other.connect()
    try:
        if other.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")
            conn.exec_driver_sql(f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE')
        yield
    finally:
        conn.exec_driver_sql("ROLLBACK")
        conn.close()
        other.dispose()


def test_healthz_answers_503_within_5_seconds_while_a_lock_is_held(app, client):
    db.session.commit()
    with held_lock(app.config["SQLALCHEMY_DATABASE_URI"], "job"):
        started = time.monotonic()
        response = client.get("/healthz")
        elapsed = time.monotonic() - started
    assert response.status_code == 503 and response.json["status"] == "unavailable"
    assert elapsed < 5
    assert client.get("/healthz").status_code == 200  # the lock is gone: up again


@pytest.fixture
def short_waits_app(app):
    """The same database, served with short waits (the suite's app keeps the defaults)."""
    other = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "WTF_CSRF_ENABLED": False,
                        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                        "SQLITE_WEB_BUSY_MS": 300, "DB_LOCK_TIMEOUT_MS": 300})
    yield other
    with other.app_context():
        db.engine.dispose()


def test_a_page_that_needs_a_locked_table_says_try_again(app, world, short_waits_app):
    db.session.commit()
    client = short_waits_app.test_client()
    with held_lock(app.config["SQLALCHEMY_DATABASE_URI"], "user"):
        response = client.post("/login", data={"login": "petugas@test.id", "password": "rahasia123"})
    assert response.status_code == 503
    assert response.headers["Retry-After"]
    assert "coba lagi" in response.get_data(as_text=True)
    assert client.post("/login", data={"login": "petugas@test.id", "password": "rahasia123"}).status_code == 303


def test_a_signed_in_save_that_finds_the_lock_held_says_try_again_not_500(app, world, short_waits_app):
    """The resident is read at the start of the request (the write lock is taken there for a
    POST); the "coba lagi" page itself must not wait on the database again, or it fails with a 500."""
    db.session.commit()
    client = short_waits_app.test_client()
    assert client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"}).status_code == 303
    with held_lock(app.config["SQLALCHEMY_DATABASE_URI"], "user"):
        response = client.post("/me/profile", data={"about": "Siap kerja shift."})
    assert response.status_code == 503
    assert "coba lagi" in response.get_data(as_text=True)
