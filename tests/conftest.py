"""Fixtures: one migrated database per run (SQLite, or PostgreSQL from TEST_DATABASE_URL),
emptied after every test that uses the app, and a frozen clock.

The clock: the whole run travels to FROZEN_DAY (10:00 WIB, ticking from there) before any test
module is imported, so nothing in the suite sees the machine's date. Tests marked
`date_sensitive` run once more on each of OTHER_DAYS (a month end, New Year's Day, a leap day);
`LOKERWARGA_TEST_DAY=YYYY-MM-DD` moves the whole run to another day.
"""
from __future__ import annotations

import datetime as dt
import os
import runpy
from pathlib import Path

import pytest
import time_machine
from flask.testing import FlaskClient
from flask_wtf.csrf import generate_csrf
from sqlalchemy import MetaData, text

from app import create_app
from app.core.access import public
from app.extensions import db

WIB = dt.timezone(dt.timedelta(hours=7))
FROZEN_DAY = dt.date.fromisoformat(os.environ.get("LOKERWARGA_TEST_DAY") or "2026-11-18")
OTHER_DAYS = (dt.date(2027, 1, 31), dt.date(2028, 1, 1), dt.date(2028, 2, 29))


def frozen_moment(day: dt.date) -> dt.datetime:
    """10:00 WIB on `day`: the same calendar day in UTC and in WIB."""
    return dt.datetime.combine(day, dt.time(10, 0), WIB)


_session_clock = None


LIBFAKETIME_FIX = Path(__file__).resolve().parent / "libfaketime"


def _work_around_libfaketime() -> None:
    """Under libfaketime (docs/testing.md) this process and every Python process it starts load
    tests/libfaketime/sitecustomize.py, which keeps `time.sleep` working there."""
    if "faketime" not in os.environ.get("LD_PRELOAD", ""):
        return
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, (str(LIBFAKETIME_FIX), os.environ.get("PYTHONPATH"))))
    runpy.run_path(str(LIBFAKETIME_FIX / "sitecustomize.py"), run_name="lokerwarga_libfaketime")


def pytest_configure(config):
    global _session_clock
    _work_around_libfaketime()
    _session_clock = time_machine.travel(frozen_moment(FROZEN_DAY), tick=True)
    _session_clock.start()


def pytest_unconfigure(config):
    if _session_clock is not None:
        _session_clock.stop()


def pytest_generate_tests(metafunc):
    if metafunc.definition.get_closest_marker("date_sensitive"):
        days = [FROZEN_DAY, *(d for d in OTHER_DAYS if d != FROZEN_DAY)]
        metafunc.parametrize("_frozen_day", days, ids=[d.isoformat() for d in days], indirect=True, scope="function")


@pytest.fixture(autouse=True)
def _frozen_day(request):
    """Date-sensitive tests travel to their day before any of their other fixtures runs."""
    day = getattr(request, "param", FROZEN_DAY)
    if day == FROZEN_DAY:
        yield day
        return
    with time_machine.travel(frozen_moment(day), tick=True):
        yield day


def _database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")


def _rebuild_schema(app) -> None:
    """The suite owns its database: drop everything, then apply the migrations."""
    from flask_migrate import upgrade

    with app.app_context():
        meta = MetaData()
        meta.reflect(bind=db.engine)
        with db.engine.begin() as conn:
            if db.engine.dialect.name == "postgresql":
                conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
            else:
                meta.drop_all(conn)
                conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()


class CsrfClient(FlaskClient):
    """Sends its session's CSRF token with every state-changing request, as the app's forms and
    htmx do; `csrf=False` sends none (to test the protection itself)."""

    TOKEN_URL = "/_tests/csrf-token"
    SAFE = {"GET", "HEAD", "OPTIONS", "TRACE"}

    def open(self, *args, csrf: bool = True, **kwargs):
        environ = args[0] if args and isinstance(args[0], dict) else None  # a prepared WSGI environ
        method = (environ or {}).get("REQUEST_METHOD") or str(kwargs.get("method", "GET"))
        if csrf and method.upper() not in self.SAFE:
            token = super().open(self.TOKEN_URL).get_data(as_text=True)
            if environ is not None:
                environ.setdefault("HTTP_X_CSRFTOKEN", token)
            else:
                headers = dict(kwargs.pop("headers", None) or {})
                headers.setdefault("X-CSRFToken", token)
                kwargs["headers"] = headers
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def _app(tmp_path_factory):
    app = create_app({
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": _database_url(tmp_path_factory),
        "SERVER_NAME": "localhost",
    })
    _rebuild_schema(app)
    # CSRF protection is on, as in production: the test client fetches its session's token here.
    app.add_url_rule(CsrfClient.TOKEN_URL, "tests_csrf_token", public(generate_csrf))
    app.test_client_class = CsrfClient

    @app.before_request
    def fresh_globals():
        # Tests hold one app context open so that they can use the database between requests,
        # and Flask then reuses it for each request; in production every request has a fresh
        # `g`, so give each test request one too (no user or locale left over from the last).
        from flask import g

        g.__dict__.clear()

    app.before_request_funcs[None].insert(0, app.before_request_funcs[None].pop())
    yield app
    with app.app_context():
        db.engine.dispose()  # an open PostgreSQL connection at exit is a ResourceWarning


def _empty_tables(app) -> None:
    with app.app_context():
        db.session.remove()
        tables = [t.name for t in reversed(db.metadata.sorted_tables)]
        with db.engine.begin() as conn:
            if db.engine.dialect.name == "postgresql":
                conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
            else:
                conn.execute(text("PRAGMA defer_foreign_keys=ON"))  # company and user point at each other
                # The audit log refuses DELETE by trigger; the suite lifts that for its own clean-up.
                triggers = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all()
                for name, _sql in triggers:
                    conn.execute(text(f'DROP TRIGGER "{name}"'))
                for table in tables:
                    conn.execute(text(f'DELETE FROM "{table}"'))
                for _name, sql in triggers:
                    conn.execute(text(sql))
        app.extensions.pop("lokerwarga.ranking", None)


@pytest.fixture
def app(_app):
    with _app.app_context():
        yield _app
        db.session.remove()
    _empty_tables(_app)


@pytest.fixture
def client(app):
    return app.test_client()


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, login: str, password: str = "rahasia123"):
        """Log in, completing the second step for staff and admin like the person would."""
        response = self.client.post("/login", data={"login": login, "password": password})
        if response.status_code == 303 and response.headers["Location"].endswith("/login/2fa"):
            from app.auth.services import find_user_by_login
            from tests.factories import totp_code

            response = self.client.post("/login/2fa", data={"code": totp_code(find_user_by_login(login))})
        return response

    def logout(self):
        return self.client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def make(app):
    from tests import factories

    return factories.Factory()


@pytest.fixture
def world(make):
    """Two kelurahan, one of each role, a verified company with an open vacancy, two residents."""
    return make.world()
