"""The referral packet a resident takes to an interview: when and where, whom to ask for, what to
bring and the employer's notes, as a page, a calendar file (.ics) and a WhatsApp message text.

Blank answers fall back to what the app already knows: the company's address and contact, and the
documents every kelurahan referral needs (the letter and the KTP)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event

from ..core.links import host_of, public_base_url
from ..core.timeutil import to_wib, utcnow
from ..extensions import db
from ..models import Match, MatchEvent, User
from .letters import letter_for

INTERVIEW_LENGTH = dt.timedelta(hours=1)


@dataclass(frozen=True)
class Interview:
    at: dt.datetime  # aware
    place: str
    contact: str
    bring: str
    notes: str


def default_bring() -> str:
    return _("Surat pengantar dari kelurahan, KTP asli, CV dan fotokopi ijazah terakhir.")


def default_contact(match: Match) -> str:
    company = match.vacancy.company
    return " · ".join(p for p in (company.contact_name, company.contact_phone) if p)


def interview_of(match: Match) -> Interview | None:
    """The interview as the resident should read it, or None when none is planned."""
    if match.interview_at is None or match.status != "interview":
        return None
    company = match.vacancy.company
    return Interview(at=match.interview_at, place=match.interview_place or company.address or match.vacancy.location,
                     contact=match.interview_contact or default_contact(match),
                     bring=match.interview_bring or default_bring(), notes=match.interview_notes or "")


def _when(value: dt.datetime) -> str:
    local = to_wib(value)
    return local.strftime("%d-%m-%Y %H.%M") + " WIB"


def interview_message(match: Match) -> str:
    """The whole invitation as one WhatsApp text, in Indonesian (the language of the desk)."""
    interview = interview_of(match)
    if interview is None:
        return ""
    letter = letter_for(match)
    with force_locale("id"):
        lines = [
            _("Undangan wawancara LokerWarga"),
            _("Lowongan: %(title)s, %(company)s", title=match.vacancy.title, company=match.vacancy.company.name),
            _("Waktu: %(when)s", when=_when(interview.at)),
            _("Tempat: %(place)s", place=interview.place),
        ]
        if interview.contact:
            lines.append(_("Temui: %(contact)s", contact=interview.contact))
        lines.append(_("Bawa: %(bring)s", bring=interview.bring))
        if letter is not None:
            lines.append(_("Nomor surat pengantar: %(number)s", number=letter.number))
        if interview.notes:
            lines.append(_("Catatan: %(notes)s", notes=interview.notes))
    return "\n".join(lines)


def whatsapp_share_link(text: str) -> str:
    """wa.me without a number: WhatsApp asks whom to send it to (the resident's own chat, say)."""
    return "https://wa.me/?text=" + quote(text)


def interview_calendar(match: Match) -> bytes:
    """An iCalendar file with the interview as one event (a reminder the phone's calendar keeps)."""
    interview = interview_of(match)
    if interview is None:
        raise ValueError("no interview planned")
    calendar = Calendar()
    calendar.add("prodid", "-//LokerWarga//Undangan wawancara//ID")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    host = host_of(public_base_url()) or "lokerwarga.local"
    event.add("uid", f"wawancara-{match.id}@{host}")
    event.add("dtstamp", utcnow())
    event.add("dtstart", interview.at.astimezone(dt.timezone.utc))
    event.add("dtend", (interview.at + INTERVIEW_LENGTH).astimezone(dt.timezone.utc))
    with force_locale("id"):
        event.add("summary", _("Wawancara %(title)s di %(company)s", title=match.vacancy.title,
                                company=match.vacancy.company.name))
    event.add("location", interview.place)
    event.add("description", interview_message(match))
    calendar.add_component(event)
    return calendar.to_ical()


def withdraw_interest(match: Match, actor: User) -> bool:
    """Takes back "saya berminat" while the vacancy is still only a suggestion; True if it changed.
    The event keeps the history (the ranker reads only the statements still standing)."""
    if not match.interested or match.status != "suggested":
        return False
    match.interested = False
    db.session.add(MatchEvent(match=match, from_status=match.status, to_status=match.status,
                              outcome="uninterested", actor_id=actor.id))
    db.session.flush()
    return True
