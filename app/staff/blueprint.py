"""The staff blueprint, and what its views (routes.py, suggestions.py, exports.py) share: the
staff member's kelurahan and the residents in it, and the filters of the resident list."""
from __future__ import annotations

from flask import Blueprint, abort, request
from flask_login import current_user

from ..core.access import guard
from ..core.web import get_or_404
from ..models import Role, SeekerProfile
from . import services

bp = Blueprint("staff", __name__, url_prefix="/staff")
guard(bp, {Role.STAFF})


def staff_kelurahan_id() -> int:
    if current_user.kelurahan_id is None:
        abort(403)
    return current_user.kelurahan_id


def own_seeker(seeker_id: int) -> SeekerProfile:
    seeker = get_or_404(SeekerProfile, seeker_id)
    if seeker.kelurahan_id != staff_kelurahan_id():
        abort(404)  # residents of other kelurahan do not exist for this staff member
    return seeker


def seeker_filters() -> services.SeekerFilters:
    args = request.args
    return services.SeekerFilters(
        q=services.search_text(args.get("q", "")), education=args.get("education", "")[:4],
        rw=args.get("rw", "")[:3], skill=services.search_text(args.get("skill", "")),
        status=args.get("status", "")[:12], verified=args.get("verified", "")[:3],
    )
