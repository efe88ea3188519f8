"""Text spaces of the engine: TF-IDF vectorizers of titles (words + character trigrams) and of
whole profiles, and latent topics (LSA) for related jobs written with different words."""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from .occupations import OccupationIndex
from .stemming import root
from .text import MAX_FIELD_CHARS, char_ngrams, tokens
from .types import Seeker, Vacancy

SENTINEL = "\x00lokerwarga-empty\x00"  # one fake document so an empty corpus still has a vocabulary


# Analyzers are module-level functions so a fitted engine can be pickled.
def word_analyzer(doc: Any) -> list[str]:
    if doc == SENTINEL:
        return [SENTINEL]
    toks = tokens(doc)
    return list(toks) + [f"{a} {b}" for a, b in zip(toks, toks[1:])]


def char_analyzer(doc: Any) -> list[str]:
    if doc == SENTINEL:
        return [SENTINEL]
    return char_ngrams(tokens(doc))


@lru_cache(maxsize=200_000)
def index_terms(text: str) -> tuple[str, ...]:
    """Tokens of a text, the Indonesian roots of its derived words ("pengelasan" adds "las") and the
    KBJI code of every occupation it names ("SPG" and "pramuniaga" both add "kbji5223")."""
    toks = tokens(text)
    roots = tuple(r for t in toks if (r := root(t)) is not None and r != t)
    return toks + roots + occupation_terms(text)


# Occupation codes are read from short parts only (titles, skills, certificates, a major): a scan
# of every free-text description would cost more than the rest of fitting together, and the
# titles already carry the occupation features.
MAX_OCCUPATION_WORDS = 12


@lru_cache(maxsize=200_000)
def occupation_terms(text: str) -> tuple[str, ...]:
    if len(text) > 12 * MAX_OCCUPATION_WORDS or len(text.split()) > MAX_OCCUPATION_WORDS:
        return ()
    return tuple(f"kbji{o.code}" for o in OccupationIndex.default().find_all(text))


def text_analyzer(doc: Any) -> list[str]:
    if doc == SENTINEL:
        return [SENTINEL]
    out: list[str] = []
    for part in doc:
        out.extend(index_terms(part))
    return out


def vectorizer(analyzer: Any) -> TfidfVectorizer:
    return TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, dtype=np.float32)


def seeker_titles(s: Seeker) -> list[tuple[str, int, float]]:
    """(title, kind, years): kind 0 is a desired position, 1 a past job."""
    out = [(t, 0, 0.0) for t in s.desired_positions if t.strip()]
    out += [(e.title, 1, e.years) for e in s.experience if e.title.strip()]
    return out


def seeker_text(s: Seeker) -> tuple[str, ...]:
    parts = [*s.desired_positions, *(e.title for e in s.experience), *s.skills, *s.certificates, s.major]
    parts += [e.description[:MAX_FIELD_CHARS] for e in s.experience]
    parts.append(s.about[:MAX_FIELD_CHARS])
    return tuple(p for p in parts if p)


def vacancy_text(v: Vacancy) -> tuple[str, ...]:
    parts = [v.title, *v.skills, *v.certificates, v.description[:MAX_FIELD_CHARS]]
    return tuple(p for p in parts if p)


def l2_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    """Scale rows to unit length (empty rows stay empty, zero-row matrices are fine)."""
    m = sp.csr_matrix(m, dtype=np.float32)
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms.astype(np.float32)) @ m, dtype=np.float32)


def ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenation of ``range(starts[i], starts[i] + counts[i])`` for all i."""
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(starts, counts) + (np.arange(total) - offsets)



class TextSpaces:
    """Mixin of ``MatchEngine``: building the title and text vectors and their topic embedding.

    Uses ``char_weight``, ``n_components`` and ``random_state``; sets ``topics_``."""

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
        return self._title_space(l2_rows(g @ words), l2_rows(g @ chars))


    def _vacancy_tokens(self, vrow: int) -> frozenset[str]:
        toks = self._v_tokens.get(vrow)
        if toks is None:
            toks = frozenset(text_analyzer(vacancy_text(self.vacancies_[vrow])))
            self._v_tokens[vrow] = toks
        return toks

