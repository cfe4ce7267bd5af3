"""Property: any text the loader accepts comes out of every writer well-formed, and reads back.

Random Unicode (line breaks, carriage returns, tabs, U+2028/2029, quotes, markup, formula starts, right-to-left
marks, emoji) goes into ids, labels and notes; the dataset then goes through the CSV folder, node-link JSON,
GEXF, GraphML, SVG, the HTML page and the terminal table, and each output is read back with its own reader.
"""
import json
import re
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings, strategies as st
import pytest

import partnergraph as pg
from partnergraph.export import network_map, static_map, write_csv_folder, write_gexf, write_graphml, write_json
from partnergraph.tables import render
from partnergraph.reader import _FORBIDDEN
from conftest import gexf_schema_errors

#: Slow: many examples or many processes; `pytest -m "not slow"` leaves it out, CI runs it.
pytestmark = pytest.mark.slow

SPICE = ["\n", "\r", "\r\n", "\t", "\u2028", "\u2029", '"', "'", "<", ">", "&", "</script>", "=", "+", "-", "@",
         ",", ";", "\u200f", "\U0001f600", "$", "\\", " "]
TEXT = st.lists(st.one_of(st.sampled_from(SPICE), st.text(min_size=1, max_size=3)), min_size=1, max_size=6).map(
    "".join).filter(lambda t: not _FORBIDDEN.search(t) and t.strip() and "\x00" not in t)
ID = TEXT.filter(lambda t: t == t.strip(" \r\n") and "\n" not in t and "\r" not in t)


def quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


def lines(text: str) -> str:
    """XML readers turn every line ending into a line feed: compare text the same way."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
@given(a=ID, b=ID, label_a=TEXT, label_b=TEXT, note=TEXT)
def test_every_writer_reads_back_any_accepted_text(a, b, label_a, label_b, note):
    if a == b:
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = tmp / "d"
        folder.mkdir()
        (folder / "nodes.csv").write_text(
            "id,kind,label\n" + "\n".join(",".join(map(quoted, row)) for row in (
                (a, "country", label_a), (b, "framework", label_b))) + "\n", encoding="utf-8", newline="")
        (folder / "memberships.csv").write_text(
            "country,framework,since,note\n" + ",".join(map(quoted, (a, b, "2000", note))) + "\n",
            encoding="utf-8", newline="")
        assert [p for p in pg.validate(folder) if p.is_error] == []
        ds = pg.load(folder)
        assert ds.nodes["label"].tolist() == [label_a.strip(" \r\n") or a, label_b.strip(" \r\n") or b]

        # CSV folder: loads back to the same tables
        back = pg.load(write_csv_folder(ds, tmp / "copy"))
        assert back.nodes.equals(ds.nodes) and back.edges.equals(ds.edges)
        # node-link JSON
        doc = json.loads(write_json(ds, tmp / "g.json").read_text(encoding="utf-8"))
        assert sorted(n["id"] for n in doc["nodes"]) == sorted([a, b])
        assert [e["note"] for e in doc["edges"]] == ds.edges["note"].tolist()
        # GEXF and GraphML: well-formed XML that networkx reads back
        G = nx.read_gexf(write_gexf(ds, tmp / "g.gexf"))
        assert gexf_schema_errors(tmp / "g.gexf") == []
        assert sorted(G.nodes) == sorted(lines(x) for x in (a, b))
        H = nx.read_graphml(write_graphml(ds, tmp / "g.graphml"))
        assert sorted(lines(H.nodes[n]["label"]) for n in H) == sorted(lines(x) for x in ds.nodes["label"])
        # SVG: well-formed
        ET.fromstring(static_map(ds, as_of=2000).to_bytes("svg"))
        # the page: its data block parses and holds every label as written; no markup from the data
        page = network_map(ds).html()
        block = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', page, re.S).group(1)
        data = json.loads(block)
        assert sorted(n["label"] for n in data["nodes"]) == sorted(ds.nodes["label"])
        assert sorted(n["pgId"] for n in data["nodes"]) == sorted([a, b])
        assert page.count("</script>") == 4  # the inlined library, two data blocks, the page's script: none from the data
        # the terminal table: one line per row, no control character left
        table = render(pg.members(ds, b, history=True), "table").decode("utf-8")
        assert len(table.splitlines()) == 2 and not re.search("[\x00-\x09\x0b-\x1f\x7f\u2028\u2029]", table)


CELL = st.one_of(st.none(), st.lists(st.one_of(st.sampled_from(SPICE + ["\x00"]), st.text(max_size=3)),
                                     max_size=4).map("".join))


@settings(max_examples=300, deadline=None, derandomize=True)
@given(columns=st.lists(st.lists(CELL, min_size=3, max_size=3), min_size=1, max_size=3), neutral=st.booleans())
def test_query_csv_cells_read_back_as_written_whatever_the_column_holds(columns, neutral):
    """Plain columns are written as they are and others cell by cell: either way each cell reads back as its text
    (missing: empty), a formula-like one with a leading ' when neutralised. (A row of one empty cell is an empty
    line, which the csv module reads as no cell.)"""
    import csv
    import io

    import pandas as pd

    from partnergraph.tables import _runs_as_formula, csv_text

    frame = pd.DataFrame({f"c{i}": pd.Series(col, dtype=object) for i, col in enumerate(columns)})
    rows = [r or [""] for r in csv.reader(io.StringIO(csv_text(frame, neutralise=neutral), newline=""))]
    want = [["" if v is None else ("'" + v if neutral and _runs_as_formula(v) else v) for v in row]
            for row in zip(*columns)]
    assert rows == [list(frame.columns)] + want
