"""RANKING_UPDATES = "worker": web processes queue refreshes; the background worker does them."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from app import ranking
from app.extensions import db
from app.jobs import Job
from app.jobs.runner import work
from app.models import Match


def _suggestions_of(seeker_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Match).where(Match.seeker_id == seeker_id))


def test_a_profile_change_is_queued_for_the_worker_and_done_there(app, world):
    app.config["RANKING_UPDATES"] = "worker"
    try:
        ranking.reset()
        assert ranking.refresh_seeker(world.seeker) == 0
        db.session.commit()
        assert "state" not in current_app.extensions.get("lokerwarga.ranking", {})  # no engine built here
        queued = db.session.scalars(select(Job).where(Job.name == "ranking.refresh")).all()
        assert [j.params for j in queued] == [{"seekers": [world.seeker.id], "vacancies": []}]
        assert _suggestions_of(world.seeker.id) == 0
    finally:
        app.config["RANKING_UPDATES"] = "inline"
    db.session.commit()  # the test's reads end their transaction (SQLite has one writer)
    with current_app.app_context():  # the worker: its own context, refreshing in place
        assert work(burst=True) == 1
    db.session.expire_all()
    job = db.session.scalar(select(Job).where(Job.name == "ranking.refresh"))
    assert job.status == "done" and job.result == {"seekers": 1, "vacancies": 0}
    assert _suggestions_of(world.seeker.id) > 0


def test_a_vacancy_change_is_queued_and_a_deleted_record_is_skipped(app, world):
    app.config["RANKING_UPDATES"] = "worker"
    try:
        assert ranking.refresh_vacancy(world.vacancy) == 0
        ranking._queue_refresh(vacancies=[987654])  # deleted before the worker got to it
        db.session.commit()
    finally:
        app.config["RANKING_UPDATES"] = "inline"
    db.session.commit()
    with current_app.app_context():
        assert work(burst=True) == 2
    db.session.expire_all()
    results = [j.result for j in db.session.scalars(select(Job).where(Job.name == "ranking.refresh").order_by(Job.id))]
    assert results == [{"seekers": 0, "vacancies": 1}, {"seekers": 0, "vacancies": 0}]
    assert db.session.scalar(select(func.count()).select_from(Match).where(Match.vacancy_id == world.vacancy.id)) > 0


def test_a_resident_merged_away_is_forgotten_by_the_worker_engine(app, world, make):
    from app.duplicates import merge as merging

    twin = make.seeker(world.nj, name="Budi Santosa", birth=world.seeker.birth_date, skills=list(world.seeker.skills))
    db.session.commit()
    ranking.refresh_all()  # the worker's engine, which knows the twin
    db.session.commit()
    twin_id = twin.id
    app.config["RANKING_UPDATES"] = "worker"
    try:
        merging.merge_seekers(world.seeker, twin, world.staff)  # queues the refreshes; the twin row goes
        db.session.commit()
    finally:
        app.config["RANKING_UPDATES"] = "inline"
    with current_app.app_context():
        assert work(burst=True) >= 1
    db.session.expire_all()
    assert all(j.status == "done" for j in db.session.scalars(select(Job).where(Job.name == "ranking.refresh")))
    ranking.refresh_vacancy(world.vacancy)  # would insert a suggestion for the deleted resident
    db.session.commit()
    assert _suggestions_of(twin_id) == 0
    assert _suggestions_of(world.seeker.id) > 0
