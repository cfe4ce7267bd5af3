"""Exports read back with other tools; deterministic bytes; atomic writes."""
import datetime as dt
import json
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pandas as pd
import pandas.testing as pdt
import pytest
from click.testing import CliRunner

import partnergraph as pg
from partnergraph.cli import cli
from partnergraph.export import (static_map, write_csv_folder, write_cyjs, write_gexf, write_graphml,
                                 write_json, write_xlsx)
from conftest import TINY, TRICKY, gexf_schema_errors, write_folder


@pytest.fixture(scope="module")
def nato():
    return pg.load()


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


# ---- GEXF -------------------------------------------------------------------

def test_gexf_reads_back_with_networkx_with_time_intervals(tiny, tmp_path):
    ds = pg.load(tiny)
    out = write_gexf(ds, tmp_path / "t.gexf")
    G = nx.read_gexf(out)
    assert G.number_of_nodes() == 6 and G.number_of_edges() == 6
    assert G.nodes["FIN"]["kind"] == "country" and G.nodes["FIN"]["label"] == "Finland"
    assert G.nodes["FIN"]["region"] == "Europe"
    windows = sorted((u, v, d.get("start"), d.get("end"), d["relation"]) for u, v, d in G.edges(data=True))
    # GEXF bounds are inclusive: the last day is the day before `until`
    assert ("FIN", "pfp", "1994-01-01", "2023-04-03", "memberships") in windows
    assert ("JPN", "pfp", "2000-01-01", "2002-12-30", "memberships") in windows
    assert ("JPN", "pag", "2014-05-06", None, "memberships") in windows
    root = ET.parse(out).getroot()
    graph = root.find("{http://gexf.net/1.3}graph")
    assert graph.get("mode") == "dynamic" and graph.get("timeformat") == "date"


def test_gexf_is_valid_against_the_official_schema(nato, tiny, tmp_path):
    assert gexf_schema_errors(write_gexf(nato, tmp_path / "nato.gexf")) == []
    assert gexf_schema_errors(write_gexf(nato, tmp_path / "n2010.gexf", as_of=2010, kinds=["country"])) == []
    assert gexf_schema_errors(write_gexf(pg.load(tiny), tmp_path / "tiny.gexf")) == []
    G = nx.read_gexf(tmp_path / "nato.gexf")
    assert (G.number_of_nodes(), G.number_of_edges()) == (len(nato.nodes), len(nato.edges))
    assert "networkx" not in (tmp_path / "nato.gexf").read_text()  # no key of networkx's own leaks in


# names networkx's GEXF writer used for its own structure (a traceback, or the cell swallowed into the file's
# structure: duplicate edge ids, bogus intervals); here they are columns like any other
STRUCTURAL = ["key", "viz", "spells", "id", "type", "start", "end", "pid", "label", "networkx_key"]


def test_gexf_keeps_columns_named_like_gexf_structure_as_attributes(tmp_path):
    extra = [c for c in STRUCTURAL if c not in ("id", "label")]  # nodes.csv has its own id and label
    folder = write_folder(tmp_path / "d", {
        "nodes.csv": "id,kind,label," + ",".join(extra) + "\nA,state,Alpha," + ",".join(f"n-{c}" for c in extra)
                     + "\nB,alliance,Beta," + ",".join("" for _ in extra) + "\n",
        "joins.csv": "state,alliance,since,until,weight," + ",".join(STRUCTURAL) + "\nA,B,1990,2000,2.5,"
                     + ",".join(f"e-{c}" for c in STRUCTURAL) + "\nA,B,2005,,," + ",".join("" for _ in STRUCTURAL)
                     + "\n"})
    out = write_gexf(pg.load(folder), tmp_path / "x.gexf")
    assert gexf_schema_errors(out) == []
    ns = {"g": "http://gexf.net/1.3"}
    root = ET.parse(out).getroot()
    titles = {kind: {a.get("id"): a.get("title") for a in root.findall(f"g:graph/g:attributes[@class='{kind}']/g:attribute", ns)}
              for kind in ("node", "edge")}
    node = root.find("g:graph/g:nodes/g:node[@id='A']", ns)
    assert (node.get("label"), node.get("start"), node.get("end"), node.get("pid")) == ("Alpha", None, None, None)
    assert {titles["node"][v.get("for")]: v.get("value") for v in node.iter(f"{{{ns['g']}}}attvalue")} == {
        "kind": "state", **{c: f"n-{c}" for c in extra}}
    first, second = root.findall("g:graph/g:edges/g:edge", ns)
    # the edge's own structure comes from the data's meaning, not from its columns' names
    assert (first.get("id"), first.get("source"), first.get("target"), first.get("kind"), first.get("start"),
            first.get("end")) == ("0", "A", "B", "joins", "1990-01-01", "2000-12-30")
    assert (second.get("id"), second.get("start"), second.get("end")) == ("1", "2005-01-01", None)
    assert (first.get("weight"), second.get("weight")) == ("2.5", None)  # a weight is the edge's GEXF weight
    values = {titles["edge"][v.get("for")]: v.get("value") for v in first.iter(f"{{{ns['g']}}}attvalue")}
    assert values == {"relation": "joins", "since": "1990", "until": "2000", **{c: f"e-{c}" for c in STRUCTURAL}}
    assert len(list(second.iter(f"{{{ns['g']}}}attvalue"))) == 2  # relation and since: empty cells left out


def test_gexf_does_not_stamp_today(tiny, tmp_path):
    text = write_gexf(pg.load(tiny), tmp_path / "t.gexf").read_text()
    assert 'lastmodifieddate="2024-12-31"' in text  # the data's latest date
    assert dt.date.today().isoformat() not in text


def test_gexf_snapshot_and_kinds(nato, tmp_path):
    G = nx.read_gexf(write_gexf(nato, tmp_path / "n.gexf", as_of=2010, kinds=["country", "framework"]))
    assert {d["kind"] for _, d in G.nodes(data=True)} == {"country", "framework"}
    assert G.number_of_edges() == int((nato.as_of(2010).edges["relation"] == "memberships").sum())


# ---- GraphML (igraph) -------------------------------------------------------

def test_graphml_reads_back_with_igraph(nato, tmp_path):
    import igraph

    out = write_graphml(nato, tmp_path / "n.graphml")
    g = igraph.Graph.Read_GraphML(str(out))
    assert (g.vcount(), g.ecount()) == (len(nato.nodes), len(nato.edges))
    by_id = {v["id"]: v for v in g.vs}
    assert by_id["JPN"]["kind"] == "country" and by_id["JPN"]["label"] == "Japan"
    assert by_id["pfp"]["since"] == "1994-01-10"
    relations = sorted(set(g.es["relation"]))
    assert relations == ["addresses", "covers", "memberships", "offers", "part_of", "participates"]
    finland = [e for e in g.es if {g.vs[e.source]["id"], g.vs[e.target]["id"]} == {"FIN", "pfp"}]
    assert [(e["since"], e["until"], e["status"]) for e in finland] == [("1994", "2023-04-04", "joined-nato")]
    assert g["partnergraph_content_hash"] == nato.content_hash()


def test_graphml_declares_numeric_columns_as_numbers_for_igraph_and_networkx(tmp_path):
    import igraph

    ds = pg.load(write_folder(tmp_path / "w", {
        "nodes.csv": "id,kind,label,cow,score,code\nx,state,X,2,0.5,001\ny,state,Y,710,1e3,2\nz,state,Z,,,\n"
                     "a,pact,A,,,\n",
        "links.csv": "state,pact,since,weight,id,rank\nx,a,1990,2.5,p,1\ny,a,2000,,q,-3\nz,a,2001,1,,\n"}))
    out = write_graphml(ds, tmp_path / "w.graphml")
    text = out.read_text()
    assert text.index('<data key="g0">') < text.index("<node ")  # the graph's data before the nodes
    G = nx.read_graphml(out)
    assert (G.nodes["x"]["cow"], G.nodes["y"]["score"], G.nodes["x"]["code"]) == (2, 1000.0, "001")
    assert "cow" not in G.nodes["z"]
    assert [(u, v, d.get("weight"), d.get("rank"), d.get("data_id"), d["since"]) for u, v, d in G.edges(data=True)] \
        == [("x", "a", 2.5, 1, "p", "1990"), ("y", "a", None, -3, "q", "2000"), ("z", "a", 1.0, None, None, "2001")]
    g = igraph.Graph.Read_GraphML(str(out))
    by_id = {v["id"]: v for v in g.vs}
    assert (by_id["y"]["cow"], by_id["x"]["score"], by_id["y"]["code"]) == (710.0, 0.5, "2")
    assert isinstance(by_id["y"]["cow"], float) and isinstance(by_id["y"]["code"], str)
    assert [w if w == w else None for w in g.es["weight"]] == [2.5, None, 1.0]  # igraph's missing number: NaN
    assert g.es["since"] == ["1990", "2000", "2001"]  # dates stay text, even when every one is a year


# ---- JSON -------------------------------------------------------------------

def test_json_node_link_with_metadata(nato, tmp_path):
    doc = json.loads(write_json(nato, tmp_path / "n.json").read_text())
    assert doc["partnergraph"] == {"generator": "partnergraph", "version": pg.__version__, "dataset": "nato",
                                   "title": nato.title, "content_hash": nato.content_hash(), "as_of": None,
                                   "coverage": nato.coverage_text(), "renamed": {"source": "citation"}}
    G = nx.node_link_graph(doc)  # networkx's defaults: edges, source, target, key
    assert G.is_multigraph() and G.number_of_edges() == len(nato.edges)
    assert G.nodes["ici"]["label"] == "Istanbul Cooperation Initiative"
    assert G.nodes["ici"]["citation"] == nato.nodes.set_index("id").loc["ici", "source"]
    first = nato.edges.iloc[0]
    assert G.edges[first["u"], first["v"], 0]["citation"] == first["source"]  # the citation beside the endpoints
    assert all(d["citation"].startswith("http") for _, _, d in G.edges(data=True))
    assert sorted(nx.get_edge_attributes(G, "relation").values()) == sorted(nato.edges["relation"])


def test_json_renames_columns_that_clash_with_node_link_keys(tmp_path):
    folder = write_folder(tmp_path / "d", {
        "joins.csv": "state,alliance,since,source,target,key,citation,note\nA,B,1990,http://s,t1,k1,c1,n1\n"
                     "A,B,2000,,t2,,,\n"})
    doc = json.loads(write_json(pg.load(folder), tmp_path / "x.json").read_text())
    assert doc["partnergraph"]["renamed"] == {"source": "citation", "target": "data_target", "key": "data_key",
                                              "citation": "data_citation"}
    assert doc["edges"][0] == {"source": "A", "target": "B", "key": 0, "relation": "joins", "since": "1990",
                               "citation": "http://s", "data_target": "t1", "data_key": "k1", "data_citation": "c1",
                               "note": "n1"}
    assert doc["edges"][1] == {"source": "A", "target": "B", "key": 1, "relation": "joins", "since": "2000",
                               "data_target": "t2"}
    G = nx.node_link_graph(doc)
    assert G.edges["A", "B", 0]["data_target"] == "t1" and G.edges["A", "B", 1]["data_target"] == "t2"


# ---- Cytoscape JSON ---------------------------------------------------------

CYTOSCAPE = Path(__file__).parent / "vendor" / "cytoscape" / "cytoscape.min.js"

READ_WITH_CYTOSCAPE = """
const cytoscape = require(process.argv[1]);
const doc = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const cy = cytoscape({ headless: true, elements: doc.elements });
console.log(JSON.stringify({
  nodes: cy.nodes().map(n => ({ data: n.data(), parent: n.isChild() ? n.parent().id() : null })),
  edges: cy.edges().map(e => ({ data: e.data(), ends: [e.source().id(), e.target().id()] })),
}));
"""


def read_with_cytoscape(path) -> dict:
    """What Cytoscape.js (vendored under tests/vendor, run headless under Node) makes of a .cyjs file."""
    import subprocess

    done = subprocess.run(["node", "-e", READ_WITH_CYTOSCAPE, str(CYTOSCAPE), str(path)], capture_output=True,
                          text=True, check=True)
    assert done.stderr == ""  # Cytoscape.js warns on stderr about an edge to a missing node, a duplicate id...
    return json.loads(done.stdout)


@pytest.mark.slow
def test_cyjs_reads_in_cytoscape_js_with_every_node_edge_and_citation(nato, tmp_path):
    result = run("export", "-o", tmp_path / "nato.cyjs")
    assert result.exit_code == 0
    read = read_with_cytoscape(tmp_path / "nato.cyjs")
    assert len(read["nodes"]) == len(nato.nodes) and len(read["edges"]) == len(nato.edges)
    first = nato.edges.iloc[0]
    assert read["edges"][0]["ends"] == [first["u"], first["v"]]
    assert read["edges"][0]["data"]["citation"] == first["source"]
    assert read["edges"][0]["data"]["relation"] == first["relation"]
    ici = next(n["data"] for n in read["nodes"] if n["data"]["id"] == "ici")
    assert ici["label"] == "Istanbul Cooperation Initiative" and ici["citation"].startswith("https://www.nato.int/")
    doc = json.loads((tmp_path / "nato.cyjs").read_text())
    G = nx.cytoscape_graph(doc)  # networkx's reader, on its defaults, agrees
    assert G.is_multigraph() and (G.number_of_nodes(), G.number_of_edges()) == (len(nato.nodes), len(nato.edges))
    assert G.nodes["ici"]["name"] == "Istanbul Cooperation Initiative"


def test_cyjs_keeps_node_and_edge_ids_apart_and_parent_columns_as_data(tmp_path):
    folder = write_folder(tmp_path / "d", {
        "nodes.csv": "id,kind,label,parent,name\ne0,state,E zero,e1,n\ne1,alliance,E one,,\n",
        "joins.csv": "state,alliance,id,source,target\ne0,e1,x,http://s,t\n"})
    out = write_cyjs(pg.load(folder), tmp_path / "x.cyjs")
    read = read_with_cytoscape(out)
    # "parent" would make e0 a compound child of e1; the edge's id cannot be the node id "e0"
    assert [(n["data"]["id"], n["parent"], n["data"].get("data_parent"), n["data"]["name"], n["data"].get("data_name"))
            for n in read["nodes"]] == [("e0", None, "e1", "E zero", "n"), ("e1", None, None, "E one", None)]
    assert read["edges"] == [{"data": {"id": "e_0", "source": "e0", "target": "e1", "key": 0, "relation": "joins",
                                       "data_id": "x", "citation": "http://s", "data_target": "t"},
                              "ends": ["e0", "e1"]}]


# ---- Excel workbook ---------------------------------------------------------

@pytest.mark.slow
def test_xlsx_loads_back_to_the_same_dataset_and_pandas_reads_every_sheet(nato, tmp_path):
    import pandas as pd

    for ds, name in ((nato, "nato"), (pg.load(write_folder(tmp_path / "t", TRICKY)), "tricky")):
        out = tmp_path / f"{name}.xlsx"
        assert run("export", "--data", ds.path, "-o", out).exit_code == 0
        back = pg.load(out)
        pdt.assert_frame_equal(back.nodes, ds.nodes)
        pdt.assert_frame_equal(back.edges, ds.edges)
        sheets = pd.read_excel(out, sheet_name=None, dtype=str, keep_default_na=False)
        assert list(sheets) == ["nodes", *ds.relations["relation"]]
        assert len(sheets["nodes"]) == len(ds.nodes)
    from openpyxl import load_workbook

    book = load_workbook(tmp_path / "tricky.xlsx")
    # text stays text (an id with leading zeros, a year, a formula-like cell); a weight is a number
    nodes, joins = ([[(c.value, c.data_type) for c in row] for row in book[name].iter_rows(min_row=2)]
                    for name in ("nodes", "joins"))
    assert nodes[0][:2] == [("007", "s"), ("state", "s")] and nodes[0][-1] == ("0012", "s")
    assert nodes[1][2] == ('=HYPERLINK("x")', "s")
    assert [row[2] for row in joins] == [("1994", "s"), ("2003", "s"), ("2005", "s")]
    assert [row[4] for row in joins] == [(2.5, "n"), (None, "n"), (1.0, "n")]
    assert [row[5][0] for row in joins] == ["=cmd", "+1", None]
    assert write_xlsx(pg.load(tmp_path / "t"), tmp_path / "again.xlsx").read_bytes() == \
        (tmp_path / "tricky.xlsx").read_bytes()  # the same bytes every time


def test_xlsx_refuses_a_relation_that_cannot_name_a_sheet(tmp_path):
    folder = write_folder(tmp_path / "d", {"a_relation_name_longer_than_thirty_one.csv": "state,pact\nA,B\n"})
    result = run("export", "--data", folder, "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 1 and not (tmp_path / "x.xlsx").exists()
    assert "cannot be a sheet name (at most 31 characters" in result.stderr


# ---- CSV folder -------------------------------------------------------------

def test_csv_folder_of_the_bundled_data_validates_as_cleanly_as_the_data(nato, tmp_path):
    """A relation's file leaves out the columns empty in all its rows (NATO's memberships have no dates_source), so
    validating an export warns of nothing the data itself does not."""
    folder = write_csv_folder(nato, tmp_path / "copy")
    assert [p.message for p in pg.validate(folder)] == [p.message for p in pg.validate(pg.bundled_path())]
    assert (folder / "memberships.csv").read_text().splitlines()[0] == \
        (pg.bundled_path() / "memberships.csv").read_text().splitlines()[0]


def test_csv_folder_keeps_empty_columns_where_leaving_them_out_would_reorder_columns(tmp_path):
    from partnergraph.export.files import _columns_per_relation

    edges = pd.DataFrame({"relation": ["a", "b"], "x": [None, "1"], "y": ["2", None]})
    assert _columns_per_relation(edges, ["a", "b"], ["x", "y"]) == {"a": ["x", "y"], "b": ["x", "y"]}
    folder = write_folder(tmp_path / "d", {"a.csv": "s,t,x,y\nA,B,,2\n", "b.csv": "s,t,x\nA,C,1\n"})
    ds = pg.load(folder)
    assert list(ds.edges.columns[-2:]) == ["x", "y"]
    back = pg.load(write_csv_folder(ds, tmp_path / "copy"))
    pdt.assert_frame_equal(back.edges, ds.edges)


@pytest.mark.slow
def test_csv_folder_passes_frictionless_validate(nato, tmp_path):
    """The Data Package of an export is valid for the Frictionless tools: every table matches its Table Schema,
    including an edge file whose two ends are of one kind (its header names the kind twice)."""
    from frictionless import validate

    tricky = pg.load(write_folder(tmp_path / "t", {**TRICKY, "borders.csv": "state,state,since\n007,C,1990\n"}))
    for ds, name, when in ((nato, "nato", None), (nato, "nato-2010", 2010), (tricky, "tricky", None)):
        folder = write_csv_folder(ds, tmp_path / name, as_of=when)
        report = validate(str(folder / "datapackage.json"))
        assert report.valid, report.flatten(["title", "rowNumber", "fieldName", "note"])
        assert pg.load(folder).edges.equals(ds.edges if when is None else nato.as_of(when).edges)
    described = json.loads((tmp_path / "tricky" / "datapackage.json").read_text())
    borders = next(r for r in described["resources"] if r["name"] == "borders")
    assert [f["name"] for f in borders["schema"]["fields"]][:2] == ["state", "state_2"]
    assert borders["dialect"] == {"header": False, "commentRows": [1]}
    assert (tmp_path / "tricky" / "borders.csv").read_text().splitlines()[0].startswith("state,state,")



@pytest.mark.slow
@pytest.mark.parametrize("name", ["bundled", "tiny", "extras"])
def test_csv_folder_loads_back_to_the_same_dataset(name, tmp_path):
    if name == "bundled":
        ds = pg.load()
    elif name == "tiny":
        ds = pg.load(write_folder(tmp_path / "in", TINY))
    else:
        ds = pg.load(write_folder(tmp_path / "in", {
            "borders.csv": "country,country,length,note\nFIN,SWE,614,\"long, wooded\"\nNOR,SWE,1630,\n",
            "links.csv": "country,programme,weight,since,extra\nFIN,p1,2.5,2001,x\nSWE,p1,,2004-05-06,\n",
        }))
    back = pg.load(write_csv_folder(ds, tmp_path / "out"))
    pdt.assert_frame_equal(back.nodes, ds.nodes)
    pdt.assert_frame_equal(back.edges, ds.edges)
    pdt.assert_frame_equal(back.relations, ds.relations)
    assert back.content_hash() == ds.content_hash()
    # the descriptor comes back too: title, coverage, inactive statuses, and the default date they give
    assert (back.title, back.coverage, back.inactive_statuses) == (ds.title, ds.coverage, ds.inactive_statuses)
    assert back.default_date() == ds.default_date()
    described = json.loads((tmp_path / "out" / "datapackage.json").read_text())
    assert sorted(r["path"] for r in described["resources"]) == sorted(p.name for p in (tmp_path / "out").glob("*.csv"))


def test_csv_folder_refuses_a_non_empty_folder_and_leaves_nothing_behind(tiny, tmp_path):
    target = tmp_path / "full"
    target.mkdir()
    (target / "mine.txt").write_text("keep me")
    result = run("export", "--data", tiny, "--format", "csv", "-o", target)
    assert result.exit_code == 2  # bad usage, found before anything is loaded
    assert result.stderr.splitlines()[-1] == (f"Error: -o {target} is a folder that is not empty: --format csv writes "
                                              f"a new or empty folder")
    with pytest.raises(pg.PartnergraphError, match="exists and is not an empty folder"):  # the API refuses too
        write_csv_folder(pg.load(tiny), target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full", "tiny"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("export", "--data", tiny, "--format", "csv", "-o", empty).exit_code == 0
    assert sorted(p.name for p in empty.iterdir()) == ["coverage.csv", "datapackage.json", "memberships.csv", "nodes.csv"]


def test_csv_snapshot(tiny, tmp_path):
    back = pg.load(write_csv_folder(pg.load(tiny), tmp_path / "o", as_of=2001))
    assert len(back.edges) == 4


# ---- pictures ---------------------------------------------------------------

def png_size(data: bytes):
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.slow
def test_png_and_svg_of_the_nato_map(nato, tmp_path):
    picture = static_map(nato)
    png = picture.save(tmp_path / "nato.png").read_bytes()
    assert png_size(png) == (2400, 1650)
    svg = picture.save(tmp_path / "nato.svg").read_bytes()
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("width") == "1152pt"
    # labels are text a reader can select and edit, not outlines: every drawn node's label, the title, the legend
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    labels = nato.nodes.set_index("id")["label"]
    assert {labels[n] for n in picture.meta["node_ids"]} <= texts
    assert {"NATO's partnerships with non-member countries", "memberships", "observer or suspended (not active)"} <= texts
    snap = nato.as_of("2026-11-30")  # the default date: the end of the declared coverage
    assert {k: v for k, v in picture.meta.items() if k != "node_ids"} == {
        "as_of": "2026-11-30", "nodes": len(snap.nodes), "edges": len(snap.edges), "suspended": int(snap.inactive().sum()),
        "labels": len(snap.nodes), "dataset": "nato"}
    assert {"nacc", "pjc", "nukc"}.isdisjoint(picture.meta["node_ids"])  # bodies that ended are not drawn


def test_no_two_labels_collide_on_the_nato_map(nato):
    boxes = static_map(nato).labels
    assert len(boxes) == len(nato.as_of("2026-11-30").nodes)  # every node alive on the default date is labelled
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap = a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
            assert not overlap, (a[0], b[0])


@pytest.mark.slow
def test_pictures_are_deterministic(tiny):
    ds = pg.load(tiny)
    assert static_map(ds).to_bytes("svg") == static_map(pg.load(tiny)).to_bytes("svg")
    assert static_map(ds).to_bytes("png") == static_map(pg.load(tiny)).to_bytes("png")


@pytest.mark.slow
def test_coverage_heatmap_from_the_cli(tmp_path):
    out = tmp_path / "cov.png"
    result = run("coverage", "--matrix", "--as-of", 2024, "-o", out)
    assert result.exit_code == 0
    assert result.stderr == f"wrote {out} (17 x 10 heatmap)\n"  # the 17 frameworks alive at the end of 2024
    width, height = png_size(out.read_bytes())
    assert width > 600 and height > 400


# ---- every format, from the command line -------------------------------------

@pytest.mark.slow
@pytest.mark.parametrize("fmt, name", [("gexf", "x.gexf"), ("graphml", "x.graphml"), ("json", "x.json"),
                                       ("csv", "folder"), ("png", "x.png"), ("svg", "x.svg")])
def test_export_twice_gives_the_same_bytes(tiny, tmp_path, fmt, name):
    first, second = tmp_path / "1" / name, tmp_path / "2" / name
    first.parent.mkdir()
    second.parent.mkdir()
    assert run("export", "--data", tiny, "--format", fmt, "-o", first).exit_code == 0
    assert run("export", "--data", tiny, "--format", fmt, "-o", second).exit_code == 0
    if fmt == "csv":
        for f in sorted(first.iterdir()):
            assert f.read_bytes() == (second / f.name).read_bytes()
    else:
        assert first.read_bytes() == second.read_bytes()


def test_export_usage_errors(tiny, tmp_path):
    assert run("export", "--data", tiny, "--format", "svg", "-o", tmp_path / "x.pdf").exit_code == 2
    assert run("export", "--data", tiny, "-o", tmp_path / "x.jpg").exit_code == 2
    assert run("export", "--data", tiny, "--format", "csv", "-o", tmp_path / "x.gexf").exit_code == 2
    assert run("export", "--data", tiny, "--format", "json", "-o", tiny / "x.json").exit_code == 2
    result = run("export", "--data", tiny, "--format", "json", "-o", tmp_path / "x.json", "--kinds", "nation")
    assert result.exit_code == 1 and "unknown kind 'nation'" in result.stderr


@pytest.mark.slow
def test_pictures_draw_hostile_text_as_written(tmp_path):
    from hostile import hostile_folder
    from partnergraph.export import coverage_heatmap

    folder = write_folder(tmp_path / "h", {
        "nodes.csv": 'id,kind,label\n$x,ki$nd,"$\\notacommand{1}$ <b>"\nb$,ki$nd,"unbalanced $ sign"\n',
        "links$.csv": "ki$nd,ki$nd\n$x,b$\n",
    })
    ds = pg.load(folder)
    picture = static_map(ds, title="$$ title")
    svg = picture.to_bytes("svg")
    assert svg.startswith(b"<?xml") and len(picture.labels) == 2
    assert static_map(pg.load(hostile_folder(tmp_path / "x"))).to_bytes("png")[:4] == b"\x89PNG"
    matrix = pg.coverage_matrix(pg.load(tiny_like(tmp_path)), rows="fr$", cols="th$", via="ac$")
    assert coverage_heatmap(matrix, title="$ broken").to_bytes("png")[:4] == b"\x89PNG"


def tiny_like(tmp_path):
    return write_folder(tmp_path / "k", {"a.csv": "fr$,th$\nf$1,t$1\n"})


@pytest.mark.parametrize("relation", ["../evil", "sub/dir", "a\\b", ".hidden", "~lock", " padded", "tab\there"])
def test_a_relation_that_is_no_file_name_is_refused_and_nothing_is_written(tmp_path, relation):
    """A relation names a file: one that would leave the folder, hide, or clash is refused before anything is
    written (a relation '../evil' once wrote evil.csv beside the export folder)."""
    from partnergraph.export import write_csv_folder, write_xlsx

    ds = pg.Dataset(pd.DataFrame({"id": ["a", "b"], "kind": ["k", "l"], "label": ["A", "B"]}),
                    pd.DataFrame({"relation": [relation], "u": ["a"], "v": ["b"]}))
    with pytest.raises(pg.PartnergraphError, match="cannot be a file name"):
        write_csv_folder(ds, tmp_path / "out")
    with pytest.raises(pg.PartnergraphError, match="cannot be a file name"):
        write_xlsx(ds, tmp_path / "out.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_relations_that_differ_only_in_case_are_refused(tmp_path):
    from partnergraph.export import write_csv_folder

    ds = pg.Dataset(pd.DataFrame({"id": ["a", "b"], "kind": ["k", "l"], "label": ["A", "B"]}),
                    pd.DataFrame({"relation": ["Offers", "offers"], "u": ["a", "a"], "v": ["b", "b"]}))
    with pytest.raises(pg.PartnergraphError, match="'Offers' and 'offers' differ only in case"):
        write_csv_folder(ds, tmp_path / "out")
    assert list(tmp_path.iterdir()) == []


def test_a_bool_column_is_a_graphml_boolean_that_reads_back(tmp_path):
    """A bool column was declared double and written True: networkx could not read the file back."""
    nodes = pd.DataFrame({"id": ["a", "b"], "kind": ["k", "l"], "label": ["A", "B"], "flag": [True, False]})
    edges = pd.DataFrame({"relation": "r", "u": ["a"], "v": ["b"], "since": "", "until": "", "source": "",
                          "ok": [True]})
    write_graphml(pg.Dataset(nodes, edges), tmp_path / "x.graphml")
    text = (tmp_path / "x.graphml").read_text()
    assert 'attr.name="flag" attr.type="boolean"' in text and ">true</data>" in text and ">True<" not in text
    G = nx.read_graphml(tmp_path / "x.graphml")
    assert (G.nodes["a"]["flag"], G.nodes["b"]["flag"], G.edges["a", "b"]["ok"]) == (True, False, True)
