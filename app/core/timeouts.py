"""Bounded waits on the database for web requests, and a clear answer when they run out.

PostgreSQL sessions get a statement and a lock timeout from their engine options (app/config.py).
On SQLite a web request waits at most SQLITE_WEB_BUSY_MS for the write lock; commands and the
worker keep the longer wait set in app/core/database.py. Either way a request that runs out of
time (or finds the database away) gets a short "coba lagi" page with status 503 and Retry-After,
not a 500 after a long hang."""
from __future__ import annotations

import sqlite3

from flask import Flask, current_app, g, has_request_context, make_response, render_template, request
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from ..extensions import db

BUSY_DEFAULT = "lokerwarga.busy_timeout_default"  # key in the DBAPI connection's info
BUSY_NOW = "lokerwarga.busy_timeout_now"
RETRY_AFTER_SECONDS = 5


def _sqlite_busy_wait(engine, web_ms: int) -> None:
    # At checkout, before the transaction's BEGIN (app/core/database.py) waits for the write lock.
    @event.listens_for(engine, "checkout")
    def bound_web_waits(dbapi_connection, record, _proxy):
        if BUSY_DEFAULT not in record.info:
            default = dbapi_connection.execute("PRAGMA busy_timeout").fetchone()[0]
            record.info[BUSY_DEFAULT] = record.info[BUSY_NOW] = default
        wanted = web_ms if has_request_context() else record.info[BUSY_DEFAULT]
        if record.info[BUSY_NOW] != wanted:
            dbapi_connection.execute(f"PRAGMA busy_timeout={int(wanted)}")
            record.info[BUSY_NOW] = wanted


def _busy_or_away(error: Exception) -> bool:
    """A wait that ran out or a lost connection, not a fault of the code (a missing table, say)."""
    cause = getattr(error, "orig", error)
    if isinstance(cause, sqlite3.OperationalError):
        text = str(cause).lower()
        return "locked" in text or "busy" in text or "unable to open" in text or "disk i/o" in text
    sqlstate = getattr(cause, "sqlstate", None)  # PostgreSQL: none when the connection itself broke
    # 08: connection exceptions; 53: insufficient resources; 55P03: lock not available;
    # 57: operator intervention (statement timeout, shutdown, terminated backend).
    return sqlstate is None or sqlstate.startswith(("08", "53", "55P03", "57"))


def busy_page(error: Exception):
    """A lock held too long, a statement past its timeout, the database away: try again shortly."""
    if not _busy_or_away(error):
        raise error  # a real fault: the usual 500 page, logged with its traceback
    try:
        db.session.rollback()
    except SQLAlchemyError:
        db.session.remove()
    current_app.logger.warning("database busy or away: %s", getattr(error, "orig", error))
    # The page is drawn for nobody in particular: the signed-in user may be what could not be read,
    # or was expired by the rollback, and reading them again for the layout would wait again (a 500).
    g._login_user = current_app.login_manager.anonymous_user()
    if request.path.startswith("/healthz"):
        response = make_response({"status": "unavailable"}, 503)
    else:
        response = make_response(render_template(
            "error.html", status=503, title=_("Sedang sibuk"),
            message=_("Server sedang sibuk dan belum dapat menyimpan atau menampilkan data ini. "
                      "Tunggu sebentar, lalu coba lagi.")), 503)
    response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def init_app(app: Flask) -> None:
    with app.app_context():
        if db.engine.dialect.name == "sqlite":
            _sqlite_busy_wait(db.engine, int(app.config.get("SQLITE_WEB_BUSY_MS") or 3000))
    app.register_error_handler(OperationalError, busy_page)
    # SQLite's BEGIN is sent from an engine event (app/core/database.py): its error arrives unwrapped.
    app.register_error_handler(sqlite3.OperationalError, busy_page)
