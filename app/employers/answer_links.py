"""Employers answer a referral without logging in: the referral notice sent to the company's
contact email carries one signed link per answer (interview, hired, refused). Each link expires
(ANSWER_LINK_DAYS, 14 by default) and works once: its nonce is stored when it is used. Answers go
through the referral state machine with no actor and the note "via tautan email"."""
from __future__ import annotations

import secrets

from flask import Blueprint, current_app, request
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..core.access import PUBLIC, guard
from ..core.forms import add_error
from ..core.links import external_url
from ..core.outbox import queue_email
from ..core.timeutil import WIB, to_wib
from ..core.web import date_id, render
from ..extensions import db
from ..models import Match, UsedAnswerLink
from ..ranking import refresh_vacancy
from ..referrals import services as referrals
from ..referrals.notices import notify_resident  # noqa: F401  (kept here for its callers)
from .forms import HireForm, InterviewForm, RefuseForm, interview_details

SALT = "lokerwarga.employer-answer"
NOTE = "via tautan email"
ACTIONS = {"interview": "interview", "hire": "hired", "refuse": "refused"}

bp = Blueprint("answer", __name__, url_prefix="/answer")
guard(bp, PUBLIC)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _max_age() -> int:
    return int(current_app.config.get("ANSWER_LINK_DAYS", 14)) * 24 * 3600


def make_token(match: Match, action: str) -> str:
    if action not in ACTIONS:
        raise ValueError(action)
    return _serializer().dumps({"m": match.id, "a": action, "n": secrets.token_urlsafe(16)})


def answer_url(match: Match, action: str) -> str:
    return external_url("answer.form", token=make_token(match, action))


class LinkProblem(Exception):
    """invalid, expired, used or closed"""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def load(token: str) -> tuple[Match, str, str]:
    try:
        data = _serializer().loads(token, max_age=_max_age())
    except SignatureExpired:
        raise LinkProblem("expired") from None
    except BadSignature:
        raise LinkProblem("invalid") from None
    if not isinstance(data, dict) or data.get("a") not in ACTIONS or not isinstance(data.get("m"), int) \
            or not isinstance(data.get("n"), str):
        raise LinkProblem("invalid")
    match = db.session.get(Match, data["m"])
    if match is None:
        raise LinkProblem("invalid")
    if db.session.get(UsedAnswerLink, data["n"]) is not None:
        raise LinkProblem("used")
    if not referrals.can_move(match, ACTIONS[data["a"]]):
        raise LinkProblem("closed")
    return match, data["a"], data["n"]


def queue_referral_notice(match: Match) -> bool:
    """The referral notice to the company's contact email, with the three answer links."""
    company = match.vacancy.company
    if not company.contact_email:
        return False
    days = int(current_app.config.get("ANSWER_LINK_DAYS", 14))
    with force_locale("id"):
        subject = _("Rujukan pelamar untuk %(title)s dari Kelurahan %(kelurahan)s",
                    title=match.vacancy.title, kelurahan=match.seeker.kelurahan.name)
        links = {action: answer_url(match, action) for action in ACTIONS}
        body = "\n\n".join([
            _("Yth. %(contact)s,", contact=company.contact_name or company.name),
            _("Kelurahan %(kelurahan)s merujuk %(name)s untuk lowongan %(title)s di %(company)s. Data pelamar dapat dilihat setelah masuk ke LokerWarga.",
              kelurahan=match.seeker.kelurahan.name, name=match.seeker.full_name, title=match.vacancy.title,
              company=company.name),
            _("Anda dapat menjawab rujukan ini tanpa masuk, dengan membuka salah satu tautan berikut (masing-masing berlaku %(days)d hari dan hanya sekali pakai):", days=days),
            _("Undang wawancara: %(url)s", url=links["interview"]),
            _("Diterima bekerja: %(url)s", url=links["hire"]),
            _("Tidak dilanjutkan: %(url)s", url=links["refuse"]),
            _("Terima kasih.") + "\n" + _("Petugas Kelurahan %(kelurahan)s", kelurahan=match.seeker.kelurahan.name),
        ])
    queue_email(company.contact_email, subject, body)
    return True


def _form(action: str, submitted: bool, match: Match):
    kwargs = {} if submitted else {"formdata": None}
    if action == "hire":  # starts from the vacancy's contract type
        kwargs["data"] = {"contract_type": match.vacancy.contract_type}
    return {"interview": InterviewForm, "hire": HireForm, "refuse": RefuseForm}[action](**kwargs)


def _problem_page(kind: str, status: int = 200):
    return render("answer/problem.html", kind=kind, status=status)


@bp.route("/<token>", methods=["GET", "POST"])
def form(token: str):
    try:
        match, action, nonce = load(token)
    except LinkProblem as problem:
        return _problem_page(problem.kind, 200 if request.method == "GET" else 400)
    submitted = request.method == "POST"
    form = _form(action, submitted, match)
    valid = submitted and form.validate_on_submit()
    if valid and action == "hire" and match.referred_at is not None:
        referred_on = to_wib(match.referred_at).date()
        if form.start_date.data < referred_on:
            add_error(form.start_date, _("Tanggal mulai bekerja tidak boleh sebelum tanggal rujukan (%(d)s).",
                                         d=date_id(referred_on)))
            valid = False
    if valid:
        if action == "interview":
            referrals.invite_interview(match, None, form.interview_at.data.replace(tzinfo=WIB), note=NOTE,
                                       **interview_details(form))
            message = _("Undangan wawancara tercatat.")
        elif action == "hire":
            referrals.hire(match, None, form.start_date.data, form.contract_type.data, note=NOTE,
                           contract_end_date=form.contract_end_date.data)
            message = _("Warga tercatat diterima bekerja. Terima kasih!")
        else:
            note = f"{NOTE}: {form.note.data}" if form.note.data else NOTE
            referrals.refuse(match, None, form.reason.data, note=note)
            message = _("Jawaban tercatat.")
        db.session.add(UsedAnswerLink(nonce=nonce, match_id=match.id))
        try:
            db.session.flush()
        except IntegrityError:  # the same link sent twice at once: the first one wins
            db.session.rollback()
            return _problem_page("used", 400)
        notify_resident(match)
        if match.vacancy.status != "open":
            refresh_vacancy(match.vacancy)
        db.session.commit()
        return render("answer/done.html", match=match, message=message)
    return render("answer/form.html", match=match, action=action, form=form, token=token,
                  status=422 if submitted else 200)


__all__ = ["answer_url", "load", "make_token", "notify_resident", "queue_referral_notice", "select"]
