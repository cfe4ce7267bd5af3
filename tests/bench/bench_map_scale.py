"""Benchmark: maps of 500 to 20,000 nodes opened in headless Chromium: first draw, slider and search.

Run on demand (not part of the test suite; needs /usr/bin/chromium):

    python tests/bench/bench_map_scale.py [--nodes 500 2000 10000 20000] [--baseline-cap 120]

Each size is the synthetic folder of bench_map.py (countries, frameworks,
activities, threats; four edge rows per node). For each, partnergraph's page is
built in Python and opened with every network request blocked; reported:

* build s: making the page in Python (layout included);
* first draw s: from navigation until vis-network has drawn the canvas once;
* slider ms: from moving the year slider to the redrawn canvas (the worst of
  three moves: back ten years, forward five, to the end);
* search ms: from a search to the canvas redrawn around the node found;
* shown: the nodes drawn in the first view (large maps open with unlinked nodes hidden).

Beside it, in the same run, the baseline: the same graph written by pyvis with
its own template and default physics (the usual way to draw a NetworkX graph in a
browser), timed until its physics has settled, or reported as over
``--baseline-cap`` seconds.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import partnergraph as pg
from bench_map import ARGS, make_folder, pyvis_baseline
from partnergraph.export.html import MAX_NODES

FIRST_DRAW = """() => new Promise(done => {
    const wait = () => { if (window.network && window.__first) done(window.__first); else setTimeout(wait, 5); };
    wait(); })"""

SLIDER = """(year) => new Promise(done => {
    const s = document.getElementById('pg-year'); const t = performance.now();
    window.network.once('afterDrawing', () => done(performance.now() - t));
    s.value = String(year); s.dispatchEvent(new Event('input')); window.network.redraw(); })"""

SEARCH = """(text) => new Promise(done => {
    const t = performance.now();
    window.network.once('afterDrawing', () => done(performance.now() - t));
    window.pgFocus(text); window.network.redraw(); })"""


def _offline_page(browser, path: Path, hook: str):
    """A new page that may load ``path`` and nothing else, which runs ``hook`` on vis-network's object as soon as
    the page has made it: (context, page, url)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    url = path.resolve().as_uri()
    context.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
    page.add_init_script("""
        const timer = setInterval(() => {
            if (window.network && !window.__hooked) {
                window.__hooked = true;
                %s;
                clearInterval(timer);
            }
        }, 1);""" % hook)
    return context, page, url


def open_ours(browser, path: Path) -> dict:
    context, page, url = _offline_page(
        browser, path, "window.network.once('afterDrawing', () => { window.__first = performance.now(); })")
    page.goto(url, wait_until="commit", timeout=600_000)
    first = page.evaluate(FIRST_DRAW) / 1000
    last = int(page.get_attribute("#pg-year", "max"))
    slider = max(page.evaluate(SLIDER, year) for year in (last - 10, last - 5, last))
    search = page.evaluate(SEARCH, page.evaluate("() => window.pgData.nodes[7].label"))
    shown = page.evaluate("() => window.network.body.data.nodes.length")
    context.close()
    return {"first draw s": first, "slider ms": slider, "search ms": search, "shown": shown}


def open_baseline(browser, path: Path, cap: float) -> float | None:
    context, page, url = _offline_page(
        browser, path,
        "window.network.on('stabilizationIterationsDone', () => { window.__stable = performance.now(); })")
    try:
        page.goto(url, wait_until="commit", timeout=int(cap * 1000))
        page.wait_for_function("window.__stable !== undefined", timeout=int(cap * 1000), polling=100)
        seconds = page.evaluate("window.__stable") / 1000
    except Exception:  # not settled within the cap
        seconds = None
    context.close()
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, nargs="*", default=[500, 2000, 10000, 20000])
    parser.add_argument("--baseline-cap", type=float, default=120.0)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for n in args.nodes:
            root = Path(tmp) / f"d{n}"
            root.mkdir()
            ds = pg.load(make_folder(root, n, 4 * n))
            try:  # the default refuses a page past MAX_NODES; it is then measured anyway, to show why
                if len(ds.nodes) > MAX_NODES:
                    pg.network_map(ds)
                refused = False
            except pg.PartnergraphError:
                refused = True
            start = time.perf_counter()
            ours = pg.network_map(ds, max_nodes=None).save(Path(tmp) / f"ours{n}.html")
            build = time.perf_counter() - start
            measured = open_ours(browser, ours)
            pyvis_baseline(ds.latest(), Path(tmp) / f"pyvis{n}.html")
            baseline = open_baseline(browser, Path(tmp) / f"pyvis{n}.html", args.baseline_cap)
            rows.append((len(ds.nodes), len(ds.edges), ours.stat().st_size / 2**20, build, measured, baseline, refused))
            print(f"done {n}", flush=True)
        browser.close()
    print(f"| nodes | edge rows | partnergraph map | page MiB | build s | first draw s | slider ms | search ms | "
          f"nodes in first view | pyvis default: settled s |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for nodes, edges, size, build, m, base, refused in rows:
        settled = f"{base:.1f}" if base is not None else f"> {args.baseline_cap:.0f}"
        verdict = "refused (over 15,000 nodes); measured with --max-nodes" if refused else "drawn"
        print(f"| {nodes:,} | {edges:,} | {verdict} | {size:.1f} | {build:.1f} | {m['first draw s']:.2f} | "
              f"{m['slider ms']:.0f} | {m['search ms']:.0f} | {m['shown']:,} | {settled} |")


if __name__ == "__main__":
    main()
