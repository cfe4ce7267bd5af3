import datetime as dt

import networkx as nx
import numpy as np
import pandas as pd
import pandas.testing as pdt
import pytest

import partnergraph as pg
from partnergraph.asof import latest_date
from conftest import write_folder


def test_nodes_table_as_loaded(tiny):
    ds = pg.load(tiny)
    expected = pd.DataFrame({
        "id": ["FIN", "SWE", "JPN", "pfp", "pag", "cyber"],
        "kind": ["country", "country", "country", "framework", "framework", "threat"],
        "label": ["Finland", "Sweden", "Japan", "Partnership for Peace", "Partners across the globe", "Cyber defence"],
        "region": ["Europe", "Europe", "Asia", np.nan, np.nan, np.nan],
    })
    pdt.assert_frame_equal(ds.nodes, expected, check_dtype=False)


def test_edges_table_one_row_per_csv_row(tiny):
    ds = pg.load(tiny)
    assert list(ds.edges.columns) == ["relation", "u", "v", "since", "until", "status", "source", "note"]
    # files in name order: coverage.csv, then memberships.csv
    assert ds.edges["relation"].tolist() == ["coverage"] + ["memberships"] * 5
    assert ds.edges[["u", "v"]].values.tolist() == [
        ["pfp", "cyber"], ["FIN", "pfp"], ["SWE", "pfp"], ["JPN", "pag"], ["JPN", "pfp"], ["JPN", "pfp"]]
    assert ds.edges["since"].tolist()[1:] == ["1994", "1994", "2014-05-06", "2000", "2010"]
    assert ds.edges["until"].isna().tolist() == [True, False, False, True, False, True]
    assert ds.edges.loc[1, "note"] == "joined NATO"
    assert pd.isna(ds.edges.loc[2, "note"])
    pdt.assert_frame_equal(ds.relations, pd.DataFrame({
        "relation": ["coverage", "memberships"], "u_kind": ["framework", "country"],
        "v_kind": ["threat", "framework"], "file": ["coverage.csv", "memberships.csv"]}), check_dtype=False)


def test_graph_is_a_multigraph_with_one_edge_per_row(tiny):
    ds = pg.load(tiny)
    G = ds.graph
    assert isinstance(G, nx.MultiGraph)
    assert G is ds.graph  # cached
    assert G.number_of_nodes() == 6 and G.number_of_edges() == 6
    assert G.number_of_edges("JPN", "pfp") == 2
    assert G.nodes["FIN"] == {"kind": "country", "label": "Finland", "region": "Europe"}
    assert G.nodes["pfp"] == {"kind": "framework", "label": "Partnership for Peace"}
    assert G.edges["FIN", "pfp", 1] == {"relation": "memberships", "since": "1994", "until": "2023-04-04",
                                         "status": "ended", "source": "https://example.org/fin", "note": "joined NATO"}


@pytest.mark.parametrize("when, present", [
    (1993, []),
    (1994, ["FIN-pfp", "SWE-pfp"]),
    (2001, ["FIN-pfp", "SWE-pfp", "JPN-pfp"]),
    (2002, ["FIN-pfp", "SWE-pfp"]),                       # left during 2002
    ("2002-06-30", ["FIN-pfp", "SWE-pfp", "JPN-pfp"]),    # ... some time in 2002: still in mid-year
    (2014, ["FIN-pfp", "SWE-pfp", "JPN-pag", "JPN-pfp"]),
    ("2014-05-05", ["FIN-pfp", "SWE-pfp", "JPN-pfp"]),    # the day before JPN-pag began
    ("2023-04-03", ["FIN-pfp", "SWE-pfp", "JPN-pag", "JPN-pfp"]),
    ("2023-04-04", ["SWE-pfp", "JPN-pag", "JPN-pfp"]),    # until is exclusive
    (2024, ["JPN-pag", "JPN-pfp"]),
])
def test_as_of_windows(tiny, when, present):
    snap = pg.load(tiny).as_of(when)
    members = snap.edges[snap.edges["relation"] == "memberships"]
    assert sorted(members["u"] + "-" + members["v"]) == sorted(present)
    assert len(snap.nodes) == 6  # a snapshot keeps every node
    assert snap.date == pg.parse_date(when)


def test_rejoined_country_keeps_both_periods(tiny):
    ds = pg.load(tiny)
    rows = ds.edges[(ds.edges["u"] == "JPN") & (ds.edges["v"] == "pfp")]
    assert rows[["since", "until"]].fillna("").values.tolist() == [["2000", "2002"], ["2010", ""]]
    assert ds.as_of(2005).graph.number_of_edges("JPN", "pfp") == 0
    assert ds.as_of(2015).graph.number_of_edges("JPN", "pfp") == 1


def test_snapshots_are_taken_from_the_full_dataset(tiny):
    ds = pg.load(tiny)
    assert len(ds.as_of(1994).as_of(2014).edges) == len(ds.as_of(2014).edges) == 5
    assert ds.as_of(1994).full is ds


def test_latest_is_the_end_of_the_last_year_any_edge_begins_or_ends(tiny):
    latest = pg.load(tiny).latest()
    assert latest.date == dt.date(2024, 12, 31)
    assert sorted(latest.edges["u"]) == ["JPN", "JPN", "pfp"]


def test_folder_without_nodes_csv_loads_with_kinds_from_headers(make):
    folder = make(nodes__csv=None)
    ds = pg.load(folder)
    assert ds.nodes.values.tolist() == [
        ["pfp", "framework", "pfp"], ["cyber", "threat", "cyber"], ["FIN", "country", "FIN"],
        ["SWE", "country", "SWE"], ["JPN", "country", "JPN"], ["pag", "framework", "pag"]]
    assert pg.validate(folder) == []


def test_other_kind_names_load(tmp_path):
    folder = write_folder(tmp_path / "ngo", {
        "nodes.csv": "id,kind,label\nacme,company,Acme Ltd\nwidgets,programme,Widget Programme\nrisk,hazard,Supply risk\n",
        "enrolments.csv": "company,programme,since\nacme,widgets,2019\n",
        "mitigations.csv": "programme,hazard,weight\nwidgets,risk,2.5\n",
    })
    ds = pg.load(folder)
    assert ds.kinds() == ["company", "programme", "hazard"]
    # the enrolment (first row) has no weight column in its file: empty; the mitigation carries 2.5
    assert ds.edges["weight"].isna().tolist() == [True, False] and ds.edges["weight"].iloc[1] == 2.5
    assert ds.relations["u_kind"].tolist() == ["company", "programme"]
    assert pg.validate(folder) == []


def test_same_kind_on_both_ends(tmp_path):
    folder = write_folder(tmp_path / "d", {"borders.csv": "country,country\nFIN,SWE\nNOR,SWE\n"})
    ds = pg.load(folder)
    assert ds.edges[["u", "v"]].values.tolist() == [["FIN", "SWE"], ["NOR", "SWE"]]
    assert set(ds.nodes["kind"]) == {"country"}


def test_utf8_with_bom_and_crlf_and_padding(tmp_path):
    folder = write_folder(tmp_path / "d", {
        "nodes.csv": "\ufeffid,kind,label\r\nCIV,country,Côte d’Ivoire\r\nmd,framework, Mediterranean Dialogue \r\n\r\n",
        "memberships.csv": "\ufeffcountry,framework,since\r\nCIV,md, 2001 \r\n,,\r\n",
    })
    ds = pg.load(folder)
    assert ds.nodes["label"].tolist() == ["Côte d’Ivoire", "Mediterranean Dialogue"]
    assert ds.edges["since"].tolist() == ["2001"]


def test_quoted_cells_with_commas_and_newlines(tmp_path):
    folder = write_folder(tmp_path / "d", {
        "memberships.csv": 'country,framework,note\nJPN,pag,"signed, at last"\nKOR,pag,"two\nlines"\nAUS,pag,x\n',
    })
    ds = pg.load(folder)
    assert ds.edges["note"].tolist() == ["signed, at last", "two\nlines", "x"]


def test_load_raises_data_error_on_the_first_problem(make):
    folder = make(memberships__csv="country,framework,since\nFIN,pfp,1994\nSWE,pfp,20x4\nJPN,pfp,19x9\n")
    with pytest.raises(pg.DataError, match=r'memberships\.csv:3:since: expected a year, a month \(YYYY-MM\) or an ISO date, got "20x4"') as info:
        pg.load(folder)
    err = info.value
    assert (err.row, err.column) == (3, "since")
    assert err.path == str(folder / "memberships.csv")
    assert isinstance(err, ValueError) and isinstance(err, pg.PartnergraphError)


def test_bundled_dataset_loads():
    nato = pg.load()
    assert nato.name == "nato"
    assert pg.validate(pg.bundled_path()) == []
    assert {"md", "ici", "pag"} <= set(nato.nodes["id"])


def test_content_hash_depends_on_content_only(tiny, tmp_path):
    from conftest import TINY
    copy = write_folder(tmp_path / "elsewhere", TINY)
    assert pg.load(tiny).content_hash() == pg.load(copy).content_hash()
    changed = write_folder(tmp_path / "changed", {**TINY, "coverage.csv": "framework,threat\npag,cyber\n"})
    assert pg.load(changed).content_hash() != pg.load(tiny).content_hash()


def test_what_the_loader_hands_over_matches_a_fresh_computation(tmp_path):
    """The loader's checks find each edge's endpoint rows and own window once; the Dataset reuses them. They must be
    what the Dataset would compute itself, here on a folder with dates at every precision, open sides, node
    lifetimes that cut edges' windows and an edge file without dates."""
    from partnergraph.asof import effective_windows

    write_folder(tmp_path, {
        "nodes.csv": "id,kind,label,since,until\nJPN,country,Japan,,\nFIN,country,Finland,1917-12,\n"
                     "pfp,framework,PfP,1994,\nicc,framework,ICC,2004-06-28,2020\ncyber,threat,Cyber,,\n",
        "memberships.csv": "country,framework,since,until\nJPN,icc,2004-06,2010-03-31\nFIN,pfp,1994,\n"
                           "FIN,icc,,2018\nJPN,pfp,1990,\n",
        "covers.csv": "framework,threat\nicc,cyber\npfp,cyber\n",
    })
    ds = pg.load(tmp_path)
    handed = ds.endpoint_positions()
    index = pd.Index(ds.nodes["id"])
    for side, at in zip(("u", "v"), handed):
        np.testing.assert_array_equal(at, index.get_indexer(ds.edges[side]))
    fresh = effective_windows(ds.nodes, ds.edges)
    for got, want in zip(ds.windows[2:], fresh):
        np.testing.assert_array_equal(got, want)
    row = int(np.flatnonzero((ds.edges["u"] == "JPN") & (ds.edges["v"] == "icc"))[0])
    assert (str(ds.windows[2][row]), str(ds.windows[3][row])) == ("2004-06-28", "2010-03-31")
    # the default date from the dates the loader read equals the one read from the tables' text
    assert ds.default_date() == latest_date(ds.edges, ds.nodes) == dt.date(2020, 12, 31)


@pytest.mark.parametrize("until, nodes_until, latest", [
    ("2010-03-31", "", 2010), ("2031", "", 2031), ("", "2044", 2044), ("", "", 2004)])
def test_the_default_date_from_the_loaders_dates_follows_every_date(tmp_path, until, nodes_until, latest):
    write_folder(tmp_path, {"nodes.csv": f"id,kind,label,since,until\nJPN,country,Japan,,\n"
                                         f"icc,framework,ICC,1999,{nodes_until}\n",
                            "memberships.csv": f"country,framework,since,until\nJPN,icc,2004-06,{until}\n"})
    ds = pg.load(tmp_path)
    assert ds.default_date() == dt.date(latest, 12, 31) == latest_date(ds.edges, ds.nodes)


def test_inactive_ties_are_found_whatever_the_spelling_of_their_status(tmp_path):
    write_folder(tmp_path, {
        "memberships.csv": "country,framework,status\nJPN,icc,active\nFIN,icc,Suspended\nSWE,icc,\n"
                           "NOR,icc,paused\nDNK,icc,SUSPENDED\nISL,icc,active\n",
        "datapackage.json": '{"partnergraph": {"inactive_statuses": ["Paused"]}}'})
    ds = pg.load(tmp_path)
    assert ds.edges.loc[ds.inactive(), "u"].tolist() == ["FIN", "NOR", "DNK"]
    declared_active = write_folder(tmp_path / "odd", {
        "memberships.csv": "country,framework,status\nJPN,icc,active\nFIN,icc,suspended\n",
        "datapackage.json": '{"partnergraph": {"inactive_statuses": ["active"]}}'})
    assert pg.load(declared_active).inactive().tolist() == [True, True]
