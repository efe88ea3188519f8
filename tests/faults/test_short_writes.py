"""A ranking refresh computes (the fit, the ranking of each vacancy) without holding the write
lock, and stores what it found in short transactions: another process can write at any moment of
the computing. SQLite: another connection takes the write lock without waiting; PostgreSQL: it
updates every suggestion row without waiting for a lock the refresh holds."""
from __future__ import annotations

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
