from sqlalchemy import select

from app.extensions import db
from app.models import ConsentRecord, Match
from app.ranking import refresh_all


def test_resident_sees_suggestions_with_reasons(client, auth, world):
    refresh_all()
    db.session.commit()
    auth.login("warga@test.id")
    page = client.get("/me/").get_data(as_text=True)
    assert "Operator Mesin CNC" in page and "Mengapa disarankan?" in page


def test_interest_is_recorded_once_and_shown_to_staff(client, auth, world):
    auth.login("warga@test.id")
    assert client.post(f"/me/vacancies/{world.vacancy.id}/interest").status_code == 303
    client.post(f"/me/vacancies/{world.vacancy.id}/interest")
    match = db.session.scalar(select(Match).where(Match.seeker_id == world.seeker.id))
    assert match.interested and [e.outcome for e in match.events] == ["interested"]
    auth.logout()
    auth.login("petugas@test.id")
    assert "berminat" in client.get(f"/staff/vacancies/{world.vacancy.id}/suggestions").get_data(as_text=True)


def test_profile_edit_refreshes_suggestions(client, auth, world):
    auth.login("warga@test.id")
    response = client.post("/me/profile", data={
        "full_name": "Budi Santoso", "nik": world.seeker.nik, "birth_date": "1998-05-17", "sex": "L", "rw": "03",
        "education": "SMA", "skills": "forklift, gudang", "desired_positions": "staf gudang", "shifts": ["pagi"]})
    assert response.status_code == 303
    db.session.refresh(world.seeker)
    assert world.seeker.skills == ["forklift", "gudang"] and world.seeker.major == ""
    # The Cimone warehouse vacancy now fits the resident.
    assert db.session.scalar(select(Match).where(Match.seeker_id == world.seeker.id,
                                                 Match.vacancy_id == world.other_vacancy.id)) is not None


def test_withdrawing_ranking_consent_removes_suggestions_at_once(client, auth, world):
    refresh_all()
    db.session.commit()
    auth.login("warga@test.id")
    client.post("/me/consent", data={"consent-consent_sharing": "y"})
    db.session.refresh(world.seeker)
    assert not world.seeker.consent_ranking
    assert db.session.scalar(select(Match).where(Match.seeker_id == world.seeker.id, Match.status == "suggested")) is None
    withdrawn = db.session.scalar(select(ConsentRecord).where(ConsentRecord.seeker_id == world.seeker.id,
                                                              ConsentRecord.purpose == "ranking", ConsentRecord.granted.is_(False)))
    assert withdrawn is not None and withdrawn.text_version
    assert "tidak ikut pencocokan otomatis" in client.get("/me/").get_data(as_text=True)


def test_nik_is_masked_on_resident_profile(client, auth, world):
    auth.login("warga@test.id")
    page = client.get("/me/profile").get_data(as_text=True)
    assert "3671••••••••" in page


def test_experience_add_and_delete(client, auth, world):
    auth.login("warga@test.id")
    client.post("/me/experience", data={"exp-title": "Operator Bubut", "exp-employer": "PT Logam", "exp-years": "2"})
    db.session.refresh(world.seeker)
    entry = world.seeker.experiences[0]
    assert entry.title == "Operator Bubut" and entry.years == 2.0
    client.post(f"/me/experience/{entry.id}/delete")
    db.session.refresh(world.seeker)
    assert world.seeker.experiences == []


def test_changing_nik_or_phone_needs_the_current_password(client, auth, world):
    auth.login("warga@test.id")
    data = {"full_name": "Budi Santoso", "nik": world.seeker.nik, "birth_date": "1998-05-17", "sex": "L", "rw": "03",
            "education": "SMK", "major": "Teknik Mesin", "phone": "081377776666"}
    response = client.post("/me/profile", data=data)
    assert response.status_code == 422 and "isi kata sandi Anda yang sekarang" in response.get_data(as_text=True)
    assert client.post("/me/profile", data=data | {"current_password": "salah"}).status_code == 422
    assert client.post("/me/profile", data=data | {"current_password": "rahasia123"}).status_code == 303
    db.session.refresh(world.seeker)
    assert world.seeker.phone == "081377776666"
    # Other fields need no password.
    assert client.post("/me/profile", data=data | {"about": "Rajin"}).status_code == 303
