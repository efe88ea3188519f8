from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from ..auth import services as auth_services
from ..core import audit, labels
from ..core.access import guard
from ..core.database import writes_on_get
from ..core.forms import add_error, set_rw_choices
from ..core.fragments import fragment_cache, join_rows, kept_template
from ..core.links import external_url
from ..core.timeutil import utcnow
from ..core.web import get_or_404, parse_id, render
from ..extensions import db
from ..models import Company, DataRequest, Match, Role, SeekerDocument, SeekerProfile, Vacancy
from ..privacy import services as privacy
from ..ranking import refresh_seeker, refresh_vacancy, render_reason, updates_deferred
from ..referrals import services as referrals
from ..seekers.services import create_seeker, nik_taken
from . import services
from .forms import DismissForm, RequestDecisionForm, WalkInForm

bp = Blueprint("staff", __name__, url_prefix="/staff")
guard(bp, {Role.STAFF})


def _kelurahan_id() -> int:
    if current_user.kelurahan_id is None:
        abort(403)
    return current_user.kelurahan_id


def _own_seeker(seeker_id: int) -> SeekerProfile:
    seeker = get_or_404(SeekerProfile, seeker_id)
    if seeker.kelurahan_id != _kelurahan_id():
        abort(404)  # residents of other kelurahan do not exist for this staff member
    return seeker


def _filters() -> services.SeekerFilters:
    args = request.args
    return services.SeekerFilters(
        q=services.search_text(args.get("q", "")), education=args.get("education", "")[:4],
        rw=args.get("rw", "")[:3], skill=services.search_text(args.get("skill", "")),
        status=args.get("status", "")[:12], verified=args.get("verified", "")[:3],
    )


@bp.get("/")
def queue():
    return _queue_page()


def _queue_page(status: int = 200, **extra):
    """The work queue; `extra` carries a reminder form sent back with its errors."""
    from ..referrals import reminders

    kelurahan_id = _kelurahan_id()
    pending_seekers = db.session.scalars(
        select(SeekerProfile).where(SeekerProfile.kelurahan_id == kelurahan_id, SeekerProfile.verified_at.is_(None))
        .order_by(SeekerProfile.created_at).limit(50)
    ).all()
    pending_companies = db.session.scalars(select(Company).where(Company.status == "pending").order_by(Company.created_at)).all()
    new_suggestions = db.session.execute(
        select(Vacancy, func.count(Match.id), func.sum(func.cast(Match.interested, db.Integer)))
        .join(Match, Match.vacancy_id == Vacancy.id).join(SeekerProfile, SeekerProfile.id == Match.seeker_id)
        .where(Vacancy.status == "open", Match.status == "suggested", SeekerProfile.kelurahan_id == kelurahan_id)
        .options(selectinload(Vacancy.company))  # a joined load would break GROUP BY on PostgreSQL
        .group_by(Vacancy.id).order_by(func.sum(func.cast(Match.interested, db.Integer)).desc(), Vacancy.created_at.desc())
        .limit(15)
    ).all()
    stale = services.referrals_without_answer(kelurahan_id, current_app.config["REFERRAL_ANSWER_DAYS"])
    open_requests = db.session.scalars(select(DataRequest).where(DataRequest.kelurahan_id == kelurahan_id,
                                                                 DataRequest.status == "open")
                                       .order_by(DataRequest.due_at)).all()
    to_review = db.session.scalars(
        select(Vacancy).join(Company).where(Vacancy.status == "review", (Company.kelurahan_id == kelurahan_id) | Company.kelurahan_id.is_(None))
        .options(contains_eager(Vacancy.company)).order_by(Vacancy.updated_at).limit(15)).all()
    return render("staff/queue.html", to_review=to_review, open_requests=open_requests, now=utcnow(), pending_seekers=pending_seekers, pending_companies=pending_companies,
                  new_suggestions=new_suggestions, stale=stale, days=current_app.config["REFERRAL_ANSWER_DAYS"],
                  reminders=reminders.open_reminders(kelurahan_id, limit=REMINDERS_SHOWN),
                  reminders_total=reminders.count_open_reminders(kelurahan_id), status=status, **extra)


@bp.get("/seekers")
def seekers():
    filters = _filters()
    query = services.seeker_query(_kelurahan_id(), filters)
    rows, page, pages, total = services.page_of(query, request.args.get("page", 1, type=int),
                                               current_app.config["PER_PAGE"], SeekerProfile.full_name, SeekerProfile.id)
    args = {k: v for k, v in vars(filters).items() if v}
    return render("staff/seekers.html", "results", seekers=rows, page=page, pages=pages, total=total,
                  filters=filters, args=args, kelurahan=current_user.kelurahan)


@bp.post("/seekers/find")
def find_seeker():
    """Search by NIK with a POST, so that the number stays out of URLs, history and logs."""
    seeker = services.find_by_nik(_kelurahan_id(), request.form.get("nik", ""))
    if seeker is not None:
        return redirect(url_for("staff.seeker", seeker_id=seeker.id), 303)
    filters = services.SeekerFilters()
    rows, page, pages, total = services.page_of(services.seeker_query(_kelurahan_id(), filters), 1,
                                               current_app.config["PER_PAGE"], SeekerProfile.full_name, SeekerProfile.id)
    return render("staff/seekers.html", status=422, seekers=rows, page=page, pages=pages, total=total, filters=filters,
                  args={}, kelurahan=current_user.kelurahan,
                  nik_error=_("Tidak ada warga kelurahan ini dengan NIK tersebut (atau NIK tidak 16 angka)."))


@bp.route("/seekers/new", methods=["GET", "POST"])
def new_seeker():
    kelurahan = current_user.kelurahan
    form = WalkInForm()
    set_rw_choices(form, kelurahan)
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
            db.session.commit()
            flash(_("Warga terdaftar dan terverifikasi. Buat kode klaim agar warga dapat masuk sendiri."))
            return redirect(url_for("staff.seeker", seeker_id=seeker.id), 303)
    status = 422 if request.method == "POST" else 200
    return render("staff/seeker_new.html", form=form, status=status)


@bp.get("/seekers/<int:seeker_id>")
@writes_on_get
def seeker(seeker_id: int):
    seeker = _own_seeker(seeker_id)
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
    ).all()
    documents = db.session.scalars(select(SeekerDocument).where(SeekerDocument.seeker_id == seeker.id)).all()
    return render("staff/seeker.html", seeker=seeker, matches=matches, suggestions=suggestions, documents=documents,
                  status=status, **extra)


@bp.post("/seekers/<int:seeker_id>/verify")
def verify_seeker(seeker_id: int):
    seeker = _own_seeker(seeker_id)
    services.verify_seeker(seeker, current_user)
    audit.record(current_user, "verify", "seeker", seeker.id)
    db.session.commit()
    flash(_("Data warga terverifikasi."))
    return redirect(request.form.get("back") == "queue" and url_for("staff.queue") or url_for("staff.seeker", seeker_id=seeker.id), 303)


@bp.post("/seekers/<int:seeker_id>/claim-code")
def claim_code(seeker_id: int):
    seeker = _own_seeker(seeker_id)
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
    return render("staff/companies.html", companies=services.company_list())


@bp.post("/companies/<int:company_id>/<any(verify, reject):action>")
def company_status(company_id: int, action: str):
    company = get_or_404(Company, company_id)
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
    rows, page, pages, total = services.page_of(query, request.args.get("page", 1, type=int),
                                               current_app.config["PER_PAGE"], Vacancy.created_at.desc(), Vacancy.id.desc())
    return render("staff/vacancies.html", "results", vacancies=rows, page=page, pages=pages, total=total,
                  q=q, vacancy_status=status, args={"q": q, "status": status})


def _export_format() -> str:
    from ..core.exports import requested_format

    return requested_format()  # csv or xlsx; any other format: 404


@bp.get("/seekers/export")
@writes_on_get
def export_seekers():
    """The residents list with its filters, every page, as on screen (NIK masked the same way)."""
    from ..core.exports import MAX_ROWS, download
    from ..core.nik import mask_nik

    filters, fmt = _filters(), _export_format()
    rows = db.session.scalars(services.seeker_query(_kelurahan_id(), filters)
                              .order_by(SeekerProfile.full_name, SeekerProfile.id).limit(MAX_ROWS)).all()
    header = [_("Nama"), _("NIK"), "RW", _("Pendidikan"), _("Keterampilan"), _("Status"), _("Verifikasi")]
    data = [[s.full_name, mask_nik(s.nik), s.rw,
             " ".join(p for p in (str(labels.EDUCATION.get(s.education, "–")), s.major or "") if p),
             ", ".join(s.skills or []), str(labels.SEEKER_STATUS.get(s.status, s.status)),
             _("Terverifikasi") if s.verified else _("belum diverifikasi")] for s in rows]
    filters_used = ", ".join(k for k, v in vars(filters).items() if v)  # which filters, never the search terms
    audit.record(current_user, "export", "seekers", "", f"{fmt}; {len(data)} rows; {filters_used}")
    db.session.commit()
    return download(fmt, "warga", header, data)


@bp.get("/vacancies/export")
@writes_on_get
def export_vacancies():
    """The vacancies list with its filters, every page, as on screen."""
    from ..core.exports import MAX_ROWS, download
    from ..core.web import rupiah

    q = services.search_text(request.args.get("q", ""))
    status, fmt = request.args.get("status", "open"), _export_format()
    query = select(Vacancy).join(Company).options(joinedload(Vacancy.company))
    if status in labels.VACANCY_STATUS:
        query = query.where(Vacancy.status == status)
    if q:
        query = query.where(Vacancy.title.ilike(f"%{q}%") | Company.name.ilike(f"%{q}%"))
    rows = db.session.scalars(query.order_by(Vacancy.created_at.desc(), Vacancy.id.desc()).limit(MAX_ROWS)).all()
    header = [_("Posisi"), _("Perusahaan"), _("Gaji"), _("Status")]
    data = [[v.title, v.company.name + ("" if v.company.status == "verified" else f" ({_('belum diverifikasi')})"),
             rupiah(v.wage_min) + (f"–{rupiah(v.wage_max)}" if v.wage_max else ""),
             str(labels.VACANCY_STATUS.get(v.status, v.status))] for v in rows]
    audit.record(current_user, "export", "vacancies", "", f"{fmt}; {len(data)} rows; q={'yes' if q else 'no'}, status={status}")
    db.session.commit()
    return download(fmt, "lowongan", header, data)


HANDLED_SHOWN = 30
REMINDERS_SHOWN = 25  # the oldest on the queue; the download has them all
DISMISS_ID_SLOT = "XMATCHIDX"  # a digit-free stand-in for a match id in field names


def _suggestion_context(vacancy: Vacancy | services.ShownRecord, dismiss_form=None, dismiss_for=None):
    kelurahan_id = _kelurahan_id()
    most = current_app.config["SUGGESTIONS_PER_VACANCY"]
    limit = min(max(request.args.get("limit", current_app.config["SUGGESTIONS_SHOWN"], type=int), 1), most)
    # The most recent decisions; the resident pages and the referral lists hold the rest.
    suggestions, handled = services.list_page(vacancy.id, kelurahan_id, limit, HANDLED_SHOWN + 1)
    return {"vacancy": vacancy, "suggestions": suggestions, "handled": handled[:HANDLED_SHOWN],
            "more_handled": len(handled) > HANDLED_SHOWN, "limit": limit, "most": most,
            "dismiss_form": dismiss_form, "dismiss_for": dismiss_for}


@bp.get("/vacancies/<int:vacancy_id>/suggestions")
def suggestions(vacancy_id: int):
    vacancy = services.get_vacancy(vacancy_id) or abort(404)
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
    matches = services.matches_for_staff(vacancy, _kelurahan_id(), ids)
    done, skipped = services.refer_many(matches, current_user)
    from ..employers import answer_links
    from ..referrals import letters

    for match in done:
        audit.record(current_user, "refer", "match", match.id)
        letters.issue(match, current_user)  # the letter's number is assigned at the referral
        answer_links.queue_referral_notice(match)
        answer_links.notify_resident(match)
    db.session.commit()
    if done:
        flash(_("%(n)d warga dirujuk ke %(company)s.", n=len(done), company=vacancy.company.name))
        flash(_("Surat pengantar siap dicetak dari halaman rujukan tiap warga."))
    for match, why in skipped:
        flash(_("%(name)s tidak dapat dirujuk: belum setuju datanya dibagikan ke perusahaan.", name=match.seeker.full_name)
              if why == "no_consent" else _("%(name)s tidak dapat dirujuk saat ini.", name=match.seeker.full_name), "error")
    if not ids:
        flash(_("Pilih minimal satu warga untuk dirujuk."), "error")
    return redirect(url_for("staff.suggestions", vacancy_id=vacancy.id), 303)


@bp.post("/matches/<int:match_id>/dismiss")
def dismiss(match_id: int):
    match = get_or_404(Match, match_id)
    if match.seeker.kelurahan_id != _kelurahan_id():
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
    if match is None or match.seeker.kelurahan_id != _kelurahan_id():
        abort(404)
    from ..referrals import letters
    from ..referrals.reminders import reminders_of_match

    return render("staff/match.html", match=match, letter=letters.letter_for(match),
                  whatsapp=services.whatsapp_links(match), follow_ups=reminders_of_match(match))


def dismiss_form_for(match_id: int):
    return DismissForm(prefix=f"d{match_id}", formdata=None)


ID_SLOT = 987654321  # stands for a row's id in URLs built once per request


def _row_parts(lang: str) -> dict:
    """What every row shares, in one language: the translated words, the URL patterns and the
    dismissal fields (a row only fills in its ids). Built once per worker and language."""
    cache = fragment_cache()
    key = ("suggestion-parts", lang, request.script_root)
    parts = cache.get(key)
    if parts is None:
        form = dismiss_form_for(DISMISS_ID_SLOT)
        field_macro = current_app.jinja_env.get_template("_macros.html").module.field
        parts = {
            "t": {"interested": _("berminat"), "no_consent": _("belum setuju data dibagikan"),
                  "unverified": _("belum diverifikasi"), "profile": _("profil"), "not_referred": _("Tidak dirujuk…"),
                  "save": _("Simpan keputusan"), "share": _("bagian dari skor"), "concern": _("catatan")},
            "education": {code: str(label) for code, label in labels.EDUCATION.items()},
            "seeker_url": url_for("staff.seeker", seeker_id=ID_SLOT),
            "dismiss_url": url_for("staff.dismiss", match_id=ID_SLOT),
            "fields": str(field_macro(form.reason)) + str(field_macro(form.note)),
        }
        cache.put(key, parts)
    return parts


def suggestion_rows(vacancy: Vacancy | services.ShownRecord, suggestions: list[services.ListedMatch], dismiss_form=None,
                    dismiss_for=None) -> Markup:
    """The list items of a vacancy's suggestions. A row is rendered once per worker for the values
    it shows (the key below) and served from the fragment cache after that; a row sent back with
    a dismissal error is rendered fresh. The rows not in the cache are rendered together, in one
    call of the template."""
    cache = fragment_cache()
    lang = str(get_locale())
    vacancy_open = vacancy.status == "open"
    rows: list[str | None] = [None] * len(suggestions)
    missing = []  # (position, match, key or None, fields or None)
    for position, m in enumerate(suggestions):
        if dismiss_form is not None and dismiss_for == m.id:
            field_macro = current_app.jinja_env.get_template("_macros.html").module.field
            fields = Markup(str(field_macro(dismiss_form.reason)) + str(field_macro(dismiss_form.note)))  # nosec B704
            missing.append((position, m, None, fields))
            continue
        seeker = m.seeker
        key = ("suggestion", lang, request.script_root, vacancy_open, position, m.id, m.seeker_id, m.score,
               m.interested, m.reasons_json, seeker.full_name, seeker.rw, seeker.education, seeker.major,
               seeker.consent_sharing, seeker.verified)
        rows[position] = cache.get(key)
        if rows[position] is None:
            missing.append((position, m, key, None))
    if missing:
        parts = _row_parts(lang)
        items = []
        for position, m, _key, fields in missing:
            evidence = [(r, render_reason(r, lang)) for r in m.reasons if r.get("share", 0) >= 0]
            concerns = [(r, render_reason(r, lang)) for r in m.reasons if r.get("share", 0) < 0]
            items.append((
                m, position + 1, evidence, concerns,
                _("%(n)d alasan lain", n=len(evidence) - 4) if len(evidence) > 4 else "",
                parts["seeker_url"].replace(str(ID_SLOT), str(m.seeker_id)),
                parts["dismiss_url"].replace(str(ID_SLOT), str(m.id)),
                fields or Markup(parts["fields"].replace(DISMISS_ID_SLOT, str(m.id))),  # nosec B704: macro output
                dismiss_form if fields else None))
        separator = cache.slot("row")
        html = current_app.jinja_env.get_template("staff/_suggestion_row.html").render(
            rows=items, separator=separator, vacancy_open=vacancy_open, education=parts["education"],
            t=parts["t"], csrf=cache.csrf_slot)
        for (position, _m, key, _fields), row in zip(missing, html.split(separator), strict=True):
            rows[position] = row
            if key is not None:
                cache.put(key, row)
    return join_rows(rows)


def decision_list(handled: list[services.ListedMatch], more_handled: bool) -> Markup:
    """The latest decisions of the suggestions page, rendered once per worker for what they show."""
    shown = (more_handled, *((m.id, m.seeker.full_name, m.status, m.reason_code) for m in handled))
    return kept_template("staff/_decision_list.html", shown, handled=handled, more_handled=more_handled)


def vacancy_card(vacancy: Vacancy) -> Markup:
    """The vacancy at the top of its suggestions page, rendered once per worker for what it shows
    (the facts, and the texts scanned for wording to check)."""
    v = vacancy
    shown = (v.id, v.title, v.description, repr(v.skills), repr(v.certificates), v.education_min,
             v.experience_years_min, v.contract_type, v.wage_min, v.wage_max, v.shift, v.location, v.openings,
             v.deadline, v.status, v.created_at, v.company.name)
    return kept_template("staff/_vacancy_card.html", shown, vacancy=vacancy)


@bp.app_context_processor
def staff_helpers():
    return {"dismiss_form_for": dismiss_form_for, "suggestion_rows": suggestion_rows, "decision_list": decision_list,
            "vacancy_card": vacancy_card}


@bp.get("/requests")
def requests():
    rows = db.session.scalars(services.data_requests_query(_kelurahan_id())).all()
    return render("staff/requests.html", rows=rows, now=utcnow(), form_for=lambda r: RequestDecisionForm(prefix=f"r{r.id}", formdata=None))


@bp.post("/requests/<int:request_id>")
def decide_request(request_id: int):
    data_request = get_or_404(DataRequest, request_id)
    if data_request.kelurahan_id != _kelurahan_id():
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
    rows = db.session.scalars(services.data_requests_query(_kelurahan_id())).all()
    forms = {data_request.id: form}
    return render("staff/requests.html", status=422, rows=rows, now=utcnow(),
                  form_for=lambda r: forms.get(r.id) or RequestDecisionForm(prefix=f"r{r.id}", formdata=None))


@bp.get("/documents/<int:document_id>")
@writes_on_get
def document(document_id: int):
    from ..seekers.routes import send_document

    document = get_or_404(SeekerDocument, document_id)
    _own_seeker(document.seeker_id)
    return send_document(document)


@bp.get("/model")
def model_card():
    from ..ranking.models import active_model

    return render("ranking/model_card.html", model=active_model())


@bp.post("/reminders/<int:reminder_id>/done")
def reminder_done(reminder_id: int):
    """"Selesai" on a reminder of the queue; a follow-up records whether the resident still works."""
    from ..core.web import is_fragment_request
    from ..models import Reminder
    from ..referrals import reminders
    from .forms import ReminderDoneForm

    reminder = get_or_404(Reminder, reminder_id)
    if reminder.kelurahan_id != _kelurahan_id():
        abort(404)
    form = ReminderDoneForm(prefix=f"rm{reminder.id}")
    valid = form.validate_on_submit()
    if valid and reminders.is_follow_up(reminder.kind) and form.outcome.data not in reminders.OUTCOMES \
            and reminder.done_at is None:
        add_error(form.outcome, _("Pilih hasil tindak lanjut."))
        valid = False
    if not valid:
        if is_fragment_request():
            return render("staff/queue.html", "reminder_item", status=422, r=reminder, reminder_form=form,
                          reminder_for=reminder.id)
        return _queue_page(status=422, reminder_form=form, reminder_for=reminder.id)
    reminders.complete_reminder(reminder, current_user, form.note.data or "", form.outcome.data or None)
    db.session.commit()
    message = _("Pengingat selesai.")
    if is_fragment_request():
        return render("staff/queue.html", "reminder_item", r=reminder, message=message)
    flash(message)
    return redirect(url_for("staff.queue"), 303)


@bp.post("/seekers/<int:seeker_id>/ak1")
def seeker_ak1(seeker_id: int):
    """Record the resident's AK/I card (number, validity, last report-back)."""
    from ..core.web import is_fragment_request
    from ..referrals import reminders
    from .forms import Ak1Form

    seeker = _own_seeker(seeker_id)
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


# --- lists as downloads: the page's own query, the columns it shows (app/exports.py) -----------

@bp.get("/companies/export")
@writes_on_get
def export_companies():
    from ..core.exports import audited_download

    header, rows = services.company_table(services.company_list())
    return audited_download("perusahaan", header, rows, "companies")


@bp.get("/requests/export")
@writes_on_get
def export_requests():
    from ..core.exports import audited_download

    requests_ = db.session.scalars(services.data_requests_query(_kelurahan_id())).all()
    header, rows = services.data_request_table(requests_, utcnow())
    return audited_download("permintaan-data", header, rows, "data_requests")


@bp.get("/reminders/export")
@writes_on_get
def export_reminders():
    """The reminders of the work queue ("Pengingat"): due and not done."""
    from ..core.exports import MAX_ROWS, audited_download
    from ..referrals import reminders

    header, rows = services.reminder_table(reminders.open_reminders(_kelurahan_id(), limit=MAX_ROWS))
    return audited_download("pengingat", header, rows, "reminders")
