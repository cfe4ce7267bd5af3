"""Benchmark: how long the command line takes to start, beside a bare Python process.

Run on demand (not part of the test suite):

    python tests/bench/bench_startup.py [--repeat 15]

Each line is a whole process (the installed ``partnergraph`` script next to the
running interpreter), median of --repeat runs; the baseline is ``python -c pass``,
the floor for any Python tool.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

SCRIPT = str(Path(sys.executable).with_name("partnergraph"))
RUNS = {
    "baseline: python -c pass": [sys.executable, "-c", "pass"],
    "partnergraph --help": [SCRIPT, "--help"],
    "partnergraph --version": [SCRIPT, "--version"],
    "partnergraph map --help": [SCRIPT, "map", "--help"],
    "partnergraph info (loads the bundled data)": [SCRIPT, "info"],
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    print(f"median of {args.repeat} runs, whole processes")
    print("| command | seconds |")
    print("|---|---:|")
    for name, command in RUNS.items():
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        print(f"| {name} | {statistics.median(times):.3f} |")


if __name__ == "__main__":
    main()
