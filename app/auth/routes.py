from flask import Blueprint, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select

from ..extensions import db
from ..forms import set_rw_choices
from ..models import Company, Kelurahan, Role, Vacancy
from ..seekers.services import create_seeker, nik_taken
from ..web import get_or_404, home_url_for, render
from . import services
from .forms import ClaimForm, EmployerRegistrationForm, LoginForm, SeekerRegistrationForm

bp = Blueprint("auth", __name__)


def _status(form) -> int:
    return 422 if request.method == "POST" and form.errors else 200


def _safe_next(target: str | None) -> str | None:
    # Only same-site paths: never redirect off the intranet.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return None


@bp.get("/")
def index():
    if current_user.is_authenticated:
        return redirect(home_url_for(current_user))
    open_count = db.session.scalar(
        select(func.count()).select_from(Vacancy).join(Company)
        .where(Vacancy.status == "open", Company.status == "verified")
    )
    kelurahan = db.session.scalars(select(Kelurahan).order_by(Kelurahan.name)).all()
    return render("auth/index.html", open_count=open_count or 0, kelurahan=kelurahan)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_url_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.login.data, form.password.data)
        if user is not None:
            login_user(user)
            db.session.commit()
            return redirect(_safe_next(request.args.get("next")) or home_url_for(user), 303)
        form.password.errors.append(_("Email/No. HP atau kata sandi salah."))
    return render("auth/login.html", form=form, status=_status(form))


@bp.post("/logout")
@login_required
def logout():
    services.end_sessions(current_user)
    db.session.commit()
    logout_user()
    flash(_("Anda sudah keluar."))
    return redirect(url_for("auth.login"), 303)


@bp.get("/register")
def register_choose():
    kelurahan = db.session.scalars(select(Kelurahan).order_by(Kelurahan.name)).all()
    return render("auth/register_choose.html", kelurahan=kelurahan)


@bp.route("/register/<int:kelurahan_id>", methods=["GET", "POST"])
def register(kelurahan_id: int):
    kelurahan = get_or_404(Kelurahan, kelurahan_id)
    form = SeekerRegistrationForm()
    set_rw_choices(form, kelurahan)
    if form.validate_on_submit():
        if nik_taken(form.nik.data):
            form.nik.errors.append(_("NIK ini sudah terdaftar. Jika ini NIK Anda, hubungi petugas kelurahan."))
        elif services.login_taken(form.email.data, form.phone.data):
            form.phone.errors.append(_("Email atau No. HP ini sudah dipakai akun lain."))
        else:
            user = services.create_user(role=Role.SEEKER, password=form.password.data, email=form.email.data or None,
                                        phone=form.phone.data or None, name=form.full_name.data,
                                        kelurahan_id=kelurahan.id)
            seeker = create_seeker(form.data, kelurahan, user=user)
            from ..ranking import refresh_seeker

            refresh_seeker(seeker)
            db.session.commit()
            login_user(user)
            flash(_("Pendaftaran berhasil. Petugas kelurahan akan memverifikasi data Anda."))
            return redirect(url_for("seekers.home"), 303)
    return render("auth/register.html", form=form, kelurahan=kelurahan, status=_status(form))


@bp.route("/register/employer", methods=["GET", "POST"])
def register_employer():
    form = EmployerRegistrationForm()
    form.kelurahan_id.choices = [(0, _("— di luar daftar —"))] + [
        (k.id, f"{k.name}, {k.kecamatan}") for k in db.session.scalars(select(Kelurahan).order_by(Kelurahan.name))
    ]
    if form.validate_on_submit():
        if services.login_taken(form.email.data, form.phone.data):
            form.email.errors.append(_("Email atau No. HP ini sudah dipakai akun lain."))
        else:
            user = services.register_employer(
                company_name=form.company_name.data, kbli_code=form.kbli_code.data, address=form.address.data,
                kelurahan_id=form.kelurahan_id.data or None, contact_name=form.contact_name.data,
                email=form.email.data, phone=form.phone.data, password=form.password.data,
            )
            db.session.commit()
            login_user(user)
            flash(_("Akun perusahaan dibuat. Lowongan Anda tampil setelah petugas memverifikasi perusahaan."))
            return redirect(url_for("employers.home"), 303)
    return render("auth/register_employer.html", form=form, status=_status(form))


@bp.route("/claim", methods=["GET", "POST"])
def claim():
    form = ClaimForm()
    if form.validate_on_submit():
        user = services.claim_account(form.login.data, form.code.data, form.password.data)
        if user is not None:
            db.session.commit()
            login_user(user)
            flash(_("Kata sandi tersimpan. Selamat datang di LokerWarga."))
            return redirect(home_url_for(user), 303)
        form.code.errors.append(_("Kode klaim salah atau sudah kedaluwarsa. Minta kode baru ke petugas."))
    return render("auth/claim.html", form=form, status=_status(form),
                  hours=current_app.config["CLAIM_CODE_HOURS"])


@bp.get("/privacy")
def privacy():
    return render("auth/privacy.html")
