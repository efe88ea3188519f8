"""A small, fully known history for the report figures (November 2026, times in UTC = WIB − 7 h)."""
from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from app import referrals
from app.extensions import db
from app.models import Match

UTC = dt.timezone.utc


def at(month: int, day: int, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, 3, 0, tzinfo=UTC)  # 10.00 WIB


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
def figures_world(world, make):
    """world (Nusa Jaya and Cimone, two companies of KBLI 25920) plus:
    - Ani (Nusa Jaya, P, born 1980, SMA, RW 01, "Forklift", disability) and Dedi (Nusa Jaya,
      working, not counted as looking);
    - Toko Maju (Cimone, KBLI 47111: section G) with a full-time vacancy below the UMK;
    - m1 Budi × CNC: suggested 20 Oct, referred 1 Nov, interview 5 Nov, hired 15 Nov;
    - m2 Ani × CNC: suggested 2 Nov, referred 4 Nov, hired 10 Nov (no interview);
    - m3 Ani × gudang: suggested 3 Nov, referred 6 Nov;
    - m4 Budi × gudang: suggested 5 Nov, dismissed 6 Nov;
    - m5 Siti (Cimone) × gudang: suggested 1 Nov, referred 2 Nov, interview 3 Nov, hired 20 Nov."""
    w = world
    ani = make.seeker(w.nj, name="Ani Lestari", sex="P", birth=dt.date(1980, 1, 1), education="SMA", rw="01",
                      skills=["Forklift"], disability=True)
    dedi = make.seeker(w.nj, name="Dedi Kurnia", sex="L", birth=dt.date(1965, 6, 1), education="SD", rw="01",
                       skills=[], status="working")
    toko = make.company(name="Toko Maju", kelurahan=w.cm)
    toko.kbli_code = "47111"
    toko_vacancy = make.vacancy(toko, title="Kasir", skills=["kasir", "melayani pelanggan"], openings=1,
                                contract_type="pkwt", wage_min=3_000_000, wage_max=3_500_000,
                                deadline=dt.date(2026, 12, 31))
    m1 = history(w.seeker, w.vacancy, at(10, 20), [("referred", at(11, 1)), ("interview", at(11, 5)), ("hired", at(11, 15))])
    m2 = history(ani, w.vacancy, at(11, 2), [("referred", at(11, 4)), ("hired", at(11, 10))])
    m3 = history(ani, w.other_vacancy, at(11, 3), [("referred", at(11, 6))])
    m4 = history(w.seeker, w.other_vacancy, at(11, 5), [("dismissed", at(11, 6))])
    m5 = history(w.other_seeker, w.other_vacancy, at(11, 1),
                 [("referred", at(11, 2)), ("interview", at(11, 3)), ("hired", at(11, 20))])
    db.session.commit()
    return SimpleNamespace(**vars(w), ani=ani, dedi=dedi, toko=toko, toko_vacancy=toko_vacancy,
                           m1=m1, m2=m2, m3=m3, m4=m4, m5=m5)
