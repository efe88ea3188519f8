"""The RQ runner: the same jobs on a Redis queue, for several machines sharing one database.

The job row is written with the caller's transaction; the RQ message (just the row's id) is
pushed after that transaction commits, so a worker never looks for a row it cannot see yet."""
from __future__ import annotations

import logging
import sqlite3
import threading
import time

from flask import current_app, has_app_context
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue, SimpleWorker
from rq.job import Job as RQJob
from sqlalchemy import event, select, update
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from .. import create_app
from ..core.timeutil import utcnow
from ..extensions import db
from . import N_
from .health import beat, forget
from .lease import recover_abandoned, worker_name
from .models import FAILED, QUEUED, Job

UNPUSHED = "lokerwarga_rq_unpushed"
WAITING_FOR_REDIS = N_("Menunggu Redis: dijalankan begitu antrean pekerjaan dapat dihubungi lagi.")
from .runner import enqueue_tick_if_due, execute

log = logging.getLogger("lokerwarga.jobs")
PENDING = "lokerwarga.jobs.rq_pending"
TIMEOUT = 24 * 3600  # RQ's default of 180 s would kill a city-wide refresh


def redis_connection(app=None):
    app = app or current_app
    return Redis.from_url(app.config["REDIS_URL"])


def queue(app=None, connection=None):
    app = app or current_app
    return Queue(app.config["JOBS_QUEUE"], connection=connection or redis_connection(app))


def push_after_commit(session: Session, job_id: int) -> None:
    session.info.setdefault(PENDING, []).append((current_app._get_current_object(), job_id))


def message_id(job_id: int) -> str:
    """The RQ job id of a job row: the same on every push, so a lost message can be found missing."""
    return f"lokerwarga-{job_id}"


def _push(app, job_id: int) -> None:
    queue(app).enqueue_call("app.jobs.rq_backend.run", args=(job_id,), timeout=TIMEOUT, result_ttl=600,
                            description=f"lokerwarga job {job_id}", job_id=message_id(job_id))


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    for app, job_id in pending or ():
        try:
            _push(app, job_id)
        except RedisError as exc:
            # The row stays queued: every worker pushes queued jobs missing from Redis again
            # (recover), so the job runs once Redis answers. Say so on the job and to the caller.
            log.warning("job %s queued in the job table only: Redis cannot be reached (%s)", job_id, exc)
            session.info.setdefault(UNPUSHED, []).append(job_id)
            with app.app_context(), db.engine.begin() as conn:
                conn.execute(update(Job).where(Job.id == job_id).values(
                    updated_at=utcnow(), message=WAITING_FOR_REDIS, message_params={}))
        except Exception as exc:  # not a connection fault (a bad REDIS_URL): the job cannot run
            log.exception("could not queue job %s on RQ", job_id)
            with app.app_context(), db.engine.begin() as conn:
                conn.execute(update(Job).where(Job.id == job_id).values(
                    status=FAILED, finished_at=utcnow(), updated_at=utcnow(), error=repr(exc),
                    message=N_("Antrean pekerjaan (Redis) tidak dapat dipakai."), message_params={}))


def unpushed(session: Session) -> list[int]:
    """The jobs of this session's last commit that are not in Redis yet (Redis was down)."""
    return session.info.pop(UNPUSHED, [])


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    if not session.in_transaction():
        session.info.pop(PENDING, None)


_app_lock = threading.Lock()
_standalone_app = None


def run(job_id: int) -> None:
    """What RQ executes. Inside ``flask --app app worker`` the app context is already there; a
    plain ``rq worker`` gets an app built from the environment."""
    if has_app_context():
        try:
            execute(job_id)
        finally:
            # RQ idles next, possibly for hours: no transaction (on SQLite the write lock) stays open.
            db.session.remove()
        return
    global _standalone_app
    with _app_lock:
        if _standalone_app is None:
            _standalone_app = create_app()
    with _standalone_app.app_context():
        execute(job_id)


def recover(app, *, restarted: str | None = None) -> list[int]:
    """Running RQ jobs whose worker is gone go back to the queue, in the table and on Redis; queued
    jobs whose message Redis lost (restarted without its data) are pushed again. A job pushed
    twice runs once: its runner first claims the row (queued -> running)."""
    queued = recover_abandoned(("rq", "cli"), restarted=restarted)
    waiting = db.session.scalars(select(Job.id).where(Job.status == QUEUED, Job.backend == "rq")).all()
    db.session.commit()
    connection = redis_connection(app)
    lost = [job_id for job_id in waiting
            if job_id not in queued and not RQJob.exists(message_id(job_id), connection=connection)]
    for job_id in [*queued, *lost]:
        _push(app, job_id)
    if lost:
        log.warning("%d queued job(s) missing from Redis pushed again", len(lost))
    return queued + lost


class _Worker(SimpleWorker):
    """RQ's worker, remembering whether it was asked to stop (else its loop ended on a fault)."""

    stop_asked = False

    def request_stop(self, signum, frame):
        self.stop_asked = True
        super().request_stop(signum, frame)


def work(*, burst: bool = False, install_signals: bool = False) -> None:
    """An RQ worker in this process (no fork per job, so the ranking engine stays warm), with a
    thread that queues the periodic ``tick`` job, records this worker's heartbeat and takes back
    jobs whose worker is gone. RQ's loop ends on some Redis or database faults: then it starts
    again after a wait (1 s, doubling up to JOBS_RECONNECT_MAX_SECONDS) instead of exiting."""
    app = current_app._get_current_object()
    name = worker_name()
    longest_wait = float(app.config.get("JOBS_RECONNECT_MAX_SECONDS") or 60)
    stop = threading.Event()
    if not burst:
        threading.Thread(target=_ticker, args=(app, name, stop), name="lokerwarga-tick", daemon=True).start()
    wait, restarted = 0.0, name
    try:
        while True:
            try:
                connection = redis_connection(app)
                recover(app, restarted=restarted)  # at its start the worker takes its own jobs back
                restarted = None
                db.session.remove()
                worker = _Worker([queue(app, connection)], connection=connection)
                worker.work(burst=burst, logging_level="INFO" if not burst else "WARNING")
                if burst or worker.stop_asked:
                    return
                reason: object = "RQ's loop ended"
            except (RedisError, OperationalError, InterfaceError, sqlite3.OperationalError) as exc:
                if burst:
                    raise
                reason = exc
            db.session.remove()
            wait = min(max(1.0, wait * 2), longest_wait)
            log.warning("RQ worker %s stopped (%s); starting again in %.0f s", name, reason, wait)
            time.sleep(wait)
    finally:
        stop.set()
        try:
            db.session.rollback()
            forget(name)
        except (SQLAlchemyError, sqlite3.Error):
            log.warning("worker %s could not remove its heartbeat", name)
        db.session.remove()


def _ticker(app, name: str, stop: threading.Event) -> None:
    last = float("-inf")
    every = min(30.0, float(app.config.get("JOBS_HEARTBEAT_SECONDS") or 15))
    with app.app_context():
        while not stop.is_set():
            try:
                beat(name, "rq")
                last = enqueue_tick_if_due(last)
                recover(app)
            except Exception:
                log.exception("could not queue the tick job or recover abandoned jobs")
            finally:
                db.session.remove()
            stop.wait(every)
