"""Exports for other tools: GEXF (Gephi), GraphML (igraph, Cytoscape), node-link JSON, Cytoscape JSON, and a CSV
data folder.

Every writer is deterministic (the same data gives the same bytes on any day)
and atomic (a temporary file or folder, then a rename). A writer exports what
it is given: for a loaded dataset, every node and edge of every date, each with
its dates, so nothing is lost; ``as_of`` exports the snapshot on that date
instead, ``kinds`` keeps only nodes of those kinds (:func:`selection`).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from functools import partial
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

from partnergraph.asof import default_date
from partnergraph.atomic import OutputError, default_mode, write_atomic
from partnergraph.progress import counted
from partnergraph.dataset import Dataset, is_missing
from partnergraph.errors import PartnergraphError
from partnergraph.tables import csv_text

__all__ = ["selection", "write_gexf", "write_graphml", "write_json", "write_cyjs", "write_xlsx", "write_csv_folder",
           "metadata",
           "descriptor", "node_link_names", "graphml_type"]


def selection(dataset, *, as_of=None, kinds=None) -> Dataset:
    """The part of a dataset an export writes: the dataset as given (every date, for a loaded one) or its snapshot
    on ``as_of``, with only the nodes of ``kinds``.

    With ``kinds``, the edges kept are those whose two ends are both of those
    kinds, and the relations kept are those that keep an edge or link two of
    those kinds.

    Parameters
    ----------
    dataset : Dataset
        A dataset, or a snapshot of one (kept as that snapshot unless ``as_of`` is given).
    as_of : year, month or ISO date, optional
        Take the snapshot on this date of the whole dataset (:meth:`Dataset.as_of`) instead.
    kinds : list of str, optional
        Keep only the nodes of these kinds (any case; blank names are skipped). None or empty: every kind.

    Returns
    -------
    Dataset
        ``dataset`` itself when neither ``as_of`` nor ``kinds`` is given.

    Raises
    ------
    partnergraph.DateError
        When ``as_of`` is not a date.
    partnergraph.PartnergraphError
        When a kind is not one of the dataset's.

    See Also
    --------
    metadata : What an export says about the part it writes.

    Notes
    -----
    A part of a whole dataset chosen by ``kinds`` is a whole dataset of its
    own (its ``full`` is itself), so its content hash is that of the part; a
    part of a snapshot keeps the snapshot's whole dataset and its hash.

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
    >>> ds = pg.Dataset(nodes, pd.DataFrame({"relation": ["memberships"], "u": ["FIN"], "v": ["pfp"]}))
    >>> part = selection(ds, kinds=["Country"])
    >>> part.nodes["id"].tolist(), len(part.edges), len(selection(ds).edges)
    (['FIN', 'SWE'], 0, 1)
    """
    ds = dataset.full.as_of(as_of) if as_of is not None else dataset
    if kinds:
        kinds = [ds.require_kind(k.strip()) for k in kinds if k and k.strip()]
    if kinds:  # blanks alone (``--kinds ,``) ask for no kind in particular: every kind, as no --kinds does
        nodes = ds.nodes[ds.nodes["kind"].isin(kinds)].reset_index(drop=True)
        keep = set(nodes["id"])
        edges = ds.edges[ds.edges["u"].isin(keep) & ds.edges["v"].isin(keep)].reset_index(drop=True)
        relations = ds.relations[ds.relations["relation"].isin(set(edges["relation"])) |
                                 (ds.relations["u_kind"].isin(kinds) & ds.relations["v_kind"].isin(kinds))]
        ds = Dataset(nodes, edges, relations=relations.reset_index(drop=True), name=ds.name, path=ds.path,
                     date=ds.date, full=ds._full, meta=ds.meta)
    return ds


def metadata(dataset) -> dict:
    """What every export says about itself: generator, version, dataset name and title, content hash, as-of date
    and the declared coverage.

    Parameters
    ----------
    dataset : Dataset
        The dataset exported, or a snapshot of one.

    Returns
    -------
    dict
        ``generator`` (``"partnergraph"``), ``version``, ``dataset`` (the whole
        dataset's name, None when it has none), ``title``, ``content_hash`` (of
        the whole dataset, :meth:`Dataset.content_hash`), ``as_of`` (the
        snapshot's date as an ISO string; None for a dataset of every date or
        of a period) and ``coverage`` (the declared coverage as written, or None).

    Raises
    ------
    Nothing: every value is read from the dataset, none is checked.

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["FIN", "pfp"], "kind": ["country", "framework"],
    ...                       "label": ["Finland", "Partnership for Peace"]})
    >>> ds = pg.Dataset(nodes, pd.DataFrame({"relation": ["memberships"], "u": ["FIN"], "v": ["pfp"]}), name="mine")
    >>> meta = metadata(ds)
    >>> sorted(meta), meta["dataset"], meta["as_of"]
    (['as_of', 'content_hash', 'coverage', 'dataset', 'generator', 'title', 'version'], 'mine', None)
    """
    from partnergraph import __version__

    return {"generator": "partnergraph", "version": __version__, "dataset": dataset.full.name,
            "title": dataset.full.title, "content_hash": dataset.full.content_hash(),
            "as_of": dataset.date.isoformat() if dataset.date else None,
            "coverage": dataset.full.coverage_text()}


def _stamp(dataset) -> str:
    """A date for formats that want one: the as-of date, else the default date (never today)."""
    if dataset.date:
        return dataset.date.isoformat()
    when = default_date(dataset.full)
    return when.isoformat() if when else "2000-01-01"


def write_gexf(dataset, path, *, as_of=None, kinds=None) -> Path:
    """Write a GEXF 1.3 file for Gephi, valid against the GEXF 1.3 schema, with each node's lifetime and each
    edge's window as GEXF time intervals.

    Every column is kept, named as in the data, whatever its name (``start``,
    ``key``, ``viz``... are attributes like any other; nothing of networkx's
    leaks in), except those the format holds itself: a node's ``id`` and
    ``label`` are its GEXF id and label, an edge's ends its ``source`` and
    ``target``, and an edge's ``weight``, when the column holds numbers, its
    GEXF weight. An edge's relation is both an attribute and its GEXF
    ``kind``; its GEXF id is its row in the edge table written. A node's
    interval is its lifetime; an edge's runs over its active window by the one
    time rule (its own ``since``/``until`` cut to both endpoints' lifetimes);
    each ends on the last day before its end (GEXF bounds are inclusive), so
    Gephi's timeline shows the network as partnergraph's snapshots do. The
    ``lastmodifieddate`` is the snapshot's date, else the data's default date
    (:func:`partnergraph.asof.default_date`), else 2000-01-01; never today's,
    so the bytes do not change from day to day.

    Parameters
    ----------
    dataset : Dataset
        A dataset (every date) or a snapshot of one.
    path : str or os.PathLike
        The file to write (replaced if it exists).
    as_of : year, month or ISO date, optional
        Write the snapshot on this date instead (:func:`selection`).
    kinds : list of str, optional
        Write only the nodes of these kinds, and the edges between them.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    partnergraph.DateError
        When ``as_of`` is not a date.
    partnergraph.PartnergraphError
        When a kind is not one of the dataset's.
    partnergraph.atomic.OutputError
        When the file cannot be written (:func:`partnergraph.atomic.write_atomic`); nothing is left behind.

    See Also
    --------
    write_graphml, write_json, write_cyjs

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
    >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
    >>> ds = pg.Dataset(nodes, edges)
    >>> out = write_gexf(ds, pathlib.Path(tempfile.mkdtemp()) / "mine.gexf")
    >>> G = nx.read_gexf(out)
    >>> out.name, G.number_of_nodes(), G.nodes["FIN"]["kind"], G.nodes["FIN"]["label"]
    ('mine.gexf', 3, 'country', 'Finland')
    """
    ds = selection(dataset, as_of=as_of, kinds=kinds)
    return write_atomic(path, _gexf_text(ds))


_GEXF = "http://gexf.net/1.3"


def _xml_attr(value) -> str:
    """A value as a quoted XML attribute whose line breaks and tabs survive a reader's normalisation.

    >>> _xml_attr('a "b" <c> & d\\ne')
    '"a &quot;b&quot; &lt;c&gt; &amp; d&#10;e"'
    """
    from xml.sax.saxutils import escape

    return '"' + escape(str(value), {'"': "&quot;", "\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}) + '"'


def _gexf_interval(start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """`` start="..." end="..."`` per row for windows ``[start, end)`` (GEXF bounds are inclusive: the end is the
    day before), an open side left out."""
    last = end - np.timedelta64(1, "D")
    out = np.full(len(start), "", dtype=object)
    for name, days in (("start", start), ("end", last)):
        known = ~np.isnat(days)
        out[known] += f' {name}="' + np.datetime_as_string(days[known], unit="D").astype(object) + '"'
    return out


def _gexf_attvalues(table: pd.DataFrame, columns: list[str], prefix: str) -> np.ndarray:
    """Each row's ``<attvalues>`` element (``""`` when every cell is missing), each distinct cell escaped once."""
    from partnergraph.columns import per_distinct

    out = np.full(len(table), "", dtype=object)
    for i, column in enumerate(columns):
        out += per_distinct(table[column], lambda v, i=i: "" if is_missing(v) else
                            f'<attvalue for="{prefix}{i}" value={_xml_attr(v)}/>')
    has = out != ""
    out[has] = "<attvalues>" + out[has] + "</attvalues>"
    return out


def _xml_elements(opening: np.ndarray, inner: np.ndarray, tag: str, indent: str) -> Iterator[str]:
    """One element a line: each opening tag (without its ``>``) closed at once when its ``inner`` text is empty."""
    for head, body in zip(opening, inner):
        yield f"{indent}{head}/>\n" if not body else f"{indent}{head}>{body}</{tag}>\n"


def _gexf_text(ds) -> Iterator[str]:
    from partnergraph import __version__

    nodes, edges = ds.nodes, ds.edges
    node_columns = [c for c in nodes.columns if c not in ("id", "label")]
    weighted = "weight" in edges and pd.api.types.is_numeric_dtype(edges["weight"])
    edge_columns = [c for c in edges.columns if c not in ("u", "v") and not (c == "weight" and weighted)]
    node_start, node_end, start, end = ds.windows
    yield (f'<?xml version="1.0" encoding="UTF-8"?>\n<gexf xmlns="{_GEXF}" version="1.3">\n'
           f'  <meta lastmodifieddate="{_stamp(ds)}">\n    <creator>partnergraph {__version__}</creator>\n'
           f'    <description>{_xml_attr(ds.full.title)[1:-1]}</description>\n  </meta>\n'
           '  <graph defaultedgetype="undirected" mode="dynamic" timeformat="date">\n')
    for kind, columns, prefix in (("node", node_columns, "n"), ("edge", edge_columns, "e")):
        yield f'    <attributes class="{kind}" mode="static">\n'
        for i, column in enumerate(columns):
            yield f'      <attribute id="{prefix}{i}" title={_xml_attr(column)} type="string"/>\n'
        yield "    </attributes>\n"

    elements = partial(_xml_elements, indent="      ")
    labels = _attr_texts(nodes["label"], " label=") if "label" in nodes else np.full(len(nodes), "", dtype=object)
    opening = "<node id=" + _attr_texts(nodes["id"]) + labels + _gexf_interval(node_start, node_end)
    yield f'    <nodes count="{len(nodes)}">\n'
    yield from counted(elements(opening, _gexf_attvalues(nodes, node_columns, "n"), "node"), "writing nodes",
                       len(nodes))
    yield "    </nodes>\n"
    rows = np.arange(len(edges)).astype(str).astype(object)  # an edge's id: its row in the edge table
    opening = ('<edge id="' + rows + '" source=' + _attr_texts(edges["u"]) + " target=" + _attr_texts(edges["v"])
               + _attr_texts(edges["relation"], " kind=") + _gexf_interval(start, end))
    if weighted:
        w = edges["weight"].to_numpy(dtype=float)
        opening = opening + np.array([f' weight="{float(x)!r}"' if x == x else "" for x in w], dtype=object)
    yield f'    <edges count="{len(edges)}">\n'
    yield from counted(elements(opening, _gexf_attvalues(edges, edge_columns, "e"), "edge"), "writing edges",
                       len(edges))
    yield "    </edges>\n  </graph>\n</gexf>\n"


def _attr_texts(column: pd.Series, name: str = "") -> np.ndarray:
    """``name`` followed by each cell as a quoted XML attribute value, ``""`` where the cell is missing."""
    from partnergraph.columns import per_distinct

    return per_distinct(column, lambda v: "" if is_missing(v) else name + _xml_attr(v)).astype(object)


def write_graphml(dataset, path, *, as_of=None, kinds=None) -> Path:
    """Write GraphML (igraph, Cytoscape, yEd, networkx): every node and edge column, typed.

    A column is declared as numbers when every value it holds is one
    (:func:`graphml_type`): ``long`` for integers, such as a Correlates of War
    code, ``double`` for other numbers, such as a ``weight``; the contract's
    text columns (kind, label, relation, dates, status, source, note) stay
    text, whatever they hold. The dataset's metadata (:func:`metadata`) comes
    first, as graph data (``partnergraph_...``), then the nodes, then the edges
    (each with ``e`` and its row in the edge table written as its id; an edge
    column named ``id`` is written as ``data_id``).

    Parameters
    ----------
    dataset : Dataset
        A dataset (every date) or a snapshot of one.
    path : str or os.PathLike
        The file to write (replaced if it exists).
    as_of : year, month or ISO date, optional
        Write the snapshot on this date instead (:func:`selection`).
    kinds : list of str, optional
        Write only the nodes of these kinds, and the edges between them.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    partnergraph.DateError
        When ``as_of`` is not a date.
    partnergraph.PartnergraphError
        When a kind is not one of the dataset's.
    partnergraph.atomic.OutputError
        When the file cannot be written (:func:`partnergraph.atomic.write_atomic`); nothing is left behind.

    See Also
    --------
    write_gexf, write_json, write_cyjs

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Finland", "Sweden", "Partnership for Peace"], "ccode": ["375", "380", None]})
    >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
    >>> ds = pg.Dataset(nodes, edges)
    >>> G = nx.read_graphml(write_graphml(ds, pathlib.Path(tempfile.mkdtemp()) / "mine.graphml"))
    >>> G.number_of_nodes(), G.nodes["FIN"]["ccode"], G.graph["partnergraph_generator"]
    (3, 375, 'partnergraph')
    """
    ds = selection(dataset, as_of=as_of, kinds=kinds)
    return write_atomic(path, _graphml_text(ds))


#: Columns the data contract gives a meaning as text: never typed as numbers, whatever they hold.
_TEXT_COLUMNS = ("kind", "label", "relation", "since", "until", "status", "source", "note")
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def graphml_type(column: pd.Series) -> str:
    """The GraphML type of a column: ``long`` or ``double`` when every value is one, else ``string``.

    A column named as one of the contract's text columns (``kind``, ``label``,
    ``relation``, ``since``, ``until``, ``status``, ``source``, ``note``) is
    ``string`` whatever it holds. A column of a numeric dtype is ``long`` when
    its dtype is an integer one, else ``double``. Otherwise the values are read
    as text: ``long`` when each is a whole number of at most 18 digits without
    leading zeros (so ``007`` keeps its zeros as text), ``double`` when each is
    a decimal number, ``string`` otherwise or when the column is empty. Missing
    values do not count.

    Parameters
    ----------
    column : pandas.Series
        A node or edge column, named.

    Returns
    -------
    str
        ``"boolean"`` (a bool column, written ``true``/``false``), ``"long"``,
        ``"double"`` or ``"string"``.

    Raises
    ------
    Nothing: a column of any content has a type.

    Examples
    --------
    >>> graphml_type(pd.Series(["2", "710", None])), graphml_type(pd.Series(["2.5", "1e3"]))
    ('long', 'double')
    >>> graphml_type(pd.Series(["002"])), graphml_type(pd.Series(["2"], name="label"))
    ('string', 'string')
    >>> graphml_type(pd.Series([True, False]))
    'boolean'
    """
    if column.name in _TEXT_COLUMNS:
        return "string"
    values = column.dropna()
    if pd.api.types.is_bool_dtype(column):  # bool is numeric to pandas; GraphML has a type of its own for it
        return "boolean"
    if pd.api.types.is_numeric_dtype(column):
        return "long" if pd.api.types.is_integer_dtype(column) else "double"
    texts = pd.unique(values.astype(str))
    if not len(texts):
        return "string"
    if all(_INTEGER.fullmatch(t) for t in texts):
        return "long"
    if all(_NUMBER.fullmatch(t) for t in texts):
        return "double"
    return "string"


def _xml_text(value) -> str:
    """A value as XML element content (a carriage return kept as a character reference)."""
    from xml.sax.saxutils import escape

    return escape(str(value), {"\r": "&#13;"})


def _graphml_text(ds) -> Iterator[str]:
    nodes, edges = ds.nodes, ds.edges
    node_columns = {c: c for c in nodes.columns if c != "id"}
    edge_columns = {c: ("data_id" if c == "id" else c) for c in edges.columns if c not in ("u", "v")}
    yield ('<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/'
           'xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n')
    meta = {f"partnergraph_{k}": "" if v is None else str(v) for k, v in metadata(ds).items()}
    for i, name in enumerate(meta):
        yield f'  <key id="g{i}" for="graph" attr.name={_xml_attr(name)} attr.type="string"/>\n'
    for kind, table, columns, prefix in (("node", nodes, node_columns, "n"), ("edge", edges, edge_columns, "e")):
        for i, (column, name) in enumerate(columns.items()):
            yield (f'  <key id="{prefix}{i}" for="{kind}" attr.name={_xml_attr(name)} '
                   f'attr.type="{graphml_type(table[column])}"/>\n')
    yield '  <graph id="G" edgedefault="undirected">\n'
    for i, value in enumerate(meta.values()):
        yield f'    <data key="g{i}">{_xml_text(value)}</data>\n'

    def data(table: pd.DataFrame, columns: dict, prefix: str) -> np.ndarray:
        from partnergraph.columns import per_distinct

        out = np.full(len(table), "", dtype=object)
        for i, column in enumerate(columns):
            cells = table[column]
            if pd.api.types.is_bool_dtype(cells):  # XML Schema's boolean: true or false
                cells = cells.astype(object).where(cells.notna(), None).map(
                    lambda x: None if x is None else ("true" if x else "false"))
            elif pd.api.types.is_numeric_dtype(cells):  # weight: its shortest exact text
                cells = cells.astype(object).where(cells.notna(), None).map(lambda x: None if x is None else repr(x))
            out += per_distinct(cells, lambda v, i=i: "" if is_missing(v) else f'<data key="{prefix}{i}">{_xml_text(v)}</data>')
        return out

    elements = partial(_xml_elements, indent="    ")
    yield from counted(elements("<node id=" + _attr_texts(nodes["id"]), data(nodes, node_columns, "n"), "node"),
                       "writing nodes", len(nodes))
    rows = np.arange(len(edges)).astype(str).astype(object)
    opening = '<edge id="e' + rows + '" source=' + _attr_texts(edges["u"]) + " target=" + _attr_texts(edges["v"])
    yield from counted(elements(opening, data(edges, edge_columns, "e"), "edge"), "writing edges", len(edges))
    yield "  </graph>\n</graphml>\n"


def write_json(dataset, path, *, as_of=None, kinds=None) -> Path:
    """Write node-link JSON that networkx (``node_link_graph`` on its defaults), D3 and Cytoscape read as it is.

    Edges hold their endpoints as ``source`` and ``target`` and their row in
    the edge table written as ``key``; the data's ``source`` column (the
    citation) is written as ``citation``, on nodes and edges alike. An edge
    column whose name would clash with those keys (``target`` or ``key``), and
    any column called ``citation``, is written as ``data_<name>``
    (:func:`node_link_names`); the renames are listed under
    ``partnergraph.renamed``, beside the dataset's metadata (:func:`metadata`).
    Empty cells are left out. The file is written a piece at a time, so its
    text is never held in memory whole.

    Parameters
    ----------
    dataset : Dataset
        A dataset (every date) or a snapshot of one.
    path : str or os.PathLike
        The file to write (replaced if it exists).
    as_of : year, month or ISO date, optional
        Write the snapshot on this date instead (:func:`selection`).
    kinds : list of str, optional
        Write only the nodes of these kinds, and the edges between them.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    partnergraph.DateError
        When ``as_of`` is not a date.
    partnergraph.PartnergraphError
        When a kind is not one of the dataset's.
    partnergraph.atomic.OutputError
        When the file cannot be written (:func:`partnergraph.atomic.write_atomic`); nothing is left behind.

    See Also
    --------
    write_cyjs, write_gexf, write_graphml

    Examples
    --------
    >>> import tempfile, pathlib, json, networkx as nx
    >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
    >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
    >>> ds = pg.Dataset(nodes, edges)
    >>> doc = json.loads(write_json(ds.as_of(2020), pathlib.Path(tempfile.mkdtemp()) / "mine.json").read_text())
    >>> G = nx.node_link_graph(doc)
    >>> G.number_of_edges(), doc["edges"][0], doc["partnergraph"]["as_of"]
    (2, {'key': 0, 'relation': 'memberships', 'source': 'FIN', 'target': 'pfp'}, '2020-12-31')
    """
    ds = selection(dataset, as_of=as_of, kinds=kinds)
    return write_atomic(path, _node_link_text(ds))


#: The keys node-link JSON gives its own structure, per table (the citation is written as ``citation``).
_NODE_LINK_KEYS = {"nodes": ("id",), "edges": ("source", "target", "key")}


def node_link_names(ds) -> dict[str, dict[str, str]]:
    """How each table's columns are named in node-link JSON (and cyjs): ``source`` as ``citation``, a column
    whose name the format uses for itself (an edge's ``target`` or ``key``), or ``citation`` itself, as
    ``data_<name>``.

    Parameters
    ----------
    ds : Dataset
        The dataset written.

    Returns
    -------
    dict
        ``{"nodes": {column: name}, "edges": {column: name}}``, every column
        but a node's ``id`` and an edge's ``u`` and ``v``, in table order.

    Raises
    ------
    Nothing: every column gets a name.

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
    >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"],
    ...                       "source": ["https://example.org", None], "key": ["a", "b"]})
    >>> ds = pg.Dataset(nodes, edges)
    >>> node_link_names(ds)["edges"]
    {'relation': 'relation', 'source': 'citation', 'key': 'data_key'}
    """
    names = {}
    for table, frame, own in (("nodes", ds.nodes, ("id",)), ("edges", ds.edges, ("u", "v"))):
        taken = _NODE_LINK_KEYS[table]
        names[table] = {}
        for column in frame.columns:
            if column in own:
                continue
            name = "citation" if column == "source" else column
            if (name in taken or name == "citation") and not (column == "source"):
                name = f"data_{column}"
            names[table][column] = name
    return names


def _node_link_text(ds, rows: int = 20_000) -> Iterator[str]:
    """Node-link JSON, written a piece at a time (see :func:`write_json`).

    Records come straight from the tables, ``rows`` at a time, in table order (an
    edge's ``key`` is its row in ``ds.edges``, as in ``ds.graph``). Empty cells are
    left out, as the graph leaves them out. Memory stays that of one piece,
    whatever the size of the dataset.
    """
    names = node_link_names(ds)
    renamed = {c: n for table in names.values() for c, n in table.items() if c != n}
    records = partial(_json_records, rows=rows)
    array = partial(_json_array, indent=" ")
    yield '{\n "directed": false,\n "edges": ['
    yield from array(counted(records(ds.edges, names["edges"], lambda i, r: {"source": r["u"], "target": r["v"],
                                                                             "key": i}),
                             "writing edges", len(ds.edges)))
    yield ',\n "graph": ' + _dump({"name": ds.name or ""})
    yield ',\n "multigraph": true,\n "nodes": ['
    yield from array(counted(records(ds.nodes, names["nodes"], lambda i, r: {"id": r["id"]}), "writing nodes",
                             len(ds.nodes)))
    yield ',\n "partnergraph": ' + _dump(metadata(ds) | {"renamed": renamed}) + "\n}\n"


_dump = partial(json.dumps, ensure_ascii=False, sort_keys=True, allow_nan=False)


def _json_records(frame: pd.DataFrame, columns: dict, own, rows: int = 20_000, wrap: str | None = None):
    """Each row of ``frame`` as a JSON object: its non-empty cells under their ``columns`` names (columns not
    named there left out), then ``own(row, record)``; inside ``{wrap: ...}`` when given. Read ``rows`` at a time."""
    for start in range(0, len(frame), rows):
        piece = frame.iloc[start:start + rows].to_dict("records")
        for offset, record in enumerate(piece):
            kept = {columns[k]: v for k, v in record.items() if k in columns and not is_missing(v)}
            kept |= own(start + offset, record)
            yield {wrap: kept} if wrap else kept


def _json_array(items, indent: str) -> Iterator[str]:
    """The items of a JSON array, one a line, each ``indent`` deeper than the closing bracket."""
    sep = "\n " + indent
    for item in items:
        yield sep + _dump(item)
        sep = ",\n " + indent
    yield "\n" + indent + "]"


def write_cyjs(dataset, path, *, as_of=None, kinds=None) -> Path:
    """Write Cytoscape JSON (``.cyjs``): what Cytoscape desktop imports and ``cytoscape({elements})`` draws.

    Each node's and edge's non-empty cells are its ``data``. A node also has
    ``name`` (its label, or its id when it has none: what Cytoscape shows) and
    ``value`` (its id, for networkx's ``cytoscape_graph``); an edge has its
    ends as ``source`` and ``target``, its row in the edge table written as
    ``key``, and as ``id`` ``e`` and that row (``e_`` and the row if a node's
    id has that form already, and so on: Cytoscape keeps node and edge ids in
    one namespace). Columns are named as in node-link JSON
    (:func:`node_link_names`: the citation as ``citation``); a column that
    would clash with those keys (a node column named ``name`` or ``value``, an
    edge column named ``id``), or a node column named ``parent`` (which
    Cytoscape reads as a compound node's parent), is written as
    ``data_<name>``. The dataset's metadata is the graph's ``data``.

    Parameters
    ----------
    dataset : Dataset
        A dataset (every date) or a snapshot of one.
    path : str or os.PathLike
        The file to write (replaced if it exists).
    as_of : year, month or ISO date, optional
        Write the snapshot on this date instead (:func:`selection`).
    kinds : list of str, optional
        Write only the nodes of these kinds, and the edges between them.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    partnergraph.DateError
        When ``as_of`` is not a date.
    partnergraph.PartnergraphError
        When a kind is not one of the dataset's.
    partnergraph.atomic.OutputError
        When the file cannot be written (:func:`partnergraph.atomic.write_atomic`); nothing is left behind.

    See Also
    --------
    write_json, write_gexf, write_graphml

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
    >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
    >>> ds = pg.Dataset(nodes, edges)
    >>> doc = json.loads(write_cyjs(ds, pathlib.Path(tempfile.mkdtemp()) / "mine.cyjs").read_text())
    >>> doc["elements"]["edges"][0]["data"]
    {'id': 'e0', 'key': 0, 'relation': 'memberships', 'source': 'FIN', 'target': 'pfp'}
    >>> doc["elements"]["nodes"][0]["data"]
    {'id': 'FIN', 'kind': 'country', 'label': 'Finland', 'name': 'Finland', 'value': 'FIN'}
    """
    ds = selection(dataset, as_of=as_of, kinds=kinds)
    return write_atomic(path, _cyjs_text(ds))


def _cyjs_text(ds, rows: int = 20_000) -> Iterator[str]:
    names = node_link_names(ds)
    taken = {"nodes": ("parent", "name", "value"), "edges": ("id",)}
    names = {table: {c: (f"data_{c}" if n in taken[table] else n) for c, n in columns.items()}
             for table, columns in names.items()}
    renamed = {c: n for table in names.values() for c, n in table.items() if c != n}
    prefix = "e"
    while ds.nodes["id"].str.fullmatch(re.escape(prefix) + r"\d+").any():  # edge ids differ from every node id
        prefix += "_"
    elements = partial(_json_records, rows=rows, wrap="data")
    array = partial(_json_array, indent="  ")
    graph = {"name": ds.name or "", "title": ds.full.title, "partnergraph": metadata(ds) | {"renamed": renamed}}

    def node(i, r):  # name: what Cytoscape shows by default; value: the node for networkx's cytoscape_graph
        return {"id": r["id"], "name": r["id"] if is_missing(r.get("label")) else r["label"], "value": r["id"]}

    yield '{\n "data": ' + _dump(graph) + ',\n "directed": false,\n "elements": {\n  "nodes": ['
    yield from array(counted(elements(ds.nodes, names["nodes"], node), "writing nodes", len(ds.nodes)))
    yield ',\n  "edges": ['
    yield from array(counted(elements(ds.edges, names["edges"], lambda i, r: {
        "id": f"{prefix}{i}", "source": r["u"], "target": r["v"], "key": i}), "writing edges", len(ds.edges)))
    yield '\n },\n "format_version": "1.0",\n "generated_by": "partnergraph",\n "multigraph": true,\n' \
          ' "target_cytoscapejs_version": "~3.0"\n}\n'


def write_xlsx(dataset, path, *, as_of=None, kinds=None) -> Path:
    """Write an Excel workbook: a sheet ``nodes`` and one sheet per relation, the tables of the CSV folder.

    ``--data book.xlsx`` (``pg.load``) reads it back to the same dataset, and
    pandas and LibreOffice open it as it is. Text stays text (an id ``007``, a
    year, a cell that starts with ``=``); a weight is a number. The metadata of
    ``datapackage.json`` (declared coverage, statuses) has no place in a
    workbook: export ``--format csv`` to keep it.

    Parameters
    ----------
    dataset : Dataset
        A dataset (every date) or a snapshot of one.
    path : str or os.PathLike
        The file to write (replaced if it exists).
    as_of : year, month or ISO date, optional
        Write the snapshot on this date instead (:func:`selection`).
    kinds : list of str, optional
        Write only the nodes of these kinds, and the edges between them.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    partnergraph.DateError
        When ``as_of`` is not a date.
    partnergraph.PartnergraphError
        When a kind is not one of the dataset's; when a relation is named ``nodes`` (in any case); or when a
        relation's name cannot be a sheet name (more than 31 characters, one of ``[ ] : * ? / \\``, or a quote
        at either end). Nothing is written then.
    partnergraph.atomic.OutputError
        When the file cannot be written (:func:`partnergraph.atomic.write_atomic`); nothing is left behind.

    See Also
    --------
    write_csv_folder : The same tables, with the metadata.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
    >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
    >>> ds = pg.Dataset(nodes, edges)
    >>> out = write_xlsx(ds, pathlib.Path(tempfile.mkdtemp()) / "mine.xlsx")
    >>> pd.read_excel(out, sheet_name=None, dtype=str)["memberships"].values.tolist()
    [['FIN', 'pfp'], ['SWE', 'pfp']]
    """
    from partnergraph.tables import workbook_bytes

    ds = selection(dataset, as_of=as_of, kinds=kinds)
    tables = _tables(ds)
    for name in tables:
        if len(name) > 31 or re.search(r"[\[\]:*?/\\]", name) or name.startswith("'") or name.endswith("'"):
            raise PartnergraphError(f"relation {name!r} cannot be a sheet name (at most 31 characters, none of "
                                    f"[ ] : * ? / \\, no quote at either end): export --format csv instead")
    return write_atomic(path, workbook_bytes(tables, exact=True))


def write_csv_folder(dataset, folder, *, as_of=None, kinds=None, check=None) -> Path:
    """Write a data folder (nodes.csv, one edge file per relation, datapackage.json) that loads back to the same
    Dataset.

    datapackage.json keeps the dataset's own descriptor (title, sources,
    coverage, inactive statuses...) and describes each file with a Table Schema
    (:func:`descriptor`).

    The folder must not exist yet, or be empty; it is written beside itself
    under a temporary name and renamed when complete. ``check``, if given, is
    called with the written folder before the rename (an importer loads it
    back): when it raises, nothing is left behind.

    Parameters
    ----------
    dataset : Dataset
        A dataset (every date) or a snapshot of one.
    folder : str or os.PathLike
        The folder to make; its parent must exist.
    as_of : year, month or ISO date, optional
        Write the snapshot on this date instead (:func:`selection`).
    kinds : list of str, optional
        Write only the nodes of these kinds, and the edges between them.
    check : callable, optional
        Called with the path of the complete temporary folder, before the rename.

    Returns
    -------
    pathlib.Path
        The folder written.

    Raises
    ------
    partnergraph.DateError
        When ``as_of`` is not a date.
    partnergraph.PartnergraphError
        When a kind is not one of the dataset's, or a relation is named ``nodes`` (in any case).
    partnergraph.atomic.OutputError
        When ``folder`` exists and is not an empty folder, is a symbolic link, or its parent is not a folder; or
        when the disk refuses (any :class:`OSError` while writing, ``check``'s too).
    Exception
        Whatever else ``check`` raises, as it raised it.

    See Also
    --------
    write_xlsx : The same tables in a workbook.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
    >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
    >>> ds = pg.Dataset(nodes, edges)
    >>> out = write_csv_folder(ds, pathlib.Path(tempfile.mkdtemp()) / "copy")
    >>> sorted(p.name for p in out.iterdir()), len(pg.load(out).edges)
    (['datapackage.json', 'memberships.csv', 'nodes.csv'], 2)
    """
    ds = selection(dataset, as_of=as_of, kinds=kinds)
    target = Path(folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise OutputError(f"{target} exists and is not an empty folder; choose a new folder for the export")
    if not target.parent.is_dir():
        raise OutputError(f"cannot write {target}: no such folder {target.parent}")
    if target.is_symlink():
        raise OutputError(f"will not write {target}: it is a symbolic link (partnergraph never writes through one)")
    try:
        tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    except OSError as err:
        raise OutputError(f"cannot write {target}: {err.strerror or err}") from None
    try:
        os.chmod(tmp, default_mode(folder=True))  # mkdtemp makes it private; a folder the user makes is not
        _write_tables(ds, tmp)
        for written in tmp.iterdir():
            os.chmod(written, default_mode())
        if check is not None:
            check(tmp)
        if target.exists():
            target.rmdir()
        os.replace(tmp, target)
    except BaseException as err:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(err, OutputError):  # already says what went wrong (a check of the written files, say)
            raise
        if isinstance(err, OSError):
            raise OutputError(f"cannot write {target}: {err.strerror or err}") from None
        raise
    return target


def _cells(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as text: missing values empty; whole-number weights as written numbers (2.0 -> 2.0)."""
    return frame.astype(object).where(frame.notna(), "")


def _tables(ds) -> dict[str, pd.DataFrame]:
    """The dataset as the contract's tables: ``nodes``, then one per relation with its kinds as headers."""
    relations = ds.relations
    if "nodes" in set(relations["relation"].str.lower()):
        raise PartnergraphError("a relation named 'nodes' cannot be written: nodes is the node table")
    seen: dict[str, str] = {}
    for name in relations["relation"].astype(str):
        # a relation becomes a file (or sheet) name: it may not reach another folder, hide, or clash with another
        unsafe = name.startswith((".", "~")) or re.search(r"[/\\\x00-\x1f]", name)
        if not name.strip() or name != name.strip() or unsafe:
            raise PartnergraphError(f"relation {name!r} cannot be a file name (no slash, no leading dot or tilde, "
                                    f"no control character, no space at either end); rename it before exporting")
        other = seen.setdefault(name.casefold(), name)
        if other != name:
            raise PartnergraphError(f"relations {other!r} and {name!r} differ only in case: their files would clash "
                                    f"(the loader reads file names case-insensitively); rename one before exporting")
    tables = {"nodes": ds.nodes}
    edges = ds.edges
    other = [c for c in edges.columns if c not in ("relation", "u", "v")]
    columns = _columns_per_relation(edges, list(relations["relation"]), other)
    for rel in relations.itertuples(index=False):
        table = edges.loc[edges["relation"] == rel.relation, ["u", "v", *columns[rel.relation]]]
        if rel.u_kind == rel.v_kind:  # same kind on both ends: headers repeat
            table = table.set_axis([rel.u_kind, rel.v_kind, *columns[rel.relation]], axis=1)
        else:
            table = table.rename(columns={"u": rel.u_kind, "v": rel.v_kind})
        tables[rel.relation] = table
    return tables


def _columns_per_relation(edges: pd.DataFrame, relations: list[str], other: list[str]) -> dict[str, list[str]]:
    """The edge columns each relation's table holds: all of ``other``, less those empty in every row of that
    relation but filled in another (a file of empty columns reads back the same, with a warning per column), as
    long as the tables, read in file-name order or in the order given, give the edges their columns in the same
    order again (the loader orders extra columns by first appearance).

    >>> e = pd.DataFrame({"relation": ["a", "b"], "note": ["x", None], "extra": [None, "y"]})
    >>> _columns_per_relation(e, ["a", "b"], ["note", "extra"])
    {'a': ['note'], 'b': ['extra']}
    """
    from partnergraph.contract import FIXED_COLUMNS

    filled = {r: {c for c in other if edges.loc[edges["relation"] == r, c].notna().any()} for r in relations}
    anywhere = set().union(*filled.values()) if filled else set()
    kept = {r: [c for c in other if c in filled[r] or c not in anywhere] for r in relations}
    extras = [c for c in other if c not in FIXED_COLUMNS]
    for order in (relations, sorted(relations, key=lambda r: f"{r}.csv")):
        seen = [c for r in order for c in kept[r] if c in extras]
        if list(dict.fromkeys(seen)) != extras:  # the order would change on loading: every table keeps all
            return {r: list(other) for r in relations}
    return kept


def _write_tables(ds, folder: Path) -> None:
    for name, table in _tables(ds).items():
        (folder / f"{name}.csv").write_text(csv_text(_cells(table)), encoding="utf-8", newline="")
    text = json.dumps(descriptor(ds), ensure_ascii=False, indent=2, sort_keys=False, allow_nan=False) + "\n"
    (folder / "datapackage.json").write_text(text, encoding="utf-8", newline="\n")


def descriptor(dataset) -> dict:
    """The data package descriptor (datapackage.json) of a folder :func:`write_csv_folder` writes.

    The whole dataset's own descriptor, kept as it was read (title,
    description, version, licenses, sources, the ``partnergraph`` block with
    ``coverage`` and ``inactive_statuses``), a ``name`` and ``title`` added if
    it has none, and its ``resources`` replaced by a list describing nodes.csv
    and each edge file (a Table Schema per file: ``weight`` a number, the rest
    text; an edge file whose two ends are of one kind, ``country,country``, has
    its header described as a comment row and its second field named
    ``country_2``, since a Table Schema's names must differ). An export of one
    date records it as ``partnergraph.as_of``. ``frictionless validate`` passes.

    Parameters
    ----------
    dataset : Dataset
        The dataset written (after :func:`selection`), or a snapshot of one.

    Returns
    -------
    dict
        A new dict; the dataset's ``meta`` is left as it was.

    Raises
    ------
    Nothing for a loaded dataset: the descriptor is built from what it holds (a ``meta`` made by hand must be
    JSON, with ``partnergraph`` a dict if present).

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
    >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
    >>> ds = pg.Dataset(nodes, edges, name="Nordic ties")
    >>> d = descriptor(ds.as_of(2020))
    >>> d["name"], [r["path"] for r in d["resources"]], d["partnergraph"]
    ('nordic-ties', ['nodes.csv', 'memberships.csv'], {'as_of': '2020-12-31'})
    """
    ds = dataset
    meta = json.loads(json.dumps(ds.full.meta))  # a deep copy
    meta.pop("resources", None)
    meta.setdefault("name", _slug(ds.full.name or "dataset"))
    meta.setdefault("title", ds.full.title)
    block = meta.setdefault("partnergraph", {})
    if ds.date is not None:
        block["as_of"] = ds.date.isoformat()
    else:
        block.pop("as_of", None)

    def resource(name, path, columns):
        fields = [{"name": str(c), "type": "number" if c == "weight" else "string"} for c in columns]
        out = {"name": _slug(name), "path": path, "profile": "tabular-data-resource", "format": "csv",
               "mediatype": "text/csv", "encoding": "utf-8", "schema": {"fields": fields}}
        if len(columns) > 1 and columns[0] == columns[1]:
            # both ends of one kind: the header names the kind twice, which a Table Schema cannot; the header row
            # is described as a comment row and the fields named by position (``country``, ``country_2``)
            second = f"{columns[1]}_2"
            while second in columns:
                second += "_2"
            fields[1]["name"] = second
            out["dialect"] = {"header": False, "commentRows": [1]}
        return out

    resources = [resource("nodes", "nodes.csv", list(ds.nodes.columns))]
    other = [c for c in ds.edges.columns if c not in ("relation", "u", "v")]
    columns = _columns_per_relation(ds.edges, list(ds.relations["relation"]), other)  # as the tables hold them
    for rel in ds.relations.itertuples(index=False):
        resources.append(resource(rel.relation, f"{rel.relation}.csv",
                                  [rel.u_kind, rel.v_kind, *columns[rel.relation]]))
    meta["resources"] = resources
    return meta


def _slug(text: str) -> str:
    """A Data Package name: lowercase letters, digits, '-', '_' and '.'."""
    return re.sub(r"[^a-z0-9._-]+", "-", str(text).lower()).strip("-") or "data"
