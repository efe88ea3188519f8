import secrets
import time
from urllib.parse import urlsplit

import pyotp
from flask import Blueprint, abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import func, select

from ..core import audit
from ..core.access import SIGNED_IN, guard, public
from ..core.database import begin_writing, reads_first, writes_on_get
from ..core.forms import add_error, set_rw_choices
from ..core.web import form_status, get_or_404, home_url_for, render
from ..extensions import db
from ..models import Company, Kelurahan, Role, User, Vacancy
from ..ranking import refresh_seeker
from ..seekers.services import create_seeker, nik_taken
from . import security, services, throttle
from .forms import (
    ClaimForm,
    EmployerRegistrationForm,
    LoginForm,
    PasswordChangeForm,
    SeekerRegistrationForm,
    TwoFactorForm,
    TwoFactorSetupForm,
)

bp = Blueprint("auth", __name__)
guard(bp, SIGNED_IN)
bp.before_app_request(security.password_change_first)


def _safe_next(target: str | None) -> str | None:
    """Only a path on this site: never a redirect off the intranet, however it is spelled."""
    if not target or "\\" in target or any(ord(ch) < 33 or ord(ch) == 127 for ch in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.get("/")
@public
def index():
    if current_user.is_authenticated:
        return redirect(home_url_for(current_user))
    open_count = db.session.scalar(
        select(func.count()).select_from(Vacancy).join(Company)
        .where(Vacancy.status == "open", Company.status == "verified")
    )
    kelurahan = db.session.scalars(select(Kelurahan).order_by(Kelurahan.name)).all()
    return render("auth/index.html", open_count=open_count or 0, kelurahan=kelurahan)


def start_session(user) -> None:
    """A fresh session at every log-in: nothing from before survives, and the clock starts."""
    session.clear()
    login_user(user)
    now = int(time.time())
    session["sid"] = secrets.token_urlsafe(16)
    session["login_at"] = now
    session["seen_at"] = now


def _record_failure(action: str, login: str) -> None:
    """A failed attempt names the account by id, or an unknown login by its keyed hash."""
    user = services.find_user_by_login(login)
    if user is not None:
        audit.record(None, action, "user", user.id)
    else:
        audit.record(None, action, "login", throttle.login_id(login))


def _too_many(form, field, wait: int):
    add_error(field, _("Terlalu banyak percobaan. Coba lagi dalam %(s)d detik.", s=wait))
    return render("auth/login.html" if field.name in ("login", "password") else "auth/two_factor.html",
                  form=form, status=429)


@bp.route("/login", methods=["GET", "POST"])
@public
@reads_first  # the password hash is checked (0.1-1.5 s) before the write lock is taken
def login():
    if current_user.is_authenticated:
        return redirect(home_url_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        wait = throttle.login_refused(form.login.data)
        if wait:
            return _too_many(form, form.password, wait)
        verified = services.verify_login(form.login.data, form.password.data)
        begin_writing(db.session)
        # Again under the lock: failures recorded while this password was checked count here, so
        # guesses sent in parallel get no more tries than guesses sent one by one.
        wait = throttle.login_refused(form.login.data)
        if wait:
            return _too_many(form, form.password, wait)
        user = services.record_login(*verified) if verified is not None else None
        if user is not None:
            throttle.login_succeeded(form.login.data)
            target = _safe_next(request.args.get("next"))
            if security.needs_two_factor(user):
                audit.record(user, "login_password", "user", user.id, "second factor next")
                session.clear()
                session["pending_user"] = user.id
                session["pending_version"] = user.session_version
                session["pending_at"] = int(time.time())
                session["pending_next"] = target
                db.session.commit()
                return throttle.remember_device(
                    redirect(url_for("auth.two_factor" if user.totp_secret else "auth.two_factor_setup"), 303),
                    form.login.data)
            start_session(user)
            audit.record(user, "login", "user", user.id)
            db.session.commit()
            return throttle.remember_device(redirect(target or home_url_for(user), 303), form.login.data)
        throttle.login_failed(form.login.data)
        _record_failure("login_failed", form.login.data)
        db.session.commit()
        add_error(form.password, _("Email/No. HP atau kata sandi salah."))
    return render("auth/login.html", form=form, status=form_status(form))


def _pending_user():
    """The account that gave the right password and still owes its second factor (5 minutes)."""
    user_id = session.get("pending_user")
    if not user_id or int(time.time()) - session.get("pending_at", 0) > 300:
        return None
    user = db.session.get(User, user_id)
    if user is None or user.session_version != session.get("pending_version") or not user.active:
        return None
    return user


@bp.route("/login/2fa", methods=["GET", "POST"])
@public
def two_factor():
    user = _pending_user()
    if user is None or not user.totp_secret:
        return redirect(url_for("auth.login"), 303)
    form = TwoFactorForm()
    if form.validate_on_submit():
        key = f"2fa:{user.id}"
        if security.limit_reached(key, current_app.config["LOGIN_MAX_FAILURES"]):
            return _too_many(form, form.code, security.seconds_left(key))
        if throttle.account_wait(key):  # a growing delay per account, as for passwords
            return _too_many(form, form.code, throttle.account_wait(key))
        ok = (security.verify_totp(user, form.code.data) if form.code.data
              else security.use_recovery_code(user, form.recovery_code.data))
        if ok:
            security.clear_hits(key)
            throttle.account_cleared(key)
            target = session.get("pending_next")
            start_session(user)
            if form.recovery_code.data and not form.code.data:
                audit.record(user, "recovery_code", "user", user.id, f"{len(user.recovery_codes)} left")
            audit.record(user, "login", "user", user.id)
            db.session.commit()
            if form.recovery_code.data:
                flash(_("Kode pemulihan terpakai. Sisa kode pemulihan: %(n)d.", n=len(user.recovery_codes)), "warning")
            return redirect(target or home_url_for(user), 303)
        security.count_hit(key, current_app.config["LOGIN_WINDOW_SECONDS"])
        throttle.account_failed(key)
        audit.record(None, "2fa_failed", "user", user.id)
        db.session.commit()
        add_error(form.code, _("Kode salah, sudah dipakai, atau kedaluwarsa."))
    return render("auth/two_factor.html", form=form, status=form_status(form))


@bp.route("/login/2fa/setup", methods=["GET", "POST"])
@public
@writes_on_get  # the pending secret is stored on the server, not in the session cookie
def two_factor_setup():
    """Staff and admin enrol an authenticator app before their first session."""
    user = _pending_user()
    if user is None or user.totp_secret:
        return redirect(url_for("auth.login"), 303)
    if not user.totp_pending_secret:
        user.totp_pending_secret = security.new_totp_secret()
        db.session.commit()
    secret = user.totp_pending_secret
    form = TwoFactorSetupForm()
    if form.validate_on_submit():
        if pyotp.TOTP(secret).verify(form.code.data.strip(), valid_window=1):
            codes = security.enrol_totp(user, secret)
            security.verify_totp(user, form.code.data.strip())  # this code is now used
            start_session(user)
            audit.record(user, "2fa_enrol", "user", user.id)
            audit.record(user, "login", "user", user.id)
            db.session.commit()
            return render("auth/recovery_codes.html", codes=codes)
        add_error(form.code, _("Kode tidak cocok. Pastikan jam HP benar lalu coba lagi."))
    return render("auth/two_factor_setup.html", form=form, secret=secret,
                  uri=security.provisioning_uri(user, secret), status=form_status(form))


@bp.route("/account/password", methods=["GET", "POST"])
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not services.check_password(current_user.password_hash, form.current_password.data):
            audit.record(current_user, "password_change_failed", "user", current_user.id)
            db.session.commit()
            add_error(form.current_password, _("Kata sandi sekarang salah."))
        else:
            user = current_user._get_current_object()
            user.password_hash = services.hash_password(form.password.data)
            user.must_change_password = False
            services.end_sessions(user)  # other devices are logged out
            start_session(user)
            audit.record(user, "password_change", "user", user.id)
            db.session.commit()
            flash(_("Kata sandi diganti. Sesi di perangkat lain sudah diakhiri."))
            return redirect(home_url_for(user), 303)
    return render("auth/change_password.html", form=form, status=form_status(form))


@bp.post("/logout")
def logout():
    services.end_sessions(current_user)
    audit.record(current_user, "logout", "user", current_user.id)
    db.session.commit()
    logout_user()
    flash(_("Anda sudah keluar."))
    return redirect(url_for("auth.login"), 303)


@bp.get("/register")
@public
def register_choose():
    kelurahan = db.session.scalars(select(Kelurahan).order_by(Kelurahan.name)).all()
    return render("auth/register_choose.html", kelurahan=kelurahan)


def _registration_throttled(form, field) -> bool:
    """Self-registration per address is limited (shared across processes); say so at the field."""
    if request.method != "POST":
        return False
    key = throttle.pair_key("register")
    if security.limit_reached(key, current_app.config["REGISTER_MAX_PER_WINDOW"]):
        add_error(field, _("Terlalu banyak pendaftaran dari alamat ini. Coba lagi dalam %(s)d detik.",
                              s=security.seconds_left(key)))
        return True
    security.count_hit(key, 3600)
    db.session.commit()
    return False


def _taken_refused(field, taken) -> int | None:
    """A NIK, phone or email already registered gets the same answer as every such refusal, and
    few of them per address a day, so that nobody can test the city's register from outside.
    Returns the status to answer with, or None when nothing is taken."""
    key = throttle.pair_key("register-refused")
    if security.limit_reached(key, current_app.config["REGISTER_MAX_REFUSALS_PER_DAY"]):
        add_error(field, _("Terlalu banyak pendaftaran dari alamat ini. Coba lagi dalam %(s)d detik.",
                           s=security.seconds_left(key)))
        return 429
    if not taken():
        return None
    security.count_hit(key, 24 * 3600)
    db.session.commit()
    add_error(field, _("Pendaftaran dengan data ini tidak dapat diproses secara daring. Silakan datang ke "
                       "kantor kelurahan dengan membawa KTP; petugas akan membantu."))
    return 422


@bp.route("/register/<int:kelurahan_id>", methods=["GET", "POST"])
@public
def register(kelurahan_id: int):
    kelurahan = get_or_404(Kelurahan, kelurahan_id)
    form = SeekerRegistrationForm()
    set_rw_choices(form, kelurahan)
    if _registration_throttled(form, form.full_name):
        return render("auth/register.html", form=form, kelurahan=kelurahan, status=429)
    if form.validate_on_submit():
        refused = _taken_refused(form.full_name, lambda: nik_taken(form.nik.data)
                                 or services.login_taken(form.email.data, form.phone.data))
        if refused:
            return render("auth/register.html", form=form, kelurahan=kelurahan, status=refused)
        user = services.create_user(role=Role.SEEKER, password=form.password.data, email=form.email.data or None,
                                    phone=form.phone.data or None, name=form.full_name.data,
                                    kelurahan_id=kelurahan.id)
        seeker = create_seeker(form.data, kelurahan, user=user)
        audit.record(user, "create", "user", user.id, f"{Role.SEEKER}; self-registration; seeker {seeker.id}")
        refresh_seeker(seeker)
        start_session(user)
        db.session.commit()
        flash(_("Pendaftaran berhasil. Petugas kelurahan akan memverifikasi data Anda."))
        # From "Saya berminat" on the public board: back to the vacancy (a path on this site only).
        return redirect(_safe_next(request.args.get("next")) or url_for("seekers.home"), 303)
    return render("auth/register.html", form=form, kelurahan=kelurahan, status=form_status(form))


@bp.route("/register/employer", methods=["GET", "POST"])
@public
def register_employer():
    form = EmployerRegistrationForm()
    form.kelurahan_id.choices = [(0, _("— di luar daftar —"))] + [
        (k.id, f"{k.name}, {k.kecamatan}") for k in db.session.scalars(select(Kelurahan).order_by(Kelurahan.name))
    ]
    if _registration_throttled(form, form.company_name):
        return render("auth/register_employer.html", form=form, status=429)
    if form.validate_on_submit():
        refused = _taken_refused(form.company_name, lambda: services.login_taken(form.email.data, form.phone.data))
        if refused:
            return render("auth/register_employer.html", form=form, status=refused)
        user = services.register_employer(
            company_name=form.company_name.data, kbli_code=form.kbli_code.data, address=form.address.data,
            kelurahan_id=form.kelurahan_id.data or None, contact_name=form.contact_name.data,
            email=form.email.data, phone=form.phone.data, password=form.password.data,
        )
        audit.record(user, "create", "user", user.id, f"{Role.EMPLOYER}; self-registration; company {user.company_id}")
        start_session(user)
        db.session.commit()
        flash(_("Akun perusahaan dibuat. Lowongan Anda tampil setelah petugas memverifikasi perusahaan."))
        return redirect(url_for("employers.home"), 303)
    return render("auth/register_employer.html", form=form, status=form_status(form))


@bp.route("/claim", methods=["GET", "POST"])
@public
def claim():
    form = ClaimForm()
    if form.validate_on_submit():
        key, account = throttle.pair_key("claim"), "claim:" + throttle.login_id(form.login.data)
        wait = (security.seconds_left(key) if security.limit_reached(key, current_app.config["LOGIN_MAX_FAILURES"])
                else throttle.account_wait(account))
        if wait:
            add_error(form.code, _("Terlalu banyak percobaan. Coba lagi dalam %(s)d detik.", s=wait))
            return render("auth/claim.html", form=form, status=429, hours=current_app.config["CLAIM_CODE_HOURS"])
        user = services.claim_account(form.login.data, form.code.data, form.password.data)
        if user is None:
            security.count_hit(key, current_app.config["LOGIN_WINDOW_SECONDS"])
            throttle.account_failed(account)
            _record_failure("claim_failed", form.login.data)
            db.session.commit()
        if user is not None and security.needs_two_factor(user):
            abort(404)  # claim codes are for residents
        if user is not None:
            start_session(user)
            audit.record(user, "password_reset", "user", user.id, "claim code")
            db.session.commit()
            flash(_("Kata sandi tersimpan. Selamat datang di LokerWarga."))
            return redirect(home_url_for(user), 303)
        add_error(form.code, _("Kode klaim salah atau sudah kedaluwarsa. Minta kode baru ke petugas."))
    return render("auth/claim.html", form=form, status=form_status(form),
                  hours=current_app.config["CLAIM_CODE_HOURS"])


@bp.get("/privacy")
@public
def privacy():
    return render("auth/privacy.html")
