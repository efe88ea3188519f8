"""Referring by hand from a vacancy: any resident of the staff member's kelurahan, with the
requirements they do not meet shown, and a reason required to refer them anyway."""
from sqlalchemy import select

from app.extensions import db
from app.models import AuditLog, Match, MatchEvent


def _search(client, world, q):
    return client.get(f"/staff/vacancies/{world.vacancy.id}/manual", query_string={"q": q})


def test_search_shows_the_unmet_requirements(client, auth, world, make):
    world.vacancy.education_min, world.vacancy.certificates = "SMA", ["SIM B1"]
    world.vacancy.experience_years_min = 2
    make.seeker(world.nj, name="Joko Widodo Susilo", education="SMP", major="", certificates=[])
    db.session.commit()
    auth.login("petugas@test.id")
    page = _search(client, world, "joko").get_data(as_text=True)
    assert "Joko Widodo Susilo" in page
    assert "Pendidikan minimal SMA" in page
    assert "Sertifikat/SIM yang diminta belum dimiliki: SIM B1" in page
    assert "Pengalaman minimal 2 tahun; warga: 0 tahun" in page
    # A resident of another kelurahan is never found.
    assert "Siti Aminah" not in _search(client, world, "siti").get_data(as_text=True)


def test_refer_by_hand_needs_a_reason_when_a_requirement_is_not_met(client, auth, world, make):
    joko = make.seeker(world.nj, name="Joko Susilo", education="SMP", major="")
    db.session.commit()
    auth.login("petugas@test.id")
    url = f"/staff/vacancies/{world.vacancy.id}/manual/{joko.id}"
    refused = client.post(url, data={f"m{joko.id}-reason": "", "q": "joko"})
    assert refused.status_code == 422
    assert "tulis alasan Anda tetap merujuk" in refused.get_data(as_text=True)
    assert db.session.scalar(select(Match).where(Match.seeker_id == joko.id)) is None

    response = client.post(url, data={f"m{joko.id}-reason": "Pengalaman bengkel 5 tahun, setara.", "q": "joko"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/suggestions")
    match = db.session.scalar(select(Match).where(Match.seeker_id == joko.id, Match.vacancy_id == world.vacancy.id))
    assert match.status == "referred"
    event = db.session.scalar(select(MatchEvent).where(MatchEvent.match_id == match.id, MatchEvent.to_status == "referred"))
    assert event.note == "Pengalaman bengkel 5 tahun, setara." and event.actor_id == world.staff.id
    audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "refer", AuditLog.object_id == str(match.id)))
    assert audit.detail == "manual override education"


def test_a_resident_meeting_every_requirement_needs_no_reason(client, auth, world):
    auth.login("petugas@test.id")
    assert "Semua syarat utama lowongan terpenuhi." in _search(client, world, "budi").get_data(as_text=True)
    response = client.post(f"/staff/vacancies/{world.vacancy.id}/manual/{world.seeker.id}",
                           data={f"m{world.seeker.id}-reason": ""})
    assert response.status_code == 303


def test_a_working_resident_is_referred_only_with_a_reason(client, auth, world):
    world.seeker.status = "working"
    db.session.commit()
    auth.login("petugas@test.id")
    assert "Tercatat: Sudah bekerja" in _search(client, world, "budi").get_data(as_text=True)
    url = f"/staff/vacancies/{world.vacancy.id}/manual/{world.seeker.id}"
    assert client.post(url, data={f"m{world.seeker.id}-reason": ""}).status_code == 422
    assert client.post(url, data={f"m{world.seeker.id}-reason": "Kontraknya habis minggu ini."}).status_code == 303
    audit = db.session.scalar(select(AuditLog).where(AuditLog.action == "refer"))
    assert audit.detail == "manual override status"


def test_no_consent_to_share_blocks_even_with_a_reason(client, auth, world):
    world.seeker.consent_sharing = False
    db.session.commit()
    auth.login("petugas@test.id")
    response = client.post(f"/staff/vacancies/{world.vacancy.id}/manual/{world.seeker.id}",
                           data={f"m{world.seeker.id}-reason": "Tetap saja."})
    assert response.status_code == 422
    assert db.session.scalar(select(Match).where(Match.seeker_id == world.seeker.id, Match.status == "referred")) is None


def test_staff_cannot_refer_a_resident_of_another_kelurahan(client, auth, world):
    auth.login("petugas@test.id")
    response = client.post(f"/staff/vacancies/{world.vacancy.id}/manual/{world.other_seeker.id}",
                           data={f"m{world.other_seeker.id}-reason": "x"})
    assert response.status_code == 404


def test_the_suggestions_page_leads_to_the_manual_search(client, auth, world):
    auth.login("petugas@test.id")
    page = client.get(f"/staff/vacancies/{world.vacancy.id}/suggestions").get_data(as_text=True)
    assert f'action="/staff/vacancies/{world.vacancy.id}/manual"' in page


def test_search_names_the_required_licences_a_resident_lacks(client, auth, world, make):
    world.vacancy.required_licences = ["SIM_B1", "GADA_PRATAMA"]
    make.seeker(world.nj, name="Joko Susilo", certificates=["SIM B2 Umum"])  # covers SIM B1
    make.seeker(world.nj, name="Joko Prasetyo", certificates=["sim b1", "KTA satpam"])
    db.session.commit()
    auth.login("petugas@test.id")
    page = _search(client, world, "joko").get_data(as_text=True)
    assert page.count("Izin wajib yang belum tercatat dimiliki:") == 1
    assert "Izin wajib yang belum tercatat dimiliki: Gada Pratama (Satpam)</li>" in page
    assert "belum tercatat dimiliki: SIM B1" not in page
