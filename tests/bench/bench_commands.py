"""Benchmark: every query command as a whole process, beside the floor, at 1k to 1M edge rows.

Run on demand (not part of the test suite):

    python tests/bench/bench_commands.py [--rows 1000 10000 100000 1000000] [--repeat 5]

For each size a seeded synthetic folder (tests/bench/synthetic.py) is written, and
each command runs as its own process (``partnergraph CMD --data DIR ... -o out``),
--repeat times; the table gives the median wall time and the peak resident memory
(the kernel's VmHWM) of one run. The floor is a Python process that reads the same
CSV files with ``pandas.read_csv`` and does nothing else, measured before and after the
commands (the faster median is kept, so a busy moment cannot flatter the ratios); "naive" is the coverage
table computed the way a pandas + networkx user would write it in a notebook
(build the graph, then walk each framework's neighbours), for comparison.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import make_dataset  # noqa: E402

FLOOR = ("import pandas as pd, pathlib, sys\n"
         "[pd.read_csv(f, dtype=str, keep_default_na=False) for f in sorted(pathlib.Path(sys.argv[1]).glob('*.csv'))]")

NAIVE_COVERAGE = """
import sys, pathlib, pandas as pd, networkx as nx
folder = pathlib.Path(sys.argv[1])
nodes = pd.read_csv(folder / "nodes.csv", dtype=str, keep_default_na=False)
g = nx.Graph()
g.add_nodes_from((r.id, {"kind": r.kind}) for r in nodes.itertuples())
for name in ("memberships", "offers", "addresses", "covers"):
    t = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
    active = (t["until"] == "") & (t.get("status", pd.Series("active", index=t.index)) != "suspended")
    t = t[active]
    g.add_edges_from(zip(t.iloc[:, 0], t.iloc[:, 1]))
kind = nx.get_node_attributes(g, "kind")
rows = []
for f in (n for n, k in kind.items() if k == "framework"):
    direct = {t for t in g[f] if kind[t] == "threat"}
    via = {}
    for a in g[f]:
        if kind[a] == "activity":
            for t in g[a]:
                if kind[t] == "threat":
                    via.setdefault(t, []).append(a)
    for t in sorted(direct | set(via)):
        rows.append((f, t, t in direct, ";".join(sorted(via.get(t, [])))))
pd.DataFrame(rows, columns=["framework", "threat", "direct", "via"]).to_csv(sys.argv[2] + "/naive.csv", index=False)
"""

# (name, arguments after --data DIR); every command writes CSV to a file
COMMANDS = [
    ("validate", ["validate"]),
    ("info", ["info"]),
    ("coverage", ["coverage", "--format", "csv", "-o", "{out}/coverage.csv"]),
    ("gaps", ["gaps", "--format", "csv", "-o", "{out}/gaps.csv"]),
    ("reach", ["reach", "C000000", "--format", "csv", "-o", "{out}/reach.csv"]),
    ("whatif", ["whatif", "--remove", "F000000", "--format", "csv", "-o", "{out}/whatif.csv"]),
    ("members", ["members", "F000000", "--format", "csv", "-o", "{out}/members.csv"]),
    ("frameworks", ["frameworks", "C000000", "--format", "csv", "-o", "{out}/frameworks.csv"]),
    ("timeline", ["timeline", "--format", "csv", "-o", "{out}/timeline.csv"]),
    ("diff", ["diff", "2000", "2010", "--format", "csv", "-o", "{out}/diff.csv"]),
    ("centrality degree", ["centrality", "--measure", "degree", "--format", "csv", "-o", "{out}/degree.csv"]),
    ("centrality pagerank", ["centrality", "--measure", "pagerank", "--format", "csv", "-o", "{out}/pr.csv"]),
]

# a Python process that runs code and then prints its wall time and peak memory (VmHWM, KiB)
RUNNER = """
import sys, time, atexit
start = time.perf_counter()
def report():
    hwm = [line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:')][0]
    with open(REPORT, 'w') as out:
        out.write(f"{time.perf_counter() - start} {hwm}")
atexit.register(report)
"""


def run(code: str, argv: list[str], report: Path) -> tuple[float, float]:
    """(seconds, peak MiB) of one fresh process running ``code`` with ``argv``."""
    program = f"REPORT = {str(report)!r}\n{RUNNER}\nsys.argv = {argv!r}\n{code}"
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{argv}: exit {done.returncode}\n{done.stderr[-2000:]}")
    _, kib = report.read_text().split()
    return seconds, int(kib) / 1024


def measure(code: str, argv: list[str], report: Path, repeat: int) -> tuple[float, float]:
    runs = [run(code, argv, report) for _ in range(repeat)]
    return statistics.median(s for s, _ in runs), max(m for _, m in runs)


CLI = "from partnergraph.cli import cli\ncli()"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[1_000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="command names to run (default: all)")
    parser.add_argument("--naive-repeat", type=int, default=None, help="runs of the naive script (default: --repeat)")
    args = parser.parse_args()
    commands = [c for c in COMMANDS if not args.only or c[0] in args.only]
    print("| rows | command | seconds | x floor | peak MiB | x floor |")
    print("|---:|---|---:|---:|---:|---:|")
    for rows in args.rows:
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            folder = make_dataset(tmp / "data", rows)
            out = tmp / "out"
            out.mkdir()
            report = tmp / "report"
            # the floor is measured before and after the commands, and the faster of the two kept, so that a
            # busy moment of a shared machine cannot make the commands look cheaper than they are
            floor_s, floor_m = measure(FLOOR, ["floor", str(folder)], report, args.repeat)
            results = []
            for name, rest in commands:
                argv = ["partnergraph", *rest[:1], "--data", str(folder), *(a.format(out=out) for a in rest[1:])]
                results.append((name, *measure(CLI, argv, report, args.repeat)))
            if not args.only or "naive" in args.only:
                naive = args.naive_repeat if args.naive_repeat is not None else args.repeat
                if naive:
                    results.append(("naive pandas+networkx coverage",
                                    *measure(NAIVE_COVERAGE, ["naive", str(folder), str(out)], report, naive)))
            again_s, again_m = measure(FLOOR, ["floor", str(folder)], report, args.repeat)
            floor_s, floor_m = min(floor_s, again_s), min(floor_m, again_m)
            print(f"| {rows:,} | floor: pandas.read_csv | {floor_s:.2f} | 1.0 | {floor_m:.0f} | 1.0 |", flush=True)
            for name, s, m in results:
                print(f"| {rows:,} | {name} | {s:.2f} | {s / floor_s:.1f} | {m:.0f} | {m / floor_m:.1f} |", flush=True)
    print()
    print(json.dumps({"python": sys.version.split()[0], "cores": len(os.sched_getaffinity(0)),
                      "repeat": args.repeat, "naive_repeat": args.naive_repeat if args.naive_repeat is not None
                      else args.repeat}))


if __name__ == "__main__":
    main()
