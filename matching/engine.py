"""The ranking engine: hard filters, candidate retrieval, pair features, a blended linear model.

How a query runs (``rank_seekers``; ``rank_vacancies`` is the mirror image):

1. Hard filters as boolean masks over all stored rows (``retrieval.py``): vacancy open, education
   minimum met by level (unknown education passes but earns no credit), every required licence
   held or covered (``knowledge.py``, ``licences.py``), opt-out, ``exclude``, ``within``.
2. Retrieval: a cheap score for every eligible row from sparse dot products (title space and
   full-text space, via an inverted index), the vacancy's occupation code and shared area depth;
   keep the best ``n_candidates``.
3. Pair features for those candidates only (``features.py``; all in [0, 1]; missing data gives 0):
   occupation (KBJI 2014 unit group, minor group, adjacent group), titles, text, skills,
   certificates, licences, related experience..., with area, wage, shift and education scaled by
   the pair's occupational evidence; a linear score with evidence weights >= 0 summing to 1 and
   concern weights <= 0 (wage above the offer, shift conflict, overqualification, too little
   related experience), clipped to [0, 1]. Each feature's contribution is its exact share of the
   evidence, which becomes the reasons (``explain.py``).

The weights start as prior weights and blend toward weights learned from feedback as it
accumulates (``learning.py``): ``w = (1 - b) * prior + b * learned`` with ``b = n / (n + blend_n0)``.
"""
from __future__ import annotations

from typing import Hashable, Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator

from ._store import DenseRows, SparseRows
from .explain import Explainer
from .features import CONCERNS, DEFAULT_PRIOR_WEIGHTS, FEATURES, PairFeatures
from .learning import HISTORY_OUTCOMES, Learner
from .records import RecordStore, check_unique
from .retrieval import Retrieval
from .types import Feedback, Seeker, Suggestion, Vacancy
from .vectors import (
    SENTINEL,
    TextSpaces,
    char_analyzer,
    seeker_text,
    seeker_titles,
    text_analyzer,
    vacancy_text,
    vectorizer,
    word_analyzer,
)

__all__ = ["CONCERNS", "DEFAULT_PRIOR_WEIGHTS", "FEATURES", "MatchEngine"]


class MatchEngine(TextSpaces, RecordStore, Retrieval, PairFeatures, Learner, Explainer, BaseEstimator):
    """Explainable seeker-vacancy ranking (see the module docstring).

    Parameters
    ----------
    prior_weights : dict or None
        Feature name -> weight before any feedback; None uses ``DEFAULT_PRIOR_WEIGHTS``.
        Weights are normalised to sum to 1; missing features get 0.
    n_candidates : int
        Rows kept by retrieval for full pair scoring.
    blend_n0 : float
        Feedback pairs at which learned and prior weights count equally.
    C : float
        Inverse L2 regularisation of the pairwise logistic model learned from feedback.
    n_negatives : int
        Random eligible rows per query group added as unlabelled negatives when learning, so the
        model sees candidates staff never looked at (feedback alone only covers shortlisted pairs).
    char_weight : float
        Weight of character trigrams (typo tolerance) against words in title similarity.
    min_feedback : int
        Fewer usable feedback pairs than this and no model is learned (prior weights only).
    n_components : int
        Latent topics of the text model (LSA by truncated SVD); 0 switches the feature off.
    max_hard_groups : int
        Query groups (per direction) that get negatives from retrieval rather than at random.
    random_state : int
        Seed for negative sampling and the SVD.
    """

    def __init__(self, prior_weights: dict[str, float] | None = None, n_candidates: int = 300,
                 blend_n0: float = 200.0, C: float = 1.0, n_negatives: int = 10,
                 char_weight: float = 0.4, min_feedback: int = 20, n_components: int = 64,
                 max_hard_groups: int = 500, random_state: int = 0) -> None:
        self.prior_weights = prior_weights
        self.n_candidates = n_candidates
        self.blend_n0 = blend_n0
        self.C = C
        self.n_negatives = n_negatives
        self.char_weight = char_weight
        self.min_feedback = min_feedback
        self.n_components = n_components
        self.max_hard_groups = max_hard_groups
        self.random_state = random_state

    # ------------------------------------------------------------------ fitting
    def fit(self, seekers: Iterable[Seeker], vacancies: Iterable[Vacancy],
            feedback: Iterable[Feedback] = ()) -> "MatchEngine":
        seekers = list(seekers)
        vacancies = list(vacancies)
        feedback = list(feedback)
        for s in seekers:
            if not isinstance(s, Seeker):
                raise TypeError(f"seekers: expected Seeker records, got {type(s).__name__}")
        for v in vacancies:
            if not isinstance(v, Vacancy):
                raise TypeError(f"vacancies: expected Vacancy records, got {type(v).__name__}")
        check_unique(seekers, "seeker")
        check_unique(vacancies, "vacancy")

        self.prior_weights_ = self._normalised_prior()
        self.area_codes_: dict[tuple[str, ...], int] = {}
        self.area_depth_ = 1

        # Vocabularies and IDF come from this corpus once; update() reuses them.
        titles = [seeker_titles(s) for s in seekers]
        title_docs = [t for ts in titles for (t, _, _) in ts] + [v.title for v in vacancies] + [SENTINEL]
        self.title_word_vectorizer_ = vectorizer(word_analyzer)
        self.title_char_vectorizer_ = vectorizer(char_analyzer)
        w_all = self.title_word_vectorizer_.fit_transform(title_docs)
        c_all = self.title_char_vectorizer_.fit_transform(title_docs)
        text_docs = [seeker_text(s) for s in seekers] + [vacancy_text(v) for v in vacancies] + [SENTINEL]
        self.text_vectorizer_ = vectorizer(text_analyzer)
        x_all = self.text_vectorizer_.fit_transform(text_docs)
        self.text_terms_ = self.text_vectorizer_.get_feature_names_out()

        n_t = sum(len(ts) for ts in titles)
        n_s, n_v = len(seekers), len(vacancies)
        title_rows = self._title_space(w_all[:n_t], c_all[:n_t])
        self.titles_ = SparseRows(title_rows)
        self.title_kind_ = np.array([k for ts in titles for (_, k, _) in ts], dtype=np.int8)
        self.title_text_ = [t for ts in titles for (t, _, _) in ts]
        self.title_years_ = np.array([y for ts in titles for (_, _, y) in ts], dtype=np.float64)
        counts = np.array([len(ts) for ts in titles], dtype=np.int64)
        self.s_title_start_ = np.cumsum(counts) - counts
        self.s_title_count_ = counts
        self.s_title_agg_ = SparseRows(self._aggregate_titles(w_all[:n_t], c_all[:n_t], counts))
        self.s_text_ = SparseRows(x_all[:n_s])
        self._fit_topics(x_all[: n_s + n_v])
        emb = self._embed(x_all[: n_s + n_v])
        self.s_emb_ = DenseRows(emb[:n_s])
        self.v_emb_ = DenseRows(emb[n_s:])

        self._init_knowledge()
        self.seekers_: list[Seeker] = []
        self.seeker_index_: dict[Hashable, int] = {}
        self.s_active_ = np.zeros(0, dtype=bool)
        self.s_opt_out_ = np.zeros(0, dtype=bool)
        self.s_edu_ = np.zeros(0, dtype=np.int8)
        self.s_wage_ = np.zeros(0, dtype=np.float64)
        self.s_area_ = np.zeros((0, self.area_depth_), dtype=np.int32)
        self._append_seeker_meta(seekers)

        self.v_title_ = SparseRows(self._title_space(w_all[n_t:n_t + n_v], c_all[n_t:n_t + n_v]))
        self.v_text_ = SparseRows(x_all[n_s:n_s + n_v])
        self.vacancies_: list[Vacancy] = []
        self.vacancy_index_: dict[Hashable, int] = {}
        self.v_active_ = np.zeros(0, dtype=bool)
        self.v_open_ = np.zeros(0, dtype=bool)
        self.v_edu_ = np.zeros(0, dtype=np.int8)
        self.v_wage_min_ = np.zeros(0, dtype=np.float64)
        self.v_wage_max_ = np.zeros(0, dtype=np.float64)
        self.v_area_ = np.zeros((0, self.area_depth_), dtype=np.int32)
        self._append_vacancy_meta(vacancies)
        self._v_tokens: dict[int, frozenset[str]] = {}

        self._learn(feedback)
        return self

    # ------------------------------------------------------------------ update
    def update(self, seekers: Iterable[Seeker] = (), vacancies: Iterable[Vacancy] = (),
               feedback: Iterable[Feedback] = ()) -> "MatchEngine":
        """Add or replace records (by id) using the fitted vocabulary; weights are kept.

        ``feedback`` (optional) only records "interested" statements for the
        ``resident_interested`` feature and the vacancies a resident was interested in or referred
        to for the ``history`` feature; retraining needs ``fit``.
        """
        self._check_fitted()
        seekers = list(seekers)
        vacancies = list(vacancies)
        for s in seekers:
            if not isinstance(s, Seeker):
                raise TypeError(f"seekers: expected Seeker records, got {type(s).__name__}")
        for v in vacancies:
            if not isinstance(v, Vacancy):
                raise TypeError(f"vacancies: expected Vacancy records, got {type(v).__name__}")
        check_unique(seekers, "seeker")
        check_unique(vacancies, "vacancy")
        if seekers:
            titles = [seeker_titles(s) for s in seekers]
            docs = [t for ts in titles for (t, _, _) in ts]
            counts = np.array([len(ts) for ts in titles], dtype=np.int64)
            words = self.title_word_vectorizer_.transform(docs) if docs else sp.csr_matrix((0, len(self.title_word_vectorizer_.vocabulary_)), dtype=np.float32)
            chars = self.title_char_vectorizer_.transform(docs) if docs else sp.csr_matrix((0, len(self.title_char_vectorizer_.vocabulary_)), dtype=np.float32)
            self.s_title_start_ = np.concatenate([self.s_title_start_, self.titles_.n_rows + np.cumsum(counts) - counts])
            self.s_title_count_ = np.concatenate([self.s_title_count_, counts])
            self.titles_.append(self._title_space(words, chars))
            self.title_kind_ = np.concatenate([self.title_kind_, np.array([k for ts in titles for (_, k, _) in ts], dtype=np.int8)])
            self.title_text_.extend(docs)
            self.title_years_ = np.concatenate([self.title_years_, np.array([y for ts in titles for (_, _, y) in ts], dtype=np.float64)])
            self.s_title_agg_.append(self._aggregate_titles(words, chars, counts))
            x = self.text_vectorizer_.transform([seeker_text(s) for s in seekers])
            self.s_text_.append(x)
            self.s_emb_.append(self._embed(x))
            self._append_seeker_meta(seekers)
        if vacancies:
            self.v_title_.append(self._title_space(
                self.title_word_vectorizer_.transform([v.title for v in vacancies]),
                self.title_char_vectorizer_.transform([v.title for v in vacancies])))
            x = self.text_vectorizer_.transform([vacancy_text(v) for v in vacancies])
            self.v_text_.append(x)
            self.v_emb_.append(self._embed(x))
            self._append_vacancy_meta(vacancies)
        for f in feedback:
            if f.seeker_id not in self.seeker_index_ or f.vacancy_id not in self.vacancy_index_:
                continue
            if f.outcome == "interested":
                self.interested_.add((f.seeker_id, f.vacancy_id))
            if f.outcome in HISTORY_OUTCOMES:
                self.history_.setdefault(f.seeker_id, set()).add(self.vacancy_index_[f.vacancy_id])
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "weights_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("MatchEngine is not fitted yet; call fit(seekers, vacancies) first")

    # ------------------------------------------------------------------ ranking
    @property
    def feature_weights_(self) -> dict[str, float]:
        """Current weight of each feature (evidence weights sum to 1; concern weights are <= 0)."""
        self._check_fitted()
        return {f: float(w) for f, w in zip(FEATURES, self.weights_)}

    def rank_seekers(self, vacancy_id: Hashable, k: int = 50, exclude: Iterable[Hashable] = (),
                     within: Sequence[str] = ()) -> list[Suggestion]:
        """Best seekers for a vacancy, best first. Unknown vacancy id raises KeyError."""
        self._check_fitted()
        vrow = self.vacancy_index_.get(vacancy_id)
        if vrow is None:
            raise KeyError(vacancy_id)
        if k is not None and k <= 0:
            return []
        n = len(self.seekers_)
        if not self.v_open_[vrow] or n == 0:
            return []
        mask = self._seeker_mask(vrow)
        within = tuple(within or ())
        if within:
            code = self.area_codes_.get(within)
            if code is None:
                return []
            mask &= self.s_area_[:, len(within) - 1] == code
        mask[self._exclude_rows(exclude, self.seeker_index_)] = False
        cand = self._retrieve_seekers(vrow, mask, self._pool_size(k))
        if cand.size == 0:
            return []
        return self._score(cand, np.full(cand.size, vrow), k)

    def rank_vacancies(self, seeker_id: Hashable, k: int = 20, exclude: Iterable[Hashable] = ()) -> list[Suggestion]:
        """Best open vacancies for a seeker, best first. Unknown seeker id raises KeyError.

        A seeker who opted out of automated ranking gets no suggestions (no profiling at all).
        """
        self._check_fitted()
        srow = self.seeker_index_.get(seeker_id)
        if srow is None:
            raise KeyError(seeker_id)
        if k is not None and k <= 0:
            return []
        if self.s_opt_out_[srow] or len(self.vacancies_) == 0:
            return []
        mask = self._vacancy_mask(srow)
        mask[self._exclude_rows(exclude, self.vacancy_index_)] = False
        cand = self._retrieve_vacancies(srow, mask, self._pool_size(k))
        if cand.size == 0:
            return []
        return self._score(np.full(cand.size, srow), cand, k)

