"""The monthly report as a background job: the page polls its progress, then offers the file."""
from __future__ import annotations

import os

from flask import current_app
from flask_babel import force_locale

from ..extensions import db
from ..jobs import N_, job
from ..models import Kelurahan
from . import documents, periods
from .monthly import monthly_report


@job("reports.monthly", title=N_("Laporan bulanan"))
def monthly(progress, month: str, token: str, format: str = "xlsx", kelurahan_id: int | None = None,
            lang: str | None = None, per_hire: bool = False) -> dict:
    """Build the report of ``month`` (one kelurahan or the city) into instance/reports/<token>.<format>.
    Running it again writes the same file again. ``per_hire``: the placements sheet lists each
    hire (for staff of the kelurahan); otherwise it holds counts only."""
    year, month_number = periods.parse_month(month)
    path = documents.stored_path(token, format)
    kelurahan = db.session.get(Kelurahan, kelurahan_id) if kelurahan_id is not None else None
    if kelurahan_id is not None and kelurahan is None:
        raise ValueError("kelurahan not found")
    progress(2, N_("Menghitung angka laporan…"))
    with force_locale(lang or current_app.config["BABEL_DEFAULT_LOCALE"]):
        report = monthly_report(kelurahan, year, month_number, exact=per_hire,
                                progress=lambda percent: progress(percent, N_("Menghitung angka laporan…")))
        # Only read: keep the loaded rows (detached, every relation loaded) and end the
        # transaction before the slow part, so that the database is free meanwhile.
        db.session.expunge_all()
        db.session.commit()
        progress(88, N_("Menyusun berkas %(format)s…"), format=format.upper())
        body = documents.render_monthly(report, format)
        name = documents.filename(report, format)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(body)
    os.replace(partial, path)
    progress(100, N_("Laporan siap diunduh."))
    return {"token": token, "format": format, "filename": name, "size": len(body), "month": month}
