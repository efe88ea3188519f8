"""The public contract: scikit-learn estimator style, records, errors."""
import json
import pickle

import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from matching import Experience, Feedback, MatchEngine, Reason, Seeker, Suggestion, Vacancy


def test_get_set_params_and_clone():
    engine = MatchEngine(n_candidates=50, blend_n0=10.0)
    params = engine.get_params()
    assert params["n_candidates"] == 50 and params["blend_n0"] == 10.0
    assert params["prior_weights"] is None
    engine.set_params(C=3.0)
    assert engine.C == 3.0
    copy = clone(engine)
    assert copy.get_params() == engine.get_params()


def test_init_stores_parameters_unchanged():
    weights = {"title": 2, "skills": 1}
    engine = MatchEngine(prior_weights=weights)
    assert engine.prior_weights is weights


def test_fit_returns_self_and_sets_underscore_state(seekers, vacancies):
    engine = MatchEngine()
    assert engine.fit(seekers, vacancies) is engine
    assert hasattr(engine, "weights_")
    from matching import CONCERNS

    weights = engine.feature_weights_
    assert abs(sum(w for f, w in weights.items() if f not in CONCERNS) - 1) < 1e-9
    assert all(w <= 0 for f, w in weights.items() if f in CONCERNS)


def test_unfitted_engine_raises():
    with pytest.raises(NotFittedError):
        MatchEngine().rank_seekers("v1")


def test_unknown_ids_raise_key_error(engine):
    with pytest.raises(KeyError):
        engine.rank_seekers("nope")
    with pytest.raises(KeyError):
        engine.rank_vacancies("nope")


def test_duplicate_ids_raise_value_error(seekers, vacancies):
    with pytest.raises(ValueError, match="duplicate seeker id"):
        MatchEngine().fit(seekers + [Seeker(1)], vacancies)
    with pytest.raises(ValueError, match="duplicate vacancy id"):
        MatchEngine().fit(seekers, vacancies + [Vacancy("v1", "x")])


def test_unknown_education_names_field_and_value():
    with pytest.raises(ValueError, match=r"education.*'SLTA'"):
        Seeker(1, education="SLTA")
    with pytest.raises(ValueError, match=r"education_min.*'Sarjana'"):
        Vacancy(1, "x", education_min="Sarjana")


def test_education_codes_accepted():
    for code in ("TS", "SD", "SMP", "SMA", "SMK", "D1", "D2", "D3", "D4", "S1", "S2", "S3", None):
        Seeker(1, education=code)
        Vacancy(1, "x", education_min=code)


def test_unknown_outcome_rejected():
    with pytest.raises(ValueError, match="outcome"):
        Feedback(1, 2, "ghosted")


def test_feedback_about_unknown_ids_is_ignored_and_counted(seekers, vacancies):
    fb = [Feedback(1, "v1", "hired"), Feedback(999, "v1", "hired"), Feedback(1, "zzz", "refused")]
    engine = MatchEngine().fit(seekers, vacancies, fb)
    assert engine.n_feedback_ignored_ == 2
    assert engine.n_feedback_ == 1


def test_records_coerce_lists_and_are_hashable():
    s = Seeker(1, skills=["las"], experience=[Experience("Operator", 1)], area=["Banten"])
    assert s.skills == ("las",) and isinstance(s.experience, tuple) and s.area == ("Banten",)
    v = Vacancy(1, "Operator", skills=["las"], shifts=["pagi"])
    assert v.skills == ("las",)
    assert hash(s) and hash(v)
    with pytest.raises(TypeError):
        Seeker(1, skills="las, bubut")  # a bare string is almost certainly a mistake


def test_records_are_frozen():
    s = Seeker(1)
    with pytest.raises(AttributeError):
        s.education = "SD"


def test_invalid_numbers_rejected():
    with pytest.raises(ValueError):
        Vacancy(1, "x", wage_min=5, wage_max=4)
    with pytest.raises(ValueError):
        Seeker(1, expected_wage=-1)


def test_suggestions_are_hashable_and_json_ready(engine):
    result = engine.rank_seekers("v1")
    assert result
    for sug in result:
        assert isinstance(sug, Suggestion)
        hash(sug)
        for r in sug.reasons:
            assert isinstance(r, Reason)
            json.dumps(r.params)
            json.dumps(r.to_dict())
            with pytest.raises(TypeError):
                r.params["x"] = 1


def test_pickle_round_trip(engine):
    again = pickle.loads(pickle.dumps(engine))
    assert again.rank_seekers("v1") == engine.rank_seekers("v1")
    assert pickle.loads(pickle.dumps(engine.rank_seekers("v1")[0])) == engine.rank_seekers("v1")[0]


def test_refit_replaces_state(seekers, vacancies):
    engine = MatchEngine().fit(seekers, vacancies)
    engine.fit(seekers[:2], vacancies[:2])
    with pytest.raises(KeyError):
        engine.rank_vacancies("s8")
    assert {s.seeker_id for s in engine.rank_seekers("v2")} <= {1, 2}


def test_bad_prior_weights():
    with pytest.raises(ValueError, match="unknown features"):
        MatchEngine(prior_weights={"age": 1.0}).fit([], [])
    with pytest.raises(ValueError, match="concern"):
        MatchEngine(prior_weights={"title": 1.0, "wage_above": 0.5}).fit([], [])
    with pytest.raises(ValueError):
        MatchEngine(prior_weights={"title": -1.0}).fit([], [])
