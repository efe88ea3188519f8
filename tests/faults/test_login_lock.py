"""A log-in checks the password (half a second or more of hashing on a busy server) before it
takes the write lock, so saves go on meanwhile; what the check relied on is checked again under
the lock (app/core/database.py: reads_first and begin_writing)."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from flask import current_app
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from app.auth import services, throttle
from app.core.database import WriteBeforeBeginWriting, begin_writing
from app.core.timeutil import utcnow
from app.extensions import db
from app.models import AuditLog, RateLimit, User
from tests.faults.test_short_writes import _another_process_can_write


@pytest.fixture
def other(app):
    """A session of another process on the same database; on SQLite it never waits for the lock."""
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    engine = create_engine(url, connect_args={"timeout": 0} if url.startswith("sqlite") else {})
    with Session(engine) as session:
        yield session
    engine.dispose()


def _during_the_password_check(monkeypatch, action) -> None:
    real = services.check_password

    def check_password(password_hash, password):
        action()
        return real(password_hash, password)

    monkeypatch.setattr(services, "check_password", check_password)


def test_another_process_can_write_while_a_log_in_checks_the_password(app, world, client, monkeypatch):
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    writable = []
    _during_the_password_check(monkeypatch, lambda: writable.append(_another_process_can_write(url)))
    response = client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"})
    assert response.status_code == 303
    assert writable == [True]
    db.session.expire_all()
    user = db.session.get(User, world.warga_user.id)
    assert user.last_login_at is not None
    assert db.session.scalar(select(AuditLog.action).where(AuditLog.actor_id == user.id, AuditLog.action == "login"))


def test_a_password_changed_during_the_check_refuses_the_log_in(app, world, client, monkeypatch, other):
    def change_password():
        other.get(User, world.warga_user.id).password_hash = services.hash_password("sandi-baru-99")
        other.commit()

    _during_the_password_check(monkeypatch, change_password)
    response = client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"})
    assert response.status_code == 422
    assert "kata sandi salah" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, world.warga_user.id).last_login_at is None


def test_failures_recorded_during_the_check_count_against_the_log_in(app, world, client, monkeypatch, other):
    """Guesses sent in parallel all pass the first throttle check; the second, under the lock,
    sees the failures the others recorded meanwhile."""

    def others_failed():
        key = throttle.pair_key("login", "warga@test.id")
        other.add(RateLimit(key=key, count=current_app.config["LOGIN_MAX_FAILURES"],
                            window_ends_at=utcnow() + dt.timedelta(minutes=15)))
        other.commit()

    _during_the_password_check(monkeypatch, others_failed)
    response = client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"})
    assert response.status_code == 429
    db.session.expire_all()
    assert db.session.get(User, world.warga_user.id).last_login_at is None


def test_a_write_before_begin_writing_is_refused(app, world):
    """A reads_first view that forgot begin_writing() fails in the tests, on every database."""
    from app.core.database import reads_first

    @reads_first
    def forgetful():
        db.session.get(User, world.warga_user.id).name = "Tertulis Tanpa Kunci"
        db.session.flush()

    @reads_first
    def careful():
        db.session.get(User, world.warga_user.id)
        begin_writing(db.session)
        db.session.get(User, world.warga_user.id).name = "Tertulis Dengan Kunci"
        db.session.commit()

    db.session.commit()
    for name, view, fails in (("tests_forgetful", forgetful, True), ("tests_careful", careful, False)):
        app.view_functions[name] = view
        with app.test_request_context("/", method="POST") as ctx:
            ctx.request.url_rule = SimpleNamespace(endpoint=name)  # what routing sets
            if fails:
                with pytest.raises(WriteBeforeBeginWriting):
                    view()
                db.session.rollback()
            else:
                view()
    db.session.expire_all()
    assert db.session.get(User, world.warga_user.id).name == "Tertulis Dengan Kunci"
