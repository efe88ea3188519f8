"""A company's side of a fair: the fairs it is invited to, the vacancies it brings, and its booth
(a phone-sized page: type the pass code, see what the resident shares, record a step per vacancy)."""
from __future__ import annotations

from flask import abort, flash, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core import audit
from ..core.access import allow
from ..core.forms import add_error
from ..core.web import get_or_404, parse_id, render
from ..extensions import db
from ..models import FairVisit, Role
from . import booth, services
from .blueprint import bp
from .blueprint import company_fair as company_fair_or_404
from .forms import OUTCOMES, CodeForm, RecordForm


@bp.get("/employer/bursa")
@allow(Role.EMPLOYER)
def company_fairs():
    if current_user.company is None:
        abort(404)
    return render("fairs/company_list.html", rows=services.company_fairs(current_user.company),
                  is_over=services.is_over)


@bp.route("/employer/bursa/<int:fair_id>", methods=["GET", "POST"])
@allow(Role.EMPLOYER)
def company_fair(fair_id: int):
    fair, company, row = company_fair_or_404(fair_id)
    if request.method == "POST":
        if services.is_over(fair):
            abort(409)
        chosen = {i for i in (parse_id(v) for v in request.form.getlist("vacancy")) if i is not None}
        services.set_fair_vacancies(fair, row, chosen, current_user)
        audit.record(current_user, "update", "fair_vacancies", fair.id, f"company {company.id}")
        db.session.commit()
        flash(_("Lowongan untuk bursa kerja tersimpan."))
        return redirect(url_for("fairs.company_fair", fair_id=fair.id), 303)
    brought = {v.id for v in services.fair_vacancies(fair, company)}
    return render("fairs/company_fair.html", fair=fair, company=company, row=row, brought=brought,
                  vacancies=services.company_vacancies(company), over=services.is_over(fair))


@bp.route("/employer/bursa/<int:fair_id>/booth", methods=["GET", "POST"])
@allow(Role.EMPLOYER)
def booth_page(fair_id: int):
    """Type the code of the pass the resident shows (works without JavaScript)."""
    fair, company, _row = company_fair_or_404(fair_id)
    form = CodeForm()
    if form.validate_on_submit():
        fair_pass = booth.find_pass(fair, form.code.data)
        if fair_pass is None:
            add_error(form.code, _("Kode ini tidak terdaftar di bursa kerja ini. Periksa lagi kartunya."))
        else:
            visit = booth.show_pass(fair_pass, company, current_user)
            audit.record(current_user, "view", "seeker", fair_pass.seeker_id, f"fair {fair.id} booth")
            db.session.commit()
            return redirect(url_for("fairs.booth_visit", fair_id=fair.id, visit_id=visit.id), 303)
    status = 422 if request.method == "POST" else 200
    return render("fairs/booth.html", fair=fair, company=company, form=form, status=status,
                  counts=booth.booth_counts(fair))


def _own_visit(fair_id: int, visit_id: int):
    fair, company, _row = company_fair_or_404(fair_id)
    visit = get_or_404(FairVisit, visit_id)
    # Only this company's visits of this fair: another booth's visit does not exist here.
    if visit.company_id != company.id or visit.fair_pass.fair_id != fair.id:
        abort(404)
    return fair, company, visit


def _visit_page(fair, company, visit, status: int = 200, message: str | None = None):
    fair_pass = visit.fair_pass
    return render("fairs/booth_visit.html", status=status, fair=fair, company=company, visit=visit,
                  seeker=fair_pass.seeker, vacancies=booth.booth_vacancies(fair, company),
                  records=booth.records_of(fair_pass, company), outcomes=OUTCOMES, message=message,
                  code=services.display_code(fair_pass.code))


@bp.get("/employer/bursa/<int:fair_id>/booth/<int:visit_id>")
@allow(Role.EMPLOYER)
def booth_visit(fair_id: int, visit_id: int):
    fair, company, visit = _own_visit(fair_id, visit_id)
    audit.record(current_user, "view", "seeker", visit.fair_pass.seeker_id, f"fair {fair.id} booth")
    db.session.commit()
    return _visit_page(fair, company, visit)


@bp.post("/employer/bursa/<int:fair_id>/booth/<int:visit_id>")
@allow(Role.EMPLOYER)
def booth_record(fair_id: int, visit_id: int):
    """One tap: a step for one vacancy. Sent twice, it changes nothing the second time."""
    fair, company, visit = _own_visit(fair_id, visit_id)
    form = RecordForm()
    vacancy = None
    if form.validate_on_submit():
        vacancy_id = parse_id(form.vacancy.data)
        vacancy = next((v for v in booth.booth_vacancies(fair, company) if v.id == vacancy_id), None)
    if vacancy is None:
        message = _("Pilih lowongan dan langkahnya.")
        if _wants_json():
            return jsonify(ok=False, message=message), 422
        return _visit_page(fair, company, visit, status=422, message=message)
    record, changed = booth.record(visit, vacancy, form.outcome.data, current_user)
    if changed:
        audit.record(current_user, "create", "fair_record", record.id, record.outcome)
    db.session.commit()
    message = _("%(title)s: %(step)s tercatat.", title=vacancy.title, step=OUTCOMES[record.outcome])
    if _wants_json():
        # The booth's page script (and its offline queue): a repeat is a success that changed nothing.
        return jsonify(ok=True, changed=changed, vacancy=vacancy.id, outcome=record.outcome,
                       step=str(OUTCOMES[record.outcome]), message=message)
    flash(message)
    return redirect(url_for("fairs.booth_visit", fair_id=fair.id, visit_id=visit.id), 303)


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"
