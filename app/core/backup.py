"""Backup and restore of the whole database.

SQLite: the online backup API (a consistent copy while the app keeps running).
PostgreSQL: pg_dump in its custom format, and pg_restore back into the same database.

    flask --app app backup                      # instance/backups/lokerwarga-<UTC time>.sqlite3|.pgdump
    flask --app app backup -o /srv/backup/x.pgdump
    flask --app app restore FILE --yes          # stop the server and the worker first

A backup holds personal data: files are written with mode 0600. The encrypted columns need the
keys of instance/secrets.json (or the environment) to be read again: keep those safe, apart.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

import click
from flask import current_app
from sqlalchemy.engine import make_url

from ..extensions import db

SQLITE_HEADER = b"SQLite format 3\x00"
PGDUMP_HEADER = b"PGDMP"


class BackupError(RuntimeError):
    pass


def _url(url: str | None = None):
    return make_url(url or current_app.config["SQLALCHEMY_DATABASE_URI"])


def _sqlite_path(url) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(url.database)


def _libpq(url) -> tuple[str, dict[str, str]]:
    """A libpq connection URI for pg_dump/pg_restore; the password goes through the environment."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def default_path(url=None) -> Path:
    url = _url(url) if not hasattr(url, "drivername") else url
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%d-%H%M%S")
    suffix = ".sqlite3" if url.get_backend_name() == "sqlite" else ".pgdump"
    return Path(current_app.config["BACKUP_DIR"]) / f"lokerwarga-{stamp}{suffix}"


def _private_tempfile(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=".backup-", suffix=target.suffix)
    os.close(fd)
    os.chmod(name, 0o600)
    return Path(name)


def backup(path: str | Path | None = None, url: str | None = None) -> Path:
    """Write a consistent copy of the database to ``path``; returns the path."""
    db_url = _url(url)
    target = Path(path) if path else default_path(db_url)
    tmp = _private_tempfile(target)
    try:
        if db_url.get_backend_name() == "sqlite":
            source = sqlite3.connect(_sqlite_path(db_url), timeout=30)
            dest = sqlite3.connect(tmp)
            try:
                with dest:
                    source.backup(dest, pages=4096)
                dest.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
            finally:
                dest.close()
                source.close()
        elif db_url.get_backend_name() == "postgresql":
            uri, env = _libpq(db_url)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(tmp), "--dbname", uri], env)
        else:
            raise BackupError(f"no backup method for {db_url.get_backend_name()}")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def restore(path: str | Path, url: str | None = None) -> None:
    """Replace the database's contents with the backup at ``path`` (same kind of database)."""
    source_path = Path(path)
    if not source_path.is_file():
        raise BackupError(f"{source_path}: no such file")
    with source_path.open("rb") as handle:
        header = handle.read(16)
    db_url = _url(url)
    if db_url.get_backend_name() == "sqlite":
        if not header.startswith(SQLITE_HEADER):
            raise BackupError(f"{source_path} is not a SQLite backup")
        _check_sqlite_backup(source_path)
        db.session.remove()
        db.engine.dispose()
        source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
        dest = sqlite3.connect(_sqlite_path(db_url), timeout=30)
        try:
            source.backup(dest, pages=4096)
        finally:
            dest.close()
            source.close()
    elif db_url.get_backend_name() == "postgresql":
        if not header.startswith(PGDUMP_HEADER):
            raise BackupError(f"{source_path} is not a pg_dump custom-format backup")
        db.session.remove()
        db.engine.dispose()  # our idle connections would hold locks that DROP TABLE waits for
        uri, env = _libpq(db_url)
        if shutil.which("pg_restore") is not None:
            _check_pg_dump(source_path, env)
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              "--exit-on-error", "--dbname", uri, str(source_path)], env)
    else:
        raise BackupError(f"no restore method for {db_url.get_backend_name()}")


def _damaged(path: Path, detail: str) -> BackupError:
    return BackupError(f"{path} is damaged or incomplete (cut short, overwritten, copied wrong): {detail}. "
                       "Nothing was restored; the database is unchanged. Use another backup.")


def _check_sqlite_backup(path: Path) -> None:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise _damaged(path, "it fails SQLite's integrity check")
        if conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone() is None:
            raise BackupError(f"{path} is not a LokerWarga database (no alembic_version table)")
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, f"SQLite cannot read it ({exc})") from None
    finally:
        conn.close()


def _check_pg_dump(path: Path, env: dict[str, str]) -> None:
    """pg_restore reads the archive's table of contents; a damaged one fails here, before any
    change (pg_restore's own message for it can be as misleading as "out of memory")."""
    result = subprocess.run(["pg_restore", "--list", str(path)], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        said = result.stderr.strip().splitlines()[-1:] or ["no message"]
        raise _damaged(path, f"pg_restore cannot read its contents (it said: {said[0][:300]})")


def _run(command: list[str], env: dict[str, str]) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)")
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed ({result.returncode}): {result.stderr.strip()[-2000:]}")


@click.command("backup")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Backup file (default: under BACKUP_DIR).")
def backup_command(output: str | None) -> None:
    """Write a consistent backup of the database (safe while the app runs)."""
    try:
        path = backup(output)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Backup written: {path} ({path.stat().st_size:,} bytes)")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def restore_command(file: str, yes: bool) -> None:
    """Replace the database's contents with a backup. Stop the server and the worker first."""
    url = _url()
    if not yes:
        click.confirm(f"Replace every row of {url.render_as_string(hide_password=True)} with {file}?", abort=True)
    try:
        restore(file)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Restored {file}. If the backup is older than this version, run: flask --app app db upgrade")
