"""Dyads (pairs): which two nodes of a kind share the most (frameworks, exercises), at a date or over a range of dates."""
from __future__ import annotations

import numpy as np
import pandas as pd

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
    as_of : date, optional
        Count at one date (default: the default date, see
        :func:`partnergraph.default_date`).
    between : (first, last), optional
        Count over a range instead (:meth:`Dataset.during`): a node is shared
        when both took part in it at some time in the range, ``(2000, 2009)``
        being 1 January 2000 to 31 December 2009; either end may be None (open).
    include_suspended : bool
        Count suspended ties too.
    top : int, optional
        Keep the first ``top`` lines.

    Returns
    -------
    DataFrame
        Columns ``a``, ``a_label``, ``b``, ``b_label``, ``shared`` (how many
        nodes the two share), one line per pair that shares at least one,
        ``a`` before ``b`` by id; sorted by ``shared`` (most first), then ``a``
        and ``b``.

    Examples
    --------
    >>> top = pairs(pg.load(), "country", via="framework", as_of=2024, top=2)
    >>> top[["a", "b", "shared"]].values.tolist()  # BIH, MDA: PfP, the EAPC, Defence Capacity Building, IPAPs
    [['BIH', 'MDA', 4], ['GEO', 'UKR', 4]]
    """
    if as_of is not None and between is not None:
        raise ValueError("give as_of (one date) or between (a range), not both")
    scope = dataset.full.during(*between) if between is not None else dataset
    ids, a, b, weight = projection_pairs(scope, kind, as_of=as_of, include_suspended=include_suspended, via=via)
    order = np.lexsort((b, a, -weight))  # most shared first; ids are sorted, so positions order by id
    if top is not None:
        order = order[:top]
    labels = dataset.labels()
    frame = pd.DataFrame({"a": ids[a[order]], "b": ids[b[order]], "shared": weight[order].astype(np.int64)})
    frame.insert(1, "a_label", frame["a"].map(labels).to_numpy())
    frame.insert(3, "b_label", frame["b"].map(labels).to_numpy())
    frame.attrs["pairs"] = len(weight)  # how many pairs share something, before ``top``
    return frame
