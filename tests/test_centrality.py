"""Centrality on small graphs with hand-computed answers."""
import numpy as np
import pytest

import partnergraph as pg
from conftest import write_folder


@pytest.fixture
def line(tmp_path):
    # a - b - c - d, all of kind x (a path graph)
    return pg.load(write_folder(tmp_path / "line", {"links.csv": "x,x\na,b\nb,c\nc,d\n"}))


@pytest.mark.parametrize("measure, expected", [
    ("degree", [("b", 2 / 3), ("c", 2 / 3), ("a", 1 / 3), ("d", 1 / 3)]),
    # b lies on the shortest paths a-c and a-d: 2 of the 3 pairs of other nodes
    ("betweenness", [("b", 2 / 3), ("c", 2 / 3), ("a", 0.0), ("d", 0.0)]),
    # b: distances 1, 1, 2 -> 3/4; a: 1, 2, 3 -> 3/6
    ("closeness", [("b", 0.75), ("c", 0.75), ("a", 0.5), ("d", 0.5)]),
])
def test_measures_on_a_path_graph(line, measure, expected):
    got = pg.centrality(line, measure)
    assert list(got.columns) == ["id", "label", "kind", measure]
    assert got["id"].tolist() == [i for i, _ in expected]  # ranked, ties broken by id
    assert got[measure].tolist() == pytest.approx([v for _, v in expected])


def test_eigenvector_and_pagerank_on_a_path_graph(line):
    # eigenvector: the path of 4 nodes has largest eigenvalue 2 cos(pi/5), eigenvector (sin k pi/5), k = 1..4;
    # its squared norm is 2 (sin^2 36 + sin^2 72 degrees) = 5/2, so a = sin(pi/5)/sqrt(5/2), b = sin(2 pi/5)/sqrt(5/2)
    ends, middle = np.sin(np.pi / 5) / np.sqrt(2.5), np.sin(2 * np.pi / 5) / np.sqrt(2.5)  # 0.3717, 0.6015
    got = pg.centrality(line, "eigenvector")
    assert got["id"].tolist() == ["b", "c", "a", "d"]
    assert got["eigenvector"].tolist() == pytest.approx([middle, middle, ends, ends], abs=1e-8)
    # pagerank, a = d = p and b = c = q: p = 0.15/4 + 0.85 q/2 (a's one neighbour b gives it half), 2p + 2q = 1,
    # so 1.425 p = 0.25: p = 10/57, q = 37/114
    got = pg.centrality(line, "pagerank")
    assert got["id"].tolist() == ["b", "c", "a", "d"]
    assert got["pagerank"].tolist() == pytest.approx([37 / 114, 37 / 114, 10 / 57, 10 / 57], abs=1e-9)


def test_kind_filter_and_top(tiny):
    ds = pg.load(tiny)
    # as of 2014: edges FIN-pfp, SWE-pfp, JPN-pag, JPN-pfp, pfp-cyber; 6 nodes
    got = pg.centrality(ds, "degree", kind="country", as_of=2014)
    assert got[["id", "degree"]].values.tolist() == [["JPN", 0.4], ["FIN", 0.2], ["SWE", 0.2]]
    assert pg.centrality(ds, "degree", as_of=2014, top=1)[["id", "degree"]].values.tolist() == [["pfp", 0.8]]
    # as of 2024 FIN and SWE have left
    assert pg.centrality(ds, "degree", kind="country", as_of=2024)["degree"].tolist() == [0.4, 0.0, 0.0]


def test_projection_weights_count_shared_frameworks(tmp_path):
    ds = pg.load(write_folder(tmp_path / "p", {
        "memberships.csv": "country,framework\nA,f\nB,f\nA,g\nB,g\nC,g\nD,h\nB,k\nC,k\nB,m\nC,m\n"}))
    P = pg.projection(ds, "country")
    assert sorted(P.edges(data="weight")) == [("A", "B", 2), ("A", "C", 1), ("B", "C", 3)]
    assert "D" in P and P.degree("D") == 0
    got = pg.centrality(ds, "degree", project="country")
    assert got[["id", "kind", "degree"]].values.tolist() == [
        ["A", "country", 2 / 3], ["B", "country", 2 / 3], ["C", "country", 2 / 3], ["D", "country", 0.0]]
    # weighted, distance = 1/weight: A to C is 1 direct but 1/2 + 1/3 = 5/6 through B, so B lies on the one
    # shortest path of 1 of the 3 pairs of other nodes: 2/((n-1)(n-2)) = 1/3. Counted in hops it would be 0.
    between = pg.centrality(ds, "betweenness", project="country")
    assert between["id"].tolist() == ["B", "A", "C", "D"]
    assert between["betweenness"].tolist() == pytest.approx([1 / 3, 0.0, 0.0, 0.0])


def test_unknown_measure_and_kind(line):
    with pytest.raises(pg.PartnergraphError, match="unknown measure 'fame'; choose one of degree, betweenness"):
        pg.centrality(line, "fame")
    with pytest.raises(pg.PartnergraphError, match="unknown kind 'country'; the kinds are x"):
        pg.centrality(line, kind="country")
