"""Engine settings per database: SQLite gets WAL, a busy timeout, foreign keys and write
transactions that take the lock up front. On every database, a request whose transaction only
read ends it with a commit instead of a rollback (see end_read_only_transactions).

A request that may write takes SQLite's write lock at its first query and holds it to its
commit, its Python work included. A view whose reads and checks are slow (a password hash)
is marked `reads_first`: it reads in a transaction without the lock, then calls
begin_writing() when it is ready to write (see there). A web request tries for the lock every
2 ms (take_write_lock), and no process runs Python's cyclic GC while it holds the lock."""
from __future__ import annotations

import gc
import sqlite3
import time
from contextvars import ContextVar

from flask import current_app, g, has_request_context, request
from sqlalchemy import CompoundSelect, Select, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


GC_PAUSED = "lokerwarga.gc_paused"  # key in Connection.info: this write transaction turned the cyclic GC off
READ_ONLY = "lokerwarga.read_only"  # key in Connection.info: the transaction has only read so far
# Set by background work that reads only for a while (app/jobs/tasks.py): its SQLite
# transactions then begin deferred, so a long read never holds the write lock.
READING_WORK: ContextVar[bool] = ContextVar("lokerwarga_reading_work", default=False)


def configure_engine(engine: Engine) -> None:
    """Track whether each transaction has only read (for end_read_only_transactions), and apply
    the database's own settings."""

    @event.listens_for(engine, "begin")
    def start_read_only(connection):
        connection.info[READ_ONLY] = True

    @event.listens_for(engine, "before_cursor_execute")
    def note_writes(connection, _cursor, _statement, _parameters, context, _executemany):
        if connection.info.get(READ_ONLY) and not _is_select(context):
            if _reading_part():
                # On SQLite this write would upgrade a read transaction: it fails at once when the
                # lock is taken, and the reads before it were not made under the lock.
                raise WriteBeforeBeginWriting("a reads_first view wrote before begin_writing()")
            connection.info[READ_ONLY] = False

    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)


def _is_select(context) -> bool:
    """Whether a statement about to run only reads: a SELECT (or UNION of SELECTs) that
    SQLAlchemy compiled from its own constructs, with no INSERT, UPDATE or DELETE in a WITH
    clause. Anything else counts as a write (see end_read_only_transactions for why)."""
    compiled = context.compiled if context is not None else None
    statement = getattr(compiled, "statement", None)
    if not isinstance(statement, (Select, CompoundSelect)) or context.isinsert or context.isupdate or context.isdelete:
        return False
    return not any(getattr(cte.element, "is_dml", False) for cte in (getattr(compiled, "ctes", None) or ()))


class WriteBeforeBeginWriting(RuntimeError):
    """A reads_first view wrote in its reading part: a fault of the code, not of the database."""


WRITING = "_lokerwarga_writing"  # attribute of flask.g: begin_writing() was called in this request


def _reading_request() -> bool:
    """A request for a page that does not write (GET and the like, not marked writes_on_get),
    or a reads_first view that has not called begin_writing() yet."""
    if not has_request_context():
        return False
    if request.method in SAFE_METHODS:
        return not _view_writes()
    return _reading_part()


def _reading_part() -> bool:
    """In a reads_first view, before its begin_writing()."""
    if not has_request_context() or getattr(g, WRITING, False):
        return False
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "reads_first", False)) and request.method not in SAFE_METHODS


def reads_first(view):
    """Marks a view that may write but reads and checks first (a log-in checks a password hash
    for half a second or more): its transaction begins without SQLite's write lock, so every
    other save goes on meanwhile, and the view calls begin_writing() before it writes. A write
    before that raises WriteBeforeBeginWriting, on every database, so a missed call shows in
    the tests and never becomes a write outside the lock."""
    view.reads_first = True
    return view


def begin_writing(session) -> None:
    """The reading part of a reads_first request ends here; the next statement begins its
    write transaction, which on SQLite takes the write lock up front (BEGIN IMMEDIATE).

    The read transaction is committed (it wrote nothing), so every object it loaded is expired
    and read again, under the lock, when next used. What the view decided from those reads may
    have changed meanwhile: the view checks again, after this call, whatever its write depends
    on (log-in: the account is still active and its password hash is the one just verified)."""
    if session.new or session.dirty or session.deleted:
        raise WriteBeforeBeginWriting("changes made before begin_writing()")
    session.commit()
    if has_request_context():
        setattr(g, WRITING, True)


def end_read_only_transactions(app, db) -> None:
    """Commit, rather than roll back, a request's transaction that only read.

    Both end a read the same way, but psycopg forgets the statements it has prepared on the
    server at every rollback; a request ending in one made PostgreSQL parse and plan every query
    of every page again. A transaction that wrote anything, or holds unflushed changes, or whose
    request failed, is left to Flask-SQLAlchemy, which rolls it back as before.

    What counts as a read is decided statement by statement (configure_engine: `note_writes`,
    with `_is_select`): every transaction starts as read-only, and the first statement that is
    not a plain SELECT marks it as having written. A read is a SELECT, or a UNION of SELECTs,
    that SQLAlchemy compiled from its own constructs (select(), the ORM's queries and loads),
    with no INSERT, UPDATE or DELETE in a WITH clause. Everything else counts as a write:
    INSERT, UPDATE and DELETE (a flush among them), DDL, SAVEPOINTs, a SELECT with a
    data-changing CTE, and any text() statement, whatever it says, since its text is never
    parsed. The classifier errs towards "wrote": a read taken for a write only costs the prepared
    statements (a rollback), while a write taken for a read would be committed by this hook. A
    SELECT FOR UPDATE is a read here: committing it or rolling it back releases its locks the
    same way. The one thing it cannot see is a SELECT of a function that changes data; the app
    has none, and one would need its own mark."""

    @app.teardown_request
    def commit_reads(exc):
        if exc is not None or not db.session.registry.has():
            return
        session = db.session()
        if not session.in_transaction() or session.new or session.dirty or session.deleted:
            return
        try:
            if session.connection().info.get(READ_ONLY):
                session.commit()
        except SQLAlchemyError:  # no connection, or it broke: Flask-SQLAlchemy's own teardown cleans up
            current_app.logger.warning("ending a read-only transaction failed", exc_info=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        # Let SQLAlchemy's begin event decide how each transaction starts.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        # Deleted and overwritten rows are zeroed on disk, not left in free space: erasure erases.
        cursor.execute("PRAGMA secure_delete=ON")
        # Reads through a memory map of the file (the OS page cache, shared by every worker
        # process) instead of a read() per page, and a larger private cache of hot pages.
        cursor.execute("PRAGMA mmap_size=268435456")
        cursor.execute("PRAGMA cache_size=-16384")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # A read that later upgrades to a write fails at once under WAL instead of
        # waiting; requests that may write (and commands) take the write lock first.
        # Straight to the driver: a full SQLAlchemy execution here cost as much as a query.
        driver = connection.connection.driver_connection
        if READING_WORK.get() or _reading_request():
            driver.execute("BEGIN")
            return
        if has_request_context():
            take_write_lock(driver)
        else:
            driver.execute("BEGIN IMMEDIATE")
        if gc.isenabled():
            # A full collection of the worker's heap (the fitted ranking engine) took 0.7-2 s:
            # never while every other writer waits. It runs after the commit instead.
            gc.disable()
            connection.info[GC_PAUSED] = True

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def on_end(connection):
        if connection.invalidated:  # its info is gone with it; on_lost has seen to the GC
            return
        if connection.info.pop(GC_PAUSED, False):
            gc.enable()

    @event.listens_for(engine, "checkin")
    @event.listens_for(engine, "invalidate")
    def on_lost(_dbapi_connection, record, *_exception):
        # Ended without a commit or rollback event (a lost connection): the same info dict.
        if record is not None and record.info.pop(GC_PAUSED, False):
            gc.enable()


WEB_LOCK_POLL_SECONDS = 0.002


def _poll_pause() -> None:
    time.sleep(WEB_LOCK_POLL_SECONDS)


def take_write_lock(driver) -> None:
    """BEGIN IMMEDIATE for a web request, tried every 2 ms for as long as its busy timeout
    (SQLITE_WEB_BUSY_MS) allows, then "database is locked" as before.

    SQLite's own busy wait sleeps up to 100 ms between tries. A writer that commits and begins
    again at once (the ranking refresh, storing part after part) leaves gaps of a few
    milliseconds, which a request sleeping that long almost never saw: it waited for seconds
    behind writes of 30 ms each. The refresh pauses between its parts (app/jobs/tasks.py); a
    request trying this often takes the lock in the first pause."""
    wait_ms = driver.execute("PRAGMA busy_timeout").fetchone()[0]
    deadline = time.monotonic() + wait_ms / 1000
    driver.execute("PRAGMA busy_timeout=0")
    try:
        while True:
            try:
                driver.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error).lower() and "busy" not in str(error).lower():
                    raise
                if time.monotonic() >= deadline:
                    raise
            _poll_pause()
    finally:
        driver.execute(f"PRAGMA busy_timeout={int(wait_ms)}")


def _view_writes() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "writes_on_get", False))


def writes_on_get(view):
    """Marks a page that records something (an audit entry) while being read, so that its
    transaction takes the write lock from the start."""
    view.writes_on_get = True
    return view
