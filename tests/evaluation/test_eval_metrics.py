import math

import pytest

from evaluation.metrics import bootstrap_ci, ndcg_at_k, paired_bootstrap_diff, reciprocal_rank, recall_at_k


def test_ndcg_perfect_and_graded():
    rel = {"a": 3, "b": 1, "c": 0}
    assert ndcg_at_k(["a", "b", "c"], rel) == pytest.approx(1.0)
    swapped = ndcg_at_k(["b", "a"], rel)
    ideal = 7 + 1 / math.log2(3)
    assert swapped == pytest.approx((1 + 7 / math.log2(3)) / ideal)
    assert ndcg_at_k(["x", "y"], rel) == 0.0
    assert ndcg_at_k(["a"], {}) == 0.0


def test_ndcg_cut_at_k():
    rel = {"z": 1}
    ranked = [str(i) for i in range(10)] + ["z"]
    assert ndcg_at_k(ranked, rel, k=10) == 0.0
    assert ndcg_at_k(ranked, rel, k=11) > 0


def test_recall_and_mrr():
    rel = {"a": 2, "b": 1, "c": 0}
    assert recall_at_k(["c", "a", "x"], rel, k=2) == 0.5
    assert recall_at_k([], rel) == 0.0
    assert reciprocal_rank(["c", "x", "b"], rel) == pytest.approx(1 / 3)
    assert reciprocal_rank(["c"], rel) == 0.0


def test_bootstrap_ci():
    mean, lo, hi = bootstrap_ci([0.0, 1.0] * 50, n_boot=500, seed=1)
    assert mean == 0.5 and lo < 0.5 < hi
    assert bootstrap_ci([0.2, 0.2, 0.2]) == pytest.approx((0.2, 0.2, 0.2))
    assert bootstrap_ci([0.1, 0.5, 0.9], seed=3) == bootstrap_ci([0.1, 0.5, 0.9], seed=3)
    assert all(math.isnan(x) for x in bootstrap_ci([]))
    d = paired_bootstrap_diff([1.0, 1.0, 1.0], [0.0, 0.5, 1.0])
    assert d[0] == pytest.approx(0.5)


def test_linear_gain_is_the_grade():
    rel = {"a": 2.0, "b": 1.0}
    # Ranked b, a: DCG = 1/log2(2) + 2/log2(3); ideal a, b: 2 + 1/log2(3).
    expected = (1.0 + 2.0 / math.log2(3)) / (2.0 + 1.0 / math.log2(3))
    assert ndcg_at_k(["b", "a"], rel, 10, linear=True) == pytest.approx(expected)
    assert ndcg_at_k(["b", "a"], rel, 10) != pytest.approx(expected)
