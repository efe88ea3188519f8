"""Review of vacancies before publication.

An employer's new vacancy waits in "review"; staff publish it ("open"), ask for changes
("changes", with a note the employer sees) or refuse it ("refused", with a note). An edit of the
title, description, contract or wage of a published vacancy sends it back to review; an edit of
a vacancy in "changes" resubmits it. Every step is a VacancyReviewEvent; the employer hears of
staff decisions through the outbox."""
from __future__ import annotations

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..core.links import external_url
from ..core.outbox import queue_email
from ..core.timeutil import today_wib
from ..extensions import db
from ..models import Role, User, Vacancy, VacancyReviewEvent

REVIEW_STATES = ("review", "changes")
# What residents read or what decides the UMK check: a change of any of these needs staff again.
REVIEWED_FIELDS = ("title", "description", "skills", "certificates", "required_licences", "preferred_licences",
                   "location", "contract_type", "wage_min", "wage_max")
DECISIONS = {"publish": "open", "changes": "changes", "refuse": "refused"}


class ReviewError(ValueError):
    pass


def _event(vacancy: Vacancy, action: str, actor, note: str = ""):
    event = VacancyReviewEvent(vacancy_id=vacancy.id, action=action, note=note[:1000],
                               actor_id=actor.id if actor is not None else None)
    db.session.add(event)
    return event


def submit_vacancy(vacancy: Vacancy, actor) -> None:
    """A new vacancy of an employer waits for staff before residents see it."""
    vacancy.status = "review"
    _event(vacancy, "submitted", actor)
    db.session.flush()


def needs_review_after_edit(vacancy: Vacancy, before: dict) -> bool:
    """Did an edit touch what staff check (wording, contract, wage)?"""
    return any(before.get(name) != getattr(vacancy, name) for name in REVIEWED_FIELDS)


def snapshot(vacancy: Vacancy) -> dict:
    values = {name: getattr(vacancy, name) for name in REVIEWED_FIELDS}
    return {name: list(value) if isinstance(value, list) else value for name, value in values.items()}


def resubmit_after_edit(vacancy: Vacancy, actor, before: dict) -> str | None:
    """After an employer's edit: "resubmitted" when staff had asked for changes, "submitted" when
    a published vacancy's reviewed fields changed, None when the status stays."""
    if vacancy.status == "changes":
        vacancy.status = "review"
        _event(vacancy, "resubmitted", actor)
    elif vacancy.status == "open" and needs_review_after_edit(vacancy, before):
        vacancy.status = "review"
        _event(vacancy, "edited", actor)
    else:
        return None
    db.session.flush()
    return vacancy.status


def decide_vacancy(vacancy: Vacancy, decision: str, actor, note: str = "") -> None:
    """Staff publish, ask for changes or refuse a vacancy waiting for review."""
    if decision not in DECISIONS:
        raise ReviewError("unknown decision")
    if vacancy.status != "review":
        raise ReviewError("not waiting for review")
    if decision == "publish" and vacancy.deadline is not None and vacancy.deadline < today_wib():
        raise ReviewError("deadline passed")
    if decision != "publish" and not note.strip():
        raise ReviewError("note required")
    vacancy.status = DECISIONS[decision]
    _event(vacancy, {"publish": "published", "changes": "changes", "refuse": "refused"}[decision], actor, note.strip())
    db.session.flush()


def latest_note(vacancy: Vacancy):
    """The last staff decision with a note (changes asked or refusal), for the employer."""
    return db.session.scalar(
        select(VacancyReviewEvent).where(VacancyReviewEvent.vacancy_id == vacancy.id,
                                         VacancyReviewEvent.action.in_(("changes", "refused")))
        .order_by(VacancyReviewEvent.id.desc()).limit(1))


def history(vacancy: Vacancy) -> list:
    return db.session.scalars(select(VacancyReviewEvent).where(VacancyReviewEvent.vacancy_id == vacancy.id)
                              .options(joinedload(VacancyReviewEvent.actor))
                              .order_by(VacancyReviewEvent.id)).all()


def employer_recipients(vacancy: Vacancy) -> list[str]:
    """The company's contact email and its active employer accounts' emails, once each."""
    emails = [vacancy.company.contact_email] + list(db.session.scalars(
        select(User.email).where(User.company_id == vacancy.company_id, User.role == Role.EMPLOYER,
                                 User.active.is_(True), User.email.is_not(None)).order_by(User.id)))
    seen: list[str] = []
    for email in emails:
        if email and email.lower() not in seen:
            seen.append(email.lower())
    return seen


def notify_employer(vacancy: Vacancy, decision: str, note: str = "") -> int:
    """Tell the employer of a staff decision through the outbox; returns the messages queued."""
    recipients = employer_recipients(vacancy)
    if not recipients:
        return 0
    with force_locale("id"):
        if decision == "publish":
            subject = _("Lowongan %(title)s sudah tayang", title=vacancy.title)
            lines = [_("Lowongan %(title)s sudah diperiksa petugas kelurahan dan kini tampil untuk warga.", title=vacancy.title)]
        elif decision == "changes":
            subject = _("Lowongan %(title)s perlu diubah", title=vacancy.title)
            lines = [_("Petugas kelurahan meminta Anda mengubah lowongan %(title)s sebelum ditayangkan:", title=vacancy.title),
                     note, _("Ubah lowongan lalu simpan; lowongan otomatis dikirim ulang untuk ditinjau.")]
        else:
            subject = _("Lowongan %(title)s ditolak", title=vacancy.title)
            lines = [_("Petugas kelurahan menolak lowongan %(title)s dengan alasan:", title=vacancy.title), note]
        lines.append(_("Lihat lowongan di LokerWarga: %(url)s",
                       url=external_url("employers.vacancy", vacancy_id=vacancy.id)))
        body = "\n\n".join([_("Yth. %(contact)s,", contact=vacancy.company.contact_name or vacancy.company.name),
                            *lines, _("Terima kasih.")])
    for email in recipients:
        queue_email(email, subject, body)
    return len(recipients)
