"""Benchmark: structure over time, 70 years of a 100,000-row folder.

Run on demand (not part of the test suite):

    python tests/bench/bench_evolution.py [--rows 100000] [--countries 2000] [--frameworks 500] [--baseline-cap 300]

A synthetic folder (seeded): country-framework memberships, each from a random
year between 1950 and 2019 for 1 to 20 years (a third open), frameworks with
lifetimes. Timed, in one run, side by side:

* partnergraph: ``pg.evolution`` for 1950-2019 (loading not timed);
* a straightforward pandas and networkx version: for each year, the rows whose
  years hold it, counted with pandas; the projection from a self-merge on the
  framework; parts and transitivity by networkx. It is stopped after
  ``--baseline-cap`` seconds and its pace per year reported, with its numbers
  checked against partnergraph's for the years it did.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

import partnergraph as pg


def make_folder(root: Path, rows: int, countries: int, frameworks: int, seed: int = 11) -> Path:
    rng = np.random.default_rng(seed)
    root.mkdir(parents=True, exist_ok=True)
    f_since = rng.integers(1945, 1990, frameworks)
    nodes = pd.concat([
        pd.DataFrame({"id": [f"C{i:05d}" for i in range(countries)], "kind": "country", "since": ""}),
        pd.DataFrame({"id": [f"F{j:04d}" for j in range(frameworks)], "kind": "framework",
                      "since": f_since.astype(str)})])
    nodes.insert(2, "label", nodes["id"])
    nodes.to_csv(root / "nodes.csv", index=False)
    fw = rng.integers(0, frameworks, rows)
    since = np.maximum(rng.integers(1950, 2020, rows), f_since[fw])
    until = since + rng.integers(1, 21, rows)
    until_text = np.where(rng.random(rows) < 1 / 3, "", until.astype(str))
    pd.DataFrame({"country": [f"C{i:05d}" for i in rng.integers(0, countries, rows)],
                  "framework": [f"F{j:04d}" for j in fw], "since": since.astype(str), "until": until_text,
                  "source": "https://example.org"}).drop_duplicates(["country", "framework", "since", "until"]).to_csv(
        root / "memberships.csv", index=False)  # a repeated row would be the same edge twice
    return root


def baseline_year(m: pd.DataFrame, nodes: pd.DataFrame, year: int) -> dict:
    """One year the straightforward way: filter with pandas, project with a self-merge, measure with networkx."""
    frameworks = nodes[nodes["kind"] == "framework"]
    alive_f = set(frameworks.loc[frameworks["since"].astype(int) <= year, "id"])
    live = m[(m["since"] <= year) & (m["until"].isna() | (m["until"] > year)) & m["framework"].isin(alive_f)]
    pairs = live[["country", "framework"]].drop_duplicates()
    merged = pairs.merge(pairs, on="framework")
    merged = merged[merged["country_x"] < merged["country_y"]][["country_x", "country_y"]].drop_duplicates()
    g = nx.Graph()
    g.add_edges_from(zip(live["country"], live["framework"]))
    p = nx.Graph()
    p.add_edges_from(zip(merged["country_x"], merged["country_y"]))
    return {"year": year, "ties": len(live), "linked": g.number_of_nodes(),
            "components": nx.number_connected_components(g), "projection_ties": p.number_of_edges(),
            "transitivity": nx.transitivity(p) if p.number_of_edges() else float("nan")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--countries", type=int, default=2000)
    parser.add_argument("--frameworks", type=int, default=500)
    parser.add_argument("--baseline-cap", type=float, default=300.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = make_folder(Path(tmp) / "evo", args.rows, args.countries, args.frameworks)
        ds = pg.load(folder)
        start = time.perf_counter()
        ours = pg.evolution(ds, first=1950, last=2019)
        took = time.perf_counter() - start
        m = pd.read_csv(folder / "memberships.csv")
        nodes = pd.read_csv(folder / "nodes.csv", keep_default_na=False)
        done, start = [], time.perf_counter()
        for year in range(1950, 2020):
            done.append(baseline_year(m, nodes, year))
            if time.perf_counter() - start > args.baseline_cap:
                break
        theirs = time.perf_counter() - start
        check = pd.DataFrame(done).set_index("year")
        mine = ours.set_index("year").loc[check.index]
        for column in ("ties", "linked", "components", "projection_ties"):
            assert (mine[column].to_numpy() == check[column].to_numpy()).all(), column
        assert np.allclose(mine["transitivity"], check["transitivity"], equal_nan=True)
        per_year = theirs / len(done)
        print(f"{args.rows:,} rows, {args.countries:,} countries, {args.frameworks:,} frameworks, 70 years "
              f"(mean {ours['ties'].mean():,.0f} active ties and {ours['projection_ties'].mean():,.0f} projected pairs a year)")
        print(f"partnergraph evolution: {took:.1f} s for 70 years ({took / 70:.2f} s a year)")
        print(f"pandas + networkx: {theirs:.1f} s for {len(done)} years ({per_year:.2f} s a year"
              + (f"; 70 years at that pace: about {70 * per_year:.0f} s)" if len(done) < 70 else ")")
              + f"; the same numbers for the years it did")


if __name__ == "__main__":
    main()
