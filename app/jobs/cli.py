"""Command line: `flask --app app worker`, `flask --app app jobs list|run|enqueue|status`."""
from __future__ import annotations

import json
import logging
import os
import sys
import time

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from ..extensions import db
from . import FAILED, Job, backend, enqueue, get, rq_backend, run_now, supervisor
from . import registered as registered_jobs
from .lease import process_name
from .runner import work


def _params(pairs: tuple[str, ...]) -> dict:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected key=value, got {pair!r}", param_hint="--param")
        try:
            params[key] = json.loads(value)
        except ValueError:
            params[key] = value
    return params


def _line(job) -> str:
    return (f"#{job.id:<6} {job.name:<22} {job.status:<8} {job.progress:>3}%  "
            f"{job.created_at:%Y-%m-%d %H:%M} UTC  {_message(job)}")


def _message(job) -> str:
    try:
        return job.message % job.message_params if job.message_params else job.message
    except (KeyError, ValueError, TypeError):
        return job.message


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the queued jobs, then exit.")
@click.option("--supervise", is_flag=True, help="Run the worker as a child process; start it again when it exits.")
def worker_command(burst: bool, supervise: bool) -> None:
    """Run background jobs (JOBS_BACKEND=db: from the job table; rq: from Redis)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(levelname)s %(message)s")
    logging.getLogger("lokerwarga.jobs").setLevel(logging.INFO)
    if supervise and not burst:
        # Every child is the same worker (WORKER_ID), so a restarted one takes its jobs back at once.
        os.environ.setdefault("WORKER_ID", current_app.config.get("WORKER_ID") or process_name())
        command = [sys.executable, "-m", "flask", "--app", current_app.import_name, "worker"]
        click.echo("LokerWarga worker supervisor started.", err=True)
        sys.exit(supervisor.supervise(command, max_wait=float(current_app.config.get("JOBS_RECONNECT_MAX_SECONDS") or 60)))
    which = backend()
    # The worker is where deferred ranking refreshes land: it refreshes, never defers again.
    current_app.config["RANKING_UPDATES"] = "inline"
    click.echo(f"LokerWarga worker ({which} backend) started.", err=True)
    if which == "rq":
        rq_backend.work(burst=burst)
    else:
        count = work(burst=burst, install_signals=True)
        click.echo(f"LokerWarga worker stopped after {count} job(s).", err=True)


jobs_cli = AppGroup("jobs", help="Background jobs: list, run now, queue, follow.")


@jobs_cli.command("list")
@click.option("--limit", default=20, show_default=True)
@click.option("--registered", is_flag=True, help="List the job names instead of the job rows.")
def list_command(limit: int, registered: bool) -> None:
    """The most recent jobs."""
    if registered:
        for name, spec in registered_jobs().items():
            click.echo(f"{name:<24} {spec.title}")
        return
    for job in db.session.scalars(select(Job).order_by(Job.id.desc()).limit(limit)):
        click.echo(_line(job))


@jobs_cli.command("run")
@click.argument("name")
@click.option("-p", "--param", "pairs", multiple=True, metavar="KEY=VALUE", help="A job parameter (JSON or text).")
def run_command(name: str, pairs: tuple[str, ...]) -> None:
    """Run a job here and now, with its progress on the terminal (no worker needed)."""
    def echo(percent: int, message: str) -> None:
        click.echo(f"{percent:>3}%  {message}", err=True)

    try:
        job = run_now(name, params=_params(pairs), echo=echo)
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(_line(job))
    if job.result is not None:
        click.echo(json.dumps(job.result, ensure_ascii=False))
    if job.status == FAILED:
        click.echo(job.error, err=True)
        sys.exit(1)


@jobs_cli.command("enqueue")
@click.argument("name")
@click.option("-p", "--param", "pairs", multiple=True, metavar="KEY=VALUE")
@click.option("--wait", is_flag=True, help="Follow the job's progress until it ends.")
def enqueue_command(name: str, pairs: tuple[str, ...], wait: bool) -> None:
    """Queue a job for the worker."""
    try:
        job = enqueue(name, params=_params(pairs))
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    db.session.commit()
    if job.id in rq_backend.unpushed(db.session()):
        click.echo(f"Queued job #{job.id} ({name}) in the job table only: Redis cannot be reached now. "
                   "A worker sends it to Redis and runs it once Redis answers again.", err=True)
        if wait:
            sys.exit(1)
        return
    click.echo(f"Queued job #{job.id} ({name}) on the {job.backend} backend.")
    if wait:
        _follow(job.id)


@jobs_cli.command("status")
@click.argument("job_id", type=int)
@click.option("--wait", is_flag=True, help="Follow the job's progress until it ends.")
def status_command(job_id: int, wait: bool) -> None:
    """One job's status, progress and message."""
    job = get(job_id)
    if job is None:
        raise click.ClickException(f"no job #{job_id}")
    if wait:
        _follow(job_id)
        return
    click.echo(_line(job))
    if job.error:
        click.echo(job.error, err=True)


def _follow(job_id: int) -> None:
    seen = None
    while True:
        db.session.remove()
        job = get(job_id)
        state = (job.status, job.progress, job.message, str(job.message_params))
        if state != seen:
            click.echo(_line(job))
            seen = state
        if not job.active:
            if job.status == FAILED:
                sys.exit(1)
            return
        time.sleep(float(current_app.config.get("JOBS_POLL_SECONDS") or 1.0))


def init_app(app: Flask) -> None:
    app.cli.add_command(worker_command)
    app.cli.add_command(jobs_cli)
