"""Staff (and admin) review vacancies before they are published: the queue, one vacancy's review
page, the decision, and the queue as a download. URLs live under /staff."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from ..core import audit
from ..core.access import guard, reviewer_kelurahan_id
from ..core.database import writes_on_get
from ..core.exports import audited_download
from ..core.web import render
from ..extensions import db
from ..models import Company, Role, Vacancy
from ..ranking import refresh_vacancy
from ..staff import tables as staff_tables
from ..staff.forms import VacancyNoteForm
from . import review as vacancy_review

bp = Blueprint("vacancies", __name__, url_prefix="/staff")
guard(bp, {Role.STAFF, Role.ADMIN})


def _vacancies_in_scope():
    query = select(Vacancy).join(Company, Company.id == Vacancy.company_id)
    kelurahan_id = reviewer_kelurahan_id()
    if kelurahan_id is not None:
        query = query.where(or_(Company.kelurahan_id == kelurahan_id, Company.kelurahan_id.is_(None)))
    return query


def _vacancy_in_scope(vacancy_id: int) -> Vacancy:
    vacancy = db.session.scalar(_vacancies_in_scope().where(Vacancy.id == vacancy_id)
                                .options(joinedload(Vacancy.company)))
    if vacancy is None:
        abort(404)
    return vacancy


def _under_review() -> tuple[list[Vacancy], list[Vacancy]]:
    """(waiting for review, waiting for the employer's changes) in the reviewer's scope."""
    rows = db.session.scalars(_vacancies_in_scope().where(Vacancy.status.in_(vacancy_review.REVIEW_STATES))
                              .options(joinedload(Vacancy.company))
                              .order_by(Vacancy.updated_at, Vacancy.id)).all()
    return [v for v in rows if v.status == "review"], [v for v in rows if v.status == "changes"]


@bp.get("/vacancies/review")
def reviews():
    waiting, with_employer = _under_review()
    return render("staff/vacancy_reviews.html", waiting=waiting, with_employer=with_employer)


def _review_page(vacancy: Vacancy, forms: dict | None = None, status: int = 200, problem: str | None = None):
    forms = forms or {}
    return render("staff/vacancy_review.html", status=status, vacancy=vacancy, problem=problem,
                  history=vacancy_review.history(vacancy),
                  publish_form=forms.get("publish") or FlaskForm(prefix="publish", formdata=None),
                  changes_form=forms.get("changes") or VacancyNoteForm(prefix="changes", formdata=None),
                  refuse_form=forms.get("refuse") or VacancyNoteForm(prefix="refuse", formdata=None))


@bp.get("/vacancies/<int:vacancy_id>/review")
def review(vacancy_id: int):
    return _review_page(_vacancy_in_scope(vacancy_id))


@bp.post("/vacancies/<int:vacancy_id>/review/<any(publish, changes, refuse):action>")
def decide(vacancy_id: int, action: str):
    vacancy = _vacancy_in_scope(vacancy_id)
    form = FlaskForm(prefix="publish") if action == "publish" else VacancyNoteForm(prefix=action)
    if not form.validate_on_submit():
        return _review_page(vacancy, {action: form}, status=422)
    note = form.note.data if action != "publish" else ""
    try:
        vacancy_review.decide_vacancy(vacancy, action, current_user, note)
    except vacancy_review.ReviewError as err:
        problem = (_("Batas lamaran sudah lewat. Minta perusahaan memperbaruinya sebelum lowongan diterbitkan.")
                   if str(err) == "deadline passed" else _("Lowongan ini tidak sedang menunggu tinjauan."))
        return _review_page(vacancy, {action: form}, status=422, problem=problem)
    if action == "publish":
        refresh_vacancy(vacancy)  # suggestions, as whenever a vacancy opens
    vacancy_review.notify_employer(vacancy, action, note)
    audit.record(current_user, {"publish": "publish", "changes": "ask_changes", "refuse": "refuse"}[action],
                 "vacancy", vacancy.id)
    db.session.commit()
    flash({"publish": _("Lowongan %(title)s diterbitkan.", title=vacancy.title),
           "changes": _("Perusahaan diminta mengubah lowongan %(title)s.", title=vacancy.title),
           "refuse": _("Lowongan %(title)s ditolak.", title=vacancy.title)}[action])
    return redirect(url_for("vacancies.reviews"), 303)


@bp.get("/vacancies/review/export")
@writes_on_get
def export_reviews():
    """?list=changes: the vacancies waiting for the employer's changes; else those waiting for review."""
    which = request.args.get("list") or "waiting"
    if which not in ("waiting", "changes"):
        abort(404)
    waiting, with_employer = _under_review()
    header, rows = staff_tables.vacancy_review_table(waiting if which == "waiting" else with_employer,
                                                       which == "waiting")
    return audited_download("tinjau-lowongan" if which == "waiting" else "lowongan-perlu-diubah", header, rows,
                            "vacancy_reviews", note=f"list={which}")
