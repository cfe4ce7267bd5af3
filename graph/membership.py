"""Membership over time: who is in a framework, which frameworks a country is in, year by year, and what changed."""
from __future__ import annotations

import datetime as _dt

import numpy as np
import pandas as pd

from .asof import active_mask, edge_windows, parse_date

__all__ = ["members", "frameworks", "linked", "timeline", "diff"]

_LINKED = ["id", "label", "kind", "since", "until"]


def linked(dataset, node: str, *, kind: str, as_of=None, history: bool = False) -> pd.DataFrame:
    """The nodes of ``kind`` linked to ``node``, one line per edge (so per membership period).

    Parameters
    ----------
    dataset : Dataset
    node : str
        An id of the dataset.
    kind : str
        The kind of the nodes to list.
    as_of : year or ISO date, optional
        Default: the dataset's own date (today for a loaded dataset).
    history : bool
        List every period ever, whatever the date (a country that left and
        came back has two lines).

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``label``, ``kind``, ``since``, ``until``; sorted by id, then since.

    Raises
    ------
    UnknownIdError
        ``node`` is not an id of the dataset.

    Examples
    --------
    >>> linked(pg.load(), "ngc", kind="country", as_of=2024)[["id", "since"]].values.tolist()
    [['GEO', '2008-09-15']]
    """
    node_kind = dataset.kind_of(node)
    dataset.require_kind(kind)
    source = dataset.full if history else dataset.snapshot(as_of)
    links = source.links(node_kind, kind)
    links = links[links["a"] == node]
    out = source.with_labels(pd.DataFrame({"id": links["b"].to_numpy(), "since": links["since"].to_numpy(),
                                           "until": links["until"].to_numpy()}))[_LINKED]
    out = out.assign(_since=out["since"].fillna("")).sort_values(["id", "_since"], kind="stable")
    return out.drop(columns="_since").reset_index(drop=True)


def members(dataset, framework: str, *, kind: str = "country", as_of=None, history: bool = False) -> pd.DataFrame:
    """The members (countries) of a framework on a date; see :func:`linked`.

    Examples
    --------
    >>> members(pg.load(), "ici", as_of=2024)["id"].tolist()
    ['ARE', 'BHR', 'KWT', 'QAT']
    >>> members(pg.load(), "pfp", history=True).query("id == 'MLT'")[["since", "until"]].values.tolist()
    [['1995-04-26', '1996'], ['2008-04-03', nan]]
    """
    return linked(dataset, framework, kind=kind, as_of=as_of, history=history)


def frameworks(dataset, country: str, *, kind: str = "framework", as_of=None, history: bool = False) -> pd.DataFrame:
    """The frameworks a country is in on a date; see :func:`linked`.

    Examples
    --------
    >>> frameworks(pg.load(), "JPN", as_of=2024)["id"].tolist()
    ['pag']
    >>> frameworks(pg.load(), "FIN", as_of=2022)["id"].tolist()
    ['eapc', 'eop', 'pfp']
    """
    return linked(dataset, country, kind=kind, as_of=as_of, history=history)


def _membership_edges(dataset, framework, member_kind, framework_kind):
    if framework is not None:
        framework_kind = dataset.kind_of(framework)
    dataset.require_kind(member_kind)
    dataset.require_kind(framework_kind)
    links = dataset.full.links(member_kind, framework_kind)
    if framework is not None:
        links = links[links["b"] == framework]
    return links


def timeline(dataset, *, framework: str | None = None, kind: str = "country", frameworks_kind: str = "framework",
             as_of=None) -> pd.DataFrame:
    """Year by year: how many memberships began, ended, and held at the end of the year.

    Counts membership rows (country - framework edges): of one framework, or of
    all of them. A row that began and ended in the same year counts as joined
    and left that year, and not among the members at its end.

    Parameters
    ----------
    framework : str, optional
        One framework's id; default all frameworks.
    kind, frameworks_kind : str
        The kinds of members and of frameworks.
    as_of : year or ISO date, optional
        The last year shown (default: this year).

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``joined``, ``left``, ``members``; one line per year
        from the first year any membership begins to the as-of year.

    Examples
    --------
    >>> t = timeline(pg.load(), framework="md", as_of=2000)
    >>> t.values.tolist()
    [[1995, 6, 0, 6], [1996, 0, 0, 6], [1997, 0, 0, 6], [1998, 0, 0, 6], [1999, 0, 0, 6], [2000, 1, 0, 7]]
    """
    links = _membership_edges(dataset, framework, kind, frameworks_kind)
    last = parse_date(as_of) if as_of is not None else (dataset.date or _dt.date.today())
    start, end = edge_windows(links)
    if len(links) == 0 or np.isnat(start).all():
        return pd.DataFrame(columns=["year", "joined", "left", "members"], dtype=int)
    first = int(start[~np.isnat(start)].astype("datetime64[Y]").astype(int).min()) + 1970
    years = np.arange(first, last.year + 1)
    ends_of_year = np.array([f"{y:04d}-12-31" for y in years], dtype="datetime64[D]")
    # members at the end of each year: started on or before it, not yet ended
    starts = np.sort(start[~np.isnat(start)])
    stops = np.sort(end[~np.isnat(end)])
    undated = int(np.isnat(start).sum())
    held = undated + np.searchsorted(starts, ends_of_year, side="right") - np.searchsorted(stops, ends_of_year, side="right")
    span = len(years)
    offsets = starts.astype("datetime64[Y]").astype(int) + 1970 - first
    joined = np.bincount(offsets[(offsets >= 0) & (offsets < span)], minlength=span)
    offsets = stops.astype("datetime64[Y]").astype(int) + 1970 - first
    left = np.bincount(offsets[(offsets >= 0) & (offsets < span)], minlength=span)
    return pd.DataFrame({"year": years, "joined": joined, "left": left, "members": held}).astype(int)


def diff(dataset, date1, date2) -> pd.DataFrame:
    """The edges added and removed between two dates.

    An edge is *added* when it is active on ``date2`` but not on ``date1``, and
    *removed* the other way round; an edge that began and ended in between is
    in neither.

    Returns
    -------
    pandas.DataFrame
        Columns ``change`` (``added`` or ``removed``), ``relation``, ``u``, ``v``,
        ``since``, ``until``; added first, then by relation, u, v.

    Examples
    --------
    >>> d = diff(pg.load(), 2022, 2024)
    >>> d[d["relation"] == "memberships"][["change", "u", "v"]].head(3).values.tolist()
    [['added', 'BIH', 'dcb'], ['added', 'UKR', 'nuc'], ['removed', 'FIN', 'eapc']]
    """
    edges = dataset.full.edges
    before = active_mask(edges, date1)
    after = active_mask(edges, date2)
    cols = ["relation", "u", "v", "since", "until"]
    added = edges.loc[after & ~before, cols].assign(change="added")
    removed = edges.loc[before & ~after, cols].assign(change="removed")
    out = pd.concat([added, removed], ignore_index=True)[["change", *cols]]
    out["_order"] = out["change"].map({"added": 0, "removed": 1})
    out = out.sort_values(["_order", "relation", "u", "v"], kind="stable").drop(columns="_order")
    return out.reset_index(drop=True)
