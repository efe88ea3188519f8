"""Learner comparison: the engine with gradient-boosted trees in place of its pairwise logistic
regression, for ``python -m evaluation --learner hgb``.

``BoostedEngine`` is ``MatchEngine`` with one change: once it has feedback, pairs are scored by
scikit-learn's ``HistGradientBoostingRegressor`` fitted pointwise on the same training rows the
logistic regression learns from (each labelled pair's latest outcome, hired 3 > interview 2 >
referred/interested 1 > dismissed/refused 0, plus eligible candidates nobody looked at as -1),
with monotonic constraints so that evidence can only raise and the four concerns can only lower a
score. The trees' prediction, scaled to [0, 1] over the training rows, blends with the prior
linear score by the same ``n / (n + blend_n0)`` as the logistic weights. Hard filters, retrieval
and pair features are the engine's own, so a difference between the two is the learner's. The
reasons stay those of the linear prior (trees have no per-feature shares), which is one reason
the engine keeps the logistic regression unless the trees rank clearly better.
"""
from __future__ import annotations

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor

from matching import MatchEngine
from matching.features import SIGN


class BoostedEngine(MatchEngine):
    """``MatchEngine`` whose learned part is monotone gradient-boosted trees (see the module docstring).

    Parameters are ``MatchEngine``'s plus the trees': ``max_iter``, ``learning_rate``,
    ``max_leaf_nodes``, ``min_samples_leaf`` and ``l2_regularization``.
    """

    def __init__(self, prior_weights: dict[str, float] | None = None, n_candidates: int = 300,
                 blend_n0: float = 200.0, C: float = 1.0, n_negatives: int = 10,
                 char_weight: float = 0.4, min_feedback: int = 20, n_components: int = 64,
                 max_hard_groups: int = 500, random_state: int = 0, max_iter: int = 200,
                 learning_rate: float = 0.1, max_leaf_nodes: int = 15, min_samples_leaf: int = 40,
                 l2_regularization: float = 1.0) -> None:
        super().__init__(prior_weights=prior_weights, n_candidates=n_candidates, blend_n0=blend_n0, C=C,
                         n_negatives=n_negatives, char_weight=char_weight, min_feedback=min_feedback,
                         n_components=n_components, max_hard_groups=max_hard_groups, random_state=random_state)
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.max_leaf_nodes = max_leaf_nodes
        self.min_samples_leaf = min_samples_leaf
        self.l2_regularization = l2_regularization

    def _learn(self, feedback) -> None:
        super()._learn(feedback)  # prior, "interested" pairs and the logistic weights (kept for reasons)
        self.trees_ = None
        self.tree_blend_ = 0.0
        known = [f for f in feedback if f.seeker_id in self.seeker_index_ and f.vacancy_id in self.vacancy_index_]
        if not known:
            return
        rows = self._training_rows(known, np.random.default_rng(self.random_state))
        if rows is None:
            return
        F, grades, _, _, n_pairs = rows
        if np.unique(grades).size < 2:
            return
        trees = HistGradientBoostingRegressor(
            max_iter=self.max_iter, learning_rate=self.learning_rate, max_leaf_nodes=self.max_leaf_nodes,
            min_samples_leaf=self.min_samples_leaf, l2_regularization=self.l2_regularization,
            monotonic_cst=SIGN.astype(int).tolist(), early_stopping=False, random_state=self.random_state)
        trees.fit(F, grades)
        fitted = trees.predict(F)
        self.trees_ = trees
        self.tree_range_ = (float(fitted.min()), float(max(fitted.max() - fitted.min(), 1e-9)))
        self.tree_blend_ = n_pairs / (n_pairs + float(self.blend_n0))

    def _pair_scores(self, F: np.ndarray) -> np.ndarray:
        prior = np.clip(F @ self.prior_weights_, 0.0, 1.0)
        if getattr(self, "trees_", None) is None or F.shape[0] == 0:
            return super()._pair_scores(F)
        lo, span = self.tree_range_
        learned = np.clip((self.trees_.predict(F) - lo) / span, 0.0, 1.0)
        # A pair with no evidence stays out, as with the linear score.
        return np.where(prior > 0, (1.0 - self.tree_blend_) * prior + self.tree_blend_ * learned, 0.0)


def learner_factories(learner: str):
    """(engine factory, extra baselines) for ``--learner``: with "hgb" the boosted engine is the
    engine and the logistic one runs beside it as a baseline, so the report's paired comparison
    is trees against logistic regression."""
    if learner == "logistic":
        return MatchEngine, {}
    if learner == "hgb":
        return BoostedEngine, {"logistic engine": lambda seed=0, **_: MatchEngine(random_state=seed)}
    raise ValueError(f"unknown learner {learner!r}; known: logistic, hgb")
