"""Engine settings per database: SQLite gets WAL, a busy timeout, foreign keys and
write transactions that take the lock up front; on PostgreSQL a page that only reads runs
outside a transaction until its first write. On every database, a request whose transaction
only read ends it with a commit instead of a rollback (see end_read_only_transactions)."""
from __future__ import annotations

import re
from contextvars import ContextVar

from flask import current_app, has_request_context, request
from sqlalchemy import CompoundSelect, Select, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


READ_ONLY = "lokerwarga.read_only"  # key in Connection.info: the transaction has only read so far
# Set by background work that reads only for a while (app/jobs/tasks.py): its SQLite
# transactions then begin deferred, so a long read never holds the write lock.
READING_WORK: ContextVar[bool] = ContextVar("lokerwarga_reading_work", default=False)


def configure_engine(engine: Engine) -> None:
    @event.listens_for(engine, "begin")
    def start_read_only(connection):
        connection.info[READ_ONLY] = True

    @event.listens_for(engine, "before_cursor_execute")
    def note_writes(connection, _cursor, _statement, _parameters, context, _executemany):
        if connection.info.get(READ_ONLY) and not _is_select(context):
            connection.info[READ_ONLY] = False

    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    elif engine.dialect.name == "postgresql":
        _configure_postgresql(engine)


def _is_select(context) -> bool:
    """A SELECT (or UNION of SELECTs) that SQLAlchemy compiled from its own constructs, with no
    INSERT, UPDATE or DELETE in a WITH clause. Anything else counts as a write: DML, DDL, a
    SAVEPOINT, any text() statement (even one given columns), a SELECT with a data-changing CTE.
    A SELECT of a function that changes data or takes a lock would count as a read: the app has
    none, and one would need its own mark."""
    compiled = context.compiled if context is not None else None
    statement = getattr(compiled, "statement", None)
    if not isinstance(statement, (Select, CompoundSelect)) or context.isinsert or context.isupdate or context.isdelete:
        return False
    return not any(getattr(cte.element, "is_dml", False) for cte in (getattr(compiled, "ctes", None) or ()))


def _reading_request() -> bool:
    """A request for a page that does not write (GET and the like, not marked writes_on_get)."""
    return has_request_context() and request.method in SAFE_METHODS and not _view_writes()


def _configure_postgresql(engine: Engine) -> None:
    """A page that only reads makes its queries in psycopg's autocommit mode: no BEGIN before the
    first and no COMMIT after the last, two round trips to the server of a page's five. Under
    READ COMMITTED, PostgreSQL's level and the app's, every statement of a transaction sees the
    data as of its own start anyway, so reading outside one changes nothing a page shows. The
    first statement that is not a plain SELECT (see _is_select), or that locks rows (FOR UPDATE,
    FOR SHARE), leaves autocommit first, so psycopg opens a transaction with it and everything from
    there commits or rolls back together, as before."""
    from psycopg.pq import TransactionStatus

    def leave_autocommit(driver, info) -> None:
        # Only the autocommit set here: a connection asked for with isolation_level="AUTOCOMMIT"
        # (VACUUM, for one) keeps its own. psycopg allows the switch only while no transaction is
        # open; a broken connection is left as it is, for the pool to discard.
        if info.pop(READING_AUTOCOMMIT, False) and not driver.closed \
                and driver.info.transaction_status == TransactionStatus.IDLE:
            driver.autocommit = False

    @event.listens_for(engine, "begin")
    def read_outside_a_transaction(connection):
        if _reading_request():
            driver = connection.connection.driver_connection
            if not driver.autocommit and driver.info.transaction_status == TransactionStatus.IDLE:
                driver.autocommit = True
                connection.info[READING_AUTOCOMMIT] = True

    @event.listens_for(engine, "before_cursor_execute")
    def transaction_from_the_first_write(connection, _cursor, statement, _parameters, _context, _executemany):
        # note_writes (configure_engine), registered first, has already classified this statement.
        info = connection.info
        if info.get(READING_AUTOCOMMIT) and (not info.get(READ_ONLY) or ROW_LOCK.search(statement)):
            leave_autocommit(connection.connection.driver_connection, info)  # psycopg opens a transaction with it

    @event.listens_for(engine, "commit")
    @event.listens_for(engine, "rollback")
    def back_to_transactions(connection):
        # A lost connection has no driver (nor info) left to switch: the pool discards it.
        if not connection.invalidated and connection.info.get(READING_AUTOCOMMIT):
            leave_autocommit(connection.connection.driver_connection, connection.info)

    @event.listens_for(engine, "checkin")
    def never_pooled_in_autocommit(dbapi_connection, record):
        if dbapi_connection is not None and record.info.get(READING_AUTOCOMMIT):
            leave_autocommit(dbapi_connection, record.info)


READING_AUTOCOMMIT = "lokerwarga.reading_autocommit"  # key in Connection.info: autocommit set for a page's reads
ROW_LOCK = re.compile(r"\bFOR (?:NO KEY UPDATE|UPDATE|KEY SHARE|SHARE)\b")  # anywhere, subqueries too


def end_read_only_transactions(app, db) -> None:
    """Commit, rather than roll back, a request's transaction that only read.

    Both end a read the same way, but psycopg forgets the statements it has prepared on the
    server at every rollback; a request ending in one made PostgreSQL parse and plan every query
    of every page again. A transaction that wrote anything, or holds unflushed changes, or whose
    request failed, is left to Flask-SQLAlchemy, which rolls it back as before."""

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
        reading = READING_WORK.get() or _reading_request()
        connection.connection.driver_connection.execute("BEGIN" if reading else "BEGIN IMMEDIATE")


def _view_writes() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return bool(getattr(view, "writes_on_get", False))


def writes_on_get(view):
    """Marks a page that records something (an audit entry) while being read, so that its
    transaction takes the write lock from the start."""
    view.writes_on_get = True
    return view
