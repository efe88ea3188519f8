"""The public vacancy board. Listing, vacancy page, poster and weekly notice are open to anyone
(declared @public); recording an interest is for signed-in residents only (the blueprint's guard)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..core.access import guard, public
from ..core.links import external_url
from ..core.timeutil import today_wib
from ..core.web import get_or_404, render, wage_range
from ..extensions import db
from ..fairs.services import upcoming_fairs
from ..models import Kelurahan, Match, Role
from ..seekers.services import express_interest
from . import services
from .forms import BoardFilterForm
from .qr import qr_svg

bp = Blueprint("board", __name__, url_prefix="/lowongan")
guard(bp, {Role.SEEKER})  # deny by default: every public view says so below

MAX_PAGE = 10_000


def _listing_or_404(vacancy_id: int) -> services.Listing:
    listing = services.get_listing(vacancy_id)
    if listing is None:
        abort(404)
    return listing


@bp.get("")
@public
def index():
    places = services.list_places()
    form = BoardFilterForm(request.args)
    form.set_places(places)
    page = min(max(1, request.args.get("page", 1, type=int)), MAX_PAGE)
    if form.validate():
        listings, total = services.search_board(form.filters(), page, current_app.config["PER_PAGE"])
        status = 200
    else:  # a tampered or mistyped filter: the form with its error, and no results
        listings, total, status = [], 0, 422
    pages = max(1, -(-total // current_app.config["PER_PAGE"]))
    return render("board/index.html", "results", status=status, form=form, listings=listings, total=total,
                  page=page, pages=pages, args=form.args() if status == 200 else {}, fairs=upcoming_fairs())


@bp.get("/<int:vacancy_id>")
@public
def vacancy(vacancy_id: int):
    listing = _listing_or_404(vacancy_id)
    wage = wage_range(listing.vacancy.wage_min, listing.vacancy.wage_max)
    return render("board/vacancy.html", listing=listing, vacancy=listing.vacancy,
                  posting=services.job_posting(listing), share_url=services.whatsapp_url(listing, wage),
                  public_url=services.public_url(listing.vacancy))


@bp.get("/<int:vacancy_id>/poster")
@public
def poster(vacancy_id: int):
    listing = _listing_or_404(vacancy_id)
    url = services.public_url(listing.vacancy)
    return render("board/poster.html", listing=listing, vacancy=listing.vacancy, public_url=url,
                  qr=qr_svg(url, _("Kode QR ke halaman lowongan %(title)s", title=listing.vacancy.title)))


@bp.get("/papan/<int:kelurahan_id>")
@public
def notice(kelurahan_id: int):
    kelurahan = get_or_404(Kelurahan, kelurahan_id)
    listings, total = services.notice_listings(kelurahan)
    entries = [(listing, services.public_url(listing.vacancy)) for listing in listings]
    entries = [(listing, url, qr_svg(url, _("Kode QR ke halaman lowongan %(title)s", title=listing.vacancy.title)))
               for listing, url in entries]
    week = services.week_of(today_wib())
    return render("board/notice.html", kelurahan=kelurahan, entries=entries, total=total, week=week,
                  today=today_wib(), board_url=external_url("board.index", kelurahan=kelurahan.id))


@bp.get("/<int:vacancy_id>/berminat")
@public
def interest(vacancy_id: int):
    """'Saya berminat' from the public page: a visitor is asked to log in or register (and comes
    back here), a resident confirms with a POST (nothing changes on GET)."""
    listing = _listing_or_404(vacancy_id)
    match = None
    if current_user.is_authenticated and current_user.role == Role.SEEKER and current_user.seeker is not None:
        match = db.session.scalar(select(Match).where(Match.seeker_id == current_user.seeker.id,
                                                      Match.vacancy_id == vacancy_id))
    here = url_for("board.interest", vacancy_id=vacancy_id)
    return render("board/interest.html", listing=listing, vacancy=listing.vacancy, match=match, next_url=here)


@bp.post("/<int:vacancy_id>/berminat")
def record_interest(vacancy_id: int):
    profile = current_user.seeker
    if profile is None:
        abort(404)
    listing = _listing_or_404(vacancy_id)
    express_interest(profile, listing.vacancy, current_user)
    db.session.commit()
    flash(_("Minat Anda tercatat. Petugas kelurahan akan meninjaunya."))
    return redirect(url_for("seekers.vacancy", vacancy_id=vacancy_id), 303)
