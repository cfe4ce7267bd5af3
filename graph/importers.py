"""Research datasets in: the alliance datasets scholars use, read into the data contract.

This module holds what the importers share and the parts already built: reading
a research file's day/month/year columns into partnergraph dates, and turning
the ATOP member-level file (one row per member per treaty phase) into
membership periods. The country crosswalk and the ``import`` command build on it.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import DataError, Problem

__all__ = ["atop_periods", "date_texts"]

#: The columns of ATOP's member-level file that the periods are read from (versions 4 and 5 name them alike).
ATOP_MEMBER_COLUMNS = ("atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit")


def _whole_numbers(frame: pd.DataFrame, columns, shown: str) -> pd.DataFrame:
    """``columns`` as integers, a blank cell as 0 (the research files' "unknown"); any other text is an error that
    names its row (the header is row 1) and column."""
    out = {}
    for column in columns:
        cells = frame[column].astype(str).str.strip()
        cells = cells.where(~frame[column].isna() & (cells != "") & (cells.str.lower() != "nan"), "0")
        numbers = pd.to_numeric(cells, errors="coerce")
        bad = numbers.isna() | (numbers != numbers.round()) | (numbers < 0)
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise DataError(Problem(shown, row + 2, column,
                                    f"expected a whole number (0 for unknown), got {frame[column].iloc[row]!r}"))
        out[column] = numbers.astype(np.int64).to_numpy()
    return pd.DataFrame(out, index=frame.index)


def date_texts(year: np.ndarray, month: np.ndarray, day: np.ndarray, *, shown: str = "file",
               columns: tuple[str, str, str] = ("year", "month", "day")) -> np.ndarray:
    """Year, month and day numbers (0: unknown) as partnergraph date texts at the precision known.

    A day without its month is not a date anyone can place: it is dropped with
    the month. An impossible month or day (13, 30 February) is an error naming
    the row and column; a year of 0 gives an empty text.

    Examples
    --------
    >>> date_texts(np.array([1949, 1951, 1955, 0]), np.array([4, 0, 5, 0]), np.array([4, 0, 0, 0])).tolist()
    ['1949-04-04', '1951', '1955-05', '']
    """
    year, month, day = (np.asarray(a, dtype=np.int64) for a in (year, month, day))
    out = np.full(len(year), "", dtype=object)
    for i, (y, m, d) in enumerate(zip(year.tolist(), month.tolist(), day.tolist())):
        if y == 0:
            continue
        if not 0 <= m <= 12:
            raise DataError(Problem(shown, i + 2, columns[1], f"expected a month from 1 to 12 (0 for unknown), got {m}"))
        if m == 0:
            out[i] = f"{y:04d}"
            continue
        if d:
            try:
                out[i] = pd.Timestamp(year=y, month=m, day=d).strftime("%Y-%m-%d")
            except ValueError:
                raise DataError(Problem(shown, i + 2, columns[2], f"{y:04d}-{m:02d} has no day {d}")) from None
        else:
            out[i] = f"{y:04d}-{m:02d}"
    return out


def _touch(until: np.ndarray, since: np.ndarray) -> np.ndarray:
    """Whether each period ending ``until`` is continued by one starting ``since``: the same date in every part both
    know (``1822-12`` touches ``1822-12-05``; ``1822-11`` does not touch ``1822-12``)."""
    out = np.zeros(len(until), dtype=bool)
    for i, (a, b) in enumerate(zip(until.tolist(), since.tolist())):
        if not a or not b:
            continue
        parts_a, parts_b = a.split("-"), b.split("-")
        out[i] = parts_a[:len(parts_b)] == parts_b[:len(parts_a)]
    return out


def atop_periods(members: pd.DataFrame, *, keep_phases: bool = False, shown: str = "ATOP member file"
                 ) -> pd.DataFrame:
    """ATOP's member-level rows as membership periods: one line per member of an alliance per unbroken period.

    ATOP gives one row per member per treaty phase (a phase begins when the
    treaty's terms or members change). Consecutive phases of one membership,
    the next beginning the day the last ended, are one period (``keep_phases``
    keeps a line per phase); a true exit and re-entry stay two periods. A day
    or month of 0 (or blank) is unknown: the date is written at the precision
    known. An exit year of 0 means still in force at the end of the data: the
    period has no ``until``. Rows repeated across the file are read once.

    Returns a frame with columns ``atopid``, ``member`` (the Correlates of War
    code, as text), ``since``, ``until`` (partnergraph dates, ``""`` for open),
    ``phases`` (the phase numbers joined by ``;``) and ``row`` (the file row of
    the period's first line, the header being row 1).

    Examples
    --------
    >>> rows = pd.DataFrame({"atopid": [3180] * 3, "member": [2] * 3, "phase": [1, 2, 3],
    ...                      "yrent": [1949, 1951, 1990], "moent": [8, 2, 1], "dayent": [24, 0, 1],
    ...                      "yrexit": [1951, 1980, 0], "moexit": [2, 0, 0], "dayexit": [0, 0, 0]})
    >>> atop_periods(rows)[["since", "until", "phases"]].values.tolist()
    [['1949-08-24', '1980', '1;2'], ['1990-01-01', '', '3']]
    """
    columns = {str(c).strip().lower(): c for c in members.columns}
    missing = [c for c in ATOP_MEMBER_COLUMNS if c not in columns]
    if missing:
        raise DataError(Problem(shown, 1, None, f"not an ATOP member-level file: no column {', '.join(missing)} "
                                                f"(it has {', '.join(map(str, members.columns[:12]))}...)"))
    frame = members.rename(columns={v: k for k, v in columns.items()})
    wanted = [*ATOP_MEMBER_COLUMNS, *(["phase"] if "phase" in frame else [])]
    numbers = _whole_numbers(frame, wanted, shown)
    if "phase" not in numbers:
        numbers["phase"] = 0
    numbers["row"] = np.arange(len(frame)) + 2
    if (numbers["yrent"] == 0).any():
        row = int(numbers.loc[numbers["yrent"] == 0, "row"].iloc[0])
        raise DataError(Problem(shown, row, "yrent", "no entry year: a membership needs the year it began"))
    numbers["since"] = date_texts(numbers["yrent"], numbers["moent"], numbers["dayent"], shown=shown,
                                  columns=("yrent", "moent", "dayent"))
    numbers["until"] = date_texts(numbers["yrexit"], numbers["moexit"], numbers["dayexit"], shown=shown,
                                  columns=("yrexit", "moexit", "dayexit"))
    numbers = numbers.drop_duplicates(["atopid", "member", "phase", "since", "until"])
    numbers = numbers.sort_values(["atopid", "member", "phase", "yrent", "moent", "dayent"], kind="stable")
    numbers = numbers.reset_index(drop=True)
    same = (numbers[["atopid", "member"]] == numbers[["atopid", "member"]].shift()).all(axis=1).to_numpy()
    follows = (numbers["phase"] == numbers["phase"].shift() + 1).to_numpy()
    previous_until = numbers["until"].shift(fill_value="").to_numpy(dtype=object)
    continued = same & follows & _touch(previous_until, numbers["since"].to_numpy(dtype=object))
    if keep_phases:
        continued[:] = False
    period = np.cumsum(~continued)
    numbers["phase_text"] = numbers["phase"].astype(str)
    grouped = numbers.groupby(period, sort=False)
    out = pd.DataFrame({
        "atopid": grouped["atopid"].first().to_numpy(),
        "member": grouped["member"].first().astype(str).to_numpy(),
        "since": grouped["since"].first().to_numpy(),
        "until": grouped["until"].last().to_numpy(),
        "phases": grouped["phase_text"].agg(";".join).to_numpy(),
        "row": grouped["row"].first().to_numpy(),
    })
    return out
