"""The dashboard pages: who sees what, the charts and their tables, odd query parameters."""
from __future__ import annotations

import re

import pytest


def _page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return response.get_data(as_text=True)


def test_staff_dashboard_is_their_kelurahan_with_charts_and_tables(client, auth, figures_world):
    auth.login("petugas@test.id")
    page = _page(client, "/reports/")
    assert "Dasbor · Nusa Jaya" in page
    assert 'name="kelurahan"' not in page  # no choice of area for staff
    # Every chart is an accessible image with a title, and has its table beside it.
    charts = re.findall(r'<svg class="chart-svg"[^>]*>', page)
    assert len(charts) >= 9 and all('role="img"' in c and "aria-labelledby" in c for c in charts)
    assert page.count("<table") >= page.count("<figure") == len(charts)
    for title in ("Menurut RW", "Menurut pendidikan", "Menurut kelompok umur", "Menurut jenis kelamin",
                  "Posisi dibuka per sektor", "Warga diterima kerja per bulan", "Kesenjangan keterampilan",
                  "Usulan topik pelatihan", "Per perusahaan"):
        assert title in page, title
    assert "Siti Aminah" not in page  # a resident of Cimone
    assert "PT Lain Jaya" not in page  # a company of Cimone
    assert "Pelayanan pelanggan dan penjualan" in page  # a training topic for the kasir vacancy's skills


def test_staff_sees_the_names_of_stalled_residents_the_city_only_counts(client, auth, world, make):
    import datetime as dt

    from app.extensions import db
    from app.core.timeutil import utcnow

    make.seeker(world.nj, name="Eko Prasetyo", rw="02", created_at=utcnow() - dt.timedelta(days=100))
    db.session.commit()
    auth.login("petugas@test.id")
    assert "Eko Prasetyo" in _page(client, "/reports/")
    auth.logout()
    auth.login("kota@test.id")
    page = _page(client, "/reports/")
    assert "Eko Prasetyo" not in page
    page = _page(client, f"/reports/?kelurahan={world.nj.id}")
    assert "Eko Prasetyo" not in page and "Dasbor · Nusa Jaya" in page


def test_city_dashboard_spans_every_kelurahan(client, auth, figures_world):
    auth.login("kota@test.id")
    page = _page(client, "/reports/")
    assert "Semua kelurahan" in page and "Per kelurahan" in page
    assert "PT Lain Jaya" in page and "Toko Maju" in page
    assert "Siti Aminah" not in page and "Ani Lestari" not in page  # aggregates only
    assert 'name="kelurahan"' in page  # the city viewer may narrow it to one kelurahan
    one = _page(client, f"/reports/?kelurahan={figures_world.cm.id}")
    assert "Dasbor · Cimone" in one and "PT Sinar Logam" not in one


@pytest.mark.parametrize("value", ["abc", "999999", "-1", "1e3", "%00"])
def test_unknown_kelurahan_parameter_falls_back_to_the_city(client, auth, world, value):
    auth.login("admin@test.id")
    page = _page(client, f"/reports/?kelurahan={value}")
    assert "Semua kelurahan" in page


def test_staff_cannot_widen_their_dashboard(client, auth, figures_world):
    auth.login("petugas@test.id")
    page = _page(client, f"/reports/?kelurahan={figures_world.cm.id}")
    assert "Dasbor · Nusa Jaya" in page and "PT Lain Jaya" not in page


def test_empty_database_dashboard(client, auth, world):
    auth.login("kota@test.id")
    page = _page(client, "/reports/")
    assert "Belum ada" in page or "Tidak ada" in page


@pytest.mark.parametrize("login", ["warga@test.id", "hrd@test.id"])
def test_residents_and_employers_have_no_reports(client, auth, world, login):
    auth.login(login)
    for path in ("/reports/", "/reports/monthly", "/reports/export/hires", "/reports/export/vacancies"):
        assert client.get(path).status_code == 403


@pytest.mark.parametrize("query", ["?month=garbage", "?month=2026-13&kelurahan=abc", "?kelurahan=999999", "?month=2026-05"])
def test_monthly_page_with_odd_parameters(client, auth, world, query):
    auth.login("kota@test.id")
    page = _page(client, "/reports/monthly" + query)
    month = re.search(r'name="month"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*name="month"', page)
    value = month.group(1) or month.group(2)
    assert re.fullmatch(r"\d{4}-\d{2}", value)
    if query == "?month=2026-05":
        assert value == "2026-05"
