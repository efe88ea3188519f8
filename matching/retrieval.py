"""Hard filters and candidate retrieval: which rows a query may return, and a cheap score that
keeps the best ``n_candidates`` of them for full pair scoring."""
from __future__ import annotations

import numpy as np


class Retrieval:
    """Mixin of ``MatchEngine``: masks and retrieval over the stored rows."""

    def _seeker_mask(self, vrow: int) -> np.ndarray:
        """Hard filters for seekers of a vacancy: active, not opted out, education minimum met
        (by level; unknown education passes), every required licence held (or covered by a
        higher one the seeker holds)."""
        mask = self.s_active_ & ~self.s_opt_out_
        v_edu = self.v_edu_[vrow]
        if v_edu >= 0:
            mask &= (self.s_edu_ < 0) | (self.s_edu_ >= v_edu)
        required = np.flatnonzero(self.v_required_[vrow])
        if required.size:
            mask &= self.s_licences_[:, required].all(axis=1)
        return mask

    def _vacancy_mask(self, srow: int) -> np.ndarray:
        mask = self.v_active_ & self.v_open_
        s_edu = self.s_edu_[srow]
        if s_edu >= 0:
            mask &= self.v_edu_ <= s_edu
        mask &= ~(self.v_required_ & ~self.s_licences_[srow]).any(axis=1)
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
        # Titles of the vacancy's occupation (unit group, then minor group) come first.
        code = self.v_code_[vrow]
        if code >= 0:
            same = self.title_code_ == code
            r[self.title_owner_[same]] += 0.5
            minor = (self.title_minor_ == self.v_minor_[vrow]) & ~same
            r[self.title_owner_[minor]] += 0.25
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
        start, n = int(self.s_title_start_[srow]), int(self.s_title_count_[srow])
        codes = self.title_code_[start:start + n]
        if (codes >= 0).any():
            same = np.isin(self.v_code_, codes[codes >= 0])
            r += 0.5 * same
            r += 0.25 * (np.isin(self.v_minor_, self.title_minor_[start:start + n][codes >= 0]) & ~same)
        r = r[cand] + 0.15 * self._area_share(np.broadcast_to(self.s_area_[srow], (cand.size, self.area_depth_)),
                                              self.v_area_[cand])
        top = np.argpartition(-r, pool - 1)[:pool]
        return np.sort(cand[top])

    def _pool_size(self, k: int | None) -> int:
        # Asking for more results than the usual pool widens the pool rather than truncating.
        if k is None:
            return np.iinfo(np.int64).max
        return max(int(self.n_candidates), int(k))

