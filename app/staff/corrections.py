"""Staff correct a resident's data (their own kelurahan only): the editor, opened from the
resident's page or from a "Perbaikan data" request, and the history the resident reads."""
from flask import flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..core import audit
from ..core.forms import add_error, set_rw_choices
from ..core.web import render
from ..extensions import db
from ..ranking import refresh_seeker
from ..seekers.services import identity_changes, nik_taken
from . import profile_changes
from .blueprint import bp, own_seeker
from .forms import StaffProfileForm


@bp.app_context_processor
def _history():
    """The corrections history, shown to staff and to the resident (templates/_corrections.html)."""
    return {"profile_corrections": profile_changes.corrections_of,
            "correction_field_label": profile_changes.field_label, "correction_value": profile_changes.shown_value}


@bp.route("/seekers/<int:seeker_id>/edit", methods=["GET", "POST"])
def edit_seeker(seeker_id: int):
    seeker = own_seeker(seeker_id)
    data_request = profile_changes.open_correction_request(
        seeker, request.values.get("request", type=int))
    form = StaffProfileForm(obj=seeker)
    set_rw_choices(form, seeker.kelurahan)
    if request.method == "GET":
        form.disability.data = bool(seeker.disability)
    if form.validate_on_submit():
        data = {k: v for k, v in form.data.items() if k not in ("reason", "identity_checked", "csrf_token")}
        if nik_taken(form.nik.data, exclude_id=seeker.id):
            add_error(form.nik, _("NIK ini sudah terdaftar atas nama warga lain."))
        else:
            identity = bool(identity_changes(seeker, data))
            try:
                correction = profile_changes.correct_profile(
                    seeker, data, current_user, form.reason.data, identity_checked=form.identity_checked.data,
                    data_request=data_request)
            except profile_changes.PhoneTaken:
                add_error(form.phone, _("No. HP ini sudah dipakai akun lain."))
            else:
                if correction is None:
                    form.form_errors.append(_("Tidak ada data yang berubah."))
                else:
                    audit.record(current_user, "correct", "seeker", seeker.id, f"correction {correction.id}")
                    refresh_seeker(seeker)
                    db.session.commit()
                    flash(_("Data warga diperbarui; warga dapat membaca perubahan dan alasannya."))
                    if identity and not correction.identity_checked:
                        flash(_("Nama, NIK, tanggal lahir atau jenis kelamin berubah tanpa pemeriksaan KTP: data "
                                "menunggu verifikasi ulang."), "warning")
                    if data_request is not None:
                        flash(_("Permintaan perbaikan data ditandai selesai."))
                    return redirect(url_for("staff.seeker", seeker_id=seeker.id) + "#riwayat-perubahan", 303)
    status = 422 if request.method == "POST" else 200
    return render("staff/seeker_edit.html", status=status, seeker=seeker, form=form, data_request=data_request)
