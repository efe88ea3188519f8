"""Instance files (database, keys, uploads, reports, backups, imports) are 0600, folders 0700."""
from __future__ import annotations

import os
import stat

from sqlalchemy import create_engine, text

from app import create_app
from app.core.instance import protect_instance


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_existing_instance_files_are_tightened(tmp_path):
    instance = tmp_path / "instance"
    (instance / "reports").mkdir(parents=True, mode=0o755)
    (instance / "lokerwarga.db").write_bytes(b"")
    (instance / "reports" / "laporan.xlsx").write_bytes(b"")
    os.chmod(instance, 0o755)
    os.chmod(instance / "lokerwarga.db", 0o644)
    os.chmod(instance / "reports" / "laporan.xlsx", 0o644)
    protect_instance(instance)
    assert _mode(instance) == _mode(instance / "reports") == 0o700
    assert _mode(instance / "lokerwarga.db") == _mode(instance / "reports" / "laporan.xlsx") == 0o600


def test_files_the_app_creates_later_are_private(app, tmp_path):
    old = os.umask(0o022)
    try:
        create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"]})
        database = tmp_path / "new.db"
        engine = create_engine(f"sqlite:///{database}")
        with engine.begin() as conn:
            conn.execute(text("PRAGMA journal_mode=WAL"))
            conn.execute(text("CREATE TABLE t (x)"))
            assert _mode(database) == _mode(f"{database}-wal") == 0o600
        engine.dispose()
        report = tmp_path / "reports"
        report.mkdir()
        assert _mode(report) == 0o700
    finally:
        os.umask(old)
