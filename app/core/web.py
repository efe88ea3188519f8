"""Cross-cutting web concerns: rendering pages and htmx fragments, access checks,
security headers, error pages, template filters."""
from __future__ import annotations

import base64
import datetime as dt
import io
import re
import time
from functools import cache, lru_cache

import qrcode.image.svg
from babel import numbers as babel_numbers
from flask import (
    Flask,
    abort,
    current_app,
    flash,
    has_app_context,
    has_request_context,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_babel import format_date, format_datetime, get_locale, get_timezone
from flask_babel import gettext as _
from flask_login import current_user, logout_user
from flask_wtf.csrf import CSRFError
from jinja2_fragments.flask import render_block
from sqlalchemy import bindparam, literal_column, select
from sqlalchemy.orm import joinedload, load_only
from werkzeug.datastructures import ImmutableMultiDict

from ..extensions import db, login_manager
from ..jobs.health import report as background_work_report
from ..models import Kelurahan, Role, User
from ..vacancies.flags import text_flags, wording_fingerprint
from ..vacancies.licences import licence_names
from ..vacancies.wages import below_umk
from . import labels
from .access import public
from .addresses import seeker_address
from .nik import mask_nik

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; object-src 'none'"
)


SEEN_AT_STEP = 30  # seconds: how finely the idle time-out is kept


def is_fragment_request() -> bool:
    """An htmx request that wants a part of the page, not a boosted navigation or history restore."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-Boosted") != "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
    )


def render(template: str, block: str | None = None, status: int = 200, **context):
    """The whole page, or only `block` of the same template for an htmx request."""
    if block and is_fragment_request():
        body = render_block(template, block, **context)
    else:
        body = render_template(template, **context)
    return body, status


def form_status(*forms) -> int:
    """422 for a form sent back with errors, 200 otherwise."""
    return 422 if request.method == "POST" and any(f.errors for f in forms) else 200


ID_RE = re.compile(r"[0-9]{1,19}")
MAX_ID = 2**63 - 1  # the largest id a database column holds (as the app's <int:…> URL converter)


def parse_id(text: str | None) -> int | None:
    """A database id from request input: ASCII digits, 1 to MAX_ID; None for anything else
    (so neither int() nor the database ever sees "²", "1e3" or 10**20)."""
    value = (text or "").strip()
    if not ID_RE.fullmatch(value):
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def get_or_404(model, ident):
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    return obj


def select_locale() -> str:
    """The language of this request's pages, worked out once per request (Babel, the layout and
    every template ask for it)."""
    environ = request.environ
    lang = environ.get("lokerwarga.lang")
    if lang is None:
        lang = request.args.get("lang") or session.get("lang") or request.cookies.get("lang")
        if lang not in current_app.config["LANGUAGES"]:
            lang = current_app.config["BABEL_DEFAULT_LOCALE"]
        environ["lokerwarga.lang"] = lang
    return lang


@cache
def _user_statement():
    """Built once per process: a statement used again keeps its compiled form and cache key, which
    cost more than the query itself on every request.

    It reads the user's columns that pages use, with its company and kelurahan. The rest (the
    password and second-factor secrets, the dates) stays unread until a page asks for it, which
    loads it then: every request does not carry the account's secrets."""
    return (select(User).where(User.id == bindparam("user_id"))
            .options(load_only(User.id, User.email, User.phone, User.name, User.role, User.kelurahan_id,
                               User.company_id, User.active, User.session_version, User.must_change_password),
                     # whole: the employer pages use the company's details, staff pages the RW list
                     joinedload(User.company), joinedload(User.kelurahan))
            .execution_options(populate_existing=True))


@login_manager.user_loader
def load_user(token: str):
    user_id, _sep, version = token.partition(":")
    if not user_id.isdigit() or not version.isdigit():
        return None
    user = db.session.execute(_user_statement(), {"user_id": int(user_id)}).unique().scalar_one_or_none()
    if user is None or user.session_version != int(version):
        return None
    return user


def home_url_for(user) -> str:
    return url_for(
        {
            Role.SEEKER: "seekers.home",
            Role.EMPLOYER: "employers.home",
            Role.STAFF: "staff.queue",
            Role.ADMIN: "admin.home",
            Role.CITY: "reports.dashboard",
        }[user.role]
    )


@lru_cache(maxsize=4096)
def _rupiah(number: int, lang: str) -> str:
    return "Rp" + babel_numbers.format_decimal(number, format="#,##0", locale=lang)


def rupiah(value) -> str:
    """Money, one way per language, every page and text: "Rp4.500.000" in Indonesian,
    "Rp4,500,000" in English (whole rupiah, the language's digit grouping by Babel)."""
    if value is None or value == "":
        return "–"
    return _rupiah(int(round(float(value))), _language())


def _language() -> str:
    """The reader's language: the request's (or the one forced for a letter or a message); outside
    both (a job, the command line) the default."""
    if has_app_context():
        try:
            return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])
        except RuntimeError:  # an application context without a request: no reader to ask
            return current_app.config["BABEL_DEFAULT_LOCALE"]
    return "id"


def wage_range(low, high) -> str:
    """"Rp3.000.000 – Rp4.000.000", one figure when both ends agree or one is missing, "" for none."""
    ends = [v for v in (low, high) if v not in (None, "", 0)]
    if not ends:
        return ""
    if len(ends) == 1 or ends[0] == ends[1]:
        return rupiah(ends[0])
    return f"{rupiah(ends[0])} – {rupiah(ends[1])}"


@lru_cache(maxsize=8192)
def _formatted(value, fmt: str, with_time: bool, lang: str, timezone: str) -> str:
    # Babel's formatting is slow and pages show the same dates over and over; the language and
    # time zone are part of the key.
    return format_datetime(value, fmt) if with_time else format_date(value, fmt)


def _format(value, fmt: str, with_time: bool) -> str:
    timezone = str(get_timezone()) if with_time else ""  # a date has no time zone to convert to
    return _formatted(value, fmt, with_time, str(get_locale()), timezone)


def date_id(value, fmt: str = "d MMMM y") -> str:
    if value is None:
        return "–"
    return _format(value, fmt, isinstance(value, dt.datetime))


# One date and one time format per language: "18 November 2026, 10.00 WIB" (Indonesian writes
# hours with a dot), "18 November 2026, 10:00 WIB" (English).
TIME_PATTERN = {"id": "HH.mm", "en": "HH:mm"}


def datetime_id(value, zone: bool = True) -> str:
    """A moment in WIB; `zone=False` leaves out the " WIB" a sentence already says."""
    if value is None:
        return "–"
    text = _format(value, "d MMMM y, " + TIME_PATTERN.get(_language(), "HH:mm"), True)
    return text + " WIB" if zone else text


UNREAD_BODY_LIMIT = 64 * 1024 * 1024


def discard_request_body() -> None:
    """Read the rest of a refused upload before answering: a server that closes the connection
    with the body still arriving makes the browser show a broken connection instead of the 413
    page. Bodies over 64 MB are left unread (the connection closes: past any honest upload)."""
    length = request.content_length
    if length is None or length > UNREAD_BODY_LIMIT:
        return
    stream = request.environ.get("wsgi.input")
    if stream is None:
        return
    remaining = length
    try:
        while remaining > 0:
            chunk = stream.read(min(remaining, 65536))
            if not chunk:
                break
            remaining -= len(chunk)
    except OSError:  # the client gave up: nothing left to answer
        pass


def health():
    try:
        # A SELECT built by SQLAlchemy, not text(): that would count as a write (app/core/database.py),
        # and end the request in a rollback that drops the worker's prepared statements.
        db.session.execute(select(literal_column("1")))
        if current_app.config.get("DEMO_LOADING"):
            if db.session.scalar(select(Kelurahan.id).limit(1)) is None:
                return {"status": "loading"}, 503
    except Exception:  # any database failure means "not up"
        current_app.logger.exception("health check failed")
        return {"status": "unavailable"}, 503
    return background_work_report()  # the workers' heartbeat, queued work, locks held (app/jobs/health.py)


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, with the cookie marked Secure whenever the request came
    over HTTPS (directly, or through a proxy trusted with PROXY_FIX), not only when
    SESSION_COOKIE_SECURE says so: a setting cannot follow the request, and a Secure cookie set over
    plain HTTP (`make run`, a test client) would never be sent back. This is Flask's documented
    hook for the flag; everything else is Flask's default interface."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config.get("SESSION_COOKIE_SECURE")) or (has_request_context() and request.is_secure)


def qr_svg_data_uri(text: str) -> str:
    """A QR code as an SVG data URI: no image library, nothing loaded from elsewhere."""
    buffer = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2).save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def init_app(app: Flask) -> None:
    app.session_interface = SessionInterface()
    login_manager.login_view = "auth.login"
    login_manager.login_message = None
    app.add_url_rule("/healthz", "healthz", public(health))
    app.jinja_env.filters.update(
        rupiah=rupiah, wage_range=wage_range, date_id=date_id, datetime_id=datetime_id, mask_nik=mask_nik,
        address=seeker_address,
    )
    app.jinja_env.globals.update(labels=labels, home_url_for=home_url_for, Role=Role,
                                 is_fragment_request=is_fragment_request,
                                 qr_svg_data_uri=qr_svg_data_uri, vacancy_text_flags=text_flags,
                                 vacancy_below_umk=below_umk, wording_fingerprint=wording_fingerprint,
                                 licence_names=licence_names)
    app.jinja_env.add_extension("jinja2.ext.do")

    @app.before_request
    def drop_nul_characters():
        """A NUL character carries no meaning in a form and PostgreSQL cannot store it: drop it
        from every submitted value instead of failing deep in the database."""
        for name in ("args", "form"):
            values = getattr(request, name)
            if any("\x00" in v for v in values.values()) or any("\x00" in k for k in values.keys()):
                request.__dict__[name] = ImmutableMultiDict(
                    [(k.replace("\x00", ""), v.replace("\x00", "")) for k, v in values.items(multi=True)])

    @app.before_request
    def enforce_session_lifetime():
        """Idle and absolute time-outs; staff and admin sessions end after 30 idle minutes."""
        if request.endpoint == "static" or not current_user.is_authenticated:  # static: no user lookup
            return None

        now = int(time.time())
        idle = app.config["SESSION_IDLE_MINUTES"].get(current_user.role, 60) * 60
        absolute = app.config["SESSION_ABSOLUTE_HOURS"] * 3600
        seen, started = session.get("seen_at", 0), session.get("login_at", 0)
        if now - seen > idle or now - started > absolute:
            logout_user()
            session.clear()
            flash(_("Sesi Anda berakhir karena terlalu lama tidak aktif. Silakan masuk lagi."), "warning")
            return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
        if now - seen >= SEEN_AT_STEP:  # a cookie written on every request costs every request
            session["seen_at"] = now
        return None

    @app.before_request
    def remember_language():
        lang = request.args.get("lang")
        if lang in app.config["LANGUAGES"]:
            session["lang"] = lang

    @app.after_request
    def security_headers(response):
        response.headers["Content-Security-Policy"] = CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["X-Frame-Options"] = "DENY"
        response.vary.add("HX-Request")
        # static: no Vary: Cookie. The session, not current_user: after a commit the user row
        # would be loaded again just to answer this.
        if request.endpoint != "static" and (session.get("_user_id") or session.get("pending_user")):
            response.headers["Cache-Control"] = "no-store"
        return response

    def error_page(status: int, title: str, message: str):
        if request.path.startswith("/healthz"):
            return {"status": title}, status
        return render_template("error.html", status=status, title=title, message=message), status

    @app.errorhandler(CSRFError)
    def csrf_error(err):
        return error_page(400, _("Permintaan ditolak"), _("Formulir kedaluwarsa atau tidak sah. Muat ulang halaman lalu coba lagi."))

    @app.errorhandler(400)
    def bad_request(err):
        return error_page(400, _("Permintaan tidak valid"), _("Periksa kembali isian Anda."))

    @app.errorhandler(403)
    def forbidden(err):
        return error_page(403, _("Akses ditolak"), _("Anda tidak punya izin untuk membuka halaman ini."))

    @app.errorhandler(404)
    def not_found(err):
        return error_page(404, _("Tidak ditemukan"), _("Halaman atau data yang Anda cari tidak ada."))

    @app.errorhandler(405)
    def method_not_allowed(err):
        return error_page(405, _("Metode tidak diizinkan"), _("Aksi ini tidak bisa dilakukan dengan cara tersebut."))

    @app.errorhandler(413)
    def too_large(err):
        discard_request_body()
        return error_page(413, _("Berkas terlalu besar"), _("Kirim berkas yang lebih kecil (CV paling besar 2 MB)."))

    @app.errorhandler(500)
    def server_error(err):
        db.session.rollback()
        return error_page(500, _("Terjadi kesalahan"), _("Maaf, terjadi kesalahan di server. Petugas sudah diberi tahu."))

    @app.context_processor
    def inject_globals():
        return {"current_lang": select_locale()}

