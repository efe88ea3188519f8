"""Is background work being done? Workers record a heartbeat (``beat``); /healthz reports the last
one and the oldest queued job, and answers 503 when the workers have been silent past their lease
or when the database cannot be reached within HEALTH_TIMEOUT_MS (a held lock, a stalled server):
a quick, clear answer instead of a request that hangs."""
from __future__ import annotations

import datetime as dt
import sqlite3
from functools import cache

from flask import current_app
from sqlalchemy import delete, false, func, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..core.timeutil import utcnow
from ..extensions import db
from .lease import lease
from .models import QUEUED, Job, JobWorker


def beat(name: str, backend: str) -> None:
    """This worker is alive (commits the worker's session)."""
    now = utcnow()
    renewed = db.session.execute(update(JobWorker).where(JobWorker.name == name).values(beat_at=now, backend=backend))
    if not renewed.rowcount:
        db.session.execute(JobWorker.__table__.insert().values(name=name, backend=backend, started_at=now, beat_at=now))
    db.session.commit()


def forget(name: str) -> None:
    """This worker stops cleanly: it is no longer expected to beat (commits the worker's session)."""
    db.session.execute(delete(JobWorker).where(JobWorker.name == name))
    db.session.commit()


def _can_write_sqlite(timeout_ms: int) -> None:
    """Raise unless this request could take SQLite's write lock within ``timeout_ms``: a write
    that changes nothing asks for the lock (the request ends in a rollback, as after any write)."""
    db.session.commit()  # the write begins a fresh transaction: no stale snapshot to upgrade
    driver = db.session.connection().connection.driver_connection
    saved = driver.execute("PRAGMA busy_timeout").fetchone()[0]
    driver.execute(f"PRAGMA busy_timeout={int(timeout_ms)}")
    try:
        db.session.execute(update(JobWorker).where(false()).values(beat_at=JobWorker.beat_at))
    finally:
        driver.execute(f"PRAGMA busy_timeout={int(saved)}")


def _read(timeout_ms: int) -> tuple[dt.datetime | None, dt.datetime | None]:
    """The last worker heartbeat and the oldest queued job, each query bounded by ``timeout_ms``."""
    with db.engine.connect() as conn:
        postgresql = conn.dialect.name == "postgresql"
        if postgresql:
            saved = conn.scalar(select(func.current_setting("statement_timeout")))
            conn.scalar(select(func.set_config("statement_timeout", f"{int(timeout_ms)}ms", False)))
        try:
            last_beat = conn.scalar(select(func.max(JobWorker.beat_at)))
            oldest = conn.scalar(select(func.min(Job.created_at)).where(Job.status == QUEUED))
            if postgresql:
                conn.scalar(select(func.set_config("statement_timeout", saved, False)))
        except SQLAlchemyError:
            conn.invalidate()  # its settings are unknown now: never back to the pool
            raise
        conn.commit()
    return last_beat, oldest


def report() -> tuple[dict, int]:
    """The body and status of /healthz for background work and database locks."""
    timeout_ms = int(current_app.config.get("HEALTH_TIMEOUT_MS") or 2000)
    try:
        if db.engine.dialect.name == "sqlite":
            _can_write_sqlite(timeout_ms)
        last_beat, oldest = _read(timeout_ms)
    except (SQLAlchemyError, sqlite3.Error):
        current_app.logger.warning("health check: database busy or unreachable", exc_info=True)
        return {"status": "unavailable"}, 503
    now, limit = utcnow(), lease()
    body = {"status": "ok", "worker_heartbeat": last_beat.isoformat() if last_beat else None,
            "oldest_queued_job": oldest.isoformat() if oldest else None}
    # No worker has ever beaten: only work left waiting past the limit says something is wrong.
    silent = (now - last_beat > limit) if last_beat else (oldest is not None and now - oldest > limit)
    if silent:
        body["status"] = "worker silent"
        return body, 503
    return body, 200


@cache
def _stall_statement():
    """Built once per process: it runs on every staff page, and building it costs more than
    running it."""
    return select(select(func.max(JobWorker.beat_at)).scalar_subquery(),
                  select(func.min(Job.created_at)).where(Job.status == QUEUED).scalar_subquery())


def stalled_since() -> dt.datetime | None:
    """When background work stopped, for the banner of staff and admin pages: the last heartbeat
    of a worker silent past its lease, or the oldest job waiting past it with no worker at all.
    None while work goes on (one query; a database that does not answer is not this banner's
    business: the page itself fails then)."""
    last_beat, oldest = db.session.execute(_stall_statement()).one()
    now, limit = utcnow(), lease()
    if last_beat is not None:
        return last_beat if now - last_beat > limit else None
    return oldest if oldest is not None and now - oldest > limit else None
