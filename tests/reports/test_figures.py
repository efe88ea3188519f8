"""The figures of the dashboards, computed on a small history whose answers are known."""
from __future__ import annotations

import datetime as dt

import pytest
from flask_babel import force_locale
from sqlalchemy import event

from app.extensions import db
from app.reports import groups, periods, services
from app.core.timeutil import utcnow

from .conftest import history

NOV = periods.months_period(2026, 11)
TODAY = dt.date(2026, 11, 15)


def test_months_and_periods():
    assert periods.parse_month("2026-11") == (2026, 11)
    for bad in ("2026-13", "2026-00", "26-11", "2026/11", "", None, "november", "2026-1"):
        with pytest.raises(ValueError):
            periods.parse_month(bad)
    assert NOV.months == ("2026-11",)
    assert NOV.start == dt.datetime(2026, 10, 31, 17, 0, tzinfo=dt.timezone.utc)  # 1 Nov 00.00 WIB
    assert NOV.end == dt.datetime(2026, 11, 30, 17, 0, tzinfo=dt.timezone.utc)
    year = periods.months_period(2026, 2, 12)
    assert year.months[0] == "2025-03" and year.months[-1] == "2026-02" and len(year.months) == 12
    assert periods.previous_month(dt.date(2026, 1, 10)) == "2025-12"


def test_sector_and_age_band_tables():
    assert groups.sector_of("25920")[0] == "C"
    assert groups.sector_of("47111")[0] == "G"
    assert groups.sector_of("01111")[0] == "A"
    assert groups.sector_of("86101")[0] == "Q"
    assert groups.sector_of("")[0] == "?" and groups.sector_of("04")[0] == "?"
    assert groups.age_band(dt.date(2002, 11, 16), TODAY) == "15–24"  # 23 the day before the birthday
    assert groups.age_band(dt.date(2001, 11, 15), TODAY) == "25–34"  # 25 today
    assert groups.age_band(dt.date(1960, 1, 1), TODAY) == "55+"


def test_residents_by_rw_education_age_and_sex(app, figures_world):
    nj = figures_world.nj.id
    assert services.count_looking(nj) == 2  # Budi and Ani; Dedi works
    assert services.residents_by(nj, "rw") == [("01", 1), ("03", 1)]
    assert services.residents_by(nj, "education") == [("SMA", 1), ("SMK", 1)]
    assert services.residents_by(nj, "sex") == [("L", 1), ("P", 1)]
    assert services.residents_by(nj, "age", TODAY) == [("15–24", 0), ("25–34", 1), ("35–44", 0), ("45–54", 1), ("55+", 0)]
    # The city: Siti of Cimone (born 2000, P) too.
    assert services.residents_by(None, "sex") == [("L", 1), ("P", 2)]
    assert dict(services.residents_by(None, "age", TODAY))["25–34"] == 2
    city = {k["name"]: k for k in services.residents_by_kelurahan()}
    assert (city["Nusa Jaya"]["looking"], city["Nusa Jaya"]["working"]) == (2, 1)
    assert city["Cimone"]["looking"] == 1


def test_open_vacancies_by_kbli_section(app, figures_world):
    sectors = services.vacancies_by_sector()
    assert [(s["letter"], s["vacancies"], s["openings"]) for s in sectors] == [("C", 2, 4), ("G", 1, 1)]
    with force_locale("id"):
        assert str(sectors[0]["name"]) == "Industri pengolahan"


@pytest.mark.date_sensitive
def test_funnel_counts_conversion_and_median_days(app, figures_world):
    month = figures_world.month
    stages = {s["stage"]: s for s in services.funnel(figures_world.nj.id, month.period)}
    assert [stages[s]["count"] for s in services.FUNNEL] == [3, 3, 2, 2]
    assert stages["suggested"]["conversion"] is None
    assert stages["referred"]["conversion"] == 1.0
    assert stages["interview"]["conversion"] == pytest.approx(2 / 3)
    assert stages["hired"]["conversion"] == 1.0
    # referred: 12 (m1, suggested in the month before), 2 (m2), 3 (m3) days; interview: 4 (m1), 6 (m2
    # hired straight after referral); hired: 10 (m1 after its interview), 6 (m2 after referral).
    assert [stages[s]["median_days"] for s in services.FUNNEL] == [None, 3.0, 5.0, 8.0]
    city = {s["stage"]: s for s in services.funnel(None, month.period)}
    assert [city[s]["count"] for s in services.FUNNEL] == [4, 4, 3, 3]
    assert city["referred"]["median_days"] == 2.5  # 12, 2, 3 and Siti's 1
    before = {s["stage"]: s["count"] for s in services.funnel(figures_world.nj.id, month.previous.period)}
    assert before == {"suggested": 1, "referred": 0, "interview": 0, "hired": 0}


@pytest.mark.date_sensitive
def test_placements_per_month(app, figures_world):
    month = figures_world.month
    year = periods.months_period(month.year, month.month, 12)
    nj = services.placements_per_month(figures_world.nj.id, year)
    assert len(nj) == 12 and nj[-1] == (month.label, 2) and sum(n for _m, n in nj) == 2
    assert services.placements_per_month(None, year)[-1] == (month.label, 3)
    assert services.placements_per_month(figures_world.cm.id, month.previous.period)[0] == (month.previous.label, 0)


@pytest.mark.date_sensitive
def test_per_employer_local_disability_and_umk(app, figures_world):
    w = figures_world
    rows = {e["name"]: e for e in services.employers(None, w.month.period)}
    sinar = rows["PT Sinar Logam"]
    assert (sinar["hires"], sinar["local"], sinar["disability"]) == (2, 2, 1)
    assert sinar["local_share"] == 1.0 and sinar["disability_share"] == 0.5 and sinar["meets_quota"] is True
    lain = rows["PT Lain Jaya"]
    assert (lain["hires"], lain["local"], lain["disability"], lain["meets_quota"]) == (1, 1, 0, False)
    toko = rows["Toko Maju"]
    assert (toko["hires"], toko["open"], toko["below_umk"], toko["meets_quota"]) == (0, 1, 1, None)
    assert toko["sector"] == "G"
    # A kelurahan sees the companies located in it.
    assert [e["name"] for e in services.employers(w.nj.id, w.month.period)] == ["PT Sinar Logam"]
    # A hire of a resident from elsewhere is not local.
    w.vacancy.kelurahan_id = w.cm.id
    db.session.commit()
    assert {e["name"]: e["local"] for e in services.employers(None, w.month.period)}["PT Sinar Logam"] == 0


def test_skills_gap_and_training_topics(app, figures_world):
    gap = services.skills_gap(figures_world.nj.id)
    assert gap["vacancies"] == 3 and gap["looking"] == 2
    rows = {r["skill"].lower(): r for r in gap["rows"]}
    assert set(rows) == {"bubut", "membaca gambar teknik", "forklift", "kasir", "melayani pelanggan"}
    assert rows["bubut"]["residents"] == 1 and rows["bubut"]["supply_share"] == 0.5
    assert rows["forklift"]["residents"] == 1  # Ani wrote "Forklift": compared without case
    assert rows["kasir"]["residents"] == 0 and rows["kasir"]["gap"] == pytest.approx(1 / 3)
    with force_locale("id"):
        topics = {str(t["topic"]): t["skills"] for t in gap["topics"]}
    assert topics == {"Akuntansi, pembukuan dan kasir": ["kasir"], "Pelayanan pelanggan dan penjualan": ["melayani pelanggan"]}


def test_skills_with_like_wildcards_are_matched_literally(app, world, make):
    make.vacancy(world.company, title="Analis", skills=["100%_mutu"])
    make.seeker(world.nj, name="Wawan", skills=["100xxmutu"])
    make.seeker(world.nj, name="Wati", sex="P", birth=dt.date(1999, 1, 1), skills=["100%_Mutu"])
    db.session.commit()
    rows = {r["skill"]: r for r in services.skills_gap(world.nj.id)["rows"]}
    assert rows["100%_mutu"]["residents"] == 1


def test_stalled_residents(app, world, make):
    old = utcnow() - dt.timedelta(days=120)
    stalled = make.seeker(world.nj, name="Eko Prasetyo", rw="02", created_at=old)
    referred = make.seeker(world.nj, name="Fajar Nugroho", rw="02", created_at=old)
    history(referred, world.vacancy, old, [("referred", utcnow() - dt.timedelta(days=10))])
    make.seeker(world.nj, name="Gita Permata", sex="P", rw="04", created_at=old, status="working")
    make.seeker(world.cm, name="Hadi Saputra", rw="01", created_at=old)
    db.session.commit()
    nj = services.stalled_residents(world.nj.id, list_names=True)
    assert nj["count"] == 1 and nj["groups"] == [("02", 1)]
    assert [row.full_name for row in nj["listed"]] == [stalled.full_name]
    city = services.stalled_residents(None, list_names=True)
    assert city["count"] == 2 and dict(city["groups"]) == {"Nusa Jaya": 1, "Cimone": 1}
    assert city["listed"] == []  # the city sees counts only
    assert {k["name"]: k["stalled"] for k in services.residents_by_kelurahan()} == {"Nusa Jaya": 1, "Cimone": 1}


def test_dashboard_query_count_does_not_grow_with_residents(app, figures_world, make):
    def count() -> int:
        statements = []

        def listener(conn, cursor, statement, *args):
            statements.append(statement)

        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            services.dashboard(None, figures_world.month.period)
            services.dashboard(figures_world.nj.id, figures_world.month.period, list_names=True)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        db.session.rollback()
        return len([s for s in statements if not s.lstrip().upper().startswith(("BEGIN", "PRAGMA", "COMMIT"))])

    few = count()
    for i in range(30):
        s = make.seeker(figures_world.nj, name=f"Warga {i:02d}", rw=f"{i % 5 + 1:02d}", skills=["bubut", "kasir"])
        history(s, figures_world.toko_vacancy, figures_world.month.at(1), [("referred", figures_world.month.at(4))])
    db.session.commit()
    assert count() == few


@pytest.mark.date_sensitive
def test_an_application_at_a_job_fair_counts_as_a_referral_in_the_funnel(app, figures_world, make):
    w, month = figures_world, figures_world.month
    applicant = make.seeker(w.nj, name="Rina Marlina", sex="P", birth=dt.date(1999, 3, 3), education="SMK", rw="03")
    history(applicant, w.vacancy, month.at(7), [("applied", month.at(9)), ("hired", month.at(12))])
    db.session.commit()
    stages = {s["stage"]: s for s in services.funnel(w.nj.id, month.period)}
    # One more of each stage than the staff referrals alone (3, 3, 2, 2): hired straight from
    # the booth, the application passed the interview stage as a referral hired without one does.
    assert [stages[s]["count"] for s in services.FUNNEL] == [4, 4, 3, 3]
    # Days to the stage: 2 from suggestion to the application (with 12, 2 and 3 of the others).
    assert stages["referred"]["median_days"] == 2.5
