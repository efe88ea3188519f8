"""An idle worker holds no transaction: on SQLite another connection can take the write lock,
on PostgreSQL no session of the worker is 'idle in transaction'. Both runners."""
from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from app import jobs
from app.extensions import db
from app.jobs import Job, rq_backend, runner


def _open_elsewhere(app) -> bool:
    """Whether a connection other than this probe's sits in an open transaction."""
    probe = create_engine(app.config["SQLALCHEMY_DATABASE_URI"], isolation_level="AUTOCOMMIT")
    try:
        with probe.connect() as conn:
            if probe.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA busy_timeout=0")
                try:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                except OperationalError:  # database is locked: somebody holds the write lock
                    return True
                conn.exec_driver_sql("ROLLBACK")
                return False
            return bool(conn.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'")).scalar())
    finally:
        probe.dispose()


def test_the_rq_worker_ends_its_transactions_between_jobs(app):
    job_id = jobs.enqueue("tick").id
    db.session.commit()
    db.session.remove()  # the test's own session holds nothing either
    with app.app_context():  # the worker's app context, kept for its whole life as under `flask worker`
        rq_backend.run(job_id)  # what RQ calls for each job
        assert not _open_elsewhere(app)
    assert db.session.get(Job, job_id).status == "done"


def test_the_embedded_worker_ends_its_transactions_when_idle(app, monkeypatch):
    job_id = jobs.enqueue("tick").id
    db.session.commit()
    db.session.remove()
    monkeypatch.setitem(app.config, "JOBS_TICK_SECONDS", 0)
    idle_checks = []

    def idle(_seconds):  # the loop's idle step: look, then stop the worker
        idle_checks.append(_open_elsewhere(app))
        raise runner.WorkerStopping("test")

    monkeypatch.setattr(runner.time, "sleep", idle)
    with app.app_context():
        assert runner.work() == 1
    assert idle_checks == [False]
    assert db.session.get(Job, job_id).status == "done"


