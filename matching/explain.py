"""Explanations: a suggestion's score split into reasons, each with the plain facts behind it
(see ``matching.reasons`` for the codes and their params)."""
from __future__ import annotations

from typing import Hashable

import numpy as np
import scipy.sparse as sp

from .features import COL, FEATURES, covered, keyed
from .knowledge import covering, licence_names, occupation_title
from .shifts import shift_match
from .text import major_keywords
from .types import Reason, Suggestion

REASON_OF: dict[str, str] = {
    "title": "title_match", "experience_title": "experience_title", "text": "text_match",
    "related": "related_field", "skills": "skills_overlap", "certificates": "certificates", "major": "major_fit",
    "education": "education_meets", "experience": "experience", "area": "same_area", "area_local": "same_area",
    "wage": "wage_fit", "shift": "shift_fit", "interested": "resident_interested", "history": "like_history",
    "occupation": "occupation_same", "occupation_minor": "occupation_minor",
    "occupation_related": "occupation_related", "licences": "licences",
    "wage_above": "wage_above_offer", "shift_conflict": "shift_conflict", "overqualified": "overqualified",
    "experience_short": "experience_short",
}
assert set(REASON_OF) == set(FEATURES)


class Explainer:
    """Mixin of ``MatchEngine``: scoring candidate pairs into suggestions with reasons."""

    def _pair_scores(self, F: np.ndarray) -> np.ndarray:
        """Score of each pair's feature row in [0, 1]: the blended linear model."""
        return np.clip(F @ self.weights_, 0.0, 1.0)

    def _score(self, srows: np.ndarray, vrows: np.ndarray, k: int | None) -> list[Suggestion]:
        F, best, jobs = self._features(srows, vrows, return_best=True)
        scores = self._pair_scores(F)
        # Stable order: ties keep insertion order, so results are deterministic.
        order = np.argsort(-scores, kind="stable")
        # A pair with no evidence at all is not a suggestion (missing data never counts as a match).
        order = order[scores[order] > 0]
        if k is not None:
            order = order[:k]
        terms = self._shared_terms(srows[order], vrows[order])
        related = self._related_terms(srows[order], vrows[order])
        return [self._suggestion(int(srows[i]), int(vrows[i]), F[i], float(scores[i]), best[i], terms[n], related[n],
                                 jobs[i]) for n, i in enumerate(order)]

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
        F, best, jobs = self._features(np.array([srow]), np.array([vrow]), return_best=True)
        terms = self._shared_terms(np.array([srow]), np.array([vrow]))
        related = self._related_terms(np.array([srow]), np.array([vrow]))
        return self._suggestion(srow, vrow, F[0], float(self._pair_scores(F)[0]), best[0],
                                terms[0], related[0], jobs[0])

    def _suggestion(self, srow: int, vrow: int, f: np.ndarray, score: float, best: np.ndarray,
                    terms: list[str], related: list[str], jobs: list[int]) -> Suggestion:
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
                params = self._reason_params(first_feature[code], srow, vrow, best, terms, f, related, jobs)
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

    def _reason_params(self, feature: str, srow: int, vrow: int, best: np.ndarray, terms: list[str],
                       f: np.ndarray, related: list[str], jobs: list[int]) -> dict:
        s, v = self.seekers_[srow], self.vacancies_[vrow]
        if feature in ("occupation", "occupation_minor", "occupation_related"):
            return self._occupation_params(srow, vrow, int(best[2]))
        if feature == "licences":
            sf, vf = self.s_facts_[srow], self.v_facts_[vrow]
            met = covering(sf.held, vf.required | vf.preferred)
            # Only licences the resident lists, and only the asked ones they meet, are named.
            return {"matched": licence_names(set(met)), "held": licence_names({h for by in met.values() for h in by}),
                    "n_matched": len(met), "n_asked": len(vf.required | vf.preferred)}
        if feature in ("experience", "experience_short"):
            return {"years": float(sum(self.title_years_[t] for t in jobs)), "minimum": float(v.experience_years_min),
                    "jobs": [self.title_text_[t] for t in jobs]}
        if feature == "title":
            t = best[0]
            return {"title": v.title, "matched": self.title_text_[t], "similarity": float(f[0])}
        if feature == "experience_title":
            t = best[1]
            return {"title": v.title, "matched": self.title_text_[t], "years": float(self.title_years_[t]),
                    "similarity": float(f[1])}
        if feature == "history":
            _, past = self._history_similarity(np.array([srow]), np.array([vrow]), return_best=True)
            return {"vacancy": self.vacancies_[int(past[0])].title if past[0] >= 0 else "",
                    "similarity": float(f[COL["history"]])}
        if feature == "text":
            return {"terms": terms}
        if feature == "related":
            return {"terms": related, "similarity": float(f[COL["related"]])}
        if feature == "skills":
            _, matched = covered(v.skills, s.skills + s.certificates)
            return {"matched": matched, "n_matched": len(matched), "n_required": len(keyed(v.skills))}
        if feature == "certificates":
            _, matched = covered(v.certificates, s.certificates)
            return {"matched": matched, "n_matched": len(matched), "n_required": len(keyed(v.certificates))}
        if feature == "major":
            hits = sorted(major_keywords(s.major) & self._vacancy_tokens(self.vacancy_index_[v.id]))
            return {"education": s.education or "", "major": s.major, "keywords": hits}
        if feature == "education":
            return {"education": s.education, "major": s.major, "minimum": v.education_min}
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
            _, matched = shift_match(v.shifts, s.shifts)
            return {"shifts": matched, "n_matched": len(matched), "n_required": len(v.shifts)}
        if feature == "wage_above":
            return {"expected": float(s.expected_wage),
                    "wage_min": None if v.wage_min is None else float(v.wage_min),
                    "wage_max": None if v.wage_max is None else float(v.wage_max)}
        if feature == "shift_conflict":
            _, matched = shift_match(v.shifts, s.shifts)
            return {"shifts": [x for x in v.shifts if x not in matched], "accepted": list(s.shifts)}
        if feature == "overqualified":
            return {"education": s.education, "minimum": v.education_min}
        return {}



    def _occupation_params(self, srow: int, vrow: int, trow: int) -> dict:
        sf, vf = self.s_facts_[srow], self.v_facts_[vrow]
        j = trow - int(self.s_title_start_[srow])
        return {"occupation": occupation_title(vf.code), "code": vf.code or "",
                "matched": self.title_text_[trow] if trow >= 0 else "",
                "matched_occupation": occupation_title(sf.codes[j]) if trow >= 0 else "",
                "matched_code": (sf.codes[j] or "") if trow >= 0 else "",
                "source": "desired" if trow >= 0 and self.title_kind_[trow] == 0 else "experience"}
