"""What a reader is shown of a suggestion's reasons: small reasons folded, 0% reasons left out,
and a resident's own "saya berminat" neither a reason nor a part of the fit they are shown
(it still orders the staff's list)."""
from __future__ import annotations

import pytest
from sqlalchemy import select

import matching
from app.extensions import db
from app.models import Match
from app.ranking.reasons import reason_groups, resident_fit


def r(code: str, share: float, **params) -> dict:
    return {"code": code, "share": share, "params": params}


def test_small_reasons_fold_and_zero_ones_go():
    reasons = [r("title_match", 0.50), r("skills_overlap", 0.30), r("same_area", 0.12), r("shift_fit", 0.04),
               r("wage_fit", 0.03), r("education_meets", 0.004), r("text_match", 0.0), r("wage_above_offer", -0.1)]
    shown, folded, concerns = reason_groups(reasons)
    assert [x["code"] for x in shown] == ["title_match", "skills_overlap", "same_area"]
    assert [x["code"] for x in folded] == ["shift_fit", "wage_fit"]
    assert [x["code"] for x in concerns] == ["wage_above_offer"]


def _engine_pair(interested: bool) -> matching.Suggestion:
    seeker = matching.Seeker(1, education="SMK", skills=("bubut", "las"), desired_positions=("operator mesin",),
                             area=("Banten", "Nusa Jaya"), expected_wage=7_000_000, shifts=("pagi",))
    other = matching.Seeker(2, education="SMA", skills=("gudang",), desired_positions=("staf gudang",))
    vacancy = matching.Vacancy(10, "Operator Mesin CNC", skills=("bubut", "membaca gambar teknik"),
                               education_min="SMA", area=("Banten", "Nusa Jaya"), wage_min=5_000_000,
                               wage_max=6_000_000, shifts=("malam",))
    feedback = [matching.Feedback(1, 10, "interested")] if interested else []
    return matching.MatchEngine().fit([seeker, other], [vacancy], feedback=feedback).explain(1, 10)


def test_the_fit_without_interest_is_what_the_engine_gives_without_it():
    with_interest, without = _engine_pair(True), _engine_pair(False)
    assert "resident_interested" in {x.code for x in with_interest.reasons}
    assert any(x.share < 0 for x in with_interest.reasons)  # a concern too: the formula must hold with one
    stored = [{"code": x.code, "share": round(float(x.share), 4), "params": dict(x.params)} for x in with_interest.reasons]
    fit = resident_fit(with_interest.score, stored)
    assert with_interest.score > without.score + 0.01
    assert fit.score == pytest.approx(without.score, abs=1e-3)
    assert {x["code"]: x["share"] for x in fit.reasons} == pytest.approx(
        {x.code: float(x.share) for x in without.reasons}, abs=1e-3)


def test_without_any_interest_nothing_changes():
    reasons = [r("title_match", 0.7), r("skills_overlap", 0.3)]
    assert resident_fit(0.64, reasons).score == 0.64 and resident_fit(0.64, reasons).reasons == reasons


def _interested_match(world, score=0.83):
    reasons = [r("title_match", 0.45, matched="operator mesin", title=world.vacancy.title),
               r("resident_interested", 0.229), r("skills_overlap", 0.30, n_matched=2, n_required=2, matched=["bubut", "las"]),
               r("shift_fit", 0.021, shifts=["pagi"]), r("same_area", 0.0, area="RW 03")]
    match = Match(seeker=world.seeker, vacancy=world.vacancy, status="suggested", score=score, reasons=reasons,
                  interested=True)
    db.session.add(match)
    db.session.commit()
    return match


def test_the_resident_sees_neither_their_interest_nor_its_boost(client, auth, world):
    _interested_match(world)
    auth.login("warga@test.id")
    home = client.get("/me/").get_data(as_text=True)
    vacancy = client.get(f"/me/vacancies/{world.vacancy.id}").get_data(as_text=True)
    for page in (home, vacancy):
        assert "berminat pada lowongan ini" not in page
        assert "0%" not in page  # the 0% area reason is no reason
    assert '<span class="score">64%</span>' in home and "83%" not in home  # 0.83 − 0.229 × 0.83
    assert "58%" in vacancy  # title 0.45 / 0.771: shares scaled to what is left
    assert 'class="more-reasons"' in vacancy and "3%" in vacancy  # the 2.1% shift reason, folded


def test_staff_still_see_the_interest_and_the_full_score(client, auth, world):
    _interested_match(world)
    auth.login("petugas@test.id")
    page = client.get(f"/staff/vacancies/{world.vacancy.id}/suggestions").get_data(as_text=True)
    assert "berminat pada lowongan ini" in page and "83%" in page
    assert db.session.scalar(select(Match.score)) == pytest.approx(0.83)
