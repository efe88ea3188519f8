from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from ..auth import services as auth_services
from ..extensions import db
from ..models import Company, Kelurahan, RankingModel, Role, SeekerProfile, User, Vacancy
from ..ranking import reset
from ..web import get_or_404, render, roles_required
from . import services
from .forms import KelurahanForm, StaffForm

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _status(form) -> int:
    return 422 if request.method == "POST" and form.errors else 200


@bp.get("/")
@roles_required(Role.ADMIN)
def home():
    counts = {
        "kelurahan": db.session.scalar(select(func.count()).select_from(Kelurahan)),
        "residents": db.session.scalar(select(func.count()).select_from(SeekerProfile)),
        "companies": db.session.scalar(select(func.count()).select_from(Company)),
        "vacancies": db.session.scalar(select(func.count()).select_from(Vacancy)),
        "staff": db.session.scalar(select(func.count()).select_from(User).where(User.role == Role.STAFF)),
    }
    models = db.session.scalars(select(RankingModel).order_by(RankingModel.trained_at.desc())).all()
    return render("admin/home.html", counts=counts, models=models)


@bp.route("/staff", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def staff():
    form = StaffForm()
    form.kelurahan_id.choices = [(0, _("— tanpa kelurahan —"))] + [
        (k.id, k.name) for k in db.session.scalars(select(Kelurahan).order_by(Kelurahan.name))]
    if form.validate_on_submit():
        if auth_services.login_taken(form.email.data, None):
            form.email.errors.append(_("Email ini sudah dipakai akun lain."))
        else:
            auth_services.create_user(role=form.role.data, password=form.password.data, email=form.email.data,
                                      name=form.name.data, kelurahan_id=form.kelurahan_id.data or None)
            db.session.commit()
            flash(_("Akun %(email)s dibuat.", email=form.email.data))
            return redirect(url_for("admin.staff"), 303)
    accounts = db.session.scalars(select(User).where(User.role.in_((Role.STAFF, Role.ADMIN, Role.CITY)))
                                  .order_by(User.role, User.name)).all()
    return render("admin/staff.html", form=form, accounts=accounts, status=_status(form))


@bp.get("/kelurahan")
@roles_required(Role.ADMIN)
def kelurahan_list():
    rows = db.session.scalars(select(Kelurahan).order_by(Kelurahan.kota, Kelurahan.kecamatan, Kelurahan.name)).all()
    return render("admin/kelurahan_list.html", rows=rows)


@bp.route("/kelurahan/new", methods=["GET", "POST"], defaults={"kelurahan_id": None})
@bp.route("/kelurahan/<int:kelurahan_id>", methods=["GET", "POST"])
@roles_required(Role.ADMIN)
def kelurahan_edit(kelurahan_id: int | None):
    kelurahan = get_or_404(Kelurahan, kelurahan_id) if kelurahan_id else None
    form = KelurahanForm(obj=kelurahan)
    if request.method == "GET" and kelurahan:
        form.rw_list.data = ", ".join(kelurahan.rw_list)
    if form.validate_on_submit():
        if services.code_taken(form.code.data, kelurahan_id):
            form.code.errors.append(_("Kode ini sudah dipakai kelurahan lain."))
        else:
            saved = services.save_kelurahan(kelurahan, form.data)
            reset()  # a new area changes what the ranking engine filters on
            db.session.commit()
            flash(_("Kelurahan %(name)s tersimpan.", name=saved.name))
            return redirect(url_for("admin.kelurahan_list"), 303)
    if isinstance(form.rw_list.data, list):
        form.rw_list.data = ", ".join(form.rw_list.data)
    return render("admin/kelurahan_form.html", form=form, kelurahan=kelurahan, status=_status(form))


@bp.post("/models/<int:model_id>/activate")
@roles_required(Role.ADMIN)
def activate_model(model_id: int):
    model = get_or_404(RankingModel, model_id)
    services.activate_model(model)
    db.session.commit()
    reset()
    flash(_("Model %(v)s aktif. Saran baru memakai model ini.", v=model.version))
    return redirect(url_for("admin.home"), 303)
