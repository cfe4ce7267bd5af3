"""Benchmark: map layout time from 100 to 10,000 nodes, and layout plus page for the largest.

Run on demand (not part of the test suite):

    python tests/bench/bench_layout.py [--nodes 100 200 500 1000 2000 5000 10000] [--repeat 3]

Each size is the seeded synthetic folder (tests/bench/synthetic.py) with four edge
rows per node. The layout (export/layout.py) is timed on a freshly loaded dataset
(median of --repeat); the last column divides each size's time by the next larger
size's, which must stay under 2 (no cliff). The largest size is then written as a
whole map page (layout, records and file), timed once.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_dataset  # noqa: E402

import partnergraph as pg  # noqa: E402
from partnergraph.export import layout_positions, network_map  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="*", default=[100, 200, 500, 1000, 2000, 5000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows_out = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.nodes:
            folder = make_dataset(Path(tmp) / f"d{n}", 4 * n)
            times = []
            for _ in range(args.repeat):
                ds = pg.load(folder)
                start = time.perf_counter()
                pos = layout_positions(ds)
                times.append(time.perf_counter() - start)
            rows_out.append((n, len(pos), len(ds.edges), statistics.median(times)))
        print("| nodes asked | nodes | edge rows | layout s | this / next larger |")
        print("|---:|---:|---:|---:|---:|")
        for k, (n, nodes, edges, seconds) in enumerate(rows_out):
            ratio = f"{seconds / rows_out[k + 1][3]:.2f}" if k + 1 < len(rows_out) else "-"
            print(f"| {n:,} | {nodes:,} | {edges:,} | {seconds:.2f} | {ratio} |")
        n = args.nodes[-1]
        ds = pg.load(Path(tmp) / f"d{n}")
        start = time.perf_counter()
        network_map(ds).save(Path(tmp) / "map.html")
        seconds = time.perf_counter() - start
        size = (Path(tmp) / "map.html").stat().st_size / 2**20
        print()
        print(f"layout + page for {len(ds.nodes):,} nodes and {len(ds.edges):,} edge rows: {seconds:.2f} s "
              f"({size:.1f} MiB page)")
    print(json.dumps({"python": sys.version.split()[0], "cores": len(os.sched_getaffinity(0))}))


if __name__ == "__main__":
    main()
