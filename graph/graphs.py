"""Graph builders: the dataset's edge table as a networkx graph or as arrays for igraph and scipy.

The tables are the source of truth; a graph is built from them only when a
graph algorithm (or a user) needs one. :attr:`partnergraph.Dataset.graph` is
the full multigraph with every attribute; the builders here make the simple
undirected graph the structural queries and the centrality measures run on.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # networkx is imported where a graph is built (a table query needs none)
    import networkx as nx

__all__ = ["endpoint_pairs", "simple_graph", "simple_pairs", "igraph_graph"]


def endpoint_pairs(edges: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each edge's endpoints in id order (lower, higher), whichever way the file wrote them.

    Parameters
    ----------
    edges : pandas.DataFrame
        An edge table with ``u`` and ``v`` columns (:attr:`Dataset.edges`).

    Returns
    -------
    tuple of pandas.Series
        The lower and the higher id of each edge, aligned with ``edges``.

    Raises
    ------
    KeyError
        When ``edges`` has no ``u`` or ``v`` column.

    Examples
    --------
    >>> lo, hi = endpoint_pairs(pd.DataFrame({"u": ["b", "a"], "v": ["a", "c"]}))
    >>> lo.tolist(), hi.tolist()
    (['a', 'a'], ['b', 'c'])
    """
    u, v = edges["u"], edges["v"]
    return u.where(u <= v, v), v.where(u <= v, u)


def simple_graph(snap) -> nx.Graph:
    """The snapshot as a simple undirected graph: every node, one link per linked pair, in sorted order.

    Unlike :attr:`Dataset.graph` (a multigraph with every attribute), this is
    the graph the structural queries measure: no attributes, no self-loops,
    two nodes linked once however many edges join them.

    Parameters
    ----------
    snap : Dataset
        A dataset or a snapshot of one (:meth:`Dataset.as_of`).

    Returns
    -------
    networkx.Graph

    Raises
    ------
    partnergraph.PartnergraphError
        Never for a loaded dataset; only what building its endpoint index raises.

    Examples
    --------
    >>> G = simple_graph(pg.load().as_of(2024))
    >>> G.has_edge("GEO", "pfp"), sum(u == v for u, v in G.edges)
    (True, 0)
    """
    import networkx as nx

    ids, a, b, _ = simple_pairs(snap)
    G = nx.Graph()
    G.add_nodes_from(ids.tolist())
    G.add_edges_from(zip(ids[a].tolist(), ids[b].tolist()))
    return G


def simple_pairs(snap):
    """The dataset as a simple undirected graph in arrays, from the edge table: the node ids in sorted order, and
    per linked pair the positions of its two nodes (lower first), each pair once, in id order; no weights (None).

    Parameters
    ----------
    snap : Dataset
        A dataset or a snapshot of one.

    Returns
    -------
    tuple
        ``(ids, a, b, None)``: ``ids`` an object array of node ids, ``a`` and
        ``b`` integer arrays of positions in ``ids``.

    Raises
    ------
    partnergraph.PartnergraphError
        Never for a loaded dataset.

    Examples
    --------
    >>> ids, a, b, _ = simple_pairs(pg.load().as_of(2024))
    >>> bool((ids[a] < ids[b]).all()), len(set(zip(a, b))) == len(a) > 0
    (True, True)
    """
    names = snap.nodes["id"].to_numpy(dtype=object)
    order = np.argsort(names, kind="stable")
    ids = names[order]
    # each endpoint's row among the full dataset's nodes (found once per dataset), then its place in ``ids``
    rank = np.full(len(snap.full.nodes) + 1, -1, dtype=np.int64)  # the last slot: an endpoint that is no node
    rows = snap.full._node_codes()[2].get_indexer(ids)
    rank[rows[rows >= 0]] = np.flatnonzero(rows >= 0)
    u, v = (rank[at] for at in snap.endpoint_positions())
    lo, hi = np.minimum(u, v), np.maximum(u, v)
    keep = (lo >= 0) & (lo != hi)
    # each linked pair once, in id order: de-duplicated by hashing, then the distinct pairs sorted
    pair = np.sort(pd.unique(lo[keep].astype(np.int64) * max(len(ids), 1) + hi[keep]))
    return ids, pair // max(len(ids), 1), pair % max(len(ids), 1), None


def igraph_graph(ids, a, b, weight):
    """An igraph graph of those arrays, with ``weight`` and ``distance`` (1/weight) edge attributes when weighted.

    Parameters
    ----------
    ids : numpy.ndarray
        The node ids; vertex i is ``ids[i]``.
    a, b : numpy.ndarray
        Each link's two ends, as positions in ``ids``.
    weight : numpy.ndarray or None
        Each link's weight, or None for an unweighted graph.

    Returns
    -------
    igraph.Graph

    Raises
    ------
    ValueError
        When a position is out of range (igraph's own error).

    Examples
    --------
    >>> g = igraph_graph(np.array(["x", "y", "z"]), np.array([0, 1]), np.array([1, 2]), np.array([2.0, 4.0]))
    >>> g.vcount(), g.es["distance"]
    (3, [0.5, 0.25])
    """
    import igraph as ig

    g = ig.Graph(n=len(ids), edges=np.column_stack([a, b]))
    if weight is None:
        return g
    g.es["weight"] = weight.astype(float).tolist()
    g.es["distance"] = (1.0 / weight).tolist()
    return g

