"""Log-in throttling, kept in the rate_limit table so that every server process sees it.

Three limits, each answered with 429 and the seconds to wait:
- per account and address: LOGIN_MAX_FAILURES failures within LOGIN_WINDOW_SECONDS;
- per account, whatever the address: after LOGIN_ACCOUNT_FREE_FAILURES failures in a day, every
  further attempt waits a delay that doubles with each failure, up to LOGIN_ACCOUNT_MAX_DELAY.
  It is never a lock-out an attacker can keep up: a browser that has signed in to the account
  before carries a signed known-device cookie and is not delayed, and the delay always ends;
- per address, across accounts (password spraying): LOGIN_ADDRESS_MAX_FAILURES failures within
  LOGIN_ADDRESS_WINDOW_SECONDS.
Keys hold keyed hashes of logins, never the login itself."""
from __future__ import annotations

import datetime as dt

from flask import Response, current_app, request
from itsdangerous import BadData, URLSafeTimedSerializer

from ..core.crypto import keyed_hash
from ..core.forms import normalise_phone
from ..core.timeutil import utcnow
from ..extensions import db
from ..models import RateLimit
from . import security

DEVICE_COOKIE = "lw_device"
DEVICE_DAYS = 180
DEVICE_ACCOUNTS_KEPT = 5  # a family phone signs in to a few accounts
ACCOUNT_MEMORY_SECONDS = 24 * 3600


def login_id(login: str) -> str:
    """One pseudonym per account, however the login is written (08…, +62 8…, 62-8…)."""
    login = (login or "").strip().lower()
    if login and "@" not in login:
        login = normalise_phone(login)
    return keyed_hash(login[:120], "login")


def pair_key(prefix: str, login: str = "") -> str:
    """One key per account and address (or per address alone, without a login)."""
    return f"{prefix}:{login_id(login) if login else ''}:{_address_id()}"


def _address_id() -> str:
    return keyed_hash(request.remote_addr or "", "address")


def _address_key() -> str:
    return f"addr:{_address_id()}"


# --- per account, whatever the address: a growing delay ---

def account_wait(account: str) -> int:
    """Seconds before `account` (a login pseudonym, or "2fa:<id>") may be tried again."""
    row = db.session.get(RateLimit, f"wait:{account}")
    if row is None or row.window_ends_at <= utcnow():
        return 0
    return security.seconds_left(row.key)


def account_failed(account: str) -> None:
    security.count_hit(f"acct:{account}", ACCOUNT_MEMORY_SECONDS)
    failures = db.session.get(RateLimit, f"acct:{account}").count
    free = current_app.config["LOGIN_ACCOUNT_FREE_FAILURES"]
    if failures < free:
        return
    delay = min(2 ** (failures - free), current_app.config["LOGIN_ACCOUNT_MAX_DELAY"])
    ends = utcnow() + dt.timedelta(seconds=delay)
    gate = db.session.get(RateLimit, f"wait:{account}", with_for_update=True)
    if gate is None:
        db.session.add(RateLimit(key=f"wait:{account}", count=failures, window_ends_at=ends))
    else:
        gate.count, gate.window_ends_at = failures, ends
    db.session.flush()


def account_cleared(account: str) -> None:
    security.clear_hits(f"acct:{account}")
    security.clear_hits(f"wait:{account}")


# --- known devices ---

def _device_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="known-device")


def _device_accounts() -> list[str]:
    value = request.cookies.get(DEVICE_COOKIE)
    if not value:
        return []
    try:
        accounts = _device_serializer().loads(value, max_age=DEVICE_DAYS * 24 * 3600)
    except BadData:
        return []
    return [a for a in accounts if isinstance(a, str)] if isinstance(accounts, list) else []


def remember_device(response: Response, login: str) -> Response:
    account = login_id(login)
    accounts = [account] + [a for a in _device_accounts() if a != account]
    response.set_cookie(DEVICE_COOKIE, _device_serializer().dumps(accounts[:DEVICE_ACCOUNTS_KEPT]),
                        max_age=DEVICE_DAYS * 24 * 3600, httponly=True, samesite="Lax",
                        secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")) or request.is_secure)
    return response


# --- the log-in form ---

def login_refused(login: str) -> int:
    """Seconds the person must wait before this password is checked (0: check it now)."""
    config = current_app.config
    pair = pair_key("login", login)
    if security.limit_reached(pair, config["LOGIN_MAX_FAILURES"]):
        return security.seconds_left(pair)
    address = _address_key()
    if security.limit_reached(address, config["LOGIN_ADDRESS_MAX_FAILURES"]):
        return security.seconds_left(address)
    if login_id(login) in _device_accounts():
        return 0
    return account_wait(login_id(login))


def login_failed(login: str) -> None:
    security.count_hit(pair_key("login", login), current_app.config["LOGIN_WINDOW_SECONDS"])
    security.count_hit(_address_key(), current_app.config["LOGIN_ADDRESS_WINDOW_SECONDS"])
    account_failed(login_id(login))


def login_succeeded(login: str) -> None:
    security.clear_hits(pair_key("login", login))
    account_cleared(login_id(login))
