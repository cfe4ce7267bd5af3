"""The Dataset: the loaded tables, and the graph built from them on demand."""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
import warnings
from functools import cached_property

import numpy as np
import pandas as pd

from .asof import (date_cells, default_date, describe_date, describe_period, effective_windows, first_day, overlapping,
                   parse_date, windows, within)
from .columns import taken
from .errors import CoverageWarning, DateError, PartnergraphError, UnknownIdError

__all__ = ["Dataset"]


class Dataset:
    """A partnership dataset: node and edge tables, and the graph they make.

    The tables are the source of truth. ``nodes`` has the columns ``id``,
    ``kind``, ``label``, ``since``/``until`` (the node's lifetime) when
    nodes.csv has them, and any extras; ``edges`` has
    ``relation``, ``u``, ``v`` (the endpoints, in the order of the file's first
    two headers), ``since``, ``until``, ``source`` and the other columns of the
    edge files. One edge per CSV row.

    A Dataset read by :func:`partnergraph.load` holds every node and edge,
    past and future; :meth:`as_of` gives the snapshot on a date, and
    :meth:`snapshot` the one a query looks at when no date is given.

    Parameters
    ----------
    nodes, edges : pandas.DataFrame
    relations : pandas.DataFrame, optional
        One row per edge file: ``relation``, ``u_kind``, ``v_kind``, ``file``.
    name : str, optional
        A short name for titles and metadata (the folder's name).
    path : str, optional
        The folder the tables were read from.
    date : datetime.date, optional
        The date of a snapshot (None for a dataset of every date).
    full : Dataset, optional
        The dataset a snapshot was taken from.
    period : (datetime.date, datetime.date), optional
        The first and last days of a range (:meth:`during`); either may be None (open).
    meta : dict, optional
        The data package descriptor (datapackage.json) as read: ``title``,
        ``sources``, ``partnergraph.coverage``, ``partnergraph.inactive_statuses``...

    Examples
    --------
    >>> nato = pg.load()
    >>> sorted(nato.nodes.columns[:3])
    ['id', 'kind', 'label']
    >>> nato.graph.nodes["JPN"]["kind"]
    'country'
    """

    def __init__(self, nodes: pd.DataFrame, edges: pd.DataFrame, *, relations: pd.DataFrame | None = None,
                 name: str | None = None, path: str | None = None, date: _dt.date | None = None,
                 full: "Dataset | None" = None, meta: dict | None = None, period: tuple | None = None):
        self.nodes = nodes
        self.edges = edges
        self.relations = relations if relations is not None else _relations_from(nodes, edges)
        self.name = name
        self.path = path
        self.date = date
        self.period = period
        self._full = full
        self.meta = dict(meta) if meta else (dict(full.meta) if full is not None else {})
        self.warnings: list = []  # the warnings validate found when the folder was loaded

    def __repr__(self) -> str:
        when = f" {describe_date(self.date)}" if self.date else (" (every date)" if self._full is None else "")
        if self.period:
            when = f" {describe_period(self.period)}"
        return f"<Dataset {self.name or 'unnamed'!s}{when}: {len(self.nodes)} nodes, {len(self.edges)} edges>"

    @property
    def full(self) -> "Dataset":
        """The dataset this snapshot was taken from (itself if it is not a snapshot)."""
        return self._full if self._full is not None else self

    # -- what the data says about itself (datapackage.json) -------------------------------

    @property
    def title(self) -> str:
        """The dataset's title (``title`` in datapackage.json), else its name.

        Examples
        --------
        >>> pg.load().title
        "NATO's partnerships with non-member countries"
        """
        return str(self.meta.get("title") or self.name or "dataset")

    @property
    def coverage(self) -> tuple[_dt.date | None, _dt.date | None] | None:
        """The declared coverage as (first day, last day), either side None when open; None when not declared.

        A year means the whole year: ``{"start": 1815, "end": 2016}`` covers
        1815-01-01 to 2016-12-31.

        Examples
        --------
        >>> pg.load().coverage[0]
        datetime.date(1991, 1, 1)
        """
        declared = (self.meta.get("partnergraph") or {}).get("coverage")
        if not declared:
            return None
        start, end = declared.get("start"), declared.get("end")
        first = date_cells(pd.Series([str(start)]), "since")[0] if start not in (None, "") else None
        last = parse_date(str(end)) if end not in (None, "") else None
        return (first.astype(_dt.date) if first is not None else None, last)

    def coverage_text(self) -> str | None:
        """The declared coverage as written, ``1815 to 2016``; None when not declared.

        An open side is ``...`` (``1815 to ...``). For messages and file
        metadata; :attr:`coverage` gives the days.

        Returns
        -------
        str or None

        Raises
        ------
        Nothing: the declared values are shown as written, not read as dates.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> declared = {"start": 2000, "end": "2020-06"}
        >>> pg.Dataset(nodes, edges, meta={"partnergraph": {"coverage": declared}}).coverage_text()
        '2000 to 2020-06'
        >>> pg.Dataset(nodes, edges, meta={"partnergraph": {"coverage": {"start": 2000}}}).coverage_text()
        '2000 to ...'
        >>> pg.Dataset(nodes, edges).coverage_text() is None
        True
        """
        declared = (self.meta.get("partnergraph") or {}).get("coverage")
        if not declared:
            return None
        return f"{declared.get('start') or '...'} to {declared.get('end') or '...'}"

    @property
    def inactive_statuses(self) -> frozenset[str]:
        """The ``status`` values that mean "formally there, not active": ``suspended``, and those the data declares.

        Compared case-insensitively after trimming.

        Examples
        --------
        >>> sorted(pg.load().inactive_statuses)
        ['observer', 'suspended']
        """
        declared = (self.meta.get("partnergraph") or {}).get("inactive_statuses") or []
        return frozenset({"suspended", *(str(s).strip().casefold() for s in declared)})

    def inactive(self) -> np.ndarray:
        """A boolean array over ``edges``: which ties have an inactive status (formally there, not active).

        A status is inactive when it is one of :attr:`inactive_statuses`,
        whatever its case and surrounding spaces. Computed once per dataset.

        Returns
        -------
        numpy.ndarray
            bool, one per row of ``edges``; all False when there is no
            ``status`` column.

        Raises
        ------
        Nothing: a missing status, or one not declared inactive, counts as active.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.inactive().tolist()
        [False, True]
        """
        cached = self.__dict__.get("_inactive")
        if cached is not None:
            return cached
        if "status" not in self.edges or self.edges.empty:
            mask = np.zeros(len(self.edges), dtype=bool)
        else:  # each distinct status is folded once; the usual "active" rows are passed over first
            status = self.edges["status"].to_numpy(dtype=object)
            rest = np.flatnonzero(status != "active") if "active" not in self.inactive_statuses else \
                np.arange(len(status))
            codes, uniques = pd.factorize(status[rest], use_na_sentinel=True)
            off = np.array([str(u).strip().casefold() in self.inactive_statuses for u in uniques], dtype=bool)
            mask = np.zeros(len(status), dtype=bool)
            mask[rest[codes >= 0]] = off[codes[codes >= 0]]
        self.__dict__["_inactive"] = mask
        return mask

    def without_inactive(self) -> "Dataset":
        """The same dataset without its inactive ties (see :meth:`inactive`).

        The nodes, the date and the full dataset stay as they are: a node whose
        only ties are inactive is still listed, and :meth:`as_of` (or
        :meth:`snapshot` given a date) of the result starts again from the full
        dataset, inactive ties included.

        Returns
        -------
        Dataset
            ``self`` when no tie is inactive.

        Raises
        ------
        Nothing: a missing status counts as active.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.without_inactive().edges["u"].tolist(), ds.without_inactive().as_of(2007).edges["u"].tolist()
        (['A'], ['A', 'B'])
        """
        mask = self.inactive()
        if not mask.any():
            return self
        return self._subset(~mask)

    # -- time ---------------------------------------------------------------------------

    @cached_property
    def windows(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(node start, node end, edge start, edge end): the lifetimes, and each edge's active window.

        Computed once per dataset by :func:`partnergraph.asof.effective_windows`, the one rule.
        """
        node_start, node_end = windows(self.nodes)
        # the full dataset's endpoint positions are rows of its own nodes: the time rule need not look ids up again
        at = self.endpoint_positions() if self._full is None else None
        own = self.__dict__.get("_own_windows") if self._full is None else None  # as the loader read them
        edge_start, edge_end = effective_windows(self.nodes, self.edges, positions=at, own=own)
        return node_start, node_end, edge_start, edge_end

    def check_coverage(self, date, stacklevel: int = 3) -> None:
        """Warn (:class:`CoverageWarning`) when ``date`` lies outside the declared coverage (the warning names the
        line ``stacklevel`` calls up, as :func:`warnings.warn` counts).

        The coverage is the full dataset's (:attr:`coverage`); data that
        declares none never warns.

        Parameters
        ----------
        date : int, str or datetime.date
            An as-of value, read by :func:`partnergraph.asof.parse_date` (a
            year is its 31 December).
        stacklevel : int
            Passed to :func:`warnings.warn`: the default, 3, names the line
            that called the caller of ``check_coverage``.

        Returns
        -------
        None

        Raises
        ------
        DateError
            When the data declares a coverage and ``date`` is not a year, a
            month or an ISO date (without a coverage the date is not read).

        Warns
        -----
        CoverageWarning
            When the date is before the coverage's first day or after its last.

        Examples
        --------
        >>> import warnings
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges, meta={"partnergraph": {"coverage": {"start": 2000, "end": 2020}}})
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     ds.check_coverage(1990)
        ...     ds.check_coverage("2020-06")
        >>> [str(w.message) for w in caught]
        ['the data covers 2000 to 2020; as of 1990-12-31 is outside it']
        """
        span = self.full.coverage
        if not span:
            return
        when = parse_date(date)
        first, last = span
        if (first is not None and when < first) or (last is not None and when > last):
            warnings.warn(CoverageWarning(f"the data covers {self.full.coverage_text()}; "
                                          f"{describe_date(when)} is outside it"), stacklevel=stacklevel)

    def as_of(self, date) -> "Dataset":
        """The snapshot on ``date``: the nodes alive then, and the edges active then.

        An edge is active when its own window and both endpoints' lifetimes hold
        the date (:func:`partnergraph.asof.effective_windows`). A bare year means
        the end of that year, a month the end of that month. Ties with an
        inactive status (suspended) are kept: they formally exist; see
        :meth:`snapshot` to leave them out. Snapshots are always taken from the
        full dataset, so ``ds.as_of(2010).as_of(2020)`` is ``ds.as_of(2020)``.
        A date outside the declared coverage gives a :class:`CoverageWarning`.

        Parameters
        ----------
        date : int, str or datetime.date
            A year, a month (``"2010-06"``) or an ISO date, read by
            :func:`partnergraph.asof.parse_date`.

        Returns
        -------
        Dataset
            The snapshot: its ``date`` is the day asked, and its ``full`` the
            dataset of every date.

        Raises
        ------
        DateError
            When ``date`` is not a year, a month or an ISO date.

        Warns
        -----
        CoverageWarning
            When the date lies outside the declared coverage.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> [ds.as_of(year).edges["u"].tolist() for year in (2004, 2007, 2010)], ds.as_of("2010-06").edges["u"].tolist()
        ([['A'], ['A', 'B'], ['A']], ['A', 'B'])
        >>> ds.as_of(2004).date
        datetime.date(2004, 12, 31)
        >>> ds.as_of("2004-13")
        Traceback (most recent call last):
        ...
        partnergraph.errors.DateError: expected a year, a month (YYYY-MM) or an ISO date, got "2004-13"
        >>> "ici" in set(pg.load().as_of(1991).nodes["id"])
        False
        """
        return self.full._on(parse_date(date))

    def _on(self, when: _dt.date, active_only: bool = False) -> "Dataset":
        """The snapshot on ``when`` of this full dataset, without its inactive ties if ``active_only``: one
        selection of the edges, not two."""
        self.check_coverage(when, stacklevel=4)  # the caller of as_of or snapshot
        node_start, node_end, edge_start, edge_end = self.windows
        nodes = self.nodes[within(node_start, node_end, when)].reset_index(drop=True)
        kept = within(edge_start, edge_end, when)
        if active_only:
            kept &= ~self.inactive()
        return self._subset(kept, nodes=nodes, date=when)

    def during(self, first=None, last=None) -> "Dataset":
        """Everything that existed at some time from ``first`` to ``last``: the nodes alive, and the edges active,
        on at least one day of the range (both ends included).

        ``first`` is read as the first day it stands for (``2000``: 1 January
        2000), ``last`` as the last (``2009``: 31 December 2009); either may be
        None, leaving that side open. An edge counts when its window (its own
        dates cut to both endpoints' lifetimes, as in :meth:`as_of`) overlaps
        the range. Queries given the result answer over the whole range: two
        countries are in the same exercise if both took part in it at some time
        in the range. An end outside the declared coverage warns.

        Parameters
        ----------
        first, last : int, str or datetime.date, optional
            A year, a month or an ISO date; None leaves that side open.

        Returns
        -------
        Dataset
            The range: its ``period`` is ``(first day, last day)``, its
            ``date`` None, its ``full`` the dataset of every date.

        Raises
        ------
        DateError
            When ``first`` or ``last`` is not a year, a month or an ISO date, or
            the range ends before it begins.

        Warns
        -----
        CoverageWarning
            When an end lies outside the declared coverage.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.during(2006, 2008).edges["u"].tolist(), ds.during(2011).edges["u"].tolist()
        (['A', 'B'], ['A'])
        >>> ds.during(2008, 2006)
        Traceback (most recent call last):
        ...
        partnergraph.errors.DateError: the range ends (2006-12-31) before it begins (2008-01-01)
        >>> old = pg.load().during(1994, 1996)
        >>> old.period, "ICI" in set(old.nodes["id"].str.upper())
        ((datetime.date(1994, 1, 1), datetime.date(1996, 12, 31)), False)
        """
        full = self.full
        start = first_day(first) if first is not None else None
        end = parse_date(last) if last is not None else None
        if start is not None and end is not None and end < start:
            raise DateError(f"the range ends ({end.isoformat()}) before it begins ({start.isoformat()})")
        for when in (start, end):
            if when is not None:
                full.check_coverage(when, stacklevel=4)
        node_start, node_end, edge_start, edge_end = full.windows
        nodes = full.nodes[overlapping(node_start, node_end, start, end)].reset_index(drop=True)
        return full._subset(overlapping(edge_start, edge_end, start, end), nodes=nodes, date=None, period=(start, end))

    def default_date(self) -> _dt.date | None:
        """The date questions are asked at when none is given; see :func:`partnergraph.asof.default_date`.

        The end of the declared coverage, else the end of the last year the
        data's dates name, else None (undated data); a snapshot gives its full
        dataset's.

        Returns
        -------
        datetime.date or None

        Raises
        ------
        DateError
            When the declared coverage's end is not a date (only a Dataset built
            by hand can have one: :func:`partnergraph.load` refuses it).

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.default_date(), ds.as_of(2004).default_date()
        (datetime.date(2010, 12, 31), datetime.date(2010, 12, 31))
        """
        return default_date(self)

    def latest(self) -> "Dataset":
        """The snapshot at the default date (:meth:`default_date`); an undated dataset is returned whole.

        Taken from the full dataset, as :meth:`as_of` does; the inactive ties
        are kept.

        Returns
        -------
        Dataset

        Raises
        ------
        DateError
            As :meth:`default_date`: only for a declared coverage whose end is
            not a date.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.latest().date, ds.latest().edges["u"].tolist()
        (datetime.date(2010, 12, 31), ['A'])
        """
        when = self.default_date()
        return self.full.as_of(when) if when else self.full

    def snapshot(self, as_of=None, *, include_suspended: bool = True) -> "Dataset":
        """The dataset a query looks at.

        ``as_of`` if given; else a snapshot's own date; else the default date
        (:meth:`default_date`: the end of the declared coverage, else the end of the
        last year the data names; undated data is read whole). With
        ``include_suspended=False`` the ties with an inactive status are left
        out, as every analysis of who *does* something does by default.

        A snapshot, or a range of :meth:`during`, asked without a date is
        returned as it is (less its inactive ties if asked); given a date, the
        snapshot is taken from the full dataset.

        Parameters
        ----------
        as_of : int, str or datetime.date, optional
            A year, a month or an ISO date.
        include_suspended : bool
            Keep the ties with an inactive status (:meth:`inactive`).

        Returns
        -------
        Dataset

        Raises
        ------
        DateError
            When ``as_of`` is not a year, a month or an ISO date.

        Warns
        -----
        CoverageWarning
            When the date asked lies outside the declared coverage.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.snapshot().date, ds.snapshot(2007, include_suspended=False).edges["u"].tolist()
        (datetime.date(2010, 12, 31), ['A'])
        >>> snap = ds.as_of(2007)
        >>> snap.snapshot() is snap
        True
        >>> pg.load().snapshot(2010).date
        datetime.date(2010, 12, 31)
        >>> "RUS" in set(pg.load().snapshot(2020, include_suspended=False).edges["u"])
        False
        """
        if as_of is not None:
            return self.full._on(parse_date(as_of), active_only=not include_suspended)
        if self.date is None and self._full is None:
            when = self.default_date()
            if when:
                return self.full._on(when, active_only=not include_suspended)
        return self if include_suspended else self.without_inactive()

    @cached_property
    def graph(self) -> "nx.MultiGraph":
        """The dataset as a networkx MultiGraph, built on first use and cached.

        Nodes carry ``kind``, ``label`` and the extra columns; each edge (one per
        CSV row, keyed by its position in ``edges``) carries ``relation``,
        ``since``, ``until``, ``source`` and the other columns. Empty cells are
        left out of the attributes.
        """
        import networkx as nx  # only here: the tables answer every query without it

        G = nx.MultiGraph(name=self.name or "")
        node_attrs = self.nodes.set_index("id")
        records = node_attrs.to_dict("index")
        G.add_nodes_from((n, {k: v for k, v in attrs.items() if not is_missing(v)}) for n, attrs in records.items())
        cols = [c for c in self.edges.columns if c not in ("u", "v")]
        rows = self.edges[cols].to_dict("records")
        G.add_edges_from(
            (u, v, i, {k: val for k, val in attrs.items() if not is_missing(val)})
            for i, (u, v, attrs) in enumerate(zip(self.edges["u"], self.edges["v"], rows))
        )
        return G

    def content_hash(self) -> str:
        """A SHA-256 of the tables' content and of the metadata that changes answers, the same on any machine.

        The tables hashed are the full dataset's, so a snapshot gives the hash
        of the data it was taken from. Every column's name, dtype and cells go
        into it, in order (a change of row or column order changes the hash); the
        metadata hashed is the declared coverage and inactive statuses (the
        default date and which ties count); titles and descriptions are not.
        Computed once per dataset.

        Returns
        -------
        str
            64 hexadecimal digits.

        Raises
        ------
        Nothing: every cell has a text form to hash.

        Notes
        -----
        The dtype is hashed by its name, so the same data read by a pandas
        that names a text column's dtype differently (``object`` before
        pandas 3, ``str`` since) hashes differently.

        Examples
        --------
        >>> len(pg.load().content_hash())
        64
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.content_hash() == pg.Dataset(nodes.copy(), edges.copy()).content_hash() == ds.as_of(2004).content_hash()
        True
        >>> ds.content_hash() == pg.Dataset(nodes, edges.assign(source="changed")).content_hash()
        False
        """
        cached = self.full.__dict__.get("_content_hash")
        if cached is not None:
            return cached
        h = hashlib.sha256()
        for table in (self.full.nodes, self.full.edges):
            h.update(b"table\x00%d\x00" % len(table))
            for name in table.columns:
                _hash_column(h, str(name), table[name])
        block = self.full.meta.get("partnergraph") or {}
        answers = {k: block[k] for k in ("coverage", "inactive_statuses") if block.get(k)}
        if answers:  # what changes answers: the default date and which statuses count as inactive
            h.update(b"\x00")
            h.update(json.dumps(answers, sort_keys=True, ensure_ascii=False, default=str).encode())
        self.full.__dict__["_content_hash"] = h.hexdigest()
        return self.full.__dict__["_content_hash"]

    def kinds(self) -> list[str]:
        """The node kinds, in the order they first appear.

        Of this dataset's nodes: a snapshot lists the kinds of the nodes alive
        on its date.

        Returns
        -------
        list of str

        Raises
        ------
        Nothing: the kinds are read from the ``kind`` column as they are.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.kinds()
        ['country', 'framework']
        """
        if self._full is None:  # the full dataset's kinds are asked for often: its codes hold them
            return list(self._node_codes()[1])
        return [str(k) for k in pd.unique(self.nodes["kind"])]

    def labels(self) -> pd.Series:
        """The label of each node (of every date), indexed by id.

        Returns
        -------
        pandas.Series
            The full dataset's ``label`` column, indexed by ``id``, in table
            order; a snapshot gives the same.

        Raises
        ------
        Nothing: the labels are taken as they are.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.labels().to_dict()
        {'A': 'Alpha', 'B': 'Beta', 'f': 'Forum'}
        """
        return self.full.nodes.set_index("id")["label"]

    def with_labels(self, frame: pd.DataFrame, column: str = "id") -> pd.DataFrame:
        """``frame`` with ``label`` and ``kind`` columns for the ids in ``column``.

        The labels and kinds are those of the full dataset (a node not alive on
        a snapshot's date is still labelled); a text that is not an id gets
        missing values. Existing ``label`` and ``kind`` columns are replaced;
        ``frame`` itself is not changed.

        Parameters
        ----------
        frame : pandas.DataFrame
        column : str
            The column of ``frame`` that holds the ids (default ``id``).

        Returns
        -------
        pandas.DataFrame
            A copy of ``frame`` with ``label`` and ``kind`` added as its last
            columns (or replaced where they are).

        Raises
        ------
        KeyError
            When ``frame`` has no column ``column``.

        Examples
        --------
        >>> pg.load().with_labels(pd.DataFrame({"id": ["JPN"]})).values.tolist()
        [['JPN', 'Japan', 'country']]
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.with_labels(pd.DataFrame({"id": ["f", "Z"]})).values.tolist()
        [['f', 'Forum', 'framework'], ['Z', nan, nan]]
        """
        info = self.full.nodes.set_index("id")
        return frame.assign(label=frame[column].map(info["label"]), kind=frame[column].map(info["kind"]))

    def resolve(self, text: str) -> str:
        """The id a person means: the id itself, the id in another case, or a node's label, if unambiguous.

        A label matches whatever its case and punctuation ("nato ukraine council"
        for "NATO-Ukraine Council"). The ids are tried first; the nodes of every
        date are searched.

        Parameters
        ----------
        text : str
            An id, in any case, or a label.

        Returns
        -------
        str
            The id.

        Raises
        ------
        UnknownIdError
            Nothing matches; the message names the closest ids and labels.
        PartnergraphError
            The text names several nodes (two labels alike, ids differing only in case).

        Examples
        --------
        >>> nato = pg.load()
        >>> nato.resolve("JPN"), nato.resolve("PfP"), nato.resolve("mediterranean-dialogue")
        ('JPN', 'pfp', 'md')
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.resolve("a"), ds.resolve(" FORUM ")
        ('A', 'f')
        >>> ds.resolve("Gamma")
        Traceback (most recent call last):
        ...
        partnergraph.errors.UnknownIdError: unknown id 'Gamma'
        """
        nodes = self.full.nodes
        text = str(text)
        if (nodes["id"] == text).any():
            return text
        folded = text.strip().casefold()
        loose = " ".join(re.findall(r"\w+", folded))  # "nato ukraine council" for "NATO-Ukraine Council"
        for column, wanted, norm in (("id", folded, lambda s: s.str.casefold()),
                                     ("label", loose, lambda s: s.str.casefold().str.findall(r"\w+").str.join(" "))):
            found = nodes.loc[norm(nodes[column].astype("str")) == wanted, "id"].tolist()
            if len(found) == 1:
                return found[0]
            if len(found) > 1:
                raise PartnergraphError(f"{text!r} could be any of {', '.join(sorted(found))}: give the id")
        raise UnknownIdError.among(text, nodes["id"], dict(zip(nodes["id"], nodes["label"])))

    def kind_of(self, node_id: str) -> str:
        """The kind of a node; raises UnknownIdError (with the closest ids) if there is none.

        The id must be exact (see :meth:`resolve` for what a person types); a
        node not alive on a snapshot's date is still known.

        Parameters
        ----------
        node_id : str

        Returns
        -------
        str

        Raises
        ------
        UnknownIdError
            When no node has that id; the message names the closest ids.

        Examples
        --------
        >>> pg.load().kind_of("JPN")
        'country'
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.kind_of("a")
        Traceback (most recent call last):
        ...
        partnergraph.errors.UnknownIdError: unknown id 'a'; did you mean A (Alpha)?
        """
        nodes = self.full.nodes  # a node that is not alive on a snapshot's date is still known
        found = nodes.loc[nodes["id"] == node_id, "kind"]
        if found.empty:
            raise UnknownIdError.among(node_id, nodes["id"], dict(zip(nodes["id"], nodes["label"])))
        return str(found.iloc[0])

    def linked_kinds(self, kind: str) -> list[str]:
        """The kinds that some relation links to ``kind``, in relation order.

        Read from :attr:`relations` (one per edge file), either end: ``kind`` must be
        spelled as the dataset spells it (:meth:`kind_spelling`). A relation
        between nodes of one kind links that kind to itself.

        Parameters
        ----------
        kind : str

        Returns
        -------
        list of str
            Empty when no relation links ``kind``.

        Raises
        ------
        Nothing: a kind no relation names has no linked kinds.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.linked_kinds("country"), ds.linked_kinds("framework"), ds.linked_kinds("Country")
        (['framework'], ['country'], [])
        """
        out = []
        for r in self.full.relations.itertuples(index=False):
            for a, b in ((r.u_kind, r.v_kind), (r.v_kind, r.u_kind)):
                if a == kind and b not in out:
                    out.append(b)
        return out

    def require_kind(self, kind: str) -> str:
        """The dataset's spelling of ``kind`` (kinds compare case-insensitively); a PartnergraphError naming the
        kinds it has when it has no nodes of that kind.

        The kinds are those of the full dataset's nodes.

        Parameters
        ----------
        kind : str

        Returns
        -------
        str

        Raises
        ------
        PartnergraphError
            When no node has that kind; the message lists the kinds there are.

        Examples
        --------
        >>> pg.load().require_kind("Country")
        'country'
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.require_kind("region")
        Traceback (most recent call last):
        ...
        partnergraph.errors.PartnergraphError: unknown kind 'region'; the kinds are country, framework
        """
        spelled = self.kind_spelling(kind)
        if spelled not in self.full.kinds():
            raise PartnergraphError(f"unknown kind {kind!r}; the kinds are {', '.join(self.full.kinds())}")
        return spelled

    def kind_spelling(self, kind: str | None) -> str | None:
        """The dataset's spelling of ``kind``, whatever its case (``Country`` -> ``country``); ``kind`` itself when
        the dataset has no such kind (or it is None).

        Surrounding spaces are ignored when comparing. See :meth:`require_kind`
        to refuse a kind the dataset does not have.

        Parameters
        ----------
        kind : str or None

        Returns
        -------
        str or None

        Raises
        ------
        Nothing: an unknown kind is returned as given.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ds.kind_spelling("Country"), ds.kind_spelling(" FRAMEWORK "), ds.kind_spelling("region")
        ('country', 'framework', 'region')
        """
        kinds = self.full.kinds()
        if kind is None or kind in kinds:
            return kind
        return {k.casefold(): k for k in kinds}.get(str(kind).strip().casefold(), kind)

    def links(self, kind_a: str, kind_b: str, *, extra=()) -> pd.DataFrame:
        """Every edge between a node of ``kind_a`` and one of ``kind_b``, turned to face that way.

        Returns a DataFrame with columns ``a``, ``b`` (the ids), ``relation``,
        ``since``, ``until``, ``source``, then the ``extra`` columns asked for
        (``"status"``; ``"edge"``: the edge's position in ``edges``; ``"at"``: columns
        ``a_at`` and ``b_at``, the ends' rows in the full dataset's ``nodes``), one row
        per edge, in table order; whichever endpoint order the edge file used.
        Between nodes of one kind (``country,country`` borders) every edge
        is listed facing both ways, so each end finds the other.

        Parameters
        ----------
        kind_a, kind_b : str
            The kinds, as the dataset spells them; a kind it does not have gives
            no rows.
        extra : iterable of str
            Any of ``"status"`` (empty where the edges have no status),
            ``"edge"`` and ``"at"``; any other name is a column of ``edges``,
            copied as it is.

        Returns
        -------
        pandas.DataFrame

        Raises
        ------
        KeyError
            When ``edges`` has no ``since``, ``until`` or ``source`` column (a
            loaded dataset always has them), or no column an ``extra`` name asks for.

        Examples
        --------
        >>> links = pg.load().links("threat", "framework")
        >>> list(links.columns), bool((links["b"] == "ici").any())
        (['a', 'b', 'relation', 'since', 'until', 'source'], True)
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> links = ds.links("framework", "country", extra=("status", "edge"))
        >>> links[["a", "b", "until", "status", "edge"]].values.tolist()
        [['f', 'A', nan, 'active', 0], ['f', 'B', '2010', 'suspended', 1]]
        """
        e = self.edges
        if "edge" in extra:
            e = e.assign(edge=np.arange(len(e)))
        if "status" in extra and "status" not in e:
            e = e.assign(status=pd.Series(np.nan, index=e.index, dtype="str"))
        ku, kv, names = self.endpoint_kinds()
        a, b = (names.index(k) if k in names else -2 for k in (kind_a, kind_b))
        forward, backward = np.flatnonzero((ku == a) & (kv == b)), np.flatnonzero((ku == b) & (kv == a))
        # table order; between nodes of one kind each row faces both ways, forward first
        rows = np.concatenate([forward, backward])
        flip = np.concatenate([np.zeros(len(forward), dtype=bool), np.ones(len(backward), dtype=bool)])
        order = np.argsort(rows, kind="stable")
        rows, flip = rows[order], flip[order]
        u, v = e["u"].to_numpy()[rows], e["v"].to_numpy()[rows]
        cols = ["relation", "since", "until", "source", *(c for c in extra if c != "at")]
        out = e[cols].take(rows).reset_index(drop=True)
        out.insert(0, "b", pd.Series(np.where(flip, u, v), dtype=e["v"].dtype))
        out.insert(0, "a", pd.Series(np.where(flip, v, u), dtype=e["u"].dtype))
        if "at" in extra:
            pu, pv = (p[rows] for p in self.endpoint_positions())
            out["a_at"], out["b_at"] = np.where(flip, pv, pu), np.where(flip, pu, pv)
        return out

    def endpoint_kinds(self) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """The kind of each edge's two endpoints as integer codes (-1: not a node), and the kinds the codes number.

        Computed once per dataset (a snapshot takes its rows of the full dataset's codes).

        Returns
        -------
        tuple
            ``(ku, kv, names)``: integer arrays, one code per edge for its ``u``
            and its ``v`` end, and the list of kinds in order of first
            appearance among the full dataset's nodes (code i is ``names[i]``).

        Raises
        ------
        Nothing: an endpoint that is not a node gets -1.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> ds = pg.Dataset(nodes, edges)
        >>> ku, kv, names = ds.endpoint_kinds()
        >>> ku.tolist(), kv.tolist(), names
        ([0, 0], [1, 1], ['country', 'framework'])
        """
        cached = self.__dict__.get("_endpoint_kinds")
        if cached is None:
            codes, names, _ = self.full._node_codes()
            ku, kv = (taken(codes.astype(np.int64), at, -1) for at in self.endpoint_positions())
            cached = self.__dict__["_endpoint_kinds"] = (ku, kv, names)
        return cached

    def endpoint_positions(self) -> tuple[np.ndarray, np.ndarray]:
        """Each edge's two endpoints as row numbers of the full dataset's ``nodes`` (-1: not a node).

        Found once per dataset (the loader hands over those its checks found; a
        snapshot takes its rows of the full dataset's).

        Returns
        -------
        tuple of numpy.ndarray
            ``(u, v)``: integer arrays, one row number per edge.

        Raises
        ------
        Nothing: an endpoint that is not a node gets -1.

        Examples
        --------
        >>> nato = pg.load()
        >>> u, v = nato.endpoint_positions()
        >>> nato.nodes["id"][u[0]] == nato.edges["u"][0]
        True
        >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Alpha", "Beta", "Forum"]})
        >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2001", "2005"],
        ...                       "until": [None, "2010"], "source": "", "status": ["active", "suspended"]})
        >>> u, v = pg.Dataset(nodes, edges.assign(u=["A", "Z"])).endpoint_positions()
        >>> u.tolist(), v.tolist()
        ([0, -1], [2, 2])
        """
        cached = self.__dict__.get("_endpoint_positions")
        if cached is None:
            index = self.full._node_codes()[2]
            cached = self.__dict__["_endpoint_positions"] = (index.get_indexer(self.edges["u"]),
                                                            index.get_indexer(self.edges["v"]))
        return cached

    def _node_codes(self) -> tuple[np.ndarray, list[str], pd.Index]:
        """Each node's kind as an integer code, the kinds in order of first appearance, and the index of ids."""
        cached = self.__dict__.get("_node_codes_cache")
        if cached is None:
            codes, names = pd.factorize(self.nodes["kind"])
            cached = (codes, [str(n) for n in names], pd.Index(self.nodes["id"]))
            self.__dict__["_node_codes_cache"] = cached
        return cached

    def _subset(self, mask: np.ndarray, **changes) -> "Dataset":
        """This dataset with only the edges where ``mask`` holds (and ``changes`` to nodes, date...), keeping what
        was computed per edge (endpoint kinds, inactive ties) for the rows kept."""
        fields = dict(nodes=self.nodes, relations=self.relations, name=self.name, path=self.path, date=self.date,
                      full=self.full, meta=self.meta, period=self.period)
        fields.update(changes)
        # a snapshot at the latest date often keeps every edge: no copy then
        every = bool(np.all(mask)) and self.edges.index.equals(pd.RangeIndex(len(self.edges)))
        out = Dataset(fields.pop("nodes"), self.edges if every else self.edges[mask].reset_index(drop=True), **fields)
        if every:
            mask = slice(None)
        kinds = self.__dict__.get("_endpoint_kinds")
        if kinds is not None:
            out.__dict__["_endpoint_kinds"] = (kinds[0][mask], kinds[1][mask], kinds[2])
        positions = self.__dict__.get("_endpoint_positions")
        if positions is not None:
            out.__dict__["_endpoint_positions"] = (positions[0][mask], positions[1][mask])
        inactive = self.__dict__.get("_inactive")
        if inactive is not None:
            out.__dict__["_inactive"] = inactive[mask]
        return out


def _hash_column(h, name: str, column: pd.Series) -> None:
    """Feed one column to the hash ``h``: its name, its distinct values (as text, each with its length) and each
    row's code among them (-1: missing), so equal columns hash alike and any change of a cell changes the hash."""
    codes, uniques = pd.factorize(column.to_numpy(dtype=object), use_na_sentinel=True)
    words = [v if isinstance(v, str) else str(v) for v in uniques] if column.dtype != "str" else list(uniques)
    h.update(b"column\x00" + name.encode("utf-8", "surrogatepass") + b"\x00" + str(column.dtype).encode() + b"\x00")
    h.update(np.fromiter(map(len, words), dtype="<i8", count=len(words)).tobytes())  # in characters
    h.update("".join(words).encode("utf-8", "surrogatepass"))
    h.update(np.asarray(codes, dtype="<i8").tobytes())


def lifetime_text(dataset, node_id: str) -> str:
    """``; its lifetime is 2023-07-12 to ...`` for a node with a lifetime, else ``""`` (for messages).

    Examples
    --------
    >>> lifetime_text(pg.load(), "nacc")
    '; its lifetime is 1991-12-20 to 1997-05-30'
    """
    nodes = dataset.full.nodes
    row = nodes[nodes["id"] == node_id]
    if row.empty:
        return ""
    since = row["since"].iloc[0] if "since" in row else None
    until = row["until"].iloc[0] if "until" in row else None
    since = None if pd.isna(since) else since
    until = None if pd.isna(until) else until
    if since is None and until is None:
        return ""
    return f"; its lifetime is {since or '...'} to {until or '...'}"


def is_missing(value) -> bool:
    """True for a missing cell: None, NaN or pandas.NA (an attribute a graph or a file leaves out)."""
    return value is None or (isinstance(value, float) and value != value) or value is pd.NA


def _relations_from(nodes: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    kind = nodes.set_index("id")["kind"]
    first = edges.drop_duplicates("relation")
    return pd.DataFrame({
        "relation": first["relation"].to_numpy(),
        "u_kind": first["u"].map(kind).to_numpy(),
        "v_kind": first["v"].map(kind).to_numpy(),
        "file": (first["relation"] + ".csv").to_numpy(),
    })
