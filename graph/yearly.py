"""Structure over time: the network's shape year by year (:func:`evolution`).

Each year is read at its last day (the default date for the data's last year),
by the one time rule (:mod:`partnergraph.asof`): a tie counts when its own dates
and both ends' lifetimes hold the day and its status is active. All years are
computed from the tables' windows at once; no networkx graph is built.
"""
from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from .errors import PartnergraphError

__all__ = ["evolution", "EVOLUTION_COLUMNS"]

#: The columns of :func:`evolution`, in order.
EVOLUTION_COLUMNS = ["year", "date", "nodes", "ties", "linked", "components", "mean_degree", "density",
                     "projection_ties", "projection_density", "transitivity", "churn"]


#: Up to this many nodes, transitivity is counted on a dense matrix (BLAS); above, by igraph.
DENSE_TRANSITIVITY = 4000


def _transitivity(n: int, a: np.ndarray, b: np.ndarray) -> float:
    """The global clustering coefficient (3 x triangles / connected triples) of a simple graph; NaN without triples.

    >>> _transitivity(4, np.array([0, 0, 1, 2]), np.array([1, 2, 2, 3]))  # a triangle and a tail: 3 x 1 / 5
    0.6
    """
    if not len(a):
        return float("nan")
    if n <= DENSE_TRANSITIVITY:  # A @ A by BLAS: exact in float32 (whole counts under 2**24), summed in float64
        adjacency = np.zeros((n, n), dtype=np.float32)
        adjacency[a, b] = adjacency[b, a] = 1.0
        closed = float(((adjacency @ adjacency) * adjacency).sum(dtype=np.float64))  # 6 x triangles
        degree = adjacency.sum(axis=1, dtype=np.float64)
        triples = float((degree * (degree - 1) / 2).sum())
        return closed / 2 / triples if triples else float("nan")
    import igraph

    return float(igraph.Graph(n=n, edges=np.column_stack([a, b]).tolist()).transitivity_undirected(mode="nan"))


def evolution(dataset, kind: str = "country", via: str = "framework", *, first=None, last=None,
              include_suspended: bool = False) -> pd.DataFrame:
    """One row per year: how many nodes and ties, how dense, how clustered, how much changed since the year before.

    Parameters
    ----------
    dataset : Dataset
        Read whole, whatever its date.
    kind, via : str
        The two-mode part measured (countries in frameworks): ``density`` is its
        ties over ``kind`` x ``via`` nodes alive; the projection links two
        ``kind`` nodes that share a ``via`` node.
    first, last : int, optional
        The first and last years shown (both included). Default: from the
        first year any date of the data names to the default date's year
        (:func:`partnergraph.asof.default_date`; without one, the last year
        any date names).
    include_suspended : bool
        Count suspended ties as ties.

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``date`` (the day read: 31 December, or the default
        date in its own year when it comes earlier), ``nodes`` (alive), ``ties``
        (active, every relation), ``linked`` (nodes with an active tie),
        ``components`` (connected parts among the linked nodes), ``mean_degree``
        (2 x ties / linked), ``density`` (the kind-via ties over the possible
        ones), ``projection_ties`` and ``projection_density`` (pairs of ``kind``
        nodes sharing a ``via`` node, over the possible pairs), ``transitivity``
        (of the projection: 3 x triangles / connected triples; NaN without a
        triple) and ``churn`` (1 minus the Jaccard similarity of the year's
        active ties to the year before's; NaN the first year).

    Raises
    ------
    PartnergraphError
        ``kind`` or ``via`` is not a kind of the dataset, or both are the same
        kind; ``first`` is after ``last``; the data names no date and
        ``first`` or ``last`` is not given.
    ValueError
        ``first`` or ``last`` is a text that is not a whole number (``int()``'s own error).

    Examples
    --------
    Aland joins F in 2000; Borduria joins F, and Aland G, in 2001; Carpania joins G in 2002:

    >>> nodes = pd.DataFrame({"id": ["A", "B", "C", "f", "g"], "kind": ["country"] * 3 + ["framework"] * 2,
    ...                       "label": ["Aland", "Borduria", "Carpania", "F", "G"]})
    >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B", "A", "C"], "v": ["f", "f", "g", "g"],
    ...                       "since": ["2000", "2001", "2001", "2002"], "until": None, "source": None})
    >>> e = evolution(pg.Dataset(nodes, edges))
    >>> e[["year", "ties", "linked", "projection_ties"]].values.tolist()
    [[2000, 1, 2, 0], [2001, 3, 4, 1], [2002, 4, 5, 2]]
    >>> e["density"].round(3).tolist(), e["churn"].round(3).tolist()
    ([0.167, 0.5, 0.667], [nan, 0.667, 0.25])
    """
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components

    from .asof import within

    full = dataset.full
    kind, via = full.require_kind(kind), full.require_kind(via)
    if kind == via:
        raise PartnergraphError(f"kind and via must be two different kinds, got {kind} twice")
    node_start, node_end, edge_start, edge_end = full.windows
    default = full.default_date()
    dated = np.concatenate([d[~np.isnat(d)] for d in (edge_start, edge_end, node_start, node_end)])
    span = dated.astype("datetime64[Y]").astype(int) + 1970
    for name, year in (("first", first), ("last", last)):
        if year is not None and (isinstance(year, bool) or not str(year).strip().isdigit()):
            raise PartnergraphError(f"{name} must be a year (a whole number), got {year!r}")
    first = int(first) if first is not None else (int(span.min()) if len(span) else (default.year if default else None))
    last = int(last) if last is not None else (default.year if default else (int(span.max()) if len(span) else None))
    if first is None or last is None:
        raise PartnergraphError("the data names no date: give the years (first, last)")
    if first > last:
        raise PartnergraphError(f"the first year ({first}) is after the last ({last})")
    ids = full.nodes["id"].astype(str)
    kinds = full.nodes["kind"].astype(str).to_numpy()
    index = pd.Index(ids)
    u = index.get_indexer(full.edges["u"].astype(str))
    v = index.get_indexer(full.edges["v"].astype(str))
    usable = ~full.inactive() if not include_suspended else np.ones(len(u), dtype=bool)
    is_kind, is_via = kinds == kind, kinds == via
    two_mode = (is_kind[u] & is_via[v]) | (is_via[u] & is_kind[v])
    member = np.where(is_kind[u], u, v)  # the kind end of a two-mode tie
    place = np.where(is_kind[u], v, u)   # its via end
    n = len(ids)
    rows, previous = [], None
    for year in range(first, last + 1):
        day = _dt.date(year, 12, 31)
        if default is not None and year == default.year and default < day:
            day = default
        alive = within(node_start, node_end, day)
        active = within(edge_start, edge_end, day) & usable
        ties = int(active.sum())
        ends = np.concatenate([u[active], v[active]])
        linked_mask = np.zeros(n, dtype=bool)
        linked_mask[ends] = True
        linked = int(linked_mask.sum())
        if ties:
            graph = sparse.coo_matrix((np.ones(ties), (u[active], v[active])), shape=(n, n))
            _, label = connected_components(graph, directed=False)
            components = len(np.unique(label[linked_mask]))
        else:
            components = 0
        kinds_alive = int((alive & is_kind).sum()), int((alive & is_via).sum())
        chosen = active & two_mode
        pairs = np.unique(np.column_stack([member[chosen], place[chosen]]), axis=0) if chosen.any() else \
            np.empty((0, 2), dtype=np.int64)
        density = len(pairs) / (kinds_alive[0] * kinds_alive[1]) if kinds_alive[0] and kinds_alive[1] else float("nan")
        if len(pairs):
            m = sparse.csr_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(n, n))
            shared = sparse.triu(m @ m.T, k=1).tocoo()
            pa, pb = shared.row, shared.col
        else:
            pa = pb = np.empty(0, dtype=np.int64)
        possible = kinds_alive[0] * (kinds_alive[0] - 1) / 2
        if len(pa):
            members, local = np.unique(np.concatenate([pa, pb]), return_inverse=True)
            transitivity = _transitivity(len(members), local[:len(pa)], local[len(pa):])
        else:
            transitivity = float("nan")
        churn = float("nan")
        if previous is not None:
            union = int((active | previous).sum())
            churn = 1 - int((active & previous).sum()) / union if union else 0.0
        previous = active
        rows.append((year, day.isoformat(), int(alive.sum()), ties, linked, components,
                     2 * ties / linked if linked else float("nan"), density, len(pa),
                     len(pa) / possible if possible else float("nan"), transitivity, churn))
    return pd.DataFrame(rows, columns=EVOLUTION_COLUMNS)
