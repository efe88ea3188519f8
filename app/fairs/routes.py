"""Job fair pages of staff (the event, invitations, registration at the door), of residents (their
pass) and of the public board. The company's pages and the booth are in company.py."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core import audit
from ..core.access import allow, public
from ..core.exports import attachment, audited_download
from ..core.forms import add_error
from ..core.timeutil import WIB
from ..core.web import form_status, get_or_404, parse_id, render
from ..extensions import db
from ..models import Company, Fair, FairPass, Role, SeekerProfile
from ..reports.documents import PDF_MIME
from ..staff.services import find_by_nik
from . import booth, counts, invitations, report, services
from .blueprint import bp, staff_fair
from .forms import OUTCOMES, DoorForm, FairForm, InviteForm
from .passes import pass_card, pass_qr

# ---- staff -----------------------------------------------------------------------------------

@bp.get("/staff/bursa")
def staff_fairs():
    if current_user.kelurahan_id is None:
        abort(403)
    return render("fairs/staff_list.html", fairs=services.staff_fairs(current_user.kelurahan_id), now_over=services.is_over)


def _fair_form_page(form: FairForm, fair: Fair | None):
    if form.validate_on_submit():
        fair = services.save_fair(fair, form.data, current_user.kelurahan, current_user)
        audit.record(current_user, "update" if form.is_edit else "create", "fair", fair.id)
        db.session.commit()
        flash(_("Bursa kerja tersimpan."))
        return redirect(url_for("fairs.staff_fair", fair_id=fair.id), 303)
    return render("fairs/fair_form.html", form=form, fair=fair, status=form_status(form))


@bp.route("/staff/bursa/baru", methods=["GET", "POST"])
def new_fair():
    if current_user.kelurahan_id is None:
        abort(403)
    form = FairForm()
    form.is_edit = False
    return _fair_form_page(form, None)


@bp.route("/staff/bursa/<int:fair_id>/ubah", methods=["GET", "POST"])
def edit_fair(fair_id: int):
    fair = staff_fair(fair_id)
    form = FairForm(obj=fair) if request.method == "GET" else FairForm()
    if request.method == "GET":  # the form shows WIB, as it was typed
        form.starts_at.data = fair.starts_at.astimezone(WIB).replace(tzinfo=None)
        form.ends_at.data = fair.ends_at.astimezone(WIB).replace(tzinfo=None)
        form.capacity.data = fair.capacity or None
    form.is_edit = True
    return _fair_form_page(form, fair)


def _fair_page(fair: Fair, status: int = 200, invite: InviteForm | None = None, door: DoorForm | None = None):
    if invite is None:
        invite = InviteForm()
    invite.company.choices = [("", _("— pilih perusahaan —"))] + [
        (str(c.id), c.name) for c in services.invitable_companies(fair)]
    return render("fairs/staff_fair.html", "counts", status=status, fair=fair, invite=invite, door=door or DoorForm(),
                  vacancies=services.fair_vacancies(fair), totals=counts.fair_counts(fair),
                  booths=booth.booth_counts(fair), over=services.is_over(fair),
                  records=counts.staff_records(fair, current_user.kelurahan_id), outcomes=OUTCOMES)


@bp.get("/staff/bursa/<int:fair_id>", endpoint="staff_fair")
def staff_fair_page(fair_id: int):
    return _fair_page(staff_fair(fair_id))


@bp.post("/staff/bursa/<int:fair_id>/undang")
def invite_company(fair_id: int):
    fair = staff_fair(fair_id)
    form = InviteForm()
    form.company.choices = [(str(c.id), c.name) for c in services.invitable_companies(fair)]
    if form.validate_on_submit():
        company = get_or_404(Company, int(form.company.data))
        if services.invite_company(fair, company, current_user) is not None:
            audit.record(current_user, "invite", "fair", fair.id, f"company {company.id}")
            db.session.commit()
            flash(_("Undangan terkirim ke %(name)s.", name=company.name))
            return redirect(url_for("fairs.staff_fair", fair_id=fair.id), 303)
    return _fair_page(fair, status=422, invite=form)


@bp.post("/staff/bursa/<int:fair_id>/pintu")
def register_at_door(fair_id: int):
    """A resident already on the desk's list gets a pass at the door (by NIK, in a POST)."""
    fair = staff_fair(fair_id)
    form = DoorForm()
    if form.validate_on_submit():
        seeker = find_by_nik(current_user.kelurahan_id, form.nik.data)
        if seeker is None:
            add_error(form.nik, _("Tidak ada warga kelurahan ini dengan NIK tersebut. Daftarkan sebagai warga baru."))
        else:
            try:
                fair_pass = services.register_pass(fair, seeker, current_user, channel="door")
            except services.FairError as err:
                add_error(form.nik, services.error_message(err))
            else:
                audit.record(current_user, "create", "fair_pass", fair_pass.id, "door")
                db.session.commit()
                return redirect(url_for("fairs.staff_pass", fair_id=fair.id, pass_id=fair_pass.id), 303)
    return _fair_page(fair, status=422, door=form)


@bp.get("/staff/bursa/<int:fair_id>/kartu/<int:pass_id>")
def staff_pass(fair_id: int, pass_id: int):
    fair = staff_fair(fair_id)
    fair_pass = get_or_404(FairPass, pass_id)
    if fair_pass.fair_id != fair.id:
        abort(404)
    return pass_card(fair_pass, back=url_for("fairs.staff_fair", fair_id=fair.id))


@bp.route("/staff/bursa/<int:fair_id>/undangan", methods=["GET", "POST"])
def resident_invitations(fair_id: int):
    """The best-ranked residents of the kelurahan for each vacancy at the fair, invited in bulk."""
    fair = staff_fair(fair_id)
    kelurahan_id = current_user.kelurahan_id
    lists = invitations.candidates(fair, kelurahan_id)
    if request.method == "POST":
        offered = {(m.seeker_id, c.vacancy.id): c.vacancy for c in lists for m in c.matches}
        chosen = []
        for value in request.form.getlist("pick"):
            seeker_id, _sep, vacancy_id = value.partition("-")
            key = (parse_id(seeker_id), parse_id(vacancy_id))
            if key in offered:
                chosen.append((key[0], offered[key]))
        seekers = {s.id: s for s in db.session.scalars(
            select(SeekerProfile).where(SeekerProfile.id.in_([i for i, _v in chosen])))} if chosen else {}
        picks = [(seekers[i], vacancy) for i, vacancy in chosen]
        if not picks:
            flash(_("Pilih warga yang diundang."), "error")
            return redirect(url_for("fairs.resident_invitations", fair_id=fair.id), 303)
        made = invitations.invite_residents(fair, picks, current_user)
        audit.record(current_user, "invite", "fair", fair.id, f"{len(made)} residents")
        db.session.commit()
        flash(_("%(n)d warga diundang. Kirim pesan WhatsApp kepada warga tanpa email di bawah.", n=len(made)))
        return redirect(url_for("fairs.resident_invitations", fair_id=fair.id), 303)
    sent = invitations.invited(fair)
    by_id = {s.id: s for s in db.session.scalars(select(SeekerProfile).where(SeekerProfile.id.in_(list(sent))))} if sent else {}
    whatsapp = [(by_id[i.seeker_id], invitations.whatsapp_url(fair, i)) for i in sent.values()
                if i.channel == "whatsapp" and i.seeker_id in by_id and by_id[i.seeker_id].kelurahan_id == kelurahan_id]
    return render("fairs/invitations.html", fair=fair, lists=lists, sent=sent, registered=invitations.registered(fair),
                  whatsapp=whatsapp, over=services.is_over(fair))


@bp.get("/staff/bursa/<int:fair_id>/laporan")
def fair_report(fair_id: int):
    """Counts only, with small cells hidden; `?format=csv|xlsx` downloads the same table,
    `?format=pdf` the same report on the kelurahan's letterhead."""
    fair = staff_fair(fair_id)
    found = report.fair_report(fair)
    if request.args.get("format") == "pdf":
        body = report.report_pdf(fair, found)
        audit.record(current_user, "export", "fair_report", fair.id, "pdf")
        db.session.commit()
        return attachment(body, PDF_MIME, f"laporan-bursa-kerja-{fair.id}", "pdf")
    if request.args.get("format"):
        header, rows = report.report_table(found)
        return audited_download(f"laporan-bursa-kerja-{fair.id}", header, rows, "fair_report", fair.id)
    return render("fairs/report.html", fair=fair, report=found)


# ---- residents -------------------------------------------------------------------------------

def _profile():
    if current_user.seeker is None:
        abort(404)
    return current_user.seeker


@bp.get("/me/bursa")
@allow(Role.SEEKER)
def my_fairs():
    profile = _profile()
    return render("fairs/my_fairs.html", fairs=services.open_fairs_for(profile), passes=services.passes_of(profile))


@bp.post("/me/bursa/<int:fair_id>/daftar")
@allow(Role.SEEKER)
def register(fair_id: int):
    profile = _profile()
    fair = get_or_404(Fair, fair_id)
    try:
        services.register_pass(fair, profile, current_user)
    except services.FairError as err:
        flash(services.error_message(err), "error")
        return redirect(url_for("fairs.my_fairs"), 303)
    db.session.commit()
    return redirect(url_for("fairs.my_pass", fair_id=fair.id), 303)


@bp.get("/me/bursa/<int:fair_id>")
@allow(Role.SEEKER)
def my_pass(fair_id: int):
    fair_pass = services.pass_of(get_or_404(Fair, fair_id), _profile())
    if fair_pass is None:
        abort(404)
    return render("fairs/my_pass.html", fair=fair_pass.fair, fair_pass=fair_pass, qr=pass_qr(fair_pass),
                  code=services.display_code(fair_pass.code))


@bp.get("/me/bursa/<int:fair_id>/kartu")
@allow(Role.SEEKER)
def my_pass_card(fair_id: int):
    fair_pass = services.pass_of(get_or_404(Fair, fair_id), _profile())
    if fair_pass is None:
        abort(404)
    return pass_card(fair_pass, back=url_for("fairs.my_pass", fair_id=fair_id))


# ---- the public board ------------------------------------------------------------------------

@bp.get("/lowongan/bursa/<int:fair_id>")
@public
def public_fair(fair_id: int):
    found = services.public_fair(fair_id)
    if found is None:
        abort(404)
    return render("fairs/public.html", fair=found.fair, vacancies=found.vacancies, companies=found.companies,
                  over=services.is_over(found.fair))
