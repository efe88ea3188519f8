"""Benchmark of the matching engine on a synthetic city (not a timed test).

    python bench/matching_bench.py                 # 100,000 seekers, 5,000 open vacancies
    python bench/matching_bench.py --seekers 20000 --vacancies 1000

Prints one table: fit time, latency percentiles of rank_seekers(k=50) and rank_vacancies(k=20),
update() of one seeker followed by rank_vacancies for it, peak memory (process max RSS), and a
brute-force reference in the same run (plain TF-IDF, cosine against every row) so the ratio shows.
Targets (2 cores): fit <= 60 s; rank p50 <= 50 ms, p95 <= 150 ms; update+rank <= 200 ms; <= 2 GB.
"""
from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from matching import MatchEngine  # noqa: E402
from evaluation.synthetic import generate  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402

from evaluation.baselines import _seeker_text, _vacancy_text  # noqa: E402


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pct(times: list[float]) -> tuple[float, float, float]:
    ms = np.array(times) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95)), float(ms.max())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seekers", type=int, default=100_000)
    ap.add_argument("--vacancies", type=int, default=5_000)
    ap.add_argument("--feedback", type=int, default=30_000, help="approximate feedback events")
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    seekers, vacancies, feedback, _ = generate(args.seekers, args.vacancies, args.feedback, seed=args.seed)
    gen_s = time.perf_counter() - t0
    gc.collect()
    rss_data = _rss_mb()
    print(f"generated {len(seekers)} seekers, {len(vacancies)} vacancies, {len(feedback)} feedback events "
          f"in {gen_s:.1f} s; RSS with data {rss_data:.0f} MB", flush=True)

    t0 = time.perf_counter()
    engine = MatchEngine().fit(seekers, vacancies, feedback)
    fit_s = time.perf_counter() - t0
    rss_fit = _rss_mb()
    print(f"fit {fit_s:.1f} s (blend {engine.blend_:.2f}); RSS after fit {rss_fit:.0f} MB", flush=True)

    rng = np.random.default_rng(args.seed + 1)
    v_ids = [vacancies[i].id for i in rng.choice(len(vacancies), size=min(args.queries, len(vacancies)), replace=False)]
    s_ids = [seekers[i].id for i in rng.choice(len(seekers), size=min(args.queries, len(seekers)), replace=False)]
    engine.rank_seekers(v_ids[0], k=50)  # warm caches once, as a running app would be
    rs, rv, rs_within = [], [], []
    for vid in v_ids:
        t = time.perf_counter()
        engine.rank_seekers(vid, k=50)
        rs.append(time.perf_counter() - t)
    for vid in v_ids[:100]:
        area = engine.vacancies_[engine.vacancy_index_[vid]].area
        t = time.perf_counter()
        engine.rank_seekers(vid, k=50, within=area[:3])
        rs_within.append(time.perf_counter() - t)
    for sid in s_ids:
        t = time.perf_counter()
        engine.rank_vacancies(sid, k=20)
        rv.append(time.perf_counter() - t)
    up = []
    for n, sid in enumerate(s_ids[:50]):
        s = seekers[sid] if isinstance(sid, int) and seekers[sid].id == sid else next(x for x in seekers if x.id == sid)
        changed = replace(s, skills=s.skills + ("forklift",), about=s.about + f" update {n}")
        t = time.perf_counter()
        engine.update(seekers=[changed])
        engine.rank_vacancies(sid, k=20)
        up.append(time.perf_counter() - t)

    # Brute-force reference: plain TF-IDF of all text, cosine against every row, top k.
    t0 = time.perf_counter()
    vec = TfidfVectorizer(sublinear_tf=True, dtype=np.float32)
    X = vec.fit_transform([_seeker_text(s) for s in seekers] + [_vacancy_text(v) for v in vacancies])
    S, Vm = X[: len(seekers)].tocsr(), X[len(seekers):].tocsr()
    brute_fit = time.perf_counter() - t0
    v_pos = {v.id: j for j, v in enumerate(vacancies)}
    s_pos = {s.id: i for i, s in enumerate(seekers)}
    bs, bv = [], []
    for vid in v_ids:
        t = time.perf_counter()
        sims = (S @ Vm[v_pos[vid]].T).toarray().ravel()
        top = np.argpartition(-sims, 50)[:50]
        top[np.argsort(-sims[top])]
        bs.append(time.perf_counter() - t)
    for sid in s_ids:
        t = time.perf_counter()
        sims = (Vm @ S[s_pos[sid]].T).toarray().ravel()
        top = np.argpartition(-sims, 20)[:20]
        top[np.argsort(-sims[top])]
        bv.append(time.perf_counter() - t)
    peak = _peak_mb()

    rows = [
        ("fit (s)", f"{fit_s:.1f}", "<= 60", f"{brute_fit:.1f} (TF-IDF fit)"),
        ("rank_seekers k=50 p50 / p95 / max (ms)", "%.1f / %.1f / %.1f" % _pct(rs), "<= 50 / 150",
         "%.1f / %.1f / %.1f" % _pct(bs)),
        ("rank_seekers k=50 within kecamatan p50 / p95 (ms)", "%.1f / %.1f" % _pct(rs_within)[:2], "", ""),
        ("rank_vacancies k=20 p50 / p95 / max (ms)", "%.1f / %.1f / %.1f" % _pct(rv), "<= 50 / 150",
         "%.1f / %.1f / %.1f" % _pct(bv)),
        ("update(1 seeker) + rank_vacancies p50 / p95 / max (ms)", "%.1f / %.1f / %.1f" % _pct(up), "<= 200", ""),
        ("peak RSS of the whole run (MB)", f"{peak:.0f}", "<= 2048", f"data alone {rss_data:.0f}"),
        ("engine p50 / brute-force p50, rank_seekers", f"{_pct(rs)[0] / _pct(bs)[0]:.2f}", "", ""),
        ("engine p50 / brute-force p50, rank_vacancies", f"{_pct(rv)[0] / _pct(bv)[0]:.2f}", "", ""),
    ]
    print()
    print(f"Matching benchmark: {len(seekers)} seekers, {len(vacancies)} open vacancies, "
          f"{len(feedback)} feedback events, {os.cpu_count()} CPUs, {len(v_ids)} / {len(s_ids)} queries")
    print()
    w0 = max(len(r[0]) for r in rows)
    print(f"| {'measure'.ljust(w0)} | engine | target | brute-force reference |")
    print(f"|{'-' * (w0 + 2)}|---|---|---|")
    for r in rows:
        print(f"| {r[0].ljust(w0)} | {r[1]} | {r[2]} | {r[3]} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
