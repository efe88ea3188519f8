import datetime as dt

from sqlalchemy import select

from app.extensions import db
from app.models import Match, Vacancy
from app.core.timeutil import WIB


def test_employer_creates_edits_and_closes_a_vacancy(client, auth, world):
    auth.login("hrd@test.id")
    deadline = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    response = client.post("/employer/vacancies/new", data={
        "title": "Juru Las", "description": "Las listrik dan argon", "skills": "las listrik, las argon",
        "education_min": "SMK", "experience_years_min": "1,5", "contract_type": "pkwt", "wage_min": "5400000",
        "wage_max": "6500000", "shift": "bergilir", "location": "Jatiuwung", "openings": "3", "deadline": deadline})
    assert response.status_code == 303
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.title == "Juru Las"))
    assert vacancy.experience_years_min == 1.5 and vacancy.skills == ["las listrik", "las argon"] and vacancy.status == "review"  # staff review it first
    client.post(f"/employer/vacancies/{vacancy.id}/edit", data={
        "title": "Juru Las Argon", "education_min": "", "contract_type": "pkwtt", "shift": "", "location": "Jatiuwung",
        "openings": "2", "deadline": deadline})
    db.session.refresh(vacancy)
    assert vacancy.title == "Juru Las Argon" and vacancy.education_min is None and vacancy.openings == 2
    client.post(f"/employer/vacancies/{vacancy.id}/close")
    db.session.refresh(vacancy)
    assert vacancy.status == "closed"


def test_employer_answers_interview_then_hire(client, auth, world):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[])
    db.session.add(match)
    db.session.commit()
    auth.login("hrd@test.id")
    response = client.post(f"/employer/referrals/{match.id}/interview", data={f"iv{match.id}-interview_at": "2026-12-03T09:30"})
    assert response.status_code == 303
    db.session.refresh(match)
    assert match.status == "interview"
    assert match.interview_at.astimezone(WIB).strftime("%Y-%m-%d %H:%M") == "2026-12-03 09:30"
    client.post(f"/employer/referrals/{match.id}/hire", data={f"hire{match.id}-start_date": "2026-12-10",
                                                             f"hire{match.id}-contract_type": "pkwt"})
    db.session.refresh(match)
    assert match.status == "hired" and match.start_date == dt.date(2026, 12, 10)
    auth.logout()
    auth.login("warga@test.id")
    page = client.get("/me/").get_data(as_text=True)
    assert "Selamat! Anda diterima bekerja." in page and "10 Desember 2026" in page


def test_refusal_reason_from_fixed_list(client, auth, world):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[])
    db.session.add(match)
    db.session.commit()
    auth.login("hrd@test.id")
    assert client.post(f"/employer/referrals/{match.id}/refuse", data={f"rf{match.id}-reason": "rahasia"}).status_code == 422
    client.post(f"/employer/referrals/{match.id}/refuse", data={f"rf{match.id}-reason": "experience"})
    db.session.refresh(match)
    assert match.status == "refused" and match.reason_code == "experience"
    auth.logout()
    auth.login("warga@test.id")
    assert "Pengalaman belum cukup" in client.get(f"/me/referrals/{match.id}").get_data(as_text=True)


def test_withdrawn_consent_hides_profile_from_employer(client, auth, world):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[])
    world.seeker.consent_sharing = False
    db.session.add(match)
    db.session.commit()
    auth.login("hrd@test.id")
    page = client.get(f"/employer/vacancies/{world.vacancy.id}").get_data(as_text=True)
    assert "menarik persetujuan" in page and world.seeker.phone not in page


def test_hire_start_date_cannot_precede_the_referral(client, auth, world):
    from app.core.timeutil import utcnow

    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[], referred_at=utcnow())
    db.session.add(match)
    db.session.commit()
    auth.login("hrd@test.id")
    response = client.post(f"/employer/referrals/{match.id}/hire", data={
        f"hire{match.id}-start_date": (dt.date.today() - dt.timedelta(days=400)).isoformat(),
        f"hire{match.id}-contract_type": "pkwt"})
    assert response.status_code == 422 and "sebelum tanggal rujukan" in response.get_data(as_text=True)
    db.session.refresh(match)
    assert match.status == "referred"
