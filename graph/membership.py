"""Membership over time: who is in a framework, which frameworks a country is in, year by year, and what changed."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .asof import parse_date, within
from .errors import PartnergraphError, a_kind

__all__ = ["members", "frameworks", "linked", "timeline", "diff"]

_LINKED = ["id", "label", "kind", "since", "until", "status"]


def linked(dataset, node: str, *, kind: str, as_of=None, history: bool = False) -> pd.DataFrame:
    """The nodes of ``kind`` linked to ``node``, one line per edge (so per membership period), with its status.

    A listing of who formally belongs: ties with an inactive status
    (``suspended``) are listed, and the ``status`` column says so. On a date,
    ``since`` and ``until`` are those of the whole membership: back-to-back
    periods of the same pair (an active period, then a suspended one) are one
    membership, so Russia has been in the Partnership for Peace since 1994,
    suspended since 2014; ``history=True`` lists each period with its own
    dates and status.

    Parameters
    ----------
    dataset : Dataset
    node : str
        An id or a label.
    kind : str
        The kind of the nodes to list (compared case-insensitively).
    as_of : year, month or ISO date, optional
        Default: the dataset's own date, or for a loaded dataset the default
        date (:func:`partnergraph.asof.default_date`). Undated data with no
        default date lists every period, as ``history`` does.
    history : bool
        List every period ever, whatever the date (a country that left and
        came back has two lines); ``as_of`` is then not read.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``label``, ``kind``, ``since``, ``until``, ``status``
        (as written in the data; empty where it has none); sorted by id, then since.

    Raises
    ------
    UnknownIdError
        ``node`` names no node of the dataset.
    PartnergraphError
        ``kind`` is not a kind of the dataset, or no relation links ``node``'s
        kind to it; ``node`` names several nodes.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    Examples
    --------
    >>> linked(pg.load(), "ngc", kind="country", as_of=2024)[["id", "since", "status"]].values.tolist()
    [['GEO', '2008-09-15', 'active']]
    >>> linked(pg.load(), "RUS", kind="framework", as_of=2024)[["id", "since", "status"]].values.tolist()
    [['eapc', '1997-05-30', 'suspended'], ['nrc', '2002-05-28', 'suspended'], ['pfp', '1994-06-22', 'suspended']]
    """
    node = dataset.resolve(node)
    node_kind = dataset.kind_of(node)
    kind = dataset.require_kind(kind)
    if kind not in dataset.linked_kinds(node_kind):
        linked = dataset.linked_kinds(node_kind)
        raise PartnergraphError(f"{node!r} is {a_kind(node_kind)}, and no relation links {node_kind} and {kind} nodes"
                                + (f"; {node_kind} nodes are linked to {', '.join(linked)} nodes" if linked else ""))
    full = dataset.full
    links = full.links(node_kind, kind, extra=("status", "edge"))
    links = links[links["a"] == node]
    if not history:
        when = dataset.snapshot(as_of).date  # the date asked (or the default), with its coverage check
        if when is not None:
            _, _, start, end = full.windows
            at = links["edge"].to_numpy()
            since, until = _membership_span(links, start[at], end[at])
            links = links.assign(since=since, until=until)
            links = links[within(start[at], end[at], when)]
    out = full.with_labels(pd.DataFrame({"id": links["b"].to_numpy(),
                                         "since": pd.array(links["since"], dtype="str"),
                                         "until": pd.array(links["until"], dtype="str"),
                                         "status": pd.array(links["status"], dtype="str")}))[_LINKED]
    out = out.assign(_since=out["since"].fillna("")).sort_values(["id", "_since"], kind="stable")
    return out.drop(columns="_since").reset_index(drop=True)


def _membership_span(links: pd.DataFrame, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each period, the ``since`` and ``until`` (as written) of the whole membership it belongs to.

    Back-to-back (or overlapping) periods of the same pair are one membership:
    its since is the first period's, its until the last-ending period's (empty
    while any is open).
    """
    never = np.datetime64("9999-12-31")  # an open end reaches forever
    ends = np.where(np.isnat(end), never, end)
    starts = np.where(np.isnat(start), np.datetime64("0001-01-01"), start)
    chain = chains(pd.factorize(links["b"].to_numpy(dtype=object))[0], start, end)
    frame = pd.DataFrame({"chain": chain, "start": starts, "end": ends,
                          "since": links["since"].to_numpy(dtype=object), "until": links["until"].to_numpy(dtype=object)})
    # the first period's since as written, missing too (groupby's first() would skip a missing one)
    first = frame.sort_values("start", kind="stable").drop_duplicates("chain").set_index("chain")["since"]
    last = frame.sort_values("end", kind="stable").drop_duplicates("chain", keep="last").set_index("chain")["until"]
    return frame["chain"].map(first).to_numpy(), frame["chain"].map(last).to_numpy()


def members(dataset, framework: str, *, kind: str = "country", as_of=None, history: bool = False) -> pd.DataFrame:
    """The members (countries) of a framework on a date, with each membership's status; see :func:`linked`.

    Parameters
    ----------
    dataset : Dataset
    framework : str
        The framework (or any node others belong to): an id or a label.
    kind : str
        The kind of the nodes listed (``country`` by default).
    as_of, history
        As for :func:`linked`.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``label``, ``kind``, ``since``, ``until``, ``status``;
        sorted by id, then since (:func:`linked`).

    Raises
    ------
    UnknownIdError
        ``framework`` names no node of the dataset.
    PartnergraphError
        ``kind`` is not a kind of the dataset, or no relation links ``framework``'s
        kind to it; ``framework`` names several nodes.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    See Also
    --------
    frameworks : the other way round.
    timeline : memberships counted year by year.

    Examples
    --------
    Suspended members are listed, their ``status`` saying so:

    >>> members(pg.load(), "eapc", as_of=2024).query("status == 'suspended'")["id"].tolist()
    ['BLR', 'RUS']
    >>> members(pg.load(), "ici", as_of=2024)["id"].tolist()
    ['ARE', 'BHR', 'KWT', 'QAT']
    >>> members(pg.load(), "pfp", history=True).query("id == 'MLT'")[["since", "until"]].values.tolist()
    [['1995-04-26', '1996-10'], ['1996-10', '2008-04-03'], ['2008-04-03', nan]]
    """
    return linked(dataset, framework, kind=kind, as_of=as_of, history=history)


def frameworks(dataset, country: str, *, kind: str = "framework", as_of=None, history: bool = False) -> pd.DataFrame:
    """The frameworks a country is in on a date, with each membership's status; see :func:`linked`.

    Parameters
    ----------
    dataset : Dataset
    country : str
        The country (or any node that belongs to others): an id or a label.
    kind : str
        The kind of the nodes listed (``framework`` by default).
    as_of, history
        As for :func:`linked`.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``label``, ``kind``, ``since``, ``until``, ``status``;
        sorted by id, then since (:func:`linked`).

    Raises
    ------
    UnknownIdError
        ``country`` names no node of the dataset.
    PartnergraphError
        ``kind`` is not a kind of the dataset, or no relation links ``country``'s
        kind to it; ``country`` names several nodes.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    See Also
    --------
    members : the other way round.
    timeline : memberships counted year by year.

    Examples
    --------
    >>> frameworks(pg.load(), "JPN", as_of=2024)["id"].tolist()
    ['itpp', 'pag']
    >>> frameworks(pg.load(), "FIN", as_of=2022)["id"].tolist()
    ['eapc', 'eop', 'pfp', 'pii']
    """
    return linked(dataset, country, kind=kind, as_of=as_of, history=history)


def _membership_links(dataset, framework, member_kind, framework_kind):
    member_kind = dataset.require_kind(member_kind)
    framework_kind = dataset.kind_spelling(framework_kind)
    if framework is not None:
        framework = dataset.resolve(framework)
        framework_kind = dataset.kind_of(framework)
        if framework_kind == member_kind or framework_kind not in dataset.linked_kinds(member_kind):
            raise PartnergraphError(f"{framework!r} is {a_kind(framework_kind)}, not something {member_kind} nodes belong to"
                                    f"; they are linked to {', '.join(dataset.linked_kinds(member_kind)) or 'nothing'}")
    framework_kind = dataset.require_kind(framework_kind)
    full = dataset.full
    links = full.links(member_kind, framework_kind, extra=("status", "edge", "at"))
    if framework is not None:
        links = links[links["b"] == framework]
    return links


def _years(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[Y]").astype(int) + 1970


def timeline(dataset, *, framework: str | None = None, kind: str = "country", frameworks_kind: str = "framework",
             as_of=None) -> pd.DataFrame:
    """Year by year: how many memberships began, ended, and held at the end of the year, and how many were suspended.

    Counts membership periods (country - framework edges) of one framework, or
    of all of them, in the windows the one time rule gives them
    (:func:`partnergraph.asof.effective_windows`: a membership of a framework
    that ended ends with it). Back-to-back periods of the same pair (an active
    period, then a suspended one) are one membership: it neither ends nor
    begins at the change of status. A membership that began and ended in the
    same year counts as joined and left that year, and not among the members at
    its end.

    Parameters
    ----------
    dataset : Dataset
        Read whole, whatever its date (a snapshot's own date is only the default ``as_of``).
    framework : str, optional
        One framework: an id or a label; default all frameworks.
    kind, frameworks_kind : str
        The kinds of members and of frameworks; with ``framework``,
        ``frameworks_kind`` is not read (the framework's own kind is used).
    as_of : year, month or ISO date, optional
        The last day counted: its year is the last year shown, counted up to
        this day (a join after it is not counted, and ``members`` is those
        holding on it). Default: the dataset's own date, or the default date
        (:func:`partnergraph.asof.default_date`).

    Returns
    -------
    pandas.DataFrame
        Columns ``year``, ``joined``, ``left``, ``members`` (every membership
        held at the end of the year, or on ``as_of`` in its year, suspended
        ones included, as :func:`members` lists them) and ``suspended`` (those of them with an inactive status);
        one line per year from the first year any membership begins to the
        as-of year. No lines (but these columns) when there is no membership,
        or no date to end at.

    Raises
    ------
    UnknownIdError
        ``framework`` names no node of the dataset.
    PartnergraphError
        ``kind`` or ``frameworks_kind`` is not a kind of the dataset;
        ``framework`` is of the members' kind or of a kind they are not linked
        to, or names several nodes.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    Examples
    --------
    The Mediterranean Dialogue: six partners in 1995, Algeria in 2000.

    >>> t = timeline(pg.load(), framework="md", as_of=2000)
    >>> t["year"].tolist(), t["joined"].tolist(), t["members"].tolist()
    ([1995, 1996, 1997, 1998, 1999, 2000], [6, 0, 0, 0, 0, 1], [6, 6, 6, 6, 6, 7])
    >>> int(t["left"].sum()), int(t["suspended"].sum())
    (0, 0)
    """
    columns = ["year", "joined", "left", "members", "suspended"]
    links = _membership_links(dataset, framework, kind, frameworks_kind)
    full = dataset.full
    if as_of is not None:
        full.check_coverage(as_of)
    last = parse_date(as_of) if as_of is not None else (dataset.date or full.default_date())
    _, _, edge_start, edge_end = full.windows
    at = links["edge"].to_numpy()
    start, end = edge_start[at], edge_end[at]
    inactive = full.inactive()[at]
    dated = np.concatenate([start[~np.isnat(start)], end[~np.isnat(end)]])
    if len(links) == 0 or last is None or not len(dated):
        return pd.DataFrame(columns=columns, dtype=int)
    live = np.isnat(start) | np.isnat(end) | (start < end)  # a window cut to nothing by a lifetime is never held
    # the pairs by their nodes' rows: integers, not texts
    periods = pd.DataFrame({"a": links["a_at"].to_numpy()[live], "b": links["b_at"].to_numpy()[live],
                            "start": start[live], "end": end[live]})
    spells = _spells(periods)
    first_start = spells["start"].dropna()
    first = int(_years(first_start.to_numpy()).min()) if len(first_start) else int(_years(dated).min())
    years = np.arange(first, last.year + 1)
    ends_of_year = np.array([f"{y:04d}-12-31" for y in years], dtype="datetime64[D]")
    ends_of_year[-1] = np.datetime64(last, "D")  # the last year is counted to the date asked, not past it
    s = spells["start"].to_numpy(dtype="datetime64[D]")
    e = spells["end"].to_numpy(dtype="datetime64[D]")
    held = _held(s, e, ends_of_year)
    paused = _held(start[inactive & live], end[inactive & live], ends_of_year)
    span = len(years)

    def per_year(days):
        days = days[~np.isnat(days)]
        offsets = _years(days[days <= np.datetime64(last, "D")]) - first
        return np.bincount(offsets[(offsets >= 0) & (offsets < span)], minlength=span)

    return pd.DataFrame({"year": years, "joined": per_year(s), "left": per_year(e), "members": held,
                         "suspended": paused}).astype(int)


def _held(start: np.ndarray, end: np.ndarray, days: np.ndarray) -> np.ndarray:
    """How many ``[start, end)`` windows hold each of ``days`` (sorted), by two binary searches."""
    begun = int(np.isnat(start).sum()) + np.searchsorted(np.sort(start[~np.isnat(start)]), days, side="right")
    ended = np.searchsorted(np.sort(end[~np.isnat(end)]), days, side="right")
    return (begun - ended).astype(int)


def _spells(periods: pd.DataFrame) -> pd.DataFrame:
    """Periods of the same pair (``a``, ``b``: ids, or any codes) that touch or overlap, merged: columns start, end
    (datetime64[D], NaT = open).

    A spell starts where its earliest period starts, so a period open at the
    start keeps the whole spell open there; it ends where its furthest period ends.

    >>> p = pd.DataFrame({"a": ["A", "A", "B"], "b": ["f", "f", "f"],
    ...                   "start": np.array(["NaT", "2010-01-01", "2005-01-01"], dtype="datetime64[D]"),
    ...                   "end": np.array(["2010-01-01", "NaT", "NaT"], dtype="datetime64[D]")})
    >>> s = _spells(p)
    >>> [(str(a), str(b)) for a, b in s.to_numpy(dtype="datetime64[D]")]
    [('NaT', 'NaT'), ('2005-01-01', 'NaT')]
    """
    if periods.empty:
        return pd.DataFrame({"start": np.array([], dtype="datetime64[D]"), "end": np.array([], dtype="datetime64[D]")})
    a, _ = pd.factorize(periods["a"].to_numpy())
    b, b_ids = pd.factorize(periods["b"].to_numpy())
    start = periods["start"].to_numpy(dtype="datetime64[D]")
    end = periods["end"].to_numpy(dtype="datetime64[D]")
    chain = chains(a.astype(np.int64) * max(len(b_ids), 1) + b, start, end)
    # a spell starts with its earliest period (an open start is the earliest) and ends with its furthest end
    first = np.full(chain.max() + 1, np.iinfo(np.int64).max)
    np.minimum.at(first, chain, start.astype(np.int64))  # NaT is the smallest integer: open stays open
    far = np.full(chain.max() + 1, np.iinfo(np.int64).min)
    np.maximum.at(far, chain, np.where(np.isnat(end), _OPEN_END, end.astype(np.int64)))
    return pd.DataFrame({"start": first.view("datetime64[D]"),
                         "end": np.where(far == _OPEN_END, np.datetime64("NaT"), far.view("datetime64[D]"))})


#: An open end as a day number: after any date (datetime64[D] stops at year 9999, about 2.9 million days).
_OPEN_END = np.int64(2**32)


def chains(pair: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Each period's chain: periods of one pair (integer codes) that touch or overlap, joined while each starts
    by the furthest end so far; ``start`` and ``end`` are datetime64[D] (NaT: open). Chains are numbered from 0 in
    order of pair, then start.

    >>> days = lambda *d: np.array(d, dtype="datetime64[D]")
    >>> chains(np.array([0, 0, 0, 1]), days("NaT", "2010-01-01", "2012-01-01", "2005-01-01"),
    ...         days("2010-01-01", "2011-01-01", "NaT", "NaT")).tolist()
    [0, 0, 1, 2]
    """
    chain = np.zeros(len(pair), dtype=np.int64)
    if not len(pair):
        return chain
    begin = start.astype(np.int64)  # NaT is the smallest integer: an open start comes first
    far = np.where(np.isnat(end), _OPEN_END, end.astype(np.int64))
    order = np.lexsort((begin, pair))
    pair, begin, far = pair[order], begin[order], far[order]
    first_of_pair = np.ones(len(pair), dtype=bool)
    first_of_pair[1:] = pair[1:] != pair[:-1]
    # the furthest end reached so far within the pair: one running maximum, each pair lifted above the last
    group = np.cumsum(first_of_pair)
    lifted = group * np.int64(2**34) + (far + np.int64(2**33))
    reach = np.maximum.accumulate(lifted) - group * np.int64(2**34) - np.int64(2**33)
    new = first_of_pair.copy()
    new[1:] |= begin[1:] > reach[:-1]
    chain[order] = np.cumsum(new) - 1
    return chain


def diff(dataset, date1, date2) -> pd.DataFrame:
    """What was added and removed between two dates: edges, and nodes that began or ended.

    An edge is *added* when it is active on ``date2`` but not on ``date1``, and
    *removed* the other way round (by the one time rule,
    :func:`partnergraph.asof.effective_windows`, so the ties of a framework
    that ended are removed with it); an edge that began and ended in between is
    in neither. A node whose lifetime begins or ends in between is a line of
    relation ``nodes``, its id in ``u``. A change of status (an active period
    followed by a suspended one) shows as the one period removed and the other added.

    Parameters
    ----------
    dataset : Dataset
        Read whole, whatever its date.
    date1, date2 : year, month or ISO date
        The dates compared: a year stands for 31 December, a month for its last day. A
        ``date2`` before ``date1`` is read as given (what was there on
        ``date2`` and not on ``date1`` is added).

    Returns
    -------
    pandas.DataFrame
        Columns ``change`` (``added`` or ``removed``), ``relation``, ``u``, ``v``,
        ``since``, ``until``, ``status`` (as written; missing where the data
        has none, and for nodes); added first, then nodes before edges, then by
        relation, u, v.

    Raises
    ------
    DateError
        ``date1`` or ``date2`` is not a year, a month or an ISO date.

    Examples
    --------
    Borduria's membership of F is suspended in May 2003; Carpania's, from
    2002 to October 2002, falls in between and is in neither list:

    >>> nodes = pd.DataFrame({"id": ["A", "B", "C", "f"], "kind": ["country"] * 3 + ["framework"],
    ...                       "label": ["Aland", "Borduria", "Carpania", "F"]})
    >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B", "B", "C"], "v": "f",
    ...                       "since": ["2000", "2001", "2003-05", "2002"], "until": [None, "2003-05", None, "2002-10"],
    ...                       "status": ["active", "active", "suspended", "active"], "source": None})
    >>> diff(pg.Dataset(nodes, edges), 2001, 2003)[["change", "u", "v", "since", "status"]].values.tolist()
    [['added', 'B', 'f', '2003-05', 'suspended'], ['removed', 'B', 'f', '2001', 'active']]
    """
    full = dataset.full
    for when in (date1, date2):
        full.check_coverage(when)
    node_start, node_end, edge_start, edge_end = full.windows
    cols = ["relation", "u", "v", "since", "until", "status"]
    edges = full.edges if "status" in full.edges else full.edges.assign(status=np.nan)
    nodes = full.nodes.assign(relation="nodes", u=full.nodes["id"], v=np.nan, status=np.nan)
    for c in ("since", "until"):
        if c not in nodes:
            nodes[c] = np.nan
    parts = []
    for table, start, end in ((nodes, node_start, node_end), (edges, edge_start, edge_end)):
        before, after = within(start, end, date1), within(start, end, date2)
        parts.append(table.loc[after & ~before, cols].assign(change="added"))
        parts.append(table.loc[before & ~after, cols].assign(change="removed"))
    out = pd.concat(parts, ignore_index=True)[["change", *cols]]
    # added first, nodes before edges, then by relation, u, v (missing last); sorted on integer codes
    keys = [(out["change"] != "added").to_numpy(), (out["relation"] != "nodes").to_numpy()]
    for c in ("relation", "u", "v"):
        codes, uniques = pd.factorize(out[c].to_numpy(dtype=object), sort=True)
        keys.append(np.where(codes < 0, len(uniques), codes))
    return out.iloc[np.lexsort(keys[::-1])].reset_index(drop=True)
