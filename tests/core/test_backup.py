"""`flask --app app backup` and `restore` give back exactly the data that was backed up
(SQLite: online backup API; PostgreSQL: pg_dump/pg_restore)."""
from __future__ import annotations

import shutil
import stat

import pytest
from sqlalchemy import MetaData, delete, select, text, update

from app.core.backup import BackupError, backup, restore
from app.extensions import db
from app.models import Match, SeekerProfile, Vacancy
from app.ranking import refresh_all


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table (the schema as the database has it), in primary-key order."""
    db.session.remove()
    meta = MetaData()
    meta.reflect(bind=db.engine)
    rows = {}
    with db.engine.connect() as conn:
        for table in sorted(meta.tables.values(), key=lambda t: t.name):
            order = list(table.primary_key.columns) or list(table.columns)
            rows[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*order))]
        conn.rollback()
    return rows


@pytest.fixture
def data(world):
    refresh_all()
    db.session.commit()
    return world


def _needs_pg_tools():
    if db.engine.dialect.name == "postgresql" and not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        pytest.skip("pg_dump/pg_restore not installed")


def test_backup_then_restore_gives_back_the_same_data(data, tmp_path):
    _needs_pg_tools()
    company_id = data.company.id
    before = snapshot()
    assert before["match"] and before["seeker_profile"] and before["alembic_version"]
    path = backup(tmp_path / "copy")
    assert path.stat().st_size > 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # personal data: readable by the owner only

    # Everything changes after the backup: rows deleted, edited and added.
    db.session.execute(delete(Match))
    db.session.execute(update(SeekerProfile).values(full_name="Diubah"))
    db.session.add(Vacancy(company_id=company_id, title="Lowongan Baru", status="open"))
    db.session.commit()
    assert snapshot() != before

    restore(path)
    after = snapshot()
    assert after.keys() == before.keys()
    for table in before:
        assert after[table] == before[table], table
    # The app works on the restored database, and new rows do not collide with restored ids.
    db.session.add(Vacancy(company_id=company_id, title="Sesudah Pemulihan", status="open"))
    db.session.commit()


def test_command_line_round_trip(data, tmp_path):
    _needs_pg_tools()
    from flask import current_app

    before = snapshot()
    runner = current_app.test_cli_runner()
    target = tmp_path / "cli-backup"
    result = runner.invoke(args=["backup", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "Backup written" in result.output and target.exists()
    db.session.execute(delete(Match))
    db.session.commit()
    refused = runner.invoke(args=["restore", str(target)], input="n\n")
    assert refused.exit_code != 0 and snapshot()["match"] == []
    result = runner.invoke(args=["restore", str(target), "--yes"])
    assert result.exit_code == 0, result.output
    assert snapshot() == before


def test_default_backup_goes_under_backup_dir(data, tmp_path, monkeypatch):
    _needs_pg_tools()
    from flask import current_app

    monkeypatch.setitem(current_app.config, "BACKUP_DIR", str(tmp_path / "backups"))
    path = backup()
    assert path.parent == tmp_path / "backups" and path.name.startswith("lokerwarga-")


def test_restore_refuses_a_file_that_is_not_a_backup(app, tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"this is not a database backup at all")
    with pytest.raises(BackupError):
        restore(junk)
    with pytest.raises(BackupError):
        restore(tmp_path / "missing")
    assert db.session.execute(text("SELECT 1")).scalar() == 1


def test_a_damaged_backup_is_refused_with_a_clear_message_and_changes_nothing(data, tmp_path):
    _needs_pg_tools()
    from flask import current_app

    before = snapshot()
    whole = backup(tmp_path / "whole")
    size = whole.stat().st_size
    truncated = tmp_path / "truncated"
    truncated.write_bytes(whole.read_bytes()[: size // 2])
    overwritten = tmp_path / "overwritten"
    content = bytearray(whole.read_bytes())
    content[64:] = bytes((b * 7 + 13) % 256 for b in content[64:])  # the header kept, the rest garbage
    overwritten.write_bytes(bytes(content))
    runner = current_app.test_cli_runner()
    for damaged in (truncated, overwritten):
        result = runner.invoke(args=["restore", str(damaged), "--yes"])
        assert result.exit_code == 1, result.output
        assert "damaged or incomplete" in result.output and "unchanged" in result.output
        assert "Traceback" not in result.output and "out of memory" not in result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
    assert snapshot() == before
