"""Command line: `flask --app app demo`, `flask --app app ranking refresh`."""
from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import select

from .extensions import db


@click.command("demo")
@click.option("--if-empty", is_flag=True, help="Only load when the database has no kelurahan yet.")
def demo_command(if_empty: bool) -> None:
    """Load the deterministic demo data set for Kecamatan Karawaci."""
    from .demo import load_demo
    from .models import Kelurahan

    if if_empty and db.session.scalar(select(Kelurahan.id).limit(1)) is not None:
        click.echo("Database already has data; demo not loaded.")
        return
    from .ranking import refresh_all

    summary = load_demo()
    db.session.commit()
    summary["vacancies_ranked"] = refresh_all()
    db.session.commit()
    click.echo("Demo loaded: " + ", ".join(f"{k}={v}" for k, v in summary.items()))


ranking_cli = AppGroup("ranking", help="Suggestions made by the ranking engine.")


@ranking_cli.command("refresh")
def refresh_command() -> None:
    """Recompute stored suggestions for every open vacancy."""
    from .ranking import refresh_all

    count = refresh_all()
    db.session.commit()
    click.echo(f"Suggestions refreshed for {count} vacancies.")


def init_app(app: Flask) -> None:
    app.cli.add_command(demo_command)
    app.cli.add_command(ranking_cli)
