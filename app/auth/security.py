"""Account protections: password policy, shared rate limits, TOTP with recovery codes,
session lifetime."""
from __future__ import annotations

import datetime as dt
import secrets
from functools import lru_cache
from pathlib import Path

import pyotp
from flask import current_app, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import delete

from ..core.access import PUBLIC
from ..core.timeutil import utcnow
from ..extensions import db
from ..models import RateLimit, Role, User
from .services import check_password, hash_password

TWO_FACTOR_ROLES = frozenset({Role.STAFF, Role.ADMIN})


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    path = Path(__file__).resolve().parent.parent / "data" / "common_passwords.txt"
    return frozenset(line.strip().lower() for line in path.read_text().splitlines()
                     if line.strip() and not line.startswith("#"))


def password_is_common(password: str) -> bool:
    return password.strip().lower() in common_passwords()


# --- rate limits, kept in the database so that every server process sees the same counts ---

def limit_reached(key: str, maximum: int) -> bool:
    row = db.session.get(RateLimit, key)
    return row is not None and row.window_ends_at > utcnow() and row.count >= maximum


def seconds_left(key: str) -> int:
    row = db.session.get(RateLimit, key)
    if row is None:
        return 0
    return max(0, int((row.window_ends_at - utcnow()).total_seconds()) + 1)


def count_hit(key: str, window_seconds: int) -> None:
    now = utcnow()
    row = db.session.get(RateLimit, key, with_for_update=True)
    if row is None:
        db.session.add(RateLimit(key=key, count=1, window_ends_at=now + dt.timedelta(seconds=window_seconds)))
    elif row.window_ends_at <= now:
        row.count, row.window_ends_at = 1, now + dt.timedelta(seconds=window_seconds)
    else:
        row.count += 1
    db.session.flush()


def clear_hits(key: str) -> None:
    db.session.execute(delete(RateLimit).where(RateLimit.key == key))


def purge_expired_limits() -> None:
    db.session.execute(delete(RateLimit).where(RateLimit.window_ends_at < utcnow()))


# --- two-factor authentication ---

def needs_two_factor(user: User) -> bool:
    return user.role in TWO_FACTOR_ROLES


def new_totp_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email or user.phone or str(user.id),
                                               issuer_name=current_app.config["TOTP_ISSUER"])


def _matching_step(secret: str, code: str) -> int | None:
    """The time step a code belongs to (now, or one step either side for clock drift)."""
    totp = pyotp.TOTP(secret)
    now = utcnow()
    for drift in (0, -1, 1):
        at = now + dt.timedelta(seconds=30 * drift)
        if secrets.compare_digest(totp.at(at), code):
            return totp.timecode(at)
    return None


def verify_totp(user: User, code: str) -> bool:
    """Accept each code once per account, so a code seen over a shoulder cannot be replayed."""
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if not user.totp_secret or len(code) != 6:
        return False
    step = _matching_step(user.totp_secret, code)
    if step is None or step <= (user.totp_last_step or 0):
        return False
    user.totp_last_step = step
    db.session.flush()
    return True


def new_recovery_codes(user: User) -> list[str]:
    codes = ["-".join(secrets.token_hex(2) for _ in range(3)) for _ in range(10)]
    user.recovery_codes = [hash_password(code) for code in codes]
    db.session.flush()
    return codes


def use_recovery_code(user: User, code: str) -> bool:
    code = (code or "").strip().lower()
    for stored in list(user.recovery_codes or []):
        if check_password(stored, code):
            user.recovery_codes = [c for c in user.recovery_codes if c != stored]
            db.session.flush()
            return True
    return False


def enrol_totp(user: User, secret: str) -> list[str]:
    user.totp_secret = secret
    user.totp_pending_secret = None
    user.totp_last_step = 0
    return new_recovery_codes(user)


# Where an account that must choose its own password may still go.
FIRST_PASSWORD_ENDPOINTS = frozenset({"auth.change_password", "auth.logout", "static", "healthz"})


def password_change_first():
    """An account admin created must choose its own password before any signed-in page."""
    if (current_user.is_authenticated and current_user.must_change_password
            and request.endpoint not in FIRST_PASSWORD_ENDPOINTS
            and getattr(current_app.view_functions.get(request.endpoint), "allowed_roles", None) is not PUBLIC):
        return redirect(url_for("auth.change_password"), 303)
    return None


