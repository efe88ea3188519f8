"""The monthly report's "Bursa kerja" section: the fairs held in the month and scope, each with the
totals of its own report; exact for staff of the kelurahan, small counts hidden for the city."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from flask_babel import force_locale
from openpyxl import load_workbook

from app.extensions import db
from app.fairs import booth, services
from app.models import Fair
from app.referrals import services as referrals
from app.reports import documents, monthly

pytestmark = pytest.mark.date_sensitive

NO_FAIR = "Tidak ada bursa kerja pada bulan ini."


def _fair(world, name: str, starts_at: dt.datetime) -> Fair:
    fair = Fair(kelurahan_id=world.nj.id, name=name, place="Aula Kantor Kelurahan Nusa Jaya", starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=6), scope="kecamatan", capacity=250,
                created_by_id=world.staff.id)
    db.session.add(fair)
    db.session.flush()
    for company, vacancy in ((world.company, world.vacancy), (world.other_company, world.other_vacancy)):
        services.set_fair_vacancies(fair, services.invite_company(fair, company, world.staff), {vacancy.id}, world.staff)
    return fair


@pytest.fixture
def held_fair(world, make, month):
    """As the demo's past fair: a kecamatan fair of Nusa Jaya on the 1st of the report month, two
    companies with a vacancy each; 7 passes (6 residents of Nusa Jaya, 1 of Cimone), 6 of them
    shown at a booth: 3 interviewed at PT Sinar Logam, 3 applied at PT Lain Jaya; one hired since.
    A fair of next month is not in the report."""
    fair = _fair(world, "Bursa Kerja Kelurahan Nusa Jaya", month.at(1) + dt.timedelta(days=60))  # open while passes are given
    people = [world.seeker, world.other_seeker] + [
        make.seeker(world.nj, name=f"Warga Bursa {i}", birth=dt.date(1995 + i, 3, 1)) for i in range(5)]
    records = []
    for n, seeker in enumerate(people):
        fair_pass = services.register_pass(fair, seeker, world.staff, channel="door" if n % 3 == 0 else "online")
        if n == len(people) - 1:
            continue  # registered, never at a booth
        company, hrd, vacancy, outcome = ((world.company, world.hrd, world.vacancy, "interview") if n % 2 == 0 else
                                          (world.other_company, world.hrd_other, world.other_vacancy, "applied"))
        record, _changed = booth.record(booth.show_pass(fair_pass, company, hrd), vacancy, outcome, hrd)
        records.append(record)
    fair.starts_at = month.at(1) - dt.timedelta(hours=2)  # 08.00 WIB on the 1st, until 14.00
    fair.ends_at = fair.starts_at + dt.timedelta(hours=6)
    referrals.hire(records[0].match, world.hrd, dt.date.today(), "pkwtt")
    _fair(world, "Bursa Kerja Kecamatan Karawaci", month.at(1) + dt.timedelta(days=40))
    db.session.commit()
    return fair


def _documents(kelurahan, month, exact: bool):
    with force_locale("id"):
        report = monthly.monthly_report(kelurahan, month.year, month.month, exact=exact)
        return report, documents.monthly_xlsx(report), documents.monthly_pdf(report, compress=False)


def _fair_sheet(body: bytes) -> list[list]:
    return [list(row) for row in load_workbook(io.BytesIO(body))["Bursa kerja"].iter_rows(values_only=True)]


def _pdf_text(body: bytes) -> str:
    return " ".join(re.findall(r"\((.*?)\) Tj", body.decode("latin-1")))


def test_staff_get_the_fair_s_exact_totals(app, world, held_fair, month):
    report, xlsx, pdf = _documents(world.nj, month, exact=True)
    assert [f["name"] for f in report["fairs"]] == ["Bursa Kerja Kelurahan Nusa Jaya"]  # next month's is not
    rows = _fair_sheet(xlsx)
    assert rows[2] == ["Bursa kerja", "Tanggal", "Peserta terdaftar", "Pengunjung stan", "Perusahaan ikut", "Lowongan",
                       "Lamaran dicatat", "Wawancara", "Diterima kerja dalam 30 hari", "Diterima kerja dalam 90 hari"]
    assert rows[3] == ["Bursa Kerja Kelurahan Nusa Jaya", month.at(1).date().isoformat(), 7, 6, 2, 2, 6, 3, 1, 1]
    assert rows[5][0].startswith("Diterima kerja: rujukan dari bursa yang diterima sampai sekian hari")
    text = _pdf_text(pdf)
    assert text.index("Per perusahaan") < text.index("Diterima kerja: rujukan dari bursa")
    assert NO_FAIR not in text


def test_the_city_report_hides_the_fair_s_small_counts(app, world, held_fair, month):
    report, xlsx, _pdf = _documents(None, month, exact=False)
    rows = _fair_sheet(xlsx)
    assert rows[2][:3] == ["Bursa kerja", "Tanggal", "Penyelenggara"]
    # registered 7 shown; visitors 6 of them: the one who did not come would be 7 - 6, so hidden;
    # companies and vacancies are not people; interviews 3 and the one hire: fewer than 5
    assert rows[3] == ["Bursa Kerja Kelurahan Nusa Jaya", month.at(1).date().isoformat(), "Nusa Jaya",
                       7, "–", 2, 2, 6, "< 5", "< 5", "< 5"]
    summary = [list(r) for r in load_workbook(io.BytesIO(xlsx))["Ringkasan"].iter_rows(values_only=True)]
    assert any(r[0] and str(r[0]).startswith("Angka 1 sampai 4 orang disembunyikan") for r in summary)
    assert report["suppressed"] == 5


def test_a_month_without_a_fair_says_so(app, world, held_fair, month):
    _report, xlsx, pdf = _documents(world.nj, month.previous, exact=True)
    rows = _fair_sheet(xlsx)
    assert rows[2][0] == "Bursa kerja" and rows[3][0] == NO_FAIR and len(rows) == 4  # the header, then the line
    assert NO_FAIR in _pdf_text(pdf)
    _report, xlsx, pdf = _documents(world.cm, month, exact=False)  # Cimone's desk held none
    assert _fair_sheet(xlsx)[3][0] == NO_FAIR and NO_FAIR in _pdf_text(pdf)
