"""A vacancy's licences, each required (a hard filter) or preferred: the form, the facts, the review."""
import datetime as dt

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Vacancy


@pytest.fixture
def english(app):
    """The English catalogue, compiled when the .mo is missing or older than the .po."""
    from tests.web.test_translations import compile_if_stale

    if compile_if_stale():
        app.extensions["babel"].instance.domain_instance.cache.clear()


def _form(**extra) -> dict:
    deadline = (dt.date.today() + dt.timedelta(days=20)).isoformat()
    data = {"title": "Sopir Truk", "description": "Mengantar barang ke pelanggan.", "skills": "mengemudi",
            "education_min": "SMP", "contract_type": "pkwt", "shift": "", "location": "Jatiuwung", "openings": "1",
            "deadline": deadline}
    data.update(extra)
    return data


def test_form_saves_both_lists(client, auth, world):
    auth.login("hrd@test.id")
    page = client.get("/employer/vacancies/new").get_data(as_text=True)
    assert "Izin/sertifikat wajib (syarat mutlak)" in page and "Izin/sertifikat diutamakan (nilai tambah)" in page
    assert 'value="SIM_B1_UMUM"' in page and "SIM (surat izin mengemudi)" in page
    response = client.post("/employer/vacancies/new", data=_form(
        required_licences=["SIM_B1_UMUM", "SKCK"], preferred_licences=["SIO_FORKLIFT"]))
    assert response.status_code == 303
    vacancy = db.session.scalar(select(Vacancy).where(Vacancy.title == "Sopir Truk"))
    assert vacancy.required_licences == ["SIM_B1_UMUM", "SKCK"] and vacancy.preferred_licences == ["SIO_FORKLIFT"]

    # The edit form starts from the stored choices, and clearing them stores empty lists.
    page = client.get(f"/employer/vacancies/{vacancy.id}/edit").get_data(as_text=True)
    assert 'value="SIM_B1_UMUM" checked' in page and 'value="SIO_FORKLIFT" checked' in page
    assert client.post(f"/employer/vacancies/{vacancy.id}/edit", data=_form()).status_code == 303
    db.session.refresh(vacancy)
    assert vacancy.required_licences == [] and vacancy.preferred_licences == []


def test_a_licence_in_both_lists_is_an_error_at_the_field(client, auth, world):
    auth.login("hrd@test.id")
    response = client.post("/employer/vacancies/new", data=_form(
        required_licences=["SIM_B1_UMUM"], preferred_licences=["SIM_B1_UMUM", "SIO_FORKLIFT"]))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="preferred_licences-error"' in page
    assert "SIM B1 Umum sudah dipilih sebagai wajib" in page
    # The choices stay ticked so the employer can untick one.
    assert 'value="SIO_FORKLIFT" checked' in page
    assert db.session.scalar(select(Vacancy).where(Vacancy.title == "Sopir Truk")) is None


def test_an_unknown_code_is_refused(client, auth, world):
    auth.login("hrd@test.id")
    response = client.post("/employer/vacancies/new", data=_form(required_licences=["SIM_Z"]))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="required_licences-error"' in page and "Izin/sertifikat tidak dikenal: SIM_Z" in page


def test_facts_show_names_in_the_readers_language(client, auth, world, english):
    world.vacancy.required_licences = ["SIM_B1_UMUM", "GADA_PRATAMA"]
    world.vacancy.preferred_licences = ["SIO_FORKLIFT"]
    db.session.commit()
    auth.login("hrd@test.id")
    page = client.get(f"/employer/vacancies/{world.vacancy.id}").get_data(as_text=True)
    assert "Izin wajib" in page and "SIM B1 Umum, Gada Pratama (Satpam)" in page
    assert "Izin diutamakan" in page and "SIO Forklift" in page
    page = client.get(f"/employer/vacancies/{world.vacancy.id}?lang=en").get_data(as_text=True)
    assert "Licences required" in page and "Driving licence B1, public transport" in page
    assert "Forklift operator licence" in page
    client.get("/employer/?lang=id")
    # The public board page lists them too, and JobPosting names what is required.
    board = client.get(f"/lowongan/{world.vacancy.id}").get_data(as_text=True)
    assert "SIM B1 Umum, Gada Pratama (Satpam)" in board and '"qualifications"' in board


def test_an_edit_of_the_licences_goes_back_to_review(client, auth, world):
    auth.login("hrd@test.id")
    vacancy = world.vacancy
    assert vacancy.status == "open"
    data = _form(title=vacancy.title, description=vacancy.description, skills=", ".join(vacancy.skills),
                 education_min=vacancy.education_min, contract_type=vacancy.contract_type, shift=vacancy.shift,
                 location=vacancy.location, wage_min=str(vacancy.wage_min), wage_max=str(vacancy.wage_max),
                 openings=str(vacancy.openings))
    client.post(f"/employer/vacancies/{vacancy.id}/edit", data=data)
    db.session.refresh(vacancy)
    assert vacancy.status == "open"  # nothing reviewed changed
    client.post(f"/employer/vacancies/{vacancy.id}/edit", data=dict(data, preferred_licences=["K3"]))
    db.session.refresh(vacancy)
    assert vacancy.status == "review" and vacancy.preferred_licences == ["K3"]
