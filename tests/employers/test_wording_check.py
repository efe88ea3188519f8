"""The employer sees wording that may discriminate while writing a vacancy: a live check (htmx,
a block of the form's own template) and, without JavaScript, a check button and a first save
that stops to show the flags. The employer's own vacancy page shows the whole text."""
from sqlalchemy import select

from app.extensions import db
from app.models import Vacancy

FLAGGED = "Dicari operator. Pria, usia maks. 30 tahun."


def _vacancy(**changes):
    return {"title": "Operator Produksi", "description": "Mengoperasikan mesin.", "education_min": "", "shift": "",
            "contract_type": "pkwt", "location": "Jatiuwung", "openings": "2", "deadline": "2026-12-20"} | changes


def test_live_check_answers_with_the_block_alone(client, auth, world):
    auth.login("hrd@test.id")
    response = client.post("/employer/vacancies/wording", data=_vacancy(description=FLAGGED),
                           headers={"HX-Request": "true"})
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert text.lstrip().startswith('<div id="wording-check"') and "<html" not in text
    assert "menyebut jenis kelamin tertentu" in text and "membatasi usia maksimal" in text and "Pria" in text
    clean = client.post("/employer/vacancies/wording", data=_vacancy(), headers={"HX-Request": "true"})
    assert "Tidak ada kata yang perlu diperiksa" in clean.get_data(as_text=True)
    assert db.session.scalar(select(Vacancy).where(Vacancy.title == "Operator Produksi")) is None  # saves nothing


def test_form_asks_for_the_live_check(client, auth, world):
    auth.login("hrd@test.id")
    page = client.get("/employer/vacancies/new").get_data(as_text=True)
    assert 'data-hx-post="/employer/vacancies/wording"' in page and 'id="wording-check"' in page
    assert 'formaction="/employer/vacancies/wording"' in page  # the same check without JavaScript


def test_without_javascript_the_check_button_shows_the_whole_form(client, auth, world):
    auth.login("hrd@test.id")
    response = client.post("/employer/vacancies/wording", data=_vacancy(description=FLAGGED))
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" in text and "menyebut jenis kelamin tertentu" in text
    assert 'value="Operator Produksi"' in text and FLAGGED in text  # nothing typed is lost


def test_first_save_of_flagged_wording_stops_to_show_it(client, auth, world):
    auth.login("hrd@test.id")
    response = client.post("/employer/vacancies/new", data=_vacancy(description=FLAGGED))
    text = response.get_data(as_text=True)
    assert response.status_code == 422 and "membatasi usia maksimal" in text
    assert db.session.scalar(select(Vacancy).where(Vacancy.title == "Operator Produksi")) is None
    seen = text.split('name="wording_seen" value="')[1].split('"')[0]
    response = client.post("/employer/vacancies/new", data=_vacancy(description=FLAGGED, wording_seen=seen))
    assert response.status_code == 303  # seen and kept: staff review it
    assert db.session.scalar(select(Vacancy).where(Vacancy.title == "Operator Produksi")) is not None
    # New wording that may discriminate is shown again before it is saved.
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.title == "Operator Produksi"))
    response = client.post(f"/employer/vacancies/{vacancy.id}/edit",
                           data=_vacancy(description=FLAGGED + " Beragama Islam.", wording_seen=seen))
    assert response.status_code == 422 and "menyebut agama" in response.get_data(as_text=True)


def test_clean_wording_saves_at_once(client, auth, world):
    auth.login("hrd@test.id")
    assert client.post("/employer/vacancies/new", data=_vacancy()).status_code == 303


def test_another_companys_vacancy_is_not_checked_for_it(client, auth, world):
    auth.login("hrd@test.id")
    response = client.post("/employer/vacancies/wording", data=_vacancy(vacancy_id=str(world.other_vacancy.id)))
    assert response.status_code == 404


def test_employer_vacancy_page_shows_the_whole_text(client, auth, world):
    world.vacancy.description = "Mengoperasikan mesin CNC bubut.\nShift bergilir."
    world.vacancy.location = "Jl. Industri 1, Jatiuwung"
    db.session.commit()
    auth.login("hrd@test.id")
    page = client.get(f"/employer/vacancies/{world.vacancy.id}").get_data(as_text=True)
    assert "Mengoperasikan mesin CNC bubut.\nShift bergilir." in page and "Jl. Industri 1, Jatiuwung" in page
