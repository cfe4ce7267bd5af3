"""Exports for other tools: GEXF (Gephi), GraphML (igraph, Cytoscape), node-link JSON, Cytoscape JSON, and a CSV
data folder.

Every writer is deterministic (the same data gives the same bytes on any day)
and atomic (a temporary file or folder, then a rename). By default a writer
exports every edge of every date, each with its window, so nothing is lost;
``as_of`` exports the snapshot on that date instead, ``kinds`` keeps only nodes
of those kinds.
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
from partnergraph.dataset import Dataset, _missing
from partnergraph.errors import PartnergraphError
from partnergraph.tables import csv_text

__all__ = ["selection", "write_gexf", "write_graphml", "write_json", "write_cyjs", "write_xlsx", "write_csv_folder",
           "metadata",
           "descriptor", "node_link_names", "graphml_type"]


def selection(dataset, *, as_of=None, kinds=None) -> Dataset:
    """The part of a dataset an export writes: every date (or the snapshot ``as_of``), only ``kinds``.

    Examples
    --------
    >>> len(selection(pg.load(), kinds=["country", "framework"]).nodes)
    75
    """
    ds = dataset.full.as_of(as_of) if as_of is not None else dataset
    if kinds:
        kinds = [k.strip() for k in kinds if k and k.strip()]
        kinds = [ds.require_kind(k) for k in kinds]
        nodes = ds.nodes[ds.nodes["kind"].isin(kinds)].reset_index(drop=True)
        keep = set(nodes["id"])
        edges = ds.edges[ds.edges["u"].isin(keep) & ds.edges["v"].isin(keep)].reset_index(drop=True)
        relations = ds.relations[ds.relations["relation"].isin(set(edges["relation"])) |
                                 (ds.relations["u_kind"].isin(kinds) & ds.relations["v_kind"].isin(kinds))]
        ds = Dataset(nodes, edges, relations=relations.reset_index(drop=True), name=ds.name, path=ds.path,
                     date=ds.date, full=ds._full, meta=ds.meta)
    return ds


def metadata(dataset) -> dict:
    """What every export says about itself: generator, version, dataset (name and title), content hash,
    as-of date (None when every date is exported) and the declared coverage.

    Examples
    --------
    >>> sorted(metadata(pg.load()))
    ['as_of', 'content_hash', 'coverage', 'dataset', 'generator', 'title', 'version']
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

    Every column is kept as an attribute of its own, named as in the data,
    whatever its name (``id``, ``label``, ``start``, ``key``, ``viz``... are
    attributes like any other; nothing of networkx's leaks in): a node's
    ``label`` is also its GEXF label, an edge's numeric ``weight`` its GEXF
    weight and its relation its GEXF ``kind``. A node's interval is its
    lifetime; an edge's runs over its active window by the one time rule (its
    own ``since``/``until`` cut to both endpoints' lifetimes) to the last day
    before its end (GEXF bounds are inclusive), so Gephi's timeline shows the
    network as partnergraph's snapshots do. The ``lastmodifieddate`` is the
    data's latest date, not today's, so the bytes do not change from day to day.

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> out = write_gexf(pg.load(), pathlib.Path(tempfile.mkdtemp()) / "nato.gexf")
    >>> G = nx.read_gexf(out)
    >>> G.nodes["JPN"]["kind"]
    'country'
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
        out += per_distinct(table[column], lambda v, i=i: "" if _missing(v) else
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

    return per_distinct(column, lambda v: "" if _missing(v) else name + _xml_attr(v)).astype(object)


def write_graphml(dataset, path, *, as_of=None, kinds=None) -> Path:
    """Write GraphML (igraph, Cytoscape, yEd, networkx): every node and edge column, typed.

    A column of numbers is declared as one: ``weight``, and any other column
    whose every value is an integer (``long``) or a number (``double``), such
    as a Correlates of War code; the contract's text columns (kind, label,
    dates, status, source, note) stay text. The dataset's metadata comes first,
    as graph data (``partnergraph_...``), then the nodes, then the edges (each
    with its row in the edge table as its id; an edge column named ``id`` is
    written as ``data_id``).

    Examples
    --------
    >>> import tempfile, pathlib, networkx as nx
    >>> out = write_graphml(pg.load(), pathlib.Path(tempfile.mkdtemp()) / "nato.graphml")
    >>> nx.read_graphml(out).number_of_nodes() == len(pg.load().nodes)
    True
    """
    ds = selection(dataset, as_of=as_of, kinds=kinds)
    return write_atomic(path, _graphml_text(ds))


#: Columns the data contract gives a meaning as text: never typed as numbers, whatever they hold.
_TEXT_COLUMNS = ("kind", "label", "relation", "since", "until", "status", "source", "note")
_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")


def graphml_type(column: pd.Series) -> str:
    """The GraphML type of a column: ``long`` or ``double`` when every value is one, else ``string``.

    >>> graphml_type(pd.Series(["2", "710", None])), graphml_type(pd.Series(["2.5", "1e3"])), graphml_type(pd.Series(["002"]))
    ('long', 'double', 'string')
    """
    if column.name in _TEXT_COLUMNS:
        return "string"
    values = column.dropna()
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
            if pd.api.types.is_numeric_dtype(cells):  # weight: its shortest exact text
                cells = cells.astype(object).where(cells.notna(), None).map(lambda x: None if x is None else repr(x))
            out += per_distinct(cells, lambda v, i=i: "" if _missing(v) else f'<data key="{prefix}{i}">{_xml_text(v)}</data>')
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
    the edge table as ``key``; the data's ``source`` column (the citation) is
    written as ``citation``, on nodes and edges alike. A column whose name
    would clash with those keys (a column called ``target``, ``key`` or
    ``citation``) is written as ``data_<name>``; the renames are listed under
    ``partnergraph.renamed``, beside the dataset's metadata.

    Examples
    --------
    >>> import tempfile, pathlib, json, networkx as nx
    >>> out = write_json(pg.load(), pathlib.Path(tempfile.mkdtemp()) / "nato.json")
    >>> doc = json.loads(out.read_text())
    >>> G = nx.node_link_graph(doc)
    >>> doc["partnergraph"]["renamed"], G.nodes["ici"]["citation"].startswith("https://www.nato.int/")
    ({'source': 'citation'}, True)
    """
    ds = selection(dataset, as_of=as_of, kinds=kinds)
    return write_atomic(path, _node_link_text(ds))


#: The keys node-link JSON gives its own structure, per table (the citation is written as ``citation``).
_NODE_LINK_KEYS = {"nodes": ("id",), "edges": ("source", "target", "key")}


def node_link_names(ds) -> dict[str, dict[str, str]]:
    """How each table's columns are named in node-link JSON (and cyjs): ``source`` as ``citation``, a column
    whose name the format uses for itself (or ``citation`` itself) as ``data_<name>``.

    Examples
    --------
    >>> node_link_names(pg.load())["edges"]["source"]
    'citation'
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
            kept = {columns[k]: v for k, v in record.items() if k in columns and not _missing(v)}
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

    Each node's and edge's columns are its ``data``. A node also has ``name``
    (its label, which Cytoscape shows) and ``value`` (its id, for networkx's
    ``cytoscape_graph``); an edge has its ends as ``source`` and ``target``,
    its row in the edge table as ``key``, and as ``id`` ``e`` and that row
    (``e_`` and the row if a node's id has that form already, and so on:
    Cytoscape keeps node and edge ids in one namespace). Columns are named as
    in node-link JSON (:func:`node_link_names`: the citation as ``citation``);
    a column that would clash with those keys, or a node column named
    ``parent`` (which Cytoscape reads as a compound node's parent), is written
    as ``data_<name>``.

    Examples
    --------
    >>> import tempfile, pathlib, json
    >>> doc = json.loads(write_cyjs(pg.load(), pathlib.Path(tempfile.mkdtemp()) / "nato.cyjs").read_text())
    >>> doc["elements"]["edges"][0]["data"]["id"], sorted(doc["elements"]["nodes"][0]["data"])[:4]
    ('e0', ['citation', 'description', 'id', 'kind'])
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
        return {"id": r["id"], "name": r["id"] if _missing(r.get("label")) else r["label"], "value": r["id"]}

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

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = write_xlsx(pg.load(), pathlib.Path(tempfile.mkdtemp()) / "nato.xlsx")
    >>> pg.load(out).edges.equals(pg.load().edges)
    True
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
    """Write a data folder (nodes.csv, one edge file per relation, datapackage.json) that loads back to the same Dataset.

    datapackage.json keeps the dataset's own descriptor (title, sources,
    coverage, inactive statuses...) and describes each file with a Table Schema.

    The folder must not exist yet, or be empty; it is written beside itself
    under a temporary name and renamed when complete. ``check``, if given, is
    called with the written folder before the rename (an importer loads it
    back): when it raises, nothing is left behind.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> out = write_csv_folder(pg.load(), pathlib.Path(tempfile.mkdtemp()) / "copy")
    >>> pg.load(out).edges.equals(pg.load().edges)
    True
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
        raise OutputError(f"cannot write {target}: {err.strerror}") from None
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
        if isinstance(err, OSError):
            raise OutputError(f"cannot write {target}: {err.strerror}") from None
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

    The dataset's own descriptor, kept as it was read (title, description,
    version, licenses, sources, the ``partnergraph`` block with ``coverage``
    and ``inactive_statuses``), with a ``resources`` list describing nodes.csv
    and each edge file (a Table Schema per file: ``weight`` a number, the rest
    text; an edge file whose two ends are of one kind, ``country,country``, has
    its header described as a comment row and its second field named
    ``country_2``, since a Table Schema's names must differ). An export of one
    date records it as ``partnergraph.as_of``. ``frictionless validate`` passes.

    Examples
    --------
    >>> d = descriptor(pg.load())
    >>> d["title"], [r["path"] for r in d["resources"]][:2]
    ("NATO's partnerships with non-member countries", ['nodes.csv', 'addresses.csv'])
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
