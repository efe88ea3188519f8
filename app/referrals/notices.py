"""Emails the app writes to the outbox when a referral or a vacancy changes: the resident hears of
every move of their referral, the employer hears when a vacancy closes by itself (its deadline
passed, or its openings are filled). Messages are in Indonesian, the language of the kelurahan.
Links start with the configured public address (app/core/links.py), in a request or in the `tick` job."""
from __future__ import annotations

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import select

from ..core import labels
from ..core.links import external_url
from ..core.outbox import queue_email
from ..core.web import date_id, datetime_id
from ..extensions import db
from ..models import Match, Role, User, Vacancy


def notify_resident(match: Match) -> bool:
    """Tell the resident (by email, when they have one) that their referral moved."""
    user = match.seeker.user
    if user is None or not user.email or not user.active:
        return False
    with force_locale("id"):
        status = str(labels.MATCH_STATUS_RESIDENT.get(match.status) or labels.MATCH_STATUS.get(match.status, match.status))
        if match.status in ("withdrawn", "refused", "dismissed") and match.reason_code in labels.ALL_REASONS:
            status += " " + _("Alasan: %(reason)s.", reason=labels.ALL_REASONS[match.reason_code])
        body = _("Halo %(name)s,", name=match.seeker.full_name) + "\n\n" + _(
            "Ada kabar tentang rujukan Anda untuk %(title)s di %(company)s:",
            title=match.vacancy.title, company=match.vacancy.company.name) + "\n" + status
        if match.status == "interview" and match.interview_at is not None:
            body += "\n" + _("Jadwal wawancara: %(when)s WIB.", when=datetime_id(match.interview_at, zone=False))
        if match.status == "hired" and match.start_date is not None:
            body += "\n" + _("Mulai bekerja: %(date)s.", date=date_id(match.start_date))
        url = external_url("seekers.referral", match_id=match.id)
        if url:
            body += "\n\n" + _("Lihat rinciannya di LokerWarga: %(url)s", url=url)
        subject = _("Kabar rujukan LokerWarga: %(title)s", title=match.vacancy.title)
    queue_email(user.email, subject, body)
    return True


def _open_referrals(vacancy: Vacancy) -> list[Match]:
    return db.session.scalars(select(Match).where(Match.vacancy_id == vacancy.id,
                                                  Match.status.in_(("referred", "applied", "interview")))
                              .order_by(Match.id)).all()


def employer_recipients(vacancy: Vacancy) -> list[str]:
    """The company's contact email and its active HRD accounts, each once."""
    company = vacancy.company
    addresses = [company.contact_email] + list(db.session.scalars(
        select(User.email).where(User.company_id == company.id, User.role == Role.EMPLOYER, User.active.is_(True),
                                 User.email.is_not(None)).order_by(User.id)))
    seen, result = set(), []
    for address in addresses:
        if address and address.strip().lower() not in seen:
            seen.add(address.strip().lower())
            result.append(address.strip())
    return result


def _to_employer(vacancy: Vacancy, subject: str, lines: list[str]) -> int:
    company = vacancy.company
    url = external_url("employers.vacancy", vacancy_id=vacancy.id)
    body = "\n\n".join([_("Yth. %(contact)s,", contact=company.contact_name or company.name), *lines,
                        *([_("Lihat lowongan di LokerWarga: %(url)s", url=url)] if url else []),
                        _("Terima kasih.") + "\nLokerWarga"])
    recipients = employer_recipients(vacancy)
    for address in recipients:
        queue_email(address, subject, body)
    return len(recipients)


def vacancy_closed_by_deadline(vacancy: Vacancy) -> int:
    """The deadline passed and the vacancy closed by itself: the employer, and every resident
    whose referral is still open (it stays answerable), hear of it. Returns the emails queued."""
    open_referrals = _open_referrals(vacancy)
    with force_locale("id"):
        deadline = date_id(vacancy.deadline)
        lines = [_("Lowongan %(title)s ditutup otomatis karena batas lamarannya (%(date)s) sudah lewat. Warga tidak dapat dirujuk lagi ke lowongan ini.",
                   title=vacancy.title, date=deadline)]
        if open_referrals:
            lines.append(ngettext("%(num)d rujukan masih menunggu jawaban Anda; mohon jawab agar warga mendapat kepastian.",
                                  "%(num)d rujukan masih menunggu jawaban Anda; mohon jawab agar warga mendapat kepastian.",
                                  len(open_referrals)))
        sent = _to_employer(vacancy, _("Lowongan %(title)s ditutup otomatis", title=vacancy.title), lines)
        for match in open_referrals:
            user = match.seeker.user
            if user is None or not user.email or not user.active:
                continue
            body = _("Halo %(name)s,", name=match.seeker.full_name) + "\n\n" + _(
                "Lowongan %(title)s di %(company)s sudah ditutup karena batas lamarannya lewat. Rujukan Anda tetap berlaku: perusahaan masih dapat menjawabnya.",
                title=vacancy.title, company=vacancy.company.name)
            url = external_url("seekers.referral", match_id=match.id)
            if url:
                body += "\n\n" + _("Lihat rinciannya di LokerWarga: %(url)s", url=url)
            queue_email(user.email, _("Kabar rujukan LokerWarga: %(title)s", title=vacancy.title), body)
            sent += 1
    return sent


def vacancy_filled(vacancy: Vacancy, hires: int) -> int:
    """Every opening is filled and the vacancy closed by itself: the employer hears of it (the
    residents whose referrals closed with it hear through `notify_resident`)."""
    with force_locale("id"):
        lines = [_("Lowongan %(title)s sudah terisi: %(hired)d dari %(openings)d orang diterima. Lowongan ini ditutup otomatis dan rujukan lain yang masih terbuka ditutup.",
                   title=vacancy.title, hired=hires, openings=vacancy.openings)]
        return _to_employer(vacancy, _("Lowongan %(title)s sudah terisi", title=vacancy.title), lines)
