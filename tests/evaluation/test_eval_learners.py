"""The learner comparison: the boosted-trees engine against the logistic one (``--learner hgb``)."""
import numpy as np
import pytest

from evaluation.learners import BoostedEngine, learner_factories
from evaluation.synthetic import generate
from matching import MatchEngine
from matching.features import COL, SIGN


@pytest.fixture(scope="module")
def data():
    seekers, vacancies, feedback, _ = generate(600, 40, 800, seed=3)
    return seekers, vacancies, feedback


def test_boosted_engine_learns_monotone_trees_and_ranks(data):
    seekers, vacancies, feedback = data
    engine = BoostedEngine(n_components=8, max_iter=30, max_hard_groups=20).fit(seekers, vacancies, feedback)
    assert engine.trees_ is not None and 0 < engine.tree_blend_ < 1
    assert engine.trees_.monotonic_cst == SIGN.astype(int).tolist()
    ranked = engine.rank_seekers(vacancies[0].id, k=10)
    scores = [s.score for s in ranked]
    assert scores == sorted(scores, reverse=True) and all(0 <= x <= 1 for x in scores)
    # A concern never raises a score: the same pair with a shift conflict scores no higher.
    F = engine._features(np.arange(20), np.zeros(20, dtype=np.int64))
    worse = F.copy()
    worse[:, COL["shift_conflict"]] = 1.0
    assert (engine._pair_scores(worse) <= engine._pair_scores(F) + 1e-12).all()


def test_without_feedback_it_is_the_logistic_engine(data):
    seekers, vacancies, _ = data
    trees = BoostedEngine(n_components=8).fit(seekers, vacancies, ())
    linear = MatchEngine(n_components=8).fit(seekers, vacancies, ())
    v = vacancies[1].id
    assert [s.seeker_id for s in trees.rank_seekers(v, k=10)] == [s.seeker_id for s in linear.rank_seekers(v, k=10)]


def test_learner_factories():
    assert learner_factories("logistic") == (MatchEngine, {})
    factory, extra = learner_factories("hgb")
    assert factory is BoostedEngine and isinstance(extra["logistic engine"](seed=1), MatchEngine)
    with pytest.raises(ValueError):
        learner_factories("lambdamart")
