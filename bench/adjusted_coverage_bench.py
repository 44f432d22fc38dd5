"""Coverage of the adjusted model's intervals: fit data with known effects over many seeds and
count how often each term's 95 % and 99 % Wald intervals hold the true value.

Run: .venv/bin/python bench/adjusted_coverage_bench.py [--seeds 200] [--cases 30000]
A well-specified model covers close to 95 % and 99 % (with 200 seeds, a binomial 95 % band of
about ±3 points around 95 %); the row-level and aggregated fits give the same intervals.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
from scipy import stats

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from analysis.adjusted import adjusted_satisfaction_model
from analysis.simulation import KNOWN_EFFECTS, simulate_known_effects

LEVELS = (0.95, 0.99)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=200, help="simulated data sets")
    parser.add_argument("--cases", type=int, default=30_000, help="cases per data set")
    args = parser.parse_args()
    quantiles = [stats.norm.ppf(0.5 + level / 2) for level in LEVELS]
    covered = {name: np.zeros(len(LEVELS)) for name in KNOWN_EFFECTS}
    bias = {name: 0.0 for name in KNOWN_EFFECTS}
    start = time.perf_counter()
    for seed in range(args.seeds):
        terms = {
            t.term: t
            for t in adjusted_satisfaction_model(simulate_known_effects(args.cases, seed)).fit.terms
        }
        for name, value in KNOWN_EFFECTS.items():
            term = terms[name]
            covered[name] += [abs(term.coefficient - value) <= z * term.se for z in quantiles]
            bias[name] += (term.coefficient - value) / args.seeds
    elapsed = time.perf_counter() - start
    print(f"{args.seeds} seeds x {args.cases:,} cases in {elapsed:.1f} s")
    print(f"{'term':32} {'true':>6} {'bias':>7} {'95 %':>7} {'99 %':>7}")
    for name, value in KNOWN_EFFECTS.items():
        shares = 100 * covered[name] / args.seeds
        print(f"{name:32} {value:6.2f} {bias[name]:7.3f} {shares[0]:6.1f}% {shares[1]:6.1f}%")
    overall = 100 * sum(covered.values()) / (args.seeds * len(KNOWN_EFFECTS))
    print(f"{'all terms':32} {'':6} {'':7} {overall[0]:6.1f}% {overall[1]:6.1f}%")


if __name__ == "__main__":
    main()
