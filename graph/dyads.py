"""Dyads (pairs): which two nodes of a kind share the most (frameworks, exercises), at a date or over a range of
dates."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import PartnergraphError
from .projections import projection_pairs

__all__ = ["pairs"]


def pairs(dataset, kind: str = "country", *, via: str | None = None, as_of=None, between=None,
          include_suspended: bool = False, top: int | None = None) -> pd.DataFrame:
    """Pairs of ``kind`` nodes ranked by how many nodes they share: who exercised together most, which countries
    sit in the most frameworks together.

    Parameters
    ----------
    dataset : Dataset
    kind : str
        The kind whose pairs are counted (``country``).
    via : str, optional
        Count only shared nodes of this kind (``exercise``, ``framework``);
        by default every other kind the pair links to.
    as_of : year, month or ISO date, optional
        Count at one date. Default: the dataset's own date, or for a loaded
        dataset the default date (:func:`partnergraph.default_date`).
    between : (first, last), optional
        Count over a range instead (:meth:`Dataset.during`, always of the full
        dataset): a node is shared when both took part in it at some time in
        the range, ``(2000, 2009)`` being 1 January 2000 to 31 December 2009;
        either end may be None (open).
    include_suspended : bool
        Count suspended ties too.
    top : int, optional
        Keep the first ``top`` lines.

    Returns
    -------
    pandas.DataFrame
        Columns ``a``, ``a_label``, ``b``, ``b_label``, ``shared`` (how many
        nodes the two share), one line per pair that shares at least one,
        ``a`` before ``b`` by id; sorted by ``shared`` (most first), then ``a``
        and ``b``. ``attrs["pairs"]`` says how many pairs share something, before ``top``.

    Raises
    ------
    PartnergraphError
        Both ``as_of`` and ``between`` are given, ``top`` is below 0, or
        ``kind`` or ``via`` is not a kind of the dataset.
    DateError
        ``as_of`` or an end of ``between`` is not a year, a month or an ISO
        date, or the range ends before it begins.

    See Also
    --------
    partnergraph.projection : the same pairs as a weighted graph (``shared`` is its ``count`` weight).
    partnergraph.similarity : how alike two nodes' ties are, not only how many they share.

    Examples
    --------
    Borduria leaves F in 2003 and joins G in 2005: in 2004 it shares nothing,
    over 2000-2009 both frameworks with Aland.

    >>> nodes = pd.DataFrame({"id": ["A", "B", "C", "f", "g"], "kind": ["country"] * 3 + ["framework"] * 2,
    ...                       "label": ["Aland", "Borduria", "Carpania", "F", "G"]})
    >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B", "A", "B", "C"], "v": ["f", "f", "g", "g", "g"],
    ...                       "since": ["2000", "2000", "2000", "2005", "2000"],
    ...                       "until": [None, "2003", None, None, None], "source": None})
    >>> ds = pg.Dataset(nodes, edges)
    >>> pairs(ds, as_of=2004)[["a", "b", "shared"]].values.tolist()
    [['A', 'C', 1]]
    >>> pairs(ds, between=(2000, 2009))[["a", "b", "shared"]].values.tolist()
    [['A', 'B', 2], ['A', 'C', 1], ['B', 'C', 1]]
    >>> top = pairs(ds, between=(2000, 2009), top=1)
    >>> top.values.tolist(), top.attrs["pairs"]
    ([['A', 'Aland', 'B', 'Borduria', 2]], 3)
    """
    if as_of is not None and between is not None:
        raise PartnergraphError("give as_of (one date) or between (a range), not both")
    scope = dataset.full.during(*between) if between is not None else dataset
    ids, a, b, weight = projection_pairs(scope, kind, as_of=as_of, include_suspended=include_suspended, via=via)
    order = np.lexsort((b, a, -weight))  # most shared first; ids are sorted, so positions order by id
    if top is not None:
        if top < 0:
            raise PartnergraphError(f"top must be 0 or more, got {top}")
        order = order[:top]
    labels = dataset.labels()
    frame = pd.DataFrame({"a": ids[a[order]], "b": ids[b[order]], "shared": weight[order].astype(np.int64)})
    frame.insert(1, "a_label", frame["a"].map(labels).to_numpy())
    frame.insert(3, "b_label", frame["b"].map(labels).to_numpy())
    frame.attrs["pairs"] = len(weight)  # how many pairs share something, before ``top``
    return frame
