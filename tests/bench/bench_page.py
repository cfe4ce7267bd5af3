"""Benchmark: building the map page's records for a large graph, beside pyvis's own add_node/add_edge.

Run on demand (not part of the test suite):

    python tests/bench/bench_page.py [--nodes 10000] [--edges 40000]

The layout is computed first and cached (it is timed by bench_map.py); what is timed is
everything else network_map does, and, as the baseline, the same node and edge records
added one by one through pyvis's Network.add_node/add_edge, which look every id up in a list.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
from pyvis.network import Network

import partnergraph as pg

import partnergraph.export.html as html
import partnergraph.export.layout as layout


def make_folder(root: Path, nodes: int, edges: int, seed: int = 3) -> Path:
    rng = np.random.default_rng(seed)
    countries = int(nodes * 0.9)
    ids = [f"n{i}" for i in range(nodes)]
    pd.DataFrame({"id": ids, "kind": ["country"] * countries + ["framework"] * (nodes - countries),
                  "label": ids}).to_csv(root / "nodes.csv", index=False)
    u, v = rng.integers(0, countries, edges), rng.integers(countries, nodes, edges)
    pd.DataFrame({"country": [ids[i] for i in u], "framework": [ids[j] for j in v]}).drop_duplicates().to_csv(
        root / "memberships.csv", index=False)
    return root


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--edges", type=int, default=40_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ds = pg.load(make_folder(Path(tmp), args.nodes, args.edges))
        layout.layout_positions(ds)  # cached for the dataset
        start = time.perf_counter()
        page = html.network_map(ds)
        ours = time.perf_counter() - start
        records = html_records(page)
        start = time.perf_counter()
        net = Network(directed=True)
        for node in records["nodes"]:
            net.add_node(node["id"], **{k: v for k, v in node.items() if k != "id"})
        for edge in records["edges"]:
            net.add_edge(edge["from"], edge["to"], **{k: v for k, v in edge.items() if k not in ("from", "to")})
        baseline = time.perf_counter() - start
    print(f"{len(ds.nodes):,} nodes, {len(ds.edges):,} edges; one run")
    print("| what | seconds |")
    print("|---|---:|")
    print(f"| baseline: the same records through pyvis Network.add_node/add_edge | {baseline:.2f} |")
    print(f"| partnergraph network_map (all but the cached layout) | {ours:.2f} |")


def html_records(page) -> dict:
    """The node and edge records in the page's data block."""
    import json
    import re
    block = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', page.html(), re.S).group(1)
    return json.loads(block)


if __name__ == "__main__":
    main()
