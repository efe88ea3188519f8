"""A fair's report: counts only, small cells hidden, hires counted within 30 and 90 days."""
import datetime as dt

from app.extensions import db
from app.fairs import booth, services
from app.fairs.report import fair_report
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
    assert client.get(f"/staff/bursa/{fair.id}/laporan?format=pdf").status_code == 404
    auth.logout()
    auth.login("petugas.cimone@test.id")
    assert client.get(f"/staff/bursa/{fair.id}/laporan").status_code == 404
