"""The ranking engine: hard filters, candidate retrieval, pair features, a blended linear model.

How a query runs (``rank_seekers``; ``rank_vacancies`` is the mirror image):

1. Hard filters as boolean masks over all stored rows: vacancy open, education minimum met
   (unknown education passes but earns no credit), opt-out, ``exclude``, ``within``.
2. Retrieval: a cheap score for every eligible row from sparse dot products (title space and
   full-text space, via an inverted index) plus shared area depth; keep the best
   ``n_candidates``.
3. Pair features for those candidates only (all in [0, 1]; missing data gives 0), a linear score
   with evidence weights >= 0 summing to 1 and concern weights <= 0 (stated conflicts: wage
   above the offer, shift conflict, overqualification), clipped to [0, 1]. Each feature's
   contribution is its exact share of the evidence, which becomes the reasons.

The weights start as prior weights and blend toward weights learned from feedback as it
accumulates: ``w = (1 - b) * prior + b * learned`` with ``b = n / (n + blend_n0)``.
"""
from __future__ import annotations

import math
import warnings
from functools import lru_cache
from typing import Any, Hashable, Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator
from sklearn.decomposition import TruncatedSVD
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.feature_extraction.text import TfidfVectorizer

from ._store import DenseRows, SparseRows, rowwise_dot
from .reasons import REASON_PARAMS
from .text import (
    MAX_FIELD_CHARS,
    char_ngrams,
    major_keywords,
    phrase_key,
    phrases_match,
    shift_key,
    tokens,
)
from .types import OUTCOMES, Feedback, Reason, Seeker, Suggestion, Vacancy, education_level

FEATURES: tuple[str, ...] = (
    # Evidence for a match (weights >= 0):
    "title",             # desired positions vs vacancy title
    "experience_title",  # past job titles vs vacancy title
    "text",              # whole profile vs whole vacancy text
    "related",           # latent-topic (LSA) similarity: related jobs with different words
    "skills",            # share of the vacancy's skills the seeker has
    "certificates",      # share of the vacancy's certificates the seeker has
    "major",             # major's field words found in the vacancy
    "education",         # known education meets a stated minimum
    "experience",        # years of experience vs a stated minimum
    "area",              # share of the vacancy's area prefix the seeker lives in
    "area_local",        # lives inside the vacancy's whole area (commuting is easy)
    "wage",              # expected wage within the offer
    "shift",             # share of the vacancy's shifts the seeker accepts
    "interested",        # the resident said they are interested
    # Stated conflicts (weights <= 0). Missing data is never a conflict:
    "wage_above",        # expected wage above the top of the offer
    "shift_conflict",    # share of the vacancy's shifts the seeker says they cannot work
    "overqualified",     # education far above the stated minimum
)
CONCERNS: frozenset[str] = frozenset({"wage_above", "shift_conflict", "overqualified"})
COL: dict[str, int] = {f: i for i, f in enumerate(FEATURES)}
_SIGN = np.array([-1.0 if f in CONCERNS else 1.0 for f in FEATURES])
REASON_OF: dict[str, str] = dict(zip(FEATURES, (
    "title_match", "experience_title", "text_match", "related_field", "skills_overlap", "certificates", "major_fit",
    "education_meets", "experience", "same_area", "same_area", "wage_fit", "shift_fit", "resident_interested",
    "wage_above_offer", "shift_conflict", "overqualified",
)))

# Judgement-based starting weights: what a counter officer looks at first. Evidence weights are
# normalised to sum to 1 (so scores stay in [0, 1]); concern weights are negative.
DEFAULT_PRIOR_WEIGHTS: dict[str, float] = {
    "title": 0.16,
    "experience_title": 0.10,
    "text": 0.10,
    "related": 0.06,
    "skills": 0.15,
    "certificates": 0.05,
    "major": 0.07,
    "education": 0.04,
    "experience": 0.06,
    "area": 0.05,
    "area_local": 0.05,
    "wage": 0.04,
    "shift": 0.03,
    "interested": 0.06,
    "wage_above": -0.04,
    "shift_conflict": -0.03,
    "overqualified": 0.0,  # no penalty until feedback shows employers hesitate
}

_SENTINEL = "\x00lokerwarga-empty\x00"  # one fake document so an empty corpus still has a vocabulary
_ANY_SHIFT = frozenset({"pagi", "siang", "malam"})


# Analyzers are module-level functions so a fitted engine can be pickled.
def _word_analyzer(doc: Any) -> list[str]:
    if doc == _SENTINEL:
        return [_SENTINEL]
    toks = tokens(doc)
    return list(toks) + [f"{a} {b}" for a, b in zip(toks, toks[1:])]


def _char_analyzer(doc: Any) -> list[str]:
    if doc == _SENTINEL:
        return [_SENTINEL]
    return char_ngrams(tokens(doc))


def _text_analyzer(doc: Any) -> list[str]:
    if doc == _SENTINEL:
        return [_SENTINEL]
    out: list[str] = []
    for part in doc:
        out.extend(tokens(part))
    return out


def _vectorizer(analyzer: Any) -> TfidfVectorizer:
    return TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, dtype=np.float32)


def _seeker_titles(s: Seeker) -> list[tuple[str, int, float]]:
    """(title, kind, years): kind 0 is a desired position, 1 a past job."""
    out = [(t, 0, 0.0) for t in s.desired_positions if t.strip()]
    out += [(e.title, 1, e.years) for e in s.experience if e.title.strip()]
    return out


def _seeker_text(s: Seeker) -> tuple[str, ...]:
    parts = [*s.desired_positions, *(e.title for e in s.experience), *s.skills, *s.certificates, s.major]
    parts += [e.description[:MAX_FIELD_CHARS] for e in s.experience]
    parts.append(s.about[:MAX_FIELD_CHARS])
    return tuple(p for p in parts if p)


def _vacancy_text(v: Vacancy) -> tuple[str, ...]:
    parts = [v.title, *v.skills, *v.certificates, v.description[:MAX_FIELD_CHARS]]
    return tuple(p for p in parts if p)


def _l2_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    """Scale rows to unit length (empty rows stay empty, zero-row matrices are fine)."""
    m = sp.csr_matrix(m, dtype=np.float32)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms.astype(np.float32)) @ m, dtype=np.float32)


def _ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenation of ``range(starts[i], starts[i] + counts[i])`` for all i."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(starts, counts) + (np.arange(total) - offsets)


def _check_unique(records: Sequence[Any], kind: str) -> None:
    seen: set = set()
    for r in records:
        if r.id in seen:
            raise ValueError(f"duplicate {kind} id {r.id!r}")
        seen.add(r.id)


class MatchEngine(BaseEstimator):
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
        _check_unique(seekers, "seeker")
        _check_unique(vacancies, "vacancy")

        self.prior_weights_ = self._normalised_prior()
        self.area_codes_: dict[tuple[str, ...], int] = {}
        self.area_depth_ = 1

        # Vocabularies and IDF come from this corpus once; update() reuses them.
        titles = [_seeker_titles(s) for s in seekers]
        title_docs = [t for ts in titles for (t, _, _) in ts] + [v.title for v in vacancies] + [_SENTINEL]
        self.title_word_vectorizer_ = _vectorizer(_word_analyzer)
        self.title_char_vectorizer_ = _vectorizer(_char_analyzer)
        w_all = self.title_word_vectorizer_.fit_transform(title_docs)
        c_all = self.title_char_vectorizer_.fit_transform(title_docs)
        text_docs = [_seeker_text(s) for s in seekers] + [_vacancy_text(v) for v in vacancies] + [_SENTINEL]
        self.text_vectorizer_ = _vectorizer(_text_analyzer)
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

    def _fit_topics(self, x: sp.csr_matrix) -> None:
        """Latent topics of all texts: words that keep company ("kasir", "pramuniaga", "toko")
        end up close, so related jobs meet even without a shared word."""
        k = min(int(self.n_components), x.shape[0] - 1, x.shape[1] - 1)
        self.topics_ = None
        if k >= 2 and x.nnz:
            svd = TruncatedSVD(n_components=k, algorithm="randomized", n_iter=4, random_state=self.random_state)
            with np.errstate(all="ignore"):  # tiny corpora: explained-variance ratio divides 0 by 0
                svd.fit(x)
            self.topics_ = svd.components_.astype(np.float32)  # k x terms

    def _embed(self, x: sp.csr_matrix) -> np.ndarray:
        """Unit-length topic vectors of TF-IDF rows (zero rows stay zero)."""
        if self.topics_ is None:
            return np.zeros((x.shape[0], 1), dtype=np.float32)
        z = np.asarray(x @ self.topics_.T, dtype=np.float32)
        norms = np.linalg.norm(z, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return z / norms

    def _normalised_prior(self) -> np.ndarray:
        prior = DEFAULT_PRIOR_WEIGHTS if self.prior_weights is None else self.prior_weights
        unknown = set(prior) - set(FEATURES)
        if unknown:
            raise ValueError(f"prior_weights: unknown features {sorted(unknown)}; known: {list(FEATURES)}")
        w = np.array([float(prior.get(f, 0.0)) for f in FEATURES])
        if (w * _SIGN < 0).any() or w[_SIGN > 0].sum() <= 0:
            raise ValueError("prior_weights: evidence weights must be >= 0 with a positive sum, "
                             f"concern weights ({sorted(CONCERNS)}) <= 0")
        return w / w[_SIGN > 0].sum()

    def _title_space(self, words: sp.csr_matrix, chars: sp.csr_matrix) -> sp.csr_matrix:
        # Rows of both blocks are unit length, so the cosine is a weighted mean of the two cosines.
        a = math.sqrt(1.0 - self.char_weight)
        b = math.sqrt(self.char_weight)
        return sp.hstack([words * a, chars * b], format="csr", dtype=np.float32)

    def _aggregate_titles(self, words: sp.csr_matrix, chars: sp.csr_matrix, counts: np.ndarray) -> sp.csr_matrix:
        """One title vector per seeker: the normalised sum of its titles (for retrieval)."""
        n = counts.size
        owner = np.repeat(np.arange(n), counts)
        g = sp.csr_matrix((np.ones(owner.size, dtype=np.float32), (owner, np.arange(owner.size))),
                          shape=(n, owner.size))
        return self._title_space(_l2_rows(g @ words), _l2_rows(g @ chars))

    # ------------------------------------------------------------------ areas
    def _area_row(self, area: tuple[str, ...]) -> list[int]:
        codes = []
        for d in range(len(area)):
            prefix = area[: d + 1]
            code = self.area_codes_.get(prefix)
            if code is None:
                code = self.area_codes_[prefix] = len(self.area_codes_)
            codes.append(code)
        return codes

    def _area_matrix(self, areas: list[tuple[str, ...]]) -> np.ndarray:
        depth = max([len(a) for a in areas] + [1])
        if depth > self.area_depth_:
            pad = depth - self.area_depth_
            self.s_area_ = np.pad(self.s_area_, ((0, 0), (0, pad)), constant_values=-1)
            if hasattr(self, "v_area_"):
                self.v_area_ = np.pad(self.v_area_, ((0, 0), (0, pad)), constant_values=-1)
            self.area_depth_ = depth
        out = np.full((len(areas), self.area_depth_), -1, dtype=np.int32)
        for i, a in enumerate(areas):
            codes = self._area_row(a)
            out[i, : len(codes)] = codes
        return out

    # ------------------------------------------------------------------ record metadata
    def _append_seeker_meta(self, seekers: list[Seeker]) -> None:
        base = len(self.seekers_)
        for i, s in enumerate(seekers):
            old = self.seeker_index_.get(s.id)
            if old is not None:
                self.s_active_[old] = False
            self.seeker_index_[s.id] = base + i
        self.seekers_.extend(seekers)
        area = self._area_matrix([s.area for s in seekers])
        self.s_active_ = np.concatenate([self.s_active_, np.ones(len(seekers), dtype=bool)])
        self.s_opt_out_ = np.concatenate([self.s_opt_out_, np.array([s.ranking_opt_out for s in seekers], dtype=bool)])
        edu = [education_level(s.education) for s in seekers]
        self.s_edu_ = np.concatenate([self.s_edu_, np.array([-1 if e is None else e for e in edu], dtype=np.int8)])
        wage = [np.nan if s.expected_wage is None else float(s.expected_wage) for s in seekers]
        self.s_wage_ = np.concatenate([self.s_wage_, np.array(wage, dtype=np.float64)])
        self.s_area_ = np.concatenate([self.s_area_, area])

    def _append_vacancy_meta(self, vacancies: list[Vacancy]) -> None:
        base = len(self.vacancies_)
        for i, v in enumerate(vacancies):
            old = self.vacancy_index_.get(v.id)
            if old is not None:
                self.v_active_[old] = False
            self.vacancy_index_[v.id] = base + i
        self.vacancies_.extend(vacancies)
        area = self._area_matrix([v.area for v in vacancies])
        self.v_active_ = np.concatenate([self.v_active_, np.ones(len(vacancies), dtype=bool)])
        self.v_open_ = np.concatenate([self.v_open_, np.array([v.open for v in vacancies], dtype=bool)])
        edu = [education_level(v.education_min) for v in vacancies]
        self.v_edu_ = np.concatenate([self.v_edu_, np.array([-1 if e is None else e for e in edu], dtype=np.int8)])
        lo = [np.nan if v.wage_min is None else float(v.wage_min) for v in vacancies]
        hi = [np.nan if v.wage_max is None else float(v.wage_max) for v in vacancies]
        self.v_wage_min_ = np.concatenate([self.v_wage_min_, np.array(lo, dtype=np.float64)])
        self.v_wage_max_ = np.concatenate([self.v_wage_max_, np.array(hi, dtype=np.float64)])
        self.v_area_ = np.concatenate([self.v_area_, area])

    # ------------------------------------------------------------------ update
    def update(self, seekers: Iterable[Seeker] = (), vacancies: Iterable[Vacancy] = (),
               feedback: Iterable[Feedback] = ()) -> "MatchEngine":
        """Add or replace records (by id) using the fitted vocabulary; weights are kept.

        ``feedback`` (optional) only records "interested" statements for the
        ``resident_interested`` feature; retraining needs ``fit``.
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
        _check_unique(seekers, "seeker")
        _check_unique(vacancies, "vacancy")
        if seekers:
            titles = [_seeker_titles(s) for s in seekers]
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
            x = self.text_vectorizer_.transform([_seeker_text(s) for s in seekers])
            self.s_text_.append(x)
            self.s_emb_.append(self._embed(x))
            self._append_seeker_meta(seekers)
        if vacancies:
            self.v_title_.append(self._title_space(
                self.title_word_vectorizer_.transform([v.title for v in vacancies]),
                self.title_char_vectorizer_.transform([v.title for v in vacancies])))
            x = self.text_vectorizer_.transform([_vacancy_text(v) for v in vacancies])
            self.v_text_.append(x)
            self.v_emb_.append(self._embed(x))
            self._append_vacancy_meta(vacancies)
        for f in feedback:
            if f.outcome == "interested" and f.seeker_id in self.seeker_index_ and f.vacancy_id in self.vacancy_index_:
                self.interested_.add((f.seeker_id, f.vacancy_id))
        return self

    def _check_fitted(self) -> None:
        if not hasattr(self, "weights_"):
            from sklearn.exceptions import NotFittedError

            raise NotFittedError("MatchEngine is not fitted yet; call fit(seekers, vacancies) first")

    # ------------------------------------------------------------------ pair features
    def _vacancy_tokens(self, vrow: int) -> frozenset[str]:
        toks = self._v_tokens.get(vrow)
        if toks is None:
            toks = frozenset(_text_analyzer(_vacancy_text(self.vacancies_[vrow])))
            self._v_tokens[vrow] = toks
        return toks

    def _title_sims(self, srows: np.ndarray, vrows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per title row of each pair's seeker: (pair index, title row, cosine with the vacancy title)."""
        counts = self.s_title_count_[srows]
        trows = _ranges(self.s_title_start_[srows], counts)
        owner = np.repeat(np.arange(srows.size), counts)
        if trows.size == 0:
            return owner, trows, np.zeros(0)
        sims = rowwise_dot(self.titles_.rows(trows), self.v_title_.rows(vrows[owner]))
        return owner, trows, np.clip(sims, 0.0, 1.0)

    def _features(self, srows: np.ndarray, vrows: np.ndarray, interested: np.ndarray | None = None,
                  return_best: bool = False) -> Any:
        """Feature matrix (pairs x FEATURES), and with ``return_best`` the best-matching title
        row per pair for desired positions and past jobs (-1 when the seeker has none)."""
        srows = np.asarray(srows, dtype=np.int64)
        vrows = np.asarray(vrows, dtype=np.int64)
        m = srows.size
        F = np.zeros((m, len(FEATURES)), dtype=np.float64)
        best = np.full((m, 2), -1, dtype=np.int64)
        if m == 0:
            return (F, best) if return_best else F
        owner, trows, sims = self._title_sims(srows, vrows)
        if trows.size:
            kind = self.title_kind_[trows].astype(np.int64)
            # Sort by pair, kind, then similarity descending: the first row of each group is its max.
            order = np.lexsort((-sims, kind, owner))
            o, k = owner[order], kind[order]
            first = np.ones(order.size, dtype=bool)
            first[1:] = (o[1:] != o[:-1]) | (k[1:] != k[:-1])
            sel = order[first]
            F[owner[sel], kind[sel]] = sims[sel]
            best[owner[sel], kind[sel]] = trows[sel]
        F[:, COL["related"]] = np.clip(
            np.einsum("ij,ij->i", self.s_emb_.array[srows], self.v_emb_.array[vrows]), 0.0, 1.0)
        F[:, COL["text"]] = np.clip(rowwise_dot(self.s_text_.rows(srows), self.v_text_.rows(vrows)), 0.0, 1.0)

        seekers, vacancies = self.seekers_, self.vacancies_
        c_sk, c_ce = COL["skills"], COL["certificates"]
        for i in range(m):
            s = seekers[srows[i]]
            v = vacancies[vrows[i]]
            if (v.skills or v.certificates) and (s.skills or s.certificates):
                offered = _keyed(s.skills + s.certificates)
                if v.skills:
                    F[i, c_sk] = _covered_keys(_keyed(v.skills), offered)[0]
                if v.certificates:
                    F[i, c_ce] = _covered_keys(_keyed(v.certificates), offered)[0]
            if s.major:
                mk = major_keywords(s.major)
                if mk:
                    F[i, COL["major"]] = min(1.0, len(mk & self._vacancy_tokens(vrows[i])) / 2.0)
            if v.experience_years_min > 0:
                years = sum(e.years for e in s.experience)
                F[i, COL["experience"]] = min(1.0, years / v.experience_years_min)
            if v.shifts and s.shifts:
                fit = _shifts(v.shifts, s.shifts)[0]
                F[i, COL["shift"]] = fit
                F[i, COL["shift_conflict"]] = 1.0 - fit

        s_edu, v_edu = self.s_edu_[srows], self.v_edu_[vrows]
        known = (v_edu >= 0) & (s_edu >= 0)
        F[:, COL["education"]] = (known & (s_edu >= v_edu)).astype(np.float64)
        # Three or more levels above the minimum (e.g. S1 for an SMP job) counts fully; D3 for SMA half.
        F[:, COL["overqualified"]] = np.where(known, np.clip((s_edu.astype(float) - v_edu - 2.0) / 2.0, 0.0, 1.0), 0.0)
        F[:, COL["area"]] = self._area_share(self.s_area_[srows], self.v_area_[vrows])
        F[:, COL["area_local"]] = (F[:, COL["area"]] >= 1.0).astype(np.float64)
        F[:, COL["wage"]], F[:, COL["wage_above"]] = _wage_fit(
            self.s_wage_[srows], self.v_wage_min_[vrows], self.v_wage_max_[vrows])
        if interested is None:
            if self.interested_:
                interested = np.array([(seekers[a].id, vacancies[b].id) in self.interested_
                                       for a, b in zip(srows, vrows)], dtype=bool)
            else:
                interested = np.zeros(m, dtype=bool)
        F[:, COL["interested"]] = interested
        return (F, best) if return_best else F

    @staticmethod
    def _area_share(s_area: np.ndarray, v_area: np.ndarray) -> np.ndarray:
        """Fraction of the vacancy's area prefix that the seeker's area shares."""
        known = v_area >= 0
        depth = known.sum(axis=1)
        shared = ((s_area == v_area) & known).sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(depth > 0, shared / np.maximum(depth, 1), 0.0)

    # ------------------------------------------------------------------ learning
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

    def _fit_learned(self, feedback: list[Feedback]) -> tuple[np.ndarray, int] | None:
        """Pairwise logistic regression on feature differences within query groups.

        Each seeker-vacancy pair is labelled by its latest outcome (hired 3 > interview 2 >
        referred/interested 1 > dismissed/refused 0). Pairs are compared within a vacancy (whom
        staff preferred) and within a seeker (which vacancy worked out). Eligible candidates
        nobody looked at join each group with grade -1: feedback only covers shortlisted pairs,
        and without them the model would forget why those were shortlisted.
        """
        rng = np.random.default_rng(self.random_state)
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
        w = np.clip(model.coef_.ravel() * _SIGN, 0.0, None) * _SIGN
        pos = w[_SIGN > 0].sum()
        if pos <= 0:
            return None
        return w / pos, len(pairs)

    # ------------------------------------------------------------------ ranking
    @property
    def feature_weights_(self) -> dict[str, float]:
        """Current weight of each feature (evidence weights sum to 1; concern weights are <= 0)."""
        self._check_fitted()
        return {f: float(w) for f, w in zip(FEATURES, self.weights_)}

    def _exclude_rows(self, exclude: Iterable[Hashable], index: dict[Hashable, int]) -> list[int]:
        if isinstance(exclude, (str, bytes)) or not isinstance(exclude, Iterable):
            exclude = (exclude,)
        rows = []
        for x in exclude:
            r = index.get(x)
            if r is not None:
                rows.append(r)
        return rows

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

    def _seeker_mask(self, vrow: int) -> np.ndarray:
        """Hard filters for seekers of a vacancy: active, not opted out, education minimum met
        (unknown education passes)."""
        mask = self.s_active_ & ~self.s_opt_out_
        v_edu = self.v_edu_[vrow]
        if v_edu >= 0:
            mask &= (self.s_edu_ < 0) | (self.s_edu_ >= v_edu)
        return mask

    def _vacancy_mask(self, srow: int) -> np.ndarray:
        mask = self.v_active_ & self.v_open_
        s_edu = self.s_edu_[srow]
        if s_edu >= 0:
            mask &= self.v_edu_ <= s_edu
        return mask

    def _retrieve_seekers(self, vrow: int, mask: np.ndarray, pool: int) -> np.ndarray:
        """Eligible seeker rows, cut to the ``pool`` best by a cheap retrieval score.

        Sparse dot products through the inverted index (title and text spaces) plus shared
        area depth, all computed over whole columns (no per-row Python)."""
        cand = np.flatnonzero(mask)
        if cand.size <= pool:
            return cand
        r = 0.45 * self.s_title_agg_.dot(self.v_title_.rows(np.array([vrow])))
        r += 0.40 * self.s_text_.dot(self.v_text_.rows(np.array([vrow])))
        v_codes = self.v_area_[vrow]
        depth = int((v_codes >= 0).sum())
        if depth:
            shared = np.zeros(r.size, dtype=np.float32)
            for d in range(depth):
                shared += self.s_area_[:, d] == v_codes[d]
            r += (0.15 / depth) * shared
        r = r[cand]
        top = np.argpartition(-r, pool - 1)[:pool]
        return np.sort(cand[top])

    def _retrieve_vacancies(self, srow: int, mask: np.ndarray, pool: int) -> np.ndarray:
        cand = np.flatnonzero(mask)
        if cand.size <= pool:
            return cand
        r = 0.45 * self.v_title_.dot(self.s_title_agg_.rows(np.array([srow])))
        r += 0.40 * self.v_text_.dot(self.s_text_.rows(np.array([srow])))
        r = r[cand] + 0.15 * self._area_share(np.broadcast_to(self.s_area_[srow], (cand.size, self.area_depth_)),
                                              self.v_area_[cand])
        top = np.argpartition(-r, pool - 1)[:pool]
        return np.sort(cand[top])

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

    def _pool_size(self, k: int | None) -> int:
        # Asking for more results than the usual pool widens the pool rather than truncating.
        if k is None:
            return np.iinfo(np.int64).max
        return max(int(self.n_candidates), int(k))

    def _score(self, srows: np.ndarray, vrows: np.ndarray, k: int | None) -> list[Suggestion]:
        F, best = self._features(srows, vrows, return_best=True)
        scores = np.clip(F @ self.weights_, 0.0, 1.0)
        # Stable order: ties keep insertion order, so results are deterministic.
        order = np.argsort(-scores, kind="stable")
        # A pair with no evidence at all is not a suggestion (missing data never counts as a match).
        order = order[scores[order] > 0]
        if k is not None:
            order = order[:k]
        terms = self._shared_terms(srows[order], vrows[order])
        related = self._related_terms(srows[order], vrows[order])
        return [self._suggestion(int(srows[i]), int(vrows[i]), F[i], float(scores[i]), best[i], terms[n], related[n])
                for n, i in enumerate(order)]

    def _shared_terms(self, srows: np.ndarray, vrows: np.ndarray, n_terms: int = 5) -> list[list[str]]:
        """Words both texts contain, strongest contribution to their cosine first (batched)."""
        if srows.size == 0:
            return []
        prod = sp.csr_matrix(self.s_text_.rows(srows).multiply(self.v_text_.rows(vrows)))
        prod.eliminate_zeros()
        out = []
        for r in range(prod.shape[0]):
            a, b = prod.indptr[r], prod.indptr[r + 1]
            top = np.argsort(-prod.data[a:b], kind="stable")[:n_terms]
            out.append([str(self.text_terms_[prod.indices[a + t]]) for t in top])
        return out

    # ------------------------------------------------------------------ explanations
    def explain(self, seeker_id: Hashable, vacancy_id: Hashable) -> Suggestion:
        """Score and reasons for one pair, ignoring filters (for staff who ask "why not?")."""
        self._check_fitted()
        srow = self.seeker_index_[seeker_id]
        vrow = self.vacancy_index_[vacancy_id]
        F, best = self._features(np.array([srow]), np.array([vrow]), return_best=True)
        terms = self._shared_terms(np.array([srow]), np.array([vrow]))
        related = self._related_terms(np.array([srow]), np.array([vrow]))
        return self._suggestion(srow, vrow, F[0], float(np.clip(F[0] @ self.weights_, 0.0, 1.0)), best[0],
                                terms[0], related[0])

    def _suggestion(self, srow: int, vrow: int, f: np.ndarray, score: float, best: np.ndarray,
                    terms: list[str], related: list[str]) -> Suggestion:
        s, v = self.seekers_[srow], self.vacancies_[vrow]
        contrib = f * self.weights_
        total = contrib[contrib > 0].sum()
        reasons = []
        if total > 0:
            # Several features may back one reason code (area share and local area): add them up.
            by_code: dict[str, float] = {}
            first_feature: dict[str, str] = {}
            for j in np.flatnonzero(contrib != 0):
                code = REASON_OF[FEATURES[j]]
                by_code[code] = by_code.get(code, 0.0) + float(contrib[j])
                first_feature.setdefault(code, FEATURES[j])
            # Evidence first (largest share first), then concerns (negative shares, worst last).
            for code, c in sorted(by_code.items(), key=lambda kv: -kv[1]):
                params = self._reason_params(first_feature[code], s, v, best, terms, f, related)
                reasons.append(Reason(code, c / total, params))
        return Suggestion(s.id, v.id, score, tuple(reasons))

    def _related_terms(self, srows: np.ndarray, vrows: np.ndarray, n_terms: int = 3) -> list[list[str]]:
        """Per pair, the vacancy's words the seeker's profile is most associated with in topic
        space (batched: each vacancy's words are looked up once)."""
        if self.topics_ is None or srows.size == 0:
            return [[] for _ in range(srows.size)]
        per_v: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        out = []
        emb = self.s_emb_.array
        for sr, vr in zip(srows.tolist(), vrows.tolist()):
            if vr not in per_v:
                cols = self.v_text_.rows(np.array([vr])).indices
                per_v[vr] = (cols, self.topics_[:, cols].T.copy())
            cols, topic_cols = per_v[vr]
            if cols.size == 0:
                out.append([])
                continue
            assoc = topic_cols @ emb[sr]
            order = np.argsort(-assoc, kind="stable")[:n_terms]
            out.append([str(self.text_terms_[cols[i]]) for i in order if assoc[i] > 0])
        return out

    def _reason_params(self, feature: str, s: Seeker, v: Vacancy, best: np.ndarray, terms: list[str],
                       f: np.ndarray, related: list[str]) -> dict:
        if feature == "title":
            t = best[0]
            return {"title": v.title, "matched": self.title_text_[t], "similarity": float(f[0])}
        if feature == "experience_title":
            t = best[1]
            return {"title": v.title, "matched": self.title_text_[t], "years": float(self.title_years_[t]),
                    "similarity": float(f[1])}
        if feature == "text":
            return {"terms": terms}
        if feature == "related":
            return {"terms": related, "similarity": float(f[COL["related"]])}
        if feature == "skills":
            _, matched = _covered(v.skills, s.skills + s.certificates)
            return {"matched": matched, "n_matched": len(matched), "n_required": len(_keyed(v.skills))}
        if feature == "certificates":
            _, matched = _covered(v.certificates, s.certificates + s.skills)
            return {"matched": matched, "n_matched": len(matched), "n_required": len(_keyed(v.certificates))}
        if feature == "major":
            hits = sorted(major_keywords(s.major) & self._vacancy_tokens(self.vacancy_index_[v.id]))
            return {"education": s.education or "", "major": s.major, "keywords": hits}
        if feature == "education":
            return {"education": s.education, "major": s.major, "minimum": v.education_min}
        if feature == "experience":
            return {"years": float(sum(e.years for e in s.experience)), "minimum": float(v.experience_years_min)}
        if feature in ("area", "area_local"):
            shared = 0
            while shared < min(len(s.area), len(v.area)) and s.area[shared] == v.area[shared]:
                shared += 1
            levels = list(v.area[:shared])
            return {"area": ", ".join(reversed(levels[-2:])), "depth": shared,
                    "vacancy_depth": len(v.area), "levels": levels}
        if feature == "wage":
            return {"expected": float(s.expected_wage),
                    "wage_min": None if v.wage_min is None else float(v.wage_min),
                    "wage_max": None if v.wage_max is None else float(v.wage_max)}
        if feature == "shift":
            _, matched = _shifts(v.shifts, s.shifts)
            return {"shifts": matched, "n_matched": len(matched), "n_required": len(v.shifts)}
        if feature == "wage_above":
            return {"expected": float(s.expected_wage),
                    "wage_min": None if v.wage_min is None else float(v.wage_min),
                    "wage_max": None if v.wage_max is None else float(v.wage_max)}
        if feature == "shift_conflict":
            _, matched = _shifts(v.shifts, s.shifts)
            return {"shifts": [x for x in v.shifts if x not in matched], "accepted": list(s.shifts)}
        if feature == "overqualified":
            return {"education": s.education, "minimum": v.education_min}
        return {}


# ---------------------------------------------------------------------- pair helpers
@lru_cache(maxsize=200_000)
def _keyed(items: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(text, key) of each phrase with a non-empty key; cached because the same skill lists
    recur across queries."""
    out = []
    for item in items:
        key = phrase_key(item)
        if key:
            out.append((item, key))
    return tuple(out)


def _covered_keys(req: tuple, off: tuple) -> tuple[float, list[str]]:
    if not req or not off:
        return 0.0, []
    matched = [text for text, key in req if any(phrases_match(key, o) for _, o in off)]
    return len(matched) / len(req), matched


def _covered(required: tuple[str, ...], offered: tuple[str, ...]) -> tuple[float, list[str]]:
    """Share of required phrases covered by an offered one, and the required ones covered."""
    return _covered_keys(_keyed(required), _keyed(offered))


def _shifts(required: tuple[str, ...], accepted: tuple[str, ...]) -> tuple[float, list[str]]:
    acc = {shift_key(a) for a in accepted}
    if "bergilir" in acc:
        acc |= _ANY_SHIFT  # someone who accepts rotating shifts works each of them
    matched = [r for r in required if shift_key(r) in acc]
    return (len(matched) / len(required) if required else 0.0), matched


def _wage_fit(expected: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(fit, above): fit is 1 when the expected wage is at most the offer's top and fades to 0 at
    25 % above it; above grows from 0 at the top to 1 at 25 % above. Both 0 when data is missing."""
    top = np.where(np.isnan(hi), lo, hi)
    ok = ~np.isnan(expected) & ~np.isnan(top) & (top > 0)
    fit = np.zeros(expected.shape, dtype=np.float64)
    above = np.zeros(expected.shape, dtype=np.float64)
    e, t = expected[ok], top[ok]
    excess = 4.0 * (e - t) / t
    fit[ok] = np.clip(1.0 - excess, 0.0, 1.0)
    above[ok] = np.clip(excess, 0.0, 1.0)
    return fit, above
