"""A summary of a dataset: counts per kind and relation, the date range, the sources."""
from __future__ import annotations

from urllib.parse import urlsplit

import numpy as np
import pandas as pd

from .asof import parse_date, within
from .columns import per_distinct

__all__ = ["info"]


def info(dataset, *, as_of=None) -> dict:
    """What a dataset holds.

    The counts are of the full dataset (every node and edge, of every date),
    even when ``dataset`` is a snapshot; only ``current`` and ``suspended``
    depend on the date.

    Parameters
    ----------
    dataset : Dataset
    as_of : year, month or ISO date, optional
        The date the ``current`` and ``suspended`` counts refer to; ``None`` means the dataset's
        own date, or for a loaded dataset the default date
        (:func:`partnergraph.asof.default_date`). With no date at all (undated
        data), every edge is current.

    Returns
    -------
    dict
        ``name``, ``title``, ``path``, ``as_of`` (ISO date, None when undated),
        ``coverage`` (the declared coverage as written, or None),
        ``inactive_statuses`` (sorted), ``content_hash``;
        ``kinds`` (DataFrame: kind, nodes; kinds in order of first appearance);
        ``relations`` (DataFrame: relation, u_kind, v_kind, edges, current,
        suspended, dated, sourced: ``current`` counts the edges that hold on
        the date by the one time rule, and ``suspended`` those of them whose
        status is inactive); ``dates`` (a dict: ``first`` and ``last``, the
        earliest and latest date any edge or node begins or ends, as written in
        the data, None when there is none); ``sources`` (DataFrame: source
        site, edges; a URL counts by its site, any other citation as written),
        most cited first, ties by source.

    Raises
    ------
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Aland", "Borduria", "F"]})
    >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B", "B"], "v": "f",
    ...                       "since": ["2000", "2001", "2003-05"], "until": [None, "2003-05", None],
    ...                       "status": ["active", "active", "suspended"],
    ...                       "source": ["https://example.org/a", "https://example.org/b", "Treaty of X"]})
    >>> summary = info(pg.Dataset(nodes, edges, name="demo"))
    >>> summary["as_of"], summary["dates"], summary["sources"].values.tolist()
    ('2003-12-31', {'first': '2000', 'last': '2003-05'}, [['example.org', 2], ['Treaty of X', 1]])
    >>> summary["relations"].values.tolist()
    [['memberships', 'country', 'framework', 3, 2, 1, 3, 3]]
    >>> summary = info(pg.load(), as_of=2024)
    >>> list(summary["relations"].columns)
    ['relation', 'u_kind', 'v_kind', 'edges', 'current', 'suspended', 'dated', 'sourced']
    """
    full = dataset.full
    if as_of is not None:
        full.check_coverage(as_of)
    when = parse_date(as_of) if as_of is not None else (dataset.date or full.default_date())
    nodes, edges = full.nodes, full.edges

    kinds = nodes.groupby("kind", sort=False).size().rename("nodes").reset_index()

    _, _, start, end = full.windows
    current = within(start, end, when) if when else np.ones(len(edges), dtype=bool)
    active = pd.Series(current, index=edges.index)
    paused = pd.Series(current & full.inactive(), index=edges.index)
    per_rel = pd.DataFrame({
        "relation": edges["relation"],
        "active": active,
        "paused": paused,
        "dated": edges["since"].notna() | edges["until"].notna(),
        "sourced": edges["source"].notna(),
    }).groupby("relation", sort=False).agg(edges=("active", "size"), current=("active", "sum"), suspended=("paused", "sum"),
                                            dated=("dated", "sum"), sourced=("sourced", "sum"))
    relations = full.relations[["relation", "u_kind", "v_kind"]].merge(
        per_rel.reset_index(), on="relation", how="left").fillna({"edges": 0, "current": 0, "suspended": 0, "dated": 0, "sourced": 0})
    for c in ("edges", "current", "suspended", "dated", "sourced"):
        relations[c] = relations[c].astype(int)

    # the range as written: the stamp whose first day is earliest, and the one whose last day is latest (a bare
    # year stands for all of it: "2004" ends after "2004-03-29", though it sorts before it as text)
    stamps = pd.concat([t[c] for t in (edges, nodes) for c in ("since", "until") if c in t]).dropna().astype(str)
    stamps = stamps[stamps.str.strip() != ""].reset_index(drop=True)
    first = last = None
    if len(stamps):
        from .asof import date_bounds

        low, high = date_bounds(stamps)
        readable = ~np.isnat(low)
        if readable.any():
            first = stamps[readable].iloc[int(np.argmin(low[readable]))]
            last = stamps[readable].iloc[int(np.argmax(high[readable]))]

    sites = pd.Series(per_distinct(edges["source"].dropna(), _site), dtype=object)
    sources = sites.value_counts().rename_axis("source").rename("edges").reset_index()
    sources = sources.sort_values(["edges", "source"], ascending=[False, True], kind="stable").reset_index(drop=True)

    return {
        "name": full.name,
        "title": full.title,
        "path": full.path,
        "as_of": when.isoformat() if when else None,
        "coverage": full.coverage_text(),
        "inactive_statuses": sorted(full.inactive_statuses),
        "content_hash": full.content_hash(),
        "kinds": kinds,
        "relations": relations,
        "dates": {"first": first, "last": last},
        "sources": sources,
    }


def _site(source: str) -> str:
    """The web site of a source URL, or the citation itself when it is not a URL."""
    parts = urlsplit(source)
    return parts.netloc.lower() if parts.scheme in ("http", "https") and parts.netloc else source
