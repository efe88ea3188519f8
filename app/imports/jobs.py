"""The import as a background job: the page polls its progress."""
from __future__ import annotations

from ..extensions import db
from ..jobs import N_, job
from ..models import User
from . import services


@job("imports.run", title=N_("Impor data"))
def run(progress, token: str) -> dict:
    report = services.load(token)
    if report is None:
        raise ValueError("staged import not found")
    actor = db.session.get(User, report["user_id"]) if report.get("user_id") else None
    progress(1, N_("Menyimpan %(total)d baris…"), total=len(report["rows"]))
    try:
        result = services.write(report, actor=actor, progress=lambda done, total: progress.step(
            done, total, N_("Menyimpan: %(done)d dari %(total)d baris")))
        if result["created"] or result["updated"]:
            services.refresh_suggestions(actor)
        db.session.commit()  # one transaction: every row or none
    except Exception:
        db.session.rollback()
        raise
    report["result"] = result
    services.save(token, report)
    services.discard(token)
    progress(100, N_("Selesai: %(created)d baru, %(updated)d diperbarui, %(skipped)d dilewati."), **result)
    return result
