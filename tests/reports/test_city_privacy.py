"""The city viewer reads counts: no page or download open to it holds a row per person (a name,
NIK, phone, email or birth date, or a hire's own sex, age, education and disability)."""
import csv
import io
import re

import pytest
from openpyxl import load_workbook

from app.jobs.runner import execute
from app.reports import tables


def _personal_values(world):
    for seeker in (world.seeker, world.other_seeker, world.ani, world.dedi):
        yield seeker.full_name
        yield seeker.nik
        yield seeker.phone
        yield seeker.birth_date.isoformat()
        yield seeker.birth_date.strftime("%d-%m-%Y")
        if seeker.user is not None:
            yield seeker.user.email


def _city_visible(client, world, month):
    scopes = ["", f"&kelurahan={world.nj.id}", f"&kelurahan={world.cm.id}"]
    for scope in scopes:
        yield f"/reports/?x=1{scope}"
        yield f"/reports/export/hires?month={month}{scope}"
        yield f"/reports/export/vacancies?month={month}{scope}"
        kelurahan_id = world.nj.id if "kelurahan" in scope else None
        for name in tables.TABLES:
            if tables.available(name, kelurahan_id, staff=False):
                yield f"/reports/table/{name}.csv?x=1{scope}"
    response = client.post("/reports/monthly", data={"month": month, "kelurahan": "", "format": "xlsx"})
    job_id = int(re.search(r"/reports/monthly/(\d+)$", response.headers["Location"]).group(1))
    execute(job_id)
    yield f"/reports/monthly/{job_id}"
    yield f"/reports/monthly/{job_id}/download"


def _text(response) -> str:
    if response.mimetype.endswith("sheet"):
        book = load_workbook(io.BytesIO(response.data))
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    return response.data.decode("utf-8-sig", errors="replace")


@pytest.mark.parametrize("login", ["kota@test.id", "admin@test.id"])
def test_no_city_visible_page_or_download_holds_a_row_per_person(client, auth, figures_world, login):
    month = figures_world.month.label
    personal = [v for v in _personal_values(figures_world) if v]
    auth.login(login)
    for url in _city_visible(client, figures_world, month):
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        if url.endswith("/download"):  # the monthly report: its placements sheet holds counts only
            sheet = load_workbook(io.BytesIO(response.data))["Penempatan (Disnaker)"]
            assert next(sheet.iter_rows(values_only=True)) == ("Kelurahan domisili", "Sektor (KBLI 2020)", "Diterima kerja")
        response.close()
        assert [v for v in personal if v in text] == [], url
    hires = list(csv.reader(io.StringIO(client.get(f"/reports/export/hires?month={month}").data.decode("utf-8-sig"))))
    assert hires[0] == ["Kelurahan domisili", "Sektor (KBLI 2020)", "Diterima kerja"]
    assert [row[2] for row in hires[1:-1]] == ["–", "–"]  # 2 and 1 hires: suppressed
    assert "disembunyikan" in hires[-1][0]  # the footnote that explains the mark


def test_staff_keep_the_per_hire_export_of_their_kelurahan(client, auth, figures_world):
    auth.login("petugas@test.id")
    rows = list(csv.reader(io.StringIO(
        client.get(f"/reports/export/hires?month={figures_world.month.label}").data.decode("utf-8-sig"))))
    assert "Jenis kelamin" in rows[0] and len(rows) == 3  # Budi and Ani, one row each, without names
