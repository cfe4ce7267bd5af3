"""Structure: shortest paths, ego networks, communities, and what a removal costs."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .centrality import endpoint_pairs, simple_graph
from .columns import group_codes
from .coverage import _paths
from .asof import describe_date
from .dataset import Dataset, lifetime_text
from .errors import PartnergraphError

__all__ = ["path", "ego", "communities", "whatif"]


def path(dataset, source: str, target: str, *, as_of=None, include_suspended: bool = False) -> pd.DataFrame:
    """A shortest path between two nodes, with the relation of each step.

    Among paths of equal length the one found first in id order is returned,
    so the answer is the same on every run. Suspended ties are not walked
    unless ``include_suspended``.

    Returns
    -------
    pandas.DataFrame
        Columns ``step`` (0 for ``source``), ``id``, ``label``, ``kind``,
        ``relation`` (of the edge into that node; empty on step 0; several
        relations between the same pair joined by ``;``).

    Raises
    ------
    UnknownIdError
        Either id is not in the dataset.
    PartnergraphError
        No path links them on that date, or one of them does not exist then.

    Examples
    --------
    >>> path(pg.load(), "JPN", "terrorism", as_of=2024)[["id", "relation"]].values.tolist()
    [['JPN', ''], ['joint-exercises', 'participates'], ['terrorism', 'addresses']]
    """
    import networkx as nx

    source, target = dataset.resolve(source), dataset.resolve(target)
    snap = dataset.snapshot(as_of, include_suspended=include_suspended)
    G = simple_graph(snap)
    for node in (source, target):
        if node not in G:
            raise PartnergraphError(f"{node!r} does not exist {describe_date(snap.date)}{lifetime_text(snap, node)}")
    try:
        nodes = nx.shortest_path(G, source, target)
    except nx.NetworkXNoPath:
        raise PartnergraphError(f"no path between {source!r} and {target!r} {describe_date(snap.date)}") from None
    relations = snap.edges.groupby(list(endpoint_pairs(snap.edges)))["relation"].agg(lambda s: ";".join(sorted(set(s))))
    steps = pd.DataFrame({"step": range(len(nodes)), "id": nodes})
    steps["relation"] = [""] + [relations[tuple(sorted(pair))] for pair in zip(nodes, nodes[1:])]
    out = snap.with_labels(steps)[["step", "id", "label", "kind", "relation"]]
    out.attrs["lists"] = ["relation"]
    return out


def ego(dataset, node: str, *, radius: int = 1, as_of=None, include_suspended: bool = False) -> pd.DataFrame:
    """The nodes within ``radius`` steps of ``node`` on a date (suspended ties not walked unless ``include_suspended``).

    Empty when ``node`` does not exist on the date.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``label``, ``kind``, ``distance``; sorted by distance, then id.

    Examples
    --------
    >>> ego(pg.load(), "ici", as_of=2024).query("kind == 'country'")["id"].tolist()
    ['ARE', 'BHR', 'KWT', 'QAT']
    """
    import networkx as nx

    node = dataset.resolve(node)
    if radius < 0:
        raise PartnergraphError(f"radius must be 0 or more, got {radius}")
    snap = dataset.snapshot(as_of, include_suspended=include_suspended)
    G = simple_graph(snap)
    if node not in G:
        return pd.DataFrame(columns=["id", "label", "kind", "distance"])
    distances = nx.single_source_shortest_path_length(G, node, cutoff=radius)
    out = snap.with_labels(pd.DataFrame({"id": list(distances), "distance": list(distances.values())}))
    out = out.sort_values(["distance", "id"], kind="stable").reset_index(drop=True)
    return out[["id", "label", "kind", "distance"]]


def communities(dataset, *, as_of=None, seed: int = 42, resolution: float = 1.0,
                include_suspended: bool = False, project: str | None = None, weighting: str = "count",
                backbone: float | None = None) -> pd.DataFrame:
    """Communities of the graph on a date, by the Louvain method with a fixed seed.

    Nodes with no link on the date are left out, and so are suspended ties
    unless ``include_suspended``. Communities are numbered from 1,
    largest first (ties by their first id). With ``project``, the communities
    of the weighted one-mode projection on that kind (``weighting`` and
    ``backbone`` as for :func:`partnergraph.projection`).

    Returns
    -------
    pandas.DataFrame
        Columns ``community``, ``id``, ``label``, ``kind``; sorted by community, then id.

    Examples
    --------
    >>> c = communities(pg.load(), as_of=2024)
    >>> sizes = c.groupby("community").size().tolist()
    >>> sizes == sorted(sizes, reverse=True), len(c)
    (True, 79)
    """
    import networkx as nx

    snap = dataset.snapshot(as_of, include_suspended=include_suspended)
    if project is not None:
        from .centrality import projection

        G = projection(snap, project, weighting=weighting, backbone=backbone, include_suspended=include_suspended)
    else:
        G = simple_graph(snap)
    G.remove_nodes_from([n for n in list(G) if G.degree(n) == 0])
    if G.number_of_edges() == 0:
        return pd.DataFrame(columns=["community", "id", "label", "kind"])
    found = nx.community.louvain_communities(G, seed=seed, resolution=resolution)  # a projection's weights count
    groups = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    found = pd.DataFrame([(i, n) for i, group in enumerate(groups, start=1) for n in group], columns=["community", "id"])
    return snap.with_labels(found)[["community", "id", "label", "kind"]]


def _reach_near(snap, paths: pd.DataFrame, remove: str, members: str, rows: str) -> pd.DataFrame:
    """The lines (member, row, col, via) of :func:`partnergraph.coverage.reach_pairs` of every member with a line
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
    paths = _paths(snap, rows, cols, via)[["row", "col", "via"]]
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
