"""Jobs whose worker was killed mid-run: the same worker restarted, or any worker once the lease
has run out, takes them back; a stuck job blocks no new work; a job abandoned too often fails
with the reason shown."""
from __future__ import annotations

import datetime as dt
import threading

import pytest
from flask import current_app
from sqlalchemy import create_engine, func, select

from app import jobs
from app.core.timeutil import utcnow
from app.extensions import db
from app.jobs import Job, job
from app.jobs.runner import work


@pytest.fixture
def short_lease(app, monkeypatch):
    monkeypatch.setitem(app.config, "JOBS_LEASE_SECONDS", 5)
    monkeypatch.setitem(app.config, "JOBS_HEARTBEAT_SECONDS", 0.1)
    return app


def _abandoned(name: str, worker: str, *, silent_for: dt.timedelta, attempts: int = 1) -> int:
    """A job as a killed worker leaves it: running at 55 %, its heartbeat as old as ``silent_for``."""
    row = jobs.enqueue(name)
    db.session.flush()
    row.status, row.worker, row.progress, row.attempts = "running", worker, 55, attempts
    row.started_at = row.heartbeat_at = utcnow() - silent_for
    db.session.commit()
    return row.id


def _restart_worker() -> int:
    db.session.commit()
    with current_app.app_context():
        return work(burst=True)


def test_a_worker_restarted_with_the_same_identity_takes_its_job_back_at_once(short_lease, monkeypatch):
    monkeypatch.setitem(short_lease.config, "WORKER_ID", "loket-worker-1")
    killed = _abandoned("tick", "loket-worker-1", silent_for=dt.timedelta(seconds=1))  # lease not yet over
    assert _restart_worker() == 1
    db.session.expire_all()
    row = db.session.get(Job, killed)
    assert row.status == "done" and row.attempts == 2 and row.worker == "loket-worker-1"


def test_any_worker_takes_back_a_job_whose_lease_ran_out_and_leaves_live_ones(short_lease):
    stale = _abandoned("tick", "mesin-lain:42", silent_for=dt.timedelta(minutes=10))
    live = _abandoned("tick", "mesin-lain:43", silent_for=dt.timedelta(seconds=1))
    assert _restart_worker() == 1
    db.session.expire_all()
    assert db.session.get(Job, stale).status == "done"
    assert db.session.get(Job, live).status == "running"  # its worker still answers


def test_a_job_abandoned_too_often_fails_with_the_reason(short_lease):
    given_up = _abandoned("tick", "mesin-lain:42", silent_for=dt.timedelta(minutes=10), attempts=3)
    assert _restart_worker() == 0
    db.session.expire_all()
    row = db.session.get(Job, given_up)
    assert row.status == "failed" and row.finished_at is not None
    assert "3 kali" in row.display_message and "mesin-lain:42" in row.error


def test_a_stuck_refresh_does_not_block_a_new_one(short_lease, world, client, auth):
    stuck = _abandoned("ranking.refresh_all", "mesin-lain:42", silent_for=dt.timedelta(minutes=10))
    auth.login("admin@test.id")
    assert client.post("/admin/suggestions/refresh").status_code == 303
    fresh = db.session.scalars(select(Job).where(Job.name == "ranking.refresh_all", Job.id != stuck)).all()
    assert [row.status for row in fresh] == ["queued"]
    client.post("/admin/suggestions/refresh")  # a second press while it waits starts nothing new
    assert db.session.scalar(select(func.count()).select_from(Job).where(Job.name == "ranking.refresh_all")) == 2


@job("tests.outlives_its_lease")
def _outlives_its_lease(progress, url: str):
    """Works (without reporting progress) until another connection sees its heartbeat renewed."""
    page = create_engine(url)
    try:
        with page.connect() as conn:
            first = conn.execute(select(Job.heartbeat_at).where(Job.name == "tests.outlives_its_lease")).scalar_one()
        for _ in range(200):
            with page.connect() as conn:
                now = conn.execute(select(Job.heartbeat_at).where(Job.name == "tests.outlives_its_lease")).scalar_one()
            if now != first:
                return {"renewed": True}
            threading.Event().wait(0.05)
        return {"renewed": False}
    finally:
        page.dispose()


def test_a_long_job_keeps_its_lease_while_it_works(short_lease):
    row = jobs.enqueue("tests.outlives_its_lease", params={"url": short_lease.config["SQLALCHEMY_DATABASE_URI"]})
    db.session.commit()
    _restart_worker()
    db.session.expire_all()
    done = db.session.get(Job, row.id)
    assert done.status == "done" and done.result == {"renewed": True}


def test_the_command_line_never_runs_as_the_worker(short_lease, monkeypatch):
    monkeypatch.setitem(short_lease.config, "WORKER_ID", "loket-worker-1")
    assert jobs.run_now("tick").worker != "loket-worker-1"

