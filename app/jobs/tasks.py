"""Jobs of the application that have no package of their own to live in."""
from __future__ import annotations

import time
from contextlib import contextmanager

from flask import current_app
from sqlalchemy import select

from .. import ranking
from ..core.database import READING_WORK
from ..extensions import db
from ..models import SeekerProfile, Vacancy
from ..ranking.models import train_model
from . import N_, job
from .priority import lowered
from .runner import prune

CHUNK = 20  # vacancies ranked per read; each vacancy's suggestions are then stored in short transactions
# Suggestions written per transaction. On SQLite the write lock is held for all of one: a vacancy's
# whole list (1,000 rows at city size) took about 0.3 s of CPU, 1.5-2 s on a busy machine.
BATCH = 100
WRITE_PAUSE_SECONDS = 0.02  # after each stored part, on SQLite: see _pause


@contextmanager
def reading():
    """A stretch of background work that only reads: on SQLite its transaction begins deferred,
    so it never holds the write lock that the web pages need; the transaction ends with it."""
    db.session.commit()  # the next transaction begins with the switch on
    token = READING_WORK.set(True)
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise
    finally:
        READING_WORK.reset(token)


def _open_vacancy(vacancy_id: int) -> Vacancy | None:
    vacancy = db.session.get(Vacancy, vacancy_id)
    return vacancy if vacancy is not None and vacancy.status == "open" else None


def _pause() -> None:
    """A moment without the write lock after each stored part, for the saves waiting for it
    (they try every 2 ms: app/core/database.py take_write_lock); without it the next part took
    the lock again at once and a save waited for seconds behind parts of 30 ms each."""
    if db.engine.dialect.name == "sqlite":
        time.sleep(WRITE_PAUSE_SECONDS)


def _store(vacancy_id: int, found: list, batch: int) -> int:
    """One vacancy's suggestions, `batch` at a time in transactions of their own, then the ones
    the engine no longer makes dropped in a last one. 0 when the vacancy closed since it was
    ranked (the list was read before)."""
    for start in range(0, len(found), batch):
        if _open_vacancy(vacancy_id) is None:
            db.session.commit()
            return 0
        ranking.upsert_suggestions(found[start:start + batch])
        db.session.commit()
        _pause()
    vacancy = _open_vacancy(vacancy_id)
    stored = ranking.drop_other_suggestions(vacancy, found) if vacancy is not None else 0
    db.session.commit()
    return stored


@job("ranking.refresh_all", title=N_("Hitung ulang semua saran"))
def refresh_all(progress, chunk: int = CHUNK, batch: int = BATCH) -> dict:
    """``app.ranking.refresh_all`` with progress. The fit and the ranking read only (no write
    lock), on a niced thread when WORKER_NICE is set (priority.lowered); the suggestions are
    then written `batch` at a time, each part in a short transaction of its own, so the web
    pages keep writing meanwhile and a stop loses at most one vacancy's update (the job is
    idempotent)."""
    progress(0, N_("Menyiapkan mesin pencocokan…"))
    ranking.reset()
    with reading():
        lowered(ranking.state)  # fit on every resident and vacancy: the first, slow part
        ids = db.session.scalars(select(Vacancy.id).where(Vacancy.status == "open").order_by(Vacancy.id)).all()
    total = len(ids)
    progress.step(0, total, N_("Menghitung saran: %(done)d dari %(total)d lowongan"))
    suggestions = 0
    for start in range(0, total, chunk):
        with reading():
            ranked = lowered(lambda part=ids[start:start + chunk]: [
                (vacancy.id, ranking.rank_vacancy(vacancy)) for vacancy in db.session.scalars(
                    select(Vacancy).where(Vacancy.id.in_(part)).order_by(Vacancy.id))])
        for vacancy_id, found in ranked:
            suggestions += _store(vacancy_id, found, max(1, int(batch)))
        progress.step(min(start + chunk, total), total, N_("Menghitung saran: %(done)d dari %(total)d lowongan"))
    progress(100, N_("Selesai: saran untuk %(total)d lowongan dihitung ulang."), total=total)
    return {"vacancies": total, "suggestions": suggestions}


@job("ranking.refresh", title=N_("Perbarui saran"))
def refresh_some(progress, seekers: list | tuple = (), vacancies: list | tuple = ()) -> dict:
    """The suggestions of residents and vacancies changed in a web request (RANKING_UPDATES =
    "worker"); a record deleted since is skipped."""
    done = {"seekers": 0, "vacancies": 0}
    gone_seekers, gone_vacancies = [], []
    for seeker_id in seekers:
        profile = db.session.get(SeekerProfile, int(seeker_id))
        if profile is None:
            gone_seekers.append(int(seeker_id))
        else:
            ranking.refresh_seeker(profile, defer=False)
            done["seekers"] += 1
    for vacancy_id in vacancies:
        vacancy = db.session.get(Vacancy, int(vacancy_id))
        if vacancy is None:
            gone_vacancies.append(int(vacancy_id))
        else:
            ranking.refresh_vacancy(vacancy, defer=False)
            done["vacancies"] += 1
    ranking.forget(gone_seekers, gone_vacancies)  # merged or deleted since the job was queued
    db.session.commit()
    progress(100, N_("Saran diperbarui."))
    return done


@job("ranking.train", title=N_("Latih model pencocokan"))
def train(progress, activate: bool = False) -> dict:
    """``app.ranking.models.train_model``: fit on every recorded decision, evaluate, store the
    version; when it becomes the active one, recompute every vacancy's suggestions with it."""
    progress(2, N_("Melatih model pada semua keputusan yang tercatat…"))
    model = train_model(activate=bool(activate))
    db.session.commit()
    result = {"version": model.version, "n_feedback": model.n_feedback, "active": model.active}
    if model.active:
        progress(50, N_("Model %(version)s aktif; saran dihitung ulang."), version=model.version)
        result.update(refresh_all(progress.part(50, 100)))
    progress(100, N_("Model %(version)s tersimpan."), version=model.version)
    return result


@job("tick", title=N_("Pemeliharaan berkala"))
def tick(progress) -> dict:
    """Periodic housekeeping, queued by the worker every JOBS_TICK_SECONDS. Functions registered
    with ``on_tick`` run first (reminders, deadlines, ...); then finished jobs older than
    JOBS_KEEP_DAYS are removed."""
    done = {}
    for index, (name, func) in enumerate(_tick_hooks.items()):
        progress.step(index, len(_tick_hooks) + 1, N_("Pemeliharaan: %(name)s"), name=name)
        done[name] = func()
        db.session.commit()
    done["jobs_pruned"] = prune(int(current_app.config.get("JOBS_KEEP_DAYS") or 30))
    db.session.commit()
    return done


_tick_hooks: dict[str, object] = {}


def on_tick(name: str):
    """Run ``func()`` (no arguments, returns something JSON-able) in every ``tick`` job."""

    def decorator(func):
        _tick_hooks[name] = func
        return func

    return decorator
