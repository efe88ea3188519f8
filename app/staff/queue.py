"""The staff home: the triage queue (triage.py says what comes first and why), and reminders
marked done one at a time or several at once, with or without JavaScript."""
from __future__ import annotations

from flask import current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import func, select

from ..core.forms import add_error
from ..core.timeutil import to_wib, utcnow
from ..core.web import is_fragment_request, render
from ..extensions import db
from ..models import Company, Match, SeekerProfile, Vacancy
from ..ranking.availability import listable
from . import services, triage
from .blueprint import bp, staff_kelurahan_id
from .forms import ReminderBatchForm

TAB_LABELS = {
    "review": _l("Lowongan untuk ditinjau"),
    "verify": _l("Pendaftaran untuk diverifikasi"),
    "requests": _l("Permintaan data warga"),
    "reminders": _l("Pengingat jatuh tempo"),
}
BATCH_ERRORS = {
    "none": _l("Centang dulu pengingat yang sudah ditangani."),
    "bad": _l("Pilihan pengingat tidak dapat dibaca. Muat ulang halaman lalu coba lagi."),
    "missing": _l("Sebagian pengingat yang dipilih tidak ada di antrean kelurahan Anda. Muat ulang halaman lalu coba lagi."),
    "outcome": _l("Pilih hasil tindak lanjut: ada tindak lanjut di antara pengingat yang dipilih."),
}


@bp.get("/")
def queue():
    return _queue_page(request.args.get("tab"), request.args.get("page", 1, type=int))


def _queue_page(tab: str | None, page: int, status: int = 200, form: ReminderBatchForm | None = None,
                batch_error: str | None = None, selected: tuple[str, ...] = (), message: str | None = None,
                row_errors: tuple[int, ...] = (), row_outcomes: dict[str, str] | None = None):
    """The page (or, for htmx, its "triage" block): the counters, then one tab's list, a page of it."""
    kelurahan_id = staff_kelurahan_id()
    now = utcnow()
    counts = triage.counters(kelurahan_id, now)
    if tab not in triage.TABS:
        tab = triage.most_urgent_tab(counts)
    per_page = current_app.config["PER_PAGE"]
    pages = max(1, -(-counts[tab].total // per_page))
    page = min(max(1, page or 1), pages)
    context = dict(
        tabs=triage.TABS, tab_labels=TAB_LABELS, counts=counts, tab=tab, page=page, pages=pages, now=now,
        today=to_wib(now).date(), items=triage.LISTS[tab](kelurahan_id, page, per_page),
        due_moment=triage.due_moment, form=form or ReminderBatchForm(formdata=None), batch_error=batch_error,
        selected=selected, message=message, row_errors=row_errors, row_outcomes=row_outcomes or {}, review_days=current_app.config.get("TRIAGE_REVIEW_DAYS", 2),
        verify_days=current_app.config.get("TRIAGE_VERIFY_DAYS", 3),
    )
    if not is_fragment_request():  # the rest of the page, below the queue
        days = current_app.config["REFERRAL_ANSWER_DAYS"]
        context.update(days=days, stale=services.referrals_without_answer(kelurahan_id, days),
                       new_suggestions=_vacancies_with_new_suggestions(kelurahan_id))
    return render("staff/queue.html", "triage", status=status, **context)


def _vacancies_with_new_suggestions(kelurahan_id: int, limit: int = 15):
    """Open vacancies with suggestions among the kelurahan's residents, those with the most
    interested residents first.

    The suggestions are counted per vacancy in a subquery that starts from the kelurahan's
    residents (ix_seeker_kelurahan_status, then ix_match_seeker_status). Joined to the vacancies
    in one query, SQLite started from the open vacancies and walked all their suggestions
    (200,000 at city size), with or without ANALYZE statistics: the staff home took 2-4 s on a
    busy server; this reads about 10,000 rows."""
    per_vacancy = (
        select(Match.vacancy_id, func.count(Match.id).label("suggested"),
               func.sum(func.cast(Match.interested, db.Integer)).label("interested"))
        .join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
        .where(Match.status == "suggested", SeekerProfile.kelurahan_id == kelurahan_id, listable())
        .group_by(Match.vacancy_id)
        .subquery("per_vacancy")
    )
    return db.session.execute(
        select(Vacancy, Company, per_vacancy.c.suggested, per_vacancy.c.interested)
        .join(Company, Company.id == Vacancy.company_id)
        .join(per_vacancy, per_vacancy.c.vacancy_id == Vacancy.id)
        .where(Vacancy.status == "open")
        .order_by(per_vacancy.c.interested.desc(), Vacancy.created_at.desc(), Vacancy.id)
        .limit(limit)
    ).all()


@bp.post("/reminders/done")
def reminders_done():
    """Done: the ticked reminders with the action bar's outcome and note, or the one reminder whose
    own button was pressed ("id" or "id:outcome"). All or nothing; a bad batch is answered 422."""
    kelurahan_id = staff_kelurahan_id()
    form = ReminderBatchForm()
    page = request.form.get("page", 1, type=int)
    one = request.form.get("one", "")
    values = request.form.getlist("ids")
    outcome = form.outcome.data or None
    if one:
        reminder_id, _sep, one_outcome = one.partition(":")
        values, outcome = [reminder_id], one_outcome or outcome
    error = None
    if form.validate_on_submit():
        try:
            found = triage.reminders_for_batch(kelurahan_id, triage.parse_ids(values))
            done = triage.complete_batch(found, current_user, outcome, form.note.data or "", _row_outcomes(found))
        except triage.BatchError as exc:
            db.session.rollback()
            error = exc
        else:
            db.session.commit()
            message = (ngettext("%(num)d pengingat selesai.", "%(num)d pengingat selesai.", done) if done
                       else _("Pengingat itu sudah selesai sebelumnya."))
            if is_fragment_request():
                return _queue_page("reminders", page, message=message)
            flash(message)
            return redirect(url_for("staff.queue", tab="reminders", page=page if page > 1 else None), 303)
    batch_error = None
    if error is not None and error.field == "outcome":
        add_error(form.outcome, str(BATCH_ERRORS["outcome"]))
    elif error is not None:
        batch_error = str(BATCH_ERRORS[str(error)])
    return _queue_page("reminders", page, status=422, form=form, batch_error=batch_error,
                       selected=tuple(request.form.getlist("ids")), row_errors=error.ids if error else (),
                       row_outcomes={k: v for k, v in request.form.items() if k.startswith("outcome-")})


def _row_outcomes(found) -> dict[int, str]:
    """The outcome chosen on a follow-up's own row (the select "outcome-<id>")."""
    return {r.id: request.form.get(f"outcome-{r.id}", "") for r in found}
