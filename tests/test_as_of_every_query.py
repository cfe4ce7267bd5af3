"""Every query that takes ``as_of`` answers at that date, and refuses a date that is none.

The hand-made dataset CHANGING, read at the end of 2005 and at the end of 2015 (no coverage declared; dates that
fall on no boundary, so only the changes below matter)::

    f1 framework from 1990; f2 2000 to 2010 (gone by the end of 2010); f3 from 2012
    memberships  A f1 1990-     B f1 1995-2009     C f1 2008-     D f1 1990-
                 A f2 2000-     B f2 2000-         A f3 2012-     C f3 2013-
    offers       f1 x from 1995; f2 y; f3 y         addresses  x t1; y t2
    covers       f1 t2 from 2011

    2005: nodes A B C D f1 f2 x y t1 t2; ties A-f1 B-f1 D-f1 A-f2 B-f2, f1-x f2-y, x-t1 y-t2 (C has none)
    2015: nodes A B C D f1 f3 x y t1 t2; ties A-f1 C-f1 D-f1 A-f3 C-f3, f1-x f3-y, x-t1 y-t2, f1-t2 (B has none)

B leaves, C joins, f2 ends and f3 begins, and f1 comes to cover t2 directly: every answer below changes.
"""
import datetime as dt

import pytest

import partnergraph as pg
from conftest import write_folder

CHANGING = {
    "nodes.csv": "id,kind,label,since,until\nA,country,Aland,,\nB,country,Borduria,,\nC,country,Carpania,,\n"
                 "D,country,Dorado,,\nf1,framework,Forum One,1990,\nf2,framework,Forum Two,2000,2010\n"
                 "f3,framework,Forum Three,2012,\nx,activity,Exercises,,\ny,activity,Training,,\n"
                 "t1,threat,Piracy,,\nt2,threat,Cyber,,\n",
    "memberships.csv": "country,framework,since,until,status\nA,f1,1990,,active\nB,f1,1995,2009,active\n"
                       "C,f1,2008,,active\nD,f1,1990,,active\nA,f2,2000,,active\nB,f2,2000,,active\n"
                       "A,f3,2012,,active\nC,f3,2013,,active\n",
    "offers.csv": "framework,activity,since\nf1,x,1995\nf2,y,\nf3,y,\n",
    "addresses.csv": "activity,threat\nx,t1\ny,t2\n",
    "covers.csv": "framework,threat,since\nf1,t2,2011\n",
}


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    folder = write_folder(tmp_path_factory.mktemp("asof") / "changing", CHANGING)
    assert pg.validate(folder) == []
    return pg.load(folder)


def rows(frame, *columns):
    return frame[list(columns)].fillna("").values.tolist()


def snapshot(ds, when):
    snap = ds.as_of(when)
    return snap.date, snap.nodes["id"].tolist(), sorted(map(tuple, snap.edges[["relation", "u", "v"]].values.tolist()))


def timeline_rows(ds, when):
    return {r[0]: r[1:] for r in pg.timeline(ds, framework="f1", as_of=when).values.tolist()}


def f1_timeline(last):
    """year -> [joined, left, members, suspended] for f1, by hand: A and D join in 1990, B in 1995, C in 2008;
    B's membership ends during 2009 (until 2009: gone as of the end of 2009)."""
    members = lambda y: 2 if y < 1995 else 3 if y < 2008 else 4 if y == 2008 else 3
    return {y: [{1990: 2, 1995: 1, 2008: 1}.get(y, 0), {2009: 1}.get(y, 0), members(y), 0] for y in range(1990, last + 1)}


def matrix(result):
    names, columns, m = result
    return names.tolist(), columns.tolist(), m.toarray().tolist()


#: query -> (how to ask it at a date, the answer at the end of 2005, the answer at the end of 2015)
QUERIES = {
    "Dataset.as_of": (snapshot, (
        dt.date(2005, 12, 31), ["A", "B", "C", "D", "f1", "f2", "x", "y", "t1", "t2"],
        [("addresses", "x", "t1"), ("addresses", "y", "t2"), ("memberships", "A", "f1"), ("memberships", "A", "f2"),
         ("memberships", "B", "f1"), ("memberships", "B", "f2"), ("memberships", "D", "f1"),
         ("offers", "f1", "x"), ("offers", "f2", "y")],
    ), (
        dt.date(2015, 12, 31), ["A", "B", "C", "D", "f1", "f3", "x", "y", "t1", "t2"],
        [("addresses", "x", "t1"), ("addresses", "y", "t2"), ("covers", "f1", "t2"), ("memberships", "A", "f1"),
         ("memberships", "A", "f3"), ("memberships", "C", "f1"), ("memberships", "C", "f3"),
         ("memberships", "D", "f1"), ("offers", "f1", "x"), ("offers", "f3", "y")],
    )),
    # framework -> threat through an activity, or directly
    "coverage": (lambda ds, w: rows(pg.coverage(ds, as_of=w), "framework", "threat", "via"),
                 [["f1", "t1", "x"], ["f2", "t2", "y"]],
                 [["f1", "t1", "x"], ["f1", "t2", "direct"], ["f3", "t2", "y"]]),
    "coverage_matrix": (lambda ds, w: pg.coverage_matrix(ds, as_of=w).to_dict("index"),
                        {"f1": {"t1": 1, "t2": 0}, "f2": {"t1": 0, "t2": 1}},
                        {"f1": {"t1": 1, "t2": 1}, "f3": {"t1": 0, "t2": 1}}),
    "coverage_paths": (lambda ds, w: rows(pg.coverage_paths(ds, "f1", "t2", as_of=w), "path", "via", "from", "to",
                                          "relation", "since"),
                       [],  # f1 does not reach t2 before it covers it (2011)
                       [[1, "direct", "f1", "t2", "covers", "2011"]]),
    # per threat, how many frameworks cover it, fewest first
    "gaps": (lambda ds, w: rows(pg.gaps(ds, as_of=w), "threat", "count", "framework"),
             [["t1", 1, "f1"], ["t2", 1, "f2"]],
             [["t1", 1, "f1"], ["t2", 2, "f1;f3"]]),
    # A reaches t2 through f2 (and y) in 2005, through f1 (directly) and f3 (y) in 2015
    "reach": (lambda ds, w: rows(pg.reach(ds, "A", as_of=w), "threat", "framework", "activity"),
              [["t1", "f1", "x"], ["t2", "f2", "y"]],
              [["t1", "f1", "x"], ["t2", "f1;f3", "direct;y"]]),
    # without f1: its coverage goes; its members lose what only f1 gave them (2015: D is in f1 alone, so loses t2
    # too; A and C keep t2 through f3; in 2005 A and B keep t2 through f2)
    "whatif": (lambda ds, w: rows(pg.whatif(ds, "f1", as_of=w), "lost", "id", "threat"),
               [["coverage", "f1", "t1"], ["reach", "A", "t1"], ["reach", "B", "t1"], ["reach", "D", "t1"]],
               [["coverage", "f1", "t1"], ["coverage", "f1", "t2"], ["reach", "A", "t1"], ["reach", "C", "t1"],
                ["reach", "D", "t1"], ["reach", "D", "t2"]]),
    "members": (lambda ds, w: rows(pg.members(ds, "f1", as_of=w), "id", "since", "until", "status"),
                [["A", "1990", "", "active"], ["B", "1995", "2009", "active"], ["D", "1990", "", "active"]],
                [["A", "1990", "", "active"], ["C", "2008", "", "active"], ["D", "1990", "", "active"]]),
    "frameworks": (lambda ds, w: rows(pg.frameworks(ds, "A", as_of=w), "id", "since", "status"),
                   [["f1", "1990", "active"], ["f2", "2000", "active"]],
                   [["f1", "1990", "active"], ["f3", "2012", "active"]]),
    "timeline": (timeline_rows, f1_timeline(2005), f1_timeline(2015)),
    # pairs of countries by how many frameworks they share
    "pairs": (lambda ds, w: rows(pg.pairs(ds, via="framework", as_of=w), "a", "b", "shared"),
              [["A", "B", 2], ["A", "D", 1], ["B", "D", 1]],
              [["A", "C", 2], ["A", "D", 1], ["C", "D", 1]]),
    # S = 1 - 2d/k over the k = 2 frameworks alive (f1 f2, then f1 f3); C is asked for, so listed even untied:
    # 2005: C (0,0) vs D (1,0): d 1, S 0; vs A, B (1,1): d 2, S -1.  2015: C (1,1) vs A (1,1): 1; vs D: 0; B untied
    "similarity": (lambda ds, w: rows(pg.similarity(ds, a="C", as_of=w), "a", "b", "similarity"),
                   [["C", "D", 0.0], ["C", "A", -1.0], ["C", "B", -1.0]],
                   [["C", "A", 1.0], ["C", "D", 0.0]]),
    # the rows are the countries tied on the date, the columns the frameworks alive then
    "portfolio_matrix": (lambda ds, w: matrix(pg.portfolio_matrix(ds, as_of=w)),
                         (["A", "B", "D"], ["f1", "f2"], [[1.0, 1.0], [1.0, 1.0], [1.0, 0.0]]),
                         (["A", "C", "D"], ["f1", "f3"], [[1.0, 1.0], [1.0, 1.0], [1.0, 0.0]])),
    # the two alike portfolios make one role, D (f1 alone) the other
    "roles": (lambda ds, w: rows(pg.roles(ds, groups=2, as_of=w), "role", "id", "ties"),
              [[1, "A", 2], [1, "B", 2], [2, "D", 1]],
              [[1, "A", 2], [1, "C", 2], [2, "D", 1]]),
    # the edges that hold on the date, per relation
    "info": (lambda ds, w: (pg.info(ds, as_of=w)["as_of"],
                            dict(pg.info(ds, as_of=w)["relations"][["relation", "current"]].values.tolist())),
             ("2005-12-31", {"addresses": 2, "covers": 0, "memberships": 5, "offers": 2}),
             ("2015-12-31", {"addresses": 2, "covers": 1, "memberships": 5, "offers": 2})),
    # degree / (n - 1), n = 10 alive at either date
    "centrality": (lambda ds, w: pg.centrality(ds, "degree", as_of=w).set_index("id")["degree"].mul(9).round(9)
                   .to_dict(),
                   {"A": 2, "B": 2, "C": 0, "D": 1, "f1": 4, "f2": 3, "x": 2, "y": 2, "t1": 1, "t2": 1},
                   {"A": 2, "B": 0, "C": 2, "D": 1, "f1": 5, "f3": 3, "x": 2, "y": 2, "t1": 1, "t2": 2}),
    # countries linked by the frameworks they share (every country alive is a node)
    "projection": (lambda ds, w: (sorted(pg.projection(ds, "country", as_of=w)),
                                  sorted(pg.projection(ds, "country", as_of=w).edges(data="weight"))),
                   (["A", "B", "C", "D"], [("A", "B", 2), ("A", "D", 1), ("B", "D", 1)]),
                   (["A", "B", "C", "D"], [("A", "C", 2), ("A", "D", 1), ("C", "D", 1)])),
    # Louvain on the projected triangle: one community has modularity 0, any split less ({A,B},{D}: 4/8 - 40/64);
    # the country with no link is left out
    "communities": (lambda ds, w: rows(pg.communities(ds, project="country", as_of=w), "community", "id"),
                    [[1, "A"], [1, "B"], [1, "D"]],
                    [[1, "A"], [1, "C"], [1, "D"]]),
    # the one shortest path: through f2 and its activity in 2005, through f1's direct coverage in 2015
    "path": (lambda ds, w: rows(pg.path(ds, "A", "t2", as_of=w), "id", "relation"),
             [["A", ""], ["f2", "memberships"], ["y", "offers"], ["t2", "addresses"]],
             [["A", ""], ["f1", "memberships"], ["t2", "covers"]]),
    "ego": (lambda ds, w: rows(pg.ego(ds, "f1", as_of=w), "id", "distance"),
            [["f1", 0], ["A", 1], ["B", 1], ["D", 1], ["x", 1]],
            [["f1", 0], ["A", 1], ["C", 1], ["D", 1], ["t2", 1], ["x", 1]]),
}


def test_every_query_that_takes_as_of_is_here():
    import inspect
    takes = {name for name in pg.__all__ if callable(getattr(pg, name)) and not inspect.isclass(getattr(pg, name))
             and "as_of" in inspect.signature(getattr(pg, name)).parameters}
    assert takes - {"network_map"} == set(QUERIES) - {"Dataset.as_of"}  # the map is tested in test_time and test_html


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_the_answer_at_each_date(ds, name):
    ask, at_2005, at_2015 = QUERIES[name]
    assert at_2005 != at_2015  # the data changes between the two dates: the test tells them apart
    assert ask(ds, 2005) == at_2005
    assert ask(ds, "2015-12-31") == at_2015


BAD_DATES = ["20x5", "2005-13", "2005-02-30"]


@pytest.mark.parametrize("bad", BAD_DATES)
@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_bad_date_is_a_date_error(ds, name, bad):
    with pytest.raises(pg.DateError):
        QUERIES[name][0](ds, bad)


def test_roles_keep_the_same_ties_together_when_more_groups_are_allowed(ds):
    # 2005: A and B both in f1 and f2, D in f1 alone: at most 3 roles, but A and B can never be told apart
    assert rows(pg.roles(ds, groups=3, as_of=2005), "role", "id") == [[1, "A"], [1, "B"], [2, "D"]]
