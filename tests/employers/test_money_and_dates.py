"""Money and dates as people write them: every wage field reads rupiah the Indonesian way, every
date field explains the calendar the same way, and times already past are refused."""
import datetime as dt

import pytest
from sqlalchemy import select

from app.core.formfields import RupiahError, parse_date, parse_rupiah
from app.extensions import db
from app.models import Match, Vacancy

WRITTEN = ["4.500.000", "4,5 juta", "Rp 4.500.000", "Rp4.500.000,-", "4500000", "4.5jt", "4,500,000", "Rp. 4.500.000",
           "4,5 Juta", "4.500.000,00", "4.5 million"]


@pytest.mark.parametrize("text", WRITTEN)
def test_rupiah_as_people_write_it(text):
    assert parse_rupiah(text) == 4_500_000


@pytest.mark.parametrize("text", ["empat juta", "4.50.000", "4.5.6 jt", "-5", "Rp", "1e6"])
def test_unreadable_rupiah(text):
    if text == "Rp":
        assert parse_rupiah(text) is None  # nothing but the currency: an empty box
        return
    with pytest.raises(RupiahError):
        parse_rupiah(text)


def test_dates_from_the_picker_or_typed():
    assert parse_date("2026-12-07") == parse_date("07-12-2026") == parse_date("7/12/2026") \
        == parse_date("7 Desember 2026") == dt.date(2026, 12, 7)
    with pytest.raises(ValueError):
        parse_date("31-02-2026")


def _vacancy(**changes):
    return {"title": "Juru Las", "contract_type": "pkwt", "location": "Jatiuwung", "openings": "2", "education_min": "", "shift": "",
            "deadline": "2026-12-20"} | changes


def test_vacancy_wages_in_any_common_form(client, auth, world):
    auth.login("hrd@test.id")
    response = client.post("/employer/vacancies/new", data=_vacancy(wage_min="Rp 4.500.000", wage_max="6,5 juta"))
    assert response.status_code == 303
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.title == "Juru Las"))
    assert (vacancy.wage_min, vacancy.wage_max) == (4_500_000, 6_500_000)
    form = client.get(f"/employer/vacancies/{vacancy.id}/edit").get_data(as_text=True)
    assert 'value="4.500.000"' in form and 'value="6.500.000"' in form  # shown back the way it reads


def test_unreadable_wage_is_explained_at_the_field_in_each_language(client, auth, world):
    auth.login("hrd@test.id")
    response = client.post("/employer/vacancies/new", data=_vacancy(wage_min="empat juta", openings="dua"))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'id="wage_min-error"' in page and "misalnya 4.500.000 atau 4,5 juta" in page
    assert 'id="openings-error"' in page and "angka bulat" in page
    assert 'value="empat juta"' in page  # what was typed stays in the box
    assert "Not a valid" not in page
    english = client.post("/employer/vacancies/new?lang=en", data=_vacancy(wage_min="empat juta"))
    text = english.get_data(as_text=True)
    assert english.status_code == 422 and "for example 4,500,000 or 4.5 million" in text and "Not a valid" not in text
    assert db.session.scalar(select(Vacancy).where(Vacancy.title == "Juru Las")) is None


def test_resident_expected_wage_as_written(client, auth, world):
    auth.login("warga@test.id")
    response = client.post("/me/profile", data={
        "full_name": "Budi Santoso", "nik": world.seeker.nik, "birth_date": "1998-05-17", "sex": "L", "rw": "03",
        "education": "SMA", "expected_wage": "Rp4.750.000,-"})
    assert response.status_code == 303
    db.session.refresh(world.seeker)
    assert world.seeker.expected_wage == 4_750_000
    response = client.post("/me/profile", data={
        "full_name": "Budi Santoso", "nik": world.seeker.nik, "birth_date": "1998-05-17", "sex": "L", "rw": "03",
        "education": "SMA", "expected_wage": "4500"})
    assert response.status_code == 422 and "terlalu kecil" in response.get_data(as_text=True)


def test_every_date_field_explains_the_calendar_one_way(client, auth, world):
    auth.login("hrd@test.id")
    page = client.get("/employer/vacancies/new").get_data(as_text=True)
    assert 'type="date"' in page and "Pilih tanggal dari kalender (contoh: 7 Desember 2026)" in page
    assert "tahun-bulan-tanggal" not in page
    response = client.post("/employer/vacancies/new", data=_vacancy(deadline="12/31/2026"))
    assert response.status_code == 422
    assert "Tanggal tidak terbaca. Pilih tanggal dari kalender (contoh: 7 Desember 2026)." in response.get_data(as_text=True)


def test_deadline_before_today_is_refused(client, auth, world):
    auth.login("hrd@test.id")  # the clock stands at 18 November 2026 (tests/conftest.py)
    response = client.post("/employer/vacancies/new", data=_vacancy(deadline="2026-11-17"))
    assert response.status_code == 422
    assert "tidak boleh sebelum hari ini (18 November 2026)" in response.get_data(as_text=True)
    assert client.post("/employer/vacancies/new", data=_vacancy(deadline="2026-11-18")).status_code == 303


def test_interview_in_the_past_is_refused(client, auth, world):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="referred", reasons=[])
    db.session.add(match)
    db.session.commit()
    auth.login("hrd@test.id")
    for past in ("2026-11-01T09:00", "2026-11-18T09:59"):
        response = client.post(f"/employer/referrals/{match.id}/interview", data={f"iv{match.id}-interview_at": past})
        assert response.status_code == 422
        assert "Waktu wawancara sudah lewat" in response.get_data(as_text=True)
    db.session.refresh(match)
    assert match.status == "referred" and match.interview_at is None
    response = client.post(f"/employer/referrals/{match.id}/interview", data={f"iv{match.id}-interview_at": "2026-11-18T13:00"})
    assert response.status_code == 303
