from flask import Blueprint
from flask_login import current_user

from ..models import Role
from ..web import render, roles_required
from . import services

bp = Blueprint("reports", __name__, url_prefix="/reports")


@bp.get("/")
@roles_required(Role.STAFF, Role.ADMIN, Role.CITY)
def dashboard():
    kelurahan = current_user.kelurahan if current_user.role == Role.STAFF else None
    figures = services.dashboard(kelurahan.id if kelurahan else None)
    return render("reports/dashboard.html", kelurahan=kelurahan, **figures)
