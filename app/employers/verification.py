"""Who verifies a company: the staff of the kelurahan of its address; admin for a company whose
address lies in no kelurahan of this deployment. Staff of another kelurahan do not see the
company's verification at all (404), and staff never take admin's part (403)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core import audit
from ..core.access import guard
from ..core.timeutil import utcnow
from ..core.web import get_or_404, render
from ..extensions import db
from ..models import Company, Role, User
from ..ranking import refresh_vacancy

bp = Blueprint("company_verification", __name__, url_prefix="/admin/companies")
guard(bp, {Role.ADMIN})


def may_verify(company: Company, user: User) -> bool:
    if company.kelurahan_id is None:
        return user.role == Role.ADMIN
    return user.role == Role.STAFF and user.kelurahan_id == company.kelurahan_id


def company_to_verify(company_id: int, user: User) -> Company:
    """The company ``user`` may verify or reject, or the request ends (404 or 403)."""
    company = get_or_404(Company, company_id)
    if not may_verify(company, user):
        abort(403 if company.kelurahan_id is None or user.role == Role.ADMIN else 404)
    return company


def set_status(company: Company, status: str, actor: User) -> None:
    company.status = status
    company.verified_at = utcnow() if status == "verified" else None
    company.verified_by_id = actor.id
    for vacancy in company.vacancies:
        if vacancy.status == "open":
            refresh_vacancy(vacancy)
    db.session.flush()


@bp.get("")
def companies():
    rows = db.session.scalars(select(Company).where(Company.kelurahan_id.is_(None))
                              .order_by(Company.status != "pending", Company.name)).all()
    return render("admin/companies.html", companies=rows)


@bp.post("/<int:company_id>/<any(verify, reject):action>")
def company_status(company_id: int, action: str):
    company = company_to_verify(company_id, current_user)
    set_status(company, "verified" if action == "verify" else "rejected", current_user)
    audit.record(current_user, action, "company", company.id)
    db.session.commit()
    flash(_("Perusahaan %(name)s terverifikasi.", name=company.name) if action == "verify"
          else _("Perusahaan %(name)s ditolak.", name=company.name))
    return redirect(url_for("company_verification.companies"), 303)
