from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from .. import jobs
from ..auth import security, throttle
from ..auth import services as auth_services
from ..core import audit
from ..core.access import guard
from ..core.database import writes_on_get
from ..core.exports import MAX_ROWS, audited_download
from ..core.forms import add_error
from ..core.timeutil import WIB, utcnow
from ..core.web import form_status, get_or_404, render
from ..extensions import db
from ..models import Breach, Company, Kelurahan, RankingModel, Role, SeekerProfile, User, Vacancy
from ..privacy import services as privacy
from ..ranking import reset
from . import services
from .forms import BreachForm, KelurahanForm, StaffEditForm, StaffForm, StepUpForm

bp = Blueprint("admin", __name__, url_prefix="/admin")
guard(bp, {Role.ADMIN})


@bp.get("/")
def home():
    counts = {
        "kelurahan": db.session.scalar(select(func.count()).select_from(Kelurahan)),
        "residents": db.session.scalar(select(func.count()).select_from(SeekerProfile)),
        "companies": db.session.scalar(select(func.count()).select_from(Company)),
        "vacancies": db.session.scalar(select(func.count()).select_from(Vacancy)),
        "staff": db.session.scalar(select(func.count()).select_from(User).where(User.role == Role.STAFF)),
    }
    return render("admin/home.html", counts=counts, models=services.model_versions(), refresh_job=jobs.latest(REFRESH_ALL))


REFRESH_ALL = "ranking.refresh_all"


@bp.post("/suggestions/refresh")
def refresh_all():
    """Recompute every open vacancy's suggestions as a background job; the home page shows progress."""
    if jobs.active(REFRESH_ALL) is None:
        jobs.enqueue(REFRESH_ALL, user=current_user)
        db.session.commit()
        flash(_("Penghitungan ulang semua saran dimulai di latar belakang."))
    else:
        flash(_("Penghitungan ulang semua saran sedang berjalan."))
    return redirect(url_for("admin.home"), 303)


@bp.route("/staff", methods=["GET", "POST"])
def staff():
    form = StaffForm()
    _kelurahan_choices(form)
    if form.validate_on_submit():
        if auth_services.login_taken(form.email.data, None):
            add_error(form.email, _("Email ini sudah dipakai akun lain."))
        else:
            account = auth_services.create_user(role=form.role.data, password=form.password.data, email=form.email.data,
                                                name=form.name.data, kelurahan_id=form.kelurahan_id.data or None)
            account.must_change_password = True  # the password admin chose is only for the first log-in
            audit.record(current_user, "create", "user", account.id, form.role.data)
            db.session.commit()
            flash(_("Akun %(email)s dibuat.", email=form.email.data))
            return redirect(url_for("admin.staff"), 303)
    return render("admin/staff.html", form=form, accounts=services.staff_accounts(), status=form_status(form))


def _kelurahan_choices(form) -> None:
    form.kelurahan_id.choices = [(0, _("— tanpa kelurahan —"))] + [
        (k.id, k.name) for k in db.session.scalars(select(Kelurahan).order_by(Kelurahan.name))]


def _staff_account(user_id: int) -> User:
    account = get_or_404(User, user_id)
    if account.role not in services.STAFF_ROLES:
        abort(404)  # residents' and employers' accounts are not managed here
    return account


def _stepped_up(form) -> int | None:
    """None when the admin's own authenticator code is right; else the status to answer with."""
    key = f"2fa:{current_user.id}"
    wait = throttle.account_wait(key)
    if wait:
        add_error(form.code, _("Terlalu banyak percobaan. Coba lagi dalam %(s)d detik.", s=wait))
        return 429
    if security.verify_totp(current_user, form.code.data):
        return None
    throttle.account_failed(key)
    audit.record(current_user, "step_up_failed", "user", current_user.id)
    db.session.commit()
    add_error(form.code, _("Kode salah, sudah dipakai, atau kedaluwarsa."))
    return 422


def _account_page(account: User, form, actions, status: int = 200):
    return render("admin/staff_account.html", account=account, form=form, actions=actions, status=status)


def _edit_form(account: User, formdata=None) -> StaffEditForm:
    form = StaffEditForm(obj=account) if formdata is None else StaffEditForm()
    _kelurahan_choices(form)
    if formdata is None:
        form.kelurahan_id.data = account.kelurahan_id or 0
    return form


@bp.route("/staff/<int:user_id>", methods=["GET", "POST"])
def staff_account(user_id: int):
    account = _staff_account(user_id)
    form = _edit_form(account, request.form if request.method == "POST" else None)
    status = None
    if form.validate_on_submit():
        if auth_services.login_taken(form.email.data, None, exclude_id=account.id):
            add_error(form.email, _("Email ini sudah dipakai akun lain."))
        elif (status := _stepped_up(form)) is None:
            changed = services.update_account(account, name=form.name.data, email=form.email.data,
                                              role=form.role.data, kelurahan_id=form.kelurahan_id.data)
            audit.record(current_user, "update", "user", account.id, "fields: " + ", ".join(changed))
            db.session.commit()
            flash(_("Akun diperbarui."))
            return redirect(url_for("admin.staff_account", user_id=account.id), 303)
    return _account_page(account, form, StepUpForm(prefix="step", formdata=None), status or form_status(form))


@bp.post("/staff/<int:user_id>/<any(deactivate, reactivate, 'reset-2fa'):action>")
def staff_account_action(user_id: int, action: str):
    """Deactivate, reactivate or reset the second factor of an account: the admin's own code first."""
    account = _staff_account(user_id)
    if action == "deactivate" and account.id == current_user.id:
        flash(_("Anda tidak dapat menonaktifkan akun Anda sendiri."), "error")
        return redirect(url_for("admin.staff_account", user_id=account.id), 303)
    form = StepUpForm(prefix="step")
    if not form.validate_on_submit():
        return _account_page(account, _edit_form(account), form, form_status(form))
    if (status := _stepped_up(form)) is not None:
        return _account_page(account, _edit_form(account), form, status)
    services.account_action(account, action)
    audit.record(current_user, action.replace("-", "_"), "user", account.id)
    db.session.commit()
    flash({"deactivate": _("Akun dinonaktifkan; sesinya sudah diakhiri."), "reactivate": _("Akun diaktifkan kembali."),
           "reset-2fa": _("Autentikasi dua langkah direset: pemilik akun mendaftarkan aplikasi autentikator lagi "
                          "saat masuk.")}[action])
    return redirect(url_for("admin.staff_account", user_id=account.id), 303)


@bp.get("/kelurahan")
def kelurahan_list():
    return render("admin/kelurahan_list.html", rows=services.kelurahan_rows())


@bp.route("/kelurahan/new", methods=["GET", "POST"], defaults={"kelurahan_id": None})
@bp.route("/kelurahan/<int:kelurahan_id>", methods=["GET", "POST"])
def kelurahan_edit(kelurahan_id: int | None):
    kelurahan = get_or_404(Kelurahan, kelurahan_id) if kelurahan_id else None
    # A POST is read from the form alone: a field missing from it is empty, not the stored value.
    form = KelurahanForm(obj=kelurahan if request.method == "GET" else None)
    if request.method == "GET" and kelurahan:
        form.rw_list.data = ", ".join(kelurahan.rw_list)
    if form.validate_on_submit():
        if services.code_taken(form.code.data, kelurahan_id):
            add_error(form.code, _("Kode ini sudah dipakai kelurahan lain."))
        elif services.letter_code_taken(form.letter_code.data or "", form.code.data, kelurahan_id):
            add_error(form.letter_code, _("Kode surat ini sudah dipakai kelurahan lain; nomor suratnya akan sama."))
        else:
            saved = services.save_kelurahan(kelurahan, form.data)
            reset()  # a new area changes what the ranking engine filters on
            db.session.commit()
            flash(_("Kelurahan %(name)s tersimpan.", name=saved.name))
            return redirect(url_for("admin.kelurahan_list"), 303)
    if isinstance(form.rw_list.data, list):
        form.rw_list.data = ", ".join(form.rw_list.data)
    return render("admin/kelurahan_form.html", form=form, kelurahan=kelurahan, status=form_status(form))


@bp.post("/models/<int:model_id>/activate")
def activate_model(model_id: int):
    model = get_or_404(RankingModel, model_id)
    services.activate_model(model)
    db.session.commit()
    reset()
    flash(_("Model %(v)s aktif. Saran baru memakai model ini.", v=model.version))
    return redirect(url_for("admin.home"), 303)


@bp.get("/audit")
def audit_log():
    args = services.audit_filters(request.args)
    rows = privacy.search_audit(**args, limit=services.AUDIT_SHOWN)
    return render("admin/audit.html", rows=rows, args=args, shown=services.AUDIT_SHOWN)


@bp.route("/breaches", methods=["GET", "POST"])
def breaches():
    form = BreachForm()
    if form.validate_on_submit():
        privacy.record_breach(discovered_at=form.discovered_at.data.replace(tzinfo=WIB),
                              description=form.description.data, data_affected=form.data_affected.data or "",
                              people_affected=form.people_affected.data, actor=current_user)
        db.session.commit()
        flash(_("Pelanggaran data tercatat. Beri tahu warga terdampak dan otoritas sebelum batas waktu."))
        return redirect(url_for("admin.breaches"), 303)
    return render("admin/breaches.html", form=form, rows=services.breach_rows(), now=utcnow(), status=form_status(form))


@bp.post("/breaches/<int:breach_id>/notified")
def breach_notified(breach_id: int):
    breach = get_or_404(Breach, breach_id)
    if breach.notified_at is None:
        breach.notified_at = utcnow()
        db.session.commit()
    return redirect(url_for("admin.breaches"), 303)


@bp.get("/models/<int:model_id>")
def model_card(model_id: int):
    return render("ranking/model_card.html", model=get_or_404(RankingModel, model_id))


# --- lists as downloads: the page's own query, the columns it shows (app/core/exports.py) -----------

@bp.get("/staff/export")
@writes_on_get
def export_staff():
    header, rows = services.staff_table(services.staff_accounts())
    return audited_download("akun-petugas", header, rows, "staff_accounts")


@bp.get("/kelurahan/export")
@writes_on_get
def export_kelurahan():
    header, rows = services.kelurahan_table(services.kelurahan_rows())
    return audited_download("kelurahan", header, rows, "kelurahan")


@bp.get("/audit/export")
@writes_on_get
def export_audit_log():
    """Every entry that matches the filters (up to MAX_ROWS); the page shows the latest AUDIT_SHOWN."""
    args = services.audit_filters(request.args)
    header, rows = services.audit_table(privacy.search_audit(**args, limit=MAX_ROWS))
    # The action and object type are codes; who was searched for (part of a name or email) is not kept.
    return audited_download("log-audit", header, rows, "audit_log",
                            note=", ".join(k if k == "actor" else f"{k}={v}" for k, v in args.items() if v))


@bp.get("/breaches/export")
@writes_on_get
def export_breaches():
    header, rows = services.breach_table(services.breach_rows())
    return audited_download("pelanggaran-data", header, rows, "breaches")


@bp.get("/models/export")
@writes_on_get
def export_models():
    header, rows = services.model_table(services.model_versions())
    return audited_download("model-pencocokan", header, rows, "ranking_models")
