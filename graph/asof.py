"""Time: parsing dates, and the one rule that decides what exists on a date.

The rules (README, "Time and status"):

* an *as-of date* written as a year means the end of that year (31 December),
  as a month the end of that month, as an ISO date that day;
* ``since`` Y means from 1 January Y (a month: from its first day; an ISO date:
  from that day);
* ``until`` Y means the tie ended during Y, so it is absent from the snapshot
  as of Y (a month: absent as of that month's end; an ISO date: ended that day);
* a window is half-open, ``start <= t < end``, an empty cell leaving that side open;
* nodes have windows too (their lifetime). An edge is active on ``t`` only when
  its own window AND both endpoints' windows hold ``t``: :func:`effective_windows`
  computes that once, and every query, map, picture and export uses it;
* one rule picks the date a question is asked at when none is given:
  :func:`default_date`.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re

import numpy as np
import pandas as pd

from .columns import taken
from .errors import DateError
from .vocabulary import DEFAULT_DATE_RULE  # noqa: F401 (re-exported)

__all__ = ["parse_date", "first_day", "date_cells", "date_bounds", "windows", "edge_windows", "effective_windows",
           "active_mask", "within", "overlapping", "latest_date", "default_date", "describe_date", "describe_period", "DATE_PATTERN",
           "DEFAULT_DATE_RULE"]

#: What a ``since``/``until`` cell or an ``--as-of`` value may look like: a year, a month or an ISO date.
DATE_PATTERN = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_DATE_RE = re.compile(DATE_PATTERN)


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _parse(text: str, side: str) -> _dt.date | None:
    """A year, month or ISO date at the start (``side='since'``) or end (``'until'``/``'asof'``) of its span."""
    if not _DATE_RE.fullmatch(text):
        return None
    try:
        year = int(text[:4])
        if len(text) == 4:
            return _dt.date(year, 1, 1) if side == "since" else _dt.date(year, 12, 31)
        if len(text) == 7:
            month = int(text[5:7])
            return _dt.date(year, month, 1) if side == "since" else _month_end(year, month)
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None


def parse_date(value) -> _dt.date:
    """The date an as-of value stands for.

    Parameters
    ----------
    value : int, str, datetime.date, pandas.Timestamp or numpy.datetime64
        A year (``2010`` or ``"2010"``: 31 December of that year), a month
        (``"2010-06"``: its last day) or an ISO date (``"2024-03-07"``).

    Returns
    -------
    datetime.date

    Raises
    ------
    DateError
        When the value is none of these.

    Examples
    --------
    >>> parse_date(2010)
    datetime.date(2010, 12, 31)
    >>> parse_date("2010-02")
    datetime.date(2010, 2, 28)
    >>> parse_date("2024-03-07")
    datetime.date(2024, 3, 7)
    """
    if value is pd.NaT or (isinstance(value, np.datetime64) and np.isnat(value)):  # NaT passes for a datetime
        raise DateError(f"expected a year, a month (YYYY-MM) or an ISO date, got {value!r} (a missing date)")
    if isinstance(value, np.datetime64):
        return value.astype("datetime64[D]").astype(_dt.date)
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        text = f"{int(value):04d}"
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise DateError(f"expected a year, a month (YYYY-MM) or an ISO date, got {value!r}")
    found = _parse(text, "asof")
    if found is None:
        raise DateError(f'expected a year, a month (YYYY-MM) or an ISO date, got "{text}"')
    return found


def first_day(value) -> _dt.date:
    """The first day an as-of value stands for: a year's 1 January, a month's first day, an ISO date itself.

    The start of a range (``--from 2000``), where :func:`parse_date` gives the end.

    Parameters
    ----------
    value : int, str, datetime.date, pandas.Timestamp or numpy.datetime64
        A year (``2000`` or ``"2000"``), a month (``"2000-02"``) or an ISO
        date; a date or timestamp is taken as it is (its day).

    Returns
    -------
    datetime.date

    Raises
    ------
    DateError
        When the value is none of these (``"2000-13"``, ``None``, ``2000.0``).

    See Also
    --------
    parse_date : the last day a value stands for.

    Examples
    --------
    >>> first_day(2000), first_day("2000-02"), first_day("2000-02-10")
    (datetime.date(2000, 1, 1), datetime.date(2000, 2, 1), datetime.date(2000, 2, 10))
    """
    if isinstance(value, (_dt.date, np.datetime64)):
        return parse_date(value)
    text = f"{int(value):04d}" if isinstance(value, (int, np.integer)) and not isinstance(value, bool) else str(value)
    found = _parse(text.strip(), "since")
    if found is None:
        raise DateError(f'expected a year, a month (YYYY-MM) or an ISO date, got "{text.strip()}"')
    return found


def date_cells(cells: pd.Series, side: str = "since") -> np.ndarray:
    """Vectorised: each ``since`` (or ``until``) cell as a datetime64[D]; NaT when empty or unreadable.

    A year in ``since`` is 1 January, in ``until`` 31 December; a month its
    first or last day. Each distinct value is parsed once, so a column of a
    million rows holding a few dozen dates costs a few dozen parses.

    Parameters
    ----------
    cells : pandas.Series
        The cells as written (texts; missing cells allowed).
    side : str
        ``"since"`` reads each cell as the first day it stands for; any other
        value (``"until"``) as the last day.

    Returns
    -------
    numpy.ndarray
        datetime64[D], one per cell, in order.

    Raises
    ------
    Nothing: an unreadable date is NaT, not an error.

    Examples
    --------
    >>> [str(d) for d in date_cells(pd.Series(["1995", "2004-03-29", "2004-02", None, "20x4"]), "until")]
    ['1995-12-31', '2004-03-29', '2004-02-29', 'NaT', 'NaT']
    """
    return _mapped(cells, side)


def date_bounds(cells: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The first and last day each cell may stand for: a year spans 1 January to 31 December, a day itself.

    Used to compare dates written at different precisions without inventing
    any: ``1994`` is not before ``1994-01-10``, it may be the same day or later.

    Parameters
    ----------
    cells : pandas.Series
        Dates as written (a year, a month or an ISO date; missing cells allowed).

    Returns
    -------
    tuple of numpy.ndarray
        The first days and the last days, datetime64[D], one per cell; NaT
        on both sides for an empty or unreadable cell.

    Raises
    ------
    Nothing: an unreadable date is NaT, not an error.

    Examples
    --------
    >>> lo, hi = date_bounds(pd.Series(["1994", "1994-05", "1994-05-04"]))
    >>> [str(d) for d in lo], [str(d) for d in hi]
    (['1994-01-01', '1994-05-01', '1994-05-04'], ['1994-12-31', '1994-05-31', '1994-05-04'])
    """
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    return tuple(taken(distinct_dates(uniques, side), codes, _NAT) for side in ("since", "until"))


def distinct_dates(texts, side: str = "since") -> np.ndarray:
    """Each text of ``texts`` (distinct values, as :func:`pandas.factorize` gives them) read as a ``since`` or
    ``until`` date, datetime64[D]; NaT when empty or unreadable.

    >>> [str(d) for d in distinct_dates(["1995", "", "2004-02"], "until")]
    ['1995-12-31', 'NaT', '2004-02-29']
    """
    parsed = np.full(len(texts), np.datetime64("NaT"), dtype="datetime64[D]")
    for i, value in enumerate(texts):
        when = _parse(str(value).strip(), side)
        if when is not None:
            parsed[i] = np.datetime64(when, "D")
    return parsed


_NAT = np.datetime64("NaT")


def _mapped(cells: pd.Series, side: str) -> np.ndarray:
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    return taken(distinct_dates(uniques, side), codes, _NAT)


def windows(table: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The ``[start, end)`` window of every row of an edge or node table, as two datetime64[D] arrays.

    An open side is ``NaT``; a table without ``since``/``until`` columns is open
    on both sides. A year in ``since`` starts on 1 January, a year in ``until``
    ends the window on 31 December (so the row is gone as of that year's end).
    These are a row's own dates only; :func:`effective_windows` cuts an edge's
    window to its endpoints' lifetimes. ``edge_windows`` is an old name of
    this function.

    Parameters
    ----------
    table : pandas.DataFrame
        An edge or node table, with ``since`` and ``until`` columns or without.

    Returns
    -------
    tuple of numpy.ndarray
        ``(start, end)``, datetime64[D], one per row.

    Raises
    ------
    Nothing: an empty or unreadable cell leaves that side open (NaT).

    Examples
    --------
    >>> e = pd.DataFrame({"since": ["1995", "2004-03-29"], "until": ["2004", None]})
    >>> start, end = windows(e)
    >>> [str(d) for d in start], [str(d) for d in end]
    (['1995-01-01', '2004-03-29'], ['2004-12-31', 'NaT'])
    """
    empty = pd.Series([None] * len(table), index=table.index, dtype="object")
    since = table["since"] if "since" in table else empty
    until = table["until"] if "until" in table else empty
    return date_cells(since, "since"), date_cells(until, "until")


#: The old name of :func:`windows`.
edge_windows = windows


def effective_windows(nodes: pd.DataFrame, edges: pd.DataFrame, *, positions=None, own=None
                      ) -> tuple[np.ndarray, np.ndarray]:
    """THE rule: the window in which each edge is active: its own window cut to both endpoints' lifetimes.

    An edge with no dates between two nodes that live 1994- and 2004-2014 is
    active from 1 January 2004 until 31 December 2014, that day excluded, so
    in the snapshots as of 2004 to 2013; an edge dated 1990- to a node born
    1997 starts in 1997. Every snapshot, map slider, picture and export uses
    these windows. An endpoint that is not a node does not cut the window. An
    edge whose window never meets an endpoint's lifetime gets a window cut to
    nothing (start at or after end), which holds no day.

    Parameters
    ----------
    nodes : pandas.DataFrame
        The node table: ``id``, and ``since``/``until`` (the lifetimes) when
        nodes have them.
    edges : pandas.DataFrame
        The edge table: ``u``, ``v``, and ``since``/``until`` when edges have them.
    positions : tuple of numpy.ndarray, optional
        Each edge's ``u`` row, then its ``v`` row, in ``nodes`` (-1: not a
        node), when they are known already; default: looked up by id.
    own : tuple of numpy.ndarray, optional
        The edges' own :func:`windows`, when they are known already.

    Returns
    -------
    tuple of numpy.ndarray
        ``(start, end)`` of each edge, datetime64[D], NaT where open.

    Raises
    ------
    KeyError
        When the ids must be looked up (nodes have lifetimes and no
        ``positions`` are given) and ``nodes`` has no ``id`` column or
        ``edges`` no ``u`` or ``v`` column.

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["a", "b"], "since": ["1994", "2004"], "until": [None, "2014"]})
    >>> edges = pd.DataFrame({"u": ["a"], "v": ["b"], "since": [None], "until": [None]})
    >>> start, end = effective_windows(nodes, edges)
    >>> str(start[0]), str(end[0])
    ('2004-01-01', '2014-12-31')
    """
    start, end = own if own is not None else windows(edges)
    node_start, node_end = windows(nodes)
    if np.isnat(node_start).all() and np.isnat(node_end).all():
        return start, end
    if positions is None:  # each endpoint's row in nodes (-1: none)
        index = pd.Index(nodes["id"])
        positions = tuple(index.get_indexer(edges[side]) for side in ("u", "v"))
    for at in positions:
        known = at >= 0
        s = np.full(len(edges), np.datetime64("NaT"), dtype="datetime64[D]")
        e = s.copy()
        s[known], e[known] = node_start[at[known]], node_end[at[known]]
        start, end = np.fmax(start, s), np.fmin(end, e)  # NaT (open) never wins
    return start, end


def active_mask(edges: pd.DataFrame, date) -> np.ndarray:
    """A boolean array: which rows' own windows hold ``date`` (lifetimes of endpoints not considered).

    Parameters
    ----------
    edges : pandas.DataFrame
        An edge or node table (``since``/``until`` columns, or none: open).
    date : int, str or datetime.date
        An as-of value, read by :func:`parse_date` (a year is its 31 December).

    Returns
    -------
    numpy.ndarray
        bool, one per row.

    Raises
    ------
    DateError
        When ``date`` is not a year, a month or an ISO date.

    See Also
    --------
    effective_windows : the windows cut to the endpoints' lifetimes, which queries use.

    Examples
    --------
    >>> e = pd.DataFrame({"since": ["1995", "2005"], "until": ["2004", None]})
    >>> active_mask(e, 2004).tolist(), active_mask(e, "2004-06-01").tolist()
    ([False, False], [True, False])
    """
    return within(*windows(edges), date)


def within(start: np.ndarray, end: np.ndarray, date) -> np.ndarray:
    """A boolean array: which ``[start, end)`` windows hold ``date``.

    Parameters
    ----------
    start, end : numpy.ndarray
        datetime64[D] arrays, as :func:`windows` or :func:`effective_windows`
        give them; NaT leaves a side open.
    date : int, str or datetime.date
        An as-of value, read by :func:`parse_date` (a year is its 31 December).

    Returns
    -------
    numpy.ndarray
        bool, one per window.

    Raises
    ------
    DateError
        When ``date`` is not a year, a month or an ISO date.

    Examples
    --------
    >>> start, end = windows(pd.DataFrame({"since": ["1995"], "until": ["2004"]}))
    >>> within(start, end, 2003).tolist(), within(start, end, 2004).tolist()
    ([True], [False])
    """
    t = np.datetime64(parse_date(date), "D")
    return (np.isnat(start) | (start <= t)) & (np.isnat(end) | (t < end))


def overlapping(start: np.ndarray, end: np.ndarray, first=None, last=None) -> np.ndarray:
    """A boolean array: which ``[start, end)`` windows hold at least one day from ``first`` to ``last``.

    Both days are included. A window cut to nothing (start at or after end)
    holds no day, whatever the range.

    Parameters
    ----------
    start, end : numpy.ndarray
        datetime64[D] arrays; NaT leaves a side open.
    first, last : datetime.date or None
        The first and last days of the range; None leaves that side open.

    Returns
    -------
    numpy.ndarray
        bool, one per window.

    Raises
    ------
    Nothing: the days are taken as given (see :func:`first_day` and
    :func:`parse_date` to read them).

    Examples
    --------
    >>> import datetime as dt
    >>> start, end = windows(pd.DataFrame({"since": ["1995", "1999-12-20"], "until": ["1999-12-31", "2000-01-06"]}))
    >>> overlapping(start, end, dt.date(2000, 1, 1), dt.date(2000, 12, 31)).tolist()
    [False, True]
    """
    keep = np.isnat(start) | np.isnat(end) | (start < end)
    if last is not None:
        keep &= np.isnat(start) | (start <= np.datetime64(last, "D"))
    if first is not None:
        keep &= np.isnat(end) | (end > np.datetime64(first, "D"))
    return keep


def latest_date(*tables: pd.DataFrame) -> _dt.date | None:
    """The end of the last year any ``since`` or ``until`` of the tables names, or None if they are undated.

    A cell's year is its first four characters when they are digits; the rest
    of the cell is not read (``2020-13`` names 2020).

    Parameters
    ----------
    *tables : pandas.DataFrame
        Edge or node tables; one without ``since``/``until`` columns names no year.

    Returns
    -------
    datetime.date or None
        31 December of the last year named.

    Raises
    ------
    Nothing: a cell that does not begin with a year is passed over.

    Examples
    --------
    >>> latest_date(pd.DataFrame({"since": ["1995", "2004-03-29"], "until": [None, "2020-06"]}))
    datetime.date(2020, 12, 31)
    """
    years = []
    for table in tables:
        for col in ("since", "until"):
            if col in table:  # each distinct cell once
                cells = pd.unique(table[col].to_numpy(dtype=object))
                cells = [str(c) for c in cells[~pd.isna(cells)]]
                found = [int(c[:4]) for c in cells if len(c) >= 4 and c[:4].isdigit() and c[:4].isascii()]
                if found:
                    years.append(max(found))
    if not years:
        return None
    return _dt.date(max(years), 12, 31)


def default_date(dataset) -> _dt.date | None:
    """The date a question is asked at when none is given: the one rule, for queries and files alike.

    The end of the data's declared coverage (``coverage.end`` in
    datapackage.json), else the end of the last year the data's dates name
    (edges and node lifetimes), else None: undated data is read whole. It never
    depends on today's date, so the same data gives the same answers and the
    same files on any day.

    Parameters
    ----------
    dataset : Dataset
        A dataset or a snapshot of one; the date is that of its full dataset.

    Returns
    -------
    datetime.date or None

    Raises
    ------
    DateError
        When the declared coverage's end is not a date (:func:`partnergraph.load`
        refuses such a descriptor, so only a Dataset built by hand can have one).

    Examples
    --------
    >>> default_date(pg.load()) == pg.load().coverage[1]
    True
    >>> nodes = pd.DataFrame({"id": ["A", "f"], "kind": ["country", "framework"], "label": ["Alpha", "Forum"]})
    >>> edges = pd.DataFrame({"relation": ["memberships"], "u": ["A"], "v": ["f"], "since": ["2001"],
    ...                       "until": ["2010-03"], "source": [""]})
    >>> default_date(pg.Dataset(nodes, edges))
    datetime.date(2010, 12, 31)
    >>> default_date(pg.Dataset(nodes, edges, meta={"partnergraph": {"coverage": {"start": 2000, "end": 2020}}}))
    datetime.date(2020, 12, 31)
    >>> default_date(pg.Dataset(nodes, edges.drop(columns=["since", "until"]))) is None
    True
    """
    full = dataset.full
    end = full.coverage[1] if full.coverage else None
    if end is not None:
        return end
    if "_latest_date" not in full.__dict__:  # the tables of a loaded dataset do not change: read them once
        own = full.__dict__.get("_own_windows")  # the edges' dates as the loader read them, when it did
        if own is None:
            found = latest_date(full.edges, full.nodes)
        else:  # a checked date's year is the year of the first day (since) or the last day (until) it stands for
            years = [d[~np.isnat(d)].max().astype(object).year for d in own if (~np.isnat(d)).any()]
            nodes = latest_date(full.nodes)
            years += [nodes.year] if nodes else []
            found = _dt.date(max(years), 12, 31) if years else None
        full.__dict__["_latest_date"] = found
    return full.__dict__["_latest_date"]


def describe_date(date) -> str:
    """``as of 2024-12-31``, or ``undated`` when there is no date.

    Parameters
    ----------
    date : datetime.date or None

    Returns
    -------
    str

    Raises
    ------
    Nothing: any date has an ISO form.

    Examples
    --------
    >>> describe_date(None), describe_date(parse_date(2010))
    ('undated', 'as of 2010-12-31')
    """
    return f"as of {date.isoformat()}" if date is not None else "undated"


def describe_period(period) -> str:
    """``from 2000-01-01 to 2009-12-31`` for a range of :meth:`~partnergraph.Dataset.during`; an open side is left out.

    Parameters
    ----------
    period : tuple of (datetime.date or None)
        The first and last days of the range (``Dataset.period``); None is open.

    Returns
    -------
    str
        ``every date`` when both sides are open.

    Raises
    ------
    Nothing: any date has an ISO form.

    Examples
    --------
    >>> import datetime as dt
    >>> describe_period((dt.date(2000, 1, 1), dt.date(2009, 12, 31))), describe_period((None, dt.date(2009, 12, 31)))
    ('from 2000-01-01 to 2009-12-31', 'to 2009-12-31')
    >>> describe_period((None, None))
    'every date'
    """
    first, last = period
    parts = ([f"from {first.isoformat()}"] if first else []) + ([f"to {last.isoformat()}"] if last else [])
    return " ".join(parts) or "every date"
