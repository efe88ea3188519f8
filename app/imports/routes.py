"""Staff pages of the bulk import: upload, preview (problems and header mapping), run, done.
URLs live under /staff/import."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select

from .. import jobs
from ..core.access import guard
from ..core.forms import add_error
from ..core.web import render
from ..extensions import db
from ..models import Company, Role
from . import services
from .forms import UploadForm
from .parse import ImportFileError
from .validate import KINDS, field_labels

bp = Blueprint("imports", __name__, url_prefix="/staff")
guard(bp, {Role.STAFF})

PREVIEW_PROBLEMS = 500  # rows listed in the page; the count says how many there are in all


def _companies():
    """Verified companies whose vacancies this staff member may import: those of their own
    kelurahan, and those with no kelurahan recorded (as in the vacancy review, app/vacancies/routes.py,
    where any staff member reviews them)."""
    return db.session.scalars(
        select(Company).where(Company.status == "verified",
                              or_(Company.kelurahan_id == current_user.kelurahan_id, Company.kelurahan_id.is_(None)))
        .order_by(Company.name)).all()


def _company_in_scope(company_id) -> Company | None:
    return next((c for c in _companies() if c.id == company_id), None) if company_id else None


def _report(token: str) -> dict | None:
    report = services.load(token)
    if report is None or report.get("user_id") != current_user.id:
        return None  # someone else's import does not exist for this user
    return report


def _gone(token: str, report: dict | None):
    if report is not None:  # already running or done: its page shows how it goes
        return redirect(url_for("imports.preview", token=token), 303)
    flash(_("Impor ini tidak ditemukan atau sudah kedaluwarsa. Unggah berkasnya lagi."), "error")
    return redirect(url_for("imports.upload"), 303)


@bp.route("/import", methods=["GET", "POST"])
def upload():
    if current_user.kelurahan_id is None:
        abort(403)
    form = UploadForm()
    companies = _companies()
    form.company.choices = [("", _("— pilih perusahaan —"))] + [(str(c.id), c.name) for c in companies]
    if form.validate_on_submit():
        company = None
        if form.kind.data == "vacancies":
            company = next((c for c in companies if str(c.id) == form.company.data), None)
            if company is None:
                add_error(form.company, _("Pilih perusahaan pemilik lowongan."))
        if not form.errors:
            upload = form.file.data
            try:
                data = upload.read(services.MAX_BYTES + 1)
            finally:
                upload.close()
            try:
                token = services.stage(data, upload.filename or "", form.kind.data, user=current_user,
                                       kelurahan=current_user.kelurahan, company=company, update=form.update.data)
            except ImportFileError as exc:
                add_error(form.file, str(exc))
            else:
                return redirect(url_for("imports.preview", token=token), 303)
    status = 422 if request.method == "POST" else 200
    return render("staff/import.html", form=form, status=status)


@bp.get("/import/<token>")
def preview(token: str):
    report = _report(token)
    if report is None:
        return _gone(token, report)
    job = jobs.get(report["job_id"]) if report.get("job_id") else None
    company = db.session.get(Company, report["company_id"]) if report.get("company_id") else None
    fields = field_labels(report["kind"])
    return render("staff/import_preview.html", "import_status", report=report, job=job, company=company,
                  fields=fields, missing=[fields[name] for name in report["missing"]], problems=report["problems"][:PREVIEW_PROBLEMS])


@bp.post("/import/<token>/mapping")
def mapping(token: str):
    with services.locked(token) as mine:
        if not mine:  # being started (or mapped) by another request of this user
            return redirect(url_for("imports.preview", token=token), 303)
        return _import_mapping(token)


def _import_mapping(token: str):
    report = _report(token)
    if report is None or report.get("job_id"):
        return _gone(token, report)
    fields = KINDS[report["kind"]][0]
    chosen = dict(report["mapping"])
    for index, header in enumerate(report["headers"]):
        value = request.form.get(f"kolom-{index}")
        if value is not None and (value in fields or value == ""):
            chosen[header] = value
    company = db.session.get(Company, report["company_id"]) if report.get("company_id") else None
    try:
        services.stage(services.source(token), report["filename"], report["kind"], user=current_user,
                       kelurahan=current_user.kelurahan, company=company, update=report["update"],
                       chosen=chosen, token=token)
    except (ImportFileError, FileNotFoundError):
        return _gone(token, None)
    flash(_("Pemetaan kolom disimpan; data diperiksa ulang."))
    return redirect(url_for("imports.preview", token=token), 303)


@bp.post("/import/<token>/run")
def run(token: str):
    # Checking that no job was started and recording the new one happen under an exclusive lock
    # of the staged import: a double submit (or two tabs) queues one job. A request that finds the
    # lock taken does not wait; the page it is sent to shows the job once the other one is done.
    with services.locked(token) as mine:
        if not mine:
            return redirect(url_for("imports.preview", token=token), 303)
        return _import_run(token)


def _import_run(token: str):
    report = _report(token)
    if report is None:
        return _gone(token, report)
    if report.get("job_id"):
        return redirect(url_for("imports.preview", token=token), 303)
    if report["missing"] or not report["rows"]:
        flash(_("Tidak ada baris yang bisa diimpor."), "error")
        return redirect(url_for("imports.preview", token=token), 303)
    if report["kind"] == "vacancies" and _company_in_scope(report.get("company_id")) is None:
        flash(_("Perusahaan ini tidak lagi terverifikasi atau bukan wilayah kelurahan Anda."), "error")
        return redirect(url_for("imports.preview", token=token), 303)
    job = jobs.enqueue("imports.run", params={"token": token}, user=current_user)
    report["job_id"] = job.id
    services.save(token, report)  # before the commit: the worker sees the job only after it
    try:
        db.session.commit()
    except Exception:
        report["job_id"] = None
        services.save(token, report)
        raise
    current_app.logger.info("import %s queued as job %s (%d rows)", token, job.id, len(report["rows"]))
    return redirect(url_for("imports.preview", token=token), 303)


