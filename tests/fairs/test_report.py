"""A fair's report: counts only, small cells hidden, hires counted within 30 and 90 days."""
import datetime as dt
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from app.fairs import booth, services
from app.fairs.report import fair_report, report_pdf
from app.models import AuditLog
from app.referrals import services as referrals


def _visit_and_hire(world, fair, make, n=6):
    """n residents of Nusa Jaya and one of Cimone at the fair; the first hired."""
    fair.scope = "kecamatan"
    people = [world.seeker] + [make.seeker(world.nj, name=f"Warga Uji {i}", birth=dt.date(1990 + i, 1, 5))
                               for i in range(n - 1)] + [world.other_seeker]
    records = []
    for seeker in people:
        fair_pass = services.register_pass(fair, seeker, world.staff)
        record, _changed = booth.record(booth.show_pass(fair_pass, world.company, world.hrd), world.vacancy,
                                        "interview", world.hrd)
        records.append(record)
    referrals.hire(records[0].match, world.hrd, dt.date.today(), "pkwtt")
    db.session.commit()
    return people


def test_the_report_counts_and_hides_small_cells(app, world, fair, make):
    _visit_and_hire(world, fair, make)
    with app.test_request_context("/"):
        found = fair_report(fair)
    totals = dict(found.totals)
    assert totals["Peserta terdaftar"] == 7 and totals["Pengunjung stan"] == 7 and totals["Lamaran dicatat"] == 7
    assert totals["Wawancara"] == 7
    assert totals["Diterima kerja dalam 30 hari"] == totals["Diterima kerja dalam 90 hari"] == 1
    places = dict(found.breakdowns[0].rows)
    assert places["Cimone"] == "–" and places["Nusa Jaya"] == "–"  # one person: hidden, and its complement too
    assert dict(found.breakdowns[3].rows) == {"PT Sinar Logam": 7}


def test_the_report_page_and_download(client, auth, world, fair, make):
    people = _visit_and_hire(world, fair, make)
    auth.login("petugas@test.id")
    page = client.get(f"/staff/bursa/{fair.id}/laporan").get_data(as_text=True)
    assert "Peserta per kelompok umur" in page
    assert all(p.full_name not in page for p in people)
    download = client.get(f"/staff/bursa/{fair.id}/laporan?format=csv")
    assert download.status_code == 200 and "Peserta terdaftar" in download.get_data(as_text=True)
    assert client.get(f"/staff/bursa/{fair.id}/laporan?format=docx").status_code == 404
    auth.logout()
    auth.login("petugas.cimone@test.id")
    assert client.get(f"/staff/bursa/{fair.id}/laporan").status_code == 404


def _pdf_text(body: bytes) -> str:
    """The strings drawn on uncompressed pages (Tj operators)."""
    return " ".join(m.replace("\\(", "(").replace("\\)", ")")
                    for m in re.findall(r"\((.*?)\) Tj", body.decode("latin-1")))


def test_the_report_as_pdf_is_what_the_page_shows(app, world, fair, make):
    people = _visit_and_hire(world, fair, make)
    world.nj.lurah_name = "Hj. Siti Rahmah, S.Sos."
    db.session.commit()
    with app.test_request_context("/"):
        found = fair_report(fair)
        text = _pdf_text(report_pdf(fair, found, compress=False))
    for expected in ("KELURAHAN NUSA JAYA", "Laporan bursa kerja: Bursa Kerja Nusa Jaya", "Peserta terdaftar",
                     "Diterima kerja dalam 90 hari", "Peserta per kelurahan", "Lamaran per perusahaan",
                     "Lurah Nusa Jaya,", "Hj. Siti Rahmah, S.Sos."):
        assert expected in text, expected
    assert text.index("KELURAHAN NUSA JAYA") < text.index("Peserta terdaftar") < text.index("Lurah Nusa Jaya,")
    assert "Peserta terdaftar 7" in text and "Diterima kerja dalam 30 hari 1" in text  # totals: exact
    assert "Cimone \\226 Nusa Jaya \\226" in text  # hidden as on screen ("–" is octal 226 in WinAnsi)
    assert all(p.full_name not in text for p in people)


def test_the_pdf_download_is_for_staff_of_the_fair_s_kelurahan(client, auth, world, fair, make):
    _visit_and_hire(world, fair, make)
    url = f"/staff/bursa/{fair.id}/laporan?format=pdf"
    auth.login("petugas@test.id")
    page = client.get(f"/staff/bursa/{fair.id}/laporan").get_data(as_text=True)
    assert f'href="/staff/bursa/{fair.id}/laporan?format=pdf"' in page
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF") and response.headers["Cache-Control"] == "no-store"
    assert re.fullmatch(r'attachment; filename="laporan-bursa-kerja-\d+-\d{4}-\d\d-\d\d\.pdf"',
                        response.headers["Content-Disposition"])
    log = db.session.scalar(select(AuditLog).where(AuditLog.action == "export", AuditLog.object_type == "fair_report"))
    assert log.object_id == str(fair.id) and log.actor_id == world.staff.id and log.detail == "pdf"
    auth.logout()
    auth.login("petugas.cimone@test.id")  # staff of another kelurahan: the fair does not exist for them
    assert client.get(url).status_code == 404
    auth.logout()


@pytest.mark.parametrize("login", ["hrd@test.id", "warga@test.id", "kota@test.id"])
def test_the_pdf_download_is_refused_to_other_roles(client, auth, world, fair, login):
    auth.login(login)
    response = client.get(f"/staff/bursa/{fair.id}/laporan?format=pdf")
    assert response.status_code == 403 and response.mimetype != "application/pdf"
