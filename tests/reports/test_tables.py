"""The tables beside the dashboard's charts as CSV and XLSX: the columns and cells shown on the
page, the same scope rules as the page, names of stalled residents for staff only."""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from app.extensions import db
from app.models import AuditLog
from app.reports import tables
from app.core.timeutil import utcnow


def _text(cell: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())


def _page_tables(page: str) -> dict[str, list[list[str]]]:
    """name → the table shown on the page (header, then rows), for each table with a download link."""
    found = {}
    for body, name in re.findall(r"<table>((?:(?!<table>).)*?)</table>(?:(?!<table>).)*?"
                                 r'href="/reports/table/([a-z-]+)\.csv', page, re.S):
        header = [_text(th) for th in re.findall(r"<th[^>]*>(.*?)</th>", body, re.S)]
        rows = [[_text(td) for td in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
                for row in re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>")[1], re.S) if "colspan" not in row]
        found[name] = [header, *rows]
    return found


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return [[" ".join(c.split()) for c in row] for row in csv.reader(io.StringIO(response.data.decode("utf-8-sig")))]


@pytest.fixture
def stalled(world, make):
    eko = make.seeker(world.nj, name="Eko Prasetyo", rw="02", created_at=utcnow() - dt.timedelta(days=100))
    formula = make.seeker(world.nj, name="=HYPERLINK(\"http://x\")", rw="04",
                          created_at=utcnow() - dt.timedelta(days=120))
    other = make.seeker(world.cm, name="Joko Cimone", rw="01", created_at=utcnow() - dt.timedelta(days=100))
    db.session.commit()
    return eko, formula, other


@pytest.mark.parametrize("login,query", [("petugas@test.id", ""), ("kota@test.id", ""), ("kota@test.id", "cm"),
                                         ("admin@test.id", "nj")])
def test_every_table_downloads_as_shown_on_the_page(client, auth, figures_world, stalled, login, query):
    auth.login(login)
    scope = f"?kelurahan={getattr(figures_world, query).id}" if query else ""
    page = client.get("/reports/" + scope).get_data(as_text=True)
    shown = _page_tables(page)
    staff = login.startswith("petugas")
    expected = {name for name in tables.TABLES if tables.available(name, 1 if (staff or query) else None, staff=staff)}
    assert set(shown) == expected
    assert ("tanpa-rujukan-nama" in shown) == staff and ("rw" in shown) == bool(staff or query)
    footnotes = 0
    for name, table in shown.items():
        # (a cell that would be a formula gets a leading quote in the file; a file that hides
        # small counts ends with the footnote the page shows above its tables)
        rows = _csv(client.get(f"/reports/table/{name}.csv{scope}"))
        if rows[-1][0].startswith("Angka 1 sampai 4 orang disembunyikan"):
            rows, footnotes = rows[:-1], footnotes + 1
            assert any("–" in row or "< 5" in " ".join(row) for row in rows), name
        assert [[c.removeprefix("'") for c in row] for row in rows] == table, name
        xlsx = client.get(f"/reports/table/{name}.xlsx{scope}")
        assert xlsx.mimetype.endswith("spreadsheetml.sheet")
        rows = [[" ".join(str(c or "").split()) for c in row]
                for row in load_workbook(io.BytesIO(xlsx.data)).active.iter_rows(values_only=True)]
        rows = rows[:-1] if rows[-1][0].startswith("Angka 1 sampai 4 orang disembunyikan") else rows
        assert [[c.removeprefix("'") for c in row] for row in rows] == table, name
    assert (footnotes > 0) == (not staff)  # the city's tables of this small world hide counts; staff's none


def test_staff_tables_are_their_kelurahan_whatever_is_asked(client, auth, figures_world, stalled):
    auth.login("petugas@test.id")
    own = client.get("/reports/table/tanpa-rujukan-nama.csv").data
    assert client.get(f"/reports/table/tanpa-rujukan-nama.csv?kelurahan={figures_world.cm.id}").data == own
    text = own.decode("utf-8-sig")
    assert "Eko Prasetyo" in text and "Joko Cimone" not in text
    response = client.get("/reports/table/pendidikan.xlsx")
    assert "dasbor-pendidikan-nusa-jaya-" in response.headers["Content-Disposition"]
    assert response.headers["Cache-Control"] == "no-store"


def test_names_of_stalled_residents_are_for_staff_only(client, auth, figures_world, stalled):
    for login in ("admin@test.id", "kota@test.id"):
        auth.login(login)
        for query in ("", f"?kelurahan={figures_world.nj.id}"):
            assert client.get(f"/reports/table/tanpa-rujukan-nama.csv{query}").status_code == 403
        auth.logout()
    for login in ("warga@test.id", "hrd@test.id"):
        auth.login(login)
        assert client.get("/reports/table/pendidikan.csv").status_code == 403
        auth.logout()


def test_the_stalled_list_downloads_every_resident_with_formulas_neutralised(client, auth, world, make, stalled):
    for i in range(tables.services.STALLED_LISTED):
        make.seeker(world.nj, name=f"Warga Lama {i:02d}", created_at=utcnow() - dt.timedelta(days=200))
    db.session.commit()
    auth.login("petugas@test.id")
    page = client.get("/reports/").get_data(as_text=True)
    assert "Eko Prasetyo" not in page  # the page lists the oldest 50
    assert "Berkas unduhan memuat semua 52 warga." in page
    rows = _csv(client.get("/reports/table/tanpa-rujukan-nama.csv"))
    assert rows[0] == ["Nama", "RW", "Terdaftar", "Rujukan terakhir"] and len(rows) == 1 + 52
    assert ["Eko Prasetyo", "02"] == rows[-1][:2]
    assert "'=HYPERLINK(\"http://x\")" in [r[0] for r in rows]
    book = load_workbook(io.BytesIO(client.get("/reports/table/tanpa-rujukan-nama.xlsx").data))
    assert "'=HYPERLINK(\"http://x\")" in [r[0] for r in book.active.iter_rows(values_only=True)]
    logged = db.session.scalars(select(AuditLog).where(AuditLog.object_type == "dashboard_table")).all()
    assert [log.detail for log in logged] == ["tanpa-rujukan-nama; csv; 52 rows", "tanpa-rujukan-nama; xlsx; 52 rows"]
    assert {log.object_id for log in logged} == {str(world.nj.id)}


@pytest.mark.parametrize("path,status", [
    ("/reports/table/rw.csv", 404),  # by RW: one kelurahan only
    ("/reports/table/kelurahan.csv?kelurahan={nj}", 404),  # per kelurahan: the city only
    ("/reports/table/kelurahan.csv", 200),
    ("/reports/table/rw.xlsx?kelurahan={nj}", 200),
    ("/reports/table/tidak-ada.csv", 404),
    ("/reports/table/pendidikan.pdf", 404),
    ("/reports/table/pendidikan.csv?kelurahan=abc", 422),
])
def test_tables_that_are_not_on_the_page_are_not_found(client, auth, world, path, status):
    auth.login("kota@test.id")
    assert client.get(path.format(nj=world.nj.id)).status_code == status
