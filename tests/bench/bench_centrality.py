"""Benchmark: centrality at 10k and 100k edge rows: exact measures, and sampled betweenness and closeness with their error.

Run on demand (not part of the test suite):

    python tests/bench/bench_centrality.py [--rows 10000 100000] [--samples 500 auto] [--exact-up-to 100000]

For each size the seeded synthetic folder (tests/bench/synthetic.py) is loaded once;
each measure is then timed through ``pg.centrality`` (igraph on the graph built from
the edge tables). Betweenness and closeness are computed exactly (up to
--exact-up-to rows) and sampled with each --samples setting; the error of a
sampled estimate is stated against the exact values: the largest absolute error,
the mean relative error over the nodes whose exact value is not zero, and how many
of the exact top 100 the estimate's top 100 holds.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_dataset  # noqa: E402

import partnergraph as pg  # noqa: E402


def timed(fn):
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def error(estimate, exact, measure):
    est = estimate.set_index("id")[measure]
    ex = exact.set_index("id")[measure].reindex(est.index)
    nonzero = ex.to_numpy() != 0
    rel = np.abs(est.to_numpy()[nonzero] - ex.to_numpy()[nonzero]) / ex.to_numpy()[nonzero]
    top = len(set(estimate["id"].head(100)) & set(exact["id"].head(100)))
    return float(np.abs(est - ex).max()), float(rel.mean()) if len(rel) else 0.0, top


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--samples", nargs="*", default=["500", "auto"])
    parser.add_argument("--exact-up-to", type=int, default=100_000)
    args = parser.parse_args()
    print("| rows | nodes | edges | measure | how | seconds | max abs error | mean rel error | top-100 kept |")
    print("|---:|---:|---:|---|---|---:|---:|---:|---:|")
    for rows in args.rows:
        with tempfile.TemporaryDirectory() as tmp:
            ds = pg.load(make_dataset(Path(tmp) / "data", rows))
            snap = ds.snapshot()
            nodes, edges = len(snap.nodes), len(snap.edges)
            head = f"| {rows:,} | {nodes:,} | {edges:,}"
            for measure in ("degree", "pagerank"):
                seconds, _ = timed(lambda: pg.centrality(ds, measure))
                print(f"{head} | {measure} | exact | {seconds:.2f} | - | - | - |", flush=True)
            for measure in ("betweenness", "closeness"):
                exact = None
                if rows <= args.exact_up_to:
                    seconds, exact = timed(lambda: pg.centrality(ds, measure))
                    print(f"{head} | {measure} | exact | {seconds:.2f} | - | - | - |", flush=True)
                for sample in args.samples:
                    sample = sample if sample == "auto" else int(sample)
                    seconds, est = timed(lambda: pg.centrality(ds, measure, sample=sample))
                    used = est.attrs.get("sampled", {}).get("pivots", nodes)
                    how = f"{used:,} pivots ({sample})"
                    if exact is not None and "sampled" in est.attrs:
                        worst, rel, top = error(est, exact, measure)
                        print(f"{head} | {measure} | {how} | {seconds:.2f} | {worst:.2e} | {rel:.1%} | {top} |",
                              flush=True)
                    else:
                        print(f"{head} | {measure} | {how} | {seconds:.2f} | - | - | - |", flush=True)
    print()
    print(json.dumps({"python": sys.version.split()[0], "cores": len(os.sched_getaffinity(0))}))


if __name__ == "__main__":
    main()
