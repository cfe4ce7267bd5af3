"""Benchmark: loading and validating a large synthetic data folder, beside plain pandas.read_csv.

Run on demand (not part of the test suite):

    python tests/bench/bench_load.py [--rows 200000] [--repeat 5]

The baseline is pandas.read_csv on the same files with no checks at all: the floor
for any CSV loader written in Python. Times are the median of --repeat runs;
memory is the peak traced by tracemalloc during one run.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

import partnergraph as pg


def make_folder(root: Path, rows: int, seed: int = 1) -> Path:
    rng = np.random.default_rng(seed)
    countries = [f"C{i:04d}" for i in range(2000)]
    frameworks = [f"f{i:02d}" for i in range(50)]
    threats = [f"t{i:02d}" for i in range(20)]
    nodes = pd.DataFrame({
        "id": countries + frameworks + threats,
        "kind": ["country"] * len(countries) + ["framework"] * len(frameworks) + ["threat"] * len(threats),
        "label": [f"Label {i}" for i in range(len(countries) + len(frameworks) + len(threats))],
        "region": "somewhere",
    })
    nodes.to_csv(root / "nodes.csv", index=False)
    since = rng.integers(1990, 2020, rows)
    has_until = rng.random(rows) < 0.3
    until = np.where(has_until, since + rng.integers(1, 6, rows), 0)
    pd.DataFrame({
        "country": rng.choice(countries, rows),
        "framework": rng.choice(frameworks, rows),
        "since": since.astype(str),
        "until": np.where(has_until, until.astype(str), ""),
        "status": np.where(has_until, "ended", "active"),
        "source": "https://www.nato.int/cps/en/natohq/topics_00000.htm",
        "note": "synthetic row",
    }).drop_duplicates(["country", "framework", "since", "until"]).to_csv(root / "memberships.csv", index=False)
    pd.DataFrame({
        "framework": np.repeat(frameworks, 4),
        "threat": rng.choice(threats, len(frameworks) * 4),
        "source": "https://example.org/",
    }).drop_duplicates(["framework", "threat"]).to_csv(root / "covers.csv", index=False)
    return root


def timed(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_folder(Path(tmp), args.rows)
        files = sorted(folder.glob("*.csv"))
        size = sum(f.stat().st_size for f in files) / 2**20
        runs = {
            "baseline: pandas.read_csv, no checks": lambda: [pd.read_csv(f, dtype=str, keep_default_na=False) for f in files],
            "pg.validate (every check)": lambda: pg.validate(folder),
            "pg.load (checks + tables)": lambda: pg.load(folder),
            "pg.load + .graph (networkx)": lambda: pg.load(folder).graph,
            "pg.load + .as_of(2010)": lambda: pg.load(folder).as_of(2010),
        }
        print(f"{args.rows:,} edge rows, {len(files)} files, {size:.1f} MiB; median of {args.repeat} runs")
        print("| what | seconds | peak MiB |")
        print("|---|---:|---:|")
        for name, fn in runs.items():
            seconds, peak = timed(fn, args.repeat)
            print(f"| {name} | {seconds:.3f} | {peak:.0f} |")


if __name__ == "__main__":
    main()
