"""Jobs of the application that have no package of their own to live in."""
from __future__ import annotations

from contextlib import contextmanager

from flask import current_app
from sqlalchemy import select

from .. import ranking
from ..core.database import READING_WORK
from ..extensions import db
from ..models import SeekerProfile, Vacancy
from ..ranking.models import train_model
from . import N_, job
from .runner import prune

CHUNK = 20  # vacancies ranked per read; each vacancy's suggestions are then stored in a transaction of their own


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


@job("ranking.refresh_all", title=N_("Hitung ulang semua saran"))
def refresh_all(progress, chunk: int = CHUNK) -> dict:
    """``app.ranking.refresh_all`` with progress. The fit and the ranking read only (no write
    lock); each vacancy's suggestions are then written in a short transaction of their own, so
    the web pages keep writing meanwhile and a stop loses at most one vacancy (the job is idempotent)."""
    progress(0, N_("Menyiapkan mesin pencocokan…"))
    ranking.reset()
    with reading():
        ranking.state()  # fit on every resident and vacancy: the first, slow part
        ids = db.session.scalars(select(Vacancy.id).where(Vacancy.status == "open").order_by(Vacancy.id)).all()
    total = len(ids)
    progress.step(0, total, N_("Menghitung saran: %(done)d dari %(total)d lowongan"))
    suggestions = 0
    for start in range(0, total, chunk):
        with reading():
            ranked = [(vacancy.id, ranking.rank_vacancy(vacancy)) for vacancy in db.session.scalars(
                select(Vacancy).where(Vacancy.id.in_(ids[start:start + chunk])).order_by(Vacancy.id))]
        for vacancy_id, found in ranked:
            vacancy = db.session.get(Vacancy, vacancy_id)
            if vacancy is not None and vacancy.status == "open":  # it may have closed since the list was read
                suggestions += ranking.store_vacancy_suggestions(vacancy, found)
            db.session.commit()
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
