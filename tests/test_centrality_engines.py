"""igraph computes the centralities; networkx defines them. Both must give the same values.

Random data folders (several components, isolated nodes, same-kind links, weighted
projections) are loaded, and every measure partnergraph reports is compared with
networkx run on the graph partnergraph hands to users (``simple_graph``,
``projection``). Sampled estimates are checked against the Brandes-Pich
formula on the same pivots, computed with networkx.
"""
import networkx as nx
import numpy as np
import pytest

import partnergraph as pg
from partnergraph.centrality_measures import PIVOT_SEED, _pivots, pivots_for
from partnergraph.graphs import simple_graph
from conftest import write_folder


def random_folder(root, seed):
    rng = np.random.default_rng(seed)
    countries = [f"c{i:02d}" for i in range(int(rng.integers(8, 30)))]
    frameworks = [f"f{i}" for i in range(int(rng.integers(2, 7)))]
    threats = [f"t{i}" for i in range(4)]
    members = {(rng.choice(countries), rng.choice(frameworks)) for _ in range(int(rng.integers(5, 60)))}
    borders = {tuple(sorted(rng.choice(countries, 2, replace=False))) for _ in range(int(rng.integers(0, 10)))}
    covers = {(rng.choice(frameworks), rng.choice(threats)) for _ in range(6)}
    nodes = "id,kind,label\n" + "".join(f"{c},country,{c}\n" for c in countries + ["lonely"]) \
        + "".join(f"{f},framework,{f}\n" for f in frameworks) + "".join(f"{t},threat,{t}\n" for t in threats)
    return write_folder(root, {
        "nodes.csv": nodes,
        "memberships.csv": "country,framework\n" + "".join(f"{a},{b}\n" for a, b in sorted(members)),
        "borders.csv": "country,country\n" + "".join(f"{a},{b}\n" for a, b in sorted(borders)),
        "covers.csv": "framework,threat\n" + "".join(f"{a},{b}\n" for a, b in sorted(covers)),
    })


def networkx_scores(G, measure, weighted):
    if measure == "degree":
        return nx.degree_centrality(G) if len(G) > 1 else {n: 0.0 for n in G}
    if measure == "betweenness":
        return nx.betweenness_centrality(G, weight="distance" if weighted else None)
    if measure == "closeness":
        return nx.closeness_centrality(G, distance="distance" if weighted else None)
    return nx.pagerank(G, alpha=0.85, weight="weight" if weighted else None, tol=1e-13, max_iter=10_000)


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("measure", ["degree", "betweenness", "closeness", "pagerank"])
def test_igraph_gives_networkx_values(tmp_path, seed, measure):
    ds = pg.load(random_folder(tmp_path / "d", seed))
    got = pg.centrality(ds, measure).set_index("id")[measure]
    want = networkx_scores(simple_graph(ds.snapshot()), measure, weighted=False)
    assert sorted(got.index) == sorted(want)
    assert got.to_dict() == pytest.approx(want, abs=1e-9)
    got = pg.centrality(ds, measure, project="country").set_index("id")[measure]
    want = networkx_scores(pg.projection(ds, "country"), measure, weighted=True)
    assert got.to_dict() == pytest.approx(want, abs=1e-9)


@pytest.mark.slow
def test_projection_arrays_match_the_networkx_projection(tmp_path):
    for seed in range(12):
        ds = pg.load(random_folder(tmp_path / f"d{seed}", seed))
        P = pg.projection(ds, "country")
        countries = ds.nodes.loc[ds.nodes["kind"] == "country", "id"]
        # the same graph the slow way: pairs sharing a framework, weight = how many they share
        frameworks = {c: set(ds.edges.loc[(ds.edges["u"] == c) & (ds.edges["relation"] == "memberships"), "v"])
                      for c in countries}
        want = {(a, b): len(frameworks[a] & frameworks[b]) for a in countries for b in countries
                if a < b and frameworks[a] & frameworks[b]}
        assert {tuple(sorted(e[:2])): e[2] for e in P.edges(data="weight")} == want
        assert set(P) == set(countries)


def test_sampled_betweenness_is_the_pivot_estimate(tmp_path):
    ds = pg.load(random_folder(tmp_path / "d", 3))
    G = simple_graph(ds.snapshot())
    n, k = len(G), 5
    got = pg.centrality(ds, "betweenness", sample=k)
    assert got.attrs["sampled"] == {"pivots": k, "nodes": n, "seed": PIVOT_SEED}
    ids = sorted(G)
    sources = [ids[i] for i in _pivots(n, k)]
    # Brandes & Pich: the pivots' dependencies (networkx's subset count, which halves undirected pairs) times n/k
    half = nx.betweenness_centrality_subset(G, sources=sources, targets=list(G), normalized=False)
    want = {v: 2 * b / ((n - 1) * (n - 2)) * n / k for v, b in half.items()}
    assert got.set_index("id")["betweenness"].to_dict() == pytest.approx(want, abs=1e-12)
    # every node as a pivot is the exact value, and says nothing of sampling
    exact = pg.centrality(ds, "betweenness", sample=n)
    assert "sampled" not in exact.attrs
    assert exact.set_index("id")["betweenness"].to_dict() == pytest.approx(nx.betweenness_centrality(G), abs=1e-12)


def test_sampled_closeness_estimates_from_pivots_in_the_same_component(tmp_path):
    ds = pg.load(random_folder(tmp_path / "d", 5))
    G = simple_graph(ds.snapshot())
    n, k = len(G), 6
    got = pg.centrality(ds, "closeness", sample=k).set_index("id")["closeness"]
    ids = sorted(G)
    sources = [ids[i] for i in _pivots(n, k)]
    lengths = {s: nx.single_source_shortest_path_length(G, s) for s in sources}
    exact = nx.closeness_centrality(G)
    for v in G:
        reach = len(nx.node_connected_component(G, v))
        others = [lengths[s][v] for s in sources if s != v and v in lengths[s]]
        if reach == 1:
            want = 0.0
        elif not others:  # no pivot to estimate from: measured exactly
            want = exact[v]
        else:  # (r-1) / (estimated total distance) scaled by the share reachable, as networkx does
            want = (reach - 1) / ((reach - 1) * np.mean(others)) * (reach - 1) / (n - 1)
        assert got[v] == pytest.approx(want, abs=1e-12), v


def test_sample_is_for_path_measures_only_and_auto_is_exact_on_small_graphs(tmp_path):
    ds = pg.load(random_folder(tmp_path / "d", 1))
    with pytest.raises(pg.PartnergraphError, match="sample applies to betweenness and closeness"):
        pg.centrality(ds, "pagerank", sample=5)
    with pytest.raises(pg.PartnergraphError, match="sample must be"):
        pg.centrality(ds, "betweenness", sample=0)
    auto = pg.centrality(ds, "betweenness", sample="auto")
    assert "sampled" not in auto.attrs
    assert auto.equals(pg.centrality(ds, "betweenness"))
    assert pivots_for("auto", 10**7, 10**8) == 100  # never fewer than MIN_PIVOTS


def test_cli_sample_says_what_it_estimated(tmp_path):
    from click.testing import CliRunner

    from partnergraph.cli import cli

    folder = random_folder(tmp_path / "d", 2)
    ds = pg.load(folder)
    done = CliRunner().invoke(cli, ["centrality", "--data", str(folder), "--measure", "betweenness", "--sample", "4",
                                    "--format", "csv"])
    assert done.exit_code == 0
    n = len(ds.snapshot().nodes)
    assert f"betweenness estimated from 4 of {n} nodes as pivots (seed 0)" in done.stderr
    want = pg.centrality(ds, "betweenness", sample=4)
    assert done.stdout.splitlines()[1].split(",")[0] == want["id"].iloc[0]
    for args, message in ((["--measure", "degree", "--sample", "4"], "--sample applies to --measure betweenness"),
                          (["--measure", "closeness", "--sample", "-3"], "expected a number of pivots")):
        done = CliRunner().invoke(cli, ["centrality", "--data", str(folder), *args])
        assert done.exit_code == 2 and message in done.stderr and "Traceback" not in done.output
