import datetime as dt

from app.referrals import services as referrals
from app.extensions import db
from app.models import Match


def test_dashboard_counts_and_scope(client, auth, world):
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", reasons=[])
    db.session.add(match)
    db.session.flush()
    referrals.refer(match, world.staff)
    referrals.hire(match, world.hrd, dt.date(2026, 12, 1), "pkwt")
    db.session.commit()
    auth.login("petugas@test.id")
    page = client.get("/reports/").get_data(as_text=True)
    assert "Nusa Jaya" in page and "Per kelurahan" not in page
    auth.logout()
    auth.login("kota@test.id")
    page = client.get("/reports/").get_data(as_text=True)
    assert "Semua kelurahan" in page and "Cimone" in page
    assert world.seeker.full_name not in page  # aggregates only for the city
