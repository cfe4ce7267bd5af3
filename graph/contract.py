"""The data contract: what the cells of a nodes table and of an edge list must hold, checked on whole columns.

Each table check (:func:`check_nodes`, :func:`check_edge_table`) takes a
:class:`partnergraph.reader.Table` and returns the valid rows and a list of
:class:`partnergraph.Problem`; the folder-wide checks (:func:`check_endpoints`,
:func:`check_id_spellings`, :func:`check_times`) run on the joined edge table
(:func:`joined_edges`). :func:`partnergraph.folders.read_folder` puts them together.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from .asof import date_bounds, distinct_dates
from .columns import taken
from .errors import Problem, a_kind
from .reader import ROW, Table

__all__ = ["NODE_COLUMNS", "FIXED_COLUMNS"]

#: Internal columns the checks add to the joined edge table (a NUL cannot come from a file, so no user column collides;
#: :data:`partnergraph.reader.ROW` numbers the rows): each row's file, and each endpoint's header name and kind.
_C_FIRST = "\x00first"
PATH = "\x00path"
U_COL = "\x00u_col"
U_KIND = "\x00u_kind"
V_COL = "\x00v_col"
V_KIND = "\x00v_kind"

#: Columns nodes.csv must have.
NODE_COLUMNS = ("id", "kind", "label")
#: Optional edge columns with a fixed meaning, in the order `.edges` shows them.
FIXED_COLUMNS = ("since", "until", "status", "weight", "source", "note")
#: Names an edge file may not use for its extra columns (the loader makes them).
_RESERVED = ("relation", "u", "v")


def _duplicate_headers(table: Table, start: int = 0) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(table.header):
        if not name:
            continue
        if i >= start and name in seen and seen[name] >= start:
            out.append(Problem(table.path, 1, name, f"duplicate column header (also column {seen[name] + 1})",
                               type="duplicate-header", column_number=i + 1))
        seen.setdefault(name, i)
    return out


def _flag(table_path: str, frame: pd.DataFrame, mask, column: str | None, message, type: str) -> list[Problem]:
    """Problems of one ``type`` (:data:`partnergraph.errors.PROBLEM_TYPES`) for the rows where mask holds.

    ``message`` is a str, or a function of the flagged rows (a DataFrame)
    returning one message per row, so messages are only built for bad rows.
    """
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return []
    bad = frame[mask]
    texts = [message] * len(bad) if isinstance(message, str) else list(message(bad))
    return [Problem(table_path, int(r), column, t, type=type) for r, t in zip(bad[ROW], texts)]


def _quoted(values: pd.Series) -> pd.Series:
    return '"' + values.astype(str) + '"'


# ---------------------------------------------------------------------------
# nodes.csv


#: Headers with a fixed meaning: matched case-insensitively after trimming, and read under these names.
_FIXED_HEADERS = {name: name for name in (*NODE_COLUMNS, *FIXED_COLUMNS)}


def _canonical_headers(table: Table, start: int = 0) -> None:
    """Fixed-meaning headers from ``start`` on, whatever their case (``Since``, ``SOURCE``), under their own names."""
    table.header = [_FIXED_HEADERS.get(name.casefold(), name) if i >= start else name
                    for i, name in enumerate(table.header)]


#: Headers people type for a fixed column, and the column they most likely mean.
_LOOKALIKES = {"start": "since", "begin": "since", "from": "since", "date from": "since", "joined": "since",
               "end": "until", "to": "until", "date to": "until", "left": "until",
               "url": "source", "link": "source", "sources": "source", "citation": "source", "reference": "source",
               "notes": "note", "comment": "note", "comments": "note", "weights": "weight", "state": "status"}


def _cell_warnings(table: Table, names: dict[int, str], shown: str) -> list[Problem]:
    """Warnings on a file's columns: a header that looks like a fixed one, a column empty in every row, and cells
    a spreadsheet would run as a formula. ``names`` maps column numbers to the header names used."""
    problems = []
    frame = table.frame
    fixed = set(_FIXED_HEADERS) - {"id", "kind", "label"}
    for i, name in names.items():
        if not name or name in _FIXED_HEADERS:
            continue
        folded = name.casefold()
        meant = _LOOKALIKES.get(folded) or next((f for f in sorted(fixed) if len(folded) >= 4
                                                 and _one_edit_apart(folded, f)), None)
        if meant:
            problems.append(Problem(shown, 1, name, f"column {name!r} looks like {meant!r}, which has a fixed meaning; "
                                                    f"name it {meant} if that is what it holds", "warning",
                                                    type="lookalike-header"))
    checked = [i for i in names if i in frame]
    if not len(frame) or not checked:
        return problems
    rows = frame[ROW].to_numpy()
    for i in checked:  # each column's distinct texts once; its rows only when one of them is a problem
        name = names[i]
        cells = frame[i].to_numpy(dtype=object)
        if not (cells != "").any():
            if name not in _FIXED_HEADERS:  # an empty until or status column is normal
                problems.append(Problem(shown, 1, name or str(i + 1), "column is empty in every row", "warning",
                                        type="empty-column"))
            continue
        if table.formula_free:
            continue
        distinct = pd.unique(cells)
        risky = distinct[pd.Series(distinct, dtype=object).str.match(r"=|[+\-@][^\d\s.,]", na=False).to_numpy(dtype=bool)]
        if not len(risky):
            continue
        hits = np.flatnonzero(frame[i].isin(risky).to_numpy())
        first, more = int(hits[0]), len(hits) - 1
        problems.append(Problem(shown, int(rows[first]), name or str(i + 1),
                                f"{_quoted_one(frame[i].iloc[first])} would run as a formula in a spreadsheet"
                                + (f" (and {more} more cell{'s' if more != 1 else ''} in this column)" if more else "")
                                + "; partnergraph keeps it as text", "warning", type="formula-cell"))
    return problems


def _quoted_one(text: str) -> str:
    return '"' + (text if len(text) <= 40 else text[:37] + "...") + '"'


def _named_columns(frame: pd.DataFrame, header: list[str]) -> pd.DataFrame:
    """The numbered columns of ``frame`` under their header names (a name's first column; unnamed ones left out), and
    the row numbers, taken as one block."""
    first: dict[str, int] = {}
    for i, name in enumerate(header):
        if name:
            first.setdefault(name, i)
    if list(first.values()) == list(range(len(header))):  # every column named once: rename, do not copy
        return frame.set_axis([*first, ROW], axis=1)
    df = frame[[*first.values(), ROW]]
    df.columns = [*first, ROW]
    return df


def check_nodes(table: Table, shown: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    """The nodes table's rows, checked: the valid ones as a frame (None when a required column is missing), and the
    problems (missing or duplicate columns, empty ids or kinds, duplicate ids, unreadable dates, formula cells)."""
    _canonical_headers(table)
    header, frame = table.header, table.frame
    problems = _duplicate_headers(table)
    problems += _cell_warnings(table, {i: n for i, n in enumerate(header) if n not in ("id", "kind")}, shown)
    missing = [c for c in NODE_COLUMNS if c not in header]
    if missing:
        found = ", ".join(h for h in header if h) or "none"
        problems.append(
            Problem(shown, 1, None, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} (nodes.csv needs id, kind, label; found {found})",
                    type="missing-column")
        )
        return None, problems
    df = _named_columns(frame, header)
    for col in ("id", "kind"):
        problems += _flag(shown, df, df[col] == "", col, f"empty {col}", "empty-cell")
    dup = (df["id"] != "") & df["id"].duplicated(keep="first")
    if dup.any():
        df[_C_FIRST] = df.groupby("id", sort=False)[ROW].transform("first")
        problems += _flag(shown, df, dup, "id",
                          lambda bad: "duplicate id " + _quoted(bad["id"]) + " (first on row " + bad[_C_FIRST].astype(str) + ")",
                          "duplicate-id")
        df = df.drop(columns=_C_FIRST)
    found, _ = _check_dates(df, shown)
    problems += found
    if found:  # a lifetime that cannot be read is not checked against (the error is reported once)
        bad = df[ROW].isin({p.row for p in found})
        for col in ("since", "until"):
            if col in df:
                df.loc[bad, col] = ""
    # keep the usable rows, so edges can still be checked against them
    df = df[(df["id"] != "") & (df["kind"] != "")].drop_duplicates("id").copy()
    df["label"] = df["label"].where(df["label"] != "", df["id"])
    extras = [c for c in df.columns if c not in NODE_COLUMNS and c != ROW]
    nodes = pd.concat([df[list(NODE_COLUMNS)], df[extras].replace("", np.nan)], axis=1)
    return nodes.reset_index(drop=True), problems


# ---------------------------------------------------------------------------
# edge files


def check_edge_table(table: Table, shown: str, relation: str, node_index: pd.Index | None = None
                      ) -> tuple[pd.DataFrame | None, list[Problem], dict | None]:
    """An edge file's rows, checked: the valid ones as a frame, the problems, and what the later checks need of
    each kept row: the date bounds (:func:`_check_dates`), each distinct id of either side and, given the nodes'
    ids (``node_index``), each endpoint's row among them."""
    _canonical_headers(table, start=2)
    header, frame = table.header, table.frame
    if len(header) < 2:
        return None, [Problem(shown, 1, None, "an edge list needs at least two columns, the kinds of its two endpoints, "
                                              "separated by , ; or tab", type="missing-column")], None
    problems = _duplicate_headers(table, start=2)
    warned = _cell_warnings(table, {i: n for i, n in enumerate(header) if i >= 2}, shown)  # ids are checked below
    if not header[0] or not header[1]:
        return None, problems + warned, None  # the empty-header problem is already reported
    for i, name in enumerate(header[2:], start=2):
        if name.casefold() in _RESERVED:
            problems.append(Problem(shown, 1, name, f"column name {name!r} is reserved, rename the column",
                                    type="reserved-column"))
        elif name.casefold() in (header[0].casefold(), header[1].casefold()):
            problems.append(Problem(shown, 1, name, f"column {name!r} repeats an endpoint kind",
                                    type="reserved-column"))
    if problems:
        return None, problems + warned, None

    u_col, v_col = header[0], header[1]
    same = u_col.casefold() == v_col.casefold()
    u_name = u_col if not same else "1"
    v_name = v_col if not same else "2"
    df = _named_columns(frame, ["u", "v", *header[2:]])
    df.insert(0, "relation", relation)

    coded = {side: _coded(df[side]) for side in ("u", "v")}
    empty = {side: (texts == "")[codes] for side, (codes, texts) in coded.items()}
    problems += _flag(shown, df, empty["u"], u_name, "empty id", "empty-cell")
    problems += _flag(shown, df, empty["v"], v_name, "empty id", "empty-cell")

    date_problems, bounds = _check_dates(df, shown, coded)
    problems += date_problems
    if "weight" in df:
        w = df["weight"]
        num = pd.to_numeric(w.where(w != ""), errors="coerce").to_numpy(dtype=float)
        bad = (w != "").to_numpy() & ~np.isfinite(num)  # inf, 1e400 and nan are not weights
        problems += _flag(shown, df, bad, "weight",
                          lambda rows: "expected a finite number, got " + _quoted(rows["weight"]), "bad-number")

    key = [c for c in ("u", "v", "since", "until") if c in df]
    dup = pd.DataFrame({c: coded[c][0] for c in key}, copy=False).duplicated(keep="first").to_numpy() \
        & ~empty["u"] & ~empty["v"]
    if dup.any():
        first = df.groupby(key, sort=False)[ROW].transform("first")
        problems += _flag(shown, df.assign(**{_C_FIRST: first}), dup, None,
                          lambda rows: "the same edge as row " + rows[_C_FIRST].astype(str), "duplicate-edge")

    # what later checks and the Dataset need of each row, found here once per distinct text
    reuse = {"since": bounds["since"], "until": bounds["until"],
             "ids": {side: texts for side, (codes, texts) in coded.items()}}
    if node_index is not None:
        reuse["at"] = {side: node_index.get_indexer(texts)[codes] for side, (codes, texts) in coded.items()}
    bad_rows = {p.row for p in problems}
    if bad_rows:
        keep = ~df[ROW].isin(bad_rows).to_numpy()
        df = df[keep].copy()
        reuse["since"], reuse["until"] = (tuple(b[keep] for b in reuse[c]) for c in ("since", "until"))
        reuse["ids"] = {side: pd.unique(df[side].to_numpy(dtype=object)) for side in ("u", "v")}
        if "at" in reuse:
            reuse["at"] = {side: at[keep] for side, at in reuse["at"].items()}
    df[PATH] = shown
    df[U_KIND], df[V_KIND] = u_col, v_col
    df[U_COL], df[V_COL] = u_name, v_name
    return df, problems + warned, reuse


def _check_dates(df: pd.DataFrame, shown: str, coded: dict | None = None) -> tuple[list[Problem], dict]:
    """``since``/``until`` cells: a year, a month or an ISO date, and until after since (edges and nodes alike).

    Also returns the first and last day each cell may stand for (``{"since": (lo, hi), "until": (lo, hi)}``, NaT
    for an empty or unreadable cell, both sides always given), read once per distinct text; ``coded`` receives each
    date column's :func:`_coded` form.
    """
    problems = []
    coded = {} if coded is None else coded
    nat = np.full(len(df), np.datetime64("NaT"), dtype="datetime64[D]")
    bounds = {"since": (nat, nat), "until": (nat, nat)}
    for col in ("since", "until"):
        if col not in df:
            continue
        codes, texts = coded[col] = _coded(df[col])
        lo, hi = distinct_dates(texts, "since"), distinct_dates(texts, "until")
        bounds[col] = (lo[codes], hi[codes])
        bad = ((texts != "") & np.isnat(lo if col == "since" else hi))[codes]
        problems += _flag(shown, df, bad, col,
                          lambda rows, col=col: "expected a year, a month (YYYY-MM) or an ISO date, got "
                          + _quoted(rows[col]) + rows[col].map(_date_hint), "bad-date")
    if "since" in df and "until" in df:
        # compare at the coarser precision: "until 1995" is after "since 1995-03" (it may be December)
        first_start, last_end = bounds["since"][0], bounds["until"][1]
        inverted = ~np.isnat(first_start) & ~np.isnat(last_end) & (first_start >= last_end)
        problems += _flag(shown, df, inverted, "until",
                          lambda rows: "until " + rows["until"] + " is not after since " + rows["since"], "dates-inverted")
    return problems, bounds


def _coded(cells) -> tuple[np.ndarray, np.ndarray]:
    """A column as integer codes and its distinct texts (an object array), so that a check on the texts is made
    once per distinct text and taken to the rows by their codes.

    >>> codes, texts = _coded(pd.Series(["JPN", "FIN", "JPN", ""]))
    >>> codes.tolist(), texts.tolist()
    ([0, 1, 0, 2], ['JPN', 'FIN', ''])
    """
    values = np.asarray(cells, dtype=object)
    codes, texts = pd.factorize(values)  # read cells are never missing: no separate pass looking for one
    if len(codes) and codes.min() < 0:  # a frame made otherwise: a missing value is a value of its own
        codes, texts = pd.factorize(values, use_na_sentinel=False)
    return codes, np.asarray(texts, dtype=object)


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")


def _date_hint(text: str) -> str:
    """What to type instead of a date partnergraph cannot read, for the mistakes spreadsheets make.

    >>> _date_hint("34463")
    "; 34463 looks like a spreadsheet's day number for 1994-05-09; type the date as 1994-05-09 (in a cell formatted as text)"
    >>> _date_hint("23/02/1994")
    '; write it year first, 1994-02-23'
    >>> _date_hint("May 1994")
    '; write it year first, for example 1994, 1994-05 or 1994-05-09'
    """
    import datetime as dt

    serial = re.fullmatch(r"(\d{5})(?:\.0+)?", text)
    if serial and 20_000 <= int(serial.group(1)) <= 73_050:  # 1954 to 2099 as day numbers from 1899-12-30
        day = (dt.date(1899, 12, 30) + dt.timedelta(days=int(serial.group(1)))).isoformat()
        return (f"; {serial.group(1)} looks like a spreadsheet's day number for {day}; type the date as {day} "
                f"(in a cell formatted as text)")
    found = _DAY_MONTH_YEAR.fullmatch(text)
    if found:
        a, b, year = int(found.group(1)), int(found.group(2)), found.group(3)
        if a > 12 and b <= 12:
            return f"; write it year first, {year}-{b:02d}-{a:02d}"
        if b > 12 and a <= 12:
            return f"; write it year first, {year}-{a:02d}-{b:02d}"
        if a <= 12 and b <= 12:
            return f"; write it year first, {year}-{b:02d}-{a:02d} if it is day/month, {year}-{a:02d}-{b:02d} if month/day"
    if re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", text):
        return "; there is no such month or day"
    if re.fullmatch(r"\d{2}", text):
        return "; write the year with all four digits"
    return "; write it year first, for example 1994, 1994-05 or 1994-05-09"


def joined_edges(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One edge table: relation, u, v, since, until, [status, weight], source, [note], extras, as text (an empty
    cell missing), weight as a number; then the internal columns (where each row came from)."""
    internal = [PATH, ROW, U_KIND, V_KIND, U_COL, V_COL]
    if not frames:
        return pd.DataFrame(columns=["relation", "u", "v", "since", "until", "source"] + internal)
    present = {c: None for f in frames for c in f.columns}
    fixed = [c for c in FIXED_COLUMNS if c in present or c in ("since", "until", "source")]
    extras = [c for c in present if c not in ("relation", "u", "v", *FIXED_COLUMNS, *internal)]
    text = ["relation", "u", "v", *(c for c in fixed if c != "weight"), *extras]
    if len(text) <= 64:  # a column at a time
        edges = pd.DataFrame({c: _joined_column(frames, c, blank=i >= 3) for i, c in enumerate(text)}, dtype="str")
    else:  # whole blocks at a time (a file may have thousands of extra columns)
        edges = _joined_block(frames, text)
    if "weight" in fixed:
        edges.insert(3 + fixed.index("weight"), "weight",
                     pd.to_numeric(pd.Series(_joined_column(frames, "weight"), dtype=object), errors="coerce"))
    sizes = [len(f) for f in frames]
    edges[ROW] = np.concatenate([f[ROW].to_numpy() for f in frames])
    for c in (PATH, U_KIND, V_KIND, U_COL, V_COL):  # one value per file: a categorical column
        codes, per_file = pd.factorize(np.array([f[c].iloc[0] if len(f) else "" for f in frames], dtype=object))
        edges[c] = pd.Categorical.from_codes(np.repeat(codes, sizes), categories=per_file)
    edges = edges[[*edges.columns[:-len(internal)], *internal]]
    frames.clear()  # the parts are not needed once joined (a big folder is held once)
    return edges


def _joined_column(frames: list[pd.DataFrame], name: str, blank: bool = True) -> np.ndarray:
    """One column of every frame, one after the other (missing where a frame lacks it), an empty cell missing
    too when ``blank``."""
    column = np.concatenate([f[name].to_numpy(dtype=object) if name in f else np.full(len(f), np.nan, dtype=object)
                             for f in frames])
    if blank:
        column[column == ""] = np.nan
    return column


def _joined_block(frames: list[pd.DataFrame], text: list[str]) -> pd.DataFrame:
    """The ``text`` columns of every frame, one after the other, as one text frame built from one block; empty
    cells (and columns a frame lacks) missing, except in the first three (relation and ids, never empty)."""
    where = {c: i for i, c in enumerate(text)}
    cells = np.empty((sum(len(f) for f in frames), len(text)), dtype=object)
    at = 0
    for f in frames:
        rows = slice(at, at + len(f))
        cols = [c for c in text if c in f.columns]
        cells[rows, [where[c] for c in cols]] = f[cols].to_numpy(dtype=object)
        lacking = [where[c] for c in text if c not in f.columns]
        if lacking:
            cells[rows, lacking] = np.nan
        at += len(f)
    values = cells[:, 3:]
    values[values == ""] = np.nan
    del values
    return pd.DataFrame(cells, columns=text, dtype="str")


def as_text(frame: pd.DataFrame, keep=()) -> pd.DataFrame:
    """Every column as pandas' text dtype (missing cells NaN), whichever way the table was built."""
    text = [c for c in frame.columns if c not in keep]
    if all(frame[c].dtype == "str" for c in text):
        return frame
    # built from one block in one call (about three times faster than astype on a frame of thousands of columns)
    out = pd.DataFrame(frame[text].to_numpy(dtype=object), columns=text, index=frame.index, dtype="str")
    for c in keep:
        if c in frame:
            out[c] = frame[c]
    return out[list(frame.columns)]


def _endpoints(edges: pd.DataFrame) -> pd.DataFrame:
    """Both endpoints of every edge in one long table: id, kind, column, path, row.

    Row by row, u then v, so that "first seen" follows the files; built by
    interleaving arrays, without concatenating and re-sorting two tables.
    """
    pairs = {"id": ("u", "v"), "kind": (U_KIND, V_KIND), "column": (U_COL, V_COL),
             "path": (PATH, PATH), "row": (ROW, ROW)}
    out = {}
    for name, (u, v) in pairs.items():
        first, second = edges[u].to_numpy(), edges[v].to_numpy()
        both = np.empty(2 * len(edges), dtype=first.dtype if name == "row" else object)
        both[0::2], both[1::2] = first, second
        out[name] = both
    return pd.DataFrame(out, copy=False)


def _node_positions(edges: pd.DataFrame, nodes: pd.DataFrame) -> dict[str, np.ndarray]:
    """For each side (``u``, ``v``): the row in ``nodes`` of every edge's endpoint, -1 where nodes lacks it."""
    index = pd.Index(nodes["id"])
    return {side: index.get_indexer(edges[side]) for side in ("u", "v")}


def check_endpoints(edges: pd.DataFrame, nodes: pd.DataFrame, table: str = "nodes.csv",
                                   at: dict[str, np.ndarray] | None = None) -> list[Problem]:
    """Errors: endpoints nodes.csv lacks, and endpoints whose kind there differs from their column's kind.

    Each side is checked as a whole column (``at``: :func:`_node_positions`); only the offending rows are looked at
    one by one.
    """
    at = at if at is not None else _node_positions(edges, nodes)
    kinds = nodes["kind"].to_numpy(dtype=object)
    unknown, wrong = [], []
    for side, kind_col, name_col in (("u", U_KIND, U_COL), ("v", V_KIND, V_COL)):
        known = at[side] >= 0
        actual = taken(kinds, at[side], None)
        off = ~known | (actual != edges[kind_col].to_numpy(dtype=object))
        if not off.any():
            continue
        rows = edges.loc[off, [side, kind_col, name_col, PATH, ROW]].set_axis(["id", "kind", "column", "path", "row"], axis=1)
        rows["actual"] = actual[off]
        unknown.append(rows[~known[off]])
        wrong.append(rows[known[off]])
    problems = []
    if unknown:
        unknown_ids = pd.concat(unknown)["id"].unique()
        hints = _closest_ids(unknown_ids, nodes["id"]) if len(unknown_ids) else {}
        for r in pd.concat(unknown).itertuples(index=False):
            problems.append(Problem(r.path, int(r.row), r.column,
                                    f'unknown id "{r.id}": {table} has no such id{hints.get(r.id, "")}',
                                    type="unknown-id"))
        for r in pd.concat(wrong).itertuples(index=False):
            problems.append(Problem(r.path, int(r.row), r.column,
                                    f'"{r.id}" is {a_kind(r.actual)} in {table}, but this column holds {r.kind} ids',
                                    type="wrong-kind"))
    return problems


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one insertion, deletion, substitution or swap of neighbours turns ``a`` into ``b``.

    Examples
    --------
    >>> _one_edit_apart("JNP", "JPN"), _one_edit_apart("JPNN", "JPN"), _one_edit_apart("AUT", "USA")
    (True, True, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def check_id_spellings(edges: pd.DataFrame, *, typos: bool, known=None, most: int = 5000,
                        nodes_table: str = "a nodes.csv", ids=None) -> list[Problem]:
    """Warnings: the same id in two cases (``jpn`` and ``JPN``); without nodes.csv, an id used once that is one
    edit from an id of the same kind used more often (``JNP`` beside ``JPN``), the likely typo.

    Candidates are found through an index of single-character deletions, so the
    check costs about the length of an id per id; at most ``most`` warnings. ``ids`` may give the distinct ids
    of both sides, when they are known already.
    """
    if edges.empty:
        return []
    if not typos:  # only ids that differ in case can be found: none when no two distinct ids fold alike
        if ids is None:
            ids = pd.unique(np.concatenate([edges["u"].unique(), edges["v"].unique()]))
        if pd.Series(ids, dtype=object).str.casefold().nunique() == len(ids):
            return []
    ends = _endpoints(edges)
    if known is not None:  # ids nodes.csv lacks are errors already
        ends = ends[ends["id"].isin(known)]
    counts = ends.groupby(["kind", "id"], sort=False).size()
    first = ends.drop_duplicates(["kind", "id"]).set_index(["kind", "id"])
    problems: list[Problem] = []
    for kind, group in counts.groupby(level=0, sort=False):
        ids = group.droplevel(0)
        folded: dict[str, str] = {}
        for i in ids.index:
            other = folded.setdefault(i.casefold(), i)
            if other != i and len(problems) < most:
                at = first.loc[(kind, i)]
                problems.append(Problem(at["path"], int(at["row"]), at["column"],
                                        f'"{i}" and "{other}" differ only in case: ids are case-sensitive, '
                                        f"so they are two {kind} nodes", "warning", type="id-spelling"))
        if not typos:
            continue
        common = ids[ids > 1]
        index: dict[str, list[str]] = {}
        for i in common.index:
            for key in {i, *(i[:k] + i[k + 1:] for k in range(len(i)))}:
                index.setdefault(key, []).append(i)
        for i in ids[ids == 1].index:
            if len(i) < 3 or len(problems) >= most:
                continue
            near = {c for key in {i, *(i[:k] + i[k + 1:] for k in range(len(i)))} for c in index.get(key, [])}
            near = sorted((c for c in near if _one_edit_apart(i, c)), key=lambda c: (-int(common[c]), c))
            if near:
                at = first.loc[(kind, i)]
                problems.append(Problem(at["path"], int(at["row"]), at["column"],
                                        f'"{i}" is used once and is one edit from "{near[0]}" (used '
                                        f"{int(common[near[0]])} times): did you mean {near[0]}? ({nodes_table} "
                                        f"listing every id would catch it)", "warning", type="id-spelling"))
    return problems


def _closest_ids(wanted, ids, most: int = 200) -> dict:
    """``; did you mean X?`` for ids missing from nodes.csv: the same id in another case, else a close spelling.

    Only the first ``most`` distinct missing ids get a hint, so a file of
    thousands of unknown ids is still checked quickly.
    """
    import difflib

    by_case = {}
    for i in ids:
        by_case.setdefault(str(i).casefold(), str(i))
    pool = list(by_case.values())
    hints = {}
    for w in list(wanted)[:most]:
        match = by_case.get(str(w).casefold())
        if match is None:
            near = [i for i in pool if abs(len(i) - len(str(w))) <= 1 and _one_edit_apart(str(w), i)]
            close = sorted(near) or difflib.get_close_matches(str(w), pool, n=1, cutoff=0.75)
            match = close[0] if close else None
        if match is not None:
            hints[w] = f"; did you mean {match}?"
    return hints


def check_times(edges: pd.DataFrame, nodes: pd.DataFrame, at: dict[str, np.ndarray] | None = None,
                 bounds: dict | None = None) -> list[Problem]:
    """Warnings: an edge dated outside an endpoint's lifetime; an undated row among dated ones that nothing bounds.

    Dates are compared at the precision they are written in, so ``1994`` is
    not "before" ``1994-01-10``: only a clash at every reading is reported.
    Node lifetimes are read once per node and taken to the edges by position
    (``at``: :func:`_node_positions`); ``bounds`` may give each edge's date bounds (:func:`_check_dates`).
    """
    problems: list[Problem] = []
    if edges.empty:
        return problems
    lifetimes = [c for c in ("since", "until") if c in nodes]
    if at is None and lifetimes:
        nodes = nodes.drop_duplicates("id").reset_index(drop=True)
        at = _node_positions(edges, nodes)
    empty = pd.Series(np.nan, index=edges.index, dtype="object")
    e_since = edges["since"] if "since" in edges else empty
    e_until = edges["until"] if "until" in edges else empty
    (es_lo, es_hi), (eu_lo, eu_hi) = (bounds["since"], bounds["until"]) if bounds is not None else \
        (date_bounds(e_since), date_bounds(e_until))
    lifetime_seen = np.zeros(len(edges), dtype=bool)
    none = pd.Series(np.nan, index=nodes.index, dtype="object")
    node_since, node_until = (nodes[c] if c in nodes else none for c in ("since", "until"))
    node_bounds = (*date_bounds(node_since), *date_bounds(node_until))
    lived = ~np.isnat(node_bounds[0]) | ~np.isnat(node_bounds[2])  # the nodes with a lifetime
    for side in ("u", "v"):
        if not lifetimes:
            break
        # only the rows whose endpoint on this side has a lifetime can clash with one
        known = at[side] >= 0
        bounded = np.flatnonzero(known)[lived[at[side][known]]]
        lifetime_seen[bounded] = True
        pos = at[side][bounded]
        ns_lo, ns_hi, nu_lo, nu_hi = (b[pos] for b in node_bounds)
        checks = (
            ("since", es_hi[bounded] < ns_lo, "starts ({e}) before {n} begins ({d})", e_since, node_since),
            ("since", es_lo[bounded] >= nu_hi, "starts ({e}) after {n} ended ({d})", e_since, node_until),
            ("until", eu_lo[bounded] > nu_hi, "ends ({e}) after {n} ended ({d})", e_until, node_until),
            ("until", eu_hi[bounded] <= ns_lo, "ends ({e}) before {n} begins ({d})", e_until, node_since),
        )
        for column, clash, text, cell, node_cell in checks:
            clash = np.asarray(clash, dtype=bool)  # NaT compares False: an open side never clashes
            if clash.any():
                rows = bounded[clash]
                problems += [Problem(p, int(r), column, text.format(e=c, n=n, d=d), "warning", type="outside-lifetime")
                             for p, r, c, n, d in zip(edges[PATH].to_numpy()[rows], edges[ROW].to_numpy()[rows],
                                                      cell.to_numpy()[rows], edges[side].to_numpy()[rows],
                                                      node_cell.to_numpy()[pos[clash]])]
    dated = ~np.isnat(es_lo) | ~np.isnat(eu_lo)
    relation, _ = pd.factorize(edges[PATH])  # one file per relation: its (categorical) file names the same rows
    some = np.bincount(relation, weights=dated, minlength=relation.max() + 1)
    every = np.bincount(relation, minlength=relation.max() + 1)
    mixed = ((some > 0) & (some < every))[relation]
    lonely = mixed & ~dated & ~lifetime_seen
    if lonely.any():
        bad = edges[lonely]
        column = "since" if "since" in edges else None
        problems += [Problem(p, int(r), column, "undated, unlike other rows here, and neither endpoint has a "
                             "lifetime: counts at every date", "warning", type="undated-row")
                     for p, r in zip(bad[PATH], bad[ROW])]
    return problems


def nodes_from_edges(edges: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Without nodes.csv: every endpoint is a node, its kind from the header, label = id."""
    ends = _endpoints(edges)
    first = ends.drop_duplicates("id")
    kind_of = first.set_index("id")["kind"]
    clash = ends[ends["kind"] != ends["id"].map(kind_of)]
    where = first.set_index("id")
    problems = [
        Problem(
            r.path, int(r.row), r.column,
            f'"{r.id}" is {a_kind(kind_of[r.id])} in {Path(where.at[r.id, "path"]).name} (row {where.at[r.id, "row"]}), but this column holds {r.kind} ids',
        type="wrong-kind")
        for r in clash.itertuples(index=False)
    ]
    nodes = pd.DataFrame({"id": first["id"].to_numpy(), "kind": first["kind"].to_numpy(), "label": first["id"].to_numpy()})
    return nodes, problems

