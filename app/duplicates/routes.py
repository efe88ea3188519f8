"""Staff (and admin) review residents registered twice: the suspected pairs, one pair side by side,
merge or "not the same person", and the pairs as a download. URLs live under /staff."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from ..core import audit
from ..core.access import guard, reviewer_kelurahan_id
from ..core.database import writes_on_get
from ..core.exports import audited_download
from ..core.forms import add_error
from ..core.web import get_or_404, render
from ..extensions import db
from ..models import Role, SeekerProfile
from ..staff import tables as staff_tables
from ..staff.forms import MergeForm
from . import merge as merging
from . import services as duplicates

bp = Blueprint("duplicates", __name__, url_prefix="/staff")
guard(bp, {Role.STAFF, Role.ADMIN})
bp.app_context_processor(lambda: {"seeker_merges": merging.merges_of})


@bp.get("/duplicates")
def pairs():
    kelurahan_id = reviewer_kelurahan_id()
    pairs = duplicates.find_pairs(kelurahan_id)
    per_page = current_app.config["PER_PAGE"]
    pages = max(1, -(-len(pairs) // per_page))
    page = min(max(1, request.args.get("page", 1, type=int)), pages)
    shown = duplicates.load_profiles(pairs[(page - 1) * per_page:page * per_page])
    return render("staff/duplicates.html", pairs=shown, total=len(pairs), page=page, pages=pages,
                  all_kelurahan=kelurahan_id is None)


def _pair(seeker_id: int, other_id: int) -> tuple[SeekerProfile, SeekerProfile]:
    kelurahan_id = reviewer_kelurahan_id()
    if seeker_id == other_id:
        abort(404)
    a, b = get_or_404(SeekerProfile, seeker_id), get_or_404(SeekerProfile, other_id)
    if not (duplicates.in_scope(a, kelurahan_id) and duplicates.in_scope(b, kelurahan_id)):
        abort(404)  # residents of another kelurahan do not exist for this staff member
    return a, b


def _merge_form(a: SeekerProfile, b: SeekerProfile, submitted: bool = False) -> MergeForm:
    form = MergeForm() if submitted else MergeForm(formdata=None)
    form.keep.choices = [(str(a.id), _("Data kiri (#%(id)d)", id=a.id)), (str(b.id), _("Data kanan (#%(id)d)", id=b.id))]
    form.keep.validate_choice = False  # checked in merge(), with the message at the field
    return form


def _pair_page(a, b, form=None, status=200):
    page = render("staff/duplicate_pair.html", status=status, a=a, b=b, form=form or _merge_form(a, b),
                  reasons=duplicates.pair_reasons(a, b), dismissed=duplicates.is_dismissed(a, b),
                  counts={a.id: duplicates.record_counts(a), b.id: duplicates.record_counts(b)},
                  accounts_used=duplicates.both_accounts_used(a, b),
                  full_nik=current_user.role == Role.STAFF, dismiss_form=FlaskForm(formdata=None))
    audit.record(current_user, "view", "seeker", a.id, f"duplicate check with {b.id}")
    audit.record(current_user, "view", "seeker", b.id, f"duplicate check with {a.id}")
    db.session.commit()
    return page


@bp.get("/duplicates/<int:seeker_id>/<int:other_id>")
@writes_on_get
def pair(seeker_id: int, other_id: int):
    a, b = _pair(seeker_id, other_id)
    return _pair_page(a, b)


@bp.post("/duplicates/<int:seeker_id>/<int:other_id>/merge")
def merge(seeker_id: int, other_id: int):
    a, b = _pair(seeker_id, other_id)
    form = _merge_form(a, b, submitted=True)
    valid = form.validate_on_submit()
    if valid and form.keep.data not in (str(a.id), str(b.id)):
        add_error(form.keep, _("Pilih data yang dipertahankan."))
        valid = False
    if valid and duplicates.both_accounts_used(a, b) and not form.confirm_accounts.data:
        add_error(form.confirm_accounts, _("Kedua data punya akun yang pernah dipakai masuk. Pastikan dengan warga, lalu centang pernyataan ini."))
        valid = False
    if valid and merging.conflicting_letters(a, b):
        titles = ", ".join(m.vacancy.title for m in merging.conflicting_letters(a, b))
        add_error(form.keep, _("Kedua data sudah punya surat pengantar untuk lowongan yang sama (%(titles)s). "
                               "Tarik salah satu rujukan itu dulu, lalu gabungkan.", titles=titles))
        valid = False
    if not valid:
        return _pair_page(a, b, form, status=422)
    kept, dropped = (a, b) if form.keep.data == str(a.id) else (b, a)
    dropped_id = dropped.id
    merging.merge_seekers(kept, dropped, current_user, accounts_confirmed=bool(form.confirm_accounts.data))
    db.session.commit()
    flash(_("Data #%(dropped)d digabung ke data %(name)s (#%(kept)d).", dropped=dropped_id, name=kept.full_name, kept=kept.id))
    if current_user.role == Role.STAFF:
        return redirect(url_for("staff.seeker", seeker_id=kept.id), 303)
    return redirect(url_for("duplicates.pairs"), 303)


@bp.post("/duplicates/<int:seeker_id>/<int:other_id>/dismiss")
def dismiss(seeker_id: int, other_id: int):
    a, b = _pair(seeker_id, other_id)
    form = FlaskForm()
    if not form.validate_on_submit():
        abort(400)
    if duplicates.dismiss_pair(a, b, current_user):
        audit.record(current_user, "not_duplicate", "seeker", a.id, f"not the same person as {b.id}")
    db.session.commit()
    flash(_("%(a)s dan %(b)s ditandai bukan data ganda.", a=a.full_name, b=b.full_name))
    return redirect(url_for("duplicates.pairs"), 303)


@bp.get("/duplicates/export")
@writes_on_get
def export():
    """Every suspected pair (all pages), in the reviewer's scope like the page."""
    kelurahan_id = reviewer_kelurahan_id()
    pairs = duplicates.load_profiles(duplicates.find_pairs(kelurahan_id))
    header, rows = staff_tables.duplicate_table(pairs, all_kelurahan=kelurahan_id is None)
    return audited_download("data-ganda", header, rows, "duplicates")
