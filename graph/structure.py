"""Structure: shortest paths, ego networks and communities."""
from __future__ import annotations

import pandas as pd

from .graphs import endpoint_pairs, simple_graph
from .asof import describe_date
from .dataset import lifetime_text
from .errors import PartnergraphError

__all__ = ["path", "ego", "communities"]


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
        from .projections import projection

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
