"""members, frameworks, timeline and diff on the tiny dataset (conftest.TINY), answers worked out by hand.

    FIN in pfp 1994 - 2023-04-04; SWE in pfp 1994 - 2024-03-07;
    JPN in pag from 2014-05-06; JPN in pfp 2000-2002, and again from 2010.
"""
import datetime as dt

import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest
from hypothesis import given, settings, strategies as st

import partnergraph as pg
from conftest import write_folder


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


def test_timeline_counts_an_undated_start_as_a_member_all_along(tmp_path):
    """A membership open at the start, then continued under another status: one membership, held in every year
    (it used to count as joining the year the second period began)."""
    from conftest import write_folder
    ds = pg.load(write_folder(tmp_path / "d", {
        "memberships.csv": "country,framework,since,until,status\nA,f,,2010,active\nA,f,2010,,suspended\n"
                           "B,f,2005,,active\n"}))
    t = pg.timeline(ds, as_of=2012).set_index("year")
    assert t.loc[2005].tolist() == [1, 0, 2, 0]
    assert t.loc[2010].tolist() == [0, 0, 2, 1]
    assert t["joined"].sum() == 1 and t["left"].sum() == 0


def _spells_by_hand(rows):
    """Reference: each pair's periods in start order (open first), merged while the next starts by the furthest end."""
    low, high = dt.date.min, dt.date.max
    out = []
    for pair in sorted({(a, b) for a, b, _, _ in rows}):
        periods = sorted(((s or low), (e or high)) for a, b, s, e in rows if (a, b) == pair)
        start, reach = periods[0]
        for s, e in periods[1:]:
            if s > reach:
                out.append((start, reach))
                start, reach = s, e
            else:
                reach = max(reach, e)
        out.append((start, reach))
    return [(None if s == low else s, None if e == high else e) for s, e in out]


@pytest.mark.slow
@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("AB"), st.sampled_from("fg"),
                          st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2003, 1, 1))),
                          st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2003, 1, 1)))), max_size=12))
def test_spells_merge_as_by_hand(rows):
    from partnergraph.membership import _spells
    # windows are never empty here (timeline leaves an empty one out before merging)
    rows = [(a, b, s, e) for a, b, s, e in rows if s is None or e is None or s < e]
    days = lambda d: np.datetime64(d, "D") if d is not None else np.datetime64("NaT")  # noqa: E731
    periods = pd.DataFrame({"a": [r[0] for r in rows], "b": [r[1] for r in rows],
                            "start": np.array([days(r[2]) for r in rows], dtype="datetime64[D]"),
                            "end": np.array([days(r[3]) for r in rows], dtype="datetime64[D]")})
    got = _spells(periods).to_numpy(dtype="datetime64[D]")
    as_dates = lambda d: None if np.isnat(d) else d.astype(object)  # noqa: E731
    assert sorted(((as_dates(s), as_dates(e)) for s, e in got), key=lambda x: (x[0] or dt.date.min, x[1] or dt.date.max)) \
        == sorted(_spells_by_hand(rows), key=lambda x: (x[0] or dt.date.min, x[1] or dt.date.max))


def test_timeline_leaves_out_a_membership_its_country_never_lived_to_hold(tmp_path):
    """A 1990-1995 suspended membership of a country whose lifetime starts in 2000: the time rule gives it an empty
    window, so it never joins, leaves or is suspended (it used to count -1 suspended in 1995-1999)."""
    from conftest import write_folder
    ds = pg.load(write_folder(tmp_path / "d", {
        "nodes.csv": "id,kind,label,since\nA,country,A,2000\nB,country,B,\nf,framework,F,\n",
        "memberships.csv": "country,framework,since,until,status\nA,f,1990,1995,suspended\nB,f,1992,,active\n"}))
    t = pg.timeline(ds, as_of=2001)
    assert t["joined"].sum() == 1 and t["left"].sum() == 0 and t["suspended"].sum() == 0
    assert t["members"].tolist() == [1] * len(t)


def test_members_keep_an_undated_start_of_a_membership_continued_under_another_status(tmp_path):
    """A membership written without a since, then continued as suspended from 1999: its since is the first
    period's (none), not the continuation's (it used to say 1999, as if the country had joined then)."""
    from conftest import write_folder
    ds = pg.load(write_folder(tmp_path / "d", {
        "nodes.csv": "id,kind,label,since\nSYL,state,Syldavia,1992\nent,alliance,Entente,1960\n",
        "joins.csv": "state,alliance,since,until,status\nSYL,ent,,1999,active\nSYL,ent,1999,,suspended\n"}))
    m = pg.members(ds, "ent", kind="state", as_of=2001)
    assert m[["id", "since", "until", "status"]].fillna("").values.tolist() == [["SYL", "", "", "suspended"]]
    f = pg.frameworks(ds, "SYL", kind="alliance", as_of=2001)
    assert f[["id", "since"]].fillna("").values.tolist() == [["ent", ""]]


def test_the_timeline_counts_its_last_year_only_up_to_the_date_asked(tmp_path):
    """A join in September 2000 is not a member on 30 June 2000: the last year stops at as_of, as members() does."""
    folder = write_folder(tmp_path / "d", {"memberships.csv": "country,framework,since,until\n"
                                                             "A,f,1999,\nB,f,2000-09-15,\nC,f,1998,2000-03-01\n"})
    ds = pg.load(folder)
    mid = pg.timeline(ds, framework="f", as_of="2000-06-30")
    assert mid.values.tolist() == [[1998, 1, 0, 1, 0], [1999, 1, 0, 2, 0], [2000, 0, 1, 1, 0]]
    assert len(pg.members(ds, "f", as_of="2000-06-30")) == mid["members"].iloc[-1]
    end = pg.timeline(ds, framework="f", as_of=2000)
    assert end.values.tolist()[-1] == [2000, 1, 1, 2, 0]
