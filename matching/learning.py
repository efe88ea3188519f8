"""Learning from feedback: a pairwise logistic regression on feature differences within query
groups, blended with the prior weights as feedback accumulates."""
from __future__ import annotations

import warnings
from typing import Hashable

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression

from .features import SIGN
from .types import OUTCOMES, Feedback

# Outcomes that say the resident wants (or was judged fit for) a kind of work.
HISTORY_OUTCOMES = frozenset({"interested", "referred", "interview", "hired"})


class Learner:
    """Mixin of ``MatchEngine``: sets ``weights_`` (and ``model_``, ``blend_``...) from feedback."""

    def _learn(self, feedback: list[Feedback]) -> None:
        """Set ``weights_``: prior weights blended with weights learned from feedback."""
        known = []
        ignored = 0
        for f in feedback:
            if not isinstance(f, Feedback):
                raise TypeError(f"feedback: expected Feedback records, got {type(f).__name__}")
            if f.seeker_id in self.seeker_index_ and f.vacancy_id in self.vacancy_index_:
                known.append(f)
            else:
                ignored += 1
        self.n_feedback_ignored_ = ignored
        self.n_feedback_ = len(known)
        self.interested_: set[tuple[Hashable, Hashable]] = {
            (f.seeker_id, f.vacancy_id) for f in known if f.outcome == "interested"}
        # Vacancies each resident was interested in, referred to, interviewed or hired for: their
        # profile leans toward more of the same ("history" feature, weighted low).
        self.history_: dict[Hashable, set[int]] = {}
        for f in known:
            if f.outcome in HISTORY_OUTCOMES:
                self.history_.setdefault(f.seeker_id, set()).add(self.vacancy_index_[f.vacancy_id])
        self.learned_weights_ = None
        self.model_ = None
        self.blend_ = 0.0
        self.n_pairs_learned_ = 0
        learned = self._fit_learned(known) if known else None
        if learned is not None:
            w_learned, n_pairs = learned
            self.learned_weights_ = w_learned
            self.n_pairs_learned_ = n_pairs
            self.blend_ = n_pairs / (n_pairs + float(self.blend_n0))
        if self.learned_weights_ is None:
            self.weights_ = self.prior_weights_.copy()
        else:
            self.weights_ = (1.0 - self.blend_) * self.prior_weights_ + self.blend_ * self.learned_weights_

    def _training_rows(self, feedback: list[Feedback], rng: np.random.Generator):
        """(features, grades, seeker rows, vacancy rows, labelled pairs) to learn from, or None.

        Each seeker-vacancy pair is labelled by its latest outcome (hired 3 > interview 2 >
        referred/interested 1 > dismissed/refused 0). Eligible candidates nobody looked at join
        with grade -1: feedback only covers shortlisted pairs, and without them a model would
        forget why those were shortlisted.
        """
        if all(f.at is not None for f in feedback):
            ordered = sorted(feedback, key=lambda f: f.at)  # stable: ties keep input order
        else:
            ordered = feedback  # without times the input order is the time order
        last: dict[tuple[Hashable, Hashable], str] = {}
        # Whether the resident had said "interested" before the pair's latest event: the feature
        # must only see what was known before the outcome it is trained to predict.
        interested_before: dict[tuple[Hashable, Hashable], bool] = {}
        seen_interest: set[tuple[Hashable, Hashable]] = set()
        for f in ordered:
            key = (f.seeker_id, f.vacancy_id)
            interested_before[key] = key in seen_interest
            last[key] = f.outcome
            if f.outcome == "interested":
                seen_interest.add(key)
        if len(last) < max(1, int(self.min_feedback)):
            return None
        pairs = list(last)
        srows = np.array([self.seeker_index_[a] for a, _ in pairs], dtype=np.int64)
        vrows = np.array([self.vacancy_index_[b] for _, b in pairs], dtype=np.int64)
        grades = np.array([OUTCOMES[last[p]] for p in pairs], dtype=np.float64)
        inter = np.array([interested_before.get(p, False) for p in pairs], dtype=bool)

        # Unlabelled negatives for each group: half drawn from the candidates retrieval would
        # put in front of the model (so it learns to order plausible candidates, which is its
        # job at ranking time), half uniformly from everyone eligible.
        labelled = set(zip(srows.tolist(), vrows.tolist()))
        neg_s: list[int] = []
        neg_v: list[int] = []
        n_neg = int(self.n_negatives)
        n_hard = n_neg // 2
        v_groups = np.unique(vrows)
        s_groups = np.unique(srows)
        # Retrieval per group costs a few ms: cap the groups that get hard negatives.
        hard_v = set(rng.choice(v_groups, size=min(v_groups.size, self.max_hard_groups), replace=False).tolist())
        hard_s = set(rng.choice(s_groups, size=min(s_groups.size, self.max_hard_groups), replace=False).tolist())
        if n_neg > 0:
            for v in v_groups:
                mask = self._seeker_mask(v)
                picks = []
                if v in hard_v and n_hard:
                    pool = self._retrieve_seekers(v, mask, 100)
                    picks += rng.choice(pool, size=min(n_hard, pool.size), replace=False).tolist() if pool.size else []
                eligible = np.flatnonzero(mask)
                if eligible.size:
                    picks += rng.choice(eligible, size=min(n_neg - len(picks), eligible.size), replace=False).tolist()
                for sr in picks:
                    if (sr, v) not in labelled:
                        neg_s.append(sr)
                        neg_v.append(v)
            for sr in s_groups:
                mask = self._vacancy_mask(sr)
                picks = []
                if sr in hard_s and n_hard:
                    pool = self._retrieve_vacancies(sr, mask, 50)
                    picks += rng.choice(pool, size=min(n_hard, pool.size), replace=False).tolist() if pool.size else []
                eligible = np.flatnonzero(mask)
                if eligible.size:
                    picks += rng.choice(eligible, size=min(n_neg - len(picks), eligible.size), replace=False).tolist()
                for v in picks:
                    if (sr, v) not in labelled:
                        neg_s.append(sr)
                        neg_v.append(v)
        all_s = np.concatenate([srows, np.array(neg_s, dtype=np.int64)])
        all_v = np.concatenate([vrows, np.array(neg_v, dtype=np.int64)])
        all_g = np.concatenate([grades, np.full(len(neg_s), -1.0)])
        all_i = np.concatenate([inter, np.zeros(len(neg_s), dtype=bool)])
        F = self._features(all_s, all_v, interested=all_i)
        return F, all_g, all_s, all_v, len(pairs)

    def _fit_learned(self, feedback: list[Feedback]) -> tuple[np.ndarray, int] | None:
        """Pairwise logistic regression on feature differences within query groups: pairs are
        compared within a vacancy (whom staff preferred) and within a seeker (which vacancy
        worked out)."""
        rng = np.random.default_rng(self.random_state)
        rows = self._training_rows(feedback, rng)
        if rows is None:
            return None
        F, all_g, all_s, all_v, n_pairs = rows
        diffs = []
        for key_rows in (all_v, all_s):
            order = np.argsort(key_rows, kind="stable")
            bounds = np.flatnonzero(np.diff(key_rows[order])) + 1
            for group in np.split(order, bounds):
                if group.size < 2:
                    continue
                g = all_g[group]
                hi, lo = np.nonzero(g[:, None] > g[None, :])
                if hi.size == 0:
                    continue
                if hi.size > 60:  # cap pairs per group so large groups do not dominate
                    pick = rng.choice(hi.size, size=60, replace=False)
                    hi, lo = hi[pick], lo[pick]
                diffs.append(F[group[hi]] - F[group[lo]])
        if not diffs:
            return None
        X = np.vstack(diffs)
        y = np.ones(X.shape[0], dtype=np.int64)
        flip = rng.random(X.shape[0]) < 0.5
        X[flip] *= -1
        y[flip] = 0
        if y.min() == y.max():
            return None
        with warnings.catch_warnings():
            # A model that stops short of full convergence is still a usable ranking direction.
            warnings.simplefilter("ignore", ConvergenceWarning)
            model = LogisticRegression(C=float(self.C), fit_intercept=False, max_iter=500)
            model.fit(X, y)
        self.model_ = model
        # Monotone: more agreement never lowers a score and a conflict never raises it, which
        # keeps every reason's share meaningful.
        w = np.clip(model.coef_.ravel() * SIGN, 0.0, None) * SIGN
        pos = w[SIGN > 0].sum()
        if pos <= 0:
            return None
        return w / pos, n_pairs
