"""Every centrality measure against a value worked by hand or computed here, independently, with numpy.

Two hand-made datasets:

PLAIN, measured on the whole graph (one link per linked pair, no weights, every node alive)::

    A - B          borders                      main part: A B C f g t (8 links; the triangle A-B-f
    A, B in f      memberships                  makes it non-bipartite); D - h a part of its own;
    B, C in g                                   z a node with no tie at all. n = 9.
    D in h
    f, g cover t   coverage (f-t also in observes.csv: still one link)

PROJ, measured on its projection on country (weights: how many frameworks a pair shares, or Newman's)::

    f = {A, B, C}; g1, g2 = {A, B}; h1, h2 = {B, C}; k = {C, D}; m = {E}
    count:  A-B 3, A-C 1, B-C 3, C-D 1; E isolated. n = 5.
    newman: f gives each of its 3 pairs 1/2, the two-member ones 1: A-B 2.5, A-C 0.5, B-C 2.5, C-D 1.
"""
import numpy as np
import pytest

import partnergraph as pg
from conftest import write_folder

PLAIN = {
    "nodes.csv": "id,kind,label\nA,country,A\nB,country,B\nC,country,C\nD,country,D\n"
                 "f,framework,F\ng,framework,G\nh,framework,H\nt,threat,T\nz,threat,Z\n",
    "memberships.csv": "country,framework\nA,f\nB,f\nB,g\nC,g\nD,h\n",
    "coverage.csv": "framework,threat\nf,t\ng,t\n",
    "observes.csv": "framework,threat\nf,t\n",
    "borders.csv": "country,country\nA,B\n",
}
PLAIN_IDS = ["A", "B", "C", "D", "f", "g", "h", "t", "z"]
PLAIN_LINKS = {("A", "B"): 1, ("A", "f"): 1, ("B", "f"): 1, ("B", "g"): 1, ("C", "g"): 1, ("D", "h"): 1,
               ("f", "t"): 1, ("g", "t"): 1}

PROJ = {"memberships.csv": "country,framework\nA,f\nB,f\nC,f\nA,g1\nB,g1\nA,g2\nB,g2\nB,h1\nC,h1\nB,h2\nC,h2\n"
                           "C,k\nD,k\nE,m\n"}
PROJ_IDS = ["A", "B", "C", "D", "E"]
PROJ_WEIGHTS = {
    "count": {("A", "B"): 3, ("A", "C"): 1, ("B", "C"): 3, ("C", "D"): 1},
    "newman": {("A", "B"): 2.5, ("A", "C"): 0.5, ("B", "C"): 2.5, ("C", "D"): 1},
}


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return pg.load(write_folder(tmp_path_factory.mktemp("m") / "plain", PLAIN))


@pytest.fixture(scope="module")
def proj(tmp_path_factory):
    return pg.load(write_folder(tmp_path_factory.mktemp("m") / "proj", PROJ))


def scores(ds, measure, **options):
    return pg.centrality(ds, measure, **options).set_index("id")[measure].to_dict()


# ---- independent computations: numpy only, from the links written above ---------------------

def adjacency(ids, links):
    W = np.zeros((len(ids), len(ids)))
    for (u, v), w in links.items():
        W[ids.index(u), ids.index(v)] = W[ids.index(v), ids.index(u)] = w
    return W


def principal_eigenvector(W):
    """The eigenvector of the largest eigenvalue of a symmetric matrix, positive, of Euclidean norm 1 (networkx's
    normalisation)."""
    values, vectors = np.linalg.eigh(W)
    x = vectors[:, np.argmax(values)]
    x = x if x.sum() > 0 else -x
    return x / np.linalg.norm(x)


def pagerank_solved(W, d=0.85):
    """PageRank as the solution of x = d M^T x + (1 - d)/n: M the random walk along the (weighted) links, a node
    with no link jumping to any node alike (networkx's rule for dangling nodes)."""
    n = len(W)
    strength = W.sum(axis=1)
    M = np.where(strength[:, None] > 0, W / np.where(strength > 0, strength, 1)[:, None], 1.0 / n)
    return np.linalg.solve(np.eye(n) - d * M.T, np.full(n, (1 - d) / n))


def as_dict(ids, values):
    return dict(zip(ids, values.tolist()))


# ---- degree, betweenness, closeness: by hand -------------------------------------------------

def test_degree_on_the_whole_graph(plain):
    # links / (n - 1) = links / 8; the f-t link counts once although two relations hold it
    assert scores(plain, "degree") == pytest.approx(
        {"A": 2 / 8, "B": 3 / 8, "C": 1 / 8, "D": 1 / 8, "f": 3 / 8, "g": 3 / 8, "h": 1 / 8, "t": 2 / 8, "z": 0.0})


def test_closeness_on_the_whole_graph_scales_by_the_share_reached(plain):
    # (r - 1)/sum of distances, times (r - 1)/(n - 1) (Wasserman and Faust). Main part: r = 6, n = 9, so 5/sum * 5/8.
    # sums: A 1+1+2+2+3 = 9 (B f | g t | C); B 7 (A f g | t C); C 11 (g | B t | A f); f 8 (A B t | g | C);
    # g 7 (B C t | A f); t 8 (f g | A B C). D and h: 1/1 * 1/8. z reaches no one: 0.
    assert scores(plain, "closeness") == pytest.approx(
        {"A": 25 / 72, "B": 25 / 56, "C": 25 / 88, "f": 25 / 64, "g": 25 / 56, "t": 25 / 64,
         "D": 1 / 8, "h": 1 / 8, "z": 0.0})


def test_betweenness_on_the_whole_graph(plain):
    # pairs at distance 2 or more in the main part, and the share of their shortest paths through each node:
    #   A-g: A-B-g (B 1)            A-t: A-f-t (f 1)              A-C: A-B-g-C (B 1, g 1)
    #   B-t: B-f-t, B-g-t (f, g 1/2) B-C: B-g-C (g 1)             C-t: C-g-t (g 1)
    #   C-f: C-g-B-f, C-g-t-f (g 1, B 1/2, t 1/2)                 f-g: f-B-g, f-t-g (B 1/2, t 1/2)
    # sums B 3, f 1.5, g 4.5, t 1; normalised by 2/((n-1)(n-2)) = 1/28
    assert scores(plain, "betweenness") == pytest.approx(
        {"A": 0.0, "B": 3 / 28, "C": 0.0, "D": 0.0, "f": 1.5 / 28, "g": 4.5 / 28, "h": 0.0, "t": 1 / 28, "z": 0.0})


def test_weighted_betweenness_takes_the_longer_path_that_is_shorter(proj):
    # distance = 1/weight: A-B 1/3, B-C 1/3, A-C 1, C-D 1.
    #   A-C: direct 1, through B 2/3: through B.   A-D: A-B-C-D 5/3 < A-C-D 2: through B and C.
    #   B-D: B-C-D 4/3: through C.                 E reaches no one.
    # B 2 pairs, C 2 pairs; normalised by 2/((n-1)(n-2)) = 1/6
    assert scores(proj, "betweenness", project="country") == pytest.approx(
        {"A": 0.0, "B": 1 / 3, "C": 1 / 3, "D": 0.0, "E": 0.0})
    # Newman's weights (A-B 2.5, A-C 0.5, B-C 2.5): A-C direct 2, through B 0.8; the same paths
    assert scores(proj, "betweenness", project="country", weighting="newman") == pytest.approx(
        {"A": 0.0, "B": 1 / 3, "C": 1 / 3, "D": 0.0, "E": 0.0})
    # counted in hops (what an unweighted measure would give) A-C is direct and C alone is between: C 3/6, B 0
    unweighted = {"A": 0.0, "B": 0.0, "C": 0.5, "D": 0.0, "E": 0.0}
    assert scores(proj, "betweenness", project="country") != pytest.approx(unweighted)


def test_weighted_closeness_sums_distances_of_one_over_the_weight(proj):
    # r = 4 in the part A B C D, n = 5: 3/sum * 3/4.
    # count: A 1/3 + 2/3 + 5/3 = 8/3 -> 27/32; B 1/3 + 1/3 + 4/3 = 2 -> 9/8; C 2/3 + 1/3 + 1 = 2 -> 9/8;
    #        D 5/3 + 4/3 + 1 = 4 -> 9/16
    assert scores(proj, "closeness", project="country") == pytest.approx(
        {"A": 27 / 32, "B": 9 / 8, "C": 9 / 8, "D": 9 / 16, "E": 0.0})
    # newman (distances A-B 0.4, B-C 0.4, A-C 2, C-D 1): A 0.4 + 0.8 + 1.8 = 3 -> 3/4; B 0.4 + 0.4 + 1.4 = 2.2;
    #        C 0.8 + 0.4 + 1 = 2.2; D 1.8 + 1.4 + 1 = 4.2
    assert scores(proj, "closeness", project="country", weighting="newman") == pytest.approx(
        {"A": 3 / 4, "B": 9 / 4 / 2.2, "C": 9 / 4 / 2.2, "D": 9 / 4 / 4.2, "E": 0.0})


def test_degree_on_a_projection_counts_links_not_weights(proj):
    # A: B C; B: A C; C: A B D; D: C; E: none. Divided by n - 1 = 4, whatever the weights
    for weighting in ("count", "newman"):
        assert scores(proj, "degree", project="country", weighting=weighting) == pytest.approx(
            {"A": 2 / 4, "B": 2 / 4, "C": 3 / 4, "D": 1 / 4, "E": 0.0})


# ---- eigenvector and PageRank: computed here with numpy ---------------------------------------

def test_eigenvector_on_the_whole_graph_is_the_principal_eigenvector(plain):
    W = adjacency(PLAIN_IDS, PLAIN_LINKS)  # f-t once: the measure runs on the simple graph
    want = as_dict(PLAIN_IDS, principal_eigenvector(W))
    assert want["D"] == pytest.approx(0, abs=1e-12) and want["z"] == pytest.approx(0, abs=1e-12)
    assert scores(plain, "eigenvector") == pytest.approx(want, abs=1e-7)
    # counting f-t twice (a multigraph) would give another vector: the test tells them apart
    doubled = adjacency(PLAIN_IDS, {**PLAIN_LINKS, ("f", "t"): 2})
    assert scores(plain, "eigenvector") != pytest.approx(as_dict(PLAIN_IDS, principal_eigenvector(doubled)), abs=1e-3)


def test_pagerank_on_the_whole_graph_solves_the_linear_system(plain):
    want = as_dict(PLAIN_IDS, pagerank_solved(adjacency(PLAIN_IDS, PLAIN_LINKS)))
    got = scores(plain, "pagerank")
    assert got == pytest.approx(want, abs=1e-9)
    assert sum(got.values()) == pytest.approx(1.0)
    # z has no link: it keeps only what teleports and dangles, (1 - d)/n + d/n * z, so z = 0.15/9/(1 - 0.85/9)
    assert got["z"] == pytest.approx(0.15 / 9 / (1 - 0.85 / 9))


@pytest.mark.parametrize("weighting", ["count", "newman"])
def test_eigenvector_on_a_projection_uses_the_weights(proj, weighting):
    weighted = principal_eigenvector(adjacency(PROJ_IDS, PROJ_WEIGHTS[weighting]))
    unweighted = principal_eigenvector(adjacency(PROJ_IDS, dict.fromkeys(PROJ_WEIGHTS[weighting], 1)))
    assert not np.allclose(weighted, unweighted, atol=1e-3)  # so an unweighted measure would fail here
    assert scores(proj, "eigenvector", project="country", weighting=weighting) == pytest.approx(
        as_dict(PROJ_IDS, weighted), abs=1e-7)


@pytest.mark.parametrize("weighting", ["count", "newman"])
def test_pagerank_on_a_projection_uses_the_weights(proj, weighting):
    weighted = pagerank_solved(adjacency(PROJ_IDS, PROJ_WEIGHTS[weighting]))
    unweighted = pagerank_solved(adjacency(PROJ_IDS, dict.fromkeys(PROJ_WEIGHTS[weighting], 1)))
    assert not np.allclose(weighted, unweighted, atol=1e-3)
    got = scores(proj, "pagerank", project="country", weighting=weighting)
    assert got == pytest.approx(as_dict(PROJ_IDS, weighted), abs=1e-9)
    assert got["E"] == pytest.approx(0.15 / 5 / (1 - 0.85 / 5))  # isolated: only what teleports and dangles


def test_pagerank_by_power_iteration_agrees_with_the_linear_system():
    """The two independent computations above agree with each other (so neither is wrong the same way)."""
    for ids, links in ((PLAIN_IDS, PLAIN_LINKS), (PROJ_IDS, PROJ_WEIGHTS["newman"])):
        W = adjacency(ids, links)
        n = len(W)
        strength = W.sum(axis=1)
        x = np.full(n, 1 / n)
        for _ in range(500):
            walked = (x[strength > 0] / strength[strength > 0]) @ W[strength > 0]
            x = 0.85 * (walked + x[strength == 0].sum() / n) + 0.15 / n
        assert x == pytest.approx(pagerank_solved(W), abs=1e-12)
