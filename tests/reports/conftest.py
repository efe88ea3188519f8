"""A small, fully known history for the report figures, laid in the month of the (frozen) day
the test runs on and the month before it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace

import pytest

from app.referrals import services as referrals
from app.extensions import db
from app.models import Match
from app.reports import periods
from app.core.timeutil import WIB, today_wib


@dataclass(frozen=True)
class ReportMonth:
    year: int
    month: int

    @classmethod
    def of(cls, day: dt.date) -> ReportMonth:
        return cls(day.year, day.month)

    @property
    def label(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def period(self) -> periods.Period:
        return periods.months_period(self.year, self.month)

    @property
    def previous(self) -> ReportMonth:
        return ReportMonth.of(dt.date(self.year, self.month, 1) - dt.timedelta(days=1))

    def at(self, day: int) -> dt.datetime:
        """10.00 WIB on `day` of this month."""
        return dt.datetime(self.year, self.month, day, 10, 0, tzinfo=WIB).astimezone(dt.timezone.utc)


@pytest.fixture
def month(app) -> ReportMonth:
    """The month the reports of a test are about: the month of the day the test runs on."""
    return ReportMonth.of(today_wib())


def history(seeker, vacancy, created: dt.datetime, steps) -> Match:
    match = Match(seeker=seeker, vacancy=vacancy, status="suggested", reasons=[], created_at=created)
    db.session.add(match)
    db.session.flush()
    for status, when in steps:
        referrals.move(match, status, None, at=when)
        if status == "referred":
            match.referred_at = when
    db.session.flush()
    return match


@pytest.fixture
def figures_world(world, make, month):
    """world (Nusa Jaya and Cimone, two companies of KBLI 25920) plus:
    - Ani (Nusa Jaya, P, born 1980, SMA, RW 01, "Forklift", disability) and Dedi (Nusa Jaya,
      working, not counted as looking);
    - Toko Maju (Cimone, KBLI 47111: section G) with a full-time vacancy below the UMK;
    - m1 Budi × CNC: suggested on the 20th of the month before, referred on the 1st of the
      report month, interview on the 5th, hired on the 15th;
    - m2 Ani × CNC: suggested 2nd, referred 4th, hired 10th (no interview);
    - m3 Ani × gudang: suggested 3rd, referred 6th;
    - m4 Budi × gudang: suggested 5th, dismissed 6th;
    - m5 Siti (Cimone) × gudang: suggested 1st, referred 2nd, interview 3rd, hired 20th.
    The report month is the month of the day the test runs on (`month`)."""
    w = world
    ani = make.seeker(w.nj, name="Ani Lestari", sex="P", birth=dt.date(1980, 1, 1), education="SMA", rw="01",
                      skills=["Forklift"], disability=True)
    dedi = make.seeker(w.nj, name="Dedi Kurnia", sex="L", birth=dt.date(1965, 6, 1), education="SD", rw="01",
                       skills=[], status="working")
    toko = make.company(name="Toko Maju", kelurahan=w.cm)
    toko.kbli_code = "47111"
    toko_vacancy = make.vacancy(toko, title="Kasir", skills=["kasir", "melayani pelanggan"], openings=1,
                                contract_type="pkwt", wage_min=3_000_000, wage_max=3_500_000,
                                deadline=today_wib() + dt.timedelta(days=45))
    at = month.at
    m1 = history(w.seeker, w.vacancy, month.previous.at(20), [("referred", at(1)), ("interview", at(5)), ("hired", at(15))])
    m2 = history(ani, w.vacancy, at(2), [("referred", at(4)), ("hired", at(10))])
    m3 = history(ani, w.other_vacancy, at(3), [("referred", at(6))])
    m4 = history(w.seeker, w.other_vacancy, at(5), [("dismissed", at(6))])
    m5 = history(w.other_seeker, w.other_vacancy, at(1), [("referred", at(2)), ("interview", at(3)), ("hired", at(20))])
    db.session.commit()
    return SimpleNamespace(**vars(w), month=month, ani=ani, dedi=dedi, toko=toko, toko_vacancy=toko_vacancy,
                           m1=m1, m2=m2, m3=m3, m4=m4, m5=m5)
