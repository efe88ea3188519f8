"""On SQLite a save waiting for the write lock gets it between another writer's transactions.
SQLite's own busy wait sleeps up to 100 ms between tries, and the ranking refresh began its next
store transaction at once after each commit: a save waited for seconds behind transactions of
30 ms each, and some got "coba lagi" (503). A web request now tries every 2 ms
(app/core/database.py take_write_lock) and the refresh pauses after each stored part."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from sqlalchemy import create_engine, func, select

from app import jobs
from app.core import database
from app.extensions import db
from app.jobs import tasks
from app.jobs.runner import work
from app.models import Match, User
from tests.faults.test_short_writes import _another_process_can_write


@pytest.fixture
def sqlite_only(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL waits for row locks in a queue; SQLite's write lock is polled")


def test_a_save_takes_the_lock_as_soon_as_another_writer_lets_go(app, world, client, monkeypatch, sqlite_only):
    db.session.commit()
    other = create_engine(app.config["SQLALCHEMY_DATABASE_URI"], isolation_level="AUTOCOMMIT")
    holder = other.connect()
    holder.exec_driver_sql("BEGIN IMMEDIATE")  # another writer, between two of its parts
    tries = []

    def poll_pause():
        tries.append(1)
        if len(tries) == 3:  # it lets go for a moment; SQLite's own wait would sleep through it
            holder.exec_driver_sql("ROLLBACK")

    monkeypatch.setattr(database, "_poll_pause", poll_pause)
    try:
        response = client.post("/login", data={"login": "warga@test.id", "password": "rahasia123"})
    finally:
        holder.close()
        other.dispose()
    assert response.status_code == 303
    assert len(tries) == 3
    db.session.expire_all()
    assert db.session.get(User, world.warga_user.id).last_login_at is not None


def test_a_refresh_lets_go_of_the_lock_after_each_stored_part(app, world, make, monkeypatch, sqlite_only):
    for title in ("Juru Las", "Operator Forklift"):
        make.vacancy(world.company, title=title)
    db.session.commit()
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    pauses, parts = [], []
    real_upsert = tasks.ranking.upsert_suggestions

    def upsert_suggestions(found):
        parts.append(len(found))
        return real_upsert(found)

    def sleep(seconds):
        pauses.append((seconds, _another_process_can_write(url)))

    monkeypatch.setattr(tasks.ranking, "upsert_suggestions", upsert_suggestions)
    monkeypatch.setattr(tasks, "time", SimpleNamespace(sleep=sleep))
    row_id = jobs.enqueue("ranking.refresh_all", params={"batch": 2}).id
    db.session.commit()
    with app.app_context():
        work(burst=True)
    assert db.session.get(jobs.Job, row_id).status == "done"
    assert db.session.scalar(select(func.count()).select_from(Match)) > 0
    assert len(parts) > 2
    assert len(pauses) == len(parts)
    assert all(seconds > 0 and writable for seconds, writable in pauses)


@pytest.mark.parametrize("end", ["commit", "rollback", "lost"])
def test_the_cyclic_gc_waits_while_the_write_lock_is_held(app, world, sqlite_only, end):
    """A full collection of the worker's heap (the fitted engine) took 0.7-2 s, and when it fell
    inside a store transaction every save waited that long: it runs after the commit instead."""
    import gc

    user_id = world.warga_user.id
    db.session.commit()
    assert gc.isenabled()
    with app.app_context():  # the worker: no request
        db.session.get(User, user_id).name = "Disimpan Tanpa Sapuan"
        db.session.flush()  # BEGIN IMMEDIATE: the lock is held from here
        during = gc.isenabled()
        if end == "lost":  # the connection went away mid-transaction
            db.session.connection().invalidate()
            db.session.rollback()
        else:
            getattr(db.session, end)()
        after = gc.isenabled()
    assert (during, after) == (False, True)
