"""The HTML map as a file: self-contained, deterministic, escaped."""
import json
import re

import pytest

import partnergraph as pg
from partnergraph.export import kind_styles, layout_positions, network_map
from hostile import XSS, hostile_folder


def block(page, element_id):
    return page.split(f'<script type="application/json" id="{element_id}">')[1].split("</script>")[0]


def test_page_is_self_contained(tiny):
    page = network_map(pg.load(tiny)).html()
    # nothing is fetched: no external scripts, styles, images, frames or fonts
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)=', page)
    assert not re.search(r'url\((?!["\']?data:)', page)
    assert "vis-network" in page and "window.network = network" in page and "new vis.Network(" in page
    assert "default-src 'none'" in page  # and the page forbids it anyway


def test_metadata_block(tiny):
    ds = pg.load(tiny)
    meta = json.loads(block(network_map(ds, as_of=2014).html(), "pg-meta"))
    assert meta == {
        "generator": "partnergraph", "version": pg.__version__, "dataset": "tiny", "dataset_title": "tiny",
        "content_hash": ds.content_hash(), "as_of": "2014-12-31", "title": "Partnership map: tiny",
        "nodes": 6, "edges": 6, "edges_as_of": 5, "suspended_as_of": 0, "size_by": "degree",
    }


def test_data_block_holds_every_edge_with_its_window(tiny):
    data = json.loads(block(network_map(pg.load(tiny), as_of=2002).html(), "pg-data"))
    assert [n["id"] for n in data["nodes"]] == ["FIN", "SWE", "JPN", "pfp", "pag", "cyber"]
    windows = sorted((e["from"], e["to"], e["start"], e["end"]) for e in data["edges"])
    assert windows == [
        ("FIN", "pfp", "1994-01-01", "2023-04-04"), ("JPN", "pag", "2014-05-06", None),
        ("JPN", "pfp", "2000-01-01", "2002-12-31"), ("JPN", "pfp", "2010-01-01", None),
        ("SWE", "pfp", "1994-01-01", "2024-03-07"), ("pfp", "cyber", None, None)]
    assert data["date"] == "2002-12-31" and data["years"] == [1994, 2024]
    fin = data["nodes"][0]
    assert (fin["kind"], fin["shape"], fin["color"], fin["physics"]) == ("country", "dot", "#4e79a7", False)
    assert fin["info"] == [["region", "Europe"]]
    assert data["options"]["physics"] == {"enabled": False}
    assert data["kinds"] == [
        {"kind": "country", "shape": "dot", "color": "#4e79a7", "count": 3},
        {"kind": "framework", "shape": "diamond", "color": "#e15759", "count": 2},
        {"kind": "threat", "shape": "triangle", "color": "#f28e2b", "count": 1},
    ]
    # the most common relation is drawn solid grey, the next in colour and dashed
    assert data["relations"] == [
        {"relation": "memberships", "color": "#8a96a3", "dashes": False, "count": 5},
        {"relation": "coverage", "color": "#e15759", "dashes": [8, 5], "count": 1},
    ]


def test_slider_spans_the_years_and_opens_at_as_of(tiny):
    page = network_map(pg.load(tiny), as_of=2002).html()
    assert '<input type="range" id="pg-year" min="1994" max="2024" step="1" value="2002">' in page
    assert '<output id="pg-date" for="pg-year">2002-12-31</output>' in page


def test_undated_dataset_has_no_slider(tmp_path):
    from conftest import write_folder
    page = network_map(pg.load(write_folder(tmp_path / "u", {"links.csv": "a,b\nx,y\n"}))).html()
    assert 'id="pg-year"' not in page and "undated data: no time slider" in page


@pytest.mark.parametrize("measure", ["degree", "betweenness", "closeness", "eigenvector", "pagerank", "none"])
def test_size_by_each_measure(tiny, measure):
    data = json.loads(block(network_map(pg.load(tiny), as_of=2014, size_by=measure).html(), "pg-data"))
    sizes = {n["id"]: n["size"] for n in data["nodes"]}
    if measure == "none":
        assert sizes == {"FIN": 9.0, "SWE": 9.0, "JPN": 9.0, "pfp": 16.0, "pag": 16.0, "cyber": 12.0}
    else:
        assert sizes["pfp"] == 16.0 + 18.0  # the most central node gets the full extra size
        assert sizes["JPN"] > sizes["FIN"] >= 9.0


def test_focus_uses_every_date(tiny):
    data = json.loads(block(network_map(pg.load(tiny), focus="pag", radius=2).html(), "pg-data"))
    # pag - JPN (from 2014) - pfp (JPN's membership): two steps, whatever the date
    assert sorted(n["id"] for n in data["nodes"]) == ["JPN", "pag", "pfp"]


def test_legend_is_html_text_with_each_kind(tiny):
    page = network_map(pg.load(tiny)).html()
    legend = page.split('<section id="pg-legend"')[1].split("</section>")[0]
    assert re.findall(r'<span class="pg-kind">([^<]*)</span></label><span class="pg-count">(\d+)</span>', legend) == [
        ("country", "3"), ("framework", "2"), ("threat", "1")]
    assert re.findall(r'data-relation="([^"]*)"', legend) == ["memberships", "coverage"]


@pytest.mark.slow
def test_same_input_same_bytes(tiny):
    ds = pg.load(tiny)
    assert network_map(ds).html() == network_map(pg.load(tiny)).html()


@pytest.mark.slow
def test_places_do_not_depend_on_the_date(tiny):
    ds = pg.load(tiny)
    def places(when):
        return {n["id"]: (n["x"], n["y"]) for n in json.loads(block(network_map(ds, as_of=when).html(), "pg-data"))["nodes"]}
    assert places(1995) == places(2024) == places(2010)


def test_hostile_text_never_reaches_the_page_as_markup(tmp_path):
    page = network_map(pg.load(hostile_folder(tmp_path / "h"))).html()
    for text in XSS + ["<script>window.__pwned=20</script>", "<b>id</b>"]:
        assert text not in page
    # outside vis-network's own code, the page has exactly our four script elements
    from partnergraph.export.html import _vis_asset
    vis_js = _vis_asset("vis-network.min.js")
    assert vis_js in page
    assert page.replace(vis_js, "").count("<script") == 4
    data = json.loads(block(page, "pg-data"))
    assert [n["pgLabel"] for n in data["nodes"]][:5] == XSS  # the text itself survives, as data
    assert [n["label"].replace("\n", " ") for n in data["nodes"]][:5] == XSS  # drawn on lines broken at spaces


def test_other_kinds_get_distinct_styles():
    styles = kind_styles(["country", "zeta", "alpha", "framework"])
    assert styles["alpha"] == {"shape": "hexagon", "color": "#76b7b2"}
    assert styles["zeta"] == {"shape": "star", "color": "#b07aa1"}
    assert styles["country"] == {"shape": "dot", "color": "#4e79a7"}


def test_layout_is_seeded(tiny):
    ds = pg.load(tiny)
    assert layout_positions(ds) == layout_positions(ds)
    assert layout_positions(ds, seed=1) != layout_positions(ds, seed=2)


def test_jupyter_display_is_an_iframe_holding_the_page(tiny):
    m = pg.network_map(pg.load(tiny))
    shown = m._repr_html_()
    assert shown.startswith('<iframe srcdoc="&lt;!DOCTYPE html&gt;')
    assert 'sandbox="allow-scripts' in shown
    assert "<script" not in shown  # the page is an attribute value, all of it escaped


def test_save_is_atomic(tiny, tmp_path):
    out = pg.network_map(pg.load(tiny)).save(tmp_path / "m.html")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if p.name != "tiny"] == ["m.html"]


def test_unknown_focus_names_close_matches(tiny):
    with pytest.raises(pg.UnknownIdError, match=r"unknown id 'FIM'; did you mean FIN \(Finland\)\?"):
        network_map(pg.load(tiny), focus="FIM")


@pytest.mark.slow
def test_a_relation_looks_the_same_in_every_map_and_picture_of_a_dataset():
    from partnergraph.export import relation_styles, static_map

    nato = pg.load()
    styles = relation_styles(nato)
    maps = [network_map(nato), network_map(nato, focus="md", radius=1), network_map(nato, kinds=["country", "threat",
                                                                                              "activity"]),
            network_map(nato, as_of=1995)]
    seen = {}
    for page in maps:
        data = json.loads(block(page.html(), "pg-data"))
        for r in data["relations"]:
            assert {"color": r["color"], "dashes": r["dashes"]} == styles[r["relation"]]
            seen.setdefault(r["relation"], set()).add((r["color"], str(r["dashes"])))
        for e in data["edges"]:
            if not e.get("inactive"):
                assert (e["color"]["color"], e["dashes"]) == (styles[e["relation"]]["color"],
                                                              styles[e["relation"]]["dashes"])
    assert all(len(v) == 1 for v in seen.values()) and len(seen) == len(styles)
    # the focus map holds fewer relations than the full one, and keeps their styles all the same
    focus = json.loads(block(maps[1].html(), "pg-data"))["relations"]
    assert [r["relation"] for r in focus] == [r for r in styles if r in {f["relation"] for f in focus}]
    # the picture's legend uses the same colours
    picture = static_map(nato, kinds=["country", "threat", "activity"])
    handles = {h.get_label(): h.get_color() for h in picture.figure.legends[0].legend_handles if h.get_label() in styles}
    assert handles and all(color == styles[r]["color"] for r, color in handles.items())


@pytest.mark.slow
def test_a_map_too_large_for_a_browser_is_refused_with_advice_before_any_work(tmp_path):
    from click.testing import CliRunner
    from partnergraph.cli import cli

    nato = pg.load()
    n = len(nato.nodes)
    with pytest.raises(pg.PartnergraphError, match=rf"the map would hold {n} nodes \(of every date\), more than {n - 1}: .*"
                                                   r"--focus ID, --kinds K1,K2"):
        network_map(nato, max_nodes=n - 1)
    assert network_map(nato, max_nodes=n).meta["nodes"] == n
    assert network_map(nato, max_nodes=n - 1, focus="md").meta["nodes"] < n - 1  # a focus map is small enough
    out = tmp_path / "map.html"
    refused = CliRunner().invoke(cli, ["map", "-o", str(out), "--max-nodes", str(n - 1)])
    assert refused.exit_code == 1 and not out.exists()
    assert refused.stderr.startswith(f"Error: the map would hold {n} nodes") and len(refused.stderr.splitlines()) == 1
    assert CliRunner().invoke(cli, ["map", "-o", str(out), "--max-nodes", str(n)]).exit_code == 0 and out.exists()


@pytest.mark.slow
def test_a_large_map_opens_on_its_date_with_the_linked_nodes_together_above_the_rest(tmp_path):
    from conftest import write_folder
    from partnergraph.export.layout import LARGE_MAP

    n = LARGE_MAP + 100
    rows = "".join(f"C{i:03d},f{i % 3},1990,{'' if i % 2 else '2000'}\n" for i in range(n))
    ds = pg.load(write_folder(tmp_path / "big", {"memberships.csv": "country,framework,since,until\n" + rows}))
    page = network_map(ds)
    data = json.loads(block(page.html(), "pg-data"))
    assert data["hideUnlinked"] is True and page.meta["nodes"] == n + 3
    pos = layout_positions(ds)
    linked = [pos[f"C{i:03d}"][1] for i in range(1, n, 2)]  # still members on the default date (2000's end)
    former = [pos[f"C{i:03d}"][1] for i in range(0, n, 2)]
    assert max(linked) < min(former)  # the first view (unlinked hidden) is one compact block
    # a map of 100 nodes or more where a quarter have no tie on the date opens the same way (the NATO map: ended
    # operations, past exercises, former partners); a smaller one shows everything
    assert json.loads(block(network_map(pg.load()).html(), "pg-data"))["hideUnlinked"] is True
    few = pg.load(write_folder(tmp_path / "few", {"memberships.csv": "country,framework,since,until\n" + "".join(
        f"C{i:03d},f{i % 3},1990,{'' if i % 2 else '2000'}\n" for i in range(60))}))
    assert json.loads(block(network_map(few).html(), "pg-data"))["hideUnlinked"] is False


@pytest.mark.slow
def test_a_map_coloured_by_role_gives_each_country_its_role_s_colour(tmp_path):
    from click.testing import CliRunner
    from partnergraph.cli import cli
    from partnergraph.export.style import ROLE_COLORS

    nato = pg.load()
    page = network_map(nato, color_by="role", groups=5)
    data = json.loads(block(page.html(), "pg-data"))
    colour = {n["pgId"]: n["color"] for n in data["nodes"]}
    found = pg.roles(nato, groups=5, as_of=page.meta["as_of"]).set_index("id")["role"]
    assert all(colour[c] == ROLE_COLORS[r - 1] for c, r in found.items())
    plain = {n["pgId"]: n["color"] for n in json.loads(block(network_map(nato).html(), "pg-data"))["nodes"]}
    assert colour["pfp"] == plain["pfp"] and colour["GEO"] != plain["GEO"]
    assert "<h2>Roles</h2>" in page.html() and "<h2>Roles</h2>" not in network_map(nato).html()
    refused = CliRunner().invoke(cli, ["map", "-o", str(tmp_path / "m.html"), "--groups", "3"])
    assert refused.exit_code == 2 and "--groups, --role-kind and --role-via shape roles" in refused.stderr
    with pytest.raises(pg.PartnergraphError, match="unknown colouring 'size'"):
        network_map(nato, color_by="size")
