import io

from flask import Blueprint, abort, current_app, flash, jsonify, make_response, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from ..auth.services import check_password, login_taken
from ..board import services as board
from ..board.forms import BoardFilterForm
from ..core import audit, uploads
from ..core.access import guard
from ..core.database import writes_on_get
from ..core.forms import add_error, set_rw_choices
from ..core.web import form_status, get_or_404, render
from ..extensions import db
from ..models import Company, DataRequest, ExperienceEntry, Match, Role, SeekerDocument, Vacancy
from ..privacy import services as privacy
from ..privacy.view import held_data
from ..ranking import refresh_seeker
from ..ranking.availability import LOOKING, is_available, set_status
from ..ranking.reasons import resident_view
from ..referrals import packet
from ..referrals.letters import LETTER_STATUSES, letter_for, render_pdf
from . import services
from .forms import ConsentForm, DataRequestForm, DocumentForm, ExperienceForm, ProfileForm

bp = Blueprint("seekers", __name__, url_prefix="/me")
guard(bp, {Role.SEEKER})


def _profile():
    profile = current_user.seeker
    if profile is None:
        abort(404)
    return profile


def visible_vacancies():
    return select(Vacancy).join(Company).where(Vacancy.status == "open", Company.status == "verified")


@bp.get("/")
def home():
    profile = _profile()
    suggestions = db.session.scalars(
        select(Match).join(Vacancy).join(Company)
        .where(Match.seeker_id == profile.id, Match.status == "suggested", Vacancy.status == "open",
               Company.status == "verified", Match.score.is_not(None))
        .options(joinedload(Match.vacancy).joinedload(Vacancy.company))
        .order_by(Match.score.desc()).limit(20)
    ).all() if is_available(profile) else []  # a resident recorded as working gets no suggestions
    # In the resident's own order their "saya berminat" adds nothing (it orders the staff's lists).
    suggestions.sort(key=lambda m: resident_view(m).score or 0.0, reverse=True)
    referrals = db.session.scalars(
        select(Match).where(Match.seeker_id == profile.id, Match.status.not_in(("suggested", "dismissed")))
        .options(joinedload(Match.vacancy).joinedload(Vacancy.company))
        .order_by(Match.updated_at.desc())
    ).all()
    gaps = [] if suggestions else services.why_no_suggestions(profile)
    return render("seekers/home.html", profile=profile, suggestions=suggestions, referrals=referrals, gaps=gaps)


@bp.post("/looking")
def looking_again():
    """The resident recorded as working says they are looking for work again."""
    profile = _profile()
    if set_status(profile, LOOKING):
        audit.record(current_user, "update", "seeker", profile.id, "looking again")
        refresh_seeker(profile)
        db.session.commit()
        flash(_("Tercatat: Anda mencari kerja lagi. Saran lowongan kembali ditampilkan."))
    return redirect(url_for("seekers.home"), 303)


@bp.route("/profile", methods=["GET", "POST"])
def profile():
    profile = _profile()
    form = ProfileForm(obj=profile)
    set_rw_choices(form, profile.kelurahan)
    consent_form = ConsentForm(obj=profile, prefix="consent")
    experience_form = ExperienceForm(prefix="exp")
    if request.method == "GET":
        form.disability.data = bool(profile.disability)
    if form.validate_on_submit():
        sensitive = form.nik.data != profile.nik or (form.phone.data or "") != (profile.phone or "")
        if services.nik_taken(form.nik.data, exclude_id=profile.id):
            add_error(form.nik, _("NIK ini sudah terdaftar atas nama warga lain."))
        elif sensitive and not check_password(current_user.password_hash, form.current_password.data or ""):
            add_error(form.current_password, _("Untuk mengubah NIK atau No. HP, isi kata sandi Anda yang sekarang."))
        else:
            if form.phone.data != profile.phone and current_user.phone == profile.phone and form.phone.data:
                if login_taken(None, form.phone.data, exclude_id=current_user.id):
                    add_error(form.phone, _("No. HP ini sudah dipakai akun lain."))
                    return render("seekers/profile.html", status=422, profile=profile, form=form,
                                  consent_form=consent_form, experience_form=experience_form)
                current_user.phone = form.phone.data  # the login follows the profile's number
            audit.record(current_user, "update", "seeker", profile.id, "sensitive" if sensitive else "")
            if profile.verified and services.identity_changes(profile, form.data):
                flash(_("Nama, NIK, tanggal lahir atau jenis kelamin berubah: data Anda menunggu verifikasi "
                        "ulang oleh petugas kelurahan."), "warning")
            services.update_profile(profile, form.data)
            refresh_seeker(profile)
            db.session.commit()
            flash(_("Profil tersimpan."))
            return redirect(url_for("seekers.profile"), 303)
    return render("seekers/profile.html", "profile_form", status=form_status(form), profile=profile, form=form,
                  consent_form=consent_form, experience_form=experience_form)


@bp.post("/consent")
def consent():
    profile = _profile()
    form = ConsentForm(prefix="consent")
    if form.validate_on_submit():
        services.set_consent(profile, "sharing", form.consent_sharing.data, current_user)
        services.set_consent(profile, "ranking", form.consent_ranking.data, current_user)
        refresh_seeker(profile)
        db.session.commit()
        flash(_("Pilihan persetujuan tersimpan dan langsung berlaku."))
    return redirect(url_for("seekers.profile"), 303)


@bp.post("/experience")
def add_experience():
    profile = _profile()
    experience_form = ExperienceForm(prefix="exp")
    if experience_form.validate_on_submit():
        services.add_experience(profile, title=experience_form.title.data, employer=experience_form.employer.data,
                                years=experience_form.years.data or 0.0,
                                description=experience_form.description.data)
        refresh_seeker(profile)
        db.session.commit()
        flash(_("Pengalaman kerja ditambahkan."))
        return redirect(url_for("seekers.profile") + "#pengalaman", 303)
    form = ProfileForm(obj=profile)
    set_rw_choices(form, profile.kelurahan)
    return render("seekers/profile.html", "experience_block", status=422, profile=profile, form=form,
                  consent_form=ConsentForm(obj=profile, prefix="consent"), experience_form=experience_form)


@bp.post("/experience/<int:entry_id>/delete")
def delete_experience(entry_id: int):
    profile = _profile()
    entry = get_or_404(ExperienceEntry, entry_id)
    if entry.seeker_id != profile.id:
        abort(404)
    services.delete_experience(entry)
    refresh_seeker(profile)
    db.session.commit()
    flash(_("Pengalaman kerja dihapus."))
    return redirect(url_for("seekers.profile") + "#pengalaman", 303)


@bp.get("/vacancies")
def vacancies():
    q = (request.args.get("q") or "").strip()[:100]
    page = min(max(1, request.args.get("page", 1, type=int)), 100_000)
    # The public board's filters (place, education, contract, shift, minimum wage), same rules.
    form = BoardFilterForm(request.args)
    form.set_places(board.list_places())
    if not form.validate():  # a mistyped wage or a tampered choice: the form with its error
        return render("seekers/vacancies.html", "results", status=422, form=form, vacancies=[], q=q, page=1,
                      pages=1, total=0, args={"q": q})
    query = board.filtered(board.joined_place(visible_vacancies()), **form.filters())
    if q:
        like = f"%{q}%"
        query = query.where(or_(Vacancy.title.ilike(like), Vacancy.description.ilike(like), Company.name.ilike(like)))
    listed = db.paginate(query.options(joinedload(Vacancy.company)).order_by(Vacancy.created_at.desc(), Vacancy.id.desc()),
                         page=page, per_page=current_app.config["PER_PAGE"], error_out=False)
    return render("seekers/vacancies.html", "results", form=form, vacancies=listed.items, q=q, page=listed.page,
                  pages=max(1, listed.pages), total=listed.total, args={"q": q, **form.args()})


@bp.get("/vacancies/<int:vacancy_id>")
def vacancy(vacancy_id: int):
    profile = _profile()
    vacancy = db.session.scalar(visible_vacancies().where(Vacancy.id == vacancy_id))
    if vacancy is None:
        abort(404)
    match = db.session.scalar(select(Match).where(Match.seeker_id == profile.id, Match.vacancy_id == vacancy.id))
    return render("seekers/vacancy.html", vacancy=vacancy, match=match)


@bp.post("/vacancies/<int:vacancy_id>/interest")
def interest(vacancy_id: int):
    profile = _profile()
    vacancy = db.session.scalar(visible_vacancies().where(Vacancy.id == vacancy_id))
    if vacancy is None:
        abort(404)
    match = services.express_interest(profile, vacancy, current_user)
    db.session.commit()
    if not request.headers.get("HX-Request"):
        flash(_("Minat Anda tercatat. Petugas kelurahan akan meninjaunya."))
        return redirect(url_for("seekers.vacancy", vacancy_id=vacancy.id), 303)
    return render("seekers/vacancy.html", "interest", vacancy=vacancy, match=match)


@bp.post("/vacancies/<int:vacancy_id>/interest/withdraw")
def withdraw_interest(vacancy_id: int):
    """Takes back "saya berminat" (only while staff have not referred the resident yet)."""
    profile = _profile()
    match = db.session.scalar(select(Match).where(Match.seeker_id == profile.id, Match.vacancy_id == vacancy_id))
    if match is None:
        abort(404)
    withdrawn = packet.withdraw_interest(match, current_user)
    db.session.commit()
    visible = db.session.scalar(visible_vacancies().where(Vacancy.id == vacancy_id))
    if request.headers.get("HX-Request") and visible is not None:
        return render("seekers/vacancy.html", "interest", vacancy=visible, match=match,
                      message=_("Minat Anda dibatalkan.") if withdrawn else None)
    if withdrawn:
        flash(_("Minat Anda dibatalkan. Anda dapat menyatakan berminat lagi kapan saja selama lowongan dibuka."))
    back = url_for("seekers.vacancy", vacancy_id=vacancy_id) if visible is not None else url_for("seekers.home")
    return redirect(back, 303)


def _own_match(match_id: int) -> Match:
    match = get_or_404(Match, match_id)
    if match.seeker_id != _profile().id:
        abort(404)
    return match


@bp.get("/referrals/<int:match_id>")
def referral(match_id: int):
    match = _own_match(match_id)
    interview = packet.interview_of(match)
    letter = letter_for(match) if match.status in LETTER_STATUSES else None
    return render("seekers/referral.html", match=match, interview=interview, letter=letter,
                  whatsapp=packet.whatsapp_share_link(packet.interview_message(match)) if interview else None)


@bp.get("/referrals/<int:match_id>/interview.ics")
def referral_calendar(match_id: int):
    """The interview as a calendar file the phone's calendar app opens."""
    match = _own_match(match_id)
    if packet.interview_of(match) is None:  # an old link: the interview was moved on or closed
        flash(_("Tidak ada jadwal wawancara untuk rujukan ini."), "error")
        return redirect(url_for("seekers.referral", match_id=match.id), 303)
    response = make_response(packet.interview_calendar(match))
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Content-Disposition"] = f"attachment; filename=wawancara-{match.id}.ics"
    return response


@bp.get("/referrals/<int:match_id>/letter.pdf")
@writes_on_get
def referral_letter(match_id: int):
    """The resident's own referral letter, once staff have issued it (the same PDF staff print)."""
    match = _own_match(match_id)
    letter = letter_for(match) if match.status in LETTER_STATUSES else None
    if letter is None:
        flash(_("Surat pengantar belum dibuat petugas kelurahan."), "error")
        return redirect(url_for("seekers.referral", match_id=match.id), 303)
    body = render_pdf(letter)
    audit.record(current_user, "download", "letter", letter.id, letter.number)
    db.session.commit()
    filename = "surat-pengantar-" + letter.number.replace("/", "-") + ".pdf"
    return send_file(io.BytesIO(body), mimetype="application/pdf", download_name=filename, as_attachment=True,
                     max_age=0)


UPLOAD_ERRORS = {
    "empty": _l("Berkas kosong."),
    "too_large": _l("Berkas lebih dari 2 MB. Perkecil lalu unggah lagi."),
    "bad_type": _l("Hanya PDF atau DOCX yang diterima (dicek dari isi berkas, bukan namanya)."),
    "zip_bomb": _l("Berkas DOCX ini tidak wajar (terlalu besar saat dibuka)."),
    "too_many_members": _l("Berkas DOCX ini tidak wajar (terlalu banyak bagian)."),
}


def _data_page(profile, request_form=None, document_form=None, status=200):
    documents = db.session.scalars(select(SeekerDocument).where(SeekerDocument.seeker_id == profile.id)).all()
    requests = db.session.scalars(select(DataRequest).where(DataRequest.seeker_id == profile.id)
                                  .order_by(DataRequest.created_at.desc())).all()
    return render("seekers/data.html", status=status, profile=profile, documents=documents, requests=requests,
                  held=held_data(profile),
                  request_form=request_form or DataRequestForm(prefix="req"),
                  document_form=document_form or DocumentForm(prefix="cv"))


@bp.get("/data")
@writes_on_get
def data():
    profile = _profile()
    audit.record(current_user, "view", "seeker", profile.id, "own data page")
    db.session.commit()
    return _data_page(profile)


@bp.get("/data.json")
@writes_on_get
def data_export():
    profile = _profile()
    audit.record(current_user, "export", "seeker", profile.id, "json")
    db.session.commit()
    response = jsonify(privacy.export_seeker(profile))
    response.headers["Content-Disposition"] = "attachment; filename=lokerwarga-data-saya.json"
    return response


@bp.post("/data/request")
def data_request():
    profile = _profile()
    form = DataRequestForm(prefix="req")
    if form.validate_on_submit():
        privacy.open_request(profile, form.kind.data, form.detail.data)
        db.session.commit()
        flash(_("Permintaan Anda tercatat. Petugas wajib menanggapinya dalam 3×24 jam."))
        return redirect(url_for("seekers.data"), 303)
    return _data_page(profile, request_form=form, status=422)


@bp.post("/documents")
def upload_document():
    profile = _profile()
    form = DocumentForm(prefix="cv")
    if form.validate_on_submit():
        upload = form.file.data
        try:
            data = upload.read(current_app.config["CV_MAX_BYTES"] + 1)
        finally:
            upload.close()  # large uploads are spooled to a temporary file
        try:
            uploads.save_document(profile, upload.filename, data)
        except uploads.UploadError as err:
            add_error(form.file, UPLOAD_ERRORS[str(err)])
        else:
            audit.record(current_user, "upload", "document", profile.id)
            db.session.commit()
            flash(_("CV tersimpan."))
            return redirect(url_for("seekers.data"), 303)
    return _data_page(profile, document_form=form, status=422)


@bp.get("/documents/<int:document_id>")
@writes_on_get
def document(document_id: int):
    document = get_or_404(SeekerDocument, document_id)
    if document.seeker_id != _profile().id:
        abort(404)
    return send_document(document)


@bp.post("/documents/<int:document_id>/delete")
def delete_document(document_id: int):
    document = get_or_404(SeekerDocument, document_id)
    if document.seeker_id != _profile().id:
        abort(404)
    uploads.delete_document(document)
    db.session.commit()
    flash(_("CV dihapus."))
    return redirect(url_for("seekers.data"), 303)


def send_document(document):
    """Served only as an attachment, never rendered in the page; every download is logged."""
    audit.record(current_user, "download", "document", document.id)
    db.session.commit()
    return send_file(uploads.document_path(document), mimetype=document.content_type, as_attachment=True,
                     download_name=document.original_name, max_age=0)
