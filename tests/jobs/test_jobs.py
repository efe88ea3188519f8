"""Background jobs: registry, the embedded runner, progress, the status fragment, the admin action,
the command line, and the RQ runner on Redis."""
from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest
from sqlalchemy import func, select

from app import jobs
from app.extensions import db
from app.jobs import N_, Job, job
from app.jobs.runner import WorkerStopping, execute, work
from app.models import Match
from app.core.timeutil import utcnow


@job("tests.report_progress", title=N_("Uji kemajuan"))
def _report_progress(progress, steps: int = 3):
    seen = []
    for i in range(steps):
        progress.step(i + 1, steps, N_("Langkah %(done)d dari %(total)d"))
        progress.flush()
        # What another process (the page) sees while the job is still running.
        with db.engine.connect() as conn:
            seen.append(tuple(conn.execute(select(Job.status, Job.progress, Job.message_params)
                                           .order_by(Job.id.desc()).limit(1)).one()))
            conn.rollback()
    return {"seen": [list(s) for s in seen]}


@job("tests.fail")
def _fail(progress):
    progress(30, N_("Langkah %(done)d dari %(total)d"), done=1, total=3)
    raise RuntimeError("kaput")


@job("tests.stop")
def _stop(progress):
    raise WorkerStopping("SIGTERM")


def _run_queue() -> int:
    """The worker, as another process would run it: its own app context and session."""
    from flask import current_app

    db.session.commit()  # the test's own reads end their transaction (SQLite has one writer)
    with current_app.app_context():
        return work(burst=True)


def test_registry_knows_builtin_jobs_and_rejects_unknown(app):
    assert {"ranking.refresh_all", "ranking.train", "tick"} <= set(jobs.registered())
    with pytest.raises(LookupError):
        jobs.enqueue("no.such_job")


def test_db_runner_refreshes_all_suggestions_with_progress(world):
    row = jobs.enqueue("ranking.refresh_all", user=world.admin)
    db.session.commit()
    assert row.status == "queued" and row.backend == "db" and row.progress == 0
    assert _run_queue() == 1
    db.session.expire_all()
    done = db.session.get(Job, row.id)
    assert done.status == "done" and done.progress == 100 and done.finished_at is not None
    assert done.result["vacancies"] == 2 and done.result["suggestions"] > 0
    assert "2" in done.display_message
    assert db.session.scalar(select(func.count()).select_from(Match)) > 0
    assert _run_queue() == 0  # nothing left


def test_training_runs_as_a_job_and_recomputes_with_the_new_model(world, make):
    from app.referrals import services as referrals
    from app.models import RankingModel

    base = dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc)
    for i in range(24):
        seeker = make.seeker(world.nj, name=f"Warga {i}", birth=dt.date(1995, 1 + i % 12, 1 + i % 27),
                             skills=["bubut"] if i % 2 else ["kasir"])
        match = Match(seeker=seeker, vacancy=world.vacancy if i % 2 else world.other_vacancy, status="suggested",
                      reasons=[])
        db.session.add(match)
        db.session.flush()
        referrals.dismiss(match, world.staff, "requirements") if i % 3 == 0 else referrals.refer(match, world.staff)
        for event in match.events:
            event.at = base + dt.timedelta(days=7 * i)
    row = jobs.enqueue("ranking.train", user=world.admin)
    db.session.commit()
    assert _run_queue() == 1
    done = db.session.get(Job, row.id)
    assert done.status == "done" and done.progress == 100, done.error
    model = db.session.scalar(select(RankingModel))
    assert done.result["version"] == model.version and model.active and done.result["vacancies"] == 2
    assert model.version in done.display_message
    assert set(db.session.scalars(select(Match.model_version).where(Match.status == "suggested",
                                                                    Match.score.is_not(None)))) == {model.version}


def test_progress_is_visible_to_other_connections_while_running(app):
    row = jobs.enqueue("tests.report_progress", params={"steps": 4})
    db.session.commit()
    _run_queue()
    db.session.expire_all()
    seen = db.session.get(Job, row.id).result["seen"]
    assert [s[0] for s in seen] == ["running"] * 4
    assert [s[1] for s in seen] == [25, 50, 75, 99]
    assert seen[1][2] == {"done": 2, "total": 4}


def test_a_failing_job_is_recorded_and_the_worker_goes_on(app):
    failing = jobs.enqueue("tests.fail").id
    after = jobs.enqueue("tick").id
    db.session.commit()
    assert _run_queue() == 2
    failed = db.session.get(Job, failing)
    assert failed.status == "failed" and "RuntimeError: kaput" in failed.error
    assert "kaput" in failed.display_message
    assert db.session.get(Job, after).status == "done"


def test_a_stopping_worker_puts_the_job_back_in_the_queue(app):
    row = jobs.enqueue("tests.stop")
    db.session.commit()
    assert _run_queue() == 0  # the worker stops instead of running the next job
    db.session.expire_all()
    again = db.session.get(Job, row.id)
    assert again.status == "queued" and again.attempts == 1


def test_jobs_of_a_dead_worker_are_queued_again(app):
    row = jobs.enqueue("tick")
    db.session.commit()
    row.status, row.worker = "running", f"{os.uname().nodename}:999999999"
    db.session.commit()
    assert _run_queue() == 1
    db.session.expire_all()
    assert db.session.get(Job, row.id).status == "done"


def test_tick_prunes_old_finished_jobs(app):
    old = Job(name="tick", status="done", finished_at=utcnow() - dt.timedelta(days=40), params={}, message="",
              message_params={})
    recent = Job(name="tick", status="done", finished_at=utcnow(), params={}, message="", message_params={})
    db.session.add_all([old, recent])
    db.session.flush()
    old_id, recent_id = old.id, recent.id
    db.session.commit()
    with app.app_context():
        ran = jobs.run_now("tick")
        assert ran.status == "done" and ran.result["jobs_pruned"] == 1
    assert db.session.get(Job, old_id) is None and db.session.get(Job, recent_id) is not None


def test_status_fragment_polls_until_the_job_ends(world, client, auth):
    row = jobs.enqueue("tick", user=world.admin)
    db.session.commit()
    auth.login("admin@test.id")
    fragment = client.get(f"/jobs/{row.id}", headers={"HX-Request": "true"})
    body = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and "<html" not in body
    assert 'data-hx-trigger="every 1s"' in body and "Menunggu giliran" in body and "HX-Request" in fragment.headers["Vary"]
    _run_queue()
    body = client.get(f"/jobs/{row.id}", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "data-hx-trigger" not in body and "Selesai" in body and 'value="100"' in body
    page = client.get(f"/jobs/{row.id}").get_data(as_text=True)  # without JavaScript: a whole page
    assert "<html" in page and "Pemeliharaan berkala" in page


def test_status_is_only_for_its_owner_and_admins(world, client, auth):
    row = jobs.enqueue("tick", user=world.staff)
    db.session.commit()
    assert client.get(f"/jobs/{row.id}").status_code == 302  # anonymous: to the login page
    auth.login("hrd@test.id")
    assert client.get(f"/jobs/{row.id}").status_code == 404
    auth.logout()
    auth.login("petugas@test.id")
    assert client.get(f"/jobs/{row.id}").status_code == 200


def test_admin_recomputes_all_suggestions_in_the_background(world, client, auth):
    auth.login("admin@test.id")
    assert "Hitung ulang semua saran" in client.get("/admin/").get_data(as_text=True)
    response = client.post("/admin/suggestions/refresh")
    assert response.status_code == 303
    client.post("/admin/suggestions/refresh")  # a second press while it waits starts nothing new
    assert db.session.scalar(select(func.count()).select_from(Job).where(Job.name == "ranking.refresh_all")) == 1
    home = client.get("/admin/").get_data(as_text=True)
    assert 'data-hx-trigger="every 1s"' in home and "sedang berjalan" in home.lower()
    _run_queue()
    home = client.get("/admin/").get_data(as_text=True)
    assert "data-hx-trigger" not in home and "2 lowongan" in home


def test_admin_action_is_for_admins_only(world, client, auth):
    auth.login("petugas@test.id")
    assert client.post("/admin/suggestions/refresh").status_code == 403
    assert db.session.scalar(select(func.count()).select_from(Job)) == 0


def test_command_line_runs_queues_and_lists(world):
    from flask import current_app

    runner = current_app.test_cli_runner()
    result = runner.invoke(args=["jobs", "run", "ranking.refresh_all"])
    assert result.exit_code == 0, result.output
    assert "done" in result.output and '"vacancies": 2' in result.output
    result = runner.invoke(args=["jobs", "enqueue", "tick"])
    assert result.exit_code == 0 and "Queued job" in result.output
    result = runner.invoke(args=["worker", "--burst"])
    assert result.exit_code == 0, result.output
    listing = runner.invoke(args=["jobs", "list"]).output
    assert listing.count(" done ") == 2
    assert runner.invoke(args=["jobs", "run", "no.such"]).exit_code != 0
    assert "ranking refresh" not in runner.invoke(args=["ranking", "refresh"]).output  # still synchronous
    assert db.session.scalar(select(func.count()).select_from(Match)) > 0


# ---------------------------------------------------------------- RQ on Redis


def _redis_or_skip(url: str):
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url(url, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {url}")
    return connection


@pytest.fixture
def rq_app(app, monkeypatch):
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    connection = _redis_or_skip(url)
    queue_name = f"lokerwarga-test-{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(app.config, "JOBS_BACKEND", "rq")
    monkeypatch.setitem(app.config, "REDIS_URL", url)
    monkeypatch.setitem(app.config, "JOBS_QUEUE", queue_name)
    yield app
    from app.jobs.rq_backend import queue

    queue(app, connection).delete(delete_jobs=True)
    connection.close()


def _rq_burst(app):
    from rq import SimpleWorker

    from app.jobs.rq_backend import queue, redis_connection

    connection = redis_connection(app)
    db.session.commit()
    try:
        with app.app_context():
            SimpleWorker([queue(app, connection)], connection=connection).work(burst=True, logging_level="WARNING")
    finally:
        connection.close()


def test_rq_runner_runs_the_same_job_with_progress(world, rq_app):
    from app.jobs.rq_backend import queue

    row = jobs.enqueue("ranking.refresh_all", user=world.admin)
    assert queue(rq_app).count == 0  # nothing is pushed before the commit
    db.session.commit()
    assert row.backend == "rq" and queue(rq_app).count == 1
    _rq_burst(rq_app)
    db.session.expire_all()
    done = db.session.get(Job, row.id)
    assert done.status == "done" and done.progress == 100 and done.result["vacancies"] == 2
    assert db.session.scalar(select(func.count()).select_from(Match)) > 0


def test_rq_progress_and_rolled_back_jobs(app, rq_app):
    from app.jobs.rq_backend import queue

    jobs.enqueue("tick")
    db.session.rollback()  # the caller gave up: nothing reaches Redis
    assert queue(rq_app).count == 0
    row = jobs.enqueue("tests.report_progress", params={"steps": 2})
    db.session.commit()
    _rq_burst(rq_app)
    db.session.expire_all()
    done = db.session.get(Job, row.id)
    assert done.status == "done" and [s[:2] for s in done.result["seen"]] == [["running", 50], ["running", 99]]


def test_rq_worker_command_uses_redis(world, rq_app):
    runner = rq_app.test_cli_runner()
    job_id = jobs.enqueue("tick").id
    db.session.commit()
    result = runner.invoke(args=["worker", "--burst"])  # in this app context: it ends this session too
    assert result.exit_code == 0, result.output
    assert db.session.get(Job, job_id).status == "done"


@job("tests.progress_around_a_transaction")
def _progress_around_a_transaction(progress, url: str):
    """Progress before the job opens a transaction reaches another process at once; progress
    reported inside it (SQLite: the job holds the only write lock) waits for its commit."""
    from sqlalchemy import create_engine

    page = create_engine(url)  # the page's own connection, as in another process
    seen = []

    def look():
        with page.connect() as conn:
            seen.append(list(conn.execute(select(Job.progress, Job.message).where(Job.name == "tests.progress_around_a_transaction")).one()))

    try:
        progress(40, N_("Menyiapkan"))
        look()
        db.session.execute(select(func.count()).select_from(Match))  # the job's own transaction begins
        progress(70, N_("Menyimpan"))
        look()
        db.session.commit()
        progress(90, N_("Hampir selesai"))
        look()
    finally:
        page.dispose()
    return {"seen": seen}


def test_progress_outside_the_jobs_transaction_is_seen_by_another_engine(app, monkeypatch):
    import time

    from app.jobs import runner

    monkeypatch.setattr(runner.Progress, "MIN_INTERVAL", 0)
    row = jobs.enqueue("tests.progress_around_a_transaction", params={"url": app.config["SQLALCHEMY_DATABASE_URI"]})
    db.session.commit()
    started = time.monotonic()
    _run_queue()
    assert time.monotonic() - started < 5  # no wait on a lock the job holds itself
    db.session.expire_all()
    done = db.session.get(Job, row.id)
    assert done.status == "done", done.error
    seen = done.result["seen"]
    assert seen[0] == [40, "Menyiapkan"] and seen[2] == [90, "Hampir selesai"]
    if db.engine.dialect.name == "sqlite":
        assert seen[1] == [40, "Menyiapkan"]  # rode along with the job's commit
    else:
        assert seen[1] == [70, "Menyimpan"]
