"""Staff (and admin) review: vacancies before they are published, and residents registered twice.
Registered on the staff blueprint (endpoints staff.*) by `register`."""
from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from ..core import audit
from ..duplicates import services as duplicates
from . import review as vacancy_review
from ..core.database import writes_on_get
from ..extensions import db
from ..core.forms import add_error
from ..models import Company, Role, SeekerProfile, Vacancy
from ..ranking import refresh_vacancy
from ..core.web import get_or_404, render, roles_required
from ..staff.forms import MergeForm, VacancyNoteForm


def _kelurahan_scope() -> int | None:
    """The kelurahan whose records the user reviews; None for admin (all of them)."""
    if current_user.role == Role.ADMIN:
        return None
    if current_user.kelurahan_id is None:
        abort(403)
    return current_user.kelurahan_id


# --- vacancies -------------------------------------------------------------------------------

def _vacancies_in_scope():
    query = select(Vacancy).join(Company, Company.id == Vacancy.company_id)
    kelurahan_id = _kelurahan_scope()
    if kelurahan_id is not None:
        query = query.where(or_(Company.kelurahan_id == kelurahan_id, Company.kelurahan_id.is_(None)))
    return query


def _vacancy_in_scope(vacancy_id: int) -> Vacancy:
    vacancy = db.session.scalar(_vacancies_in_scope().where(Vacancy.id == vacancy_id)
                                .options(joinedload(Vacancy.company)))
    if vacancy is None:
        abort(404)
    return vacancy


def vacancy_reviews():
    rows = db.session.scalars(_vacancies_in_scope().where(Vacancy.status.in_(vacancy_review.REVIEW_STATES))
                              .options(joinedload(Vacancy.company))
                              .order_by(Vacancy.updated_at, Vacancy.id)).all()
    waiting = [v for v in rows if v.status == "review"]
    with_employer = [v for v in rows if v.status == "changes"]
    return render("staff/vacancy_reviews.html", waiting=waiting, with_employer=with_employer)


def _review_page(vacancy: Vacancy, forms: dict | None = None, status: int = 200, problem: str | None = None):
    forms = forms or {}
    return render("staff/vacancy_review.html", status=status, vacancy=vacancy, problem=problem,
                  history=vacancy_review.history(vacancy),
                  publish_form=forms.get("publish") or FlaskForm(prefix="publish", formdata=None),
                  changes_form=forms.get("changes") or VacancyNoteForm(prefix="changes", formdata=None),
                  refuse_form=forms.get("refuse") or VacancyNoteForm(prefix="refuse", formdata=None))


def vacancy_review_page(vacancy_id: int):
    return _review_page(_vacancy_in_scope(vacancy_id))


def decide_vacancy(vacancy_id: int, action: str):
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
    return redirect(url_for("staff.vacancy_reviews"), 303)


# --- duplicates ------------------------------------------------------------------------------

def duplicate_list():
    kelurahan_id = _kelurahan_scope()
    pairs = duplicates.find_pairs(kelurahan_id)
    per_page = current_app.config["PER_PAGE"]
    pages = max(1, -(-len(pairs) // per_page))
    page = min(max(1, request.args.get("page", 1, type=int)), pages)
    shown = duplicates.load_profiles(pairs[(page - 1) * per_page:page * per_page])
    return render("staff/duplicates.html", pairs=shown, total=len(pairs), page=page, pages=pages,
                  all_kelurahan=kelurahan_id is None)


def _pair(seeker_id: int, other_id: int) -> tuple[SeekerProfile, SeekerProfile]:
    kelurahan_id = _kelurahan_scope()
    if seeker_id == other_id:
        abort(404)
    a, b = get_or_404(SeekerProfile, seeker_id), get_or_404(SeekerProfile, other_id)
    if not (duplicates.in_scope(a, kelurahan_id) and duplicates.in_scope(b, kelurahan_id)):
        abort(404)  # residents of another kelurahan do not exist for this staff member
    return a, b


def _merge_form(a: SeekerProfile, b: SeekerProfile, submitted: bool = False) -> MergeForm:
    form = MergeForm() if submitted else MergeForm(formdata=None)
    form.keep.choices = [(str(a.id), _("Data kiri (#%(id)d)", id=a.id)), (str(b.id), _("Data kanan (#%(id)d)", id=b.id))]
    form.keep.validate_choice = False  # checked in merge_pair, with the message at the field
    return form


def _pair_page(a, b, form=None, status=200):
    page = render("staff/duplicate_pair.html", status=status, a=a, b=b, form=form or _merge_form(a, b),
                  reasons=duplicates.pair_reasons(a, b), dismissed=duplicates.is_dismissed(a, b),
                  counts={a.id: duplicates.record_counts(a), b.id: duplicates.record_counts(b)},
                  accounts_used=duplicates.both_accounts_used(a, b),
                  full_nik=current_user.role == Role.STAFF, dismiss_form=FlaskForm(formdata=None))
    audit.record(current_user, "view", "seeker", a.id, f"duplicate check with {b.id}")
    audit.record(current_user, "view", "seeker", b.id, f"duplicate check with {a.id}")
    db.session.commit()
    return page


def duplicate_pair(seeker_id: int, other_id: int):
    a, b = _pair(seeker_id, other_id)
    return _pair_page(a, b)


def merge_pair(seeker_id: int, other_id: int):
    a, b = _pair(seeker_id, other_id)
    form = _merge_form(a, b, submitted=True)
    valid = form.validate_on_submit()
    if valid and form.keep.data not in (str(a.id), str(b.id)):
        add_error(form.keep, _("Pilih data yang dipertahankan."))
        valid = False
    if valid and duplicates.both_accounts_used(a, b) and not form.confirm_accounts.data:
        add_error(form.confirm_accounts, _("Kedua data punya akun yang pernah dipakai masuk. Pastikan dengan warga, lalu centang pernyataan ini."))
        valid = False
    if valid and duplicates.conflicting_letters(a, b):
        titles = ", ".join(m.vacancy.title for m in duplicates.conflicting_letters(a, b))
        add_error(form.keep, _("Kedua data sudah punya surat pengantar untuk lowongan yang sama (%(titles)s). "
                               "Tarik salah satu rujukan itu dulu, lalu gabungkan.", titles=titles))
        valid = False
    if not valid:
        return _pair_page(a, b, form, status=422)
    kept, dropped = (a, b) if form.keep.data == str(a.id) else (b, a)
    dropped_id = dropped.id
    duplicates.merge_seekers(kept, dropped, current_user, accounts_confirmed=bool(form.confirm_accounts.data))
    db.session.commit()
    flash(_("Data #%(dropped)d digabung ke data %(name)s (#%(kept)d).", dropped=dropped_id, name=kept.full_name, kept=kept.id))
    if current_user.role == Role.STAFF:
        return redirect(url_for("staff.seeker", seeker_id=kept.id), 303)
    return redirect(url_for("staff.duplicates"), 303)


def dismiss_pair(seeker_id: int, other_id: int):
    a, b = _pair(seeker_id, other_id)
    form = FlaskForm()
    if not form.validate_on_submit():
        abort(400)
    if duplicates.dismiss_pair(a, b, current_user):
        audit.record(current_user, "not_duplicate", "seeker", a.id, f"not the same person as {b.id}")
    db.session.commit()
    flash(_("%(a)s dan %(b)s ditandai bukan data ganda.", a=a.full_name, b=b.full_name))
    return redirect(url_for("staff.duplicates"), 303)


def register(bp) -> None:
    bp.app_context_processor(lambda: {"seeker_merges": duplicates.merges_of})
    reviewers = roles_required(Role.STAFF, Role.ADMIN)
    bp.add_url_rule("/vacancies/review", "vacancy_reviews", reviewers(vacancy_reviews))
    bp.add_url_rule("/vacancies/<int:vacancy_id>/review", "vacancy_review", reviewers(vacancy_review_page))
    bp.add_url_rule("/vacancies/<int:vacancy_id>/review/<any(publish, changes, refuse):action>", "decide_vacancy",
                    reviewers(decide_vacancy), methods=["POST"])
    bp.add_url_rule("/duplicates", "duplicates", reviewers(duplicate_list))
    bp.add_url_rule("/duplicates/<int:seeker_id>/<int:other_id>", "duplicate_pair",
                    writes_on_get(reviewers(duplicate_pair)))
    bp.add_url_rule("/duplicates/<int:seeker_id>/<int:other_id>/merge", "merge_duplicates", reviewers(merge_pair),
                    methods=["POST"])
    bp.add_url_rule("/duplicates/<int:seeker_id>/<int:other_id>/dismiss", "dismiss_duplicates",
                    reviewers(dismiss_pair), methods=["POST"])
