"""Paths, ego networks, communities: small graphs with hand-computed answers."""
import pandas as pd
import pytest

import partnergraph as pg
from conftest import write_folder


@pytest.fixture
def two_triangles(tmp_path):
    # two triangles (a, b, c) and (d, e, f) joined by one bridge c - d
    return pg.load(write_folder(tmp_path / "t", {
        "nodes.csv": "id,kind,label\na,x,A\nb,x,B\nc,x,C\nd,y,D\ne,y,E\nf,y,F\n",
        "near.csv": "x,x\na,b\nb,c\na,c\n",
        "far.csv": "y,y\nd,e\ne,f\nd,f\n",
        "bridge.csv": "x,y,since\nc,d,2010\n",
    }))


def test_path_with_relations(two_triangles):
    p = pg.path(two_triangles, "a", "f", as_of=2020)
    assert p.values.tolist() == [
        [0, "a", "A", "x", ""], [1, "c", "C", "x", "near"], [2, "d", "D", "y", "bridge"], [3, "f", "F", "y", "far"]]


def test_no_path_before_the_bridge(two_triangles):
    with pytest.raises(pg.PartnergraphError, match=r"no path between 'a' and 'f' as of 2009-12-31"):
        pg.path(two_triangles, "a", "f", as_of=2009)


def test_path_relations_join_when_a_pair_has_several(make):
    ds = pg.load(make(**{"observes.csv": "framework,threat\npfp,cyber\n"}))
    assert pg.path(ds, "FIN", "cyber", as_of=2010)["relation"].tolist() == ["", "memberships", "coverage;observes"]


def test_ego(two_triangles):
    e = pg.ego(two_triangles, "c", radius=1, as_of=2020)
    assert e[["id", "distance"]].values.tolist() == [["c", 0], ["a", 1], ["b", 1], ["d", 1]]
    assert pg.ego(two_triangles, "c", radius=2, as_of=2020)["id"].tolist() == ["c", "a", "b", "d", "e", "f"]
    assert pg.ego(two_triangles, "c", radius=1, as_of=2000)["id"].tolist() == ["c", "a", "b"]
    assert pg.ego(two_triangles, "c", radius=0)["id"].tolist() == ["c"]


def test_communities_find_the_two_triangles_every_time(two_triangles):
    c = pg.communities(two_triangles, as_of=2020)
    assert c[["community", "id"]].values.tolist() == [[1, "a"], [1, "b"], [1, "c"], [2, "d"], [2, "e"], [2, "f"]]
    pd.testing.assert_frame_equal(c, pg.communities(two_triangles, as_of=2020))


def test_communities_on_the_bundled_data_are_deterministic():
    nato = pg.load()
    pd.testing.assert_frame_equal(pg.communities(nato, as_of=2024), pg.communities(nato, as_of=2024))


def test_unknown_id(two_triangles):
    with pytest.raises(pg.UnknownIdError, match=r"unknown id 'z'"):
        pg.path(two_triangles, "a", "z")
    with pytest.raises(pg.UnknownIdError):
        pg.ego(two_triangles, "z")
    with pytest.raises(pg.UnknownIdError):
        pg.whatif(two_triangles, "z")
