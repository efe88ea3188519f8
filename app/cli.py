"""Command line: `flask --app app demo`, `flask --app app ranking refresh`."""
from __future__ import annotations

import json
import os
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy import select

from . import jobs
from .core.audit import audit_cli
from .core.backup import backup_command, restore_command
from .core.crypto import new_key
from .core.outbox import send_pending
from .core.serving import check_command
from .extensions import db
from .models import Kelurahan, RankingModel
from .privacy import services as privacy
from .ranking import refresh_all
from .ranking.models import evaluate_current, train_model
from .reports.cli import report_cli


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Only load when the database has no kelurahan yet.")
def demo_command(if_empty: bool) -> None:
    """Load the deterministic demo data set for Kecamatan Karawaci."""
    from demo import load_demo  # here, not at the top: the web app never imports the demo loader

    if if_empty and db.session.scalar(select(Kelurahan.id).limit(1)) is not None:
        click.echo("Database already has data; demo not loaded.")
        return

    summary = load_demo()
    db.session.commit()
    summary["model"] = train_model(activate=True).version  # the demo's history trains the first model
    db.session.commit()
    summary["vacancies_ranked"] = refresh_all()
    db.session.commit()
    click.echo("Demo loaded: " + ", ".join(f"{k}={v}" for k, v in summary.items()))


ranking_cli = AppGroup("ranking", help="Suggestions made by the ranking engine.")


@ranking_cli.command("refresh")
def refresh_command() -> None:
    """Recompute stored suggestions for every open vacancy."""
    count = refresh_all()
    db.session.commit()
    click.echo(f"Suggestions refreshed for {count} vacancies.")


@click.command("retention")
@click.option("--days", type=int, default=None, help="Inactivity after which profiles are anonymised.")
@click.option("--dry-run", is_flag=True, help="Only count what would be anonymised.")
def retention_command(days: int | None, dry_run: bool) -> None:
    """Anonymise resident profiles inactive longer than the retention setting."""
    days = days or current_app.config["RETENTION_DAYS"]
    seekers = privacy.inactive_seekers(days)
    if not dry_run:
        for seeker in seekers:
            privacy.anonymise_seeker(seeker)
        db.session.commit()
    click.echo(f"{len(seekers)} profiles inactive for {days} days {'would be' if dry_run else 'were'} anonymised.")


@click.command("rotate-keys")
def rotate_keys_command() -> None:
    """Make new NIK keys, re-encrypt every NIK and recompute its look-up hash in one transaction.

    Keys kept in instance/secrets.json are replaced there (the old encryption key stays as a
    fallback); keys given in the environment are printed to be set there instead."""
    enc, mac = new_key(), new_key()
    current_app.config["NIK_ENC_KEYS"] = [enc, *current_app.config["NIK_ENC_KEYS"]]
    current_app.config["NIK_HMAC_KEY"] = mac
    count = privacy.rotate_nik_keys()
    secrets_file = Path(current_app.instance_path) / "secrets.json"
    from_file = secrets_file.exists() and not os.environ.get("NIK_ENC_KEYS")
    if from_file:
        stored = json.loads(secrets_file.read_text())
        stored["NIK_ENC_KEYS"] = current_app.config["NIK_ENC_KEYS"][:2]
        stored["NIK_HMAC_KEY"] = mac
        tmp = secrets_file.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(stored, handle)
    db.session.commit()
    if from_file:
        os.replace(tmp, secrets_file)
        click.echo(f"{count} NIKs re-encrypted; new keys saved in {secrets_file}.")
    else:
        click.echo(f"{count} NIKs re-encrypted. Set in the environment now:\n"
                   f"NIK_ENC_KEYS={','.join(current_app.config['NIK_ENC_KEYS'][:2])}\nNIK_HMAC_KEY={mac}")


@click.command("send-outbox")
def send_outbox_command() -> None:
    """Deliver queued emails through SMTP_HOST (without it, messages stay in the outbox)."""
    sent = send_pending()
    db.session.commit()
    click.echo(f"{sent} messages sent.")


matching_cli = AppGroup("matching", help="The ranking model: evaluate, train, list.")


@matching_cli.command("evaluate")
@click.option("--seed", type=int, default=0)
def matching_evaluate(seed: int) -> None:
    """Evaluate the engine against baselines on the recorded decisions (time-ordered split)."""
    from evaluation.report import format_report  # here, not at the top: evaluation brings scikit-learn

    click.echo(format_report(evaluate_current(seed=seed), title="LokerWarga ranking evaluation"))


@matching_cli.command("train")
@click.option("--activate", is_flag=True, help="Make the new version the active one.")
def matching_train(activate: bool) -> None:
    """Fit on every recorded decision, evaluate, and store a model version (skops)."""
    model = train_model(activate=activate)
    db.session.commit()
    click.echo(model.metrics.get("report", ""))
    click.echo(f"Stored model {model.version} ({model.n_feedback} decisions){' (active)' if model.active else ''}.")
    if model.active:
        click.echo(f"Suggestions refreshed for {refresh_all()} vacancies.")
        db.session.commit()


@matching_cli.command("list")
def matching_list() -> None:
    """Stored model versions."""
    for model in db.session.scalars(select(RankingModel).order_by(RankingModel.trained_at)):
        click.echo(f"{model.version}  {model.trained_at:%Y-%m-%d %H:%M}  {model.n_feedback} decisions"
                   f"{'  ACTIVE' if model.active else ''}")


@click.command("tick")
def tick_command() -> None:
    """Periodic housekeeping now (deadlines, throttles, retention); the worker also queues it."""
    job = jobs.run_now("tick")
    click.echo(f"tick: {job.status} {job.result or ''}")


def init_app(app: Flask) -> None:
    app.cli.add_command(tick_command)
    app.cli.add_command(matching_cli)
    app.cli.add_command(send_outbox_command)
    app.cli.add_command(retention_command)
    app.cli.add_command(rotate_keys_command)

    app.cli.add_command(demo_command)
    app.cli.add_command(ranking_cli)

    app.cli.add_command(report_cli)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(audit_cli)
    app.cli.add_command(check_command)
