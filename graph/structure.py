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

    The path is found on the simple graph of the date
    (:func:`partnergraph.graphs.simple_graph`, each node's neighbours in id
    order); among paths of equal length, the one networkx's bidirectional
    breadth-first search meets first is returned, so the answer is the same
    on every run.
    Suspended ties are not walked unless ``include_suspended``.

    Parameters
    ----------
    dataset : Dataset
    source, target : str
        The two ends: ids or labels.
    as_of : year, month or ISO date, optional
        Default: the dataset's own date, or for a loaded dataset the default
        date (:func:`partnergraph.asof.default_date`).
    include_suspended : bool
        Walk ties with an inactive status (suspended) too.

    Returns
    -------
    pandas.DataFrame
        Columns ``step`` (0 for ``source``), ``id``, ``label``, ``kind``,
        ``relation`` (of the edge into that node; empty on step 0; several
        relations between the same pair joined by ``;``).

    Raises
    ------
    UnknownIdError
        ``source`` or ``target`` names no node of the dataset.
    PartnergraphError
        No path links them on that date, or one of them does not exist then;
        ``source`` or ``target`` names several nodes.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    Examples
    --------
    Aland is in framework F, Borduria in G; F covers threat T and conducts
    activity X; G conducts X and Y; X addresses T, Y addresses U; nothing
    touches Z.

    >>> nodes = pd.DataFrame({"id": ["A", "B", "f", "g", "x", "y", "t", "u", "z"],
    ...                       "kind": ["country"] * 2 + ["framework"] * 2 + ["activity"] * 2 + ["threat"] * 3,
    ...                       "label": ["Aland", "Borduria", "F", "G", "X", "Y", "Terror", "Unrest", "Zombies"]})
    >>> edges = pd.DataFrame({"relation": ["memberships"] * 2 + ["covers"] + ["conducts"] * 3 + ["addresses"] * 2,
    ...                       "u": ["A", "B", "f", "f", "g", "g", "x", "y"],
    ...                       "v": ["f", "g", "t", "x", "x", "y", "t", "u"],
    ...                       "since": "2000", "until": None, "source": None})
    >>> ds = pg.Dataset(nodes, edges)
    >>> p = path(ds, "Aland", "u")
    >>> p["id"].tolist(), p["step"].tolist()
    (['A', 'f', 'x', 'g', 'y', 'u'], [0, 1, 2, 3, 4, 5])
    >>> p["relation"].tolist()
    ['', 'memberships', 'conducts', 'conducts', 'conducts', 'addresses']
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

    Parameters
    ----------
    dataset : Dataset
    node : str
        An id or a label.
    radius : int
        How many steps at most (0 or more; 0 gives the node alone).
    as_of : year, month or ISO date, optional
        Default: the dataset's own date, or for a loaded dataset the default
        date (:func:`partnergraph.asof.default_date`).
    include_suspended : bool
        Walk ties with an inactive status (suspended) too.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``label``, ``kind``, ``distance`` (0 for ``node``);
        sorted by distance, then id. Empty (but these columns) when ``node``
        does not exist on the date.

    Raises
    ------
    UnknownIdError
        ``node`` names no node of the dataset.
    PartnergraphError
        ``radius`` is below 0; ``node`` names several nodes.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    Examples
    --------
    Aland is in framework F, Borduria in G; F covers threat T and conducts
    activity X; G conducts X and Y; X addresses T, Y addresses U; nothing
    touches Z.

    >>> nodes = pd.DataFrame({"id": ["A", "B", "f", "g", "x", "y", "t", "u", "z"],
    ...                       "kind": ["country"] * 2 + ["framework"] * 2 + ["activity"] * 2 + ["threat"] * 3,
    ...                       "label": ["Aland", "Borduria", "F", "G", "X", "Y", "Terror", "Unrest", "Zombies"]})
    >>> edges = pd.DataFrame({"relation": ["memberships"] * 2 + ["covers"] + ["conducts"] * 3 + ["addresses"] * 2,
    ...                       "u": ["A", "B", "f", "f", "g", "g", "x", "y"],
    ...                       "v": ["f", "g", "t", "x", "x", "y", "t", "u"],
    ...                       "since": "2000", "until": None, "source": None})
    >>> ds = pg.Dataset(nodes, edges)
    >>> ego(ds, "x").values.tolist()
    [['x', 'X', 'activity', 0], ['f', 'F', 'framework', 1], ['g', 'G', 'framework', 1], ['t', 'Terror', 'threat', 1]]
    >>> ego(ds, "x", radius=2)["id"].tolist()
    ['x', 'f', 'g', 't', 'A', 'B', 'y']

    On the bundled data, the countries of the Istanbul Cooperation Initiative:

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

    Parameters
    ----------
    dataset : Dataset
    as_of : year, month or ISO date, optional
        Default: the dataset's own date, or for a loaded dataset the default
        date (:func:`partnergraph.asof.default_date`).
    include_suspended : bool
        Count ties with an inactive status (suspended) too.
    seed : int
        The seed of networkx's Louvain method: the same seed, the same communities.
    resolution : float
        Louvain's resolution: above 1 favours smaller communities, below 1 larger ones.
    project : str, optional
        Find the communities of the one-mode projection on this kind
        (:func:`partnergraph.projection`), its weights counting.
    weighting, backbone
        The projection's weights and backbone filter (:func:`partnergraph.projection`).

    Returns
    -------
    pandas.DataFrame
        Columns ``community``, ``id``, ``label``, ``kind``; sorted by community,
        then id. Empty (but these columns) when no link holds on the date.

    Raises
    ------
    PartnergraphError
        With ``project``: it is not a kind of the dataset, ``weighting`` is
        unknown, or ``backbone`` is out of range (:func:`partnergraph.projection`).
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    Examples
    --------
    Two halves, joined by X (G conducts it too); threat Z, with no link, is left out:

    >>> nodes = pd.DataFrame({"id": ["A", "B", "f", "g", "x", "y", "t", "u", "z"],
    ...                       "kind": ["country"] * 2 + ["framework"] * 2 + ["activity"] * 2 + ["threat"] * 3,
    ...                       "label": ["Aland", "Borduria", "F", "G", "X", "Y", "Terror", "Unrest", "Zombies"]})
    >>> edges = pd.DataFrame({"relation": ["memberships"] * 2 + ["covers"] + ["conducts"] * 3 + ["addresses"] * 2,
    ...                       "u": ["A", "B", "f", "f", "g", "g", "x", "y"],
    ...                       "v": ["f", "g", "t", "x", "x", "y", "t", "u"],
    ...                       "since": "2000", "until": None, "source": None})
    >>> ds = pg.Dataset(nodes, edges)
    >>> c = communities(ds)
    >>> c.groupby("community")["id"].agg(list).tolist()
    [['A', 'f', 't', 'x'], ['B', 'g', 'u', 'y']]
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
