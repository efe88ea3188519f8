"""A ranking refresh computes (the fit, the ranking of each vacancy) without holding the write
lock, and stores what it found in short transactions: another process can write at any moment of
the computing. SQLite: another connection takes the write lock without waiting; PostgreSQL: it
updates every suggestion row without waiting for a lock the refresh holds."""
from __future__ import annotations

import os
import sys
import threading

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import OperationalError

import matching
from app import jobs, ranking
from app.extensions import db
from app.jobs.runner import work
from app.models import Match


def _another_process_can_write(url: str) -> bool:
    other = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with other.connect() as conn:
            if other.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA busy_timeout=0")
                try:
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
                except OperationalError:  # database is locked
                    return False
                conn.exec_driver_sql("ROLLBACK")
                return True
            conn.exec_driver_sql("BEGIN")
            conn.exec_driver_sql("SET LOCAL lock_timeout = '100ms'")
            try:
                conn.exec_driver_sql("UPDATE match SET score = score")
            except OperationalError:  # lock timeout: the refresh holds rows it has not committed
                return False
            finally:
                conn.exec_driver_sql("ROLLBACK")
            return True
    finally:
        other.dispose()


def test_a_refresh_leaves_the_database_writable_while_it_computes(app, world, make, monkeypatch):
    for title in ("Juru Las", "Operator Forklift", "Staf Gudang"):
        make.vacancy(world.company, title=title)
    db.session.commit()
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    jobs.enqueue("ranking.refresh_all")  # a first refresh: the second one updates stored suggestions
    db.session.commit()
    with app.app_context():
        work(burst=True)
    assert db.session.scalar(select(func.count()).select_from(Match)) > 0
    seen = []
    real_build, real_rank = ranking.build_engine, matching.MatchEngine.rank_seekers

    def build_engine():
        seen.append(("fit", _another_process_can_write(url)))
        return real_build()

    def rank_seekers(self, vacancy_id, **kwargs):
        seen.append((vacancy_id, _another_process_can_write(url)))
        return real_rank(self, vacancy_id, **kwargs)

    monkeypatch.setattr(ranking, "build_engine", build_engine)
    monkeypatch.setattr(matching.MatchEngine, "rank_seekers", rank_seekers)
    row_id = jobs.enqueue("ranking.refresh_all").id
    db.session.commit()
    with app.app_context():
        work(burst=True)
    assert db.session.get(jobs.Job, row_id).status == "done"
    assert len(seen) > 5
    assert [point for point, writable in seen if not writable] == []


def test_a_refresh_stores_a_vacancys_suggestions_a_few_rows_per_transaction(app, world, make):
    """At city size one vacancy has about 1,000 suggestions: written in one transaction they held
    SQLite's write lock for 1.5-2 s on a busy machine, and saves waiting behind them got 503."""
    import datetime as dt

    from sqlalchemy import event

    from app.models import SeekerProfile, Vacancy

    for day in range(1, 8):
        make.seeker(world.nj, name=f"Warga {day}", birth=dt.date(1997, 3, day))
    objector = make.seeker(world.nj, name="Tidak Mau Diperingkat", birth=dt.date(1996, 1, 9), consent_ranking=False)
    db.session.add(Match(seeker_id=objector.id, vacancy_id=world.vacancy.id, status="suggested", score=0.5,
                         reasons=[], model_version="old"))  # a suggestion the engine no longer makes
    db.session.commit()

    rows_in_transaction, largest = [0], [0]

    def written(_mapper, _connection, _target):
        rows_in_transaction[0] += 1

    def committed(_connection):
        largest[0] = max(largest[0], rows_in_transaction[0])
        rows_in_transaction[0] = 0

    event.listen(Match, "after_insert", written)
    event.listen(Match, "after_update", written)
    event.listen(db.engine, "commit", committed)
    try:
        row_id = jobs.enqueue("ranking.refresh_all", params={"batch": 2}).id
        db.session.commit()
        with app.app_context():
            work(burst=True)
    finally:
        event.remove(Match, "after_insert", written)
        event.remove(Match, "after_update", written)
        event.remove(db.engine, "commit", committed)

    job = db.session.get(jobs.Job, row_id)
    assert job.status == "done"
    suggested = db.session.scalars(select(Match.seeker_id).where(
        Match.vacancy_id == world.vacancy.id, Match.status == "suggested")).all()
    eligible = db.session.scalars(select(SeekerProfile.id).where(SeekerProfile.consent_ranking.is_(True))).all()
    assert len(suggested) > 2 and set(suggested) <= set(eligible)  # more than one part, all stored
    assert objector.id not in suggested  # the last transaction dropped what the engine no longer suggests
    assert job.result["suggestions"] >= len(suggested)
    assert 0 < largest[0] <= 2
    assert db.session.get(Vacancy, world.vacancy.id).suggestions_at is not None


def _thread_nice() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a nice value per thread is Linux's")
def test_a_refresh_computes_at_a_lower_priority_and_stores_at_its_own(app, world, make, monkeypatch):
    """The fit and the ranking took a core from the web workers on a small server; they run on a
    thread niced by WORKER_NICE. The stores do not: a niced holder of SQLite's write lock waits
    for the CPU while every save waits for it."""
    base = _thread_nice()
    if base >= 19:
        pytest.skip("already as nice as can be")
    monkeypatch.setitem(app.config, "WORKER_NICE", 10)
    for title in ("Juru Las", "Operator Forklift"):
        make.vacancy(world.company, title=title)
    db.session.commit()
    seen = []
    real_build, real_rank, real_upsert = ranking.build_engine, matching.MatchEngine.rank_seekers, ranking.upsert_suggestions

    def build_engine():
        seen.append(("fit", _thread_nice()))
        return real_build()

    def rank_seekers(self, vacancy_id, **kwargs):
        seen.append(("rank", _thread_nice()))
        return real_rank(self, vacancy_id, **kwargs)

    def upsert_suggestions(found):
        seen.append(("store", _thread_nice()))
        return real_upsert(found)

    monkeypatch.setattr(ranking, "build_engine", build_engine)
    monkeypatch.setattr(matching.MatchEngine, "rank_seekers", rank_seekers)
    monkeypatch.setattr(ranking, "upsert_suggestions", upsert_suggestions)
    row_id = jobs.enqueue("ranking.refresh_all").id
    db.session.commit()
    with app.app_context():
        work(burst=True)
    assert db.session.get(jobs.Job, row_id).status == "done"
    assert {kind for kind, _nice in seen} == {"fit", "rank", "store"}
    lowered = min(19, base + 10)
    assert {(kind, nice) for kind, nice in seen} == {("fit", lowered), ("rank", lowered), ("store", base)}
    assert _thread_nice() == base


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a nice value per thread is Linux's")
def test_lowered_work_reads_with_a_session_of_its_own(app, world, monkeypatch):
    """The job's thread may be stopped (SIGTERM) while the niced thread is in the middle of a
    query: each cleans up only its own session, and the niced one never takes the write lock."""
    from app.core.database import READING_WORK
    from app.jobs.priority import lowered

    monkeypatch.setitem(app.config, "WORKER_NICE", 10)
    db.session.commit()
    mine = db.session()
    seen = lowered(lambda: (db.session() is mine, READING_WORK.get(), _thread_nice(),
                            db.session.scalar(select(func.count()).select_from(Match)) >= 0,
                            _another_process_can_write(app.config["SQLALCHEMY_DATABASE_URI"])))
    assert seen == (False, True, min(19, _thread_nice() + 10), True, True)
