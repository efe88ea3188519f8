"""Staff and admin pages say when background work has stopped; residents' pages never do."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from app import jobs
from app.core.timeutil import utcnow
from app.extensions import db
from app.jobs.models import JobWorker

BANNER = "Pekerjaan latar belakang terhenti"


def _page(client, auth, login: str, path: str) -> str:
    auth.login(login)
    page = client.get(path).get_data(as_text=True)
    auth.logout()
    return page


def test_a_worker_silent_past_its_lease_shows_a_banner_to_staff_and_admin(client, auth, world):
    db.session.add(JobWorker(name="loket-worker-1", backend="db", started_at=utcnow() - dt.timedelta(hours=2),
                             beat_at=utcnow() - dt.timedelta(minutes=30)))
    db.session.commit()
    assert BANNER in _page(client, auth, "petugas@test.id", "/staff/")
    assert BANNER in _page(client, auth, "admin@test.id", "/admin/")
    assert BANNER not in _page(client, auth, "warga@test.id", "/me/")

    db.session.scalars(select(JobWorker)).one().beat_at = utcnow()
    db.session.commit()
    assert BANNER not in _page(client, auth, "petugas@test.id", "/staff/")


def test_work_waiting_past_the_lease_with_no_worker_at_all_shows_the_banner(client, auth, world):
    assert BANNER not in _page(client, auth, "petugas@test.id", "/staff/")
    waiting = jobs.enqueue("tick")
    db.session.commit()
    assert BANNER not in _page(client, auth, "petugas@test.id", "/staff/")  # just queued: nothing wrong yet
    waiting.created_at = utcnow() - dt.timedelta(minutes=10)
    db.session.commit()
    assert BANNER in _page(client, auth, "petugas@test.id", "/staff/")
