"""A resident's past interests and referrals inform their profile: vacancies like the ones they
were interested in or referred to rank a little higher ("more like what you were referred to")."""
import numpy as np

from matching import Feedback, MatchEngine, Seeker, Vacancy
from matching.features import COL

VACANCIES = [
    Vacancy("kasir_a", "Kasir Minimarket"),
    Vacancy("kasir_b", "Kasir Swalayan"),
    Vacancy("pramuniaga", "Pramuniaga"),
    Vacancy("las", "Welder"),
]
# A profile that names no occupation: only the history says what kind of work.
SEEKERS = [Seeker("s", education="SMA", about="rajin, jujur"), Seeker("t", education="SMA")]


def history(engine, seeker, vacancy):
    s, v = engine.seeker_index_[seeker], engine.vacancy_index_[vacancy]
    return engine._features(np.array([s]), np.array([v]))[0, COL["history"]]


def test_referred_vacancy_lifts_like_vacancies_only():
    engine = MatchEngine().fit(SEEKERS, VACANCIES, [Feedback("s", "kasir_a", "referred")])
    assert history(engine, "s", "kasir_b") == 1.0           # same occupation (KBJI 5230)
    assert history(engine, "s", "pramuniaga") == 0.5        # adjacent occupation
    assert history(engine, "s", "las") == 0.0
    assert history(engine, "s", "kasir_a") == 0.0           # the vacancy itself is not its own history
    assert history(engine, "t", "kasir_b") == 0.0           # another resident's history is not theirs
    ranked = [x.vacancy_id for x in engine.rank_vacancies("s")]
    assert ranked.index("kasir_b") < ranked.index("pramuniaga")
    assert "las" not in ranked


def test_history_weight_is_low_and_its_reason_names_the_vacancy():
    engine = MatchEngine().fit(SEEKERS, VACANCIES, [Feedback("s", "kasir_a", "interested")])
    assert 0 < engine.feature_weights_["history"] < engine.feature_weights_["occupation"] / 4
    reasons = {r.code: r.params for r in engine.explain("s", "kasir_b").reasons}
    assert reasons["like_history"] == {"vacancy": "Kasir Minimarket", "similarity": 1.0}


def test_dismissals_are_not_history_and_update_adds_history():
    engine = MatchEngine().fit(SEEKERS, VACANCIES, [Feedback("s", "kasir_a", "dismissed")])
    assert history(engine, "s", "kasir_b") == 0.0
    engine.update(feedback=[Feedback("t", "kasir_a", "referred")])
    assert history(engine, "t", "kasir_b") == 1.0
