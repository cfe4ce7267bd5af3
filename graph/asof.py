"""Time: parsing dates and deciding which edges are active on a date.

The rules (DESIGN.md, "Time"):

* a bare year as an *as-of date* means the end of that year (31 December);
* ``since`` Y means from 1 January Y; an ISO date means from that day;
* ``until`` Y means the relation ended during Y, so it is absent from the
  snapshot as of Y; an ISO date ends it on that day;
* an edge is active on ``t`` when ``start <= t < end`` (a half-open window),
  an empty cell leaving that side open.
"""
from __future__ import annotations

import datetime as _dt
import re

import numpy as np
import pandas as pd

from .errors import DateError

__all__ = ["parse_date", "date_cells", "edge_windows", "active_mask", "within", "latest_date", "DATE_PATTERN"]

#: What a ``since``/``until`` cell or an ``--as-of`` value may look like.
DATE_PATTERN = r"\d{4}(?:-\d{2}-\d{2})?"
_DATE_RE = re.compile(DATE_PATTERN)


def parse_date(value) -> _dt.date:
    """The date an as-of value stands for.

    Parameters
    ----------
    value : int, str, datetime.date or pandas.Timestamp
        A year (``2010`` or ``"2010"``, meaning 31 December of that year) or an
        ISO date (``"2024-03-07"``).

    Returns
    -------
    datetime.date

    Raises
    ------
    DateError
        When the value is neither a year nor an ISO date.

    Examples
    --------
    >>> parse_date(2010)
    datetime.date(2010, 12, 31)
    >>> parse_date("2024-03-07")
    datetime.date(2024, 3, 7)
    """
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        text = f"{int(value):04d}"
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise DateError(f"expected a year or an ISO date, got {value!r}")
    if _DATE_RE.fullmatch(text):
        try:
            if len(text) == 4:
                return _dt.date(int(text), 12, 31)
            return _dt.date.fromisoformat(text)
        except ValueError:
            pass
    raise DateError(f'expected a year or an ISO date, got "{text}"')


def date_cells(cells: pd.Series, side: str = "since") -> np.ndarray:
    """Vectorised: each ``since`` (or ``until``) cell as a datetime64[D]; NaT when empty or unreadable.

    A year in ``since`` is 1 January, in ``until`` 31 December. Each distinct
    value is parsed once, so a column of a million rows holding a few dozen
    years costs a few dozen parses and two array lookups.

    Examples
    --------
    >>> [str(d) for d in date_cells(pd.Series(["1995", "2004-03-29", None, "20x4"]), "until")]
    ['1995-12-31', '2004-03-29', 'NaT', 'NaT']
    """
    month, day = (1, 1) if side == "since" else (12, 31)
    codes, uniques = pd.factorize(cells, use_na_sentinel=True)
    parsed = np.full(len(uniques), np.datetime64("NaT"), dtype="datetime64[D]")
    for i, value in enumerate(uniques):
        text = str(value).strip()
        if not _DATE_RE.fullmatch(text):
            continue
        try:
            when = _dt.date(int(text), month, day) if len(text) == 4 else _dt.date.fromisoformat(text)
        except ValueError:
            continue
        parsed[i] = np.datetime64(when, "D")
    out = np.full(len(codes), np.datetime64("NaT"), dtype="datetime64[D]")
    known = codes >= 0
    out[known] = parsed[codes[known]]
    return out


def edge_windows(edges: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The ``[start, end)`` window of every edge, as two datetime64[D] arrays.

    An open side is ``NaT``. A year in ``since`` starts on 1 January, a year in
    ``until`` ends the window on 31 December (so the edge is gone as of that
    year's end).

    Examples
    --------
    >>> e = pd.DataFrame({"since": ["1995", "2004-03-29"], "until": ["2004", None]})
    >>> start, end = edge_windows(e)
    >>> [str(d) for d in start], [str(d) for d in end]
    (['1995-01-01', '2004-03-29'], ['2004-12-31', 'NaT'])
    """
    empty = pd.Series([None] * len(edges), index=edges.index, dtype="object")
    since = edges["since"] if "since" in edges else empty
    until = edges["until"] if "until" in edges else empty
    return date_cells(since, "since"), date_cells(until, "until")


def active_mask(edges: pd.DataFrame, date) -> np.ndarray:
    """A boolean array: which edges are active on ``date``.

    Examples
    --------
    >>> e = pd.DataFrame({"since": ["1995", "2005"], "until": ["2004", None]})
    >>> active_mask(e, 2004).tolist(), active_mask(e, "2004-06-01").tolist()
    ([False, False], [True, False])
    """
    return within(*edge_windows(edges), date)


def within(start: np.ndarray, end: np.ndarray, date) -> np.ndarray:
    """A boolean array: which ``[start, end)`` windows (from :func:`edge_windows`) hold ``date``.

    Examples
    --------
    >>> start, end = edge_windows(pd.DataFrame({"since": ["1995"], "until": ["2004"]}))
    >>> within(start, end, 2003).tolist(), within(start, end, 2004).tolist()
    ([True], [False])
    """
    t = np.datetime64(parse_date(date), "D")
    return (np.isnat(start) | (start <= t)) & (np.isnat(end) | (t < end))


def latest_date(edges: pd.DataFrame) -> _dt.date | None:
    """The end of the last year in which any edge begins or ends, or None if undated.

    Files (maps, exports) default to this date, so the same input gives the
    same output on any day.

    Examples
    --------
    >>> latest_date(pd.DataFrame({"since": ["1995", "2004-03-29"], "until": [None, "2020"]}))
    datetime.date(2020, 12, 31)
    """
    years = []
    for col in ("since", "until"):
        if col in edges:
            cells = edges[col].dropna().astype(str).str.slice(0, 4)
            cells = cells[cells.str.fullmatch(r"\d{4}")]
            if len(cells):
                years.append(int(cells.astype(int).max()))
    if not years:
        return None
    return _dt.date(max(years), 12, 31)
