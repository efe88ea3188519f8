"""WhatsApp click-to-chat links on the staff's referral page."""
from __future__ import annotations

from urllib.parse import unquote

from app.referrals import services as referrals
from app.extensions import db
from app.models import Match
from app.staff.services import wa_number, whatsapp_links


def test_wa_number():
    assert wa_number("0812-3456-7890") == "6281234567890"
    assert wa_number("+62 812 3456 7890") == "6281234567890"
    assert wa_number("") is None and wa_number(None) is None and wa_number("abc") is None


def test_match_page_links_to_resident_and_employer(client, auth, world):
    world.company.contact_phone = "021-5551234"
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.flush()
    referrals.refer(match, world.staff)
    db.session.commit()
    links = whatsapp_links(match)
    assert links["seeker"].startswith("https://wa.me/62812") and "?text=" in links["seeker"]
    assert links["employer"].startswith("https://wa.me/62215551234?text=")
    assert "Anda sudah kami rujuk" in unquote(links["seeker"]) and world.vacancy.title in unquote(links["seeker"])
    assert world.seeker.nik not in unquote(links["employer"])
    auth.login("petugas@test.id")
    page = client.get(f"/staff/matches/{match.id}").get_data(as_text=True)
    assert "https://wa.me/62812" in page and "https://wa.me/62215551234" in page


def test_no_links_for_a_suggestion(world):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.flush()
    assert whatsapp_links(match) == {}
