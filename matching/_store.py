"""Sparse row storage with cheap appends, used for seeker and vacancy vectors."""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp


class SparseRows:
    """Rows of a CSR matrix: a large base plus a small appended tail.

    Appending to a 100k-row CSR matrix copies every row; keeping new rows in a small tail makes
    ``update()`` O(rows added). The tail is folded into the base once it grows past a fraction of it.
    The base keeps a transposed copy (an inverted index: term -> rows), so a query touches only
    the postings of its own terms instead of every stored row.
    """

    def __init__(self, matrix: sp.csr_matrix) -> None:
        self.n_cols = matrix.shape[1]
        self._set_base(sp.csr_matrix(matrix, dtype=np.float32))
        self._tail: list[sp.csr_matrix] = []
        self._tail_mat: sp.csr_matrix | None = None
        self._n_tail = 0

    def _set_base(self, matrix: sp.csr_matrix) -> None:
        matrix.sort_indices()
        self._base = matrix
        self._base_t = matrix.T.tocsr()

    @property
    def n_rows(self) -> int:
        return self._base.shape[0] + self._n_tail

    @property
    def nbytes(self) -> int:
        total = 0
        for m in (self._base, self._base_t, self._tail_matrix()):
            if m is not None:
                total += m.data.nbytes + m.indices.nbytes + m.indptr.nbytes
        return total

    def _tail_matrix(self) -> sp.csr_matrix | None:
        if self._tail_mat is None and self._tail:
            self._tail_mat = sp.vstack(self._tail, format="csr", dtype=np.float32)
        return self._tail_mat

    def append(self, matrix: sp.csr_matrix) -> None:
        if matrix.shape[0] == 0:
            return
        self._tail.append(sp.csr_matrix(matrix, dtype=np.float32))
        self._tail_mat = None
        self._n_tail += matrix.shape[0]
        if self._n_tail > max(2048, self._base.shape[0] // 20):
            merged = sp.vstack([self._base, self._tail_matrix()], format="csr", dtype=np.float32)
            self._tail, self._tail_mat, self._n_tail = [], None, 0
            self._set_base(merged)

    def dot(self, q: sp.csr_matrix) -> np.ndarray:
        """Dot product of every stored row with the 1 x n_cols sparse row ``q``."""
        out = np.zeros(self.n_rows, dtype=np.float32)
        q = sp.csr_matrix(q)
        if q.nnz and self._base.shape[0]:
            postings = self._base_t[q.indices]
            # Sum of postings weighted by the query's term weights.
            out[: self._base.shape[0]] = postings.T @ q.data.astype(np.float32)
        tail = self._tail_matrix()
        if tail is not None and q.nnz:
            out[self._base.shape[0]:] = (tail @ q.T).toarray().ravel()
        return out

    def rows(self, idx: np.ndarray) -> sp.csr_matrix:
        idx = np.asarray(idx, dtype=np.int64)
        n_base = self._base.shape[0]
        if idx.size == 0:
            return sp.csr_matrix((0, self.n_cols), dtype=np.float32)
        if idx.max() < n_base:
            return self._base[idx]
        in_base = idx < n_base
        parts = [self._base[idx[in_base]], self._tail_matrix()[idx[~in_base] - n_base]]
        stacked = sp.vstack(parts, format="csr")
        order = np.concatenate([np.flatnonzero(in_base), np.flatnonzero(~in_base)])
        inverse = np.empty_like(order)
        inverse[order] = np.arange(order.size)
        return stacked[inverse]


def rowwise_dot(a: sp.csr_matrix, b: sp.csr_matrix) -> np.ndarray:
    """Dot product of row i of ``a`` with row i of ``b`` for every i."""
    if a.shape[0] == 0:
        return np.zeros(0, dtype=np.float64)
    return np.asarray(a.multiply(b).sum(axis=1), dtype=np.float64).ravel()


class DenseRows:
    """Rows of a dense float32 matrix with amortised O(1) appends (capacity doubling)."""

    def __init__(self, matrix: np.ndarray) -> None:
        matrix = np.asarray(matrix, dtype=np.float32)
        self._data = matrix.copy()
        self._n = matrix.shape[0]

    @property
    def n_cols(self) -> int:
        return self._data.shape[1]

    @property
    def array(self) -> np.ndarray:
        return self._data[: self._n]

    def append(self, rows: np.ndarray) -> None:
        rows = np.asarray(rows, dtype=np.float32)
        need = self._n + rows.shape[0]
        if need > self._data.shape[0]:
            grown = np.zeros((max(need, 2 * self._data.shape[0], 16), self.n_cols), dtype=np.float32)
            grown[: self._n] = self._data[: self._n]
            self._data = grown
        self._data[self._n: need] = rows
        self._n = need
