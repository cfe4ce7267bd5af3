"""What-if scenarios: the coverage and reach lost if one node (and its edges) goes (:func:`whatif`)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .columns import group_codes
from .coverage_queries import coverage_lines

__all__ = ["whatif"]


def _reach_near(snap, paths: pd.DataFrame, remove: str, members: str, rows: str) -> pd.DataFrame:
    """The lines (member, row, col, via) of :func:`partnergraph.coverage_queries.reach_pairs` of every member with a
    line through ``remove``: all that whatif needs to find the reach lost, without joining every member to every
    path."""
    if members not in snap.kinds():
        return pd.DataFrame(columns=["member", "row", "col", "via"])
    belongs = snap.links(members, rows)[["a", "b"]].rename(columns={"a": "member", "b": "row"})
    through = np.zeros(len(paths), dtype=bool)
    for column in ("row", "col", "via"):
        through |= paths[column].to_numpy(dtype=object) == remove
    hit_rows = pd.unique(paths["row"].to_numpy()[through])
    near = (belongs["row"].isin(hit_rows) | (belongs["member"] == remove) | (belongs["row"] == remove)).to_numpy()
    belongs = belongs[belongs["member"].isin(pd.unique(belongs["member"].to_numpy()[near])).to_numpy()]
    return belongs.merge(paths, on="row")[["member", "row", "col", "via"]]


def whatif(dataset, remove: str, *, rows: str = "framework", cols: str = "threat", via: str = "activity",
           members: str = "country", as_of=None, include_suspended: bool = False) -> pd.DataFrame:
    """What coverage and reach are lost if one node (and its edges) goes.

    Suspended ties count for neither unless ``include_suspended``. The frame's
    ``attrs["summary"]`` sums it up: the id removed (``removed``), how many
    pairs are lost (``coverage_lost``, ``reach_lost``), the column nodes
    (threats) no row node covers any more (``uncovered``, sorted), how many
    members lose at least one (``members_losing``), and whether reach could be
    checked (``reach_checked``: the snapshot has nodes of the ``members`` kind,
    another kind than ``rows``).

    Parameters
    ----------
    dataset : Dataset
    remove : str
        The node that goes: an id or a label, of any kind (a framework, an
        activity, a threat, a country). A node not alive on the date loses nothing.
    rows, cols, via : str
        The kinds of the coverage, as for :func:`partnergraph.coverage`.
    members : str
        The kind whose reach is checked: a member reaches a column node through
        a row node it belongs to (:func:`partnergraph.reach`).
    as_of : year, month or ISO date, optional
        Default: the dataset's own date, or for a loaded dataset the default
        date (:func:`partnergraph.asof.default_date`).
    include_suspended : bool
        Count ties with an inactive status (suspended) too.

    Returns
    -------
    pandas.DataFrame
        Columns ``lost`` (``coverage``: a row no longer covers a column;
        ``reach``: a member no longer reaches a column), ``id`` (the row or the
        member), ``label``, ``<cols>``; coverage first, then by id and column.
        The removed node's own lines count: a removed framework loses all it
        covers, a removed country all it reaches.

    Raises
    ------
    UnknownIdError
        ``remove`` names no node of the dataset.
    PartnergraphError
        ``remove`` names several nodes; ``rows`` or ``cols`` is not a kind of the dataset.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    See Also
    --------
    partnergraph.coverage, partnergraph.reach

    Examples
    --------
    Frameworks F and G, activities X and Y, threats T, U and Z: F covers T
    directly and through X; G conducts X (which addresses T) and Y (which
    addresses U); nothing covers Z. Aland is in F, Borduria in G. Without Y,
    G covers U no more, nor does anything else, and Borduria no longer reaches it:

    >>> nodes = pd.DataFrame({"id": ["A", "B", "f", "g", "x", "y", "t", "u", "z"],
    ...                       "kind": ["country"] * 2 + ["framework"] * 2 + ["activity"] * 2 + ["threat"] * 3,
    ...                       "label": ["Aland", "Borduria", "F", "G", "X", "Y", "Terror", "Unrest", "Zombies"]})
    >>> edges = pd.DataFrame({"relation": ["memberships"] * 2 + ["covers"] + ["conducts"] * 3 + ["addresses"] * 2,
    ...                       "u": ["A", "B", "f", "f", "g", "g", "x", "y"],
    ...                       "v": ["f", "g", "t", "x", "x", "y", "t", "u"],
    ...                       "since": "2000", "until": None, "source": [f"s{i}" for i in range(1, 9)]})
    >>> w = whatif(pg.Dataset(nodes, edges), "y")
    >>> w.values.tolist()
    [['coverage', 'g', 'G', 'u'], ['reach', 'B', 'Borduria', 'u']]
    >>> w.attrs["summary"]["uncovered"], w.attrs["summary"]["members_losing"]
    (['u'], 1)
    """
    remove = dataset.resolve(remove)
    snap = dataset.snapshot(as_of, include_suspended=include_suspended)
    rows, cols = snap.require_kind(rows), snap.require_kind(cols)
    via, members = snap.kind_spelling(via), snap.kind_spelling(members)

    def lost_pairs(table, first, second):
        """The (first, second) pairs of ``table`` whose every line passes through the removed node, sorted; and the
        ``second`` values every line of which passes through it.

        Only pairs with a line through the removed node can be lost, so only their lines are grouped.
        """
        none = np.empty(0, dtype=object)
        if table.empty:
            return none, none, set()
        hit = np.zeros(len(table), dtype=bool)
        for column in table.columns:
            hit |= table[column].to_numpy(dtype=object) == remove
        if not hit.any():
            return none, none, set()
        ones, twos = table[first].to_numpy(dtype=object), table[second].to_numpy(dtype=object)
        touched = pd.unique(twos[hit])
        second_touched = pd.Series(twos).isin(touched).to_numpy()
        near = pd.Series(ones).isin(pd.unique(ones[hit])).to_numpy() & second_touched
        pair, (a, b) = group_codes(ones[near], twos[near])
        alive = np.bincount(pair[~hit[near]], minlength=len(a)) > 0
        gone = set(touched) - set(pd.unique(twos[second_touched & ~hit]))
        return a[~alive], b[~alive], gone

    labels = snap.labels()
    paths = coverage_lines(snap, rows, cols, via)[["row", "col", "via"]]
    cov_rows, cov_cols, uncovered = lost_pairs(paths, "row", "col")
    reach_members, reach_cols, _ = lost_pairs(_reach_near(snap, paths, remove, members, rows), "member", "col")
    lost = [("coverage", a, b) for a, b in zip(cov_rows, cov_cols)]
    lost += [("reach", a, b) for a, b in zip(reach_members, reach_cols)]
    out = pd.DataFrame(lost, columns=["lost", "id", cols])
    out.insert(2, "label", out["id"].map(labels))
    out = out.reset_index(drop=True)
    out.attrs["summary"] = {
        "removed": remove,
        "coverage_lost": len(cov_rows),
        "reach_lost": len(reach_members),
        "uncovered": sorted(uncovered),
        "members_losing": len(set(reach_members)),
        "reach_checked": members in snap.kinds() and members != rows,  # a row kind's own members: none to check
    }
    return out
