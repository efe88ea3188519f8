"""The worker outlives a lost database connection (on PostgreSQL its connection is terminated
for real), and /healthz tells whether workers are alive and how old the oldest queued job is."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import create_engine, select, text
from sqlalchemy.exc import OperationalError

from app import jobs
from app.core.timeutil import utcnow
from app.extensions import db
from app.jobs import Job, runner
from app.jobs.models import JobWorker


def _cut_the_connection():
    """PostgreSQL: the server ends this session's connection (pg_terminate_backend); SQLite has
    no server, so the driver's error is raised as a lost connection would raise it."""
    if db.engine.dialect.name != "postgresql":
        raise OperationalError("SELECT", {}, Exception("disk I/O error"))
    pid = db.session.scalar(select(text("pg_backend_pid()")))
    admin = create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    finally:
        admin.dispose()


def test_the_worker_waits_and_reconnects_after_losing_the_database(app, monkeypatch):
    job_id = jobs.enqueue("tick").id
    db.session.commit()
    db.session.remove()
    monkeypatch.setitem(app.config, "JOBS_TICK_SECONDS", 0)
    real_claim, cuts, waits = runner.claim_next, [], []

    def claim_after_two_cuts(name):
        if len(cuts) < 2:
            cuts.append(name)
            _cut_the_connection()
        return real_claim(name)

    def sleep(seconds):
        waits.append(seconds)
        if db.session.get(Job, job_id).status == "done":  # idle after the job: stop the worker
            raise runner.WorkerStopping("test")

    monkeypatch.setattr(runner, "claim_next", claim_after_two_cuts)
    monkeypatch.setattr(runner.time, "sleep", sleep)
    with app.app_context():
        assert runner.work() == 1
    assert waits[:2] == [1.0, 2.0]  # it backed off, then went on
    assert db.session.get(Job, job_id).status == "done"


def test_healthz_reports_the_workers_heartbeat_and_the_oldest_queued_job(app, client, monkeypatch):
    queued = jobs.enqueue("tick")
    queued.created_at = utcnow() - dt.timedelta(seconds=30)
    db.session.commit()
    seen = []

    def idle(_seconds):  # the worker is idle: what /healthz says of it now
        seen.append(client.get("/healthz").json)
        raise runner.WorkerStopping("test")

    monkeypatch.setitem(app.config, "JOBS_TICK_SECONDS", 0)
    monkeypatch.setattr(runner.time, "sleep", idle)
    body = client.get("/healthz").json
    assert body["oldest_queued_job"] is not None and body["worker_heartbeat"] is None
    db.session.commit()
    with app.app_context():
        runner.work()
    [while_idle] = seen
    assert while_idle["status"] == "ok" and while_idle["worker_heartbeat"] and while_idle["oldest_queued_job"] is None
    assert db.session.scalars(select(JobWorker)).all() == []  # stopped cleanly: no longer expected


def test_healthz_is_503_when_the_worker_has_been_silent_past_its_lease(app, client):
    db.session.add(JobWorker(name="loket-worker-1", backend="db", started_at=utcnow() - dt.timedelta(hours=1),
                             beat_at=utcnow() - dt.timedelta(minutes=10)))
    db.session.commit()
    response = client.get("/healthz")
    assert response.status_code == 503 and response.json["status"] == "worker silent"
    db.session.scalars(select(JobWorker)).one().beat_at = utcnow()
    db.session.commit()
    assert client.get("/healthz").status_code == 200


def test_healthz_is_503_when_queued_work_waits_and_no_worker_ever_came(app, client):
    waiting = jobs.enqueue("tick")
    waiting.created_at = utcnow() - dt.timedelta(minutes=10)
    db.session.commit()
    assert client.get("/healthz").status_code == 503
