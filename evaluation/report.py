"""Offline evaluation: time-ordered split, both ranking directions, baselines, CIs, fairness.

Protocol
--------
* Feedback is ordered by time. Pairs (seeker, vacancy) whose *first* event falls in the first
  ``train_fraction`` of the timeline are history: every event before the cut-off trains the
  models. Pairs that start after the cut-off are the test decisions; a test pair's relevance is
  the grade of its latest event (hired 3, interview 2, referred/interested 1, dismissed/refused 0).
* Each test query ranks over ALL eligible candidates (same hard filters for every model), with
  the query's history pairs excluded, as the staff screen would. Records taken from a live
  system must show the candidates as they stood during the test period (``split_cutoff``): a
  vacancy closed since, or a resident hired since, was still a candidate then.
* Vacancy -> seekers: queries are vacancies with at least one relevant test pair.
  Seeker -> vacancies: seekers with at least one relevant test pair.
* NDCG@10 (graded), Recall@10, MRR (first relevant within the top 50), mean over queries with
  a 95 % bootstrap interval; the engine is compared with the best baseline by a paired bootstrap
  on per-query NDCG@10 differences.
* Fairness (vacancy -> seekers, top 10): per group of sex, age band, RW and disability, the
  selection rate (top-10 appearances / eligible opportunities) and the recall of relevant pairs,
  each as a ratio to the rest of the residents, with a 95 % interval from a bootstrap over
  residents (Poisson weights, 200 resamples). A group is flagged only where the whole interval of
  a ratio lies below 0.8 (four-fifths rule) and the group has at least 20 residents (selection) or
  20 relevant pairs (recall): small groups get wide intervals, not flags.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable, Hashable, Iterable, Mapping

import numpy as np

from matching import Feedback, MatchEngine, Seeker, Vacancy, education_level

from .baselines import BASELINES
from .metrics import bootstrap_ci, ndcg_at_k, paired_bootstrap_diff, recall_at_k, reciprocal_rank

K = 10
MRR_CUT = 50
FAIRNESS_ATTRIBUTES = ("sex", "age_band", "rw", "disability")
PARITY = 0.8  # four-fifths rule


def _timed(events: list[Feedback]) -> list[tuple[Any, Feedback]]:
    if any(f.at is None for f in events):
        return [(i, f) for i, f in enumerate(events)]  # input order is the time order
    return sorted(((f.at, f) for f in events), key=lambda x: x[0])


def _first_times(timed: list[tuple[Any, Feedback]]) -> dict[tuple, Any]:
    first: dict[tuple, Any] = {}
    for t, f in timed:
        first.setdefault((f.seeker_id, f.vacancy_id), t)
    return first


def split_cutoff(feedback: Iterable[Feedback], train_fraction: float = 0.7) -> Any:
    """The time (or, without times, the input position) where the test period starts; None without feedback.

    Pairs first seen at or after it are test pairs. Data kept in a live system (the app) use it to
    rank over the residents and vacancies as they stood during the test period."""
    times = sorted(_first_times(_timed(list(feedback))).values())
    return times[min(len(times) - 1, int(train_fraction * len(times)))] if times else None


def split_feedback(feedback: Iterable[Feedback], train_fraction: float = 0.7):
    """Return (train events, test relevance {(seeker, vacancy): grade}, history pairs)."""
    timed = _timed(list(feedback))
    first = _first_times(timed)
    if not first:
        return [], {}, set()
    times = sorted(first.values())
    cutoff = times[min(len(times) - 1, int(train_fraction * len(times)))]
    train = [f for t, f in timed if t < cutoff]
    history = {(f.seeker_id, f.vacancy_id) for f in train}
    relevance: dict[tuple, float] = {}
    for t, f in timed:
        key = (f.seeker_id, f.vacancy_id)
        if first[key] >= cutoff and key not in history:
            relevance[key] = float(f.grade)  # latest event wins
    return train, relevance, history


def _queries(relevance: Mapping[tuple, float], side: int, max_queries: int, rng: np.random.Generator) -> list:
    keys = sorted({k[side] for k, g in relevance.items() if g > 0}, key=repr)
    if len(keys) > max_queries:
        keys = [keys[i] for i in sorted(rng.choice(len(keys), size=max_queries, replace=False))]
    return keys


def evaluate(seekers: Iterable[Seeker], vacancies: Iterable[Vacancy], feedback: Iterable[Feedback],
             attributes: Mapping[Hashable, Mapping[str, Any]] | None = None,
             engine_factory: Callable[[], Any] = MatchEngine, seed: int = 0, train_fraction: float = 0.7,
             max_queries: int = 500, n_boot: int = 1000, baselines: Mapping[str, Callable] | None = None,
             truth: Callable[[Seeker, Vacancy], float] | None = None) -> dict:
    """Evaluate the engine against baselines; see the module docstring for the protocol.

    With ``truth`` (synthetic data only: the hidden utility of a pair), every model's top 10 of
    each query is also scored by the mean true utility, a low-noise check of the ranking.
    """
    seekers = list(seekers)
    vacancies = list(vacancies)
    train, relevance, history = split_feedback(feedback, train_fraction)
    rng = np.random.default_rng(seed)
    models: dict[str, Any] = {
        "engine": engine_factory().fit(seekers, vacancies, train),
        "engine (no feedback)": engine_factory().fit(seekers, vacancies, ()),
    }
    for name, cls in (baselines or BASELINES).items():
        models[name] = cls(seed=seed).fit(seekers, vacancies, train)

    hist_by_v: dict[Hashable, set] = defaultdict(set)
    hist_by_s: dict[Hashable, set] = defaultdict(set)
    for s_id, v_id in history:
        hist_by_v[v_id].add(s_id)
        hist_by_s[s_id].add(v_id)
    rel_by_v: dict[Hashable, dict] = defaultdict(dict)
    rel_by_s: dict[Hashable, dict] = defaultdict(dict)
    for (s_id, v_id), g in relevance.items():
        rel_by_v[v_id][s_id] = g
        rel_by_s[s_id][v_id] = g
    s_by_id = {s.id: s for s in seekers}
    v_by_id = {v.id: v for v in vacancies}
    v_queries = _queries(relevance, 1, max_queries, rng)
    s_queries = _queries(relevance, 0, max_queries, rng)

    directions: dict[str, dict] = {}
    per_query: dict[str, dict[str, dict[str, list[float]]]] = {}
    rankings_v: dict[str, dict[Hashable, list]] = {}
    for direction, queries, rel, hist in (
            ("vacancy -> seekers", v_queries, rel_by_v, hist_by_v),
            ("seeker -> vacancies", s_queries, rel_by_s, hist_by_s)):
        per_query[direction] = {}
        directions[direction] = {}
        for name, model in models.items():
            scores: dict[str, list[float]] = {"ndcg@10": [], "recall@10": [], "mrr": []}
            if truth is not None:
                scores["true utility@10"] = []
            for q in queries:
                if direction == "vacancy -> seekers":
                    ranked = [x.seeker_id for x in model.rank_seekers(q, k=MRR_CUT, exclude=hist[q])]
                    rankings_v.setdefault(name, {})[q] = ranked[:K]
                    pairs = [(s_by_id[x], v_by_id[q]) for x in ranked[:K]]
                else:
                    ranked = [x.vacancy_id for x in model.rank_vacancies(q, k=MRR_CUT, exclude=hist[q])]
                    pairs = [(s_by_id[q], v_by_id[x]) for x in ranked[:K]]
                if truth is not None:
                    # An empty list scores as badly as the worst case would: it helps nobody.
                    scores["true utility@10"].append(float(np.mean([truth(a, b) for a, b in pairs])) if pairs else -3.0)
                scores["ndcg@10"].append(ndcg_at_k(ranked, rel[q], K))
                scores["recall@10"].append(recall_at_k(ranked, rel[q], K))
                scores["mrr"].append(reciprocal_rank(ranked, rel[q]))
            per_query[direction][name] = scores
            directions[direction][name] = {m: bootstrap_ci(v, n_boot, seed=seed) for m, v in scores.items()}

    comparison = {}
    baseline_names = [n for n in models if not n.startswith("engine")]
    for direction, table in directions.items():
        if not baseline_names or not per_query[direction]["engine"]["ndcg@10"]:
            continue
        best = max(baseline_names, key=lambda n: table[n]["ndcg@10"][0])
        diff = paired_bootstrap_diff(per_query[direction]["engine"]["ndcg@10"],
                                     per_query[direction][best]["ndcg@10"], n_boot, seed=seed)
        comparison[direction] = {"best_baseline": best, "ndcg@10 difference": diff,
                                 "engine beats best baseline beyond CI": bool(diff[1] > 0)}
        if truth is not None:
            comparison[direction]["true utility@10 difference"] = paired_bootstrap_diff(
                per_query[direction]["engine"]["true utility@10"], per_query[direction][best]["true utility@10"],
                n_boot, seed=seed)

    result: dict[str, Any] = {
        "config": {"n_seekers": len(seekers), "n_vacancies": len(vacancies), "n_train_events": len(train),
                   "n_test_pairs": len(relevance), "n_relevant_test_pairs": sum(g > 0 for g in relevance.values()),
                   "n_vacancy_queries": len(v_queries), "n_seeker_queries": len(s_queries), "seed": seed,
                   "train_fraction": train_fraction},
        "directions": directions,
        "comparison": comparison,
    }
    engine = models["engine"]
    result["engine_weights"] = dict(getattr(engine, "feature_weights_", {}))
    result["engine_blend"] = float(getattr(engine, "blend_", 0.0))
    if attributes:
        result["fairness"] = {name: _fairness(rankings_v.get(name, {}), rel_by_v, hist_by_v, seekers, vacancies, attributes,
                                              seed=seed)
                              for name in ("engine", comparison.get("vacancy -> seekers", {}).get("best_baseline"))
                              if name}
    return result


def _fairness(rankings: Mapping[Hashable, list], rel_by_v: Mapping, hist_by_v: Mapping, seekers: list[Seeker],
              vacancies: list[Vacancy], attributes: Mapping[Hashable, Mapping[str, Any]],
              n_boot: int = 200, seed: int = 0, parity: float = PARITY, min_support: int = 20) -> dict:
    """Per group: selection rate and recall@10 against the rest of the residents, with 95 %
    intervals of both ratios from a bootstrap over residents; flagged only where the whole interval
    lies below ``parity`` (a gap the data show, not one small groups produce by chance), for groups
    of at least ``min_support`` residents (selection) or relevant pairs (recall)."""
    s_edu = np.array([-1 if education_level(s.education) is None else education_level(s.education) for s in seekers])
    s_opt = np.array([s.ranking_opt_out for s in seekers], dtype=bool)
    s_pos = {s.id: i for i, s in enumerate(seekers)}
    v_by_id = {v.id: v for v in vacancies}
    n = len(seekers)
    # Per resident: eligible opportunities, top-10 appearances, relevant test pairs, those found.
    exposure, shown, relevant, found = (np.zeros(n) for _ in range(4))
    for v_id, top in rankings.items():
        mask = ~s_opt
        m = education_level(v_by_id[v_id].education_min)
        if m is not None:
            mask &= (s_edu < 0) | (s_edu >= m)
        for x in hist_by_v.get(v_id, ()):
            mask[s_pos[x]] = False
        exposure += mask
        top_set = set(top)
        for x in top:
            shown[s_pos[x]] += 1
        for x, g in rel_by_v.get(v_id, {}).items():
            if g > 0:
                relevant[s_pos[x]] += 1
                found[s_pos[x]] += x in top_set
    rng = np.random.default_rng(seed)
    weights = rng.poisson(1.0, size=(n_boot, n)).astype(np.float64)  # Poisson bootstrap over residents
    out: dict[str, dict] = {}
    for attr in FAIRNESS_ATTRIBUTES:
        labels = np.array([str(attributes.get(s.id, {}).get(attr, "?")) for s in seekers])
        rows = {}
        for g in np.unique(labels):
            inside = labels == g
            row: dict[str, Any] = {"n_seekers": int(inside.sum()), "n_relevant": int(relevant[inside].sum())}
            for name, num, den in (("selection", shown, exposure), ("recall", found, relevant)):
                rate_in, rate_out = _rate(num[inside], den[inside]), _rate(num[~inside], den[~inside])
                ratio = rate_in / rate_out if rate_out > 0 and not np.isnan(rate_in) else float("nan")
                boot_in = _boot_rate(weights[:, inside], num[inside], den[inside])
                boot_out = _boot_rate(weights[:, ~inside], num[~inside], den[~inside])
                with np.errstate(invalid="ignore", divide="ignore"):
                    boot = boot_in / boot_out
                boot = boot[np.isfinite(boot)]
                lo, hi = (np.quantile(boot, [0.025, 0.975]) if boot.size >= n_boot // 2 and not np.isnan(ratio)
                          else (float("nan"), float("nan")))
                key = "recall@10" if name == "recall" else "selection_rate"
                row[key] = float(rate_in)
                row[f"{name}_rate_rest"] = float(rate_out)
                row[f"{name}_ratio"] = float(ratio)
                row[f"{name}_ratio_ci"] = (float(lo), float(hi))
            # A group where nobody was shown at all resamples to [0, 0]: a resident bootstrap cannot
            # see chance with so few people, so flags also need support (as the old rule did).
            supported = {"selection": row["n_seekers"] >= min_support, "recall": row["n_relevant"] >= min_support}
            row["flag"] = bool(any(supported[x] and row[f"{x}_ratio_ci"][1] < parity for x in ("selection", "recall")))
            rows[str(g)] = row
        out[attr] = rows
    return out


def _rate(num: np.ndarray, den: np.ndarray) -> float:
    total = den.sum()
    return float(num.sum() / total) if total > 0 else float("nan")


def _boot_rate(weights: np.ndarray, num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return (weights @ num) / (weights @ den)


# ---------------------------------------------------------------------- formatting
def _ci(x: tuple[float, float, float]) -> str:
    return f"{x[0]:.3f} [{x[1]:.3f}, {x[2]:.3f}]"


def format_report(result: Mapping[str, Any], title: str = "Matching engine evaluation") -> str:
    """Markdown tables of a result from ``evaluate``."""
    lines = [f"## {title}", ""]
    c = result["config"]
    lines.append(f"{c['n_seekers']} seekers, {c['n_vacancies']} vacancies; {c['n_train_events']} training events; "
                 f"{c['n_test_pairs']} test pairs ({c['n_relevant_test_pairs']} relevant); "
                 f"{c['n_vacancy_queries']} vacancy and {c['n_seeker_queries']} seeker queries; seed {c['seed']}.")
    lines.append(f"Engine blend toward learned weights: {result.get('engine_blend', 0):.2f}.")
    lines.append("")
    for direction, table in result["directions"].items():
        has_truth = any("true utility@10" in m for m in table.values())
        head = "| model | NDCG@10 [95% CI] | Recall@10 [95% CI] | MRR [95% CI] |"
        lines += [f"### {direction}", "", head + (" true utility@10 [95% CI] |" if has_truth else ""),
                  "|---|---|---|---|" + ("---|" if has_truth else "")]
        for name, m in sorted(table.items(), key=lambda kv: -kv[1]["ndcg@10"][0]):
            row = f"| {name} | {_ci(m['ndcg@10'])} | {_ci(m['recall@10'])} | {_ci(m['mrr'])} |"
            if has_truth:
                row += f" {_ci(m['true utility@10'])} |"
            lines.append(row)
        comp = result["comparison"].get(direction)
        if comp:
            lines += ["", f"Engine - {comp['best_baseline']} (best baseline), NDCG@10: "
                          f"{_ci(comp['ndcg@10 difference'])}; beats it beyond the CI: "
                          f"{'yes' if comp['engine beats best baseline beyond CI'] else 'NO'}."]
            if "true utility@10 difference" in comp:
                lines.append(f"Engine - {comp['best_baseline']}, mean hidden true utility of the top 10: "
                             f"{_ci(comp['true utility@10 difference'])}.")
        lines.append("")
    for model, fair in (result.get("fairness") or {}).items():
        lines += [f"### Fairness ({model}, vacancy -> seekers, top 10; each group against the rest, 95% interval "
                  "from a bootstrap over residents; flag = the whole interval of a ratio below 0.8, for groups of "
                  ">= 20 residents (selection) or >= 20 relevant pairs (recall))", "",
                  "| attribute | group | seekers | relevant | selection rate | ratio [95% CI] | recall@10 | "
                  "ratio [95% CI] | flag |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for attr, rows in fair.items():
            items = list(rows.items())
            if attr == "rw":
                # Hundreds of RWs: the flagged ones, then the lowest selection ratios, at most 8.
                flagged = sum(r["flag"] for _, r in items)
                items = sorted(items, key=lambda kv: (not kv[1]["flag"], np.nan_to_num(kv[1]["selection_ratio"], nan=9)))
                lines.append(f"| rw | ({len(items)} RWs; {flagged} flagged; 8 shown, flagged and lowest first) "
                             f"| | | | | | | |")
                items = items[:8]
            for g, r in items:
                lines.append(f"| {attr} | {g} | {r['n_seekers']} | {r['n_relevant']} | {r['selection_rate']:.4f} | "
                             f"{_ratio(r, 'selection')} | {r['recall@10']:.3f} | {_ratio(r, 'recall')} | "
                             f"{'FLAG' if r['flag'] else ''} |")
        lines.append("")
    return "\n".join(lines)


def _ratio(row: Mapping[str, Any], name: str) -> str:
    lo, hi = row[f"{name}_ratio_ci"]
    return f"{row[f'{name}_ratio']:.2f} [{lo:.2f}, {hi:.2f}]"
