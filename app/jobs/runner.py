"""Executing jobs: progress reporting, the outcome, and the embedded (database) worker loop."""
from __future__ import annotations

import datetime as dt
import logging
import signal
import sqlite3
import time
import traceback
from typing import Any, Callable

from flask import current_app
from sqlalchemy import delete, select, update
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError

from ..core.timeutil import utcnow
from ..extensions import db
from . import N_, active, enqueue, lookup
from .health import beat, forget
from .lease import Heartbeat, recover_abandoned, worker_name
from .models import ACTIVE, DONE, FAILED, FINISHED, QUEUED, RUNNING, Job

log = logging.getLogger("lokerwarga.jobs")


class WorkerStopping(BaseException):
    """Raised in the worker when it is asked to stop (SIGTERM, SIGINT)."""


def _write(job_id: int, values: dict[str, Any]) -> None:
    """Update the job row so that other processes see it now.

    A separate short transaction, except on SQLite while the job's own transaction is open:
    SQLite has one writer, and that transaction holds the lock (transactions outside requests
    begin IMMEDIATE), so a second connection would wait for it until the busy timeout; the update
    rides along with the job's next commit instead. So a job whose progress must be seen on
    SQLite either commits in chunks and reports after each, or does its long part with no
    transaction open and writes in one short transaction at the end (app/imports/jobs.py)."""
    statement = update(Job).where(Job.id == job_id).values(updated_at=utcnow(), **values)
    if db.engine.dialect.name == "sqlite" and db.session().in_transaction():
        db.session.execute(statement)
        return
    with db.engine.begin() as conn:
        conn.execute(statement)


class Progress:
    """The callback a job receives: ``progress(40, N_("message %(x)s"), x=1)`` or
    ``progress.step(done, total, N_("%(done)d of %(total)d"))``. Writes at most twice a second."""

    MIN_INTERVAL = 0.5

    def __init__(self, job_id: int, echo: Callable[[int, str], None] | None = None) -> None:
        self.job_id = job_id
        self.echo = echo
        self.percent = 0
        self.message = ""
        self.params: dict[str, Any] = {}
        self._written: tuple | None = None
        self._last = 0.0

    def __call__(self, percent: float, message: str | None = None, **params: Any) -> None:
        self.percent = max(0, min(100, int(percent)))
        if message is not None:
            self.message, self.params = str(message), _plain(params)
        state = (self.percent, self.message, self.params)
        if self.echo is not None and state != self._written:
            self.echo(self.percent, self.render())
        now = time.monotonic()
        if state != self._written and (now - self._last >= self.MIN_INTERVAL or self._written is None):
            self.flush()

    def step(self, done: int, total: int, message: str | None = None, **params: Any) -> None:
        """Percent from a count; the message gets ``done`` and ``total`` as parameters."""
        percent = 100 * done / total if total else 100
        self(min(percent, 99), message, done=done, total=total, **params)

    def part(self, start: float, end: float) -> "Progress":
        """A progress callback for one stage of the job, mapped onto start..end of this one."""
        return _Part(self, start, end)

    def flush(self) -> None:
        self._written = (self.percent, self.message, self.params)
        self._last = time.monotonic()
        _write(self.job_id, {"progress": self.percent, "message": self.message[:255], "message_params": self.params,
                             "heartbeat_at": utcnow()})

    def render(self) -> str:
        try:
            return self.message % self.params if self.params else self.message
        except (KeyError, ValueError, TypeError):
            return self.message


class _Part:
    def __init__(self, whole: Progress, start: float, end: float) -> None:
        self.whole, self.start, self.end = whole, start, end

    def __call__(self, percent: float, message: str | None = None, **params: Any) -> None:
        self.whole(self.start + (self.end - self.start) * max(0.0, min(100.0, percent)) / 100, message, **params)

    def step(self, done: int, total: int, message: str | None = None, **params: Any) -> None:
        percent = 100 * done / total if total else 100
        self(min(percent, 99), message, done=done, total=total, **params)

    def part(self, start: float, end: float) -> "_Part":
        span = self.end - self.start
        return _Part(self.whole, self.start + span * start / 100, self.start + span * end / 100)

    def flush(self) -> None:
        self.whole.flush()


def _plain(value: Any) -> Any:
    """What a JSON column stores: tuples to lists, numpy numbers to Python ones, dates to text."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item") and callable(value.item):
        return value.item()
    return value


def _claim(job_id: int, name: str) -> bool:
    """queued -> running, atomically: only one runner gets a job."""
    now = utcnow()
    result = db.session.execute(
        update(Job).where(Job.id == job_id, Job.status == QUEUED)
        .values(status=RUNNING, worker=name[:120], started_at=now, updated_at=now, heartbeat_at=now, progress=0,
                attempts=Job.attempts + 1, error="")
    )
    db.session.commit()
    return result.rowcount == 1


def execute(job_id: int, *, echo: Callable[[int, str], None] | None = None, claimed: bool = False,
            worker: str | None = None) -> Job:
    """Run one job to its end and record the outcome, renewing its lease meanwhile. A stop
    request puts it back in the queue."""
    worker = worker or worker_name()
    if not claimed and not _claim(job_id, worker):
        db.session.remove()
        return db.session.get(Job, job_id)
    row = db.session.get(Job, job_id)
    name, params = row.name, dict(row.params or {})
    db.session.remove()  # the job starts with a clean session and no open transaction
    progress = Progress(job_id, echo)
    log.info("job %s %s started", job_id, name)
    started = time.monotonic()
    try:
        with Heartbeat(current_app._get_current_object(), job_id, worker):
            spec = lookup(name)
            result = spec.func(progress, **params)
            db.session.commit()
    except WorkerStopping:
        db.session.rollback()
        _write(job_id, {"status": QUEUED, "worker": "", "progress": 0,
                        "message": N_("Dihentikan karena worker berhenti; akan dijalankan ulang."), "message_params": {}})
        db.session.remove()
        log.warning("job %s %s interrupted; queued again", job_id, name)
        raise
    except Exception as exc:  # the job failed: record why, keep the worker alive
        db.session.rollback()
        db.session.remove()
        _write(job_id, {"status": FAILED, "finished_at": utcnow(), "error": traceback.format_exc()[-20000:],
                        "message": N_("Gagal: %(error)s"), "message_params": {"error": str(exc)[:200] or type(exc).__name__}})
        log.exception("job %s %s failed", job_id, name)
        if echo is not None:
            echo(progress.percent, f"failed: {exc}")
    else:
        db.session.remove()
        final = {"status": DONE, "progress": 100, "finished_at": utcnow(), "result": _plain(result)}
        if progress.message:
            final.update(message=progress.message[:255], message_params=progress.params)
        else:
            final.update(message=N_("Selesai."), message_params={})
        _write(job_id, final)
        log.info("job %s %s done in %.1f s", job_id, name, time.monotonic() - started)
        if echo is not None:
            echo(100, "done")
    return db.session.get(Job, job_id)


# ---------------------------------------------------------------- the embedded runner


def claim_next(name: str) -> int | None:
    """The oldest queued database-backend job, now marked running by this worker."""
    for _attempt in range(3):
        job_id = db.session.scalar(select(Job.id).where(Job.status == QUEUED, Job.backend == "db")
                                   .order_by(Job.id).limit(1))
        db.session.commit()
        if job_id is None:
            return None
        if _claim(job_id, name):
            return job_id
    return None


def recover_orphans(*, restarted: str | None = None) -> int:
    """Running jobs of the embedded runner (or the command line) whose worker is gone go back
    to the queue (app/jobs/lease.py)."""
    return len(recover_abandoned(("db", "cli"), restarted=restarted))


def enqueue_tick_if_due(last: float) -> float:
    """Queue the periodic ``tick`` job every JOBS_TICK_SECONDS unless one is already waiting."""
    interval = float(current_app.config.get("JOBS_TICK_SECONDS") or 0)
    now = time.monotonic()
    if interval <= 0 or now - last < interval:
        return last
    if active("tick") is None:
        enqueue("tick")
    db.session.commit()
    return now


def prune(keep_days: int) -> int:
    cutoff = utcnow() - dt.timedelta(days=keep_days)
    result = db.session.execute(delete(Job).where(Job.status.in_(FINISHED), Job.finished_at < cutoff))
    return result.rowcount or 0


class _StopFlag:
    def __init__(self) -> None:
        self.stopping = False

    def install(self) -> None:
        def handler(signum, _frame):
            if self.stopping:
                return
            self.stopping = True
            raise WorkerStopping(signal.Signals(signum).name)

        signal.signal(signal.SIGTERM, handler)
        signal.signal(signal.SIGINT, handler)


def work(*, burst: bool = False, max_jobs: int | None = None, install_signals: bool = False) -> int:
    """The embedded runner: claim queued jobs from the table and run them, one at a time.

    ``burst`` returns once the queue is empty. Returns the number of jobs run. A lost database
    connection does not end it: it waits (1 s, doubling up to JOBS_RECONNECT_MAX_SECONDS) and
    goes on; a job cut off that way is taken back through its lease."""
    flag = _StopFlag()
    if install_signals:
        flag.install()
    name = worker_name()
    poll = float(current_app.config.get("JOBS_POLL_SECONDS") or 1.0)
    heartbeat = float(current_app.config.get("JOBS_HEARTBEAT_SECONDS") or 15)
    longest_wait = float(current_app.config.get("JOBS_RECONNECT_MAX_SECONDS") or 60)
    done, wait = 0, 0.0
    last_tick = float("-inf") if not burst else time.monotonic()
    last_beat, restarted = float("-inf"), name  # at its start the worker takes its own jobs back
    try:
        while max_jobs is None or done < max_jobs:
            try:
                if time.monotonic() - last_beat >= heartbeat:
                    beat(name, "db")
                    recovered = recover_orphans(restarted=restarted)  # and any worker's, abandoned since
                    if recovered:
                        log.warning("%d job(s) of a stopped worker queued again", recovered)
                    last_beat, restarted = time.monotonic(), None
                if not burst:
                    last_tick = enqueue_tick_if_due(last_tick)
                job_id = claim_next(name)
                if job_id is not None:
                    execute(job_id, claimed=True)
                    done += 1
                db.session.remove()  # no transaction stays open while idle or between jobs
            except (OperationalError, InterfaceError, sqlite3.OperationalError) as exc:  # the database went away
                db.session.remove()
                if burst:
                    raise
                wait = min(max(1.0, wait * 2), longest_wait)
                log.warning("worker %s lost the database (%s); trying again in %.0f s", name, exc, wait)
                time.sleep(wait)
                continue
            wait = 0.0
            if job_id is None:
                if burst:
                    break
                time.sleep(poll)
    except WorkerStopping:
        log.info("worker %s stopping", name)
    finally:
        try:
            db.session.rollback()  # a job stopped mid-transaction leaves nothing behind
            forget(name)
        except (SQLAlchemyError, sqlite3.Error):
            log.warning("worker %s could not remove its heartbeat", name)
        db.session.remove()
    return done


__all__ = ["ACTIVE", "Progress", "WorkerStopping", "claim_next", "execute", "prune", "recover_orphans", "work", "worker_name"]
