"""Centrality measures: who is central, on the whole graph or on a one-mode projection (:func:`centrality`)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import PartnergraphError
from .graphs import igraph_graph, simple_graph, simple_pairs
from .projections import projection, projection_pairs
from .vocabulary import MEASURES

if TYPE_CHECKING:  # networkx is imported where a graph is built (a table query needs none)
    import networkx as nx

__all__ = ["centrality", "pivots_for", "MEASURES"]


#: How many pivots ``sample="auto"`` takes: about this many node-and-edge visits in all (a minute on the
#: benchmark's 2-core machine; see tests/bench/bench_centrality.py), never fewer than MIN_PIVOTS.
AUTO_VISITS = 1.2e9
MIN_PIVOTS = 100
#: The seed of the pivots' draw, so a sampled estimate is the same every run.
PIVOT_SEED = 0



def pivots_for(sample, n: int, m: int) -> int:
    """How many pivots (source nodes) a sampled betweenness or closeness uses: ``n`` means exact.

    Parameters
    ----------
    sample : None, int or "auto"
        None (exact), a number of pivots, or ``"auto"``: enough pivots for
        about :data:`AUTO_VISITS` node-and-edge visits, at least
        :data:`MIN_PIVOTS`; a graph small enough is measured exactly.
    n, m : int
        The graph's numbers of nodes and of links.

    Returns
    -------
    int
        The number of pivots, never more than ``n``. A number of pivots is cut
        to a whole number (``2.7`` gives 2).

    Raises
    ------
    PartnergraphError
        ``sample`` is a number below 1 once cut to a whole number (``0.5`` too).
    ValueError
        ``sample`` is a text other than ``"auto"`` that is not a whole number (``int()``'s own error).

    Examples
    --------
    >>> pivots_for(None, 500, 900), pivots_for(50, 500, 900), pivots_for("auto", 500, 900)
    (500, 50, 500)
    >>> pivots_for("auto", 27_000, 90_000)
    10256
    """
    if sample is None:
        return n
    if sample == "auto":
        return int(min(n, max(MIN_PIVOTS, AUTO_VISITS // max(n + m, 1))))
    try:
        k = int(sample)
    except (TypeError, ValueError):
        raise PartnergraphError(f"sample must be a number of pivots (1 or more) or auto, got {sample!r}") from None
    if k < 1:
        raise PartnergraphError(f"sample must be a number of pivots (1 or more) or auto, got {sample}")
    return min(k, n)


def _pivots(n: int, k: int) -> np.ndarray:
    if k >= n:
        return np.arange(n)
    return np.sort(np.random.default_rng(PIVOT_SEED).choice(n, size=k, replace=False))


def _in_chunks(pivots: np.ndarray, label: str):
    """The pivots a chunk at a time, with a progress line (on a terminal, once it takes 2 s)."""
    from .progress import Progress

    size = max(1, min(256, len(pivots) // 50 or 1))
    bar = Progress(label, len(pivots))
    try:
        for start in range(0, len(pivots), size):
            yield pivots[start:start + size]
            bar.update(min(start + size, len(pivots)))
    finally:
        bar.close()


def _betweenness(g, k: int, weights) -> np.ndarray:
    """Betweenness as networkx normalises it, from ``k`` pivots (exact when ``k`` is every node).

    With pivots P, each node's dependency sum over P is scaled by n/k (Brandes
    and Pich): an unbiased estimate of the exact value.
    """
    n = g.vcount()
    if n <= 2:
        return np.zeros(n)
    pivots = _pivots(n, k)
    total = np.zeros(n)
    for chunk in _in_chunks(pivots, "betweenness"):  # igraph counts each (source, target) pair once: half a dependency
        total += 2 * np.asarray(g.betweenness(directed=False, weights=weights, sources=chunk.tolist()))
    return total / ((n - 1) * (n - 2)) * (n / len(pivots))


def _closeness(g, k: int, weights) -> np.ndarray:
    """Closeness as networkx computes it (Wasserman and Faust: scaled by the share of nodes reachable), from ``k``
    pivots: each node's total distance to its component is estimated from the pivots in that component; a node
    whose component holds no other pivot is measured exactly."""
    n = g.vcount()
    if n <= 1:
        return np.zeros(n)
    membership = np.asarray(g.connected_components().membership)
    reach = np.bincount(membership)[membership]  # nodes reachable from each node, itself included
    pivots = _pivots(n, k)
    if len(pivots) == n:
        raw = np.nan_to_num(np.asarray(g.closeness(weights=weights, normalized=True), dtype=float))
        return raw * (reach - 1) / (n - 1)
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import shortest_path

    ends = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    lengths = np.asarray(g.es[weights], dtype=float) if weights else np.ones(len(ends))
    adjacency = coo_matrix((lengths, (ends[:, 0], ends[:, 1])), shape=(n, n)).tocsr()
    total, seen = np.zeros(n), np.zeros(n)
    for chunk in _in_chunks(pivots, "closeness"):  # whole rows of distances from scipy, not lists from igraph
        d = shortest_path(adjacency, directed=False, unweighted=not weights, indices=chunk)
        finite = np.isfinite(d)
        total += np.where(finite, d, 0).sum(axis=0)
        seen += finite.sum(axis=0)
    is_pivot = np.zeros(n, dtype=bool)
    is_pivot[pivots] = True
    seen -= is_pivot  # a pivot's distance to itself is no sample of the others
    score = np.zeros(n)
    est = (seen > 0) & (reach > 1)
    # networkx's form: (r - 1) / (estimated total distance to the r - 1 others), scaled by the share reached
    score[est] = (reach[est] - 1) / (total[est] / seen[est]) / (reach[est] - 1) * (reach[est] - 1) / (n - 1)
    rest = np.flatnonzero((seen == 0) & (reach > 1))
    if len(rest):  # components with no other pivot are small: measured exactly
        exact = np.nan_to_num(np.asarray(g.closeness(vertices=rest.tolist(), weights=weights, normalized=True),
                                         dtype=float))
        score[rest] = exact * (reach[rest] - 1) / (n - 1)
    return score


def _scores_igraph(ids, a, b, weight, measure: str, sample) -> tuple[dict, dict | None]:
    """Scores by node id as networkx defines them, on the graph of :func:`simple_pairs` or
    :func:`projection_pairs` (degree counted from the arrays, the rest by igraph); and the sampling used (None:
    exact)."""
    n, m = len(ids), len(a)
    if n == 0:
        return {}, None
    sampled = None
    weighted = weight is not None
    if measure == "degree":  # no graph needed: how many pairs name each node
        degree = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
        values = degree / (n - 1) if n > 1 else np.zeros(n)
        return dict(zip(ids.tolist(), values.tolist())), None
    g = igraph_graph(ids, a, b, weight)
    if measure == "pagerank":
        values = np.asarray(g.pagerank(damping=0.85, weights="weight" if weighted else None))
    elif measure in ("betweenness", "closeness"):
        k = pivots_for(sample, n, m)
        if measure == "closeness" and sample == "auto" and 2 * k >= n:
            k = n  # igraph's exact closeness costs less than half as many pivots sampled
        weights = "distance" if weighted else None
        values = _betweenness(g, k, weights) if measure == "betweenness" else _closeness(g, k, weights)
        if k < n:
            sampled = {"pivots": k, "nodes": n, "seed": PIVOT_SEED}
    else:
        raise PartnergraphError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}")
    return dict(zip(ids.tolist(), values.tolist())), sampled


def _eigenvector(G: nx.Graph, weighted: bool) -> dict:
    """Eigenvector centrality, by networkx (the one measure igraph scales differently)."""
    import networkx as nx

    if G.number_of_nodes() == 0 or G.number_of_edges() == 0:
        return {n: 0.0 for n in G}
    try:
        return nx.eigenvector_centrality(G, max_iter=10_000, tol=1e-10, weight="weight" if weighted else None)
    except nx.PowerIterationFailedConvergence:
        raise PartnergraphError("eigenvector centrality did not converge on this graph; try pagerank") from None


def centrality(dataset, measure: str = "degree", *, kind: str | None = None, project: str | None = None,
               weighting: str = "count", backbone: float | None = None,
               as_of=None, top: int | None = None, include_suspended: bool = False, sample=None) -> pd.DataFrame:
    """Nodes ranked by a centrality measure.

    Parameters
    ----------
    dataset : Dataset
    measure : {"degree", "betweenness", "closeness", "eigenvector", "pagerank"}
        See :data:`MEASURES`.
    kind : str, optional
        Rank only the nodes of this kind (the measure is still computed on the
        whole graph, or on the projection). Default: all nodes.
    project : str, optional
        Compute the measure on the one-mode projection on this kind instead
        (see :func:`partnergraph.projection`): betweenness and closeness take
        each link's ``distance`` (1/weight) as its length, pagerank and
        eigenvector its ``weight``; degree counts links, whatever their weight.
    weighting, backbone
        The projection's weights and backbone filter (:func:`partnergraph.projection`).
    as_of : year, month or ISO date, optional
        Default: the dataset's own date, or for a loaded dataset the default
        date (:func:`partnergraph.asof.default_date`). Only the nodes alive
        on the date are measured.
    top : int, optional
        Keep the first ``top`` lines (0 or more).
    include_suspended : bool
        Count ties with an inactive status (suspended) too; left out by default.
    sample : int or "auto", optional
        Betweenness and closeness only: estimate from this many pivot nodes,
        drawn with a fixed seed (:func:`pivots_for`; ``"auto"`` picks a number
        that takes about a minute on a large graph and measures a small one
        exactly). The result's ``attrs["sampled"]`` then says how many pivots
        of how many nodes were used; it is absent when every node was a pivot.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``label``, ``kind``, ``<measure>``; highest first, ties
        (values equal to 12 decimal places) broken by id.

    Raises
    ------
    PartnergraphError
        ``measure`` is unknown; ``top`` is below 0; ``kind`` or ``project`` is
        not a kind of the dataset; ``sample`` is given with another measure, or
        is a number below 1; ``weighting`` is unknown or ``backbone`` is not a
        level above 0 and at most 1 (:func:`partnergraph.projection`);
        eigenvector centrality does not converge.
    DateError
        ``as_of`` is not a year, a month or an ISO date.
    ValueError
        ``sample`` is a text other than ``"auto"`` and not a whole number (see :func:`pivots_for`).

    See Also
    --------
    partnergraph.projection : the one-mode projection ``project`` measures.

    Notes
    -----
    The measures are computed by igraph on a simple graph built straight from
    the edge tables (:func:`partnergraph.graphs.simple_pairs`: one link per
    linked pair, no self-loops; or the projection's links), eigenvector
    centrality by networkx, with networkx's definitions and normalisation:
    both give the same values.

    Examples
    --------
    A path g - A - f - B: A and f each lie on two of the three shortest paths
    between the other nodes.

    >>> nodes = pd.DataFrame({"id": ["A", "B", "f", "g"], "kind": ["country", "country", "framework", "framework"],
    ...                       "label": ["Aland", "Borduria", "F", "G"]})
    >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B", "A"], "v": ["f", "f", "g"],
    ...                       "since": "2000", "until": None, "source": None})
    >>> ds = pg.Dataset(nodes, edges)
    >>> centrality(ds, "betweenness")[["id", "betweenness"]].round(3).values.tolist()
    [['A', 0.667], ['f', 0.667], ['B', 0.0], ['g', 0.0]]
    >>> centrality(ds, "degree", kind="country", top=1)[["id", "degree"]].round(3).values.tolist()
    [['A', 0.667]]
    """
    if measure not in MEASURES:
        raise PartnergraphError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}")
    if top is not None and top < 0:
        raise PartnergraphError(f"top must be 0 or more, got {top}")
    snap = dataset.snapshot(as_of, include_suspended=include_suspended)
    if kind is not None:
        kind = snap.require_kind(kind)
    if sample is not None and measure not in ("betweenness", "closeness"):
        raise PartnergraphError(f"sample applies to betweenness and closeness, not to {measure}")
    sampled = None
    if measure == "eigenvector":
        G = (projection(snap, project, include_suspended=include_suspended, weighting=weighting, backbone=backbone)
             if project is not None else simple_graph(snap))
        scores = _eigenvector(G, weighted=project is not None)
    else:
        arrays = (projection_pairs(snap, project, include_suspended=include_suspended, weighting=weighting,
                                    backbone=backbone) if project is not None else simple_pairs(snap))
        scores, sampled = _scores_igraph(*arrays, measure, sample)
    out = snap.with_labels(pd.DataFrame({"id": list(scores), measure: [float(v) for v in scores.values()]}))
    if kind is not None:
        out = out[out["kind"] == kind]
    out["_rank"] = out[measure].round(12)
    out = out.sort_values(["_rank", "id"], ascending=[False, True], kind="stable")
    out = out[["id", "label", "kind", measure]].reset_index(drop=True)
    out = out.head(top) if top is not None else out
    if sampled:
        out.attrs["sampled"] = sampled
    return out
