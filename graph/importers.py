"""Research datasets in: the alliance datasets scholars use, read into the data contract.

Each importer returns a :class:`~partnergraph.Dataset` (written as a data folder
by ``partnergraph import``): ATOP's member-level file so far. Countries are
identified by the Correlates of War list bundled in ``data/countries``; the
crosswalk to ISO 3166 codes comes next.
"""
from __future__ import annotations

from dataclasses import replace as dataclass_replace

import numpy as np
import pandas as pd

from .asof import date_bounds
from .errors import DataError, Problem
from .membership import _chains

__all__ = ["atop", "atop_periods", "cow_country_nodes", "cow_states", "date_texts", "country_crosswalk", "write"]

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

    Returns a frame with columns ``atopid``, ``member`` (the Correlates of War
    code, as text), ``since``, ``until`` (partnergraph dates, ``""`` for open),
    ``phases`` (the phase numbers joined by ``;``) and ``row`` (the first file
    row of the period, the header being row 1); sorted by alliance, member and since.

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
    if frame.empty:
        raise DataError(Problem(shown, None, None, "no membership rows: the file holds its header only"))
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
    first_day, last_day = date_bounds(numbers["since"])[0], date_bounds(numbers["until"].replace("", np.nan))[1]
    inverted = ~np.isnat(last_day) & (first_day >= last_day)  # at every reading of the dates written
    if inverted.any():
        at = int(np.flatnonzero(inverted)[0])
        raise DataError(Problem(shown, int(numbers["row"].iloc[at]), "yrexit",
                                f"the exit ({numbers['until'].iloc[at]}) is not after the entry "
                                f"({numbers['since'].iloc[at]})"))
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
    if keep_phases:  # a line per phase; phases with the very same dates are one line (a treaty split in two)
        chain = rows.assign(_pair=pair).groupby(["_pair", "since", "until"], sort=False).ngroup().to_numpy()
    else:  # periods that overlap or follow on the next day are one membership, whatever the phases
        start = date_bounds(rows["since"])[0]
        end = date_bounds(rows["until"].replace("", np.nan))[1] + np.timedelta64(1, "D")
        chain = _chains(pair.astype(np.int64), start, end)
    last_day = date_bounds(rows["until"].replace("", np.nan))[1].astype(np.int64)
    rows = rows.assign(_chain=chain, _end=np.where(rows["until"] == "", np.iinfo(np.int64).max, last_day),
                       _start=date_bounds(rows["since"])[0].astype(np.int64))
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

    Columns ``cow`` (the numeric code, as text), ``cowc`` (the letter code),
    ``name``, ``since``, ``until`` (empty: still a state when the list ends in
    2016) and ``source``.

    Examples
    --------
    >>> states = cow_states()
    >>> states.loc[states["cow"] == "200", ["cowc", "name"]].values.tolist()
    [['UKG', 'United Kingdom']]
    """
    from .load import bundled_path

    return pd.read_csv(bundled_path() / "countries" / "cow.csv", dtype=str, keep_default_na=False)


def country_crosswalk() -> pd.DataFrame:
    """The Correlates of War states' ISO 3166 and Gleditsch-Ward codes: one line per COW code and period.

    Columns ``cow``, ``since``, ``until`` (the period a line holds for; empty:
    always), ``iso3`` (an ISO 3166-1 code, an ISO 3166-3 code for a state that
    ended, or empty where the state never had one), ``gwcode`` (Gleditsch and
    Ward's code), ``name``, ``rule`` (why) and ``source``. The German Federal
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
    from .load import bundled_path

    return pd.read_csv(bundled_path() / "countries" / "crosswalk.csv", dtype=str, keep_default_na=False)


def _iso3_rows(periods: pd.DataFrame, shown: str) -> tuple[pd.DataFrame, dict, list[Problem]]:
    """Periods by COW code (``member``) -> periods by node id (``id``), a period cut where the code's state changes
    its ISO code (the USSR, Yugoslavia); the nodes' labels; warnings for codes the crosswalk lacks."""
    walk = country_crosswalk()
    states = cow_states().drop_duplicates("cow", keep="last").set_index("cow")
    labels, problems, pieces = {}, [], []
    for code, group in periods.groupby("member", sort=False):
        lines = walk[walk["cow"] == code]
        if lines.empty:
            node = f"cow-{code}"
            labels[node] = node
            problems.append(Problem(shown, int(group["row"].min()), "member",
                                    f"Correlates of War code {code} is not in the state system list: kept as node "
                                    f"{node}", "warning"))
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


def cow_country_nodes(codes, *, shown: str = "file", column: str = "member", rows=None
                      ) -> tuple[pd.DataFrame, dict, list[Problem]]:
    """Country nodes for Correlates of War codes: (nodes, code -> id, warnings).

    A code of the state list becomes its letter code (``200`` -> ``UKG``),
    labelled with the state's name in its latest tenure. A code the list lacks
    is never guessed: it becomes ``cow-<code>``, and a warning names the first
    row that uses it (``rows``: the file row of each code, when known).

    Examples
    --------
    >>> nodes, ids, found = cow_country_nodes(["200", "2", "999"])
    >>> nodes.values.tolist(), ids["999"], len(found)
    ([['UKG', 'country', 'United Kingdom'], ['USA', 'country', 'United States of America'], ['cow-999', 'country', 'cow-999']], 'cow-999', 1)
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
            problems.append(Problem(shown, first_row.get(code), column,
                                    f"Correlates of War code {code} is not in the state system list: kept as node "
                                    f"cow-{code}", "warning"))
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

    Alliances are ``atop-<atopid>`` (kind ``alliance``, labelled ``ATOP <atopid>``:
    ATOP gives no names). Periods are read by :func:`atop_periods`. The
    dataset's ``warnings`` list what could not be placed.

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
        raise ValueError(f"ids must be 'iso3' or 'cow', got {ids!r}")
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
        nodes = _with_alliance_attributes(nodes, _read(alliances), str(alliances))
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
    years = [int(t[:4]) for t in pd.concat([periods["since"], periods["until"]]) if t]
    start, end = min(years), coverage_end if coverage_end is not None else max(years)
    if end < max(years):
        raise DataError(Problem(shown, None, None, f"the file names dates up to {max(years)}, after the coverage's "
                                                   f"end {end}: check --coverage-end"))
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
        raise DataError(Problem(shown, 1, None, "not an ATOP alliance-level file: no column atopid"))
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
            raise DataError(Problem(str(path), None, None, f"cannot read the Stata file: {err}")) from None
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except UnicodeDecodeError:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="latin-1")
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise DataError(Problem(str(path), None, None, f"cannot read the file: {err}")) from None


def _name_of(source) -> str:
    from pathlib import Path

    return Path(source).name if not isinstance(source, pd.DataFrame) else "a table"


def write(dataset, folder):
    """Write an imported dataset as a data folder, checked: the folder appears only once it loads as a dataset.

    The tables are written beside ``folder`` and loaded back (every check of
    :func:`partnergraph.validate`); only then is the folder renamed into place,
    so a dataset that breaks the contract leaves nothing behind.

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
    from .load import load

    return write_csv_folder(dataset, folder, check=load)  # load raises DataError on the first problem
