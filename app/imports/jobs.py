"""The import as a background job: the page polls its progress.

Two phases, so that the progress bar moves on SQLite too (one writer: while a transaction of the
job is open it holds the write lock, and a progress update through another connection would wait
for it): preparing the rows (encrypting and hashing NIKs, the slow part) touches no database and
its progress is written in short transactions of their own; then every row is saved in one short
transaction, all or nothing."""
from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..jobs import N_, job
from ..models import User
from . import services


@job("imports.run", title=N_("Impor data"))
def run(progress, token: str) -> dict:
    report = services.load(token)
    if report is None:
        raise ValueError("staged import not found")
    # Run again after it was done (a worker stopped at the very end): the staged file may not
    # say so yet, the database does.
    done = report.get("result") or services.saved_result(token)
    if done:
        return _finish(progress, token, report, done)
    db.session.rollback()  # no transaction left open while preparing: on SQLite it would hold the write lock
    total = len(report["rows"])
    progress(1, N_("Menyiapkan %(total)d baris…"), total=total)
    preparing, saving = progress.part(0, 80), progress.part(80, 100)
    prepared = services.prepare(report, actor_id=report.get("user_id"), progress=lambda done, total_: preparing.step(
        done, total_, N_("Menyiapkan: %(done)d dari %(total)d baris")))
    progress(80, N_("Menyimpan %(total)d baris…"), total=total)
    progress.flush()  # seen before the write transaction starts (it may take the only write lock)
    try:
        actor = db.session.get(User, report["user_id"]) if report.get("user_id") else None
        result = services.write(report, actor=actor, prepared=prepared, progress=lambda done, total_: saving.step(
            done, total_, N_("Menyimpan: %(done)d dari %(total)d baris")))
        if report["kind"] == "seekers" and (result["created"] or result["updated"]):
            services.refresh_suggestions(actor)  # imported vacancies wait for review: nothing to suggest yet
        services.record_run(token, report["kind"], result)
        db.session.commit()  # one transaction: every row or none, and the record that it was saved
    except IntegrityError:
        db.session.rollback()
        done = services.saved_result(token)  # another run of the same import saved it meanwhile
        if done is None:
            raise
        return _finish(progress, token, report, done)
    except Exception:
        db.session.rollback()
        raise
    return _finish(progress, token, report, result)


def _finish(progress, token: str, report: dict, result: dict) -> dict:
    report["result"] = result
    services.save(token, report)
    services.discard(token)
    if report["kind"] == "vacancies":
        progress(100, N_("Selesai: %(created)d lowongan menunggu tinjauan petugas."), **result)
    else:
        progress(100, N_("Selesai: %(created)d baru, %(updated)d diperbarui, %(skipped)d dilewati."), **result)
    return result
