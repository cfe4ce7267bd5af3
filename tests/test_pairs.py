"""pairs and Dataset.during: who shares the most with whom, at a date or over a range of dates."""
import itertools
import warnings

import pandas as pd
import pytest
from click.testing import CliRunner

import partnergraph as pg
from partnergraph.cli import cli
from conftest import write_folder

#: Exercises, as the MME import writes them: exercise nodes dated by their lifetime, participates links dated alike.
#: e1 runs over the new year 1999/2000; e2 ends the day 2000 begins (its until is the day after its last day, so
#: it is not in the 2000s); e3 is in 2005, e4 in 2012. State X ends in 2003; Y's tie to e3 is suspended.
EXERCISE_FILES = {
    "nodes.csv": "id,kind,label,since,until\n"
                 "A,country,Aland,,\nB,country,Bland,,\nC,country,Cland,,\nX,country,Xland,,2003\nY,country,Yland,,\n"
                 "e1,exercise,Snow,1999-12-20,2000-01-06\ne2,exercise,Ice,1999-12-01,2000-01-01\n"
                 "e3,exercise,Sand,2005-03-01,2005-03-10\ne4,exercise,Wave,2012-06-01,2012-06-10\n"
                 "sea,domain,Sea,,\n",
    "participates.csv": "country,exercise,since,until,status\n"
                        "A,e1,1999-12-20,2000-01-06,\nB,e1,1999-12-20,2000-01-06,\nX,e1,1999-12-20,2000-01-06,\n"
                        "A,e2,1999-12-01,2000-01-01,\nC,e2,1999-12-01,2000-01-01,\n"
                        "A,e3,2005-03-01,2005-03-10,\nB,e3,2005-03-01,2005-03-10,\nX,e3,2005-03-01,2005-03-10,\n"
                        "Y,e3,2005-03-01,2005-03-10,suspended\n"
                        "A,e4,2012-06-01,2012-06-10,\nC,e4,2012-06-01,2012-06-10,\n",
    "domains.csv": "exercise,domain\ne1,sea\ne3,sea\n",
    "datapackage.json": '{"name": "ex", "partnergraph": {"coverage": {"start": 1990, "end": 2015}}}',
}


@pytest.fixture
def exercises(tmp_path):
    return write_folder(tmp_path / "ex", EXERCISE_FILES)


def counts(frame):
    return {(a, b): n for a, b, n in frame[["a", "b", "shared"]].values.tolist()}


def test_pairs_over_a_range_count_what_both_did_at_some_time_in_it(exercises):
    ds = pg.load(exercises)
    # the 2000s: e1 (ran into 2000) and e3; not e2 (over the day 2000 began), not e4 (2012). X ended in 2003, after
    # e1 and before e3; Y's tie is suspended
    got = pg.pairs(ds, "country", via="exercise", between=(2000, 2009))
    assert got[["a", "a_label", "b", "b_label", "shared"]].values.tolist() == [
        ["A", "Aland", "B", "Bland", 2], ["A", "Aland", "X", "Xland", 1], ["B", "Bland", "X", "Xland", 1]]
    assert counts(pg.pairs(ds, "country", via="exercise", between=(2000, 2009), include_suspended=True)) == {
        ("A", "B"): 2, ("A", "X"): 1, ("B", "X"): 1, ("A", "Y"): 1, ("B", "Y"): 1}
    # open ends, and a range of one day
    assert counts(pg.pairs(ds, "country", via="exercise", between=(None, "1999-12"))) == {
        ("A", "B"): 1, ("A", "C"): 1, ("A", "X"): 1, ("B", "X"): 1}
    assert counts(pg.pairs(ds, "country", via="exercise", between=(2010, None))) == {("A", "C"): 1}
    assert counts(pg.pairs(ds, "country", via="exercise", between=("2005-03-09", "2005-03-09"))) == {
        ("A", "B"): 1}  # X had ended by then
    # via: only exercises are shared; every other kind (the domains) would count the same here, as countries link
    # only to exercises
    assert counts(pg.pairs(ds, "exercise", via="domain", between=(1990, 2015))) == {("e1", "e3"): 1}


def test_pairs_at_a_date_are_the_projections_weights(exercises):
    nato = pg.load()
    for when in (1997, 2010, 2024):
        got = counts(pg.pairs(nato, "country", as_of=when))
        P = pg.projection(nato, "country", as_of=when)
        assert got == {tuple(sorted((a, b))): w for a, b, w in P.edges(data="weight")}
    top = pg.pairs(nato, "country", via="framework", as_of=2024, top=3)
    assert top["shared"].tolist() == sorted(top["shared"], reverse=True) and top.attrs["pairs"] > 3
    # Georgia and Ukraine in 2024: Partnership for Peace, the EAPC, Enhanced Opportunities, Annual National Programmes
    assert counts(pg.pairs(nato, "country", via="framework", as_of=2024))[("GEO", "UKR")] == 4
    ds = pg.load(exercises)
    assert counts(pg.pairs(ds, "country", as_of="2005-03-05")) == {("A", "B"): 1}


def test_during_keeps_what_overlaps_the_range_and_warns_outside_the_coverage(exercises):
    ds = pg.load(exercises)
    span = ds.during(2000, 2009)
    assert sorted(span.nodes["id"]) == ["A", "B", "C", "X", "Y", "e1", "e3", "sea"]
    assert repr(span) == "<Dataset ex from 2000-01-01 to 2009-12-31: 8 nodes, 8 edges>"
    assert span.snapshot() is span  # queries on it answer over the range
    assert sorted(pg.members(span, "e3", kind="country")["id"]) == ["A", "B", "X", "Y"]
    with pytest.warns(pg.CoverageWarning, match="the data covers 1990 to 2015; as of 1980-01-01 is outside it"):
        ds.during(1980, 2000)
    with pytest.raises(pg.DateError, match=r"the range ends \(1999-12-31\) before it begins \(2000-01-01\)"):
        ds.during(2000, 1999)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        every = ds.during()  # every date: all but X's tie to e3, which lies after X ended and so holds on no day
    assert len(every.edges) == len(ds.edges) - 1 and repr(every) == "<Dataset ex every date: 10 nodes, 12 edges>"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_pairs_command_prints_the_api_answer_and_refuses_two_kinds_of_date(exercises):
    result = run("pairs", "--data", exercises, "--via", "exercise", "--from", 2000, "--to", 2009, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == "a,a_label,b,b_label,shared\nA,Aland,B,Bland,2\nA,Aland,X,Xland,1\nB,Bland,X,Xland,1\n"
    assert result.stderr.splitlines()[0] == "3 pairs of country nodes sharing exercise nodes, from 2000-01-01 to 2009-12-31"
    top = run("pairs", "--data", exercises, "--via", "exercise", "--from", 2000, "--top", 1, "--format", "csv")
    assert top.stdout.splitlines()[1:] == ["A,Aland,B,Bland,2"]
    assert top.stderr.splitlines()[0] == "the first 1 of 4 pairs of country nodes sharing exercise nodes, from 2000-01-01"
    both = run("pairs", "--data", exercises, "--as-of", 2005, "--from", 2000)
    assert both.exit_code == 2 and "give --as-of (one date) or --from/--to (a range), not both" in both.stderr
    backwards = run("pairs", "--data", exercises, "--from", 2009, "--to", 2000)
    assert backwards.exit_code == 1 and backwards.stderr.splitlines()[-1] == (
        "Error: the range ends (2000-12-31) before it begins (2009-01-01)")
    bad = run("pairs", "--data", exercises, "--to", "20x0")
    assert bad.exit_code == 2 and "expected a year, a month (YYYY-MM) or an ISO date" in bad.stderr
    unknown = run("pairs", "--data", exercises, "--via", "framework")
    assert unknown.exit_code == 1 and "unknown kind 'framework'" in unknown.stderr
