"""Staff pages to refer by hand a resident the suggestions do not list (services in manual_referral.py)."""
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core import audit
from ..core.forms import add_error
from ..core.web import render
from ..employers import answer_links
from ..extensions import db
from ..referrals import letters
from . import manual_referral, services
from .blueprint import bp, own_seeker, staff_kelurahan_id
from .forms import ManualReferralForm


def _page(vacancy, q: str, status: int = 200, form=None, form_for: int | None = None):
    checks = manual_referral.search(vacancy, staff_kelurahan_id(), q)
    return render("staff/manual_referral.html", "results", status=status, vacancy=vacancy, q=q, checks=checks,
                  sent_back=form, sent_back_for=form_for,
                  form_for=lambda seeker_id: ManualReferralForm(prefix=f"m{seeker_id}", formdata=None))


@bp.get("/vacancies/<int:vacancy_id>/manual")
def manual_referral_search(vacancy_id: int):
    vacancy = services.vacancy_with_company(vacancy_id) or abort(404)
    return _page(vacancy, request.args.get("q", ""))


@bp.post("/vacancies/<int:vacancy_id>/manual/<int:seeker_id>")
def refer_by_hand(vacancy_id: int, seeker_id: int):
    vacancy = services.vacancy_with_company(vacancy_id) or abort(404)
    seeker = own_seeker(seeker_id)
    q = services.search_text(request.form.get("q", "")) or seeker.full_name
    form = ManualReferralForm(prefix=f"m{seeker.id}")
    check = manual_referral.check_one(vacancy, seeker)
    valid = form.validate_on_submit()
    if valid and check.blocked:
        add_error(form.reason, _("Warga ini tidak dapat dirujuk ke lowongan ini (lihat keterangan di atas)."))
        valid = False
    if valid and check.unmet and not (form.reason.data or "").strip():
        add_error(form.reason, _("Ada syarat yang tidak terpenuhi: tulis alasan Anda tetap merujuk warga ini."))
        valid = False
    if not valid:
        return _page(vacancy, q, status=422, form=form, form_for=seeker.id)
    match = manual_referral.refer_by_hand(check, vacancy, current_user, form.reason.data or "")
    codes = ",".join(code for code, _params in check.unmet)
    audit.record(current_user, "refer", "match", match.id, f"manual{' override ' + codes if codes else ''}")
    letters.issue(match, current_user)
    answer_links.queue_referral_notice(match)
    answer_links.notify_resident(match)
    db.session.commit()
    flash(_("%(name)s dirujuk ke %(company)s.", name=seeker.full_name, company=vacancy.company.name))
    return redirect(url_for("staff.suggestions", vacancy_id=vacancy.id), 303)
