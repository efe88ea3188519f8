"""Staff lists as CSV and XLSX: the columns on screen, formulas neutralised, NIK masked, audited."""
from __future__ import annotations

import csv
import datetime as dt
import io

from sqlalchemy import select

from app.core.exports import csv_bytes, neutralise
from app.extensions import db
from app.models import AuditLog
from app.core.nik import mask_nik


def test_neutralise():
    assert [neutralise(v) for v in ("=SUM(A1)", "+62812", "-1", "@cmd", "Budi", None, 5)] == \
        ["'=SUM(A1)", "'+62812", "'-1", "'@cmd", "Budi", "", "5"]
    assert csv_bytes(["a"], [["=1+1"]]).decode("utf-8-sig").splitlines() == ["a", "'=1+1"]


def _rows(response):
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_residents_export_masks_nik_neutralises_and_is_audited(client, auth, world, make):
    evil = make.seeker(world.nj, name="=HYPERLINK(\"http://x\")", birth=dt.date(1995, 1, 2), skills=["@las", "bubut"])
    db.session.commit()
    auth.login("petugas@test.id")
    response = client.get("/staff/seekers/export")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = _rows(response)
    assert rows[0][:3] == ["Nama", "NIK", "RW"]
    names = [r[0] for r in rows[1:]]
    assert world.seeker.full_name in names and world.other_seeker.full_name not in names  # own kelurahan only
    evil_row = next(r for r in rows[1:] if "HYPERLINK" in r[0])
    assert evil_row[0].startswith("'=") and evil_row[4].startswith("'@las")
    body = response.data.decode("utf-8-sig")
    assert world.seeker.nik not in body and evil.nik not in body and mask_nik(world.seeker.nik) in body
    log = db.session.scalar(select(AuditLog).where(AuditLog.action == "export", AuditLog.object_type == "seekers"))
    assert log is not None and "csv" in log.detail


def test_residents_export_keeps_the_filters(client, auth, world, make):
    make.seeker(world.nj, name="Joko Lulusan SD", birth=dt.date(1990, 6, 7), education="SD", major="")
    db.session.commit()
    auth.login("petugas@test.id")
    rows = _rows(client.get("/staff/seekers/export?education=SD"))
    assert [r[0] for r in rows[1:]] == ["Joko Lulusan SD"]


def test_vacancies_export_csv_and_xlsx(client, auth, world):
    world.vacancy.title = "-Operator"
    db.session.commit()
    auth.login("petugas@test.id")
    rows = _rows(client.get("/staff/vacancies/export?status=open"))
    assert rows[0] == ["Posisi", "Perusahaan", "Gaji", "Status"]
    titles = {r[0] for r in rows[1:]}
    assert "'-Operator" in titles and "Staf Gudang" in titles
    xlsx = client.get("/staff/vacancies/export?status=open&format=xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == ["Posisi", "Perusahaan", "Gaji", "Status"] and ["'-Operator"] == [v[0] for v in values if v[0].startswith("'")]
    assert db.session.query(AuditLog).filter_by(action="export", object_type="vacancies").count() == 2


def test_exports_are_for_staff_only(client, auth, world):
    auth.login("hrd@test.id")
    assert client.get("/staff/seekers/export").status_code == 403
    assert client.get("/staff/vacancies/export").status_code == 403
