"""Staff desk: residents (list, walk-in registration, verification), companies,
vacancies, data requests, documents and AK/I cards. The work queue (the staff home) is in queue.py,
suggestions and referrals in suggestions.py, list downloads in exports.py."""
from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..auth import services as auth_services
from ..core import audit, labels
from ..core.database import writes_on_get
from ..core.forms import add_error, set_rw_choices
from ..core.links import external_url
from ..core.timeutil import utcnow
from ..core.web import get_or_404, is_fragment_request, render
from ..employers.verification import company_to_verify
from ..extensions import db
from ..fairs.services import FairError, door_fair, register_pass
from ..fairs.services import error_message as fair_error_message
from ..models import Company, DataRequest, Match, Role, SeekerDocument, SeekerProfile, Vacancy
from ..privacy import services as privacy
from ..ranking import refresh_seeker, refresh_vacancy
from ..ranking.availability import is_available
from ..ranking.models import active_model
from ..referrals import reminders
from ..seekers.routes import send_document
from ..seekers.services import create_seeker, nik_taken
from . import services, tables
from .blueprint import bp, own_seeker, seeker_filters, staff_kelurahan_id
from .forms import Ak1Form, RequestDecisionForm, WalkInForm


@bp.get("/seekers")
def seekers():
    filters = seeker_filters()
    query = services.seeker_query(staff_kelurahan_id(), filters)
    listed = db.paginate(query.order_by(SeekerProfile.full_name, SeekerProfile.id),
                         page=request.args.get("page", 1, type=int), per_page=current_app.config["PER_PAGE"],
                         error_out=False)
    args = {k: v for k, v in vars(filters).items() if v}
    return render("staff/seekers.html", "results", seekers=listed.items, page=listed.page, pages=max(1, listed.pages),
                  total=listed.total, filters=filters, args=args, kelurahan=current_user.kelurahan)


@bp.post("/seekers/find")
def find_seeker():
    """Search by NIK with a POST, so that the number stays out of URLs, history and logs."""
    seeker = services.find_by_nik(staff_kelurahan_id(), request.form.get("nik", ""))
    if seeker is not None:
        return redirect(url_for("staff.seeker", seeker_id=seeker.id), 303)
    filters = services.SeekerFilters()
    listed = db.paginate(services.seeker_query(staff_kelurahan_id(), filters).order_by(SeekerProfile.full_name, SeekerProfile.id),
                         page=1, per_page=current_app.config["PER_PAGE"], error_out=False)
    return render("staff/seekers.html", status=422, seekers=listed.items, page=1, pages=max(1, listed.pages),
                  total=listed.total, filters=filters,
                  args={}, kelurahan=current_user.kelurahan,
                  nik_error=_("Tidak ada warga kelurahan ini dengan NIK tersebut (atau NIK tidak 16 angka)."))


@bp.route("/seekers/new", methods=["GET", "POST"])
def new_seeker():
    kelurahan = current_user.kelurahan
    form = WalkInForm()
    set_rw_choices(form, kelurahan)
    fair = door_fair(request.args.get("bursa", type=int), kelurahan.id)  # registered at a job fair's door
    if form.validate_on_submit():
        if nik_taken(form.nik.data):
            add_error(form.nik, _("NIK ini sudah terdaftar. Cari warga tersebut di daftar warga."))
        elif auth_services.login_taken(form.email.data, form.phone.data):
            add_error(form.phone, _("No. HP atau email ini sudah dipakai akun lain."))
        else:
            user = None
            if form.phone.data or form.email.data:
                user = auth_services.create_user(role=Role.SEEKER, password=None, email=form.email.data or None,
                                                 phone=form.phone.data or None, name=form.full_name.data,
                                                 kelurahan_id=kelurahan.id)
            seeker = create_seeker(form.data, kelurahan, user=user, actor=current_user, verified=True)
            audit.record(current_user, "create", "seeker", seeker.id, "walk-in")
            refresh_seeker(seeker)
            fair_pass = None
            if fair is not None:
                try:
                    fair_pass = register_pass(fair, seeker, current_user, channel="door")
                except FairError as err:
                    flash(fair_error_message(err), "warning")
            db.session.commit()
            flash(_("Warga terdaftar dan terverifikasi. Buat kode klaim agar warga dapat masuk sendiri."))
            if fair_pass is not None:
                return redirect(url_for("fairs.staff_pass", fair_id=fair.id, pass_id=fair_pass.id), 303)
            return redirect(url_for("staff.seeker", seeker_id=seeker.id), 303)
    status = 422 if request.method == "POST" else 200
    return render("staff/seeker_new.html", form=form, status=status, fair=fair)


@bp.get("/seekers/<int:seeker_id>")
@writes_on_get
def seeker(seeker_id: int):
    seeker = own_seeker(seeker_id)
    page = _seeker_page(seeker)
    audit.record(current_user, "view", "seeker", seeker.id)
    db.session.commit()
    return page


def _seeker_page(seeker: SeekerProfile, status: int = 200, **extra):
    matches = db.session.scalars(
        select(Match).where(Match.seeker_id == seeker.id, Match.status != "suggested")
        .options(joinedload(Match.vacancy).joinedload(Vacancy.company)).order_by(Match.updated_at.desc())
    ).all()
    suggestions = db.session.scalars(
        select(Match).where(Match.seeker_id == seeker.id, Match.status == "suggested", Match.score.is_not(None))
        .options(joinedload(Match.vacancy).joinedload(Vacancy.company)).order_by(Match.score.desc()).limit(10)
    ).all() if is_available(seeker) else []
    documents = db.session.scalars(select(SeekerDocument).where(SeekerDocument.seeker_id == seeker.id)).all()
    return render("staff/seeker.html", seeker=seeker, matches=matches, suggestions=suggestions, documents=documents,
                  status=status, **extra)


@bp.post("/seekers/<int:seeker_id>/verify")
def verify_seeker(seeker_id: int):
    seeker = own_seeker(seeker_id)
    services.verify_seeker(seeker, current_user)
    audit.record(current_user, "verify", "seeker", seeker.id)
    db.session.commit()
    flash(_("Data warga terverifikasi."))
    return redirect(request.form.get("back") == "queue" and url_for("staff.queue") or url_for("staff.seeker", seeker_id=seeker.id), 303)


@bp.post("/seekers/<int:seeker_id>/claim-code")
def claim_code(seeker_id: int):
    seeker = own_seeker(seeker_id)
    if seeker.user is None:
        flash(_("Warga ini belum punya No. HP atau email untuk masuk. Tambahkan dulu di profilnya."), "error")
        return redirect(url_for("staff.seeker", seeker_id=seeker.id), 303)
    hours = current_app.config["CLAIM_CODE_HOURS"]
    code = auth_services.issue_claim_code(seeker.user, hours)
    audit.record(current_user, "claim_code", "seeker", seeker.id)
    db.session.commit()
    login = seeker.user.phone or seeker.user.email
    message = _("Kode klaim LokerWarga Anda: %(code)s. Buka %(url)s, isi %(login)s dan kode ini, lalu buat kata sandi. Berlaku %(h)d jam.",
                code=code, url=external_url("auth.claim"), login=login, h=hours)
    wa_phone = ("62" + seeker.phone[1:]) if seeker.phone.startswith("0") else seeker.phone
    return render("staff/claim_code.html", seeker=seeker, code=code, message=message, wa_phone=wa_phone, hours=hours)


@bp.get("/companies")
def companies():
    return render("staff/companies.html", companies=tables.company_list())


@bp.post("/companies/<int:company_id>/<any(verify, reject):action>")
def company_status(company_id: int, action: str):
    company = company_to_verify(company_id, current_user)
    services.set_company_status(company, "verified" if action == "verify" else "rejected", current_user)
    audit.record(current_user, action, "company", company.id)
    for vacancy in company.vacancies:
        if vacancy.status == "open":
            refresh_vacancy(vacancy)
    db.session.commit()
    flash(_("Perusahaan %(name)s terverifikasi.", name=company.name) if action == "verify"
          else _("Perusahaan %(name)s ditolak.", name=company.name))
    return redirect(url_for("staff.companies"), 303)


@bp.get("/vacancies")
def vacancies():
    q = services.search_text(request.args.get("q", ""))
    status = request.args.get("status", "open")
    query = select(Vacancy).join(Company).options(joinedload(Vacancy.company))
    if status in labels.VACANCY_STATUS:
        query = query.where(Vacancy.status == status)
    if q:
        query = query.where(Vacancy.title.ilike(f"%{q}%") | Company.name.ilike(f"%{q}%"))
    listed = db.paginate(query.order_by(Vacancy.created_at.desc(), Vacancy.id.desc()),
                         page=request.args.get("page", 1, type=int), per_page=current_app.config["PER_PAGE"],
                         error_out=False)
    return render("staff/vacancies.html", "results", vacancies=listed.items, page=listed.page,
                  pages=max(1, listed.pages), total=listed.total,
                  q=q, vacancy_status=status, args={"q": q, "status": status})


@bp.get("/requests")
def requests():
    rows = db.session.scalars(tables.data_requests_query(staff_kelurahan_id())).all()
    return render("staff/requests.html", rows=rows, now=utcnow(), form_for=lambda r: RequestDecisionForm(prefix=f"r{r.id}", formdata=None))


@bp.post("/requests/<int:request_id>")
def decide_request(request_id: int):
    data_request = get_or_404(DataRequest, request_id)
    if data_request.kelurahan_id != staff_kelurahan_id():
        abort(404)
    form = RequestDecisionForm(prefix=f"r{data_request.id}")
    if form.validate_on_submit() and data_request.status == "open":
        privacy.close_request(data_request, current_user, form.decision.data, form.response.data)
        if data_request.kind == "deletion" and form.decision.data == "done" and data_request.seeker is not None:
            seeker_id = data_request.seeker.id
            privacy.anonymise_seeker(data_request.seeker)
            audit.record(current_user, "anonymise", "seeker", seeker_id)
        db.session.commit()
        flash(_("Permintaan ditanggapi."))
        return redirect(url_for("staff.requests"), 303)
    rows = db.session.scalars(tables.data_requests_query(staff_kelurahan_id())).all()
    forms = {data_request.id: form}
    return render("staff/requests.html", status=422, rows=rows, now=utcnow(),
                  form_for=lambda r: forms.get(r.id) or RequestDecisionForm(prefix=f"r{r.id}", formdata=None))


@bp.get("/documents/<int:document_id>")
@writes_on_get
def document(document_id: int):
    document = get_or_404(SeekerDocument, document_id)
    own_seeker(document.seeker_id)
    return send_document(document)


@bp.get("/model")
def model_card():
    return render("ranking/model_card.html", model=active_model())


@bp.post("/seekers/<int:seeker_id>/ak1")
def seeker_ak1(seeker_id: int):
    """Record the resident's AK/I card (number, validity, last report-back)."""
    seeker = own_seeker(seeker_id)
    form = Ak1Form(prefix="ak1")
    if not form.validate_on_submit():
        if is_fragment_request():
            return render("staff/seeker.html", "ak1_card", status=422, seeker=seeker, ak1_form=form)
        return _seeker_page(seeker, status=422, ak1_form=form)
    reminders.record_ak1_card(seeker, form.ak1_number.data, form.ak1_valid_until.data, form.ak1_last_report.data)
    audit.record(current_user, "update", "seeker", seeker.id, "ak1")
    db.session.commit()
    message = _("Kartu AK/I tersimpan.") if seeker.ak1_number else _("Kartu AK/I dihapus.")
    if is_fragment_request():
        return render("staff/seeker.html", "ak1_card", seeker=seeker, message=message)
    flash(message)
    return redirect(url_for("staff.seeker", seeker_id=seeker.id) + "#kartu-ak1", 303)
