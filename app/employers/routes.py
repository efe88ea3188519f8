from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core import audit
from ..core.access import guard
from ..core.database import writes_on_get
from ..core.exports import audited_download
from ..core.forms import add_error
from ..core.timeutil import WIB
from ..core.web import date_id, form_status, get_or_404, parse_id, render
from ..extensions import db
from ..models import Match, Role, SeekerDocument, SeekerProfile, Vacancy
from ..ranking import refresh_vacancy
from ..referrals import services as referrals
from ..seekers.routes import send_document
from ..vacancies import review as vacancy_review
from ..vacancies.flags import text_flags, wording_fingerprint, written_text_flags
from . import services
from .answer_links import notify_resident
from .forms import CompanyForm, HireForm, InterviewForm, RefuseForm, VacancyForm, interview_details

bp = Blueprint("employers", __name__, url_prefix="/employer")
guard(bp, {Role.EMPLOYER})



def _company():
    if current_user.company is None:
        abort(404)
    return current_user.company


def _own_vacancy(vacancy_id: int) -> Vacancy:
    vacancy = get_or_404(Vacancy, vacancy_id)
    if vacancy.company_id != _company().id:
        abort(404)
    return vacancy


def _own_referral(match_id: int) -> Match:
    match = get_or_404(Match, match_id)
    if match.vacancy.company_id != _company().id or not services.employer_may_see(match):
        abort(404)
    return match


@bp.get("/")
def home():
    company = _company()
    vacancies, counts = services.vacancy_list(company)
    return render("employers/home.html", company=company, vacancies=vacancies, counts=counts)


@bp.route("/company", methods=["GET", "POST"])
def company():
    company = _company()
    form = CompanyForm(obj=company)
    if form.validate_on_submit():
        if services.update_company(company, form.data):
            for vacancy in company.vacancies:
                if vacancy.status == "open":
                    refresh_vacancy(vacancy)
            flash(_("Nama perusahaan berubah: perusahaan menunggu verifikasi ulang oleh petugas kelurahan."), "warning")
        db.session.commit()
        flash(_("Data perusahaan tersimpan."))
        return redirect(url_for("employers.company"), 303)
    return render("employers/company.html", company=company, form=form, status=form_status(form))


def _wording(form: VacancyForm) -> list:
    return written_text_flags(form.title.data, form.description.data, form.skills.data, form.certificates.data,
                              form.location.data)


def _wording_unseen(form: VacancyForm, flags: list) -> bool:
    """A first save of wording that may discriminate stops once to show the flags (pages without
    JavaScript see them here; with it, the live check showed them already). Saving again with
    the same flags goes through: staff review the vacancy anyway."""
    return bool(flags) and request.form.get("wording_seen", "") != wording_fingerprint(flags)


@bp.post("/vacancies/wording")
def check_wording():
    """The live check of a vacancy being written: the flags block alone for htmx, else the form
    again with the flags (a "Periksa kata-kata" button without JavaScript). Saves nothing."""
    form = VacancyForm()  # read, not validated: other fields' errors wait until the person saves
    vacancy_id = parse_id(request.form.get("vacancy_id"))
    vacancy = _own_vacancy(vacancy_id) if vacancy_id else None
    return render("employers/vacancy_form.html", "wording_check", form=form, vacancy=vacancy, checked=True,
                  wording=_wording(form), status=200)


@bp.route("/vacancies/new", methods=["GET", "POST"])
def new_vacancy():
    company = _company()
    form = VacancyForm()
    wording = _wording(form) if request.method == "POST" else []
    if form.validate_on_submit() and not _wording_unseen(form, wording):
        vacancy = services.create_vacancy(company, form.data)
        vacancy_review.submit_vacancy(vacancy, current_user)
        db.session.commit()
        flash(_("Lowongan disimpan dan menunggu tinjauan petugas kelurahan. Lowongan tampil untuk warga setelah diterbitkan.")
              if company.verified else
              _("Lowongan disimpan. Lowongan tampil untuk warga setelah ditinjau petugas dan perusahaan diverifikasi."))
        return redirect(url_for("employers.vacancy", vacancy_id=vacancy.id), 303)
    return render("employers/vacancy_form.html", form=form, vacancy=None, wording=wording, checked=bool(wording),
                  stopped=request.method == "POST", status=422 if request.method == "POST" else 200)


@bp.route("/vacancies/<int:vacancy_id>/edit", methods=["GET", "POST"])
def edit_vacancy(vacancy_id: int):
    vacancy = _own_vacancy(vacancy_id)
    if vacancy.status == "refused":
        flash(_("Lowongan yang ditolak tidak dapat diubah. Pasang lowongan baru sesuai catatan petugas."), "error")
        return redirect(url_for("employers.vacancy", vacancy_id=vacancy.id), 303)
    form = VacancyForm(obj=vacancy)
    if request.method == "GET":
        form.education_min.data = vacancy.education_min or ""
    wording = _wording(form) if request.method == "POST" else text_flags(vacancy)
    if form.validate_on_submit() and not _wording_unseen(form, wording):
        before = vacancy_review.snapshot(vacancy)
        services.update_vacancy(vacancy, form.data)
        resubmitted = vacancy_review.resubmit_after_edit(vacancy, current_user, before)
        refresh_vacancy(vacancy)
        db.session.commit()
        flash(_("Lowongan diperbarui dan dikirim untuk ditinjau ulang petugas. Selama ditinjau, lowongan tidak tampil untuk warga.")
              if resubmitted else _("Lowongan diperbarui."))
        return redirect(url_for("employers.vacancy", vacancy_id=vacancy.id), 303)
    return render("employers/vacancy_form.html", form=form, vacancy=vacancy, wording=wording, checked=bool(wording),
                  stopped=request.method == "POST", status=422 if request.method == "POST" else 200,
                  review_note=vacancy_review.latest_note(vacancy) if vacancy.status == "changes" else None)


@bp.post("/vacancies/<int:vacancy_id>/close")
def close_vacancy(vacancy_id: int):
    vacancy = _own_vacancy(vacancy_id)
    if vacancy.status in ("open", "draft", "review", "changes"):
        services.close_vacancy(vacancy)
        refresh_vacancy(vacancy)
        db.session.commit()
        flash(_("Lowongan ditutup. Rujukan yang sudah masuk tetap bisa dijawab."))
    return redirect(url_for("employers.vacancy", vacancy_id=vacancy.id), 303)


def _referrals(vacancy: Vacancy):
    return services.referrals_of(vacancy)


def answer_forms(match_id: int, submitted: bool = False, contract_type: str | None = None) -> dict:
    """The three answer forms of one referral; ids carry the referral's id so that a page of
    several referrals keeps every label pointing at its own field. The hire form starts from the
    vacancy's contract type."""
    kwargs = {} if submitted else {"formdata": None}
    return {
        "interview": InterviewForm(prefix=f"iv{match_id}", **kwargs),
        "hire": HireForm(prefix=f"hire{match_id}", data={"contract_type": contract_type} if contract_type else None,
                         **kwargs),
        "refuse": RefuseForm(prefix=f"rf{match_id}", **kwargs),
    }


@bp.get("/vacancies/<int:vacancy_id>")
@writes_on_get
def vacancy(vacancy_id: int):
    vacancy = _own_vacancy(vacancy_id)
    page = render("employers/vacancy.html", vacancy=vacancy, referrals=_referrals(vacancy),
                  forms=None, active_id=None, answer_forms=answer_forms,
                  review_note=vacancy_review.latest_note(vacancy) if vacancy.status in ("changes", "refused") else None)
    audit.record(current_user, "view", "referrals", vacancy.id)
    db.session.commit()
    return page


@bp.post("/referrals/<int:match_id>/<any(interview, hire, refuse):action>")
def answer(match_id: int, action: str):
    match = _own_referral(match_id)
    forms = answer_forms(match.id, submitted=True)
    form = forms[action]
    allowed = referrals.can_move(match, {"interview": "interview", "hire": "hired", "refuse": "refused"}[action])
    valid = form.validate_on_submit()
    if valid and action == "hire" and match.referred_at is not None:
        referred_on = match.referred_at.astimezone(WIB).date()
        if form.start_date.data < referred_on:
            add_error(form.start_date, _("Tanggal mulai bekerja tidak boleh sebelum tanggal rujukan (%(d)s).",
                                            d=date_id(referred_on)))
            valid = False
    if valid and allowed:
        if action == "interview":
            referrals.invite_interview(match, current_user, form.interview_at.data.replace(tzinfo=WIB),
                                       **interview_details(form))
            message = _("Undangan wawancara tercatat.")
        elif action == "hire":
            referrals.hire(match, current_user, form.start_date.data, form.contract_type.data,
                           contract_end_date=form.contract_end_date.data)
            message = _("Warga tercatat diterima bekerja. Terima kasih!")
        else:
            referrals.refuse(match, current_user, form.reason.data, form.note.data or "")
            message = _("Jawaban tercatat.")

        notify_resident(match)  # the resident hears of the answer by email when they have one
        if match.vacancy.status != "open":
            refresh_vacancy(match.vacancy)  # a filled vacancy drops its remaining suggestions
        db.session.commit()
        if request.headers.get("HX-Request") == "true":
            return render("employers/vacancy.html", "referral_row", m=match, forms=None, active_id=None,
                          vacancy=match.vacancy, message=message, answer_forms=answer_forms)
        flash(message)
        return redirect(url_for("employers.vacancy", vacancy_id=match.vacancy_id) + f"#rujukan-{match.id}", 303)
    if not allowed:
        form.form_errors.append(_("Rujukan ini sudah ditutup dan tidak dapat diubah lagi."))
    vacancy = match.vacancy
    if request.headers.get("HX-Request") == "true":
        return render("employers/vacancy.html", "referral_row", status=422, m=match, forms=forms,
                      active_id=match.id, vacancy=vacancy, answer_forms=answer_forms)
    return render("employers/vacancy.html", status=422, vacancy=vacancy, referrals=_referrals(vacancy),
                  forms=forms, active_id=match.id, answer_forms=answer_forms)


@bp.get("/documents/<int:document_id>")
@writes_on_get
def document(document_id: int):
    """A CV, only of a resident referred to this company who agreed to share their data."""
    document = get_or_404(SeekerDocument, document_id)
    referred = db.session.scalar(
        select(Match.id).join(Vacancy).join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
        .where(Match.seeker_id == document.seeker_id, Vacancy.company_id == _company().id,
               services.employer_access(), SeekerProfile.consent_sharing.is_(True)).limit(1))
    if referred is None:
        abort(404)
    return send_document(document)


# --- lists as downloads: the page's own query, what it shows (app/core/exports.py) ------------------

@bp.get("/vacancies/export")
@writes_on_get
def export_vacancies():
    header, rows = services.vacancy_table(*services.vacancy_list(_company()))
    return audited_download("lowongan-saya", header, rows, "vacancies")


@bp.get("/vacancies/<int:vacancy_id>/referrals/export")
@writes_on_get
def export_referrals(vacancy_id: int):
    """The residents referred to one of the company's vacancies: only what they agreed to share."""
    vacancy = _own_vacancy(vacancy_id)
    header, rows = services.referral_table(services.referrals_of(vacancy))
    return audited_download("rujukan", header, rows, "referrals", vacancy.id)
