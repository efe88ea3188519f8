"""Inviting residents to a fair: for each vacancy brought to it, the best-ranked residents of the
staff member's kelurahan (the ranking's own suggestions), invited in bulk, once per resident and
fair. A resident with an email address gets it through the outbox; for the others staff open a
WhatsApp link with the message written out."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from ..core.links import external_url
from ..core.outbox import queue_email
from ..core.web import datetime_id
from ..extensions import db
from ..models import Fair, FairInvitation, FairPass, SeekerProfile, User, Vacancy
from ..staff.services import suggestion_lists, wa_number
from .services import fair_vacancies

PER_VACANCY = 10  # best-ranked residents shown per vacancy


@dataclass(frozen=True)
class Candidates:
    vacancy: Vacancy
    matches: list  # open suggestions, best first (rows of staff.services.suggestion_lists)


def candidates(fair: Fair, kelurahan_id: int, per_vacancy: int = PER_VACANCY) -> list[Candidates]:
    return [Candidates(vacancy, suggestion_lists(vacancy.id, kelurahan_id, per_vacancy, 0)[0])
            for vacancy in fair_vacancies(fair)]


def invited(fair: Fair) -> dict[int, FairInvitation]:
    return {i.seeker_id: i for i in db.session.scalars(select(FairInvitation).where(FairInvitation.fair_id == fair.id))}


def registered(fair: Fair) -> set[int]:
    return set(db.session.scalars(select(FairPass.seeker_id).where(FairPass.fair_id == fair.id)))


def invite_residents(fair: Fair, picks: list[tuple[SeekerProfile, Vacancy]], actor: User) -> list[FairInvitation]:
    """Invite each picked resident (once per fair), for the vacancy they were picked for."""
    already = invited(fair)
    made = []
    for seeker, vacancy in picks:
        if seeker.id in already:
            continue
        email = seeker.user.email if seeker.user is not None and seeker.user.active else None
        invitation = FairInvitation(fair_id=fair.id, seeker_id=seeker.id, vacancy_id=vacancy.id,
                                    channel="email" if email else "whatsapp", sent_by_id=actor.id)
        db.session.add(invitation)
        already[seeker.id] = invitation
        if email:
            with force_locale("id"):
                queue_email(email, _("Undangan bursa kerja: %(name)s", name=fair.name), message(fair, seeker, vacancy))
        made.append(invitation)
    db.session.flush()
    return made


def message(fair: Fair, seeker: SeekerProfile, vacancy: Vacancy | None) -> str:
    """The invitation in Indonesian, the kelurahan's language (email and WhatsApp alike)."""
    with force_locale("id"):
        lines = [_("Halo %(name)s, ini petugas Kelurahan %(k)s.", name=seeker.full_name, k=seeker.kelurahan.name),
                 _("Anda kami undang ke %(fair)s, %(when)s WIB, di %(place)s.", fair=fair.name,
                   when=datetime_id(fair.starts_at, zone=False), place=fair.place)]
        if vacancy is not None:
            lines.append(_("Lowongan yang cocok untuk Anda: %(title)s (%(company)s).", title=vacancy.title,
                           company=vacancy.company.name))
        lines.append(_("Daftar dan ambil kartu peserta: %(url)s", url=external_url("fairs.my_fairs")))
        lines.append(_("Semua lowongan bursa kerja: %(url)s", url=external_url("fairs.public_fair", fair_id=fair.id)))
    return "\n".join(lines)


def whatsapp_url(fair: Fair, invitation: FairInvitation) -> str | None:
    seeker = db.session.get(SeekerProfile, invitation.seeker_id)
    number = wa_number(seeker.phone) if seeker else None
    if number is None:
        return None
    vacancy = db.session.get(Vacancy, invitation.vacancy_id) if invitation.vacancy_id else None
    return f"https://wa.me/{number}?text={quote(message(fair, seeker, vacancy))}"
