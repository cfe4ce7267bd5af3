"""Benchmark: a 2,000-node synthetic map, built in Python and opened in headless Chromium.

Run on demand (not part of the test suite; needs /usr/bin/chromium):

    python tests/bench/bench_map.py [--nodes 2000] [--edges 8000] [--repeat 3]

Beside partnergraph's page it opens a baseline: the same graph written by pyvis
with its own template (``cdn_resources="in_line"``, its default physics), the
way pyvis is usually used. Every network request is blocked for both, as on an
offline machine. Reported, as the median of --repeat page loads:

* build: seconds to make the page in Python (layout included);
* first draw: seconds from navigation until vis-network has drawn the canvas once;
* usable: seconds until the graph stands still (partnergraph: the first draw,
  since the layout is precomputed and physics is off; pyvis: when its physics
  stabilisation ends);
* slider/search: milliseconds for the page to redraw after moving the year
  slider, and after a search that focuses a node (partnergraph only).
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

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def make_folder(root: Path, n_nodes: int, n_edges: int, seed: int = 3) -> Path:
    rng = np.random.default_rng(seed)
    n_fw, n_act, n_thr = n_nodes // 10, n_nodes // 20, n_nodes // 40
    n_cty = n_nodes - n_fw - n_act - n_thr
    ids = {"country": [f"C{i:04d}" for i in range(n_cty)], "framework": [f"f{i:03d}" for i in range(n_fw)],
           "activity": [f"a{i:03d}" for i in range(n_act)], "threat": [f"t{i:03d}" for i in range(n_thr)]}
    rows = [(i, k, f"{k.title()} {i}") for k, group in ids.items() for i in group]
    pd.DataFrame(rows, columns=["id", "kind", "label"]).to_csv(root / "nodes.csv", index=False)
    n_mem = int(n_edges * 0.8)
    since = rng.integers(1990, 2020, n_mem)
    until = np.where(rng.random(n_mem) < 0.25, (since + rng.integers(1, 8, n_mem)).astype(str), "")
    pd.DataFrame({"country": rng.choice(ids["country"], n_mem), "framework": rng.choice(ids["framework"], n_mem),
                  "since": since.astype(str), "until": until, "source": "https://example.org/"}) \
        .drop_duplicates(["country", "framework", "since", "until"]).to_csv(root / "memberships.csv", index=False)
    rest = n_edges - n_mem
    pd.DataFrame({"framework": rng.choice(ids["framework"], rest // 2), "activity": rng.choice(ids["activity"], rest // 2)}) \
        .drop_duplicates().to_csv(root / "offers.csv", index=False)
    pd.DataFrame({"activity": rng.choice(ids["activity"], rest // 2), "threat": rng.choice(ids["threat"], rest // 2)}) \
        .drop_duplicates().to_csv(root / "addresses.csv", index=False)
    return root


def pyvis_baseline(ds, path: Path) -> None:
    from pyvis.network import Network

    net = Network(height="800px", width="100%", cdn_resources="in_line")
    for n, label, kind in zip(ds.nodes["id"], ds.nodes["label"], ds.nodes["kind"]):
        net.add_node(n, label=label, title=kind)
    for u, v in set(zip(ds.edges["u"], ds.edges["v"])):
        net.add_edge(u, v)
    path.write_text(net.generate_html(), encoding="utf-8")


def open_and_time(browser, path: Path, ours: bool) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    url = path.resolve().as_uri()
    context.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
    page.add_init_script("""
        window.__t0 = performance.now();
        window.__marks = {};
        const watch = () => {
            if (!window.network || window.__watching) return;
            window.__watching = true;
            window.network.once('afterDrawing', () => { window.__marks.first = performance.now(); });
            window.network.on('stabilizationIterationsDone', () => { window.__marks.stable = performance.now(); });
        };
        const timer = setInterval(() => { watch(); if (window.__watching) clearInterval(timer); }, 1);
    """)
    start = time.perf_counter()
    page.goto(url, wait_until="load")
    page.wait_for_function("window.network !== undefined", timeout=120_000)
    page.wait_for_function("window.__marks.first !== undefined || window.network.body.emitter", timeout=120_000)
    if ours:
        page.wait_for_function("window.__marks.first !== undefined", timeout=120_000)
        first = page.evaluate("window.__marks.first") / 1000
        usable = first
    else:
        page.wait_for_function("window.__marks.stable !== undefined", timeout=600_000)
        first = (page.evaluate("window.__marks.first") or 0) / 1000
        usable = page.evaluate("window.__marks.stable") / 1000
    out = {"first draw": first, "usable": usable, "wall": time.perf_counter() - start}
    if ours:
        out["slider ms"] = page.evaluate("""() => new Promise(done => {
            const s = document.getElementById('pg-year'); const t = performance.now();
            window.network.once('afterDrawing', () => done(performance.now() - t));
            s.value = String(Number(s.min) + 10); s.dispatchEvent(new Event('input'));
            window.network.redraw(); })""")
        out["search ms"] = page.evaluate("""() => new Promise(done => {
            const t = performance.now();
            window.network.once('afterDrawing', () => done(performance.now() - t));
            window.pgFocus(window.pgData.nodes[5].label); window.network.redraw(); })""")
    context.close()
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "data").mkdir()
        folder = make_folder(tmp / "data", args.nodes, args.edges)
        ds = pg.load(folder)
        t = time.perf_counter()
        page = pg.network_map(ds)
        build = time.perf_counter() - t
        ours = page.save(tmp / "ours.html")
        t = time.perf_counter()
        pyvis_baseline(ds.latest(), tmp / "pyvis.html")
        build_base = time.perf_counter() - t
        print(f"{len(ds.nodes):,} nodes, {len(ds.edges):,} edges ({page.meta['edges_as_of']:,} shown at the "
              f"latest date); page {ours.stat().st_size / 2**20:.1f} MiB; median of {args.repeat} loads")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            runs = {"partnergraph": [open_and_time(browser, ours, True) for _ in range(args.repeat)],
                    "pyvis default (baseline)": [open_and_time(browser, tmp / "pyvis.html", False)
                                                 for _ in range(args.repeat)]}
            browser.close()
        print("| page | build s | first draw s | usable s | slider ms | search ms |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, results in runs.items():
            med = {k: statistics.median(r[k] for r in results) for k in results[0]}
            b = build if name == "partnergraph" else build_base
            print(f"| {name} | {b:.2f} | {med['first draw']:.2f} | {med['usable']:.2f} | "
                  f"{med.get('slider ms', float('nan')):.0f} | {med.get('search ms', float('nan')):.0f} |")


if __name__ == "__main__":
    main()
