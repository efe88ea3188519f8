"""The referral packet: the interview's details, the resident's calendar file, WhatsApp text and
own letter; "saya berminat" taken back; the hire form from the vacancy's contract."""
from __future__ import annotations

import datetime as dt
from urllib.parse import unquote

from icalendar import Calendar
from sqlalchemy import select

from app.extensions import db
from app.models import AuditLog, Match, MatchEvent
from app.ranking import feedback_rows
from app.referrals import letters, services as referrals
from app.staff.services import whatsapp_links


def _referred(world) -> Match:
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.flush()
    referrals.refer(match, world.staff)
    db.session.commit()
    return match


def _invite(client, match, **details):
    data = {f"iv{match.id}-interview_at": "2026-11-25T09:30"} | {f"iv{match.id}-interview_{k}": v for k, v in details.items()}
    return client.post(f"/employer/referrals/{match.id}/interview", data=data)


def test_invitation_carries_place_contact_and_what_to_bring(client, auth, world):
    match = _referred(world)
    auth.login("hrd@test.id")
    form = client.get(f"/employer/vacancies/{world.vacancy.id}").get_data(as_text=True)
    assert "Tempat wawancara" in form and "Yang perlu dibawa" in form
    assert _invite(client, match, place="Gedung B lt. 2, Jl. Industri 1", contact="Pak Joko 0812 3333 4444",
                   bring="Sepatu safety", notes="Datang 15 menit lebih awal").status_code == 303
    auth.logout()
    auth.login("warga@test.id")
    page = client.get(f"/me/referrals/{match.id}").get_data(as_text=True)
    for text in ("Gedung B lt. 2, Jl. Industri 1", "Pak Joko 0812 3333 4444", "Sepatu safety", "Datang 15 menit lebih awal",
                 "25 November 2026"):
        assert text in page
    assert f"/me/referrals/{match.id}/interview.ics" in page and "https://wa.me/?text=" in page

    response = client.get(f"/me/referrals/{match.id}/interview.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    event = Calendar.from_ical(response.data).walk("VEVENT")[0]
    assert event.decoded("dtstart") == dt.datetime(2026, 11, 25, 2, 30, tzinfo=dt.timezone.utc)  # 09.30 WIB
    assert str(event["location"]) == "Gedung B lt. 2, Jl. Industri 1"
    assert "Sepatu safety" in str(event["description"]) and world.vacancy.title in str(event["summary"])

    staff_text = unquote(whatsapp_links(match)["seeker"])
    assert "Gedung B lt. 2" in staff_text and "Sepatu safety" in staff_text and "25-11-2026 09.30 WIB" in staff_text


def test_blank_details_fall_back_to_the_company(client, auth, world):
    match = _referred(world)
    auth.login("hrd@test.id")
    assert _invite(client, match).status_code == 303
    auth.logout()
    auth.login("warga@test.id")
    page = client.get(f"/me/referrals/{match.id}").get_data(as_text=True)
    assert world.company.address in page and "Bu HRD" in page and "KTP asli" in page


def test_no_calendar_without_an_interview(client, auth, world):
    match = _referred(world)
    auth.login("warga@test.id")
    response = client.get(f"/me/referrals/{match.id}/interview.ics")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/me/referrals/{match.id}")


def test_resident_downloads_only_their_own_letter(client, auth, world):
    match = _referred(world)
    auth.login("warga@test.id")
    assert client.get(f"/me/referrals/{match.id}/letter.pdf").status_code == 303  # not issued yet
    assert "belum dibuat petugas" in client.get(f"/me/referrals/{match.id}").get_data(as_text=True)
    letter = letters.issue(match, world.staff)
    db.session.commit()
    page = client.get(f"/me/referrals/{match.id}").get_data(as_text=True)
    assert f"/me/referrals/{match.id}/letter.pdf" in page and letter.number in page
    response = client.get(f"/me/referrals/{match.id}/letter.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    assert "attachment" in response.headers["Content-Disposition"]
    assert db.session.scalar(select(AuditLog).where(AuditLog.action == "download", AuditLog.object_type == "letter"))
    auth.logout()
    auth.login("warga.cimone@test.id")  # another resident: no such referral for them
    assert client.get(f"/me/referrals/{match.id}/letter.pdf").status_code == 404
    assert client.get(f"/me/referrals/{match.id}/interview.ics").status_code == 404


def test_interest_can_be_withdrawn(client, auth, world):
    auth.login("warga@test.id")
    client.post(f"/me/vacancies/{world.vacancy.id}/interest")
    match = db.session.scalar(select(Match).where(Match.seeker_id == world.seeker.id))
    assert match.interested and any(f.outcome == "interested" for f in feedback_rows())
    page = client.get(f"/me/vacancies/{world.vacancy.id}").get_data(as_text=True)
    assert "Batalkan minat" in page
    response = client.post(f"/me/vacancies/{world.vacancy.id}/interest/withdraw")
    assert response.status_code == 303
    db.session.refresh(match)
    assert not match.interested
    assert [e.outcome for e in match.events] == ["interested", "uninterested"]
    assert not any(f.outcome == "interested" for f in feedback_rows())  # no longer evidence for the ranker
    page = client.get(f"/me/vacancies/{world.vacancy.id}").get_data(as_text=True)
    assert "Saya berminat" in page and "Batalkan minat" not in page
    fragment = client.post(f"/me/vacancies/{world.vacancy.id}/interest", headers={"HX-Request": "true"})
    assert "Batalkan minat" in fragment.get_data(as_text=True)
    fragment = client.post(f"/me/vacancies/{world.vacancy.id}/interest/withdraw", headers={"HX-Request": "true"})
    text = fragment.get_data(as_text=True)
    assert "<html" not in text and "Minat Anda dibatalkan" in text and "Saya berminat" in text


def test_a_referred_resident_cannot_withdraw_interest_here(client, auth, world):
    match = _referred(world)
    match.interested = True
    db.session.commit()
    auth.login("warga@test.id")
    client.post(f"/me/vacancies/{world.vacancy.id}/interest/withdraw")
    db.session.refresh(match)
    assert match.interested and match.status == "referred"
    assert db.session.scalar(select(MatchEvent).where(MatchEvent.outcome == "uninterested")) is None


def test_hire_form_starts_from_the_vacancys_contract(client, auth, world):
    world.vacancy.contract_type = "pkwt"
    match = _referred(world)
    auth.login("hrd@test.id")
    page = client.get(f"/employer/vacancies/{world.vacancy.id}").get_data(as_text=True)
    assert f'<option selected value="pkwt">' in page.split(f'id="hire{match.id}-contract_type"')[1].split("</select>")[0]
    world.vacancy.contract_type = "pkwtt"
    db.session.commit()
    page = client.get(f"/employer/vacancies/{world.vacancy.id}").get_data(as_text=True)
    assert f'<option selected value="pkwtt">' in page.split(f'id="hire{match.id}-contract_type"')[1].split("</select>")[0]
