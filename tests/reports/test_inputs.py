"""Odd request input on every reports route: ids and months that str.isdigit() accepts but int()
or the database do not ("²", "٣", 10**20) fall back on pages and are refused (422) on downloads,
never a 500."""
from __future__ import annotations

import pytest

from app.extensions import db
from app.core.web import parse_id
from app.reports import groups, periods

ODD_IDS = ["99999999999999999999", "9223372036854775808", "%C2%B2", "%D9%A3", "%E2%91%A0", "0", "-1", "1e3",
           "0x1", "1%C2%B2"]


@pytest.mark.parametrize("value", ["1", "42", " 7 ", "9223372036854775807"])
def test_parse_id_takes_ascii_digits(value):
    assert parse_id(value) == int(value)


@pytest.mark.parametrize("value", [None, "", "²", "٣", "①", "0", "-1", "+1", "1e3", "1.0", "1 2", "\x00",
                                   "9223372036854775808", "9" * 40])
def test_parse_id_refuses_anything_else(value):
    assert parse_id(value) is None


@pytest.mark.parametrize("login", ["admin@test.id", "kota@test.id"])
@pytest.mark.parametrize("value", [*ODD_IDS, "%00"])
def test_dashboard_with_an_odd_kelurahan_is_the_city(client, auth, world, login, value):
    auth.login(login)
    response = client.get(f"/reports/?kelurahan={value}")
    assert response.status_code == 200
    assert "Semua kelurahan" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/reports/export/hires?month=2026-11&kelurahan=",
                                  "/reports/export/vacancies?month=2026-11&kelurahan=",
                                  "/reports/table/pendidikan.csv?kelurahan="])
@pytest.mark.parametrize("value", ODD_IDS)
def test_downloads_with_an_odd_kelurahan_are_422(client, auth, world, path, value):
    auth.login("kota@test.id")
    response = client.get(path + value)
    assert response.status_code == 422
    assert "Wilayah tidak dikenal" in response.get_data(as_text=True)


def test_downloads_with_an_unknown_but_valid_id_are_422_and_staff_ignore_the_parameter(client, auth, world):
    auth.login("admin@test.id")
    assert client.get("/reports/export/hires?month=2026-11&kelurahan=999999").status_code == 422
    assert client.get(f"/reports/export/hires?month=2026-11&kelurahan={world.cm.id}").status_code == 200
    assert client.get("/reports/export/hires?month=2026-11&kelurahan=").status_code == 200  # the city
    auth.logout()
    auth.login("petugas@test.id")
    for value in ODD_IDS:
        assert client.get(f"/reports/export/hires?month=2026-11&kelurahan={value}").status_code == 200


@pytest.mark.parametrize("month", ["%D9%A2%D9%A0%D9%A2%D9%A6-%D9%A1%D9%A1", "%C2%B2%C2%B2%C2%B2%C2%B2-11",
                                   "99999999999999999999-11", "2026-1%C2%B2"])
def test_months_in_other_digits_are_refused(client, auth, world, month):
    auth.login("kota@test.id")
    for path in ("/reports/export/hires", "/reports/export/vacancies"):
        assert client.get(f"{path}?month={month}").status_code == 422
    page = client.get(f"/reports/monthly?month={month}&kelurahan=%C2%B2")
    assert page.status_code == 200
    assert f'value="{periods.previous_month()}"' in page.get_data(as_text=True)
    with pytest.raises(ValueError):
        periods.parse_month("٢٠٢٦-١١")


def test_monthly_form_with_an_odd_kelurahan_is_422_not_500(client, auth, world):
    auth.login("kota@test.id")
    for value in ("²", "99999999999999999999", "abc"):
        response = client.post("/reports/monthly", data={"month": "2026-11", "kelurahan": value, "format": "xlsx"})
        assert response.status_code == 422


def test_a_kbli_code_in_other_digits_is_an_unknown_sector(client, auth, world, make):
    """Employers type the KBLI code; "²³" passes str.isdigit() (app/employers/forms.py)."""
    odd = make.company(name="CV Angka Aneh", kelurahan=world.nj)
    odd.kbli_code = "²³456"
    make.vacancy(odd, title="Pelayan")
    db.session.commit()
    assert groups.sector_of("²³456") == groups.UNKNOWN_SECTOR
    assert groups.sector_of("47111")[0] == "G"
    auth.login("kota@test.id")
    for path in ("/reports/", "/reports/table/sektor.csv", "/reports/export/vacancies?format=xlsx"):
        assert client.get(path).status_code == 200, path
    assert "Sektor belum diisi" in client.get("/reports/table/sektor.csv").data.decode("utf-8-sig")
