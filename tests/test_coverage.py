"""Coverage, gaps, reach and what-if on a small dataset whose answers were worked out by hand.

    F1 offers A1 (always) and A2 (from 2010); F2 offers A2.
    A1 addresses T1; A2 addresses T1 and T2.
    F1 covers T1 directly; F2 covers T3 directly until 2015 (so not as of 2015).
    C1 is in F1 from 2000; C2 is in F2 2000-2012 and again from 2014, and in F1 from 2011.
"""
import pandas as pd
import pandas.testing as pdt
import pytest

import partnergraph as pg
from conftest import write_folder

FILES = {
    "nodes.csv": "id,kind,label\nF1,framework,One\nF2,framework,Two\nA1,activity,Act one\nA2,activity,Act two\n"
                 "T1,threat,Threat one\nT2,threat,Threat two\nT3,threat,Threat three\nC1,country,Country one\n"
                 "C2,country,Country two\n",
    "offers.csv": "framework,activity,since,source\nF1,A1,,s:f1a1\nF1,A2,2010,s:f1a2\nF2,A2,,s:f2a2\n",
    "addresses.csv": "activity,threat,source\nA1,T1,s:a1t1\nA2,T1,s:a2t1\nA2,T2,s:a2t2\n",
    "covers.csv": "framework,threat,until,source\nF1,T1,,s:f1t1\nF2,T3,2015,s:f2t3\n",
    "memberships.csv": "country,framework,since,until\nC1,F1,2000,\nC2,F2,2000,2012\nC2,F2,2014,\nC2,F1,2011,\n",
}


@pytest.fixture
def ds(tmp_path):
    return pg.load(write_folder(tmp_path / "small", FILES))


def test_coverage_long_form(ds):
    expected = pd.DataFrame({
        "framework": ["F1", "F1", "F2", "F2"],
        "threat": ["T1", "T2", "T1", "T2"],
        "via": ["direct;A1;A2", "A2", "A2", "A2"],
        "sources": ["s:a1t1;s:a2t1;s:f1a1;s:f1a2;s:f1t1", "s:a2t2;s:f1a2", "s:a2t1;s:f2a2", "s:a2t2;s:f2a2"],
    })
    pdt.assert_frame_equal(pg.coverage(ds, as_of=2020), expected, check_dtype=False)


def test_coverage_as_of_follows_the_windows(ds):
    before = pg.coverage(ds, as_of=2009)  # F1 does not offer A2 yet; F2 still covers T3
    assert before[["framework", "threat", "via"]].values.tolist() == [
        ["F1", "T1", "direct;A1"], ["F2", "T1", "A2"], ["F2", "T2", "A2"], ["F2", "T3", "direct"]]
    assert "T3" in set(pg.coverage(ds, as_of="2015-12-30")["threat"])
    assert "T3" not in set(pg.coverage(ds, as_of=2015)["threat"])


def test_coverage_matrix_counts_paths(ds):
    m = pg.coverage_matrix(ds, as_of=2020)
    expected = pd.DataFrame([[3, 1, 0], [1, 1, 0]], index=pd.Index(["F1", "F2"], name="framework"),
                            columns=pd.Index(["T1", "T2", "T3"], name="threat"))
    pdt.assert_frame_equal(m, expected)


def test_explained_cell_lists_every_path_with_sources(ds):
    p = pg.coverage_paths(ds, "F1", "T1", as_of=2020)
    assert p[["path", "via", "from", "to", "relation", "source"]].values.tolist() == [
        [1, "direct", "F1", "T1", "covers", "s:f1t1"],
        [2, "A1", "F1", "A1", "offers", "s:f1a1"],
        [2, "A1", "A1", "T1", "addresses", "s:a1t1"],
        [3, "A2", "F1", "A2", "offers", "s:f1a2"],
        [3, "A2", "A2", "T1", "addresses", "s:a2t1"],
    ]
    assert p.loc[3, "since"] == "2010"
    # as many paths as the matrix says
    assert p["path"].nunique() == pg.coverage_matrix(ds, as_of=2020).loc["F1", "T1"]
    assert pg.coverage_paths(ds, "F2", "T3", as_of=2020).empty


def test_explain_names_wrong_kinds_and_unknown_ids(ds):
    with pytest.raises(pg.UnknownIdError, match=r"unknown id 'T9'"):
        pg.coverage_paths(ds, "F1", "T9")
    with pytest.raises(pg.PartnergraphError, match=r"'A1' is an activity, not a framework"):
        pg.coverage_paths(ds, "A1", "T1")


def test_gaps_fewest_first_with_uncovered_threats(ds):
    expected = pd.DataFrame({"threat": ["T3", "T1", "T2"], "label": ["Threat three", "Threat one", "Threat two"],
                             "count": [0, 2, 2], "framework": ["", "F1;F2", "F1;F2"]})
    pdt.assert_frame_equal(pg.gaps(ds, as_of=2020), expected, check_dtype=False)


def test_gaps_ties_are_broken_by_id(ds):
    assert pg.gaps(ds, as_of=2009)[["threat", "count"]].values.tolist() == [["T2", 1], ["T3", 1], ["T1", 2]]


def test_reach_follows_leaving_and_rejoining(ds):
    r2013 = pg.reach(ds, "C2", as_of=2013)  # out of F2 (2012-2014), in F1 since 2011
    assert r2013.values.tolist() == [["T1", "Threat one", "F1", "direct;A1;A2"], ["T2", "Threat two", "F1", "A2"]]
    r2020 = pg.reach(ds, "C2", as_of=2020)
    assert r2020.values.tolist() == [["T1", "Threat one", "F1;F2", "direct;A1;A2"], ["T2", "Threat two", "F1;F2", "A2"]]
    r2005 = pg.reach(ds, "C2", as_of=2005)  # only F2, before F1 offered A2; F2 still covers T3
    assert r2005.values.tolist() == [["T1", "Threat one", "F2", "A2"], ["T2", "Threat two", "F2", "A2"],
                                     ["T3", "Threat three", "F2", "direct"]]
    assert list(r2005.columns) == ["threat", "label", "framework", "activity"]
    assert pg.reach(ds, "C1", as_of=1999).empty


def test_whatif_removing_an_activity(ds):
    w = pg.whatif(ds, "A2", as_of=2020)
    assert w.values.tolist() == [
        ["coverage", "F1", "One", "T2"], ["coverage", "F2", "Two", "T1"], ["coverage", "F2", "Two", "T2"],
        ["reach", "C1", "Country one", "T2"], ["reach", "C2", "Country two", "T2"],
    ]
    assert list(w.columns) == ["lost", "id", "label", "threat"]


def test_whatif_removing_a_framework_loses_its_members_reach(ds):
    w = pg.whatif(ds, "F1", as_of=2020)
    assert w.values.tolist() == [
        ["coverage", "F1", "One", "T1"], ["coverage", "F1", "One", "T2"],
        ["reach", "C1", "Country one", "T1"], ["reach", "C1", "Country one", "T2"],
    ]


def test_other_kind_names_with_rows_cols_via(tmp_path):
    folder = write_folder(tmp_path / "ngo", {
        "nodes.csv": "id,kind,label\np1,programme,Programme one\nm1,measure,Measure one\nh1,hazard,Floods\n"
                     "h2,hazard,Fire\nacme,company,Acme\n",
        "uses.csv": "programme,measure,source\np1,m1,x\n",
        "mitigates.csv": "measure,hazard,source\nm1,h1,y\n",
        "targets.csv": "programme,hazard,source\np1,h2,z\n",
        "enrolled.csv": "company,programme,since\nacme,p1,2019\n",
    })
    ds = pg.load(folder)
    kinds = dict(rows="programme", cols="hazard", via="measure")
    assert pg.coverage(ds, **kinds, as_of=2020).values.tolist() == [["p1", "h1", "m1", "x;y"], ["p1", "h2", "direct", "z"]]
    assert list(pg.gaps(ds, **kinds, as_of=2020).columns) == ["hazard", "label", "count", "programme"]
    assert pg.reach(ds, "acme", **kinds, as_of=2020).values.tolist() == [
        ["h1", "Floods", "p1", "m1"], ["h2", "Fire", "p1", "direct"]]
    assert pg.reach(ds, "acme", **kinds, as_of=2018).empty
    assert pg.whatif(ds, "m1", **kinds, members="company", as_of=2020).values.tolist() == [
        ["coverage", "p1", "Programme one", "h1"], ["reach", "acme", "Acme", "h1"]]
    with pytest.raises(pg.PartnergraphError, match="unknown kind 'framework'; the kinds are programme, measure, hazard, company"):
        pg.coverage(ds)
