"""Accounts: passwords, log-in look-up, registration, claim codes."""
from __future__ import annotations

import datetime as dt
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import or_, select

from ..core.forms import normalise_phone
from ..core.timeutil import utcnow
from ..extensions import db
from ..models import Company, Role, User

_hasher = PasswordHasher()
# Verified against when no account matches, so that timing does not tell whether one exists.
_DUMMY_HASH = _hasher.hash("lokerwarga-no-such-account")

CLAIM_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread at the counter


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def find_user_by_login(login: str) -> User | None:
    login = (login or "").strip()
    if not login:
        return None
    if "@" in login:
        return db.session.scalar(select(User).where(User.email == login.lower()))
    return db.session.scalar(select(User).where(User.phone == normalise_phone(login)))


def verify_login(login: str, password: str) -> tuple[int, str] | None:
    """The active account that the login and password name, as its id and the hash the password
    was checked against; only reads (the log-in checks it before taking the write lock)."""
    user = find_user_by_login(login)
    if not check_password(user.password_hash if user else None, password) or not user.active:
        return None
    return user.id, user.password_hash


def record_login(user_id: int, verified_hash: str) -> User | None:
    """The log-in of an account whose password verify_login accepted, read again where it is
    written: None when it was deactivated or its password changed since the check."""
    user = db.session.get(User, user_id)
    if user is None or not user.active or user.password_hash != verified_hash:
        return None
    user.last_login_at = utcnow()
    db.session.flush()
    return user


def authenticate(login: str, password: str) -> User | None:
    verified = verify_login(login, password)
    return record_login(*verified) if verified is not None else None


def login_taken(email: str | None, phone: str | None, exclude_id: int | None = None) -> bool:
    conditions = []
    if email:
        conditions.append(User.email == email.lower())
    if phone:
        conditions.append(User.phone == normalise_phone(phone))
    if not conditions:
        return False
    query = select(User.id).where(or_(*conditions))
    if exclude_id:
        query = query.where(User.id != exclude_id)
    return db.session.scalar(query.limit(1)) is not None


def create_user(*, role: str, password: str | None, email: str | None = None, phone: str | None = None,
                name: str = "", kelurahan_id: int | None = None, company_id: int | None = None) -> User:
    user = User(
        role=role,
        email=email.lower() if email else None,
        phone=normalise_phone(phone) if phone else None,
        name=name,
        password_hash=hash_password(password) if password else None,
        kelurahan_id=kelurahan_id,
        company_id=company_id,
    )
    db.session.add(user)
    db.session.flush()
    return user


def register_employer(*, company_name: str, kbli_code: str, address: str, kelurahan_id: int | None,
                      contact_name: str, email: str, phone: str | None, password: str) -> User:
    """A company waits for staff verification; its vacancies are hidden until then."""
    company = Company(
        name=company_name, kbli_code=kbli_code or "", address=address or "", kelurahan_id=kelurahan_id,
        contact_name=contact_name, contact_email=email.lower(), contact_phone=normalise_phone(phone) if phone else "",
        status="pending",
    )
    db.session.add(company)
    db.session.flush()
    return create_user(role=Role.EMPLOYER, password=password, email=email, phone=phone or None,
                       name=contact_name, company_id=company.id)


def issue_claim_code(user: User, hours: int) -> str:
    """A one-time code that lets a resident registered at the counter set a password."""
    code = "".join(secrets.choice(CLAIM_ALPHABET) for _ in range(8))
    user.claim_code_hash = hash_password(code)
    user.claim_expires_at = utcnow() + dt.timedelta(hours=hours)
    db.session.flush()
    return code


def claim_account(login: str, code: str, password: str) -> User | None:
    user = find_user_by_login(login)
    code = (code or "").strip().upper().replace("-", "").replace(" ", "")
    valid = (
        user is not None
        and user.claim_code_hash is not None
        and user.claim_expires_at is not None
        and user.claim_expires_at > utcnow()
        and check_password(user.claim_code_hash, code)
    )
    if not valid:
        return None
    user.password_hash = hash_password(password)
    user.must_change_password = False
    user.claim_code_hash = None
    user.claim_expires_at = None
    user.session_version += 1
    db.session.flush()
    return user


def end_sessions(user: User) -> None:
    """Every session cookie issued before this point stops working."""
    user.session_version += 1
    db.session.flush()


def reset_token(user: User) -> str:
    """Valid for an hour and only until the password changes (the hash is part of it)."""
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")
    return serializer.dumps({"u": user.id, "h": (user.password_hash or "")[-16:]})


def user_for_reset_token(token: str, max_age: int = 3600) -> User | None:
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")
    try:
        data = serializer.loads(token, max_age=max_age)
    except BadData:
        return None
    user = db.session.get(User, data.get("u"))
    if user is None or not user.active or (user.password_hash or "")[-16:] != data.get("h"):
        return None
    return user
