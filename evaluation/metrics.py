"""Ranking metrics over one query's ranked list, and bootstrap confidence intervals."""
from __future__ import annotations

import math
from typing import Hashable, Mapping, Sequence

import numpy as np


def dcg(gains: Sequence[float], linear: bool = False) -> float:
    """Discounted cumulative gain: gain 2^rel - 1, or rel itself when ``linear``; log2 discount."""
    return float(sum((g if linear else 2.0 ** g - 1.0) / math.log2(i + 2) for i, g in enumerate(gains)))


def ndcg_at_k(ranked: Sequence[Hashable], relevance: Mapping[Hashable, float], k: int = 10,
              linear: bool = False) -> float:
    """Graded NDCG@k (gain 2^rel - 1, or gain = rel when ``linear``); 0 when nothing is relevant."""
    ideal = dcg(sorted((r for r in relevance.values() if r > 0), reverse=True)[:k], linear)
    if ideal == 0:
        return 0.0
    return dcg([relevance.get(x, 0.0) for x in list(ranked)[:k]], linear) / ideal


def recall_at_k(ranked: Sequence[Hashable], relevance: Mapping[Hashable, float], k: int = 10) -> float:
    """Share of the relevant items (rel > 0) found in the top k."""
    relevant = {x for x, r in relevance.items() if r > 0}
    if not relevant:
        return 0.0
    return len(relevant & set(list(ranked)[:k])) / len(relevant)


def reciprocal_rank(ranked: Sequence[Hashable], relevance: Mapping[Hashable, float]) -> float:
    """1 / rank of the first relevant item; 0 when none is in the list."""
    for i, x in enumerate(ranked):
        if relevance.get(x, 0.0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def bootstrap_ci(values: Sequence[float], n_boot: int = 1000, alpha: float = 0.05,
                 seed: int = 0) -> tuple[float, float, float]:
    """Mean and percentile bootstrap interval (resampling queries)."""
    x = np.asarray(values, dtype=np.float64)
    if x.size == 0:
        return (float("nan"),) * 3
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, x.size, size=(n_boot, x.size))].mean(axis=1)
    lo, hi = np.quantile(means, [alpha / 2, 1 - alpha / 2])
    return float(x.mean()), float(lo), float(hi)


def paired_bootstrap_diff(a: Sequence[float], b: Sequence[float], n_boot: int = 1000, alpha: float = 0.05,
                          seed: int = 0) -> tuple[float, float, float]:
    """Mean of a - b over the same queries, with a bootstrap interval."""
    return bootstrap_ci(np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64), n_boot, alpha, seed)
