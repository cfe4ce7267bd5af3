"""The time model: node lifetimes, the one rule for edges, status, declared coverage, the default date.

The hand-made dataset TIMED, worked out by hand:

    f1 (framework) lives 1990-;  f2 lives from 1 January 2000 to the end of 2010 (until 2010).
    A in f1 from 1990, active.
    B in f1 1992-2005 active, then from 2005 suspended (back to back: one membership).
    A in f2, undated: bounded by f2's lifetime, so 2000-2010.
    B in f2 1998-2015: it outlives f2 on both sides; active only 2000-2010 (and validate warns twice).
    f1 offers x from 1995; f2 offers x (undated); x addresses t1 (undated); f2 covers t2 directly.
    datapackage.json: title "Timed test", coverage 1990 to 2012, so the default date is 2012-12-31.
"""
import datetime as dt
import json
import warnings

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import partnergraph as pg
from partnergraph.asof import within
from partnergraph.cli import cli
from conftest import write_folder

TIMED = {
    "nodes.csv": (
        "id,kind,label,since,until\n"
        "A,country,Aland,,\n"
        "B,country,Borduria,,\n"
        "f1,framework,Forum One,1990,\n"
        "f2,framework,Forum Two,2000,2010\n"
        "x,activity,Exercises,,\n"
        "t1,threat,Piracy,,\n"
        "t2,threat,Cyber,,\n"
    ),
    "memberships.csv": (
        "country,framework,since,until,status\n"
        "A,f1,1990,,active\n"
        "B,f1,1992,2005,active\n"
        "B,f1,2005,,suspended\n"
        "A,f2,,,\n"
        "B,f2,1998,2015,active\n"
    ),
    "offers.csv": "framework,activity,since\nf1,x,1995\nf2,x,\n",
    "addresses.csv": "activity,threat\nx,t1\n",
    "covers.csv": "framework,threat\nf2,t2\n",
    "datapackage.json": json.dumps({"title": "Timed test", "partnergraph": {"coverage": {"start": 1990, "end": 2012}}}),
}


@pytest.fixture
def timed(tmp_path):
    return write_folder(tmp_path / "timed", TIMED)


@pytest.fixture
def ds(timed):
    return pg.load(timed)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


#: The line every command prints for TIMED, whose B,f2 row is dated outside f2's lifetime (on purpose).
TIMED_WARNING = ("Warning: 2 likely mistakes in {path} (partnergraph validate lists them), the first: "
                 "{path}/memberships.csv:6:since: starts (1998) before f2 begins (2000)")


def notes(result, ds):
    """stderr without the line about TIMED's own (intended) warnings."""
    line = TIMED_WARNING.format(path=ds.path)
    assert line in result.stderr.splitlines()
    return "".join(s + "\n" for s in result.stderr.splitlines() if s != line)


# ---- the one rule ----------------------------------------------------------------------

def test_a_node_lives_in_its_window_and_its_edges_with_it(ds):
    assert "f2" not in set(ds.as_of(1999).nodes["id"])
    assert "f2" in set(ds.as_of(2000).nodes["id"]) and "f2" in set(ds.as_of("2010-12-30").nodes["id"])
    assert "f2" not in set(ds.as_of(2010).nodes["id"])
    for year, expected in ((1999, []), (2000, ["A", "B"]), (2009, ["A", "B"]), (2010, []), (2013, [])):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pg.CoverageWarning)
            snap = ds.as_of(year)
        e = snap.edges
        assert sorted(e.loc[(e["relation"] == "memberships") & (e["v"] == "f2"), "u"]) == expected, year
        assert set(e["u"]) | set(e["v"]) <= set(snap.nodes["id"])  # no edge without both endpoints


def test_an_edge_that_outlives_its_endpoint_is_cut_to_the_lifetime(ds):
    _, _, start, end = ds.windows
    row = ds.edges.index[(ds.edges["u"] == "B") & (ds.edges["v"] == "f2")][0]
    assert (str(start[row]), str(end[row])) == ("2000-01-01", "2010-12-31")
    undated = ds.edges.index[(ds.edges["u"] == "A") & (ds.edges["v"] == "f2")][0]
    assert (str(start[undated]), str(end[undated])) == ("2000-01-01", "2010-12-31")


def test_validate_warns_about_the_edge_outside_the_lifetime(timed):
    problems = pg.validate(timed)
    assert [(p.row, p.column, p.severity, p.message) for p in problems] == [
        (6, "since", "warning", "starts (1998) before f2 begins (2000)"),
        (6, "until", "warning", "ends (2015) after f2 ended (2010)"),
    ]
    result = run("validate", "--data", timed)
    m = timed / "memberships.csv"
    assert result.exit_code == 0  # warnings alone
    assert result.stdout.splitlines() == [f"{m}:6:since: warning: starts (1998) before f2 begins (2000)",
                                          f"{m}:6:until: warning: ends (2015) after f2 ended (2010)"]
    assert result.stderr == f"ok: {timed}: 7 nodes, 9 edges in 4 relations, 2 warnings\n"


def test_dates_are_compared_at_the_precision_written(make):
    folder = make(**{
        "nodes__csv": "id,kind,label,since,until\nP,framework,P,1994-01-10,1997-05\nJ,country,J,,\n",
        "memberships__csv": "country,framework,since,until\nJ,P,1994,1997\nJ,P,1993,\nJ,P,1997-06,\n",
        "coverage__csv": None,
    })
    # 1994 may be the 10th of January or later; 1997 may end in May: only the clear clashes are reported
    assert [(p.row, p.message) for p in pg.validate(folder)] == [
        (3, "starts (1993) before P begins (1994-01-10)"),
        (4, "starts (1997-06) after P ended (1997-05)"),
    ]


def test_an_undated_row_among_dated_ones_with_nothing_to_bound_it_is_a_warning(make):
    folder = make(**{"borders.csv": "country,country,since\nFIN,SWE,1995\nSWE,JPN,\n"})
    assert [str(p).split("/")[-1] for p in pg.validate(folder)] == [
        "borders.csv:3:since: warning: undated, unlike other rows here, and neither endpoint has a lifetime: "
        "counts at every date"]
    assert pg.load(folder).edges["relation"].tolist().count("borders") == 2  # a warning does not stop loading


def test_node_dates_are_checked_like_edge_dates(make):
    folder = make(nodes__csv="id,kind,label,since,until\nFIN,country,Finland,19x5,\nSWE,country,Sweden,2000,1990\n"
                             "JPN,country,Japan,,\npfp,framework,PfP,,\npag,framework,Pag,,\ncyber,threat,Cyber,,\n")
    assert [(p.row, p.column, p.message) for p in pg.validate(folder)] == [
        (2, "since", 'expected a year, a month (YYYY-MM) or an ISO date, got "19x5"; write it year first, for example 1994, 1994-05 or 1994-05-09'),
        (3, "until", "until 1990 is not after since 2000"),
    ]
    with pytest.raises(pg.DataError, match=r"nodes\.csv:2:since"):
        pg.load(folder)


def test_months_are_dates_too():
    assert pg.parse_date("2010-02") == dt.date(2010, 2, 28)
    assert pg.parse_date("2012-02") == dt.date(2012, 2, 29)
    with pytest.raises(pg.DateError):
        pg.parse_date("2010-13")


# ---- status ----------------------------------------------------------------------------

def test_members_list_a_suspended_tie_with_its_status(ds):
    m = pg.members(ds, "f1", as_of=2008)
    # on a date, since/until are the membership's: B has been in f1 since 1992, suspended since 2005
    assert m[["id", "since", "until", "status"]].fillna("").values.tolist() == [
        ["A", "1990", "", "active"], ["B", "1992", "", "suspended"]]
    assert pg.members(ds, "f1", as_of=2003)[["id", "since", "until", "status"]].fillna("").values.tolist() == [
        ["A", "1990", "", "active"], ["B", "1992", "", "active"]]
    h = pg.members(ds, "f1", history=True)
    assert h[["id", "since", "until", "status"]].fillna("").values.tolist() == [
        ["A", "1990", "", "active"], ["B", "1992", "2005", "active"], ["B", "2005", "", "suspended"]]
    result = run("members", "f1", "--data", ds.path, "--as-of", 2008)
    assert result.exit_code == 0 and result.stdout.splitlines() == [
        "id  label     kind     since  until  status",
        "A   Aland     country  1990          active",
        "B   Borduria  country  1992          suspended",
    ]


def test_a_suspended_tie_counts_for_nothing_unless_asked(ds):
    # 2012: f2 is gone and B's only tie is its suspended membership of f1
    assert pg.reach(ds, "B", as_of=2012).empty
    assert pg.reach(ds, "B", as_of=2012, include_suspended=True)[["threat", "framework", "activity"]].values.tolist() == [
        ["t1", "f1", "x"]]
    assert pg.reach(ds, "A", as_of=2012)[["threat", "framework"]].values.tolist() == [["t1", "f1"]]
    # centrality on the 6 nodes alive in 2012: B is isolated unless the suspended tie counts
    c = pg.centrality(ds, "degree", as_of=2012).set_index("id")["degree"]
    assert sorted(c.index) == ["A", "B", "f1", "t1", "t2", "x"]
    assert (c["B"], c["f1"]) == (0.0, pytest.approx(2 / 5))
    c = pg.centrality(ds, "degree", as_of=2012, include_suspended=True).set_index("id")["degree"]
    assert (c["B"], c["f1"]) == (pytest.approx(1 / 5), pytest.approx(3 / 5))
    # coverage with countries as the rows: B reaches activity x only through its suspended tie to f1
    kinds = dict(rows="country", cols="activity", via="framework")
    cov = pg.coverage(ds, **kinds, as_of=2012)
    assert cov[["country", "activity", "via"]].values.tolist() == [["A", "x", "f1"]]
    cov = pg.coverage(ds, **kinds, as_of=2012, include_suspended=True)
    assert cov[["country", "activity", "via"]].values.tolist() == [["A", "x", "f1"], ["B", "x", "f1"]]
    assert pg.gaps(ds, **kinds, as_of=2012)[["activity", "count", "country"]].values.tolist() == [["x", 1, "A"]]
    assert pg.coverage_matrix(ds, **kinds, as_of=2012).loc["B", "x"] == 0
    p = pg.projection(ds, "country", as_of=2012, include_suspended=True)
    assert p["A"]["B"]["weight"] == 1 and not pg.projection(ds, "country", as_of=2012).has_edge("A", "B")
    projected = lambda **kw: pg.centrality(ds, "degree", project="country", as_of=2012, **kw)["degree"].tolist()
    assert projected() == [0.0, 0.0] and projected(include_suspended=True) == [1.0, 1.0]
    with pytest.raises(pg.PartnergraphError, match="no path between 'B' and 't1' as of 2012-12-31"):
        pg.path(ds, "B", "t1", as_of=2012)
    assert pg.path(ds, "B", "t1", as_of=2012, include_suspended=True)["id"].tolist() == ["B", "f1", "x", "t1"]
    assert pg.ego(ds, "B", as_of=2012)["id"].tolist() == ["B"]
    assert "B" not in set(pg.communities(ds, as_of=2012)["id"])
    assert "B" in set(pg.communities(ds, as_of=2012, include_suspended=True)["id"])


@pytest.mark.slow
def test_the_cli_leaves_suspended_ties_out_unless_asked(ds):
    out = run("reach", "B", "--data", ds.path, "--as-of", 2012)
    assert (out.exit_code, out.stdout) == (0, "  (none)\n")
    assert notes(out, ds) == "note: B's ties as of 2012-12-31 are suspended; --include-suspended counts them\n"
    out = run("reach", "B", "--data", ds.path, "--as-of", 2012, "--include-suspended", "--format", "csv")
    assert out.stdout == "threat,label,framework,activity\nt1,Piracy,f1,x\n"
    kinds = ["--rows", "country", "--cols", "activity", "--via", "framework"]
    out = run("coverage", *kinds, "--data", ds.path, "--as-of", 2012, "--format", "csv")
    assert out.stdout.splitlines()[1:] == ["A,x,f1,"]
    out = run("coverage", *kinds, "--data", ds.path, "--as-of", 2012, "--format", "csv", "--include-suspended")
    assert out.stdout.splitlines()[1:] == ["A,x,f1,", "B,x,f1,"]
    out = run("centrality", "--kind", "country", "--data", ds.path, "--as-of", 2012, "--format", "csv")
    assert out.stdout.splitlines()[1:] == ["A,Aland,country,0.2", "B,Borduria,country,0.0"]  # 1 of 5 others; B alone
    out = run("whatif", "--remove", "f1", "--data", ds.path, "--as-of", 2012, "--format", "csv")
    assert out.stdout.splitlines() == ["lost,id,label,threat", "coverage,f1,Forum One,t1", "reach,A,Aland,t1"]
    out = run("whatif", "--remove", "f1", "--data", ds.path, "--as-of", 2012, "--format", "csv", "--include-suspended")
    assert out.stdout.splitlines()[-1] == "reach,B,Borduria,t1"


def test_a_dataset_can_declare_more_inactive_statuses(make):
    folder = make(**{"datapackage.json": json.dumps({"partnergraph": {"inactive_statuses": ["Frozen"]}}),
                     "memberships__csv": "country,framework,since,status\nFIN,pfp,1994,frozen\nSWE,pfp,1994,active\n"})
    ds = pg.load(folder)
    assert ds.inactive_statuses == {"suspended", "frozen"}
    assert pg.members(ds, "pfp", as_of=2000)["status"].tolist() == ["frozen", "active"]
    assert pg.reach(ds, "FIN", as_of=2000).empty and not pg.reach(ds, "SWE", as_of=2000).empty


# ---- coverage and coverage over time ------------------------------------------------------

def test_the_cli_follows_lifetimes(ds):
    out = run("members", "f2", "--data", ds.path, "--as-of", 1999)
    assert (out.exit_code, out.stdout) == (0, "  (none)\n")  # f2 does not exist yet, and the note says so
    assert notes(out, ds) == "note: f2 does not exist as of 1999-12-31; its lifetime is 2000 to 2010\n"
    out = run("members", "f2", "--data", ds.path, "--as-of", "2005-06", "--format", "csv")
    assert out.stdout.splitlines() == ["id,label,kind,since,until,status", "A,Aland,country,,,", "B,Borduria,country,1998,2015,active"]
    out = run("coverage", "--data", ds.path, "--as-of", 2012, "--format", "csv")
    assert [line.split(",")[:3] for line in out.stdout.splitlines()[1:]] == [["f1", "t1", "x"]]
    out = run("coverage", "--matrix", "--data", ds.path, "--as-of", 1999, "--format", "csv")
    assert out.stdout.splitlines() == ["framework,t1,t2", "f1,1,0"]  # f2 is not a row before 2000
    out = run("diff", "2005", "2011", "--data", ds.path, "--format", "csv")
    assert out.stdout.splitlines()[1] == "removed,nodes,f2,,2000,2010,"


def test_coverage_follows_lifetimes(ds):
    cov = lambda when: pg.coverage(ds, as_of=when)[["framework", "threat", "via"]].values.tolist()
    assert cov(1993) == []  # f1 offers x from 1995
    assert cov(1999) == [["f1", "t1", "x"]]
    assert cov(2005) == [["f1", "t1", "x"], ["f2", "t1", "x"], ["f2", "t2", "direct"]]
    assert cov(2012) == [["f1", "t1", "x"]]
    assert pg.coverage_matrix(ds, as_of=1999).index.tolist() == ["f1"]  # f2 is not yet a row
    g = pg.gaps(ds, as_of=2005)
    assert g[["threat", "count", "framework"]].values.tolist() == [["t2", 1, "f2"], ["t1", 2, "f1;f2"]]


def test_timeline_sees_lifetimes_and_status_changes(ds):
    t = pg.timeline(ds, framework="f2").set_index("year")
    assert t.index.tolist() == list(range(2000, 2013))  # from f2's start to the default date, 2012
    assert t.loc[2000].tolist() == [2, 0, 2, 0]  # both memberships begin with f2, whatever B's row says
    assert t.loc[2010].tolist() == [0, 2, 0, 0]  # and end with it
    assert t[["joined", "left"]].sum().tolist() == [2, 2]
    t = pg.timeline(ds, framework="f1", as_of=2006).set_index("year")
    assert t.loc[2005].tolist() == [0, 0, 2, 1]  # B is suspended, not gone: no one left
    assert t["left"].sum() == 0


def test_diff_lists_nodes_that_begin_and_end(ds):
    d = pg.diff(ds, 1999, 2005).fillna("")
    assert d[["change", "relation", "u", "v", "status"]].values.tolist() == [
        ["added", "nodes", "f2", "", ""],
        ["added", "covers", "f2", "t2", ""],
        ["added", "memberships", "A", "f2", ""],
        ["added", "memberships", "B", "f1", "suspended"],
        ["added", "memberships", "B", "f2", "active"],
        ["added", "offers", "f2", "x", ""],
        ["removed", "memberships", "B", "f1", "active"],
    ]
    d = pg.diff(ds, 2005, 2011).fillna("")
    assert d[["change", "relation", "u", "v"]].values.tolist() == [
        ["removed", "nodes", "f2", ""], ["removed", "covers", "f2", "t2"], ["removed", "memberships", "A", "f2"],
        ["removed", "memberships", "B", "f2"], ["removed", "offers", "f2", "x"]]


# ---- declared coverage and the default date ---------------------------------------------

def test_the_default_date_is_the_end_of_the_declared_coverage(ds):
    assert ds.title == "Timed test"
    assert ds.default_date() == dt.date(2012, 12, 31)
    assert pg.members(ds, "f2").empty  # as of 2012-12-31: f2 ended in 2010
    assert pg.info(ds)["as_of"] == "2012-12-31"


def test_asking_outside_the_coverage_answers_with_a_warning(ds):
    with pytest.warns(pg.CoverageWarning, match=r"^the data covers 1990 to 2012; as of 2024-12-31 is outside it$"):
        members = pg.members(ds, "f1", as_of=2024)
    assert members["id"].tolist() == ["A", "B"]  # it still answers
    with pytest.warns(pg.CoverageWarning, match="as of 1980-12-31 is outside it"):
        pg.coverage(ds, as_of=1980)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pg.members(ds, "f1", as_of=2012)  # inside: no warning
        pg.members(ds, "f1")


def test_the_cli_prints_one_warning_line(ds):
    result = run("gaps", "--data", ds.path, "--as-of", 2024, "--format", "csv")
    assert result.exit_code == 0
    assert notes(result, ds) == "Warning: the data covers 1990 to 2012; as of 2024-12-31 is outside it\n"
    assert result.stdout.splitlines()[0] == "threat,label,count,framework"
    result = run("diff", "1980", "2024", "--data", ds.path)
    assert notes(result, ds).splitlines() == ["Warning: the data covers 1990 to 2012; as of 1980-12-31 is outside it",
                                          "Warning: the data covers 1990 to 2012; as of 2024-12-31 is outside it"]


def test_without_a_declared_coverage_the_default_is_the_last_year_the_data_names(tiny):
    ds = pg.load(tiny)
    assert ds.coverage is None and ds.default_date() == dt.date(2024, 12, 31)
    result = run("info", "--data", tiny)
    assert "as of     2024-12-31  (the default date)" in result.stdout
    assert "coverage  not declared" in result.stdout


@pytest.mark.slow
def test_undated_data_says_undated(make):
    folder = make(memberships__csv="country,framework\nFIN,pfp\nSWE,pfp\n", coverage__csv=None)
    ds = pg.load(folder)
    assert ds.default_date() is None
    assert pg.members(ds, "pfp")["id"].tolist() == ["FIN", "SWE"]
    result = run("info", "--data", folder)
    assert "as of     undated" in result.stdout and "None" not in result.stdout
    out = folder.parent / "m.html"
    result = run("map", "--data", folder, "-o", out)
    assert result.exit_code == 0 and "undated" in result.stderr and "None" not in result.stderr
    result = run("export", "--data", folder, "--format", "png", "-o", folder.parent / "m.png")
    assert result.exit_code == 0 and "undated" in result.stderr and "None" not in result.stderr


def test_every_help_text_states_the_same_date_rule():
    from partnergraph.asof import DEFAULT_DATE_RULE
    for name in sorted(set(cli.commands) - {"validate", "diff", "import"}):  # the three that ask no "as of" question
        text = " ".join(run(name, "--help").stdout.split())
        assert " ".join(DEFAULT_DATE_RULE.split()) in text, name
        assert "today" not in text, name


@pytest.mark.parametrize("descriptor, expected", [
    ("{", "datapackage.json:1: not valid JSON: expecting property name enclosed in double quotes (column 2)"),
    ("[1]", "datapackage.json: expected a JSON object, found a list"),
    ('{"partnergraph": {"coverage": {"start": "19x0", "end": 2016}}}',
     'datapackage.json:partnergraph.coverage.start: expected a year, a month (YYYY-MM) or an ISO date, got "19x0"'),
    ('{"partnergraph": {"coverage": {"start": 2016, "end": 1815}}}',
     "datapackage.json:partnergraph.coverage.end: end 1815 is before start 2016"),
    ('{"partnergraph": {"inactive_statuses": "suspended"}}',
     "datapackage.json:partnergraph.inactive_statuses: expected a list of status values (text)"),
    ('{"title": 3}', "datapackage.json:title: expected text, found a number"),
])
def test_a_bad_descriptor_is_a_one_line_error(make, descriptor, expected):
    folder = make(**{"datapackage.json": descriptor})
    assert [str(p).replace(str(folder) + "/", "") for p in pg.validate(folder)] == [expected]
    result = run("members", "pfp", "--data", folder)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == f"Error: {folder}/{expected}\n"


# ---- the bundled data, year by year -------------------------------------------------------

@pytest.fixture(scope="module")
def nato():
    return pg.load()


def alive_frameworks(nato, year):
    """Frameworks alive at the end of ``year``, read from nodes.csv by hand (not through the library)."""
    import calendar
    t = f"{year}-12-31"

    def first_day(since):  # since 1994 -> 1994-01-01, since 1994-12 -> 1994-12-01
        return {4: since + "-01-01", 7: since + "-01"}.get(len(since), since)

    def end_day(until):  # until 2010 -> gone by 2010-12-31, until 2010-02 -> gone by 2010-02-28
        if len(until) == 7:
            return f"{until}-{calendar.monthrange(int(until[:4]), int(until[5:]))[1]:02d}"
        return {4: until + "-12-31"}.get(len(until), until)

    out = set()
    for r in nato.nodes[nato.nodes["kind"] == "framework"].itertuples():
        since = "" if pd.isna(r.since) else first_day(r.since)
        until = "" if pd.isna(r.until) else end_day(r.until)
        if (not since or since <= t) and (not until or t < until):
            out.add(r.id)
    return out


YEARS = list(range(1990, 2026))


@pytest.mark.slow
@pytest.mark.parametrize("year", YEARS)
def test_no_framework_appears_outside_its_lifetime(nato, year):
    from partnergraph.coverage_queries import reach_pairs
    from partnergraph.export import network_map, static_map
    alive = alive_frameworks(nato, year)
    frameworks = set(nato.nodes.loc[nato.nodes["kind"] == "framework", "id"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pg.CoverageWarning)  # 1990 is before the declared coverage
        cov = pg.coverage(nato, as_of=year, include_suspended=True)
        assert set(cov["framework"]) <= alive
        assert set(pg.coverage_matrix(nato, as_of=year).index) == alive
        gaps = pg.gaps(nato, as_of=year, include_suspended=True)
        assert {f for cell in gaps["framework"] for f in cell.split(";") if f} <= alive
        assert set(reach_pairs(nato, as_of=year, include_suspended=True)["row"]) <= alive
        assert set(pg.reach(nato, "UKR", as_of=year)["framework"].str.split(";").explode().dropna()) <= alive
        snap_frameworks = set(nato.as_of(year).nodes["id"]) & frameworks
        assert snap_frameworks == alive
        picture = static_map(nato, as_of=year)
    assert set(picture.meta["node_ids"]) & frameworks == alive
    # the map's data, read as the page's script reads it at this year of the slider
    data = map_data(nato)
    t = f"{year}-12-31"
    shown = {n["id"] for n in data["nodes"] if shows(n, t)}
    assert shown & frameworks == alive
    for e in data["edges"]:
        if shows(e, t):
            assert e["from"] in shown and e["to"] in shown, (e["from"], e["to"], year)


_MAP = {}


def map_data(nato):
    if "data" not in _MAP:
        from partnergraph.export import network_map
        page = network_map(nato).html()
        start = page.index('<script type="application/json" id="pg-data">') + len('<script type="application/json" id="pg-data">')
        _MAP["data"] = json.loads(page[start:page.index("</script>", start)])
    return _MAP["data"]


def shows(item, t):
    """map.js's within(): start <= t < end, an absent side open."""
    return (not item.get("start") or item["start"] <= t) and (not item.get("end") or t < item["end"])


def test_the_map_data_holds_each_edge_in_its_active_window(nato):
    data = map_data(nato)
    _, _, start, end = nato.windows
    for e in data["edges"]:
        i = e["id"]
        assert e.get("start") == (None if np.isnat(start[i]) else str(start[i]))
        assert e.get("end") == (None if np.isnat(end[i]) else str(end[i]))
    inactive = {e["id"] for e in data["edges"] if e.get("inactive")}
    assert inactive == set(np.flatnonzero(nato.inactive()).tolist())
    assert data["inactive"]["count"] == len(inactive) > 0
    for e in data["edges"]:
        if e["id"] in inactive:
            assert (e["color"]["color"], e["dashes"]) == ("#9aa3ad", [2, 6])


@pytest.mark.slow
def test_the_map_and_pictures_open_at_the_default_date(nato):
    from partnergraph.export import network_map, static_map
    assert network_map(nato).meta["as_of"] == "2026-11-30"
    assert static_map(nato).meta["as_of"] == "2026-11-30"
    assert network_map(nato).meta["title"] == "NATO's partnerships with non-member countries"


# ---- help texts are true: no --as-of answers as of the date the help names ------------------------------------

BUNDLED_ARGS = {"centrality": [], "communities": [], "coverage": [], "ego": ["JPN"], "frameworks": ["JPN"],
                "gaps": [], "info": [], "members": ["pfp"], "pairs": ["--via", "framework"], "path": ["JPN", "cyber"],
                "reach": ["JPN"], "similarity": ["GEO", "UKR"], "roles": [],
                "timeline": [], "whatif": ["--remove", "md"], "map": ["-o", "{out}.html"],
                "export": ["--format", "svg", "-o", "{out}.svg"]}
HANDMADE = {"nodes.csv": "id,kind,label,since,until\nFIN,nation,Finland,,\nSWE,nation,Sweden,,\nRUS,nation,Russia,,\n"
                         "pact,treaty,A pact,1994,\nwar,danger,War,,\ndrill,tool,Drills,,\n",
            "memberships.csv": "nation,treaty,since,until,status\nFIN,pact,1994,,\nSWE,pact,1995,,\n"
                               "RUS,pact,1994,2014-03,\nRUS,pact,2014-03,,suspended\n",
            "covers.csv": "treaty,danger,since\npact,war,2016\n",
            "offers.csv": "treaty,tool,since\npact,drill,2010\n", "addresses.csv": "tool,danger\ndrill,war\n"}
KINDS = ["--rows", "treaty", "--cols", "danger", "--via", "tool"]
HANDMADE_ARGS = {"centrality": [], "communities": [], "coverage": KINDS, "ego": ["FIN"],
                 "frameworks": ["RUS", "--kind", "treaty"], "gaps": KINDS, "info": [],
                 "members": ["pact", "--kind", "nation"], "pairs": ["--kind", "nation", "--via", "treaty"],
                 "path": ["FIN", "war"], "reach": ["RUS", *KINDS],
                 "similarity": ["--kind", "nation", "--via", "treaty"],
                 "roles": ["--kind", "nation", "--via", "treaty", "--groups", "2"],
                 "timeline": ["--kind", "nation", "--framework-kind", "treaty"],
                 "whatif": ["--remove", "pact", *KINDS, "--members", "nation"], "map": ["-o", "{out}.html"],
                 "export": ["--format", "svg", "-o", "{out}.svg"]}


def test_every_command_with_as_of_is_covered_here():
    with_as_of = {name for name, command in cli.commands.items() if any(p.name == "as_of" for p in command.params)}
    assert with_as_of == set(BUNDLED_ARGS) == set(HANDMADE_ARGS)


@pytest.mark.slow
@pytest.mark.parametrize("dataset, named_date", [("bundled", "2026-11-30"), ("handmade", "2016")])
@pytest.mark.parametrize("name", sorted(BUNDLED_ARGS))
def test_no_as_of_answers_as_of_the_date_the_help_names(tmp_path, dataset, named_date, name):
    """The help says: the declared coverage's end (the bundled data: 2026-11-30), else the end of the last year named
    in the data (the hand-made folder names 2016 last, so 2016-12-31, written here as "2016")."""
    data = [] if dataset == "bundled" else ["--data", str(write_folder(tmp_path / "data", HANDMADE))]
    args = BUNDLED_ARGS[name] if dataset == "bundled" else HANDMADE_ARGS[name]
    outputs = []
    for label, when in (("default", []), ("named", ["--as-of", named_date])):
        result = run(name, *(a.format(out=tmp_path / label) for a in args), *data, *when)
        assert result.exit_code == 0, result.output
        written = sorted(p for p in tmp_path.iterdir() if p.is_file() and p.stem == label)
        text = result.stdout.replace("  (the default date)", "") if name == "info" else result.stdout
        outputs.append((text, [p.read_bytes() for p in written]))
        if written:
            assert written[0].stat().st_size > 0
    (text_a, files_a), (text_b, files_b) = outputs
    assert text_a == text_b and files_a == files_b
    assert text_a.strip() or files_a  # something was answered


@pytest.mark.parametrize("missing", [pd.NaT, np.datetime64("NaT")], ids=["pd.NaT", "np.NaT"])
def test_a_missing_date_is_refused_not_read_as_a_date(missing):
    """pd.NaT passes isinstance(..., datetime): it once came back as a 'date' and reached the snapshot."""
    from partnergraph.asof import first_day

    with pytest.raises(pg.DateError, match="a missing date"):
        pg.parse_date(missing)
    with pytest.raises(pg.DateError, match="a missing date"):
        first_day(missing)
    with pytest.raises(pg.DateError):
        pg.load().as_of(missing)
