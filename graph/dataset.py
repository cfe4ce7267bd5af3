"""The Dataset: the loaded tables, and the graph built from them on demand."""
from __future__ import annotations

import datetime as _dt
import hashlib
from functools import cached_property

import networkx as nx
import pandas as pd

from .asof import active_mask, latest_date, parse_date
from .errors import PartnergraphError, UnknownIdError

__all__ = ["Dataset"]


class Dataset:
    """A partnership dataset: node and edge tables, and the graph they make.

    The tables are the source of truth. ``nodes`` has the columns ``id``,
    ``kind``, ``label`` and any extras from nodes.csv; ``edges`` has
    ``relation``, ``u``, ``v`` (the endpoints, in the order of the file's first
    two headers), ``since``, ``until``, ``source`` and the other columns of the
    edge files. One edge per CSV row.

    A Dataset read by :func:`partnergraph.load` holds every edge, past and
    future; :meth:`as_of` gives the snapshot on a date.

    Parameters
    ----------
    nodes, edges : pandas.DataFrame
    relations : pandas.DataFrame, optional
        One row per edge file: ``relation``, ``u_kind``, ``v_kind``, ``file``.
    name : str, optional
        A short name for titles and metadata (the folder's name).
    path : str, optional
        The folder the tables were read from.

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
                 full: "Dataset | None" = None):
        self.nodes = nodes
        self.edges = edges
        self.relations = relations if relations is not None else _relations_from(nodes, edges)
        self.name = name
        self.path = path
        self.date = date
        self._full = full

    def __repr__(self) -> str:
        when = f" as of {self.date.isoformat()}" if self.date else ""
        return f"<Dataset {self.name or 'unnamed'!s}{when}: {len(self.nodes)} nodes, {len(self.edges)} edges>"

    @property
    def full(self) -> "Dataset":
        """The dataset this snapshot was taken from (itself if it is not a snapshot)."""
        return self._full if self._full is not None else self

    def as_of(self, date) -> "Dataset":
        """The snapshot on ``date``: every node, and the edges active that day.

        A bare year means the end of that year. Snapshots are always taken from
        the full dataset, so ``ds.as_of(2010).as_of(2020)`` is ``ds.as_of(2020)``.

        Examples
        --------
        >>> snap = pg.load().as_of(1990)
        >>> snap.date, int((snap.edges["relation"] == "memberships").sum())
        (datetime.date(1990, 12, 31), 0)
        """
        when = parse_date(date)
        full = self.full
        edges = full.edges[active_mask(full.edges, when)].reset_index(drop=True)
        return Dataset(full.nodes, edges, relations=full.relations, name=full.name, path=full.path, date=when, full=full)

    def latest(self) -> "Dataset":
        """The snapshot at the latest state in the data (the end of the last year any edge begins or ends).

        Files default to this state, so the same input gives the same bytes on any day.
        An undated dataset is returned whole.
        """
        when = latest_date(self.full.edges)
        return self.as_of(when) if when else self.full

    @cached_property
    def graph(self) -> nx.MultiGraph:
        """The dataset as a networkx MultiGraph, built on first use and cached.

        Nodes carry ``kind``, ``label`` and the extra columns; each edge (one per
        CSV row, keyed by its position in ``edges``) carries ``relation``,
        ``since``, ``until``, ``source`` and the other columns. Empty cells are
        left out of the attributes.
        """
        G = nx.MultiGraph(name=self.name or "")
        node_attrs = self.nodes.set_index("id")
        records = node_attrs.to_dict("index")
        G.add_nodes_from((n, {k: v for k, v in attrs.items() if not _missing(v)}) for n, attrs in records.items())
        cols = [c for c in self.edges.columns if c not in ("u", "v")]
        rows = self.edges[cols].to_dict("records")
        G.add_edges_from(
            (u, v, i, {k: val for k, val in attrs.items() if not _missing(val)})
            for i, (u, v, attrs) in enumerate(zip(self.edges["u"], self.edges["v"], rows))
        )
        return G

    def content_hash(self) -> str:
        """A SHA-256 of the tables' content, the same for the same data on any machine.

        Examples
        --------
        >>> len(pg.load().content_hash())
        64
        """
        h = hashlib.sha256()
        h.update(self.full.nodes.to_csv(index=False, lineterminator="\n").encode())
        h.update(b"\x00")
        h.update(self.full.edges.to_csv(index=False, lineterminator="\n").encode())
        return h.hexdigest()

    def kinds(self) -> list[str]:
        """The node kinds, in the order they first appear.

        Examples
        --------
        >>> pg.load().kinds()
        ['framework', 'activity', 'threat', 'country']
        """
        return list(dict.fromkeys(self.nodes["kind"]))

    def snapshot(self, as_of=None) -> "Dataset":
        """The dataset a query looks at: ``as_of`` if given, else this dataset's own date.

        A snapshot's own date is its date; a loaded dataset's is today.

        Examples
        --------
        >>> pg.load().snapshot(2010).date
        datetime.date(2010, 12, 31)
        """
        if as_of is not None:
            return self.full.as_of(as_of)
        if self.date is not None:
            return self
        return self.full.as_of(_dt.date.today())

    def labels(self) -> pd.Series:
        """The label of each node, indexed by id."""
        return self.nodes.set_index("id")["label"]

    def with_labels(self, frame: pd.DataFrame, column: str = "id") -> pd.DataFrame:
        """``frame`` with ``label`` and ``kind`` columns for the ids in ``column``.

        Examples
        --------
        >>> pg.load().with_labels(pd.DataFrame({"id": ["JPN"]})).values.tolist()
        [['JPN', 'Japan', 'country']]
        """
        info = self.nodes.set_index("id")
        return frame.assign(label=frame[column].map(info["label"]), kind=frame[column].map(info["kind"]))

    def kind_of(self, node_id: str) -> str:
        """The kind of a node; raises UnknownIdError (with the closest ids) if there is none.

        Examples
        --------
        >>> pg.load().kind_of("JPN")
        'country'
        """
        found = self.nodes.loc[self.nodes["id"] == node_id, "kind"]
        if found.empty:
            raise UnknownIdError.among(node_id, self.nodes["id"])
        return str(found.iloc[0])

    def require_kind(self, kind: str) -> str:
        """``kind`` if the dataset has nodes of it; else a PartnergraphError naming the kinds it has."""
        if kind not in set(self.nodes["kind"]):
            raise PartnergraphError(f"unknown kind {kind!r}; the kinds are {', '.join(self.kinds())}")
        return kind

    def links(self, kind_a: str, kind_b: str) -> pd.DataFrame:
        """Every edge between a node of ``kind_a`` and one of ``kind_b``, turned to face that way.

        Returns a DataFrame with columns ``a``, ``b`` (the ids), ``relation``,
        ``since``, ``until``, ``source``, one row per edge, in table order;
        whichever endpoint order the edge file used.

        Examples
        --------
        >>> links = pg.load().links("threat", "framework")
        >>> list(links.columns), bool((links["b"] == "ici").any())
        (['a', 'b', 'relation', 'since', 'until', 'source'], True)
        """
        kind = self.nodes.set_index("id")["kind"]
        e = self.edges
        ku, kv = e["u"].map(kind), e["v"].map(kind)
        cols = ["relation", "since", "until", "source"]
        forward = e[(ku == kind_a) & (kv == kind_b)]
        backward = e[(ku == kind_b) & (kv == kind_a)] if kind_a != kind_b else e.iloc[0:0]
        out = pd.concat([
            forward.rename(columns={"u": "a", "v": "b"})[["a", "b", *cols]],
            backward.rename(columns={"v": "a", "u": "b"})[["a", "b", *cols]],
        ])
        return out.sort_index(kind="stable").reset_index(drop=True)


def _missing(value) -> bool:
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
