"""Production serving: reverse-proxy headers, and the checks `make serve` runs before starting.

gunicorn loads ``app.serving:production_app()`` (see gunicorn.conf.py). It refuses to start with
a placeholder secret key and warns, in the log, while demo accounts exist or PUBLIC_BASE_URL is
unset; `flask --app app check` runs the same checks."""
from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext
from sqlalchemy import func, select
from werkzeug.middleware.proxy_fix import ProxyFix

from ..extensions import db
from ..models import User
from . import links

MIN_SECRET_LENGTH = 32
PLACEHOLDER_SECRETS = frozenset({
    "change-me", "changeme", "change_me", "change-this", "dev", "development", "secret", "secret-key",
    "secretkey", "your-secret-key", "test", "test-secret", "password", "lokerwarga", "default", "insecure",
    "please-change-me", "replace-me", "xxx", "todo",
})
DEMO_DOMAIN = "@demo.test"


def init_app(app: Flask) -> None:
    """Trust X-Forwarded-For/-Proto/-Host/-Port/-Prefix from PROXY_FIX proxies (0: none)."""
    proxies = int(app.config.get("PROXY_FIX") or 0)
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies,
                                x_port=proxies, x_prefix=proxies)


def secret_key_problem(key: object) -> str | None:
    """Why this key must not sign production sessions, or None."""
    if not isinstance(key, (str, bytes)) or not key:
        return "SECRET_KEY is not set"
    text = key.decode(errors="replace") if isinstance(key, bytes) else key
    if text.strip().lower() in PLACEHOLDER_SECRETS or len(set(text)) < 8:
        return "SECRET_KEY is a placeholder value"
    if len(text) < MIN_SECRET_LENGTH:
        return f"SECRET_KEY is shorter than {MIN_SECRET_LENGTH} characters"
    return None


def demo_account_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User).where(User.email.like("%" + DEMO_DOMAIN))) or 0


class RefusedToStart(SystemExit):
    pass


def check(app: Flask) -> list[str]:
    """Refuse (RefusedToStart) on a placeholder key; return the warnings to show."""
    problem = secret_key_problem(app.config.get("SECRET_KEY"))
    if problem:
        raise RefusedToStart(
            f"LokerWarga refuses to start: {problem}. Set SECRET_KEY to a long random value, e.g. "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`, or unset it to use the "
            "key kept in instance/secrets.json.")
    warnings = [warning] if (warning := links.base_url_warning(app)) else []

    with app.app_context():
        try:
            demo = demo_account_count()
        finally:
            db.session.remove()
            db.engine.dispose()  # workers fork after this: no connection may cross the fork
    if demo:
        warnings.append(f"WARNING: {demo} demo account(s) ({DEMO_DOMAIN}, password published in the README) "
                        "exist in this database. Do not serve real residents with them: use a fresh database "
                        "or deactivate those accounts.")
    return warnings


@click.command("check")
@with_appcontext
def check_command() -> None:
    """Check the configuration as `make serve` does: exit 1 on a placeholder SECRET_KEY, print
    each warning (PUBLIC_BASE_URL unset, demo accounts) on stderr."""
    app = current_app._get_current_object()
    try:
        warnings = check(app)
    except RefusedToStart as refusal:
        click.echo(str(refusal), err=True)
        sys.exit(1)
    for warning in warnings:
        click.echo(warning, err=True)
    click.echo(f"configuration checked: {len(warnings)} warning(s)")


def production_app() -> Flask:
    """The WSGI application for gunicorn, checked before any worker starts."""
    from .. import create_app  # here, not at the top: the app package imports this module

    app = create_app()
    if app.debug or app.testing:
        raise RefusedToStart("LokerWarga refuses to start: debug or testing mode is on in production.")
    for warning in check(app):
        print(warning, file=sys.stderr, flush=True)
    return app
