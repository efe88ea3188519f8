"""Staff pages of one vacancy's suggestions: the list, recomputing it, referring residents,
dismissing a suggestion, and one referral's page."""
from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core import audit
from ..core.web import get_or_404, parse_id, render
from ..employers import answer_links
from ..extensions import db
from ..models import Match, Vacancy
from ..ranking import refresh_vacancy, updates_deferred
from ..referrals import letters
from ..referrals import services as referrals
from ..referrals.reminders import reminders_of_match
from . import services
from .blueprint import bp, staff_kelurahan_id
from .forms import DismissForm

HANDLED_SHOWN = 30
SKIPPED = {  # why a resident chosen on the suggestions page was not referred
    "no_consent": lambda name: _("%(name)s tidak dapat dirujuk: belum setuju datanya dibagikan ke perusahaan.", name=name),
    "working": lambda name: _("%(name)s tidak dapat dirujuk: tercatat sudah bekerja. Jika warga mencari kerja lagi, "
                              "ubah statusnya, atau rujuk lewat \"Rujuk warga lain\" dengan alasan.", name=name),
    "not_allowed": lambda name: _("%(name)s tidak dapat dirujuk saat ini.", name=name),
}


def _suggestion_context(vacancy: Vacancy, dismiss_form=None, dismiss_for=None):
    """What the suggestions page shows; `dismiss_form` is a dismissal sent back with its errors,
    on the row of match `dismiss_for`."""
    kelurahan_id = staff_kelurahan_id()
    most = current_app.config["SUGGESTIONS_PER_VACANCY"]
    limit = min(max(request.args.get("limit", current_app.config["SUGGESTIONS_SHOWN"], type=int), 1), most)
    # The most recent decisions; the resident pages and the referral lists hold the rest.
    suggestions, handled = services.suggestion_lists(vacancy.id, kelurahan_id, limit, HANDLED_SHOWN + 1)
    return {"vacancy": vacancy, "suggestions": suggestions, "handled": handled[:HANDLED_SHOWN],
            "more_handled": len(handled) > HANDLED_SHOWN, "limit": limit, "most": most,
            "dismiss_form": dismiss_form, "dismiss_for": dismiss_for, "dismiss_form_for": dismiss_form_for}


@bp.get("/vacancies/<int:vacancy_id>/suggestions")
def suggestions(vacancy_id: int):
    vacancy = services.vacancy_with_company(vacancy_id) or abort(404)
    return render("staff/suggestions.html", "suggestion_list", **_suggestion_context(vacancy))


@bp.post("/vacancies/<int:vacancy_id>/suggestions/refresh")
def refresh_suggestions(vacancy_id: int):
    vacancy = get_or_404(Vacancy, vacancy_id)
    refresh_vacancy(vacancy)
    db.session.commit()
    flash(_("Saran sedang dihitung ulang; muat ulang halaman ini sebentar lagi.") if updates_deferred()
          else _("Saran dihitung ulang."))
    return redirect(url_for("staff.suggestions", vacancy_id=vacancy.id), 303)


@bp.post("/vacancies/<int:vacancy_id>/refer")
def refer(vacancy_id: int):
    vacancy = get_or_404(Vacancy, vacancy_id)
    ids = [i for i in map(parse_id, request.form.getlist("match_id")) if i is not None][:200]
    matches = services.matches_for_staff(vacancy, staff_kelurahan_id(), ids)
    done, skipped = services.refer_many(matches, current_user)

    for match in done:
        audit.record(current_user, "refer", "match", match.id)
        letters.issue(match, current_user)  # the letter's number is assigned at the referral
        answer_links.queue_referral_notice(match)
        answer_links.notify_resident(match)
    db.session.commit()
    if done:
        flash(ngettext("%(num)d warga dirujuk ke %(company)s.", "%(num)d warga dirujuk ke %(company)s.", len(done),
                       company=vacancy.company.name))
        flash(_("Surat pengantar siap dicetak dari halaman rujukan tiap warga."))
    for match, why in skipped:
        flash(SKIPPED[why](match.seeker.full_name), "error")
    if not ids:
        flash(_("Pilih minimal satu warga untuk dirujuk."), "error")
    return redirect(url_for("staff.suggestions", vacancy_id=vacancy.id), 303)


@bp.post("/matches/<int:match_id>/dismiss")
def dismiss(match_id: int):
    match = get_or_404(Match, match_id)
    if match.seeker.kelurahan_id != staff_kelurahan_id():
        abort(404)
    form = DismissForm(prefix=f"d{match.id}")
    if form.validate_on_submit() and referrals.can_move(match, "dismissed"):
        referrals.dismiss(match, current_user, form.reason.data, form.note.data or "")
        db.session.commit()
        flash(_("Saran untuk %(name)s tidak dilanjutkan.", name=match.seeker.full_name))
        return redirect(url_for("staff.suggestions", vacancy_id=match.vacancy_id), 303)
    if not form.errors:
        form.reason.errors = [_("Saran ini sudah diproses.")]
    return render("staff/suggestions.html", "suggestion_list", status=422,
                  **_suggestion_context(match.vacancy, dismiss_form=form, dismiss_for=match.id))


@bp.get("/matches/<int:match_id>")
def match(match_id: int):
    match = db.session.scalar(select(Match).where(Match.id == match_id)
                              .options(selectinload(Match.events)))
    if match is None or match.seeker.kelurahan_id != staff_kelurahan_id():
        abort(404)

    return render("staff/match.html", match=match, letter=letters.letter_for(match),
                  whatsapp=services.whatsapp_links(match), follow_ups=reminders_of_match(match))


def dismiss_form_for(match_id: int):
    """The empty dismissal form of one row of the suggestions page."""
    return DismissForm(prefix=f"d{match_id}", formdata=None)
