"""One rule for identity: what a referral letter vouches for is checked by staff again after it changes."""
import datetime as dt

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Match, ReferralLetter
from app.referrals import services as referrals
from tests.factories import make_nik


def _profile_data(world, **changes):
    data = {"full_name": "Budi Santoso", "nik": world.seeker.nik, "birth_date": "1998-05-17", "sex": "L", "rw": "03",
            "education": "SMK", "major": "Teknik Mesin", "phone": world.seeker.phone, "current_password": "rahasia123"}
    return data | changes


def _referred(world) -> Match:
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.flush()
    referrals.refer(match, world.staff)
    db.session.commit()
    return match


CHANGES = {
    "name": lambda w: {"full_name": "Bambang Sutrisno"},
    "nik": lambda w: {"nik": make_nik(dt.date(1998, 5, 17), "L", serial=4321)},
    "birth date": lambda w: {"birth_date": "1999-06-18", "nik": make_nik(dt.date(1999, 6, 18), "L", serial=4321)},
    "sex": lambda w: {"sex": "P", "nik": make_nik(dt.date(1998, 5, 17), "P", serial=4321)},
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_an_identity_change_waits_for_staff_and_letters_wait_with_it(client, auth, world, change):
    match = _referred(world)
    auth.login("warga@test.id")
    response = client.post("/me/profile", data=_profile_data(world, **CHANGES[change](world)), follow_redirects=True)
    assert "menunggu verifikasi ulang" in response.get_data(as_text=True)
    db.session.refresh(world.seeker)
    assert not world.seeker.verified
    assert "menunggu verifikasi" in client.get("/me/profile").get_data(as_text=True)
    auth.logout()

    auth.login("petugas@test.id")
    assert client.post(f"/staff/matches/{match.id}/letter").status_code == 303
    assert db.session.scalar(select(ReferralLetter).where(ReferralLetter.match_id == match.id)) is None
    response = client.get(f"/staff/matches/{match.id}/letter.pdf", follow_redirects=True)
    assert response.mimetype != "application/pdf" and "menunggu verifikasi" in response.get_data(as_text=True)

    assert client.post(f"/staff/seekers/{world.seeker.id}/verify").status_code == 303
    assert client.post(f"/staff/matches/{match.id}/letter").status_code == 303
    response = client.get(f"/staff/matches/{match.id}/letter.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"


def test_letters_of_a_verified_resident_are_unchanged(client, auth, world):
    match = _referred(world)
    auth.login("warga@test.id")
    # Other fields, and the same name typed with other spaces or capitals, keep the verification.
    assert client.post("/me/profile", data=_profile_data(world, full_name=" budi  SANTOSO", about="Rajin")).status_code == 303
    db.session.refresh(world.seeker)
    assert world.seeker.verified
    auth.logout()
    auth.login("petugas@test.id")
    client.post(f"/staff/matches/{match.id}/letter")
    assert client.get(f"/staff/matches/{match.id}/letter.pdf").mimetype == "application/pdf"


def _company_data(company, **changes):
    return {"name": company.name, "kbli_code": company.kbli_code, "address": company.address,
            "contact_name": company.contact_name} | changes


def test_renaming_a_verified_company_sends_it_back_to_verification(client, auth, world):
    auth.login("hrd@test.id")
    assert client.post("/employer/company", data=_company_data(world.company, address="Jl. Industri 2")).status_code == 303
    db.session.refresh(world.company)
    assert world.company.status == "verified"  # not a rename

    response = client.post("/employer/company", data=_company_data(world.company, name="PT Baru Sekali"),
                           follow_redirects=True)
    assert "menunggu verifikasi ulang" in response.get_data(as_text=True)
    db.session.refresh(world.company)
    assert world.company.status == "pending" and world.company.verified_at is None
    auth.logout()
    auth.login("warga@test.id")
    assert client.get(f"/me/vacancies/{world.vacancy.id}").status_code == 404  # its vacancies wait too
