"""Pair features: what the engine knows about one seeker-vacancy pair, each in [0, 1].

Missing data gives 0: it is never evidence of a match, nor of a conflict.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from ._store import rowwise_dot
from .knowledge import RELATION_RANK, relation
from .shifts import shift_match
from .text import major_keywords, phrase_key, phrases_match
from .vectors import ranges

FEATURES: tuple[str, ...] = (
    # Evidence for a match (weights >= 0):
    "title",             # desired positions vs vacancy title
    "experience_title",  # past job titles vs vacancy title
    "text",              # whole profile vs whole vacancy text
    "related",           # latent-topic (LSA) similarity: related jobs with different words
    "skills",            # share of the vacancy's skills the seeker has
    "certificates",      # share of the vacancy's certificates the seeker lists as certificates
    "major",             # major's field words found in the vacancy
    "education",         # known education meets a stated minimum
    "experience",        # years in related occupations vs a stated minimum
    "area",              # shared area depth over the finer of the two areas (gated by evidence)
    "area_local",        # same finest area as the vacancy (gated by evidence)
    "wage",              # expected wage within the offer
    "shift",             # share of the vacancy's shifts the seeker accepts
    "interested",        # the resident said they are interested
    "history",           # like a vacancy the resident was interested in or referred to before
    "occupation",        # a desired position or past job has the vacancy's KBJI unit group
    "occupation_minor",  # ... best shares only its minor group (three digits)
    "occupation_related",  # ... best is a unit group adjacent for placement
    "licences",          # share of the licences the vacancy asks for that the seeker holds
    # Stated conflicts (weights <= 0). Missing data is never a conflict:
    "wage_above",        # expected wage above the top of the offer
    "shift_conflict",    # the seeker accepts none of the vacancy's shifts
    "overqualified",     # education far above the stated minimum
    "experience_short",  # under half the required years in related occupations
)
CONCERNS: frozenset[str] = frozenset({"wage_above", "shift_conflict", "overqualified", "experience_short"})
COL: dict[str, int] = {f: i for i, f in enumerate(FEATURES)}
SIGN = np.array([-1.0 if f in CONCERNS else 1.0 for f in FEATURES])
# Features that say "this person does this kind of work" (the latent topics included: related work
# told in other words); the others (area, wage, shift, education) only rank among people who show
# some of it: ``evidence`` gates them.
OCCUPATIONAL = ("title", "experience_title", "skills", "occupation", "occupation_minor", "occupation_related",
                "related")
GATED = ("area", "area_local", "wage", "shift", "education")
# Occupation feature and its value by relation of the best title: a "near" job (adjacent to an
# adjacent one) counts as half an adjacent one.
_OCC_FEATURE = {"same": ("occupation", 1.0), "minor": ("occupation_minor", 1.0),
                "related": ("occupation_related", 1.0), "near": ("occupation_related", 0.5)}
# Value of the "history" feature by relation of a past vacancy's occupation to this one's.
_HISTORY_RELATION = {"same": 1.0, "minor": 0.75, "related": 0.5, "near": 0.25}
# Relations whose past jobs' years count as experience for the vacancy.
_EXPERIENCE_RELATIONS = frozenset({"same", "minor", "related"})
# A past job's years count toward the vacancy's minimum when its occupation relates to the
# vacancy's, or, where either has no code, when its title is this similar.
EXPERIENCE_TITLE_SIM = 0.5
# Value of the "same occupation" feature when the unit group matches but the vacancy's own title
# row does not (a cook helper for a steward vacancy, both KBJI 9412).
OTHER_TITLE = 0.8

# Judgement-based starting weights: what a counter officer looks at first. Evidence weights are
# normalised to sum to 1 (so scores stay in [0, 1]); concern weights are negative.
DEFAULT_PRIOR_WEIGHTS: dict[str, float] = {
    "title": 0.10,
    "experience_title": 0.06,
    "text": 0.08,
    "related": 0.04,
    "skills": 0.08,
    "certificates": 0.03,
    "major": 0.04,
    "education": 0.02,
    "experience": 0.06,
    "area": 0.03,
    "area_local": 0.02,
    "wage": 0.02,
    "shift": 0.02,
    "interested": 0.06,
    "history": 0.03,  # low: what someone was sent to once is a hint, not a profile
    "occupation": 0.20,
    "occupation_minor": 0.06,
    "occupation_related": 0.08,
    "licences": 0.06,
    "wage_above": -0.04,
    "shift_conflict": -0.03,
    "overqualified": 0.0,  # no penalty until feedback shows employers hesitate
    "experience_short": -0.15,
}


def evidence(F: np.ndarray) -> np.ndarray:
    """How much a pair shows occupational evidence, in [0, 1]: the strongest occupational feature."""
    cols = [COL[f] for f in OCCUPATIONAL]
    return np.clip(F[:, cols].max(axis=1), 0.0, 1.0)


class PairFeatures:
    """Mixin of ``MatchEngine``: the feature matrix of (seeker row, vacancy row) pairs."""

    def _normalised_prior(self) -> np.ndarray:
        prior = DEFAULT_PRIOR_WEIGHTS if self.prior_weights is None else self.prior_weights
        unknown = set(prior) - set(FEATURES)
        if unknown:
            raise ValueError(f"prior_weights: unknown features {sorted(unknown)}; known: {list(FEATURES)}")
        w = np.array([float(prior.get(f, 0.0)) for f in FEATURES])
        if (w * SIGN < 0).any() or w[SIGN > 0].sum() <= 0:
            raise ValueError("prior_weights: evidence weights must be >= 0 with a positive sum, "
                             f"concern weights ({sorted(CONCERNS)}) <= 0")
        return w / w[SIGN > 0].sum()

    def _title_sims(self, srows: np.ndarray, vrows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per title row of each pair's seeker: (pair index, title row, cosine with the vacancy title)."""
        counts = self.s_title_count_[srows]
        trows = ranges(self.s_title_start_[srows], counts)
        owner = np.repeat(np.arange(srows.size), counts)
        if trows.size == 0:
            return owner, trows, np.zeros(0)
        sims = rowwise_dot(self.titles_.rows(trows), self.v_title_.rows(vrows[owner]))
        return owner, trows, np.clip(sims, 0.0, 1.0)

    def _features(self, srows: np.ndarray, vrows: np.ndarray, interested: np.ndarray | None = None,
                  return_best: bool = False) -> Any:
        """Feature matrix (pairs x FEATURES), and with ``return_best`` also the best-matching title
        row per pair for desired positions, past jobs and the occupation (-1 when none), and the
        title rows of the related past jobs whose years count (for reasons)."""
        srows = np.asarray(srows, dtype=np.int64)
        vrows = np.asarray(vrows, dtype=np.int64)
        m = srows.size
        F = np.zeros((m, len(FEATURES)), dtype=np.float64)
        # Best title row per pair: desired position, past job, occupation match (-1: none).
        best = np.full((m, 3), -1, dtype=np.int64)
        if m == 0:
            return (F, best, []) if return_best else F
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
        related = np.einsum("ij,ij->i", self.s_emb_.array[srows], self.v_emb_.array[vrows])
        # Float noise of the SVD (1e-9 between unrelated texts) is not evidence.
        F[:, COL["related"]] = np.where(related > 1e-4, np.clip(related, 0.0, 1.0), 0.0)
        F[:, COL["text"]] = np.clip(rowwise_dot(self.s_text_.rows(srows), self.v_text_.rows(vrows)), 0.0, 1.0)

        seekers, vacancies = self.seekers_, self.vacancies_
        s_facts, v_facts = self.s_facts_, self.v_facts_
        c_sk, c_ce = COL["skills"], COL["certificates"]
        jobs: list[list[int]] = [[] for _ in range(m)]  # title rows of related past jobs, per pair
        # Similarity of every title of each pair's seeker, in title order (rows of a pair are contiguous).
        pair_sims = sims if trows.size else np.zeros(0)
        offsets = np.cumsum(self.s_title_count_[srows]) - self.s_title_count_[srows]
        for i in range(m):
            s = seekers[srows[i]]
            v = vacancies[vrows[i]]
            if v.skills and (s.skills or s.certificates):
                F[i, c_sk] = covered_keys(keyed(v.skills), keyed(s.skills + s.certificates))[0]
            if v.certificates and s.certificates:  # a skill never counts as a certificate
                F[i, c_ce] = covered_keys(keyed(v.certificates), keyed(s.certificates))[0]
            if s.major:
                mk = major_keywords(s.major)
                if mk:
                    F[i, COL["major"]] = min(1.0, len(mk & self._vacancy_tokens(vrows[i])) / 2.0)
            sf, vf = s_facts[srows[i]], v_facts[vrows[i]]
            start = int(self.s_title_start_[srows[i]])
            n_titles = len(sf.codes)
            row_sims = pair_sims[offsets[i]:offsets[i] + n_titles]
            rel, j = best_relation(sf.codes, vf.code)
            if rel in _OCC_FEATURE:
                name, value = _OCC_FEATURE[rel]
                if rel == "same" and vf.title is not None:
                    # Within a unit group the vacancy's own title ("Steward" in 9412, beside
                    # "Cook Helper") is the closer match.
                    same_title = [n for n, (c, t) in enumerate(zip(sf.codes, sf.titles))
                                  if c == vf.code and t == vf.title]
                    if same_title:
                        j = same_title[0]
                    else:
                        value = OTHER_TITLE
                F[i, COL[name]] = value
                best[i, 2] = start + j
            asked = vf.required | vf.preferred
            if asked:
                F[i, COL["licences"]] = len(asked & sf.covered) / len(asked)
            if v.experience_years_min > 0:
                years, rel_jobs = relevant_years(sf.codes, vf.code, self.title_years_[start:start + n_titles],
                                                 self.title_kind_[start:start + n_titles], row_sims)
                jobs[i] = [start + j for j in rel_jobs]
                F[i, COL["experience"]] = min(1.0, years / v.experience_years_min)
                # A profile that states no work at all is missing data, not a shortfall.
                if vf.experience_required and n_titles and years < 0.5 * v.experience_years_min:
                    F[i, COL["experience_short"]] = 1.0
            if v.shifts and s.shifts:
                fit = shift_match(v.shifts, s.shifts)[0]
                F[i, COL["shift"]] = fit
                # A conflict is a vacancy none of whose shifts the seeker accepts; a partial fit
                # (pagi for a pagi/siang/malam vacancy) only earns less shift credit.
                F[i, COL["shift_conflict"]] = float(fit == 0.0)

        s_edu, v_edu = self.s_edu_[srows], self.v_edu_[vrows]
        known = (v_edu >= 0) & (s_edu >= 0)
        F[:, COL["education"]] = (known & (s_edu >= v_edu)).astype(np.float64)
        # Three or more levels above the minimum (e.g. S1 for an SMP job) counts fully; D3 for SMA half.
        F[:, COL["overqualified"]] = np.where(known, np.clip((s_edu.astype(float) - v_edu - 2.0) / 2.0, 0.0, 1.0), 0.0)
        s_area, v_area = self.s_area_[srows], self.v_area_[vrows]
        F[:, COL["area"]] = self._area_share(s_area, v_area)
        # Local: lives inside the vacancy's whole area, and that area is at most one level coarser
        # than the seeker's address (a kecamatan for a kelurahan address; not the whole city).
        v_depth, s_depth = (v_area >= 0).sum(axis=1), (s_area >= 0).sum(axis=1)
        inside = ((s_area == v_area) & (v_area >= 0)).sum(axis=1) == v_depth
        F[:, COL["area_local"]] = (inside & (v_depth > 0) & (v_depth >= s_depth - 1)).astype(np.float64)
        F[:, COL["wage"]], F[:, COL["wage_above"]] = wage_fit(
            self.s_wage_[srows], self.v_wage_min_[vrows], self.v_wage_max_[vrows])
        if interested is None:
            if self.interested_:
                interested = np.array([(seekers[a].id, vacancies[b].id) in self.interested_
                                       for a, b in zip(srows, vrows)], dtype=bool)
            else:
                interested = np.zeros(m, dtype=bool)
        F[:, COL["interested"]] = interested
        if self.history_:
            F[:, COL["history"]] = self._history_similarity(srows, vrows)
        # Evidence before proximity: area, wage, shift and education only rank among people who
        # show they do this kind of work, in proportion to how much they show it.
        F[:, [COL[f] for f in GATED]] *= evidence(F)[:, None]
        return (F, best, jobs) if return_best else F


    def _history_similarity(self, srows: np.ndarray, vrows: np.ndarray,
                            return_best: bool = False) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
        """Per pair, how like the vacancy is to another vacancy the resident showed interest in or
        was referred to: the closer of their occupations (same 1, minor group 0.75, adjacent 0.5,
        near 0.25) and their title similarity. With ``return_best`` also that vacancy's row (-1)."""
        out = np.zeros(srows.size, dtype=np.float64)
        best = np.full(srows.size, -1, dtype=np.int64)
        owner, past = [], []
        seekers = self.seekers_
        for i, (a, b) in enumerate(zip(srows.tolist(), vrows.tolist())):
            for h in self.history_.get(seekers[a].id, ()):
                if h != b:  # the vacancy itself is the "interested" feature, not history
                    owner.append(i)
                    past.append(h)
        if not past:
            return (out, best) if return_best else out
        owner_a, past_a = np.array(owner, dtype=np.int64), np.array(past, dtype=np.int64)
        target = vrows[owner_a]
        # A query has one vacancy (rank_seekers) or one resident's few past ones (rank_vacancies):
        # one small product of the distinct rows instead of a row per pair.
        u_past, i_past = np.unique(past_a, return_inverse=True)
        u_target, i_target = np.unique(target, return_inverse=True)
        if u_past.size * u_target.size <= 1_000_000:
            table = (self.v_title_.rows(u_past) @ self.v_title_.rows(u_target).T).toarray()
            sims = table[i_past, i_target]
        else:
            sims = rowwise_dot(self.v_title_.rows(past_a), self.v_title_.rows(target))
        sims = np.clip(sims, 0.0, 1.0)
        v_facts = self.v_facts_
        rel_of: dict[tuple[int, int], float] = {}
        for n, (i, h, b) in enumerate(zip(owner, past, target.tolist())):
            rel = rel_of.get((h, b))
            if rel is None:
                rel = rel_of[(h, b)] = _HISTORY_RELATION.get(relation(v_facts[h].code, v_facts[b].code), 0.0)
            value = max(float(sims[n]), rel)
            if value > out[i]:
                out[i], best[i] = value, h
        return (out, best) if return_best else out


# ---------------------------------------------------------------------- pair helpers
def best_relation(codes: tuple[str | None, ...], code: str | None) -> tuple[str, int]:
    """The closest relation of any of the seeker's title codes to the vacancy's, and its index."""
    best, at = "none", -1
    if code is None:
        return best, at
    for j, c in enumerate(codes):
        rel = relation(c, code)
        if RELATION_RANK[rel] > RELATION_RANK[best]:
            best, at = rel, j
            if rel == "same":
                break
    return best, at


def relevant_years(codes: tuple[str | None, ...], code: str | None, years: np.ndarray, kinds: np.ndarray,
                   sims: np.ndarray) -> tuple[float, list[int]]:
    """Years of past jobs in a line of work related to the vacancy's, and which jobs they are."""
    total, jobs = 0.0, []
    for j, c in enumerate(codes):
        if kinds[j] != 1 or years[j] <= 0:
            continue
        if c is not None and code is not None:
            ok = relation(c, code) in _EXPERIENCE_RELATIONS
        else:
            ok = j < sims.size and sims[j] >= EXPERIENCE_TITLE_SIM
        if ok:
            total += float(years[j])
            jobs.append(j)
    return total, jobs
@lru_cache(maxsize=200_000)
def keyed(items: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(text, key) of each phrase with a non-empty key; cached because the same skill lists
    recur across queries."""
    out = []
    for item in items:
        key = phrase_key(item)
        if key:
            out.append((item, key))
    return tuple(out)


def covered_keys(req: tuple, off: tuple) -> tuple[float, list[str]]:
    if not req or not off:
        return 0.0, []
    matched = [text for text, key in req if any(phrases_match(key, o) for _, o in off)]
    return len(matched) / len(req), matched


def covered(required: tuple[str, ...], offered: tuple[str, ...]) -> tuple[float, list[str]]:
    """Share of required phrases covered by an offered one, and the required ones covered."""
    return covered_keys(keyed(required), keyed(offered))


def wage_fit(expected: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
