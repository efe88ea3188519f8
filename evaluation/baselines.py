"""Simple rankers to compare the engine against, with the engine's ranking interface.

All of them apply the same hard filters as the engine (open vacancy, education minimum with
unknown education passing, opt-out, ``exclude``, ``within``), so differences come from ranking.
They also apply the engine's licence filter (a vacancy's required licences, covered by what the
resident's certificates hold). ``filters=False`` drops the requirement filters (education,
licences) and keeps only open / opt-out /
``exclude`` / ``within``, to show how much of a model's quality comes from its filters alone.
"""
from __future__ import annotations

import re
import zlib
from typing import Hashable, Iterable, Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from matching import Feedback, Seeker, Suggestion, Vacancy, education_level
from matching.knowledge import seeker_facts, vacancy_facts


_WORD = re.compile(r"[a-z0-9]+")


def _seeker_text(s: Seeker) -> str:
    parts = [*s.desired_positions, *(e.title for e in s.experience), *(e.description for e in s.experience),
             *s.skills, *s.certificates, s.major, s.about]
    return " ".join(p for p in parts if p)


def _vacancy_text(v: Vacancy) -> str:
    return " ".join(p for p in (v.title, v.description, *v.skills, *v.certificates) if p)


class _Base:
    """Shared filters and bookkeeping; subclasses provide ``_scores_*``."""

    def __init__(self, seed: int = 0, filters: bool = True) -> None:
        self.seed = seed
        self.filters = filters

    def fit(self, seekers: Iterable[Seeker], vacancies: Iterable[Vacancy],
            feedback: Iterable[Feedback] = ()) -> "_Base":
        self.seekers_ = list(seekers)
        self.vacancies_ = list(vacancies)
        self.s_index_ = {s.id: i for i, s in enumerate(self.seekers_)}
        self.v_index_ = {v.id: j for j, v in enumerate(self.vacancies_)}
        edu = [education_level(s.education) for s in self.seekers_]
        self.s_edu_ = np.array([-1 if e is None else e for e in edu])
        vedu = [education_level(v.education_min) for v in self.vacancies_]
        self.v_edu_ = np.array([-1 if e is None else e for e in vedu])
        self.s_opt_ = np.array([s.ranking_opt_out for s in self.seekers_], dtype=bool)
        # Licences: what each resident's certificates cover, and what each vacancy requires,
        # read by the engine's own rules so that the filters are the same.
        self.s_licences_ = [seeker_facts(s, []).covered for s in self.seekers_]
        self.v_required_ = [vacancy_facts(v).required for v in self.vacancies_]
        self.v_open_ = np.array([v.open for v in self.vacancies_], dtype=bool)
        self._fit(list(feedback))
        return self

    def _fit(self, feedback: list[Feedback]) -> None:
        pass

    def _rng(self, key: Hashable) -> np.random.Generator:
        return np.random.default_rng([self.seed, zlib.crc32(repr(key).encode())])

    def rank_seekers(self, vacancy_id: Hashable, k: int = 50, exclude: Iterable[Hashable] = (),
                     within: Sequence[str] = ()) -> list[Suggestion]:
        j = self.v_index_[vacancy_id]
        if not self.v_open_[j] or not self.seekers_:
            return []
        mask = ~self.s_opt_
        if self.filters:
            mask &= self._eligible_seekers(j)
        within = tuple(within)
        if within:
            mask &= np.array([s.area[: len(within)] == within for s in self.seekers_], dtype=bool)
        for x in exclude:
            if x in self.s_index_:
                mask[self.s_index_[x]] = False
        scores = self._scores_seekers(j)
        return self._top(scores, mask, k, lambda i: (self.seekers_[i].id, vacancy_id), vacancy_id)

    def rank_vacancies(self, seeker_id: Hashable, k: int = 20, exclude: Iterable[Hashable] = ()) -> list[Suggestion]:
        i = self.s_index_[seeker_id]
        if self.s_opt_[i] or not self.vacancies_:
            return []
        mask = self.v_open_.copy()
        if self.filters:
            mask &= self._eligible_vacancies(i)
        for x in exclude:
            if x in self.v_index_:
                mask[self.v_index_[x]] = False
        scores = self._scores_vacancies(i)
        return self._top(scores, mask, k, lambda j: (seeker_id, self.vacancies_[j].id), seeker_id)

    def _eligible_seekers(self, j: int) -> np.ndarray:
        """The engine's requirement filters for vacancy row j: education minimum (unknown passes)
        and every required licence covered."""
        mask = np.ones(len(self.seekers_), dtype=bool)
        if self.v_edu_[j] >= 0:
            mask &= (self.s_edu_ < 0) | (self.s_edu_ >= self.v_edu_[j])
        required = self.v_required_[j]
        if required:
            mask &= np.array([required <= held for held in self.s_licences_], dtype=bool)
        return mask

    def _eligible_vacancies(self, i: int) -> np.ndarray:
        mask = np.ones(len(self.vacancies_), dtype=bool)
        if self.s_edu_[i] >= 0:
            mask &= self.v_edu_ <= self.s_edu_[i]
        held = self.s_licences_[i]
        mask &= np.array([required <= held for required in self.v_required_], dtype=bool)
        return mask

    def _top(self, scores: np.ndarray, mask: np.ndarray, k: int, ids, key) -> list[Suggestion]:
        cand = np.flatnonzero(mask)
        if cand.size == 0 or k <= 0:
            return []
        # Random tie-breaking so that ties do not favour low ids.
        tie = self._rng(key).random(cand.size)
        order = np.lexsort((tie, -scores[cand]))[:k]
        top = scores[cand[order]]
        span = float(top.max() - min(top.min(), 0.0)) or 1.0
        return [Suggestion(*ids(int(cand[o])), float(np.clip((scores[cand[o]] - min(top.min(), 0.0)) / span, 0, 1)), ())
                for o in order]


class RandomRanker(_Base):
    """Uniformly random order (seeded per query)."""

    def _scores_seekers(self, j: int) -> np.ndarray:
        return self._rng(("s", j)).random(len(self.seekers_))

    def _scores_vacancies(self, i: int) -> np.ndarray:
        return self._rng(("v", i)).random(len(self.vacancies_))


class PopularityRanker(_Base):
    """Most positive past feedback first (the "usual suspects" a busy desk falls back on)."""

    def _fit(self, feedback: list[Feedback]) -> None:
        self.s_pop_ = np.zeros(len(self.seekers_))
        self.v_pop_ = np.zeros(len(self.vacancies_))
        for f in feedback:
            if f.grade > 0 and f.seeker_id in self.s_index_ and f.vacancy_id in self.v_index_:
                self.s_pop_[self.s_index_[f.seeker_id]] += f.grade
                self.v_pop_[self.v_index_[f.vacancy_id]] += f.grade

    def _scores_seekers(self, j: int) -> np.ndarray:
        return self.s_pop_

    def _scores_vacancies(self, i: int) -> np.ndarray:
        return self.v_pop_


class TfidfRanker(_Base):
    """Cosine similarity of plain TF-IDF vectors of all text (scikit-learn defaults)."""

    area_weight = 0.0

    def _fit(self, feedback: list[Feedback]) -> None:
        docs = [_seeker_text(s) for s in self.seekers_] + [_vacancy_text(v) for v in self.vacancies_]
        self.vectorizer_ = self._make_vectorizer()
        try:
            X = self.vectorizer_.fit_transform(docs)
        except ValueError:  # empty vocabulary
            X = None
        n = len(self.seekers_)
        self.S_ = X[:n] if X is not None else None
        self.V_ = X[n:] if X is not None else None

    def _make_vectorizer(self) -> TfidfVectorizer:
        return TfidfVectorizer(sublinear_tf=True)

    def _cos_seekers(self, j: int) -> np.ndarray:
        if self.S_ is None:
            return np.zeros(len(self.seekers_))
        return (self.S_ @ self.V_[j].T).toarray().ravel()

    def _cos_vacancies(self, i: int) -> np.ndarray:
        if self.V_ is None:
            return np.zeros(len(self.vacancies_))
        return (self.V_ @ self.S_[i].T).toarray().ravel()

    def _area_codes(self) -> None:
        # Integer codes of every area prefix, so shared depth is a vectorised comparison.
        codes: dict[tuple[str, ...], int] = {}
        depth = max([len(r.area) for r in (*self.seekers_, *self.vacancies_)] + [1])

        def encode(records):
            out = np.full((len(records), depth), -1, dtype=np.int64)
            for i, r in enumerate(records):
                for d in range(len(r.area)):
                    out[i, d] = codes.setdefault(r.area[: d + 1], len(codes))
            return out

        self.s_area_ = encode(self.seekers_)
        self.v_area_ = encode(self.vacancies_)

    def _area_share(self, s_area: np.ndarray, v_area: np.ndarray) -> np.ndarray:
        known = v_area >= 0
        depth = known.sum(axis=1)
        shared = ((s_area == v_area) & known).sum(axis=1)
        return np.where(depth > 0, shared / np.maximum(depth, 1), 0.0)

    def _scores_seekers(self, j: int) -> np.ndarray:
        cos = self._cos_seekers(j)
        if self.area_weight:
            if not hasattr(self, "s_area_"):
                self._area_codes()
            cos = cos + self.area_weight * self._area_share(self.s_area_, self.v_area_[[j]])
        return cos

    def _scores_vacancies(self, i: int) -> np.ndarray:
        cos = self._cos_vacancies(i)
        if self.area_weight:
            if not hasattr(self, "s_area_"):
                self._area_codes()
            cos = cos + self.area_weight * self._area_share(self.s_area_[[i]], self.v_area_)
        return cos


class CharTfidfRanker(TfidfRanker):
    """Cosine of TF-IDF vectors of character 3- to 5-grams within words (typo and affix tolerant)."""

    def _make_vectorizer(self) -> TfidfVectorizer:
        return TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)


class Bm25Ranker(_Base):
    """Okapi BM25 (the ``bm25s`` library, default parameters) over lowercase words: the other
    side's whole text is the query."""

    def _fit(self, feedback: list[Feedback]) -> None:
        import bm25s  # only this baseline needs it; the engine and the app never import it

        self.s_words_ = [_words(_seeker_text(s)) for s in self.seekers_]
        self.v_words_ = [_words(_vacancy_text(v)) for v in self.vacancies_]
        self.s_index_bm25_ = bm25s.BM25()
        self.v_index_bm25_ = bm25s.BM25()
        # bm25s needs a non-empty corpus document; a placeholder word matches no query.
        self.s_index_bm25_.index([w or ["\x00"] for w in self.s_words_], show_progress=False)
        self.v_index_bm25_.index([w or ["\x00"] for w in self.v_words_], show_progress=False)

    def _scores_seekers(self, j: int) -> np.ndarray:
        query = self.v_words_[j]
        if not query or not self.seekers_:
            return np.zeros(len(self.seekers_))
        return np.asarray(self.s_index_bm25_.get_scores(query), dtype=np.float64)

    def _scores_vacancies(self, i: int) -> np.ndarray:
        query = self.s_words_[i]
        if not query or not self.vacancies_:
            return np.zeros(len(self.vacancies_))
        return np.asarray(self.v_index_bm25_.get_scores(query), dtype=np.float64)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class TfidfAreaRanker(TfidfRanker):
    """TF-IDF cosine plus 0.2 x the shared fraction of the vacancy's area (weight fixed a priori)."""

    area_weight = 0.2


BASELINES = {
    "random": RandomRanker,
    "popularity": PopularityRanker,
    "tfidf": TfidfRanker,
    "tfidf_area": TfidfAreaRanker,
}
# Text-only rankers compared on the hand-graded dev set, each with and without the engine's filters.
TEXT_BASELINES = {
    "tfidf_words": TfidfRanker,
    "tfidf_chars": CharTfidfRanker,
    "bm25": Bm25Ranker,
}
