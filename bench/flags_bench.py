"""Benchmark of the vacancy text flags on the worst texts known (not a timed test).

    python bench/flags_bench.py              # 5,000 and 50,000 characters
    python bench/flags_bench.py --sizes 5000 20000

Prints, per kind of hostile text, the time to scan it at each size (best of five) and the growth
between the smallest and the largest size. Target: 5,000 characters in under 50 ms each; growth
close to the growth of the text (linear).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from app.vacancies.flags import scan_text
from tests.vacancies.hostile_texts import HOSTILE


def best_of(text: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        scan_text(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 50_000])
    sizes = parser.parse_args().sizes
    print(f"{'text':<28}" + "".join(f"{size:>12,} ch" for size in sizes) + f"{'growth':>10}")
    for name, make in HOSTILE.items():
        times = [best_of(make(size)) for size in sizes]
        print(f"{name:<28}" + "".join(f"{t * 1000:>12.1f} ms" for t in times) + f"{times[-1] / times[0]:>9.1f}×")


if __name__ == "__main__":
    main()
