"""Leases: how a job that lost its worker (killed, its machine restarted) is found and taken back.

A running job belongs to a worker identity (``WORKER_ID`` when set, so a restarted container is
the same worker; else host:pid) and carries a heartbeat that a thread of that worker renews every
JOBS_HEARTBEAT_SECONDS. A running job whose heartbeat is older than JOBS_LEASE_SECONDS was
abandoned: any worker queues it again, or fails it with the reason shown once it has been tried
JOBS_MAX_ATTEMPTS times. Such a job never counts as active, so it blocks no new work."""
from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading

from flask import Flask, current_app, has_app_context
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.exc import SQLAlchemyError

from ..core.timeutil import utcnow
from ..extensions import db
from .models import FAILED, QUEUED, RUNNING, Job, JobWorker

log = logging.getLogger("lokerwarga.jobs")
STOPPED = "Dihentikan karena worker berhenti; akan dijalankan ulang."
GAVE_UP = "Gagal: pekerjaan terhenti %(attempts)d kali karena worker berhenti."
CLI_GONE = "Terhenti: proses yang menjalankannya berhenti."


def process_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def worker_name() -> str:
    """This worker's identity: WORKER_ID when configured (the same after a restart), else host:pid."""
    configured = current_app.config.get("WORKER_ID") if has_app_context() else ""
    return str(configured or process_name())[:120]


def lease() -> dt.timedelta:
    return dt.timedelta(seconds=float(current_app.config.get("JOBS_LEASE_SECONDS") or 120))


def alive():
    """The condition of a job that is waiting or being worked on by a worker that still answers."""
    last_sign = func.coalesce(Job.heartbeat_at, Job.started_at, Job.updated_at)
    return or_(Job.status == QUEUED, and_(Job.status == RUNNING, last_sign >= utcnow() - lease()))


def _pid_gone_here(worker: str) -> bool:
    """A host:pid identity of this machine whose process no longer exists."""
    host, _sep, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


def recover_abandoned(backends: tuple[str, ...], *, restarted: str | None = None) -> list[int]:
    """Take back the running jobs (of these backends) whose worker is gone; returns the ids queued
    again. ``restarted``: this worker's identity at its start, whose earlier jobs it knows it
    is not running. Each row is taken back with a conditional update, so two workers recovering at
    once cannot both take it."""
    cutoff = utcnow() - lease()
    most = int(current_app.config.get("JOBS_MAX_ATTEMPTS") or 3)
    queued: list[int] = []
    rows = db.session.execute(select(Job.id, Job.worker, Job.backend, Job.attempts, Job.heartbeat_at, Job.started_at,
                                     Job.updated_at).where(Job.status == RUNNING, Job.backend.in_(backends))).all()
    for job_id, worker, backend, attempts, heartbeat, started, updated in rows:
        last_sign = heartbeat or started or updated
        if not (worker == restarted or last_sign is None or last_sign < cutoff or _pid_gone_here(worker)):
            continue
        now = utcnow()
        if backend == "cli":  # a command-line run whose process ended: nobody will resume it
            values = {"status": FAILED, "finished_at": now, "message": CLI_GONE, "message_params": {}}
        elif (attempts or 0) >= most:
            values = {"status": FAILED, "finished_at": now, "message": GAVE_UP,
                      "message_params": {"attempts": attempts or 0},
                      "error": f"abandoned by worker {worker} {attempts} times; lease {lease()}"}
        else:
            values = {"status": QUEUED, "worker": "", "heartbeat_at": None, "message": STOPPED, "message_params": {}}
        taken = db.session.execute(update(Job).where(Job.id == job_id, Job.status == RUNNING, Job.worker == worker)
                                   .values(updated_at=now, **values))
        if taken.rowcount == 1:
            log.warning("job %s of worker %s abandoned: %s", job_id, worker, values["status"])
            if values["status"] == QUEUED:
                queued.append(job_id)
    db.session.commit()
    return queued


class Heartbeat:
    """Renews a running job's heartbeat from a thread of its own, whatever the job is doing."""

    def __init__(self, app: Flask, job_id: int, worker: str) -> None:
        self.app, self.job_id, self.worker = app, job_id, worker
        self.every = float(app.config.get("JOBS_HEARTBEAT_SECONDS") or 15)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lokerwarga-heartbeat-{job_id}", daemon=True)

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join(timeout=self.every + 1)

    def _run(self) -> None:
        with self.app.app_context():
            while not self._stop.wait(self.every):
                try:
                    with db.engine.begin() as conn:
                        conn.execute(update(Job).where(Job.id == self.job_id, Job.status == RUNNING,
                                                       Job.worker == self.worker).values(heartbeat_at=utcnow()))
                        conn.execute(update(JobWorker).where(JobWorker.name == self.worker).values(beat_at=utcnow()))
                except SQLAlchemyError:  # the database is away for a moment: the next beat tries again
                    log.warning("heartbeat of job %s failed", self.job_id, exc_info=True)
