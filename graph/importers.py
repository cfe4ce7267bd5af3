"""Research datasets in: the alliance and exercise datasets scholars use, read into the data contract.

Each importer returns a :class:`~partnergraph.Dataset` (written as a data folder
by ``partnergraph import``): ATOP's member-level file (:func:`atop`) and the
Multinational Military Exercises file (:func:`mme`). Countries are placed
through the lists bundled in ``data/countries``: the Correlates of War state
list, its crosswalk to ISO 3166 and Gleditsch-Ward codes, ISO 3166's names and
the name variants research files use.
"""
from __future__ import annotations

from dataclasses import replace as dataclass_replace

import numpy as np
import pandas as pd

from .asof import date_bounds
from .errors import DataError, PartnergraphError, Problem
from .membership import chains

__all__ = ["atop", "atop_periods", "country_crosswalk", "country_names", "cow_country_nodes", "cow_states", "date_texts",
           "dcad", "dcad_relation", "mme", "write"]

#: The columns of ATOP's member-level file that the periods are read from (versions 4 and 5 name them alike).
ATOP_MEMBER_COLUMNS = ("atopid", "member", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit")


def _whole_numbers(frame: pd.DataFrame, columns, shown: str) -> pd.DataFrame:
    """``columns`` as integers, a blank cell as 0 (the research files' "unknown"); any other text is an error that
    names its row (the header is row 1) and column. Each distinct cell is read once."""
    out = {}
    for column in columns:
        codes, uniques = pd.factorize(frame[column], use_na_sentinel=True)
        cells = pd.Series(uniques, dtype=object).astype(str).str.strip()
        cells = cells.where((cells != "") & (cells.str.lower() != "nan"), "0")
        numbers = pd.to_numeric(cells, errors="coerce")
        bad = (numbers.isna() | (numbers != numbers.round()) | (numbers < 0)).to_numpy()
        if bad.any():
            row = int(np.flatnonzero(bad[codes] & (codes >= 0))[0])
            raise DataError(Problem(shown, row + 2, column,
                                    f"expected a whole number (0 for unknown), got {frame[column].iloc[row]!r}",
                                    type="bad-code"))
        values = np.append(numbers.to_numpy(dtype=np.float64), 0).astype(np.int64)  # code -1 (missing): 0
        out[column] = values[codes]
    return pd.DataFrame(out, index=frame.index)


def date_texts(year: np.ndarray, month: np.ndarray, day: np.ndarray, *, shown: str = "file",
               columns: tuple[str, str, str] = ("year", "month", "day")) -> np.ndarray:
    """Year, month and day numbers (0: unknown) as partnergraph date texts at the precision known.

    A day without its month is not a date anyone can place: it is dropped with
    the month. An impossible month or day (13, 30 February) is an error naming
    the row and column; a year of 0 gives an empty text.

    Parameters
    ----------
    year, month, day : array-like of int
        One number per file row (0: unknown), the first being the row after the header.
    shown : str
        The file named in errors.
    columns : (str, str, str)
        The file's names of the year, month and day columns, for errors.

    Returns
    -------
    numpy.ndarray
        Object array of texts: ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``""``.

    Raises
    ------
    DataError
        A month outside 0 to 12, or a day the month does not have; its ``row``
        is the position plus 2 (the header being row 1).

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
            raise DataError(Problem(shown, i + 2, columns[1], f"expected a month from 1 to 12 (0 for unknown), got {m}",
                                    type="bad-code"))
        if m == 0:
            out[i] = f"{y:04d}"
            continue
        if d:
            try:
                out[i] = pd.Timestamp(year=y, month=m, day=d).strftime("%Y-%m-%d")
            except ValueError:
                raise DataError(Problem(shown, i + 2, columns[2], f"{y:04d}-{m:02d} has no day {d}",
                                        type="bad-date")) from None
        else:
            out[i] = f"{y:04d}-{m:02d}"
    return out


def atop_periods(members: pd.DataFrame, *, keep_phases: bool = False, shown: str = "ATOP member file"
                 ) -> pd.DataFrame:
    """ATOP's member-level rows as membership periods: one line per member of an alliance per unbroken period.

    ATOP gives one row per member per treaty phase (a phase begins when the
    treaty's terms or members change; a treaty that splits, as one with
    Czechoslovakia did in 1993, has parallel phases). The phases of one
    membership that overlap or follow on the same or the next day are one
    period (``keep_phases`` keeps a line per phase, phases with the very same
    dates sharing one); a true exit and re-entry stay two periods. Dates are
    compared at the precision written (``1822-12`` may end on the day
    ``1822-12-05`` begins). A day or month of 0 (or blank) is unknown: the date
    is written at the precision known. An exit year of 0 means still in force at
    the end of the data: the period has no ``until``. Rows repeated across the
    file are read once.

    Parameters
    ----------
    members : pandas.DataFrame
        ATOP's member-level rows: the columns of :data:`ATOP_MEMBER_COLUMNS`
        (their names compared without case or surrounding spaces) and, if it
        has one, ``phase``; cells whole numbers or blank.
    keep_phases : bool
        One line per phase instead of one per unbroken period.
    shown : str
        The file named in errors.

    Returns
    -------
    pandas.DataFrame
        Columns ``atopid`` (an int), ``member`` (the Correlates of War code, as
        text), ``since``, ``until`` (partnergraph dates, ``""`` for open),
        ``phases`` (the phase numbers joined by ``;``; ``0`` without a
        ``phase`` column) and ``row`` (the first file row of the period, the
        header being row 1); sorted by alliance, member (as a number) and since.

    Raises
    ------
    DataError
        With the row and column where it can: a column of
        :data:`ATOP_MEMBER_COLUMNS` is missing; there are no rows; a cell is
        not a whole number of 0 or more; an entry year is 0; a month or day is
        impossible (:func:`date_texts`); an exit is not after its entry.

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
                                                f"(it has {', '.join(map(str, members.columns[:12]))}...)",
                                type="missing-column"))
    frame = members.rename(columns={v: k for k, v in columns.items()})
    wanted = [*ATOP_MEMBER_COLUMNS, *(["phase"] if "phase" in frame else [])]
    if frame.empty:
        raise DataError(Problem(shown, None, None, "no membership rows: the file holds its header only",
                                type="no-rows"))
    numbers = _whole_numbers(frame, wanted, shown)
    if "phase" not in numbers:
        numbers["phase"] = 0
    numbers["row"] = np.arange(len(frame)) + 2
    if (numbers["yrent"] == 0).any():
        row = int(numbers.loc[numbers["yrent"] == 0, "row"].iloc[0])
        raise DataError(Problem(shown, row, "yrent", "no entry year: a membership needs the year it began",
                                type="empty-cell"))
    numbers["since"] = date_texts(numbers["yrent"], numbers["moent"], numbers["dayent"], shown=shown,
                                  columns=("yrent", "moent", "dayent"))
    numbers["until"] = date_texts(numbers["yrexit"], numbers["moexit"], numbers["dayexit"], shown=shown,
                                  columns=("yrexit", "moexit", "dayexit"))
    first_day, last_day = date_bounds(numbers["since"])[0], date_bounds(numbers["until"].replace("", np.nan))[1]
    inverted = ~np.isnat(last_day) & (first_day >= last_day)  # at every reading of the dates written
    if inverted.any():
        at = int(np.flatnonzero(inverted)[0])
        raise DataError(Problem(shown, int(numbers["row"].iloc[at]), "yrexit",
                                f"the exit ({numbers['until'].iloc[at]}) is not after the entry "
                                f"({numbers['since'].iloc[at]})", type="dates-inverted"))
    numbers = numbers.drop_duplicates(["atopid", "member", "phase", "since", "until"])
    numbers = numbers.sort_values(["atopid", "member", "yrent", "moent", "dayent", "phase"], kind="stable")
    numbers = numbers.reset_index(drop=True)
    numbers["phase_text"] = numbers["phase"].astype(str)
    out = _periods(numbers, ["atopid", "member"], keep_phases)
    out["member"] = out["member"].astype(str)
    order = np.lexsort((out["since"].to_numpy(dtype=str), out["member"].astype(int).to_numpy(), out["atopid"].to_numpy()))
    out = out.iloc[order].reset_index(drop=True)
    return out


def _periods(rows: pd.DataFrame, keys: list[str], keep_phases: bool) -> pd.DataFrame:
    """Rows of (keys..., since, until, phase_text, row) merged into periods per key: rows that overlap or follow on
    the same or the next day at the precision written are one (with ``keep_phases``, only rows with the very same
    dates are). Columns: the keys, since, until, phases (joined by ``;``), row (the first file row)."""
    rows = rows.reset_index(drop=True)
    pair = rows.groupby(keys, sort=False).ngroup().to_numpy()
    first_day, last_day = date_bounds(rows["since"])[0], date_bounds(rows["until"].replace("", np.nan))[1]
    if keep_phases:  # a line per phase; phases with the very same dates are one line (a treaty split in two)
        chain = rows.assign(_pair=pair).groupby(["_pair", "since", "until"], sort=False).ngroup().to_numpy()
    else:  # periods that overlap or follow on the next day are one membership, whatever the phases
        chain = chains(pair.astype(np.int64), first_day, last_day + np.timedelta64(1, "D"))
    rows = rows.assign(_chain=chain, _start=first_day.astype(np.int64),
                       _end=np.where(rows["until"] == "", np.iinfo(np.int64).max, last_day.astype(np.int64)))
    first = rows.sort_values(["_chain", "_start"], kind="stable").drop_duplicates("_chain").set_index("_chain")
    last = rows.sort_values(["_chain", "_end"], kind="stable").drop_duplicates("_chain", keep="last").set_index("_chain")
    grouped = rows.groupby("_chain", sort=True)
    phases = grouped["phase_text"].agg(lambda p: ";".join(dict.fromkeys(";".join(p).split(";"))))
    out = first[keys].copy()
    out["since"], out["until"] = first["since"], last["until"]
    out["phases"], out["row"] = phases, grouped["row"].min()
    return out.reset_index(drop=True)


# ---------------------------------------------------------------------------
# countries


def cow_states() -> pd.DataFrame:
    """The Correlates of War state system list (v2016) bundled with partnergraph: one line per tenure of a state.

    Returns
    -------
    pandas.DataFrame
        Columns ``cow`` (the numeric code, as text), ``cowc`` (the letter code),
        ``name``, ``since``, ``until`` (empty: still a state when the list ends in
        2016) and ``source``; every cell text (``""`` for empty).

    Raises
    ------
    Nothing: the list is read from ``data/countries/cow.csv``, which ships with the package.

    Examples
    --------
    >>> states = cow_states()
    >>> states.loc[states["cow"] == "200", ["cowc", "name"]].values.tolist()
    [['UKG', 'United Kingdom']]
    """
    return _country_table("cow.csv")


def country_crosswalk() -> pd.DataFrame:
    """The Correlates of War states' ISO 3166 and Gleditsch-Ward codes: one line per COW code and period.

    Returns
    -------
    pandas.DataFrame
        Columns ``cow``, ``since``, ``until`` (the period a line holds for;
        empty: open on that side), ``iso3`` (an ISO 3166-1 code, an ISO 3166-3
        code for a state that ended, or empty where the state never had one),
        ``gwcode`` (Gleditsch and Ward's code), ``name``, ``rule`` (why) and
        ``source``; every cell text (``""`` for empty).

    Raises
    ------
    Nothing: the list is read from ``data/countries/crosswalk.csv``, which ships with the package.

    Notes
    -----
    The German Federal
    Republic (260) and Germany (255) are one node, DEU; the USSR (COW 365 from
    30 December 1922 to 26 December 1991) is SUN and Russia before and after it
    RUS; COW 345 is Serbia (SRB) until 1 December 1918, then Yugoslavia (YUG),
    Serbia and Montenegro (SCG) and Serbia again. ``data/README.md`` lists every
    line that is not the same state under the same name.

    Examples
    --------
    >>> walk = country_crosswalk()
    >>> walk.loc[walk["cow"] == "365", ["since", "until", "iso3"]].values.tolist()
    [['', '1922-12-30', 'RUS'], ['1922-12-30', '1991-12-26', 'SUN'], ['1991-12-26', '', 'RUS']]
    """
    return _country_table("crosswalk.csv")


def _iso3_rows(periods: pd.DataFrame, shown: str, where: dict | None = None
               ) -> tuple[pd.DataFrame, dict, list[Problem]]:
    """Periods by COW code (``member``) -> periods by node id (``id``), a period cut where the code's state changes
    its ISO code (the USSR, Yugoslavia); the nodes' labels; warnings for codes the crosswalk lacks, at the first row
    of the code's periods in column ``member`` (or where ``where`` says: code -> (row, column))."""
    walk = country_crosswalk()
    states = cow_states().drop_duplicates("cow", keep="last").set_index("cow")
    labels, problems, pieces = {}, [], []
    for code, group in periods.groupby("member", sort=False):
        lines = walk[walk["cow"] == code]
        if lines.empty:
            node = f"cow-{code}"
            labels[node] = node
            row, column = (where or {}).get(code, (int(group["row"].min()), "member"))
            problems.append(_unknown_code(shown, row, column, code))
            pieces.append(group.assign(id=node))
            continue
        for line in lines.itertuples(index=False):
            node = line.iso3 or f"cow-{states.at[code, 'cowc']}"
            labels[node] = line.name
            part = group.copy()
            start, end = date_bounds(part["since"])[0], date_bounds(part["until"].replace("", np.nan))[1]
            keep = np.ones(len(part), dtype=bool)
            if line.since:  # the part of each period from the line's first day
                begin = np.datetime64(line.since)
                keep &= np.isnat(end) | (end >= begin)
                part.loc[start < begin, "since"] = line.since
            if line.until:  # ... to the day the next line begins
                stop = np.datetime64(line.until)
                keep &= start < stop
                part.loc[np.isnat(end) | (end > stop), "until"] = line.until
            pieces.append(part[keep].assign(id=node))
    return pd.concat(pieces, ignore_index=True), labels, problems


def _unknown_code(shown: str, row, column: str, code: str) -> Problem:
    """The warning for a Correlates of War code the state list lacks, which is kept as node ``cow-<code>``."""
    return Problem(shown, row, column, f"Correlates of War code {code} is not in the state system list: kept as node "
                                       f"cow-{code}", "warning", type="unknown-id")


def cow_country_nodes(codes, *, shown: str = "file", column: str = "member", rows=None, where: dict | None = None
                      ) -> tuple[pd.DataFrame, dict, list[Problem]]:
    """Country nodes for Correlates of War codes: (nodes, code -> id, warnings).

    A code of the state list becomes its letter code (``200`` -> ``UKG``),
    labelled with the state's name in its latest tenure. A code the list lacks
    is never guessed: it becomes ``cow-<code>``, and a warning names the first
    row that uses it (``rows``: the file row of each code, when known; or
    ``where``: code -> (row, column), when codes come from several columns).

    Parameters
    ----------
    codes : iterable
        Correlates of War codes (numbers or texts, compared as text); repeats are read once.
    shown : str
        The file named in warnings.
    column : str
        The column named in warnings (unless ``where`` names one).
    rows : (sequence, sequence), optional
        The codes and file rows of the file, aligned: a warning names the first
        row of its code. Default: warnings name no row.
    where : dict, optional
        Code -> (row, column) of a warning, overriding ``rows`` and ``column``.

    Returns
    -------
    tuple
        ``(nodes, ids, warnings)``: a DataFrame of columns ``id``, ``kind``
        (``country``) and ``label``, one line per distinct code in order of
        first appearance; a dict from each code (as text) to its id; a list of
        :class:`~partnergraph.Problem` warnings, one per code the list lacks.

    Raises
    ------
    Nothing: a code the list lacks is kept, with a warning.

    Examples
    --------
    >>> nodes, ids, found = cow_country_nodes(["200", "2", "999"], shown="x.csv", rows=(["200", "2", "999"], [2, 3, 4]))
    >>> nodes["id"].tolist(), nodes["label"].tolist()
    (['UKG', 'USA', 'cow-999'], ['United Kingdom', 'United States of America', 'cow-999'])
    >>> ids["999"], [(p.row, p.severity) for p in found], found[0].message
    ('cow-999', [(4, 'warning')], 'Correlates of War code 999 is not in the state system list: kept as node cow-999')
    """
    states = cow_states().drop_duplicates("cow", keep="last").set_index("cow")
    codes = pd.unique(pd.Series([str(c) for c in codes], dtype=object))
    ids, labels, problems = {}, {}, []
    first_row = dict(zip(reversed(list(map(str, rows[0]))), reversed(list(rows[1])))) if rows is not None else {}
    for code in codes:
        if code in states.index:
            ids[code], labels[code] = states.at[code, "cowc"], states.at[code, "name"]
        else:
            ids[code] = labels[code] = f"cow-{code}"
            row, at = (where or {}).get(code, (first_row.get(code), column))
            problems.append(_unknown_code(shown, row, at, code))
    nodes = pd.DataFrame({"id": [ids[c] for c in codes], "kind": "country", "label": [labels[c] for c in codes]})
    return nodes, ids, problems


# ---------------------------------------------------------------------------
# ATOP

#: The alliance-level file's obligations and form, kept as typed attributes of the alliance nodes.
ATOP_ALLIANCE_ATTRIBUTES = ("defense", "offense", "neutral", "nonagg", "consul", "bilat")

ATOP_CITATION = ("Leeds, Brett Ashley, Jeffrey M. Ritter, Sara McLaughlin Mitchell, and Andrew G. Long. 2002. "
                 "\"Alliance Treaty Obligations and Provisions, 1815-1944.\" International Interactions 28: 237-60.")


def atop(members, alliances=None, *, ids: str = "iso3", keep_phases: bool = False, coverage_end: int | None = None,
         strict: bool = False):
    """A :class:`~partnergraph.Dataset` of ATOP's member-level file: countries, alliances, and dated memberships.

    Parameters
    ----------
    members : path or DataFrame
        ATOP's member-level file (``atopid, member, yrent, moent, dayent,
        yrexit, moexit, dayexit, phase, ...``; versions 4 and 5).
    alliances : path or DataFrame, optional
        ATOP's alliance-level file: its obligations (``defense``, ``offense``,
        ``neutral``, ``nonagg``, ``consul``) and ``bilat`` become attributes of
        the alliance nodes (0 or 1).
    ids : {"iso3", "cow"}
        Name countries by ISO 3166 codes (:func:`country_crosswalk`: ``DEU``,
        ``SUN``; ``cow-`` and the COW letter code for a state that never had
        one) or by Correlates of War letter codes (``GMY``, ``GFR``, ``RUS``).
    keep_phases : bool
        One membership line per treaty phase instead of one per unbroken period.
    coverage_end : int, optional
        The last year the release covers (its codebook says); by default the
        last year the file names. A membership with exit year 0 is open, and a
        question asked after this year warns that the data ends there.
    strict : bool
        Fail on a country code the Correlates of War list lacks, instead of
        keeping it as ``cow-<code>`` with a warning.

    Returns
    -------
    Dataset
        Undated as a whole (every date), with the declared coverage. Nodes: the
        countries (kind ``country``), then the alliances ``atop-<atopid>``
        (kind ``alliance``, labelled ``ATOP <atopid>``: ATOP gives no names),
        with the alliance-level attributes as texts (``"0"``, ``"1"``) when
        ``alliances`` is given. Edges: relation ``memberships`` (country,
        alliance) with ``since``, ``until``, ``source``, ``phases`` and
        ``file_row`` (where the period begins in the file), by alliance, then
        entry, then id. Periods are read by :func:`atop_periods`; its
        ``warnings`` list the codes that could not be placed.

    Raises
    ------
    DataError
        A file cannot be read; it is not an ATOP member-level (or
        alliance-level) file; a cell breaks :func:`atop_periods`' rules;
        ``coverage_end`` comes before a date of the file; with ``strict``, a
        code the Correlates of War list lacks.
    PartnergraphError
        ``ids`` is neither ``"iso3"`` nor ``"cow"`` (checked once the member
        file is read).

    Examples
    --------
    >>> rows = pd.DataFrame({"atopid": [3180] * 2, "member": [2, 200], "yrent": [1949] * 2, "moent": [8] * 2,
    ...                      "dayent": [24] * 2, "yrexit": [0] * 2, "moexit": [0] * 2, "dayexit": [0] * 2})
    >>> ds = atop(rows, coverage_end=2018)
    >>> sorted(ds.edges["u"]), ds.coverage_text()
    (['GBR', 'USA'], '1949 to 2018')
    >>> sorted(atop(rows, ids="cow").edges["u"])
    ['UKG', 'USA']
    """
    shown = str(members) if not isinstance(members, pd.DataFrame) else "ATOP member file"
    table = _read(members)
    if ids not in ("iso3", "cow"):
        raise PartnergraphError(f"ids must be 'iso3' or 'cow', got {ids!r}")
    phases = atop_periods(table, keep_phases=True, shown=shown)  # a line per phase, merged once named
    if ids == "cow":
        countries, by_code, problems = cow_country_nodes(phases["member"], shown=shown, column="member",
                                                         rows=(phases["member"], phases["row"]))
        named = phases.assign(id=phases["member"].map(by_code))
    else:  # ISO codes: a state that changed its code (the USSR) splits a phase; two codes of one node rejoin
        named, labels, problems = _iso3_rows(phases, shown)
        names = pd.unique(named.sort_values("row", kind="stable")["id"])
        countries = pd.DataFrame({"id": names, "kind": "country", "label": [labels[n] for n in names]})
    periods = _periods(named.rename(columns={"phases": "phase_text"}), ["atopid", "id"], keep_phases)
    # by alliance, then by entry (the founders first), then by id
    order = np.lexsort((periods["id"].to_numpy(dtype=str), periods["since"].to_numpy(dtype=str),
                        periods["atopid"].to_numpy()))
    periods = periods.iloc[order].reset_index(drop=True)
    if strict and problems:
        first = problems[0]
        code = first.message.split()[4]  # "Correlates of War code <code> is not ..."
        raise DataError(dataclass_replace(first, severity="error", message=f"Correlates of War code {code} is not in "
                                          f"the state system list (--strict: every code must be placed)"))
    alliance_ids = pd.unique(periods["atopid"])
    nodes = pd.concat([countries, pd.DataFrame({"id": [f"atop-{a}" for a in alliance_ids], "kind": "alliance",
                                                "label": [f"ATOP {a}" for a in alliance_ids]})], ignore_index=True)
    if alliances is not None:
        named = str(alliances) if not isinstance(alliances, pd.DataFrame) else "ATOP alliance file"
        nodes = _with_alliance_attributes(nodes, _read(alliances), named)
    edges = pd.DataFrame({
        "relation": "memberships",
        "u": periods["id"].to_numpy(),
        "v": [f"atop-{a}" for a in periods["atopid"]],
        "since": periods["since"].to_numpy(),
        "until": periods["until"].replace("", np.nan).to_numpy(),
        "source": f"ATOP member-level file {_name_of(members)}",
        "phases": periods["phases"].to_numpy(),
        "file_row": periods["row"].astype(str).to_numpy(),  # where the period begins in the file
    })
    start, end = _coverage([*periods["since"], *periods["until"]], coverage_end, shown)
    meta = {"name": "atop", "title": "Alliance Treaty Obligations and Provisions (ATOP): alliance memberships",
            "description": "Imported by partnergraph from ATOP's member-level file"
                           + (" and alliance-level file" if alliances is not None else "") + ".",
            "sources": [{"title": f"ATOP member-level file {_name_of(members)}"}]
            + ([{"title": f"ATOP alliance-level file {_name_of(alliances)}"}] if alliances is not None else []),
            "citation": ATOP_CITATION,
            "partnergraph": {"coverage": {"start": start, "end": end}}}
    versions = _release_versions(table)
    if versions:  # the release, as the file states it (ATOP 4 has a version column)
        meta["version"] = versions
    from .dataset import Dataset

    relations = pd.DataFrame({"relation": ["memberships"], "u_kind": ["country"], "v_kind": ["alliance"],
                              "file": ["memberships.csv"]})
    ds = Dataset(nodes.astype(object).where(nodes.notna(), np.nan), edges, relations=relations, name="atop",
                 meta=meta)
    ds.warnings = problems
    return ds


def _coverage(dates, coverage_end: int | None, shown: str) -> tuple[int, int]:
    """The first and last years an import covers: from the first year its dates name to ``coverage_end`` (default:
    the last year they name), which may not come before a date of the file."""
    years = [int(t[:4]) for t in dates if t]
    end = coverage_end if coverage_end is not None else max(years)
    if end < max(years):
        raise DataError(Problem(shown, None, None, f"the file names dates up to {max(years)}, after the coverage's "
                                                   f"end {end}: check --coverage-end", type="outside-coverage"))
    return min(years), end


def _release_versions(table: pd.DataFrame) -> str:
    """The values of a research file's ``version`` column, joined (``4``), or ``""`` when it has none."""
    columns = {str(c).strip().lower(): c for c in table.columns}
    if "version" not in columns:
        return ""
    values = pd.unique(table[columns["version"]].astype(str).str.strip())
    return ";".join(v for v in values if v and v.lower() != "nan")


def _with_alliance_attributes(nodes: pd.DataFrame, table: pd.DataFrame, shown: str) -> pd.DataFrame:
    columns = {str(c).strip().lower(): c for c in table.columns}
    if "atopid" not in columns:
        raise DataError(Problem(shown, 1, None, "not an ATOP alliance-level file: no column atopid",
                                type="missing-column"))
    frame = table.rename(columns={v: k for k, v in columns.items()})
    kept = [c for c in ATOP_ALLIANCE_ATTRIBUTES if c in frame]
    values = _whole_numbers(frame, ["atopid", *kept], shown).drop_duplicates("atopid", keep="first")
    values["id"] = "atop-" + values["atopid"].astype(str)
    values = values.drop(columns="atopid").astype({c: str for c in kept})
    return nodes.merge(values, on="id", how="left")


def _read(source) -> pd.DataFrame:
    """A research file (CSV, or a Stata .dta file) as a table; a DataFrame as it is."""
    if isinstance(source, pd.DataFrame):
        return source
    from pathlib import Path

    path = Path(source)
    if path.suffix.lower() == ".dta":  # the datasets are also published as Stata files
        try:
            return pd.read_stata(path, convert_categoricals=False).astype(object)
        except (OSError, ValueError) as err:
            raise DataError(Problem(str(path), None, None, f"cannot read the Stata file: {err}",
                                    type="unreadable")) from None
    def read(encoding):
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding)

    try:
        try:
            return read("utf-8-sig")
        except UnicodeDecodeError:  # the research releases are UTF-8 or Latin-1, which decodes every byte
            return read("latin-1")
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise DataError(Problem(str(path), None, None, f"cannot read the file: {err}", type="unreadable")) from None


def _name_of(source) -> str:
    from pathlib import Path

    return Path(source).name if not isinstance(source, pd.DataFrame) else "a table"


def write(dataset, folder):
    """Write an imported dataset as a data folder, checked: the folder appears only once it loads as a dataset.

    The tables are written beside ``folder`` and loaded back (every check of
    :func:`partnergraph.validate`); only then is the folder renamed into place,
    so a dataset that breaks the contract leaves nothing behind. Likely
    mistakes (warnings) do not stop it: loading gives a
    :class:`~partnergraph.DataWarning`.

    Parameters
    ----------
    dataset : Dataset
        What an importer returned (any dataset will do): its nodes and edges are written as they are.
    folder : str or os.PathLike
        The data folder to make; it must not exist yet, or be empty.

    Returns
    -------
    pathlib.Path
        The folder written.

    Raises
    ------
    DataError
        The written tables do not load (the first error :func:`partnergraph.validate` finds).
    partnergraph.atomic.OutputError
        ``folder`` exists and is not an empty folder, is a symbolic link, its
        parent folder does not exist, or writing fails.
    PartnergraphError
        A relation is named ``nodes``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> rows = pd.DataFrame({"atopid": [1], "member": [2], "yrent": [1949], "moent": [4], "dayent": [4],
    ...                      "yrexit": [0], "moexit": [0], "dayexit": [0]})
    >>> out = write(atop(rows), pathlib.Path(tempfile.mkdtemp()) / "atop")
    >>> sorted(p.name for p in out.iterdir())
    ['datapackage.json', 'memberships.csv', 'nodes.csv']
    """
    from .export.files import write_csv_folder
    from .folders import load

    return write_csv_folder(dataset, folder, check=load)  # load raises DataError on the first error (warnings warn)


# ---------------------------------------------------------------------------
# DCAD

#: The columns every DCAD dyad-year file has: the two states (Correlates of War codes) and the year.
DCAD_DYAD_COLUMNS = ("ccode1", "ccode2", "year")

DCAD_CITATION = ("Kinne, Brandon J. 2020. \"The Defense Cooperation Agreement Dataset (DCAD).\" Journal of Conflict "
                 "Resolution 64(4): 729-755.")


def dcad_relation(column: str) -> str:
    """The relation an indicator column of DCAD's dyadic file becomes: its name in lower case, words split.

    Parameters
    ----------
    column : str
        The column's name as the file writes it (surrounding spaces are dropped).

    Returns
    -------
    str
        An underscore before each capital that follows a lower-case letter or a
        digit, then everything in lower case.

    Raises
    ------
    Nothing: any text gives a name.

    Examples
    --------
    >>> dcad_relation("dcaGeneralV1"), dcad_relation("dcaAnyV2")
    ('dca_general_v1', 'dca_any_v2')
    """
    import re

    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", column.strip()).lower()


def dcad(dyads, *, indicators=None, ids: str = "iso3", strict: bool = False):
    """A :class:`~partnergraph.Dataset` of DCAD's dyad-year file: which pairs of countries had a defence
    cooperation agreement in force, year by year, as dated country-country ties.

    Parameters
    ----------
    dyads : path or DataFrame
        DCAD's dyadic file (``ccode1, abbrev1, ccode2, abbrev2, year``, then
        the binary indicators ``dcaGeneralV1``... ``dcaAnyV2``): one line per
        pair of states and year, an indicator 1 when the pair had such an
        agreement that year.
    indicators : list of str, optional
        The indicator columns to read (case does not matter); by default every
        column whose name begins with ``dca``. Each becomes a relation of its
        own (:func:`dcad_relation`: ``dcaAnyV1`` -> ``dca_any_v1``), so no
        reading of the codebook's variants is imposed: the user picks.
    ids : {"iso3", "cow"}
        As for :func:`atop`.
    strict : bool
        Fail on a state code the Correlates of War list lacks.

    The years a pair's indicator is 1 without a break are one tie, from the
    first year (``since`` written as that year) to 1 January after the last.
    The data covers the years the file lists (DCAD 1.0: 1980 to 2010), and
    that is the coverage declared: a tie still 1 in the last year is open (no
    ``until``: the data cannot say when it ended), and one already 1 in the
    first year began then or earlier, which a question asked before the
    coverage is warned of. A pair listed in both orders, or twice, is one
    pair. An empty indicator (blank, ``NA``, ``.``) is no tie, and the
    warnings count them; any other value but 0 or 1 is an error naming its
    row and column, as is a state paired with itself.

    Returns
    -------
    Dataset
        Undated as a whole (every date), with the declared coverage. Nodes: the
        countries (kind ``country``), sorted by id. Edges: one relation per
        indicator that has a tie; one edge per pair and unbroken run of years
        (``u`` before ``v`` by id), with ``since``, ``until``, ``source`` and
        ``file_row`` (the first row of the run); its ``warnings`` list the
        codes that could not be placed and how many indicator cells were empty.

    Raises
    ------
    DataError
        The file cannot be read; it lacks ``ccode1``, ``ccode2`` or ``year``,
        or any indicator column, or one of ``indicators``; it has no rows; a
        cell is not a whole number of 0 or more, a year or state code is 0, a
        state is paired with itself, or an indicator is above 1; with
        ``strict``, a code the Correlates of War list lacks.
    PartnergraphError
        ``ids`` is neither ``"iso3"`` nor ``"cow"`` (checked once the file is read).

    Examples
    --------
    >>> rows = pd.DataFrame({"ccode1": [2, 2, 2, 200], "ccode2": [200, 200, 200, 2], "year": [1980, 1981, 1982, 1982],
    ...                      "dcaAnyV1": [0, 1, 1, 1]})
    >>> ds = dcad(rows)
    >>> ds.edges[["relation", "u", "v", "since", "until"]].values.tolist(), ds.coverage_text()
    ([['dca_any_v1', 'GBR', 'USA', '1981', nan]], '1980 to 1982')
    """
    shown = str(dyads) if not isinstance(dyads, pd.DataFrame) else "DCAD dyadic file"
    table = _read(dyads)
    if ids not in ("iso3", "cow"):
        raise PartnergraphError(f"ids must be 'iso3' or 'cow', got {ids!r}")
    columns = {str(c).strip().lower(): c for c in table.columns}
    missing = [c for c in DCAD_DYAD_COLUMNS if c not in columns]
    if missing:
        raise DataError(Problem(shown, 1, None, f"not a DCAD dyadic file: no column {', '.join(missing)} "
                                                f"(it has {', '.join(map(str, table.columns[:12]))})",
                                type="missing-column"))
    available = [str(c).strip() for c in table.columns if str(c).strip().lower().startswith("dca")]
    if indicators is None:
        chosen = available
        if not chosen:
            raise DataError(Problem(shown, 1, None, "not a DCAD dyadic file: no indicator column (dcaGeneralV1, "
                                                    "dcaAnyV1...)", type="missing-column"))
    else:
        by_lower = {c.lower(): c for c in available}
        unknown = [c for c in indicators if c.strip().lower() not in by_lower]
        if unknown:
            raise DataError(Problem(shown, 1, None, f"no indicator column {', '.join(unknown)} (the file has "
                                                    f"{', '.join(available) or 'none'})", type="missing-column"))
        chosen = list(dict.fromkeys(by_lower[c.strip().lower()] for c in indicators))
    if table.empty:
        raise DataError(Problem(shown, None, None, "no dyad-years: the file holds its header only", type="no-rows"))
    frame = table.rename(columns={v: k for k, v in columns.items()})
    missing_cells = 0
    for column in chosen:  # a missing indicator (blank, NA, ".") says nothing: no tie, and counted
        cells = frame[column.lower()]
        text = cells.astype(str).str.strip()
        gap = cells.isna().to_numpy() | text.str.upper().isin(["", "NA", ".", "NAN"]).to_numpy()
        missing_cells += int(gap.sum())
        frame[column.lower()] = text.where(~gap, "0")
    try:
        numbers = _whole_numbers(frame, [*DCAD_DYAD_COLUMNS, *(c.lower() for c in chosen)], shown)
    except DataError as err:  # name the column as the file's header writes it
        raise DataError(dataclass_replace(err.problem, column=str(columns[err.problem.column]).strip())) from None
    rows = np.arange(len(frame)) + 2
    for column in DCAD_DYAD_COLUMNS:
        zero = numbers[column].to_numpy() == 0
        if zero.any():
            raise DataError(Problem(shown, int(rows[zero][0]), column, f"no {'year' if column == 'year' else 'state code'}"
                                                                      f": every line names two states and a year",
                                    type="empty-cell"))
    same = numbers["ccode1"].to_numpy() == numbers["ccode2"].to_numpy()
    if same.any():
        raise DataError(Problem(shown, int(rows[same][0]), "ccode2", f"a state paired with itself "
                                                                     f"({numbers['ccode1'].iloc[int(np.flatnonzero(same)[0])]})",
                                type="self-tie"))
    for column in chosen:
        values = numbers[column.lower()].to_numpy()
        bad = values > 1
        if bad.any():
            raise DataError(Problem(shown, int(rows[bad][0]), column, f"expected 0 or 1, got {values[bad][0]}",
                                    type="bad-code"))
    first_year, last_year = int(numbers["year"].min()), int(numbers["year"].max())
    low = np.minimum(numbers["ccode1"].to_numpy(), numbers["ccode2"].to_numpy())
    high = np.maximum(numbers["ccode1"].to_numpy(), numbers["ccode2"].to_numpy())
    runs = []
    for column in chosen:  # each indicator's years of 1, as runs of consecutive years per pair
        on = numbers[column.lower()].to_numpy() == 1
        years = pd.DataFrame({"a": low[on], "b": high[on], "year": numbers["year"].to_numpy()[on], "row": rows[on]})
        years = years.sort_values(["a", "b", "year", "row"], kind="stable").drop_duplicates(["a", "b", "year"])
        a, b, y = (years[c].to_numpy() for c in ("a", "b", "year"))
        new = np.r_[True, (a[1:] != a[:-1]) | (b[1:] != b[:-1]) | (y[1:] != y[:-1] + 1)] if len(years) else \
            np.empty(0, dtype=bool)
        run = np.cumsum(new) - 1
        grouped = years.groupby(run, sort=True)
        found = grouped.agg(a=("a", "first"), b=("b", "first"), first=("year", "min"), last=("year", "max"),
                            row=("row", "min"))
        found["relation"] = dcad_relation(column)
        runs.append(found)
    runs = pd.concat(runs, ignore_index=True)
    runs["since"] = runs["first"].map(lambda y: f"{y:04d}")
    runs["until"] = ["" if y == last_year else f"{y + 1:04d}-01-01" for y in runs["last"]]
    runs["phase_text"] = ""
    codes = runs.assign(member=runs["a"].astype(str))
    # where each code is first seen in the file (row, then ccode1 before ccode2): the place an unknown code is named
    seen = pd.DataFrame({"code": np.r_[numbers["ccode1"], numbers["ccode2"]].astype(str), "row": np.r_[rows, rows],
                         "column": np.repeat(["ccode1", "ccode2"], len(rows))})
    seen = seen.sort_values(["row", "column"], kind="stable").drop_duplicates("code")
    where = dict(zip(seen["code"], zip(seen["row"].astype(int), seen["column"])))
    if ids == "cow":
        every = pd.unique(pd.concat([runs["a"], runs["b"]]).astype(str))
        countries, by_code, problems = cow_country_nodes(every, shown=shown, where=where)
        named = runs.assign(u=runs["a"].astype(str).map(by_code), v=runs["b"].astype(str).map(by_code))
    else:  # each end placed by its code and the dates: a tie with the USSR in 1990-1993 is cut on 1991-12-26
        first_end, labels, problems = _iso3_rows(codes, shown, where)
        second_end, more, later = _iso3_rows(first_end.rename(columns={"id": "u"}).assign(
            member=lambda f: f["b"].astype(str)), shown, where)
        labels.update(more)
        problems += [p for p in later if p not in problems]
        named = second_end.rename(columns={"id": "v"})
        every = pd.unique(pd.concat([named["u"], named["v"]]))
        countries = pd.DataFrame({"id": every, "kind": "country", "label": [labels[n] for n in every]})
    if strict and problems:
        first = problems[0]
        raise DataError(dataclass_replace(first, severity="error", message=first.message.split(":")[0]
                                          + " (--strict: every code must be placed)"))
    flip = named["u"].to_numpy(dtype=str) > named["v"].to_numpy(dtype=str)  # one order per pair: by id
    named.loc[flip, ["u", "v"]] = named.loc[flip, ["v", "u"]].to_numpy()
    ties = _periods(named, ["relation", "u", "v"], keep_phases=False)  # two codes of one node (GFR, Germany) rejoin
    ties = ties.sort_values(["relation", "u", "v", "row"], kind="stable").reset_index(drop=True)
    countries = countries.sort_values("id", kind="stable").reset_index(drop=True)
    edges = pd.DataFrame({
        "relation": ties["relation"].to_numpy(), "u": ties["u"].to_numpy(), "v": ties["v"].to_numpy(),
        "since": ties["since"].to_numpy(), "until": ties["until"].replace("", np.nan).to_numpy(),
        "source": f"DCAD dyadic file {_name_of(dyads)}", "file_row": ties["row"].astype(str).to_numpy()})
    relation_names = [dcad_relation(c) for c in chosen]
    relations = pd.DataFrame({"relation": relation_names, "u_kind": "country", "v_kind": "country",
                              "file": [f"{r}.csv" for r in relation_names]})
    relations = relations[relations["relation"].isin(set(edges["relation"]))].reset_index(drop=True)
    meta = {"name": "dcad", "title": "Defense Cooperation Agreement Dataset (DCAD): agreements in force by pair",
            "description": "Imported by partnergraph from DCAD's dyad-year file; relations: "
                           + ", ".join(f"{r} (column {c})" for r, c in zip(relation_names, chosen)) + ".",
            "sources": [{"title": f"DCAD dyadic file {_name_of(dyads)}"}], "citation": DCAD_CITATION,
            "partnergraph": {"coverage": {"start": first_year, "end": last_year}}}
    versions = _release_versions(table)
    if versions:
        meta["version"] = versions
    from .dataset import Dataset

    if missing_cells:
        problems.append(Problem(shown, None, None, f"{missing_cells:,} indicator cells are empty or NA: read as no "
                                                   f"agreement", "warning", type="empty-cell"))
    ds = Dataset(countries.astype(object), edges, relations=relations, name="dcad", meta=meta)
    ds.warnings = problems
    return ds


# ---------------------------------------------------------------------------
# names


def _name_key(name: str) -> str:
    """A name compared without case, accents, punctuation or spacing; ``&`` read as ``and``.

    >>> _name_key("Côte d’Ivoire") == _name_key("Cote d'Ivoire")
    True
    >>> _name_key("Bosnia & Herzegovina") == _name_key("Bosnia and Herzegovina")
    True
    """
    import unicodedata

    text = unicodedata.normalize("NFKD", str(name).casefold()).replace("&", "and")
    return "".join(c for c in text if c.isalnum())


def country_names() -> dict[str, tuple[str, str]]:
    """Every country name partnergraph can place, as a key of :func:`_name_key`: (``"cow"``, code) for a state of the
    Correlates of War list (its dates then decide its ISO code), or (``"iso3"``, code) for a territory it lacks.

    Read from the bundled lists, the first one naming a key winning: the name variants research files use
    (``data/countries/names.csv``, each with its source), the COW state names, the crosswalk's names, then ISO
    3166's names (short, common and official).

    Returns
    -------
    dict
        Name key -> (``"cow"``, COW code) or (``"iso3"``, ISO code), codes as text.

    Raises
    ------
    Nothing: the lists are read from ``data/countries``, which ships with the package.

    Examples
    --------
    >>> names = country_names()
    >>> names[_name_key("Federal Republic of Germany")], names[_name_key("Congo - Kinshasa")]
    (('cow', '260'), ('cow', '490'))
    """
    walk = country_crosswalk()
    current = walk.drop_duplicates("iso3", keep="last").set_index("iso3")["cow"]

    def placed(iso3: str) -> tuple[str, str]:
        return ("cow", current[iso3]) if iso3 in current.index else ("iso3", iso3)

    names: dict[str, tuple[str, str]] = {}
    variants = _country_table("names.csv")
    for name, iso3 in zip(variants["name"], variants["iso3"]):
        names.setdefault(_name_key(name), placed(iso3))
    states = cow_states()
    for name, code in zip(states["name"], states["cow"]):
        names.setdefault(_name_key(name), ("cow", code))
    for name, code in zip(walk["name"], walk["cow"]):
        names.setdefault(_name_key(name), ("cow", code))
    iso = _country_table("iso3166.csv")
    for field in ("name", "common_name", "official_name"):
        for name, iso3 in zip(iso[field], iso["iso3"]):
            if name:
                names.setdefault(_name_key(name), placed(iso3))
    return names


def _placed_names(names, shown: str, rows) -> tuple[list, list[Problem]]:
    """Each name placed as (``"cow"``, code) or (``"iso3"``, code), or None; a warning for each name that cannot be
    placed, at the first row using it. A name with a parenthesis (``Myanmar (Burma)``) is also tried without it."""
    import re

    known = country_names()
    placed, problems, told = [], [], set()
    for name, row in zip(names, rows):
        key = _name_key(name)
        found = known.get(key) or known.get(_name_key(re.sub(r"\s*\([^)]*\)", "", name)))
        placed.append(found)
        if found is None and key not in told:
            told.add(key)
            problems.append(Problem(shown, int(row), "participant", f"{name!r} is not a country partnergraph can place: "
                                    f"kept as node name:{name}", "warning", type="unknown-id"))
    return placed, problems


#: MME's domain and focus flags: the exercises' links to nodes of kinds ``domain`` and ``focus``.
MME_DOMAINS = ("Air", "Land", "Sea", "Amphibious", "Cyber")
MME_FOCUSES = ("Warfighting", "Peacekeeping", "Humanitarian")
#: As the Harvard Dataverse writes it (quoted by the troopdata package, which builds on MME version 7).
MME_CITATION = ("D'Orazio, Vito; Galambos, Kevin, 2021, \"Multinational Military Exercises, 1980-2010\", "
                "https://doi.org/10.7910/DVN/KHFODX, Harvard Dataverse, V1.")


def mme(exercises, *, ids: str = "iso3", coverage_end: int | None = None, strict: bool = False,
        skip_invalid: bool = False):
    """A :class:`~partnergraph.Dataset` of the Multinational Military Exercises file: who exercised with whom, when.

    Each exercise (one row of the file) is a node of kind ``exercise``
    (``mme-<number>``, labelled with its name) with the exercise's dates as its
    lifetime; each participant named in ``StateA``, ``StateB``... is linked to it
    (relation ``participates``, dated); the exercise links to the ``domain``
    nodes its flags name (air, land, sea, amphibious, cyber) and to the
    ``focus`` nodes (warfighting, peacekeeping, humanitarian), so coverage-style
    questions work (which countries exercise at sea, through which exercises).

    A day written ``xx`` (or 0) is unknown: the start keeps its month. An
    exercise's ``until`` is the day after its last day, so it is active on
    every day it ran; a last day known only to the month gives the first day of
    the next month (the exercise ran at most to the month's end). Participants
    are placed by name (:func:`country_names`, then by date as
    :func:`country_crosswalk` says: ``Russia`` in 1985 is the USSR, SUN);
    ``-9`` (unknown) is left out and counted; a name that cannot be placed is
    kept as ``name:<name>`` and listed (``strict`` fails); with ``ids="cow"``,
    a territory the COW list lacks (Hong Kong) keeps its ISO code. An
    ``MMEID`` used by two exercises keeps the second as ``mme-<number>-2``.
    An exercise that ends before it starts is an error naming every such row;
    with ``skip_invalid`` those rows are left out, each with a warning.

    Parameters
    ----------
    exercises : path or DataFrame
        The MME file (``MMEID, Ex_Name, s.year, s.month, s.day, e.year,
        e.month, e.day``, the participants ``StateA``, ``StateB``..., the
        domain and focus flags); column names compared without case.
    ids : {"iso3", "cow"}
        As for :func:`atop`.
    coverage_end : int, optional
        The last year the release covers; by default the last year the file names.
    strict : bool
        Fail on a participant name that cannot be placed.
    skip_invalid : bool
        Leave out, with a warning, the exercises that end before they start,
        instead of failing.

    Returns
    -------
    Dataset
        Undated as a whole (every date), with the declared coverage. Nodes: the
        countries, the exercises and the domain and focus nodes the file's
        flag columns name. Edges: ``participates`` (country, exercise), then
        ``domains`` and ``focuses`` (exercise, domain or focus; undated), each
        with ``source`` and ``file_row``; its ``warnings`` list what could not
        be placed, the unknown participants counted, repeated MMEIDs and
        skipped rows.

    Raises
    ------
    DataError
        The file cannot be read; it lacks a date column, ``MMEID`` or
        ``Ex_Name``; it has no rows; a date or flag cell is not a whole number
        of 0 or more (``xx`` and ``-9`` read as 0 in the dates), or a month or
        day is impossible; an exercise ends before it starts (unless
        ``skip_invalid``); ``coverage_end`` comes before a date of the file;
        with ``strict``, a name that cannot be placed.
    PartnergraphError
        ``ids`` is neither ``"iso3"`` nor ``"cow"`` (checked once the file is read).

    Examples
    --------
    >>> rows = pd.DataFrame({"MMEID": ["mme1"], "Ex_Name": ["Sea Breeze"], "s.year": [1997], "s.month": [8],
    ...                      "s.day": [25], "e.year": [1997], "e.month": [9], "e.day": ["xx"], "Sea": [1], "Air": [0],
    ...                      "StateA": ["Ukraine"], "StateB": ["United States"]})
    >>> ds = mme(rows)
    >>> ds.edges[["relation", "u", "v"]].values.tolist()
    [['participates', 'UKR', 'mme-1'], ['participates', 'USA', 'mme-1'], ['domains', 'mme-1', 'sea']]
    >>> ds.edges[["since", "until"]].iloc[0].tolist(), ds.nodes.loc[ds.nodes["id"] == "mme-1", "label"].item()
    (['1997-08-25', '1997-10-01'], 'Sea Breeze')
    """
    shown = str(exercises) if not isinstance(exercises, pd.DataFrame) else "MME file"
    table = _read(exercises)
    if ids not in ("iso3", "cow"):
        raise PartnergraphError(f"ids must be 'iso3' or 'cow', got {ids!r}")
    columns = {str(c).strip().lower(): c for c in table.columns}
    needed = ["mmeid", "ex_name", "s.year", "s.month", "s.day", "e.year", "e.month", "e.day"]
    missing = [c for c in needed if c not in columns]
    if missing:
        raise DataError(Problem(shown, 1, None, f"not an MME file: no column {', '.join(missing)}",
                                type="missing-column"))
    if table.empty:
        raise DataError(Problem(shown, None, None, "no exercises: the file holds its header only", type="no-rows"))
    frame = table.rename(columns={v: k for k, v in columns.items()})
    for column in needed[2:]:  # "xx" (and -9) is an unknown day or month
        frame[column] = frame[column].astype(str).str.strip().replace({"xx": "0", "XX": "0", "-9": "0"})
    numbers = _whole_numbers(frame, needed[2:], shown)
    since = date_texts(numbers["s.year"], numbers["s.month"], numbers["s.day"], shown=shown,
                       columns=("s.year", "s.month", "s.day"))
    last = date_texts(numbers["e.year"], numbers["e.month"], numbers["e.day"], shown=shown,
                      columns=("e.year", "e.month", "e.day"))
    until = np.array([_day_after(t) for t in last], dtype=object)
    rows = np.arange(len(frame)) + 2
    inverted = date_bounds(pd.Series(since))[0] > date_bounds(pd.Series(last).replace("", np.nan))[1]
    if inverted.any():
        listed = [f"row {r} (ends {e}, starts {b})" for r, b, e in zip(rows[inverted], since[inverted], last[inverted])]
        if not skip_invalid:
            raise DataError(Problem(shown, int(rows[inverted][0]), "e.year", f"the exercise ends before it starts; "
                                    f"{len(listed)} such row{'s' if len(listed) != 1 else ''}: {'; '.join(listed)} "
                                    f"(--skip-invalid leaves them out)", type="dates-inverted"))
        skipped = [Problem(shown, int(r), "e.year", f"the exercise ends ({e}) before it starts ({b}): left out",
                           "warning", type="dates-inverted")
                   for r, b, e in zip(rows[inverted], since[inverted], last[inverted])]
        keep = ~inverted
        frame, since, last, until, rows = frame[keep], since[keep], last[keep], until[keep], rows[keep]
    else:
        skipped = []
    number = frame["mmeid"].astype(str).str.strip().str.removeprefix("mme")
    seen = number.groupby(number).cumcount()
    exercise = np.where(seen == 0, "mme-" + number, "mme-" + number + "-" + (seen + 1).astype(str))
    problems = skipped + [Problem(shown, int(r), "MMEID", f"MMEID mme{n} names an earlier exercise too: this one is "
                                  f"{e}", "warning", type="duplicate-id")
                          for r, n, e, s in zip(rows, number, exercise, seen) if s > 0]
    names = frame["ex_name"].astype(str).str.strip()
    labels = np.where(names.isin(["-9", ""]), "unnamed exercise mme" + number, names)
    # participants: one line per (exercise, name)
    slots = [c for c in frame.columns if str(c).startswith("state")]
    long = pd.DataFrame({"exercise": np.repeat(exercise, len(slots)), "name": frame[slots].to_numpy().ravel(),
                         "row": np.repeat(rows, len(slots)), "since": np.repeat(since, len(slots)),
                         "until": np.repeat(until, len(slots))})
    long["name"] = long["name"].astype(str).str.strip()
    unknown = long["name"] == "-9"
    long = long[~long["name"].isin(["", "nan", "-9"])].reset_index(drop=True)
    placed, found = _placed_names(long["name"], shown, long["row"])
    problems += found
    if strict and found:
        raise DataError(dataclass_replace(found[0], severity="error", message=found[0].message.split(":")[0]
                                          + " (--strict: every name must be placed)"))
    long["kind"] = [p[0] if p else "" for p in placed]
    long["code"] = [p[1] if p else "" for p in placed]
    by_cow = long[long["kind"] == "cow"].rename(columns={"code": "member"}).assign(
        phases="", atopid=0, until=lambda f: f["until"].fillna(""))
    if ids == "iso3":
        split, labels_of, more = _iso3_rows(by_cow, shown)
        problems += more
    else:
        nodes_cow, by_code, more = cow_country_nodes(by_cow["member"], shown=shown, column="participant")
        problems += more
        split = by_cow.assign(id=by_cow["member"].map(by_code))
        labels_of = dict(zip(nodes_cow["id"], nodes_cow["label"]))
    iso = long[long["kind"] == "iso3"].assign(id=lambda f: f["code"])
    iso_names = _country_table("iso3166.csv")
    named = dict(zip(iso_names["iso3"], iso_names["common_name"].where(iso_names["common_name"] != "", iso_names["name"])))
    variants = _country_table("names.csv")
    for code in pd.unique(iso["code"]):  # an ISO 3166-3 code (a territory that ended) is named as the file names it
        labels_of[code] = named.get(code) or variants.loc[variants["iso3"] == code, "name"].iloc[0]
    lost = long[long["kind"] == ""].assign(id=lambda f: "name:" + f["name"])
    for node in pd.unique(lost["id"]):
        labels_of[node] = node.removeprefix("name:")
    links = pd.concat([split, iso, lost], ignore_index=True).drop_duplicates(["exercise", "id", "since", "until"])
    links = links.sort_values(["row", "id"], kind="stable")
    countries = pd.unique(links["id"])
    flags = {kind: [c for c in values if c.lower() in frame]
             for kind, values in (("domain", MME_DOMAINS), ("focus", MME_FOCUSES))}
    flag_values = _whole_numbers(frame, [c.lower() for cs in flags.values() for c in cs], shown) if any(
        flags.values()) else pd.DataFrame(index=frame.index)
    attached = []
    for kind, values in flags.items():
        for value in values:
            on = flag_values[value.lower()].to_numpy() == 1
            attached.append(pd.DataFrame({"relation": "domains" if kind == "domain" else "focuses",
                                          "u": exercise[on], "v": value.lower(), "row": rows[on]}))
    attached = pd.concat(attached, ignore_index=True).sort_values(["row", "relation"], kind="stable") if attached \
        else pd.DataFrame(columns=["relation", "u", "v", "row"])
    nodes = pd.concat([
        pd.DataFrame({"id": countries, "kind": "country", "label": [labels_of[c] for c in countries]}),
        pd.DataFrame({"id": exercise, "kind": "exercise", "label": labels, "since": since,
                      "until": pd.Series(until).replace("", np.nan).to_numpy()}),
        pd.DataFrame({"id": [v.lower() for vs in flags.values() for v in vs],
                      "kind": [k for k, vs in flags.items() for _ in vs],
                      "label": [v for vs in flags.values() for v in vs]}),
    ], ignore_index=True)
    edges = pd.concat([
        pd.DataFrame({"relation": "participates", "u": links["id"].to_numpy(), "v": links["exercise"].to_numpy(),
                      "since": links["since"].to_numpy(), "until": links["until"].replace("", np.nan).to_numpy(),
                      "file_row": links["row"].astype(str).to_numpy()}),
        pd.DataFrame({"relation": attached["relation"].to_numpy(), "u": attached["u"].to_numpy(),
                      "v": attached["v"].to_numpy(), "file_row": attached["row"].astype(str).to_numpy()}),
    ], ignore_index=True)
    edges["source"] = f"MME file {_name_of(exercises)}"
    edges = edges[["relation", "u", "v", "since", "until", "source", "file_row"]]
    if unknown.any():
        problems.append(Problem(shown, None, "participant", f"{int(unknown.sum())} participant cells hold -9 "
                                                            f"(unknown): left out", "warning", type="empty-cell"))
    start, end = _coverage([*since, *last], coverage_end, shown)
    relations = pd.DataFrame({"relation": ["participates", "domains", "focuses"],
                              "u_kind": ["country", "exercise", "exercise"], "v_kind": ["exercise", "domain", "focus"],
                              "file": ["participates.csv", "domains.csv", "focuses.csv"]})
    relations = relations[relations["relation"].isin(set(edges["relation"]))].reset_index(drop=True)
    meta = {"name": "mme", "title": "Multinational Military Exercises (MME): who exercised with whom",
            "description": "Imported by partnergraph from the MME file.",
            "sources": [{"title": f"MME file {_name_of(exercises)}"}], "citation": MME_CITATION,
            "partnergraph": {"coverage": {"start": start, "end": end}}}
    from .dataset import Dataset

    ds = Dataset(nodes.astype(object).where(nodes.notna(), np.nan), edges, relations=relations, name="mme", meta=meta)
    ds.warnings = problems
    return ds


def _day_after(text: str) -> str:
    """The ``until`` of a period whose last day is ``text``: the next day. A last day known only to the month (or
    year) gives the first day after that month (or year): the period runs at most to its end.

    >>> _day_after("1980-01-21"), _day_after("1980-01"), _day_after("1980-12"), _day_after("1980"), _day_after("")
    ('1980-01-22', '1980-02-01', '1981-01-01', '1981-01-01', '')
    """
    if not text:
        return ""
    if len(text) == 10:
        return (pd.Timestamp(text) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    if len(text) == 7:
        return (pd.Timestamp(text + "-01") + pd.offsets.MonthBegin(1)).strftime("%Y-%m-%d")
    return f"{int(text) + 1:04d}-01-01"


def _country_table(name: str) -> pd.DataFrame:
    """One of the country lists bundled in ``data/countries``, as text cells."""
    from .folders import bundled_path

    return pd.read_csv(bundled_path() / "countries" / name, dtype=str, keep_default_na=False)
