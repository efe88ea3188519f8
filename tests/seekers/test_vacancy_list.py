"""The resident's vacancy list shows each wage and filters like the public board, without JavaScript."""
from __future__ import annotations

from app.extensions import db

HX = {"HX-Request": "true"}


def _vacancies(make, world):
    cheap = make.vacancy(world.company, title="Helper Gudang Harian", contract_type="harian", wage_min=3_000_000,
                         wage_max=3_200_000, education_min="SMP")
    good = make.vacancy(world.company, title="Teknisi Listrik Pabrik", contract_type="pkwtt", wage_min=6_500_000,
                        wage_max=7_000_000, education_min="SMK")
    db.session.commit()
    return cheap, good


def test_each_vacancy_shows_its_wage(client, auth, world, make):
    _vacancies(make, world)
    auth.login("warga@test.id")
    page = client.get("/me/vacancies").get_data(as_text=True)
    assert "Rp6.500.000" in page and "Rp3.000.000" in page


def test_filters_narrow_the_list_and_keep_to_the_next_page(client, auth, world, make):
    cheap, good = _vacancies(make, world)
    auth.login("warga@test.id")
    page = client.get("/me/vacancies?wage=5.000.000").get_data(as_text=True)
    assert good.title in page and cheap.title not in page
    page = client.get("/me/vacancies?contract=harian").get_data(as_text=True)
    assert cheap.title in page and good.title not in page
    page = client.get("/me/vacancies?education=SMP").get_data(as_text=True)
    assert cheap.title in page and good.title not in page  # an SMP resident does not meet SMK
    fragment = client.get("/me/vacancies?contract=harian", headers=HX)
    assert "<h1>" not in fragment.get_data(as_text=True) and cheap.title in fragment.get_data(as_text=True)
    assert "HX-Request" in fragment.headers.get("Vary", "")


def test_a_mistyped_wage_comes_back_at_the_field(client, auth, world, make):
    _vacancies(make, world)
    auth.login("warga@test.id")
    response = client.get("/me/vacancies?wage=banyak")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'aria-invalid="true"' in page and "Helper Gudang Harian" not in page
