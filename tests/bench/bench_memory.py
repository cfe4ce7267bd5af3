"""Benchmark: peak memory and time of whole processes on a tall folder and on wide files, beside pandas.read_csv.

Run on demand (not part of the test suite):

    python tests/bench/bench_memory.py [--rows 2000000] [--columns 4000 40000]

Each step runs in a fresh Python process; its peak resident memory (the
kernel's VmHWM, which counts numpy and Arrow buffers that tracemalloc cannot
see) and its wall time are reported beside the file size and beside the
baseline, a process that reads the same files with ``pandas.read_csv`` and no
checks. "import only" is the floor of any process that imports partnergraph.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_load import make_folder

STEPS = {
    "import only": "import partnergraph",
    "baseline: pandas.read_csv, no checks": (
        "import pandas as pd, pathlib, sys\n"
        "[pd.read_csv(f, dtype=str, keep_default_na=False) for f in sorted(pathlib.Path(sys.argv[1]).glob('*.csv'))]"),
    "pg.validate": "import partnergraph as pg, sys; pg.validate(sys.argv[1])",
    "pg.load": "import partnergraph as pg, sys; pg.load(sys.argv[1])",
    "export node-link JSON": ("import partnergraph as pg, sys, pathlib\n"
                              "from partnergraph.export import write_json\n"
                              "write_json(pg.load(sys.argv[1]), pathlib.Path(sys.argv[2]) / 'out.json')"),
}


def measure(code: str, *args: str) -> tuple[float, float]:
    """(seconds, peak MiB) of a fresh Python process running ``code``."""
    # VmHWM, the peak of this process's own memory (ru_maxrss would carry over the parent's peak across exec)
    runner = ("import sys, time\n"
              "start = time.perf_counter()\n"
              f"exec(compile({code!r}, 'step', 'exec'))\n"
              "seconds = time.perf_counter() - start\n"
              "hwm = [line.split()[1] for line in open('/proc/self/status') if line.startswith('VmHWM:')][0]\n"
              "print(seconds, hwm)\n")
    out = subprocess.run([sys.executable, "-c", runner, *args], check=True, capture_output=True, text=True).stdout
    seconds, kib = out.split()[-2:]
    return float(seconds), int(kib) / 1024


def wide_folder(root: Path, columns: int) -> Path:
    """One edge file of two rows with ``columns`` extra columns (the shape of a pivoted spreadsheet)."""
    root.mkdir()
    names = ",".join(f"c{i}" for i in range(columns))
    cells = ",".join("x" for _ in range(columns))
    (root / "memberships.csv").write_text(f"country,framework,{names}\nAAA,fw,{cells}\nBBB,fw,{cells}\n")
    return root


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--columns", type=int, nargs="*", default=[4_000, 40_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "tall").mkdir()
        folder = make_folder(tmp / "tall", args.rows)
        size = sum(f.stat().st_size for f in folder.glob("*.csv")) / 2**20
        out = tmp / "out"
        out.mkdir()
        print(f"tall: {args.rows:,} generated edge rows, {size:.0f} MiB of CSV; one process per step")
        print("| step | seconds | peak MiB | peak / file size |")
        print("|---|---:|---:|---:|")
        for name, code in STEPS.items():
            seconds, peak = measure(code, str(folder), str(out))
            print(f"| {name} | {seconds:.1f} | {peak:.0f} | {peak / size:.1f} |")
        print()
        print("wide: one edge file, two rows, many columns")
        print("| columns | file KiB | baseline read_csv s | pg.validate s | pg.validate peak MiB |")
        print("|---:|---:|---:|---:|---:|")
        for n in args.columns:
            wide = wide_folder(tmp / f"wide{n}", n)
            kib = (wide / "memberships.csv").stat().st_size / 1024
            base, _ = measure(STEPS["baseline: pandas.read_csv, no checks"], str(wide))
            seconds, peak = measure(STEPS["pg.validate"], str(wide))
            print(f"| {n:,} | {kib:.0f} | {base:.2f} | {seconds:.2f} | {peak:.0f} |")
        print()
        print(json.dumps({"python": sys.version.split()[0], "cores": len(os.sched_getaffinity(0))}))


if __name__ == "__main__":
    main()
