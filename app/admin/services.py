"""Kelurahan settings, staff accounts and ranking model versions."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from ..core import labels
from ..core.web import datetime_id
from ..extensions import db
from ..models import Breach, Kelurahan, RankingModel, Role, User

KELURAHAN_FIELDS = ("code", "name", "kecamatan", "kota", "provinsi", "rw_list", "letter_code", "address", "lurah_name",
                    "lurah_nip")


def save_kelurahan(kelurahan: Kelurahan | None, data: dict) -> Kelurahan:
    if kelurahan is None:
        kelurahan = Kelurahan()
        db.session.add(kelurahan)
    for name in KELURAHAN_FIELDS:
        setattr(kelurahan, name, data.get(name) or ([] if name == "rw_list" else ""))
    db.session.flush()
    return kelurahan


def code_taken(code: str, exclude_id: int | None) -> bool:
    query = select(Kelurahan.id).where(Kelurahan.code == code)
    if exclude_id:
        query = query.where(Kelurahan.id != exclude_id)
    return db.session.scalar(query) is not None


def letter_code_taken(letter_code: str, code: str, exclude_id: int | None) -> bool:
    """Whether another kelurahan prints the same code in its letter numbers (its letter code,
    or its area code when it has none): the numbers of the two would collide."""
    effective = letter_code or code
    others = select(Kelurahan).where(Kelurahan.id != exclude_id) if exclude_id else select(Kelurahan)
    return any((other.letter_code or other.code) == effective for other in db.session.scalars(others))


def activate_model(model: RankingModel) -> None:
    db.session.execute(update(RankingModel).values(active=False))
    model.active = True
    db.session.flush()


# --- lists as downloads (app/core/exports.py) -------------------------------------------------
# Each admin list page and its export share the query below; the table functions give the columns
# the page shows (action buttons left out), as text, in the page's order.

def staff_accounts() -> list:
    """Accounts of staff, admin and city officials (admin.staff)."""
    return db.session.scalars(select(User).where(User.role.in_((Role.STAFF, Role.ADMIN, Role.CITY)))
                              .options(selectinload(User.kelurahan)).order_by(User.role, User.name)).all()


def staff_table(accounts: list) -> tuple[list[str], list[list[str]]]:
    header = [_("Nama"), _("Email"), _("Peran"), _("Kelurahan")]
    return header, [[u.name, u.email or "", str(labels.ROLE.get(u.role, u.role)), u.kelurahan.name if u.kelurahan else "–"] for u in accounts]


def kelurahan_rows() -> list[Kelurahan]:
    """Every kelurahan by city, district and name (admin.kelurahan_list)."""
    return db.session.scalars(select(Kelurahan).order_by(Kelurahan.kota, Kelurahan.kecamatan, Kelurahan.name)).all()


def kelurahan_table(rows: list[Kelurahan]) -> tuple[list[str], list[list[object]]]:
    header = [_("Kode"), _("Nama"), _("Kecamatan"), _("Kota"), "RW"]
    return header, [[k.code, k.name, k.kecamatan, k.kota, len(k.rw_list or [])] for k in rows]


AUDIT_FILTERS = ("actor", "action", "object_type")
AUDIT_SHOWN = 200  # entries on the page; the export has every match (up to exports.MAX_ROWS)


def audit_filters(args) -> dict[str, str]:
    """The audit log's search fields from the query string (admin.audit_log)."""
    return {k: (args.get(k) or "").strip()[:80] for k in AUDIT_FILTERS}


def audit_table(rows: list) -> tuple[list[str], list[list[str]]]:
    """Rows of privacy.search_audit: (entry, user)."""
    header = [_("Waktu"), _("Pelaku"), _("Aksi"), _("Objek"), _("Alamat IP"), _("Keterangan")]
    return header, [[datetime_id(entry.at), (user.email or user.name) if user else "–",
                     str(labels.AUDIT_ACTION.get(entry.action, entry.action)),
                     f"{labels.AUDIT_OBJECT.get(entry.object_type, entry.object_type)} #{entry.object_id}",
                     entry.ip, entry.detail] for entry, user in rows]


def breach_rows() -> list:
    """The breach register, latest discovery first (admin.breaches)."""
    return db.session.scalars(select(Breach).order_by(Breach.discovered_at.desc())).all()


def breach_table(rows: list) -> tuple[list[str], list[list[object]]]:
    header = [_("Diketahui pada (WIB)"), _("Jumlah orang terdampak"), _("Apa yang terjadi"), _("Data yang terdampak"),
              _("Pemberitahuan")]
    return header, [[datetime_id(b.discovered_at), b.people_affected, b.description, b.data_affected,
                     _("diberitahukan %(t)s", t=datetime_id(b.notified_at)) if b.notified_at
                     else _("beri tahu sebelum %(t)s", t=datetime_id(b.notify_by))] for b in rows]


def model_versions() -> list[RankingModel]:
    """Trained ranking model versions, latest first (admin.home, "Model pencocokan")."""
    return db.session.scalars(select(RankingModel).order_by(RankingModel.trained_at.desc())).all()


def model_table(models: list[RankingModel]) -> tuple[list[str], list[list[object]]]:
    header = [_("Versi"), _("Dilatih"), _("Data umpan balik"), _("Status")]
    return header, [[m.version, datetime_id(m.trained_at), m.n_feedback, _("aktif") if m.active else "–"]
                    for m in models]


STAFF_ROLES = (Role.STAFF, Role.ADMIN, Role.CITY)


def update_account(account: User, *, name: str, email: str, role: str, kelurahan_id: int | None) -> list[str]:
    """Change a staff, admin or city account; returns the names of the fields changed. A new role,
    kelurahan or email ends the account's sessions (what it may see has changed)."""
    values = {"name": name, "email": email.lower(), "role": role, "kelurahan_id": kelurahan_id or None}
    changed = [field for field, value in values.items() if getattr(account, field) != value]
    for field in changed:
        setattr(account, field, values[field])
    if set(changed) & {"email", "role", "kelurahan_id"}:
        account.session_version += 1
    db.session.flush()
    return changed


def account_action(account: User, action: str) -> None:
    """deactivate (sessions end), reactivate, or reset-2fa (enrol again at the next log-in)."""
    if action == "deactivate":
        account.active = False
    elif action == "reactivate":
        account.active = True
    elif action == "reset-2fa":
        account.totp_secret = None
        account.totp_pending_secret = None
        account.totp_last_step = 0
        account.recovery_codes = []
    else:
        raise ValueError(action)
    if action != "reactivate":
        account.session_version += 1
    db.session.flush()
