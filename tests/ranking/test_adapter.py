"""app/ranking turns rows into matching inputs and stores suggestions back."""
import dataclasses
import datetime as dt

from sqlalchemy import select

from app.extensions import db
from app.models import Match
from app.ranking import (
    PRIOR_VERSION,
    refresh_all,
    refresh_seeker,
    refresh_vacancy,
    render_reason,
    to_seeker,
    to_vacancy,
)

PROTECTED = {"sex", "religion", "ethnicity", "political_views", "disability", "age", "birth_date", "nik", "full_name"}


def test_inputs_carry_no_protected_attributes(world):
    world.seeker.disability = True
    seeker = to_seeker(world.seeker)
    assert not {f.name for f in dataclasses.fields(seeker)} & PROTECTED
    assert seeker.area == ("Banten", "Kota Tangerang", "Karawaci", "Nusa Jaya", "RW 03")
    assert seeker.skills == ("bubut", "las listrik", "membaca gambar teknik")


def test_ineligible_residents_are_opted_out(world):
    assert not to_seeker(world.seeker).ranking_opt_out
    world.seeker.consent_ranking = False
    assert to_seeker(world.seeker).ranking_opt_out
    world.seeker.consent_ranking = True
    world.seeker.status = "working"
    assert to_seeker(world.seeker).ranking_opt_out


def test_unverified_company_vacancy_is_not_open(world):
    assert to_vacancy(world.vacancy).open
    world.company.status = "pending"
    assert not to_vacancy(world.vacancy).open


def test_refresh_stores_score_reasons_and_model_version(world, english):
    assert refresh_all() == 2
    match = db.session.scalar(select(Match).where(Match.seeker_id == world.seeker.id, Match.vacancy_id == world.vacancy.id))
    assert match.model_version == PRIOR_VERSION and 0 < match.score <= 1
    assert abs(sum(r["share"] for r in match.reasons) - 1) < 0.01
    codes = {r["code"] for r in match.reasons}
    assert "skills_overlap" in codes
    sentence = render_reason(next(r for r in match.reasons if r["code"] == "skills_overlap"), "id")
    assert "keterampilan" in sentence and "bubut" in sentence
    assert "skill" in render_reason(next(r for r in match.reasons if r["code"] == "skills_overlap"), "en")


def test_education_minimum_filters(world, make):
    low = make.seeker(world.nj, name="Tono", birth=dt.date(1990, 4, 4), education="SD", major="")
    refresh_vacancy(world.vacancy)
    assert db.session.scalar(select(Match).where(Match.seeker_id == low.id, Match.vacancy_id == world.vacancy.id)) is None


def test_closing_a_vacancy_drops_untouched_suggestions_but_keeps_decisions(world):
    refresh_all()
    interested = db.session.scalar(select(Match).where(Match.seeker_id == world.seeker.id, Match.vacancy_id == world.vacancy.id))
    interested.interested = True
    world.vacancy.status = "closed"
    refresh_vacancy(world.vacancy)
    remaining = db.session.scalars(select(Match).where(Match.vacancy_id == world.vacancy.id)).all()
    assert remaining == [interested]


def test_profile_change_updates_engine_without_refit(world):
    refresh_all()
    from flask import current_app

    engine = current_app.extensions["lokerwarga.ranking"]["state"].engine
    world.seeker.skills = ["forklift"]
    world.seeker.desired_positions = ["staf gudang"]
    world.seeker.education = "SMP"
    world.seeker.major = ""
    refresh_seeker(world.seeker)
    assert current_app.extensions["lokerwarga.ranking"]["state"].engine is engine
    gudang = db.session.scalar(select(Match).where(Match.seeker_id == world.seeker.id, Match.vacancy_id == world.other_vacancy.id))
    assert gudang is not None and gudang.score > 0
