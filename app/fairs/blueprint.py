"""The fairs blueprint: staff run a fair (/staff/bursa), companies join it and keep a booth
(/employer/bursa), residents hold a pass (/me/bursa), and the public board shows it
(/lowongan/bursa). Staff by default; each view open to another role says so."""
from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from ..core.access import guard
from ..core.web import get_or_404
from ..models import Company, Fair, FairCompany, Role
from . import services

bp = Blueprint("fairs", __name__)
guard(bp, {Role.STAFF})


def staff_fair(fair_id: int) -> Fair:
    """A fair of the staff member's kelurahan (others do not exist for them)."""
    fair = get_or_404(Fair, fair_id)
    if current_user.kelurahan_id is None or fair.kelurahan_id != current_user.kelurahan_id:
        abort(404)
    return fair


def company_fair(fair_id: int) -> tuple[Fair, Company, FairCompany]:
    """A fair the signed-in employer's company is invited to (others: 404)."""
    company = current_user.company
    if company is None:
        abort(404)
    fair = get_or_404(Fair, fair_id)
    row = services.participation(fair, company)
    if row is None:
        abort(404)
    return fair, company, row
