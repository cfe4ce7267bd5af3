"""One-mode projections: nodes of one kind linked by what they share, weighted and filtered to a backbone."""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import PartnergraphError

if TYPE_CHECKING:  # networkx is imported where a graph is built (a table query needs none)
    import networkx as nx

__all__ = ["projection", "projected", "backbone", "WEIGHTINGS"]


#: How a projection weighs a pair: shared neighbours counted, each shared neighbour of degree d counted
#: 1/(d - 1) (Newman 2001), or the shared neighbours over those either has (Jaccard).
WEIGHTINGS = ("count", "newman", "jaccard")



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
        Every ``kind`` node alive on the date, linked or not; ``weight`` on each
        link (an int for ``count``, a float otherwise) and ``distance`` =
        1/weight, so sharing more makes two nodes closer.

    Raises
    ------
    PartnergraphError
        ``weighting`` is unknown; ``kind`` or ``via`` is not a kind of the
        dataset; ``backbone`` is not a level above 0 and at most 1 (checked
        only when the projection has at least one link).
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    See Also
    --------
    projected : the same projection as a dataset, for the map and the exports.
    backbone : the disparity filter.

    Examples
    --------
    Aland and Borduria are both in F and G, Carpania in G only; Dorland is in nothing:

    >>> nodes = pd.DataFrame({"id": ["A", "B", "C", "D", "f", "g"], "kind": ["country"] * 4 + ["framework"] * 2,
    ...                       "label": ["Aland", "Borduria", "Carpania", "Dorland", "F", "G"]})
    >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B", "A", "B", "C"], "v": ["f", "f", "g", "g", "g"],
    ...                       "since": "2000", "until": None, "source": None})
    >>> P = projection(pg.Dataset(nodes, edges), "country")
    >>> sorted(P), sorted(P.edges(data="weight"))
    (['A', 'B', 'C', 'D'], [('A', 'B', 2), ('A', 'C', 1), ('B', 'C', 1)])
    >>> sorted(projection(pg.Dataset(nodes, edges), "country", weighting="newman").edges(data="weight"))
    [('A', 'B', 1.5), ('A', 'C', 0.5), ('B', 'C', 0.5)]

    On the bundled data:

    >>> P = projection(pg.load(), "country", as_of=2024)
    >>> P["BHR"]["QAT"]["weight"]
    1
    >>> P["GEO"]["UKR"]["weight"]  # pfp, eapc, eop and the Annual National Programmes
    4
    >>> projection(pg.load(), "country", via="framework", weighting="jaccard", as_of=2024)["GEO"]["UKR"]["weight"]
    0.5
    """
    import networkx as nx

    ids, a, b, weight = projection_pairs(dataset, kind, as_of=as_of, include_suspended=include_suspended, via=via,
                                          weighting=weighting, backbone=backbone)
    P = nx.Graph()
    P.add_nodes_from(ids)
    plain = weighting == "count"
    P.add_edges_from((ids[x], ids[y], {"weight": int(w) if plain else float(w), "distance": 1.0 / float(w)})
                     for x, y, w in zip(a, b, weight))
    return P


def projected(dataset, kind: str, *, via: str | None = None, weighting: str = "count", backbone: float | None = None,
              as_of=None, include_suspended: bool = False):
    """The one-mode projection as a dataset of its own, for the map and the exports.

    The projection holds on one date, so the dataset is undated (its title
    names the date): a map of it has no year slider, and its edges are not
    sourced (their ``note`` says what they share).

    Parameters
    ----------
    dataset : Dataset
    kind : str
        The kind projected (``country``).
    via, weighting, backbone, as_of, include_suspended
        As for :func:`projection`.

    Returns
    -------
    Dataset
        Nodes: the ``kind`` nodes that have a tie on the date to a node of
        another kind (of kind ``via``, if given), shared or not, without their
        ``since`` and ``until``. Edges: one ``shares`` edge per linked pair (``u`` before
        ``v`` by id), with its ``weight`` (an int for ``count``, a float
        otherwise) and a ``note``. Named ``<name>-<kind>-projection``; its
        only metadata is its title.

    Raises
    ------
    PartnergraphError
        As for :func:`projection`: an unknown weighting, kind or via kind, or
        a backbone level out of range.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["A", "B", "C", "D", "f", "g"], "kind": ["country"] * 4 + ["framework"] * 2,
    ...                       "label": ["Aland", "Borduria", "Carpania", "Dorland", "F", "G"]})
    >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B", "A", "B", "C"], "v": ["f", "f", "g", "g", "g"],
    ...                       "since": "2000", "until": None, "source": None})
    >>> p = projected(pg.Dataset(nodes, edges, name="demo"), "country", via="framework")
    >>> p.name, p.title, p.date is None
    ('demo-country-projection', 'demo: country projection via framework, as of 2000-12-31', True)
    >>> p.nodes["id"].tolist(), p.edges[["u", "v", "weight"]].values.tolist()
    (['A', 'B', 'C'], [['A', 'B', 2], ['A', 'C', 1], ['B', 'C', 1]])
    """
    from .asof import describe_date
    from .dataset import Dataset

    snap = dataset.snapshot(as_of, include_suspended=include_suspended)
    ids, a, b, weight = projection_pairs(snap, kind, via=via, weighting=weighting, backbone=backbone,
                                          include_suspended=include_suspended)
    kind = snap.require_kind(kind)
    every, node, _ = incidence(snap, kind, via)  # the kind's nodes with a tie on the date to what they would share
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

    Parameters
    ----------
    a, b : numpy.ndarray
        Each link's two ends, as integer positions (0 to n - 1).
    weight : numpy.ndarray
        Each link's weight.
    alpha : float
        The significance level, above 0 and at most 1: the smaller, the fewer links kept.
    n : int, optional
        How many nodes there are (default: one more than the largest position).

    Returns
    -------
    numpy.ndarray
        A boolean array over the links: True for each link kept.

    Raises
    ------
    PartnergraphError
        ``alpha`` is not above 0 and at most 1.

    Examples
    --------
    Node 0 has links of weight 2 and 1: the one of weight 2 carries two thirds of its strength.

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


def incidence(snap, kind: str, via: str | None):
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
    tie = np.unique(via.astype(np.int64) * max(len(ids), 1) + node)  # each (via, node) once, by via
    return ids, tie % max(len(ids), 1), tie // max(len(ids), 1)


def projection_pairs(dataset, kind: str, *, as_of=None, include_suspended: bool = False, via: str | None = None,
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
    ids, node, via = incidence(dataset.snapshot(as_of, include_suspended=include_suspended), kind, via)
    starts = np.flatnonzero(np.r_[True, via[1:] != via[:-1]]) if len(via) else np.empty(0, dtype=np.int64)
    sizes = np.diff(np.r_[starts, len(via)])
    none = np.empty(0, dtype=np.int64)  # a graph where nothing is shared goes through the same steps, to no pairs
    x_parts, y_parts, share_parts = [none], [none], [np.empty(0)]
    for size in np.unique(sizes[sizes > 1]):  # the pairs within each via's members, all vias of one size at once
        members = node[starts[sizes == size][:, None] + np.arange(size)]
        i, j = np.triu_indices(size, 1)
        x_parts.append(members[:, i].ravel())
        y_parts.append(members[:, j].ravel())
        share_parts.append(np.full(members.shape[0] * len(i), 1.0 / (size - 1)))
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

