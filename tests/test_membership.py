"""members, frameworks, timeline and diff on the tiny dataset (conftest.TINY), answers worked out by hand.

    FIN in pfp 1994 - 2023-04-04; SWE in pfp 1994 - 2024-03-07;
    JPN in pag from 2014-05-06; JPN in pfp 2000-2002, and again from 2010.
"""
import pandas as pd
import pandas.testing as pdt
import pytest

import partnergraph as pg


@pytest.fixture
def ds(tiny):
    return pg.load(tiny)


def test_members_as_of(ds):
    expected = pd.DataFrame({"id": ["FIN", "JPN", "SWE"], "label": ["Finland", "Japan", "Sweden"],
                             "kind": "country", "since": ["1994", "2000", "1994"],
                             "until": ["2023-04-04", "2002", "2024-03-07"], "status": "ended"})
    pdt.assert_frame_equal(pg.members(ds, "pfp", as_of=2001), expected, check_dtype=False)
    assert pg.members(ds, "pfp", as_of=2005)["id"].tolist() == ["FIN", "SWE"]
    assert pg.members(ds, "pfp", as_of=2024)["id"].tolist() == ["JPN"]


def test_members_history_lists_both_periods(ds):
    h = pg.members(ds, "pfp", history=True)
    assert h[["id", "since", "until"]].fillna("").values.tolist() == [
        ["FIN", "1994", "2023-04-04"], ["JPN", "2000", "2002"], ["JPN", "2010", ""], ["SWE", "1994", "2024-03-07"]]


def test_frameworks_of_a_country(ds):
    assert pg.frameworks(ds, "JPN", as_of=2001)["id"].tolist() == ["pfp"]
    assert pg.frameworks(ds, "JPN", as_of=2005).empty
    assert pg.frameworks(ds, "JPN", as_of="2014-05-06")[["id", "since"]].values.tolist() == [
        ["pag", "2014-05-06"], ["pfp", "2010"]]
    # the other kind of link works too: the threats a framework covers
    assert pg.frameworks(ds, "pfp", kind="threat", as_of=2020)["id"].tolist() == ["cyber"]


def test_unknown_ids(ds):
    with pytest.raises(pg.UnknownIdError, match=r"unknown id 'PFQ'; did you mean pfp \(Partnership for Peace\)\?"):
        pg.members(ds, "PFQ")
    # an id in another case, or a label, names the node
    assert pg.members(ds, "PFP").equals(pg.members(ds, "pfp"))
    assert pg.members(ds, "partnership for peace").equals(pg.members(ds, "pfp"))
    with pytest.raises(pg.PartnergraphError, match=r"unknown kind 'nation'"):
        pg.members(ds, "pfp", kind="nation")


def test_timeline_of_one_framework(ds):
    t = pg.timeline(ds, framework="pfp", as_of=2024).set_index("year")
    assert t.index.tolist() == list(range(1994, 2025))
    assert t.loc[1994].tolist() == [2, 0, 2, 0]
    assert t.loc[2000].tolist() == [1, 0, 3, 0]
    assert t.loc[2002].tolist() == [0, 1, 2, 0]
    assert t.loc[2010].tolist() == [1, 0, 3, 0]
    assert t.loc[2023].tolist() == [0, 1, 2, 0]
    assert t.loc[2024].tolist() == [0, 1, 1, 0]
    assert t["joined"].sum() == 4 and t["left"].sum() == 3


def test_timeline_of_all_frameworks_and_same_year_in_and_out(tmp_path):
    from conftest import write_folder
    ds = pg.load(write_folder(tmp_path / "d", {
        "memberships.csv": "country,framework,since,until\nA,f,2001,2001\nB,f,2001,\nB,g,2002-06-01,2003-01-01\n"}))
    t = pg.timeline(ds, as_of=2003)
    assert t.values.tolist() == [[2001, 2, 1, 1, 0], [2002, 1, 0, 2, 0], [2003, 0, 1, 1, 0]]


def test_diff(ds):
    d = pg.diff(ds, 2001, 2011)
    assert d[["change", "relation", "u", "v", "since", "until"]].fillna("").values.tolist() == [
        ["added", "memberships", "JPN", "pfp", "2010", ""], ["removed", "memberships", "JPN", "pfp", "2000", "2002"]]
    # JPN's 2000-2002 membership began and ended between 1999 and 2005: in neither list
    assert pg.diff(ds, 1999, 2005)[["change", "u"]].values.tolist() == []
    assert pg.diff(ds, 2022, 2024)[["change", "u", "v"]].values.tolist() == [
        ["removed", "FIN", "pfp"], ["removed", "SWE", "pfp"]]
    assert list(pg.diff(ds, 2000, 2000).columns) == ["change", "relation", "u", "v", "since", "until", "status"]
