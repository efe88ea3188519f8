"""Print the evaluation report on the synthetic city and its thin conditions.

    python -m evaluation                       # full size (several minutes on 2 cores)
    python -m evaluation --quick               # small sizes, for a smoke run
    python -m evaluation --conditions dev      # the hand-graded dev set (../shared/matching-dev)
    python -m evaluation --learner hgb         # boosted trees as the engine's learner, the logistic
                                               # engine beside it as "logistic engine"

Data seed 0 is the reporting seed; the engine's defaults were chosen by looking at seed 1 only.
"""
from __future__ import annotations

import argparse
import time

from .baselines import BASELINES
from .dev import run_dev
from .learners import learner_factories
from .report import evaluate, format_report
from .synthetic import VARIANTS, generate

TITLES = {
    "full": "Synthetic city, full profiles",
    "titles_only": "Thin: profiles and vacancies with only titles (and areas)",
    "english": "Thin: all text in English",
    "area2": "Thin: two-level areas (city > kecamatan)",
    "interested_only": "Thin: feedback is only 'interested' statements",
}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seekers", type=int, default=20_000)
    ap.add_argument("--vacancies", type=int, default=1_000)
    ap.add_argument("--feedback", type=int, default=40_000, help="approximate feedback events")
    ap.add_argument("--thin-scale", type=float, default=0.5, help="size of thin conditions relative to full")
    ap.add_argument("--max-queries", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--conditions", default=",".join(VARIANTS))
    ap.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    ap.add_argument("--dev-set", default=None,
                    help="cases.json of the hand-graded set (or its folder); default: $LOKERWARGA_DEV_SET, "
                         "else ../shared/matching-dev beside the repository")
    ap.add_argument("--learner", choices=("logistic", "hgb"), default="logistic",
                    help="the engine's learner (hgb: gradient-boosted trees, compared with the logistic engine)")
    args = ap.parse_args(argv)
    engine_factory, extra = learner_factories(args.learner)
    if args.quick:
        args.seekers, args.vacancies, args.feedback, args.max_queries = 3000, 200, 4000, 300
    for cond in [c.strip() for c in args.conditions.split(",") if c.strip()]:
        if cond == "dev":
            t0 = time.perf_counter()
            print(run_dev(args.dev_set, seed=args.seed, engine_factory=engine_factory))
            print(f"({time.perf_counter() - t0:.0f} s)\n", flush=True)
            continue
        scale = 1.0 if cond == "full" else args.thin_scale
        t0 = time.perf_counter()
        seekers, vacancies, feedback, attributes = generate(
            int(args.seekers * scale), int(args.vacancies * scale), int(args.feedback * scale),
            seed=args.seed, variant=cond)
        result = evaluate(seekers, vacancies, feedback, attributes if cond == "full" else None, seed=args.seed,
                          max_queries=args.max_queries, truth=attributes.hidden.utility,
                          engine_factory=engine_factory, baselines={**BASELINES, **extra})
        print(format_report(result, TITLES.get(cond, cond)))
        print(f"({time.perf_counter() - t0:.0f} s)\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
