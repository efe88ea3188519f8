"""Dashboards, the monthly report (a background job, then a download) and the exports for
Karirhub and Disnaker. Staff see their own kelurahan; admin and the city viewer see the whole
city or one kelurahan they choose."""
from __future__ import annotations

import secrets

from flask import Blueprint, abort, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from .. import jobs
from ..core import audit
from ..core.access import SIGNED_IN, allow, guard
from ..core.database import writes_on_get
from ..core.exports import download
from ..core.web import parse_id, render, select_locale
from ..extensions import db
from ..jobs.models import Job
from ..jobs.tasks import on_tick
from ..models import Kelurahan, Role
from . import disclosure, documents, periods, services, tables
from .forms import MonthlyForm
from .monthly import hires_for_export, vacancies_for_export

bp = Blueprint("reports", __name__, url_prefix="/reports")
READERS = (Role.STAFF, Role.ADMIN, Role.CITY)
guard(bp, READERS)
JOB = "reports.monthly"


def _own_kelurahan() -> Kelurahan:
    if current_user.kelurahan is None:
        abort(403)
    return current_user.kelurahan


class UnknownKelurahan(Exception):
    """A download asked for a kelurahan that does not exist."""


def _chosen_kelurahan(value: str | None, *, strict: bool = False) -> Kelurahan | None:
    """Staff: their own kelurahan, whatever is asked. Admin and city: the kelurahan of the
    ``kelurahan`` parameter, or the whole city when it is empty. A value that names no kelurahan
    (not an id, "²", 10**20, an id not in use) gives the whole city on a page, and raises
    UnknownKelurahan with ``strict`` (downloads: a file of the whole city is not what was asked)."""
    if current_user.role == Role.STAFF:
        return _own_kelurahan()
    if not (value or "").strip():
        return None
    kelurahan_id = parse_id(value)
    kelurahan = db.session.get(Kelurahan, kelurahan_id) if kelurahan_id is not None else None
    if kelurahan is None and strict:
        raise UnknownKelurahan(value)
    return kelurahan


@bp.errorhandler(UnknownKelurahan)
def _unknown_kelurahan(_error):
    return render_template("error.html", status=422, title=_("Wilayah tidak dikenal"),
                           message=_("Pilih kelurahan dari daftar di dasbor, atau kosongkan untuk seluruh kota.")), 422


def _scope_args(kelurahan: Kelurahan | None) -> dict:
    return {"kelurahan": kelurahan.id} if kelurahan and current_user.role != Role.STAFF else {}


@bp.get("/")
def dashboard():
    kelurahan = _chosen_kelurahan(request.args.get("kelurahan"))
    staff = current_user.role == Role.STAFF
    figures = services.dashboard(kelurahan.id if kelurahan else None, list_names=staff)
    if not staff:  # admin and the city viewer: small counts hidden (app/reports/disclosure.py)
        figures = disclosure.protect(figures)
    choices = services.list_kelurahan() if current_user.role != Role.STAFF else []
    return render("reports/dashboard.html", "dashboard_body", kelurahan=kelurahan, choices=choices,
                  scope_args=_scope_args(kelurahan), month=periods.previous_month(),
                  suppression_note=None if staff else disclosure.footnote(), **figures)


def _monthly_form() -> MonthlyForm:
    form = MonthlyForm()
    if current_user.role == Role.STAFF:
        own = _own_kelurahan()
        form.kelurahan.choices = [(str(own.id), own.name)]
        form.kelurahan.data = str(own.id)
    else:
        form.kelurahan.choices = [("", _("Seluruh kota"))] + [(str(k.id), k.name) for k in services.list_kelurahan()]
    if request.method == "GET":
        asked = request.args.get("month", "")
        try:
            form.month.data = "%04d-%02d" % periods.parse_month(asked)
        except ValueError:
            form.month.data = periods.previous_month()
        if current_user.role != Role.STAFF:
            asked = request.args.get("kelurahan", "")
            form.kelurahan.data = asked if asked in {value for value, _label in form.kelurahan.choices} else ""
    return form


def _recent_reports():
    return db.session.scalars(select(Job).where(Job.name == JOB, Job.created_by_id == current_user.id)
                              .order_by(Job.id.desc()).limit(10)).all()


@bp.route("/monthly", methods=["GET", "POST"])
def monthly():
    form = _monthly_form()
    if form.validate_on_submit():
        kelurahan_id = int(form.kelurahan.data) if form.kelurahan.data else None
        year, month = periods.parse_month(form.month.data)
        job = jobs.enqueue(JOB, user=current_user, params={
            "month": "%04d-%02d" % (year, month), "kelurahan_id": kelurahan_id, "format": form.format.data,
            "token": secrets.token_hex(16), "lang": select_locale(),
            "per_hire": current_user.role == Role.STAFF})  # the city gets counts only
        db.session.commit()
        return redirect(url_for("reports.monthly_status", job_id=job.id), 303)
    status = 422 if request.method == "POST" else 200
    return render("reports/monthly.html", form=form, reports=_recent_reports(), status=status)


def _report_job(job_id: int) -> Job:
    """A monthly report job of the current user (someone else's does not exist for them)."""
    job = jobs.get(job_id)
    if job is None or job.name != JOB or job.created_by_id is None or job.created_by_id != current_user.id:
        abort(404)
    return job


@bp.get("/monthly/<int:job_id>")
@allow(*SIGNED_IN)  # anyone signed in may ask; only the job's owner gets it (404 otherwise)
def monthly_status(job_id: int):
    job = _report_job(job_id)
    kelurahan = db.session.get(Kelurahan, job.params.get("kelurahan_id")) if job.params.get("kelurahan_id") else None
    return render("reports/monthly_job.html", "report_status", job=job, kelurahan=kelurahan)


@bp.get("/monthly/<int:job_id>/download")
@writes_on_get
@allow(*SIGNED_IN)  # as monthly_status
def monthly_download(job_id: int):
    job = _report_job(job_id)
    result = job.result or {}
    if job.status != jobs.DONE or not result.get("token"):
        return redirect(url_for("reports.monthly_status", job_id=job.id), 303)
    try:
        path = documents.stored_path(result["token"], result.get("format", ""))
    except ValueError:
        abort(404)
    if not path.is_file():
        abort(404)  # removed after JOBS_KEEP_DAYS; make the report again
    audit.record(current_user, "export", "monthly_report", job.id, f"{result.get('month')}; {result.get('format')}")
    db.session.commit()
    response = send_file(path, mimetype=documents.FORMATS[result["format"]], as_attachment=True,
                         download_name=result.get("filename") or path.name, max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response


def _export_args():
    """(period, format) of an export; period None for a month that is not YYYY-MM."""
    fmt = "xlsx" if request.args.get("format") == "xlsx" else "csv"
    try:
        period = periods.months_period(*periods.parse_month(request.args.get("month") or periods.previous_month()))
    except ValueError:
        period = None
    return period, fmt


def _bad_month():
    return render_template("error.html", status=422, title=_("Bulan tidak sah"),
                           message=_("Tulis bulan seperti 2026-11 (tahun-bulan).")), 422


@bp.get("/export/vacancies")
@writes_on_get
def export_vacancies():
    """Vacancies posted in the month or open at its end, in the fields Karirhub asks for: those
    of the kelurahan's companies (staff: their own), or of every company for the city."""
    period, fmt = _export_args()
    if period is None:
        return _bad_month()
    kelurahan = _chosen_kelurahan(request.args.get("kelurahan"), strict=True)
    header, rows = documents.vacancy_table(vacancies_for_export(period, kelurahan.id if kelurahan else None))
    audit.record(current_user, "export", "vacancies_karirhub", kelurahan.id if kelurahan else "",
                 f"{fmt}; {period.label}; {len(rows)} rows")
    db.session.commit()
    return download(fmt, f"lowongan-karirhub-{period.label}{_slug_suffix(kelurahan)}", header, rows)


@bp.get("/export/hires")
@writes_on_get
def export_hires():
    """Hires of the month for Disnaker's placement report: no names, no NIKs. Staff get one row
    per hire of their kelurahan; admin and the city viewer get counts only (small ones suppressed)."""
    period, fmt = _export_args()
    if period is None:
        return _bad_month()
    kelurahan = _chosen_kelurahan(request.args.get("kelurahan"), strict=True)
    hires = hires_for_export(kelurahan.id if kelurahan else None, period)
    names = {k.id: k.name for k in services.list_kelurahan()}
    table = documents.hire_table if current_user.role == Role.STAFF else documents.hire_counts_table
    header, rows = table(hires, names)
    if table is documents.hire_counts_table and any(disclosure.is_hidden(row[2]) for row in rows):
        rows.append([disclosure.footnote()])
    audit.record(current_user, "export", "hires_disnaker", kelurahan.id if kelurahan else "",
                 f"{fmt}; {period.label}; {len(rows)} rows")
    db.session.commit()
    return download(fmt, f"penempatan-{period.label}{_slug_suffix(kelurahan)}", header, rows)


def _slug_suffix(kelurahan: Kelurahan | None) -> str:
    """"-nusa-jaya" for a kelurahan (ASCII letters, digits and dashes only: safe in a file name
    and a header), "" for the city."""
    if kelurahan is None:
        return ""
    slug = "-".join("".join(ch if ch.isascii() and ch.isalnum() else " " for ch in kelurahan.name.lower()).split())
    return f"-{slug or kelurahan.id}"


@bp.get("/table/<name>.<fmt>")
@writes_on_get
def table(name: str, fmt: str):
    """One table of the dashboard (the one beside a chart) as CSV or XLSX, for the same scope as
    the page: staff their kelurahan, admin and city the city or the kelurahan chosen. The list
    of stalled residents, with names, is for staff only."""
    if fmt not in ("csv", "xlsx") or name not in tables.TABLES:
        abort(404)
    if tables.TABLES[name].staff_only and current_user.role != Role.STAFF:
        abort(403)
    kelurahan = _chosen_kelurahan(request.args.get("kelurahan"), strict=True)
    if not tables.available(name, kelurahan.id if kelurahan else None, staff=current_user.role == Role.STAFF):
        abort(404)  # not on this dashboard: by RW for the city, per kelurahan for one kelurahan
    header, rows = tables.build(name, kelurahan.id if kelurahan else None, exact=current_user.role == Role.STAFF)
    audit.record(current_user, "export", "dashboard_table", kelurahan.id if kelurahan else "",
                 f"{name}; {fmt}; {len(rows)} rows")
    db.session.commit()
    return download(fmt, f"dasbor-{name}{_slug_suffix(kelurahan) or '-kota'}", header, rows)


def _register_tick() -> None:
    on_tick("reports.prune")(documents.prune)


_register_tick()
