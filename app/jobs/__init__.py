"""Background jobs: the one way every part of the app runs long work off the request path.

Register a job by name; the function receives a progress callback and the job's parameters:

    from app.jobs import N_, job

    @job("reports.monthly", title=N_("Laporan bulanan"))
    def monthly(progress, month: str):
        for i, kelurahan in enumerate(rows):
            ...
            progress.step(i + 1, len(rows), N_("%(done)d dari %(total)d kelurahan"))
        return {"rows": len(rows)}     # stored as the job's result (JSON)

and start it from a route or a service (the caller commits, as always):

    job = jobs.enqueue("reports.monthly", params={"month": "2026-05"}, user=current_user)

Two runners, chosen by ``JOBS_BACKEND``, execute the same jobs and write progress to the same
table (``app.jobs.models.Job``):

- ``db`` (default): the embedded runner. ``flask --app app worker`` claims queued rows from the
  database; nothing else to install. ``make run`` and ``make serve`` start it.
- ``rq``: RQ on Redis (``REDIS_URL``), for several machines sharing the work and one PostgreSQL.
  The same ``flask --app app worker`` command then runs an RQ worker.

Jobs named ``<area>.<name>`` may live in ``app/<area>/jobs.py``; that module is imported the
first time such a job is looked up. Jobs must be safe to run again: a job interrupted by a
stopping worker goes back to the queue.

Messages are stored untranslated (mark them with ``N_``) with their parameters and rendered in
the reader's language (``Job.display_message``).
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any, Callable

from flask import Flask, current_app
from sqlalchemy import select

from ..extensions import db
from .lease import alive, process_name
from .models import ACTIVE, DONE, FAILED, QUEUED, RUNNING, Job


def N_(message: str) -> str:
    """Mark a message for translation without translating it now (it is stored, then rendered)."""
    return message


@dataclass(frozen=True)
class JobSpec:
    name: str
    func: Callable[..., Any]
    title: str


_registry: dict[str, JobSpec] = {}
# Modules that define jobs and are imported when the jobs module is set up.
BUILTIN_MODULES = ("app.jobs.tasks",)


def job(name: str, title: str | None = None):
    """Register ``func(progress, **params)`` as the job ``name``."""

    def decorator(func):
        existing = _registry.get(name)
        if existing is not None and existing.func is not func and (
                existing.func.__module__, existing.func.__qualname__) != (func.__module__, func.__qualname__):
            raise ValueError(f"job {name!r} is already registered by {existing.func.__module__}")
        _registry[name] = JobSpec(name, func, title or name)
        return func

    return decorator


def lookup(name: str) -> JobSpec:
    """The registered job, importing ``app/<area>/jobs.py`` on first use of its area."""
    if name not in _registry:
        for module in BUILTIN_MODULES:
            importlib.import_module(module)
    if name not in _registry and "." in name:
        area = name.split(".", 1)[0]
        try:
            importlib.import_module(f"app.{area}.jobs")
        except ModuleNotFoundError as exc:
            if exc.name != f"app.{area}.jobs" and exc.name != f"app.{area}":
                raise
    try:
        return _registry[name]
    except KeyError:
        raise LookupError(f"no job named {name!r}; known: {', '.join(sorted(_registry))}") from None


def registered() -> dict[str, JobSpec]:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    return dict(sorted(_registry.items()))


def title_of(name: str) -> str:
    spec = _registry.get(name)
    return spec.title if spec else name


def backend() -> str:
    value = current_app.config.get("JOBS_BACKEND", "db")
    if value not in ("db", "rq"):
        raise ValueError(f"JOBS_BACKEND must be 'db' or 'rq', not {value!r}")
    return value


def enqueue(name: str, *, params: dict | None = None, user=None) -> Job:
    """Queue a job; it runs once the caller's transaction commits. Returns the flushed row."""
    lookup(name)  # fail now, in the caller, for a misspelt name
    which = backend()
    row = Job(name=name, params=dict(params or {}), status=QUEUED, progress=0, message="",
              message_params={}, backend=which, created_by_id=getattr(user, "id", None))
    db.session.add(row)
    db.session.flush()
    if which == "rq":
        from . import rq_backend  # here, not at the top: rq_backend imports this package's names

        rq_backend.push_after_commit(db.session(), row.id)
    return row


def active(name: str) -> Job | None:
    """The queued job of that name, or the running one whose worker still answers, if any (to
    avoid starting the same work twice; an abandoned job blocks nothing)."""
    return db.session.scalar(select(Job).where(Job.name == name, alive())
                             .order_by(Job.id.desc()).limit(1))


def latest(name: str) -> Job | None:
    return db.session.scalar(select(Job).where(Job.name == name).order_by(Job.id.desc()).limit(1))


def get(job_id: int) -> Job | None:
    return db.session.get(Job, job_id)


def run_now(name: str, *, params: dict | None = None, user=None, echo: Callable[[Job], None] | None = None) -> Job:
    """Run a job in this process, recorded in the job table like any other (the command line)."""
    from .runner import execute  # here, not at the top: the runner imports this package's names

    lookup(name)
    row = Job(name=name, params=dict(params or {}), status=QUEUED, backend="cli",
              created_by_id=getattr(user, "id", None), message="", message_params={})
    db.session.add(row)
    db.session.commit()
    return execute(row.id, echo=echo, worker=process_name())  # never a worker's identity


def init_app(app: Flask) -> None:
    # Here, not at the top: these modules import this package's names. rq_backend: its commit hook.
    from . import cli, health, routes, rq_backend  # noqa: F401

    for module in BUILTIN_MODULES:
        importlib.import_module(module)
    app.register_blueprint(routes.bp)
    app.jinja_env.globals.update(job_status=routes.job_status, job_title=routes.job_title,
                                 job_status_labels=routes.STATUS, background_stalled_since=health.stalled_since)
    cli.init_app(app)


__all__ = ["ACTIVE", "DONE", "FAILED", "QUEUED", "RUNNING", "Job", "JobSpec", "N_", "active", "enqueue",
           "get", "init_app", "job", "latest", "lookup", "registered", "run_now", "title_of"]
