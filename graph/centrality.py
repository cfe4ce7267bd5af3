"""Centrality: who is central, on the whole graph or on a one-mode projection."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import PartnergraphError
from .vocabulary import MEASURES

if TYPE_CHECKING:  # networkx is imported where a graph is built (a table query needs none)
    import networkx as nx

__all__ = ["centrality", "projection", "projected", "pivots_for", "MEASURES", "WEIGHTINGS", "backbone"]

#: How a projection weighs a pair: shared neighbours counted, each shared neighbour of degree d counted
#: 1/(d - 1) (Newman 2001), or the shared neighbours over those either has (Jaccard).
WEIGHTINGS = ("count", "newman", "jaccard")


def endpoint_pairs(edges: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each edge's endpoints in id order (lower, higher), whichever way the file wrote them."""
    u, v = edges["u"], edges["v"]
    return u.where(u <= v, v), v.where(u <= v, u)


def simple_graph(snap) -> nx.Graph:
    """The snapshot as a simple undirected graph: every node, one link per linked pair, in sorted order."""
    import networkx as nx

    ids, a, b, _ = simple_pairs(snap)
    G = nx.Graph()
    G.add_nodes_from(ids.tolist())
    G.add_edges_from(zip(ids[a].tolist(), ids[b].tolist()))
    return G


def simple_pairs(snap):
    """The dataset as a simple undirected graph in arrays, from the edge table: the node ids in sorted order, and
    per linked pair the positions of its two nodes (lower first), each pair once, in id order; no weights (None).

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


def projection(dataset, kind: str, *, via: str | None = None, weighting: str = "count", backbone: float | None = None,
               as_of=None, include_suspended: bool = False) -> nx.Graph:
    """The one-mode projection on ``kind``: two nodes are linked when they share neighbours of other kinds.

    Parameters
    ----------
    dataset : Dataset
    kind : str
        The kind projected (``country``).
    via : str, optional
        Count only shared neighbours of this kind (``framework``); default every other kind.
    weighting : {"count", "newman", "jaccard"}
        The link's ``weight``: how many neighbours the two share (for countries:
        how many frameworks they are both in on the date); Newman's collaboration
        weight, the sum over the shared neighbours of 1/(d - 1), d a neighbour's
        number of ``kind`` nodes, so a small framework binds more than a large one;
        or the Jaccard overlap, shared over either's.
    backbone : float, optional
        Keep only the links the disparity filter finds significant at this
        level for at least one end (:func:`backbone`).
    as_of, include_suspended
        As for every query; suspended ties are left out unless ``include_suspended``.

    Returns
    -------
    networkx.Graph
        Every ``kind`` node alive on the date; ``weight`` on each link and
        ``distance`` = 1/weight, so sharing more makes two nodes closer.

    Examples
    --------
    >>> P = projection(pg.load(), "country", as_of=2024)
    >>> P["BHR"]["QAT"]["weight"]
    1
    >>> P["GEO"]["UKR"]["weight"]  # pfp, eapc, eop and the Annual National Programmes
    4
    >>> projection(pg.load(), "country", via="framework", weighting="jaccard", as_of=2024)["GEO"]["UKR"]["weight"]
    0.5
    """
    import networkx as nx

    ids, a, b, weight = _projection_pairs(dataset, kind, as_of=as_of, include_suspended=include_suspended, via=via,
                                          weighting=weighting, backbone=backbone)
    P = nx.Graph()
    P.add_nodes_from(ids)
    plain = weighting == "count"
    P.add_edges_from((ids[x], ids[y], {"weight": int(w) if plain else float(w), "distance": 1.0 / float(w)})
                     for x, y, w in zip(a, b, weight))
    return P


def projected(dataset, kind: str, *, via: str | None = None, weighting: str = "count", backbone: float | None = None,
              as_of=None, include_suspended: bool = False):
    """The one-mode projection as a dataset of its own, for the map and the exports: ``kind`` nodes alive on the
    date, one ``shares`` edge per linked pair with its ``weight`` (:func:`projection`'s weighting and backbone).

    The projection holds on one date, so the dataset is undated (its title names the date): a map of it has
    no year slider, and its edges are not sourced (their ``note`` says what they share).

    Examples
    --------
    >>> p = projected(pg.load(), "country", via="framework", as_of=2024)
    >>> p.title, len(p.edges), p.edges.loc[(p.edges["u"] == "GEO") & (p.edges["v"] == "UKR"), "weight"].item()
    ("NATO's partnerships with non-member countries: country projection via framework, as of 2024-12-31", 194, 4)
    """
    from .asof import describe_date
    from .dataset import Dataset

    snap = dataset.snapshot(as_of, include_suspended=include_suspended)
    ids, a, b, weight = _projection_pairs(snap, kind, via=via, weighting=weighting, backbone=backbone,
                                          include_suspended=include_suspended)
    kind = snap.require_kind(kind)
    every, node, _ = _incidence(snap, kind, via)  # the kind's nodes with a tie on the date to what they would share
    keep = (snap.nodes["kind"] == kind).to_numpy() & snap.nodes["id"].isin(every[np.unique(node)]).to_numpy()
    nodes = snap.nodes[keep].drop(columns=["since", "until"], errors="ignore")
    shared = f"{snap.kind_spelling(via)} nodes" if via is not None else "neighbours"
    edges = pd.DataFrame({"relation": "shares", "u": ids[a], "v": ids[b],
                          "weight": weight.astype(np.int64) if weighting == "count" else weight.astype(float),
                          "note": f"{weighting} weight of the {shared} both are tied to"})
    title = (f"{dataset.full.title}: {kind} projection via {snap.kind_spelling(via) if via else 'every other kind'}"
             f"{', backbone at ' + str(backbone) if backbone is not None else ''}, {describe_date(snap.date)}")
    return Dataset(nodes.reset_index(drop=True), edges, name=f"{dataset.full.name or 'data'}-{kind}-projection",
                   meta={"title": title})


def backbone(a: np.ndarray, b: np.ndarray, weight: np.ndarray, alpha: float, n: int | None = None) -> np.ndarray:
    """Which links of a weighted graph the disparity filter keeps (Serrano, Boguñá and Vespignani 2009).

    For a node of strength s (its weights summed) and degree k, a link of
    weight w is significant when ``(1 - w/s) ** (k - 1) < alpha``: it carries
    more of the node's weight than k - 1 links drawn at random would. A link is
    kept when it is significant for at least one of its ends (a node of one
    link gives 1, never significant from its side).

    >>> backbone(np.array([0, 0, 1, 2]), np.array([1, 2, 2, 3]), np.array([2.0, 1, 1, 1]), 0.4).tolist()
    [True, False, False, False]
    """
    if not 0 < alpha <= 1:
        raise PartnergraphError(f"the backbone's alpha is a level between 0 and 1, got {alpha}")
    if not len(a):
        return np.zeros(0, dtype=bool)
    n = int(max(a.max(), b.max()) + 1) if n is None else n
    w = np.asarray(weight, dtype=float)
    strength = np.bincount(a, w, n) + np.bincount(b, w, n)
    degree = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        from_a = (1 - w / strength[a]) ** (degree[a] - 1)
        from_b = (1 - w / strength[b]) ** (degree[b] - 1)
    return (from_a < alpha) | (from_b < alpha)


_disparity_filter = backbone  # the name inside functions whose ``backbone`` argument is an alpha


def _incidence(snap, kind: str, via: str | None):
    """The ties of ``kind`` nodes to other nodes (of kind ``via`` only, if given) in a snapshot, each pair once: the
    sorted ids of the kind's nodes, and per tie the node's position in them and the other end's code, by code."""
    kind = snap.require_kind(kind)
    via = snap.require_kind(via) if via is not None else None
    ids = np.sort(snap.nodes.loc[snap.nodes["kind"] == kind, "id"].to_numpy(dtype=object))
    ku, kv, names = snap.endpoint_kinds()
    k = names.index(kind) if kind in names else -2
    e = snap.edges
    if via is None:
        one = (ku == k) & (kv != k)
        two = (kv == k) & (ku != k)
    else:
        w = names.index(via) if via in names else -3
        one = (ku == k) & (kv == w) & (w != k)
        two = (kv == k) & (ku == w) & (w != k)
    index = pd.Index(ids)
    node = np.concatenate([index.get_indexer(e["u"][one]), index.get_indexer(e["v"][two])])
    via, _ = pd.factorize(np.concatenate([e["v"].to_numpy(dtype=object)[one], e["u"].to_numpy(dtype=object)[two]]))
    incidence = np.unique(via.astype(np.int64) * max(len(ids), 1) + node)  # each (via, node) once, by via
    return ids, incidence % max(len(ids), 1), incidence // max(len(ids), 1)


def _projection_pairs(dataset, kind: str, *, as_of=None, include_suspended: bool = False, via: str | None = None,
                      weighting: str = "count", backbone: float | None = None):
    """The projection on ``kind`` as arrays: the sorted ids of the kind's nodes, and per linked pair the positions
    of its two nodes in the ids (lower first) and its weight (``weighting``: how many neighbours they share, of kind
    ``via`` only if given; Newman's; Jaccard's); pairs in id order, only the backbone's if ``backbone`` (an alpha)
    is given."""
    if weighting not in WEIGHTINGS:
        raise PartnergraphError(f"unknown weighting {weighting!r}; choose one of {', '.join(WEIGHTINGS)}")
    dataset.require_kind(kind)
    if via is not None:
        dataset.require_kind(via)
    ids, node, via = _incidence(dataset.snapshot(as_of, include_suspended=include_suspended), kind, via)
    starts = np.flatnonzero(np.r_[True, via[1:] != via[:-1]]) if len(via) else np.empty(0, dtype=np.int64)
    sizes = np.diff(np.r_[starts, len(via)])
    x_parts, y_parts, share_parts = [], [], []
    for size in np.unique(sizes[sizes > 1]):  # the pairs within each via's members, all vias of one size at once
        members = node[starts[sizes == size][:, None] + np.arange(size)]
        i, j = np.triu_indices(size, 1)
        x_parts.append(members[:, i].ravel())
        y_parts.append(members[:, j].ravel())
        share_parts.append(np.full(members.shape[0] * len(i), 1.0 / (size - 1)))
    if not x_parts:
        empty = np.empty(0, dtype=np.int64)
        return ids, empty, empty, empty
    pair = np.concatenate(x_parts) * len(ids) + np.concatenate(y_parts)  # members are sorted: x < y
    pair, at, weight = np.unique(pair, return_inverse=True, return_counts=True)
    x, y = pair // len(ids), pair % len(ids)
    if weighting == "newman":
        weight = np.bincount(at, weights=np.concatenate(share_parts), minlength=len(pair))
    elif weighting == "jaccard":
        degree = np.bincount(node, minlength=len(ids))  # how many via nodes each is tied to
        weight = weight / (degree[x] + degree[y] - weight)
    if backbone is not None:  # the argument is an alpha; the filter is the module's backbone()
        keep = _disparity_filter(x, y, weight, backbone, len(ids))
        x, y, weight = x[keep], y[keep], weight[keep]
    return ids, x, y, weight


#: How many pivots ``sample="auto"`` takes: about this many node-and-edge visits in all (a minute on the
#: benchmark's 2-core machine; see tests/bench/bench_centrality.py), never fewer than MIN_PIVOTS.
AUTO_VISITS = 1.2e9
MIN_PIVOTS = 100
#: The seed of the pivots' draw, so a sampled estimate is the same every run.
PIVOT_SEED = 0


def _igraph(ids, a, b, weight):
    """An igraph graph of those arrays, with ``weight`` and ``distance`` (1/weight) edge attributes when weighted."""
    import igraph as ig

    g = ig.Graph(n=len(ids), edges=np.column_stack([a, b]))
    if weight is None:
        return g
    g.es["weight"] = weight.astype(float).tolist()
    g.es["distance"] = (1.0 / weight).tolist()
    return g


def pivots_for(sample, n: int, m: int) -> int:
    """How many pivots (source nodes) a sampled betweenness or closeness uses: ``n`` means exact.

    ``sample`` is None (exact), a number of pivots, or ``"auto"``: enough pivots
    for about :data:`AUTO_VISITS` node-and-edge visits, at least :data:`MIN_PIVOTS`;
    a graph small enough is measured exactly.

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
    k = int(sample)
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
    :func:`_projection_pairs` (degree counted from the arrays, the rest by igraph); and the sampling used (None:
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
    g = _igraph(ids, a, b, weight)
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
        whole graph). Default: all nodes.
    project : str, optional
        Compute the measure on the one-mode projection on this kind instead
        (see :func:`projection`; weights count shared neighbours).
    weighting, backbone
        The projection's weights and backbone filter (:func:`projection`).
    as_of : year, month or ISO date, optional
        Default: the dataset's own date, or for a loaded dataset the default
        date (:func:`partnergraph.asof.default_date`). Only the nodes alive
        on the date are measured.
    top : int, optional
        Keep the first ``top`` lines.
    include_suspended : bool
        Count ties with an inactive status (suspended) too; left out by default.
    sample : int or "auto", optional
        Betweenness and closeness only: estimate from this many pivot nodes,
        drawn with a fixed seed (:func:`pivots_for`; ``"auto"`` picks a number
        that takes about a minute on a large graph and measures a small one
        exactly). The result's ``attrs["sampled"]`` then says how many pivots
        of how many nodes were used.

    The measures are computed by igraph on a graph built straight from the
    edge tables (eigenvector centrality by networkx), with networkx's
    definitions and normalisation: both give the same values.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``label``, ``kind``, ``<measure>``; highest first, ties
        broken by id.

    Examples
    --------
    >>> centrality(pg.load(), "degree", kind="framework", as_of=2024, top=3)["id"].tolist()
    ['eapc', 'pfp', 'md']
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
        arrays = (_projection_pairs(snap, project, include_suspended=include_suspended, weighting=weighting,
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
