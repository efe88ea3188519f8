"""Engine settings per database: SQLite gets WAL, a busy timeout, foreign keys and
write transactions that take the lock up front."""
from __future__ import annotations

from flask import current_app, has_request_context, request
from sqlalchemy import event
from sqlalchemy.engine import Engine

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's begin event decide how each transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Reads through a memory map of the file (the OS page cache, shared by every worker
        # process) instead of a read() per page, and a larger private cache of hot pages.
        cursor.execute("PRAGMA mmap_size=268435456")
        cursor.execute("PRAGMA cache_size=-16384")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # A read that later upgrades to a write fails at once under WAL instead of
        # waiting; requests that may write (and commands) take the write lock first.
        reading = has_request_context() and request.method in SAFE_METHODS and not _view_writes()
        # Straight to the driver: a full SQLAlchemy execution here cost as much as a query.
        connection.connection.driver_connection.execute("BEGIN" if reading else "BEGIN IMMEDIATE")


def _view_writes() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "writes_on_get", False))


def writes_on_get(view):
    """Marks a page that records something (an audit entry) while being read, so that its
    transaction takes the write lock from the start."""
    view.writes_on_get = True
    return view
