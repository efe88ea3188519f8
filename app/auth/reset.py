"""Password reset by emailed link: the request (the same answer whether or not the account
exists, throttled) and the new password. Views of the auth blueprint (routes.py)."""
from flask import current_app, flash, redirect, url_for
from flask_babel import gettext as _

from ..core import audit
from ..core.access import public
from ..core.forms import add_error
from ..core.links import external_url
from ..core.outbox import queue_email
from ..core.web import form_status, render
from ..extensions import db
from . import security, services, throttle
from .forms import ResetPasswordForm, ResetRequestForm
from .routes import bp


@bp.route("/reset", methods=["GET", "POST"])
@public
def reset_request():
    """The answer is the same whether or not the account exists."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        key = throttle.pair_key("reset")
        if security.limit_reached(key, current_app.config["LOGIN_MAX_FAILURES"]):
            add_error(form.login, _("Terlalu banyak percobaan. Coba lagi dalam %(s)d detik.", s=security.seconds_left(key)))
            return render("auth/reset_request.html", form=form, status=429)
        security.count_hit(key, current_app.config["LOGIN_WINDOW_SECONDS"])
        user = services.find_user_by_login(form.login.data)
        if user is not None:
            audit.record(None, "reset_request", "user", user.id)
        if user is not None and user.active and user.email:
            link = external_url("auth.reset_password", token=services.reset_token(user))
            queue_email(user.email, _("Atur ulang kata sandi LokerWarga"),
                        _("Buka tautan ini dalam 1 jam untuk membuat kata sandi baru: %(link)s\n"
                          "Abaikan pesan ini jika Anda tidak memintanya.", link=link))
        db.session.commit()
        flash(_("Jika email itu terdaftar, tautan untuk membuat kata sandi baru sudah dikirim. Warga yang mendaftar dengan No. HP dapat meminta kode klaim baru ke petugas kelurahan."))
        return redirect(url_for("auth.login"), 303)
    return render("auth/reset_request.html", form=form, status=form_status(form))


@bp.route("/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    user = services.user_for_reset_token(token)
    if user is None:
        flash(_("Tautan sudah kedaluwarsa atau sudah dipakai. Minta tautan baru."), "error")
        return redirect(url_for("auth.reset_request"), 303)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        user.password_hash = services.hash_password(form.password.data)
        user.must_change_password = False
        services.end_sessions(user)
        audit.record(user, "password_reset", "user", user.id, "email link")
        db.session.commit()
        flash(_("Kata sandi baru tersimpan. Silakan masuk."))
        return redirect(url_for("auth.login"), 303)
    return render("auth/reset_password.html", form=form, token=token, status=form_status(form))
