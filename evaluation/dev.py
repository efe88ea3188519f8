"""The hand-graded development set (``../shared/matching-dev/``) as an evaluation condition.

Residents and vacancies of Tangerang written as they are really typed, graded by hand (2 strong
fit, 1 acceptable, unlisted 0). Cold start, as a new kelurahan starts: every model is fitted on all
records with no feedback (the grades are labels, never training data), then ranks

* resident -> vacancies: ``rank_vacancies(seeker, k=10)`` for every resident, over all vacancies;
* vacancy -> residents: ``rank_seekers(vacancy, k=10)`` for every vacancy, over all residents.

Per direction: NDCG@10 with gain = grade, Recall@10 (all relevant pairs, and grade 2 alone), and
Recall@10 of the relevant pairs whose two texts share no content word, as the set's notes define
them (same tokens, stop words and area words; no stemming). Baselines in the same run: TF-IDF
words, TF-IDF characters and BM25, each without and with the engine's hard filters, so a win is the
ranking's and not the filter's. The engine is compared with the best filtered baseline by a
paired bootstrap over queries.

The set is read where it lives (never copied into the repository): ``--dev-set PATH`` or the
``LOKERWARGA_DEV_SET`` environment variable (the file or its folder), else
``<repository>/../shared/matching-dev/cases.json``. Where it is absent the condition is skipped.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Hashable, Mapping

from matching import Experience, MatchEngine, Seeker, Vacancy

from .baselines import TEXT_BASELINES
from .metrics import bootstrap_ci, ndcg_at_k, paired_bootstrap_diff, recall_at_k

K = 10
ENV_VAR = "LOKERWARGA_DEV_SET"
REPO_ROOT = Path(__file__).resolve().parents[1]
DIRECTIONS = ("resident -> vacancies", "vacancy -> residents")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class DevSet:
    path: Path
    seekers: tuple[Seeker, ...]
    vacancies: tuple[Vacancy, ...]
    grades: Mapping[tuple[Hashable, Hashable], int]   # (seeker id, vacancy id) -> 1 or 2
    no_shared: frozenset[tuple[Hashable, Hashable]]   # relevant pairs with no content word in common


def dev_set_path(explicit: str | os.PathLike | None = None) -> Path:
    """Where the set is read from: an explicit path, the environment variable, or beside the repo."""
    raw = explicit or os.environ.get(ENV_VAR)
    path = Path(raw) if raw else REPO_ROOT.parent / "shared" / "matching-dev"
    return path / "cases.json" if path.is_dir() or not path.suffix else path


def _tup(rec: Mapping[str, Any]) -> dict:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in rec.items()}


def no_shared_pairs(data: Mapping[str, Any]) -> frozenset[tuple[Hashable, Hashable]]:
    """Relevant pairs whose texts share no content word, exactly as the set's notes define it."""
    stop = set(data["notes"].split("STOPWORDS:")[1].split())
    area = {t for rec in [*data["seekers"], *data["vacancies"]] for a in rec["area"]
            for t in _WORD.findall(a.lower())}

    def words(text: str) -> set[str]:
        return {t for t in _WORD.findall(text.lower())
                if len(t) >= 2 and not t.isdigit() and t not in stop and t not in area}

    def seeker_text(s: Mapping[str, Any]) -> str:
        return " ".join([s["major"] or "", *s["skills"], *s["certificates"], *s["desired_positions"],
                         s["about"] or "", *(e["title"] + " " + (e["description"] or "") for e in s["experience"])])

    def vacancy_text(v: Mapping[str, Any]) -> str:
        return " ".join([v["title"], v["description"] or "", *v["skills"], *v["certificates"]])

    S = {s["id"]: words(seeker_text(s)) for s in data["seekers"]}
    V = {v["id"]: words(vacancy_text(v)) for v in data["vacancies"]}
    return frozenset((r["seeker"], r["vacancy"]) for r in data["relevance"]
                     if r["grade"] > 0 and not S[r["seeker"]] & V[r["vacancy"]])


def load_dev_set(path: str | os.PathLike | None = None) -> DevSet | None:
    """The set as matching records, or None when the file is not there."""
    p = dev_set_path(path)
    if not p.is_file():
        return None
    data = json.loads(p.read_text(encoding="utf-8"))
    seekers = tuple(Seeker(**_tup({**s, "experience": [Experience(**e) for e in s["experience"]]}))
                    for s in data["seekers"])
    vacancies = tuple(Vacancy(**_tup(v)) for v in data["vacancies"])
    grades = {(r["seeker"], r["vacancy"]): int(r["grade"]) for r in data["relevance"] if r["grade"] > 0}
    return DevSet(p, seekers, vacancies, grades, no_shared_pairs(data))


def _models(dev: DevSet, engine_factory: Callable[[], Any], baselines: Mapping[str, Callable]) -> dict[str, Any]:
    models: dict[str, Any] = {"engine": engine_factory().fit(dev.seekers, dev.vacancies, ())}
    for name, cls in baselines.items():
        models[name] = cls(filters=False).fit(dev.seekers, dev.vacancies, ())
        models[f"{name} + filters"] = cls(filters=True).fit(dev.seekers, dev.vacancies, ())
    return models


def evaluate_dev(dev: DevSet, engine_factory: Callable[[], Any] = MatchEngine,
                 baselines: Mapping[str, Callable] | None = None, n_boot: int = 1000, seed: int = 0) -> dict:
    """Metrics of the engine and the baselines on the set (see the module docstring)."""
    baselines = TEXT_BASELINES if baselines is None else baselines
    models = _models(dev, engine_factory, baselines)
    by_seeker: dict[Hashable, dict] = {s.id: {} for s in dev.seekers}
    by_vacancy: dict[Hashable, dict] = {v.id: {} for v in dev.vacancies}
    for (s_id, v_id), g in dev.grades.items():
        by_seeker[s_id][v_id] = float(g)
        by_vacancy[v_id][s_id] = float(g)
    queries = {DIRECTIONS[0]: [q for q in by_seeker if by_seeker[q]],
               DIRECTIONS[1]: [q for q in by_vacancy if by_vacancy[q]]}
    directions: dict[str, dict] = {}
    per_query: dict[str, dict[str, list[float]]] = {}
    for direction in DIRECTIONS:
        rel_of = by_seeker if direction == DIRECTIONS[0] else by_vacancy
        directions[direction] = {}
        per_query[direction] = {}
        for name, model in models.items():
            ndcg, rec, rec2 = [], [], []
            found_no_shared = 0
            for q in queries[direction]:
                if direction == DIRECTIONS[0]:
                    top = [x.vacancy_id for x in model.rank_vacancies(q, k=K)]
                    found_no_shared += sum((q, x) in dev.no_shared for x in top)
                else:
                    top = [x.seeker_id for x in model.rank_seekers(q, k=K)]
                    found_no_shared += sum((x, q) in dev.no_shared for x in top)
                rel = rel_of[q]
                ndcg.append(ndcg_at_k(top, rel, K, linear=True))
                rec.append(recall_at_k(top, rel, K))
                strong = {x: g for x, g in rel.items() if g >= 2}
                if strong:
                    rec2.append(recall_at_k(top, strong, K))
            per_query[direction][name] = ndcg
            directions[direction][name] = {
                "ndcg@10": bootstrap_ci(ndcg, n_boot, seed=seed),
                "recall@10": bootstrap_ci(rec, n_boot, seed=seed),
                "recall@10 grade 2": bootstrap_ci(rec2, n_boot, seed=seed),
                "no-shared recall@10": found_no_shared / len(dev.no_shared) if dev.no_shared else float("nan"),
            }
    comparison = {}
    filtered = [n for n in models if n.endswith("+ filters")]
    for direction in DIRECTIONS:
        if not filtered or not queries[direction]:
            continue
        best = max(filtered, key=lambda n: directions[direction][n]["ndcg@10"][0])
        diff = paired_bootstrap_diff(per_query[direction]["engine"], per_query[direction][best], n_boot, seed=seed)
        comparison[direction] = {"best_filtered_baseline": best, "ndcg@10 difference": diff,
                                 "engine ahead beyond CI": bool(diff[1] > 0)}
    return {"config": {"path": str(dev.path), "n_seekers": len(dev.seekers), "n_vacancies": len(dev.vacancies),
                       "n_relevant": len(dev.grades), "n_no_shared": len(dev.no_shared),
                       "n_queries": {d: len(q) for d, q in queries.items()}, "seed": seed},
            "directions": directions, "comparison": comparison}


def _ci(x: tuple[float, float, float]) -> str:
    return f"{x[0]:.3f} [{x[1]:.3f}, {x[2]:.3f}]"


def format_dev_report(result: Mapping[str, Any], title: str = "Hand-graded dev set (cold start)") -> str:
    c = result["config"]
    lines = [f"## {title}", "",
             f"{c['n_seekers']} residents, {c['n_vacancies']} vacancies, {c['n_relevant']} relevant pairs "
             f"({c['n_no_shared']} with no shared content word); no feedback; gain = grade; read from {c['path']}.",
             ""]
    for direction in DIRECTIONS:
        table = result["directions"][direction]
        lines += [f"### {direction} ({c['n_queries'][direction]} queries)", "",
                  "| model | NDCG@10 [95% CI] | Recall@10 [95% CI] | Recall@10 grade 2 | no-shared-word Recall@10 |",
                  "|---|---|---|---|---|"]
        for name, m in sorted(table.items(), key=lambda kv: -kv[1]["ndcg@10"][0]):
            lines.append(f"| {name} | {_ci(m['ndcg@10'])} | {_ci(m['recall@10'])} | "
                         f"{m['recall@10 grade 2'][0]:.3f} | {m['no-shared recall@10']:.3f} |")
        comp = result["comparison"].get(direction)
        if comp:
            lines += ["", f"Engine - {comp['best_filtered_baseline']} (best filtered baseline), NDCG@10, paired "
                          f"bootstrap: {_ci(comp['ndcg@10 difference'])}; ahead beyond the 95% interval: "
                          f"{'yes' if comp['engine ahead beyond CI'] else 'NO'}."]
        lines.append("")
    return "\n".join(lines)


def run_dev(path: str | os.PathLike | None = None, **kwargs: Any) -> str:
    """The dev condition's report, or a line saying why it was skipped."""
    dev = load_dev_set(path)
    if dev is None:
        return (f"## Hand-graded dev set\n\nSkipped: {dev_set_path(path)} is not there "
                f"(pass --dev-set PATH or set {ENV_VAR}).\n")
    return format_dev_report(evaluate_dev(dev, **kwargs))
