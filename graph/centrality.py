"""Centrality: who is central, on the whole graph or on a one-mode projection."""
from __future__ import annotations

import networkx as nx
import pandas as pd

from .errors import PartnergraphError
from .vocabulary import MEASURES

__all__ = ["centrality", "projection", "MEASURES"]


def endpoint_pairs(edges: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Each edge's endpoints in id order (lower, higher), whichever way the file wrote them."""
    u, v = edges["u"], edges["v"]
    return u.where(u <= v, v), v.where(u <= v, u)


def simple_graph(snap) -> nx.Graph:
    """The snapshot as a simple undirected graph: every node, one link per linked pair, in sorted order."""
    G = nx.Graph()
    G.add_nodes_from(sorted(snap.nodes["id"]))
    lo, hi = endpoint_pairs(snap.edges)
    G.add_edges_from(sorted({(a, b) for a, b in zip(lo, hi) if a != b}))
    return G


def projection(dataset, kind: str, *, as_of=None, include_suspended: bool = False) -> nx.Graph:
    """The one-mode projection on ``kind``: two nodes are linked when they share neighbours of other kinds.

    The link's ``weight`` is how many neighbours they share (for countries: how
    many frameworks they are both in on the date); ``distance`` is 1/weight,
    so sharing more makes two nodes closer. Suspended ties are left out unless
    ``include_suspended``.

    Examples
    --------
    >>> P = projection(pg.load(), "country", as_of=2024)
    >>> P["BHR"]["QAT"]["weight"]
    1
    >>> P["GEO"]["UKR"]["weight"]  # pfp, eapc and eop
    3
    """
    kind = dataset.require_kind(kind)
    snap = dataset.snapshot(as_of, include_suspended=include_suspended)
    kind_of = snap.nodes.set_index("id")["kind"]
    e = snap.edges
    ku, kv = e["u"].map(kind_of), e["v"].map(kind_of)
    one = e.loc[(ku == kind) & (kv != kind), ["u", "v"]].set_axis(["node", "via"], axis=1)
    two = e.loc[(kv == kind) & (ku != kind), ["v", "u"]].set_axis(["node", "via"], axis=1)
    incidence = pd.concat([one, two]).drop_duplicates()
    pairs = incidence.merge(incidence, on="via")
    pairs = pairs[pairs["node_x"] < pairs["node_y"]]
    weights = pairs.groupby(["node_x", "node_y"]).size()
    P = nx.Graph()
    P.add_nodes_from(sorted(snap.nodes.loc[snap.nodes["kind"] == kind, "id"]))
    P.add_edges_from((a, b, {"weight": int(w), "distance": 1.0 / int(w)}) for (a, b), w in weights.items())
    return P


def _scores(G: nx.Graph, measure: str, weighted: bool) -> dict:
    if G.number_of_nodes() == 0:
        return {}
    if measure == "degree":
        return nx.degree_centrality(G) if G.number_of_nodes() > 1 else {n: 0.0 for n in G}
    if measure == "betweenness":
        return nx.betweenness_centrality(G, weight="distance" if weighted else None)
    if measure == "closeness":
        return nx.closeness_centrality(G, distance="distance" if weighted else None)
    if measure == "eigenvector":
        if G.number_of_edges() == 0:
            return {n: 0.0 for n in G}
        try:
            return nx.eigenvector_centrality(G, max_iter=10_000, tol=1e-10, weight="weight" if weighted else None)
        except nx.PowerIterationFailedConvergence:
            raise PartnergraphError("eigenvector centrality did not converge on this graph; try pagerank") from None
    if measure == "pagerank":
        return nx.pagerank(G, alpha=0.85, weight="weight" if weighted else None, tol=1e-12, max_iter=10_000)
    raise PartnergraphError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}")


def centrality(dataset, measure: str = "degree", *, kind: str | None = None, project: str | None = None,
               as_of=None, top: int | None = None, include_suspended: bool = False) -> pd.DataFrame:
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
    as_of : year, month or ISO date, optional
        Default: the dataset's own date, or for a loaded dataset the default
        date (:func:`partnergraph.asof.default_date`). Only the nodes alive
        on the date are measured.
    top : int, optional
        Keep the first ``top`` lines.
    include_suspended : bool
        Count ties with an inactive status (suspended) too; left out by default.

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
    if project is not None:
        G = projection(snap, project, include_suspended=include_suspended)
        scores = _scores(G, measure, weighted=True)
    else:
        scores = _scores(simple_graph(snap), measure, weighted=False)
    out = snap.with_labels(pd.DataFrame({"id": list(scores), measure: [float(v) for v in scores.values()]}))
    if kind is not None:
        out = out[out["kind"] == kind]
    out["_rank"] = out[measure].round(12)
    out = out.sort_values(["_rank", "id"], ascending=[False, True], kind="stable")
    out = out[["id", "label", "kind", measure]].reset_index(drop=True)
    return out.head(top) if top is not None else out
