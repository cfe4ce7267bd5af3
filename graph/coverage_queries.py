"""Coverage: which rows (frameworks) cover which columns (threats), directly or through a via kind (activities).

A *path* from a row node to a column node is either one edge between them
(direct) or two edges through a node of the via kind (row - activity -
threat). All joins run on the edge tables, as pandas merges.

The kinds default to the bundled dataset's (framework, threat, activity);
pass ``rows``, ``cols`` and ``via`` to use any dataset's own kinds.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .columns import group_codes, group_codes_at, joined_per_group, joined_per_group_at
from .errors import PartnergraphError, a_kind

__all__ = ["coverage", "coverage_matrix", "coverage_paths", "gaps", "reach", "reach_pairs"]

_EDGE = ["relation", "since", "until", "source"]


def _kinds(ds, rows, cols, via):
    rows, cols = ds.require_kind(rows), ds.require_kind(cols)
    via = ds.kind_spelling(via)
    if len({rows, cols, via}) < 3:
        raise PartnergraphError(f"rows, cols and via must be three different kinds, got {rows}, {cols}, {via}")
    return rows, cols, via


def coverage_lines(snap, rows, cols, via, among=None) -> pd.DataFrame:
    """Every path, one row each: row, col, via ('' for direct), the edges' fields (_1 first leg, _2 second), and
    the rows of row, col and via among the full dataset's nodes (row_at, col_at, via_at; -1: direct); only the
    paths from the row nodes ``among`` (ids) when given."""
    def of_rows(links):
        return links if among is None else links[links["a"].isin(among).to_numpy()]

    direct = of_rows(snap.links(rows, cols, extra=("at",)))
    direct = direct.rename(columns={"a": "row", "b": "col", "a_at": "row_at", "b_at": "col_at",
                                    **{c: f"{c}_1" for c in _EDGE}})
    direct["via"] = ""
    direct["via_at"] = -1
    if via in snap.kinds():
        first = of_rows(snap.links(rows, via, extra=("at",)))
        first = first.rename(columns={"a": "row", "b": "via", "a_at": "row_at", "b_at": "via_at"})
        second = snap.links(via, cols, extra=("at",)).drop(columns="a")
        second = second.rename(columns={"b": "col", "a_at": "via_at", "b_at": "col_at"})
        through = first.merge(second, on="via_at", suffixes=("_1", "_2"))  # on the via's row: integers, not text
    else:
        through = pd.DataFrame({c: pd.Series(dtype=np.int64 if c.endswith("_at") else object)
                                for c in _PATH_COLUMNS})
    paths = pd.concat([direct, through], ignore_index=True)
    for c in _EDGE:
        if f"{c}_2" not in paths:
            paths[f"{c}_2"] = pd.NA
    return paths[_PATH_COLUMNS]


_PATH_COLUMNS = ["row", "col", "via"] + [f"{c}_{i}" for i in (1, 2) for c in _EDGE] + ["row_at", "col_at", "via_at"]


def _of_kind(dataset, node: str, kind: str) -> str:
    """The id ``node`` names, which must be of ``kind``."""
    node = dataset.resolve(node)
    found = dataset.kind_of(node)
    if found != kind:
        raise PartnergraphError(f"{node!r} is {a_kind(found)}, not {a_kind(kind)}")
    return node


def _via_text(direct: np.ndarray, vias: np.ndarray) -> np.ndarray:
    """``direct`` before the joined via ids where a direct path exists too: ``direct``, ``a;b`` or ``direct;a;b``.

    >>> _via_text(np.array([True, True, False]), np.array(["", "a;b", "a"], dtype=object)).tolist()
    ['direct', 'direct;a;b', 'a']
    """
    vias = np.asarray(vias, dtype=object)
    out, empty = vias.copy(), vias == ""
    out[direct & empty] = "direct"
    both = np.flatnonzero(direct & ~empty)  # only these need a new text
    out[both] = "direct;" + vias[both]
    return out


def coverage(dataset, *, rows: str = "framework", cols: str = "threat", via: str = "activity", as_of=None,
             include_suspended: bool = False, row: str | None = None, col: str | None = None) -> pd.DataFrame:
    """Which rows cover which columns, and through what: one line per covered pair.

    Parameters
    ----------
    dataset : Dataset
    rows, cols, via : str
        The kinds: rows cover columns directly or through a node of the via
        kind (compared case-insensitively). ``via`` need not be a kind of the
        dataset: then only direct edges cover.
    as_of : year, month or ISO date, optional
        Default: the dataset's own date, or for a loaded dataset the default
        date (:func:`partnergraph.asof.default_date`).
    include_suspended : bool
        Count ties with an inactive status (suspended) too; by default they
        are left out, since they say who formally belongs, not who cooperates.
    row, col : str, optional
        Keep only the lines of one row node (``row="ici"``: what the ICI
        covers) or one column node (``col="cyber"``: what covers cyber); an id
        or a label.

    Returns
    -------
    pandas.DataFrame
        Columns ``<rows>``, ``<cols>`` (named after the kinds), ``via`` (``direct``,
        the via ids joined by ``;``, or ``direct;`` followed by them when the pair is
        covered both ways) and ``sources`` (every source on the paths, joined by
        ``;``). Sorted by row id, then column id; no lines (but these
        columns) when nothing is covered.

    Raises
    ------
    PartnergraphError
        ``rows`` or ``cols`` is not a kind of the dataset, or ``rows``, ``cols``
        and ``via`` are not three different kinds;
        ``row`` or ``col`` is a node of another kind, or names several nodes.
    UnknownIdError
        ``row`` or ``col`` names no node of the dataset.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    See Also
    --------
    coverage_matrix : the same as a matrix of path counts.
    coverage_paths : every path behind one pair, with the source of each edge.
    gaps : per column node, how many rows cover it.

    Examples
    --------
    Frameworks F and G, activities X and Y, threats T, U and Z: F covers T
    directly and through X; G conducts X (which addresses T) and Y (which
    addresses U); nothing covers Z. Aland is in F, Borduria in G.

    >>> nodes = pd.DataFrame({"id": ["A", "B", "f", "g", "x", "y", "t", "u", "z"],
    ...                       "kind": ["country"] * 2 + ["framework"] * 2 + ["activity"] * 2 + ["threat"] * 3,
    ...                       "label": ["Aland", "Borduria", "F", "G", "X", "Y", "Terror", "Unrest", "Zombies"]})
    >>> edges = pd.DataFrame({"relation": ["memberships"] * 2 + ["covers"] + ["conducts"] * 3 + ["addresses"] * 2,
    ...                       "u": ["A", "B", "f", "f", "g", "g", "x", "y"],
    ...                       "v": ["f", "g", "t", "x", "x", "y", "t", "u"],
    ...                       "since": "2000", "until": None, "source": [f"s{i}" for i in range(1, 9)]})
    >>> ds = pg.Dataset(nodes, edges)
    >>> coverage(ds).values.tolist()
    [['f', 't', 'direct;x', 's3;s4;s7'], ['g', 't', 'x', 's5;s7'], ['g', 'u', 'y', 's6;s8']]
    >>> coverage(ds, col="Unrest")[["framework", "via"]].values.tolist()
    [['g', 'y']]
    """
    rows, cols, via = _kinds(dataset, rows, cols, via)
    paths = coverage_lines(dataset.snapshot(as_of, include_suspended=include_suspended), rows, cols, via)
    for node, kind, column in ((row, rows, "row"), (col, cols, "col")):
        if node is not None:
            node = _of_kind(dataset, node, kind)
            paths = paths[paths[column] == node]
    if paths.empty:
        return pd.DataFrame(columns=[rows, cols, "via", "sources"])
    ids = dataset.full.nodes["id"].to_numpy(dtype=object)
    at = {c: paths[f"{c}_at"].to_numpy(dtype=np.int64) for c in ("row", "col", "via")}
    pair, (row_ids, col_ids) = group_codes_at(ids, at["row"], at["col"])
    vias = joined_per_group_at(pair, len(row_ids), ids, at["via"])
    direct = np.zeros(len(row_ids), dtype=bool)
    direct[pair[at["via"] < 0]] = True
    sources = joined_per_group(pair, len(row_ids), paths["source_1"], paths["source_2"])
    out = pd.DataFrame({rows: row_ids, cols: col_ids, "via": _via_text(direct, vias), "sources": sources})
    out.attrs["lists"] = ["via", "sources"]
    return out


def coverage_matrix(dataset, *, rows: str = "framework", cols: str = "threat", via: str = "activity",
                    as_of=None, include_suspended: bool = False) -> pd.DataFrame:
    """The rows x columns matrix of path counts: how many paths link each pair.

    A direct edge is one path; each (row - via, via - column) pair of edges is
    another.

    Parameters
    ----------
    dataset : Dataset
    rows, cols, via, as_of, include_suspended
        As for :func:`coverage`.

    Returns
    -------
    pandas.DataFrame
        Integer counts, indexed by the ``rows`` ids (index named after the
        kind) with a column per ``cols`` id (columns named after the kind):
        every node of the two kinds alive on the date has its row or column,
        zeros included, sorted by id.

    Raises
    ------
    PartnergraphError
        ``rows`` or ``cols`` is not a kind of the dataset, or ``rows``, ``cols``
        and ``via`` are not three different kinds.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    See Also
    --------
    coverage : the covered pairs, with the via nodes and sources.

    Examples
    --------
    Frameworks F and G, activities X and Y, threats T, U and Z: F covers T
    directly and through X; G conducts X (which addresses T) and Y (which
    addresses U); nothing covers Z. Aland is in F, Borduria in G.

    >>> nodes = pd.DataFrame({"id": ["A", "B", "f", "g", "x", "y", "t", "u", "z"],
    ...                       "kind": ["country"] * 2 + ["framework"] * 2 + ["activity"] * 2 + ["threat"] * 3,
    ...                       "label": ["Aland", "Borduria", "F", "G", "X", "Y", "Terror", "Unrest", "Zombies"]})
    >>> edges = pd.DataFrame({"relation": ["memberships"] * 2 + ["covers"] + ["conducts"] * 3 + ["addresses"] * 2,
    ...                       "u": ["A", "B", "f", "f", "g", "g", "x", "y"],
    ...                       "v": ["f", "g", "t", "x", "x", "y", "t", "u"],
    ...                       "since": "2000", "until": None, "source": [f"s{i}" for i in range(1, 9)]})
    >>> ds = pg.Dataset(nodes, edges)
    >>> m = coverage_matrix(ds)
    >>> m.values.tolist(), list(m.columns), int(m.loc["f", "t"])  # F covers T directly and through X
    ([[2, 0, 0], [1, 1, 0]], ['t', 'u', 'z'], 2)
    >>> "nacc" in coverage_matrix(pg.load(), as_of=2024).index  # the NACC ended in 1997
    False
    """
    rows, cols, via = _kinds(dataset, rows, cols, via)
    snap = dataset.snapshot(as_of, include_suspended=include_suspended)
    paths = coverage_lines(snap, rows, cols, via)
    row_ids = sorted(snap.nodes.loc[snap.nodes["kind"] == rows, "id"])
    col_ids = sorted(snap.nodes.loc[snap.nodes["kind"] == cols, "id"])
    counts = paths.groupby(["row", "col"]).size()
    matrix = counts.unstack(fill_value=0).reindex(index=row_ids, columns=col_ids, fill_value=0).astype(int)
    matrix.index.name, matrix.columns.name = rows, cols
    return matrix


def coverage_paths(dataset, row: str, col: str, *, rows: str = "framework", cols: str = "threat",
                   via: str = "activity", as_of=None, include_suspended: bool = False) -> pd.DataFrame:
    """Every path behind one cell of the coverage matrix, one line per edge, each with its source.

    Parameters
    ----------
    dataset : Dataset
    row, col : str
        The row node (a framework) and the column node (a threat): ids or labels.
    rows, cols, via, as_of, include_suspended
        As for :func:`coverage`.

    Returns
    -------
    pandas.DataFrame
        Columns ``path`` (1, 2, ...), ``via`` (``direct`` or the via id),
        ``from``, ``to``, ``relation``, ``since``, ``until``, ``source``. Direct
        paths come first, then paths through via nodes in id order. Empty when
        the pair is not covered.

    Raises
    ------
    UnknownIdError
        ``row`` or ``col`` names no node of the dataset.
    PartnergraphError
        ``rows`` or ``cols`` is not a kind of the dataset, or ``rows``, ``cols``
        and ``via`` are not three different kinds;
        ``row`` is not of the ``rows`` kind or ``col`` not of the ``cols``
        kind, or either names several nodes.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    Examples
    --------
    Frameworks F and G, activities X and Y, threats T, U and Z: F covers T
    directly and through X; G conducts X (which addresses T) and Y (which
    addresses U); nothing covers Z. Aland is in F, Borduria in G.

    >>> nodes = pd.DataFrame({"id": ["A", "B", "f", "g", "x", "y", "t", "u", "z"],
    ...                       "kind": ["country"] * 2 + ["framework"] * 2 + ["activity"] * 2 + ["threat"] * 3,
    ...                       "label": ["Aland", "Borduria", "F", "G", "X", "Y", "Terror", "Unrest", "Zombies"]})
    >>> edges = pd.DataFrame({"relation": ["memberships"] * 2 + ["covers"] + ["conducts"] * 3 + ["addresses"] * 2,
    ...                       "u": ["A", "B", "f", "f", "g", "g", "x", "y"],
    ...                       "v": ["f", "g", "t", "x", "x", "y", "t", "u"],
    ...                       "since": "2000", "until": None, "source": [f"s{i}" for i in range(1, 9)]})
    >>> ds = pg.Dataset(nodes, edges)
    >>> coverage_paths(ds, "f", "t")[["path", "via", "from", "to", "source"]].values.tolist()
    [[1, 'direct', 'f', 't', 's3'], [2, 'x', 'f', 'x', 's4'], [2, 'x', 'x', 't', 's7']]
    """
    rows, cols, via = _kinds(dataset, rows, cols, via)
    row, col = _of_kind(dataset, row, rows), _of_kind(dataset, col, cols)
    paths = coverage_lines(dataset.snapshot(as_of, include_suspended=include_suspended), rows, cols, via)
    paths = paths[(paths["row"] == row) & (paths["col"] == col)]
    paths = paths.assign(_order=paths["via"]).sort_values(["_order"], kind="stable").reset_index(drop=True)
    lines = []
    for number, p in enumerate(paths.itertuples(index=False), start=1):
        legs = [(p.row, p.col, 1)] if not p.via else [(p.row, p.via, 1), (p.via, p.col, 2)]
        for a, b, leg in legs:
            lines.append({"path": number, "via": p.via or "direct", "from": a, "to": b,
                          **{c: getattr(p, f"{c}_{leg}") for c in _EDGE}})
    out = pd.DataFrame(lines, columns=["path", "via", "from", "to", *_EDGE])
    return out


def gaps(dataset, *, rows: str = "framework", cols: str = "threat", via: str = "activity", as_of=None,
         include_suspended: bool = False, col: str | None = None) -> pd.DataFrame:
    """Per column node (threat): how many rows (frameworks) cover it, fewest first.

    Parameters
    ----------
    dataset : Dataset
    rows, cols, via, as_of, include_suspended
        As for :func:`coverage`.
    col : str, optional
        Keep the line of one column node (an id or a label); no line when it is
        not alive on the date.

    Returns
    -------
    pandas.DataFrame
        Columns ``<cols>``, ``label``, ``count``, ``<rows>`` (the covering ids
        joined by ``;``, ``""`` for none); every node of the column kind alive
        on the date, uncovered ones (count 0) first; ties broken by id.

    Raises
    ------
    PartnergraphError
        ``rows`` or ``cols`` is not a kind of the dataset, or ``rows``, ``cols``
        and ``via`` are not three different kinds;
        ``col`` is a node of another kind, or names several nodes.
    UnknownIdError
        ``col`` names no node of the dataset.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    Examples
    --------
    Frameworks F and G, activities X and Y, threats T, U and Z: F covers T
    directly and through X; G conducts X (which addresses T) and Y (which
    addresses U); nothing covers Z. Aland is in F, Borduria in G.

    >>> nodes = pd.DataFrame({"id": ["A", "B", "f", "g", "x", "y", "t", "u", "z"],
    ...                       "kind": ["country"] * 2 + ["framework"] * 2 + ["activity"] * 2 + ["threat"] * 3,
    ...                       "label": ["Aland", "Borduria", "F", "G", "X", "Y", "Terror", "Unrest", "Zombies"]})
    >>> edges = pd.DataFrame({"relation": ["memberships"] * 2 + ["covers"] + ["conducts"] * 3 + ["addresses"] * 2,
    ...                       "u": ["A", "B", "f", "f", "g", "g", "x", "y"],
    ...                       "v": ["f", "g", "t", "x", "x", "y", "t", "u"],
    ...                       "since": "2000", "until": None, "source": [f"s{i}" for i in range(1, 9)]})
    >>> ds = pg.Dataset(nodes, edges)
    >>> gaps(ds).values.tolist()
    [['z', 'Zombies', 0, ''], ['u', 'Unrest', 1, 'g'], ['t', 'Terror', 2, 'f;g']]
    """
    rows, cols, via = _kinds(dataset, rows, cols, via)
    snap = dataset.snapshot(as_of, include_suspended=include_suspended)
    cov = coverage(snap, rows=rows, cols=cols, via=via, include_suspended=include_suspended)
    nodes = snap.nodes[snap.nodes["kind"] == cols]
    out = pd.DataFrame({cols: nodes["id"].to_numpy(), "label": nodes["label"].to_numpy()})
    at = pd.Index(out[cols]).get_indexer(cov[cols])  # coverage lists each (row, col) pair once
    known = at >= 0
    out["count"] = np.bincount(at[known], minlength=len(out)).astype(int)
    out[rows] = pd.Series(joined_per_group(at[known], len(out), cov[rows].to_numpy()[known]), dtype="str")
    if col is not None:
        out = out[out[cols] == _of_kind(dataset, col, cols)]
    out = out.sort_values(["count", cols], kind="stable").reset_index(drop=True)
    out.attrs["lists"] = [rows]
    return out


def reach_pairs(dataset, *, members: str = "country", rows: str = "framework", cols: str = "threat",
                via: str = "activity", as_of=None, include_suspended: bool = False) -> pd.DataFrame:
    """Every way a member reaches a column node: the member, the row it belongs to, the column, and the via.

    What :func:`reach` answers for one node, for every member at once and
    before grouping: the membership ties (member - row) on the date joined to
    the coverage paths (row - column).

    Parameters
    ----------
    dataset : Dataset
    members : str
        The kind of the members (``country``).
    rows, cols, via, as_of, include_suspended
        As for :func:`coverage`. The kinds are not checked here: a kind the
        dataset lacks, or ``members`` with no node alive on the date, gives no
        lines.

    Returns
    -------
    pandas.DataFrame
        Columns ``member``, ``row``, ``col``, ``via`` (``''`` for a direct
        path); each distinct line once.

    Raises
    ------
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    Examples
    --------
    Frameworks F and G, activities X and Y, threats T, U and Z: F covers T
    directly and through X; G conducts X (which addresses T) and Y (which
    addresses U); nothing covers Z. Aland is in F, Borduria in G.

    >>> nodes = pd.DataFrame({"id": ["A", "B", "f", "g", "x", "y", "t", "u", "z"],
    ...                       "kind": ["country"] * 2 + ["framework"] * 2 + ["activity"] * 2 + ["threat"] * 3,
    ...                       "label": ["Aland", "Borduria", "F", "G", "X", "Y", "Terror", "Unrest", "Zombies"]})
    >>> edges = pd.DataFrame({"relation": ["memberships"] * 2 + ["covers"] + ["conducts"] * 3 + ["addresses"] * 2,
    ...                       "u": ["A", "B", "f", "f", "g", "g", "x", "y"],
    ...                       "v": ["f", "g", "t", "x", "x", "y", "t", "u"],
    ...                       "since": "2000", "until": None, "source": [f"s{i}" for i in range(1, 9)]})
    >>> ds = pg.Dataset(nodes, edges)
    >>> reach_pairs(ds).values.tolist()
    [['A', 'f', 't', ''], ['A', 'f', 't', 'x'], ['B', 'g', 't', 'x'], ['B', 'g', 'u', 'y']]
    """
    snap = dataset.snapshot(as_of, include_suspended=include_suspended)
    members, rows, cols, via = (snap.kind_spelling(k) for k in (members, rows, cols, via))
    if members not in snap.kinds():
        return pd.DataFrame(columns=["member", "row", "col", "via"])
    belongs = snap.links(members, rows)[["a", "b"]].drop_duplicates().rename(columns={"a": "member", "b": "row"})
    paths = coverage_lines(snap, rows, cols, via)[["row", "col", "via"]].drop_duplicates()
    return belongs.merge(paths, on="row")[["member", "row", "col", "via"]]


def reach(dataset, node: str, *, rows: str = "framework", cols: str = "threat", via: str = "activity",
          as_of=None, include_suspended: bool = False) -> pd.DataFrame:
    """The columns (threats) one node (a country) engages on, through which rows and via nodes.

    A country reaches a threat when a framework it belongs to (on the date)
    covers it, directly or through an activity. A suspended membership
    reaches nothing unless ``include_suspended``.

    Parameters
    ----------
    dataset : Dataset
    node : str
        An id or a label: a node of a kind some relation links to the ``rows``
        kind (a country), or a row node itself (a framework: what it covers).
    rows, cols, via, as_of, include_suspended
        As for :func:`coverage`.

    Returns
    -------
    pandas.DataFrame
        Columns ``<cols>``, ``label``, ``<rows>`` (ids joined by ``;``), ``<via>``
        (``direct`` and/or the via ids, joined by ``;``), sorted by column id;
        no lines (but these columns) when the node reaches nothing on the date.

    Raises
    ------
    UnknownIdError
        ``node`` names no node of the dataset.
    PartnergraphError
        ``rows`` or ``cols`` is not a kind of the dataset, or ``rows``, ``cols``
        and ``via`` are not three different kinds;
        ``node`` is of the ``cols`` or ``via`` kind, or of a kind no relation
        links to ``rows``; ``node`` names several nodes.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    Examples
    --------
    Frameworks F and G, activities X and Y, threats T, U and Z: F covers T
    directly and through X; G conducts X (which addresses T) and Y (which
    addresses U); nothing covers Z. Aland is in F, Borduria in G.

    >>> nodes = pd.DataFrame({"id": ["A", "B", "f", "g", "x", "y", "t", "u", "z"],
    ...                       "kind": ["country"] * 2 + ["framework"] * 2 + ["activity"] * 2 + ["threat"] * 3,
    ...                       "label": ["Aland", "Borduria", "F", "G", "X", "Y", "Terror", "Unrest", "Zombies"]})
    >>> edges = pd.DataFrame({"relation": ["memberships"] * 2 + ["covers"] + ["conducts"] * 3 + ["addresses"] * 2,
    ...                       "u": ["A", "B", "f", "f", "g", "g", "x", "y"],
    ...                       "v": ["f", "g", "t", "x", "x", "y", "t", "u"],
    ...                       "since": "2000", "until": None, "source": [f"s{i}" for i in range(1, 9)]})
    >>> ds = pg.Dataset(nodes, edges)
    >>> reach(ds, "Aland").values.tolist()
    [['t', 'Terror', 'f', 'direct;x']]
    >>> r = reach(pg.load(), "JPN", as_of=2024)
    >>> r.loc[r["threat"] == "cyber", "framework"].item()  # partners across the globe, its ITPP
    'itpp;pag'
    """
    rows, cols, via = _kinds(dataset, rows, cols, via)
    node = dataset.resolve(node)
    kind = dataset.kind_of(node)
    if kind != rows and (kind in (cols, via) or rows not in dataset.linked_kinds(kind)):
        raise PartnergraphError(f"{node!r} is {a_kind(kind)}: reach starts from {a_kind(rows)} or from a node that belongs to one "
                                f"({', '.join(k for k in dataset.linked_kinds(rows) if k not in (cols, via)) or 'none'})"
                                + (f"; coverage with col={node!r} lists the {rows} nodes that cover it" if kind == cols
                                   else ""))
    snap = dataset.snapshot(as_of, include_suspended=include_suspended)
    if kind == rows:
        among = [node]
    else:  # the rows the node belongs to on the date; only their paths are joined
        belongs = snap.links(kind, rows)
        among = belongs.loc[(belongs["a"] == node).to_numpy(), "b"].unique()
    pairs = coverage_lines(snap, rows, cols, via, among=among)[["row", "col", "via"]]
    labels = snap.labels()
    if pairs.empty:
        return pd.DataFrame(columns=[cols, "label", rows, via])
    at, (col_ids,) = group_codes(pairs["col"])
    direct = np.zeros(len(col_ids), dtype=bool)
    direct[at[(pairs["via"] == "").to_numpy()]] = True
    vias = joined_per_group(at, len(col_ids), pairs["via"])
    out = pd.DataFrame({
        cols: col_ids,
        "label": pd.Index(col_ids).map(labels),
        rows: joined_per_group(at, len(col_ids), pairs["row"]),
        via: _via_text(direct, vias),
    })
    out.attrs["lists"] = [rows, via]
    return out
