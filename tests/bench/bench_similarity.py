"""Benchmark: portfolio similarity of every pair of 1,000 countries over 1,000 frameworks.

Run on demand (not part of the test suite):

    python tests/bench/bench_similarity.py [--countries 1000] [--frameworks 1000] [--density 0.05] [--repeat 3]

A synthetic folder: each country tied to each framework with the given
probability (seeded), all alive. Timed, in one run, side by side:

* partnergraph: ``pg.similarity`` (S, kappa, Jaccard) on sparse matrices, every pair;
* a straightforward pandas version: the membership table merged with itself on
  the framework to count each pair's shared ties, every pair of countries made by a
  cross join, the counts joined on, then the same formulas.

Both give the same numbers (checked); the loading of the folder is not timed.
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

import partnergraph as pg


def make_folder(root: Path, countries: int, frameworks: int, density: float, seed: int = 7) -> Path:
    rng = np.random.default_rng(seed)
    ties = rng.random((countries, frameworks)) < density
    c, f = np.nonzero(ties)
    root.mkdir(parents=True, exist_ok=True)
    nodes = pd.concat([
        pd.DataFrame({"id": [f"C{i:04d}" for i in range(countries)], "kind": "country"}),
        pd.DataFrame({"id": [f"F{j:04d}" for j in range(frameworks)], "kind": "framework"})])
    nodes["label"] = nodes["id"]
    nodes.to_csv(root / "nodes.csv", index=False)
    pd.DataFrame({"country": [f"C{i:04d}" for i in c], "framework": [f"F{j:04d}" for j in f],
                  "source": "https://example.org"}).to_csv(root / "memberships.csv", index=False)
    return root


def pandas_similarity(ties: pd.DataFrame, frameworks: int, method: str) -> pd.DataFrame:
    """The straightforward way: shared counts from a self-merge, every pair from a cross join."""
    shared = ties.merge(ties, on="framework")
    shared = shared[shared["country_x"] < shared["country_y"]].groupby(["country_x", "country_y"]).size()
    count = ties.groupby("country").size()
    who = pd.DataFrame({"a": sorted(ties["country"].unique())})
    pairs = who.merge(who.rename(columns={"a": "b"}), how="cross")
    pairs = pairs[pairs["a"] < pairs["b"]]
    pairs["shared"] = pd.Series(list(zip(pairs["a"], pairs["b"]))).map(shared).fillna(0).to_numpy()
    na, nb = pairs["a"].map(count).to_numpy(), pairs["b"].map(count).to_numpy()
    apart = na + nb - 2 * pairs["shared"].to_numpy()
    if method == "s":
        value = 1 - 2 * apart / frameworks
    elif method == "jaccard":
        union = na + nb - pairs["shared"].to_numpy()
        value = np.where(union > 0, pairs["shared"].to_numpy() / np.maximum(union, 1), np.nan)
    else:  # kappa
        pa, pb = na / frameworks, nb / frameworks
        expected = pa * (1 - pb) + (1 - pa) * pb
        value = np.where(expected > 0, 1 - (apart / frameworks) / np.where(expected > 0, expected, 1), np.nan)
    return pairs.assign(similarity=value)[["a", "b", "similarity"]]


def timed(call, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--countries", type=int, default=1000)
    parser.add_argument("--frameworks", type=int, default=1000)
    parser.add_argument("--density", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_folder(Path(tmp) / "sim", args.countries, args.frameworks, args.density)
        ds = pg.load(folder)
        ties = pd.read_csv(folder / "memberships.csv")[["country", "framework"]]
        print(f"{args.countries:,} countries x {args.frameworks:,} frameworks, {len(ties):,} ties, "
              f"{args.countries * (args.countries - 1) // 2:,} pairs; median of {args.repeat}")
        print(f"{'method':8} {'partnergraph s':>15} {'pandas s':>10} {'speed-up':>9}")
        for method in ("s", "kappa", "jaccard"):
            ours, got = timed(lambda: pg.similarity(ds, method=method), args.repeat)
            theirs, want = timed(lambda: pandas_similarity(ties, args.frameworks, method), args.repeat)
            a = got.set_index(["a", "b"])["similarity"].sort_index()
            b = want.set_index(["a", "b"])["similarity"].sort_index()
            assert a.index.equals(b.index) and np.allclose(a.to_numpy(), b.to_numpy(), equal_nan=True), method
            print(f"{method:8} {ours:15.2f} {theirs:10.2f} {theirs / ours:8.1f}x")


if __name__ == "__main__":
    main()
