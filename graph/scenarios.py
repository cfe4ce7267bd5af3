"""What-if scenarios: the coverage and reach lost if one node (and its edges) goes (:func:`whatif`)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .columns import group_codes
from .coverage_queries import coverage_lines

__all__ = ["whatif"]


def _reach_near(snap, paths: pd.DataFrame, remove: str, members: str, rows: str) -> pd.DataFrame:
    """The lines (member, row, col, via) of :func:`partnergraph.coverage_queries.reach_pairs` of every member with a line
    through ``remove``: all that whatif needs to find the reach lost, without joining every member to every path."""
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
    ``attrs["summary"]`` sums it up: how many pairs are lost, the column nodes
    (threats) no row node covers any more (``uncovered``), how many members lose
    at least one, and whether reach could be checked (``reach_checked``: the
    dataset has nodes of the ``members`` kind, another kind than ``rows``).

    Returns
    -------
    pandas.DataFrame
        Columns ``lost`` (``coverage``: a row no longer covers a column;
        ``reach``: a member no longer reaches a column), ``id``, ``label``,
        ``<cols>``; coverage first, then by id and column.

    Examples
    --------
    >>> w = whatif(pg.load(), "science-for-peace-and-security", as_of=2024)
    >>> w[w["lost"] == "coverage"][["id", "threat"]].values.tolist()[:2]
    [['eapc', 'climate-security'], ['eapc', 'emerging-technologies']]
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
