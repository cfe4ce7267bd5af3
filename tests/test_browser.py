"""The map in a real browser: Debian's headless Chromium, driven by Playwright, with the network blocked."""
import warnings
from pathlib import Path

import pytest

import partnergraph as pg
from hostile import XSS, hostile_folder

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Opened:
    def __init__(self, browser, path: Path):
        self.url = path.resolve().as_uri()
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.requests, self.blocked, self.errors, self.dialogs = [], [], [], []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(self.url)
        self.page.wait_for_function("window.network !== undefined && window.network.body !== undefined")
        self.page.wait_for_timeout(300)

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()  # the page itself, from disk
            return
        self.blocked.append(route.request.url)
        route.abort()

    def outside_requests(self):
        return [u for u in self.requests if u != self.url and not u.startswith("data:")] + self.blocked

    def close(self):
        self.context.close()


def drawn_pixels(page) -> int:
    return page.evaluate("""() => {
        const c = document.querySelector('#pg-network canvas');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;
    }""")


def test_nato_map_opens_offline_and_draws(browser, tmp_path):
    out = pg.network_map(pg.load()).save(tmp_path / "nato.html")
    opened = Opened(browser, out)
    try:
        assert opened.outside_requests() == []
        assert opened.errors == []
        assert drawn_pixels(opened.page) > 5000
        n = opened.page.evaluate("() => window.network.body.data.nodes.length")
        # the map opens on the nodes linked on the default date: most of the past (ended operations, past
        # exercises, former partners) is hidden until the slider goes back or "hide unlinked" is unchecked
        snap = pg.load().as_of("2026-11-30")
        active = pg.load().snapshot("2026-11-30", include_suspended=False).edges
        assert opened.page.is_checked("#pg-hide-unlinked")
        assert n == len(set(active["u"]) | set(active["v"]))
        opened.page.uncheck("#pg-hide-unlinked")
        n = opened.page.evaluate("() => window.network.body.data.nodes.length")
        assert n == len(snap.nodes)  # every node alive on the default date
        legend = opened.page.inner_text("#pg-legend")
        assert "country" in legend and "framework" in legend
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "nato-map.png"
        opened.page.screenshot(path=str(shot))
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    finally:
        opened.close()


@pytest.fixture
def hostile(browser, tmp_path):
    ds = pg.load(hostile_folder(tmp_path / "hostile"))
    opened = Opened(browser, pg.network_map(ds).save(tmp_path / "hostile.html"))
    yield ds, opened
    opened.close()


def test_hovering_hostile_nodes_runs_no_script(hostile):
    ds, opened = hostile
    page = opened.page
    box = page.locator("#pg-network canvas").bounding_box()
    ids = page.evaluate("() => window.network.body.data.nodes.getIds()")
    assert len(ids) == len(ds.nodes)
    labels = dict(zip(ds.nodes["id"], ds.nodes["label"]))
    for node_id in ids:
        where = page.evaluate(
            "(id) => window.network.canvasToDOM(window.network.getPositions([id])[id])", node_id)
        page.mouse.move(box["x"] + where["x"], box["y"] + where["y"])
        tip = page.locator("div.vis-tooltip")
        tip.wait_for(state="visible", timeout=3000)
        text = tip.inner_text()
        assert labels[node_id] in text  # shown as text, exactly as written
        hrefs = page.evaluate("() => [...document.querySelectorAll('div.vis-tooltip a')].map(a => a.getAttribute('href'))")
        assert all(h.startswith(("http://", "https://")) for h in hrefs)
        page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])  # the details panel, too
        assert labels[node_id] in page.text_content("#pg-details")
        page.mouse.move(2, 2)
        page.wait_for_timeout(50)
    page.fill("#pg-search", XSS[0])  # and the search box
    page.press("#pg-search", "Enter")
    assert page.evaluate("() => window.network.getSelectedNodes()") == ["C0"]
    assert page.evaluate("() => window.__pwned") is None
    assert opened.dialogs == []
    assert opened.errors == []
    assert opened.outside_requests() == []


def test_javascript_sources_are_text_not_links(hostile):
    ds, opened = hostile
    tip = opened.page.evaluate("""() => {
        const n = window.network.body.data.nodes.get('C0');
        return {links: n.title.querySelectorAll('a').length, text: n.title.textContent};
    }""")
    assert tip["links"] == 0
    assert "javascript:window.__pwned=10" in tip["text"]
    framework = opened.page.evaluate("""() => [...window.network.body.data.nodes.get('<b>id</b>').title
                                          .querySelectorAll('a')].map(a => a.href)""")
    assert framework == ["https://www.nato.int/%3Cscript%3E"]


@pytest.fixture
def tiny_page(browser, tiny, tmp_path):
    ds = pg.load(tiny)
    opened = Opened(browser, pg.network_map(ds).save(tmp_path / "tiny.html"))
    yield ds, opened
    opened.close()


def visible_edge_ids(page):
    return sorted(page.evaluate("() => window.network.body.data.edges.getIds()"))


def set_year(page, year):
    page.evaluate("""(y) => { const s = document.getElementById('pg-year'); s.value = String(y);
                              s.dispatchEvent(new Event('input', {bubbles: true})); }""", year)


def test_slider_shows_each_year_as_python_does(tiny_page):
    ds, opened = tiny_page
    page = opened.page
    assert page.input_value("#pg-year") == "2024"  # opens at the default date: the last year the data names
    _, _, start, end = ds.windows  # the one rule: each edge's window cut to its endpoints' lifetimes
    for year in range(1994, 2025):
        set_year(page, year)
        expected = sorted(int(i) for i in ds.edges.index[pg.asof.within(start, end, year)])
        assert visible_edge_ids(page) == expected, year
        assert page.inner_text("#pg-date") == f"{year}-12-31"
    # the keyboard moves it too: from 2001 one step left is 2000
    set_year(page, 2001)
    page.focus("#pg-year")
    page.keyboard.press("ArrowLeft")
    assert page.input_value("#pg-year") == "2000"
    assert len(visible_edge_ids(page)) == len(ds.as_of(2000).edges)
    assert opened.errors == []


def test_search_focuses_the_node(tiny_page):
    ds, opened = tiny_page
    page = opened.page
    page.fill("#pg-search", "japan")
    page.press("#pg-search", "Enter")
    assert page.evaluate("() => window.network.getSelectedNodes()") == ["JPN"]
    view = page.evaluate("() => window.network.getViewPosition()")
    place = page.evaluate("() => window.network.getPositions(['JPN']).JPN")
    assert abs(view["x"] - place["x"]) < 1 and abs(view["y"] - place["y"]) < 1
    details = page.inner_text("#pg-details")
    assert "Japan" in details and "country · JPN" in details and "memberships: Partners across the globe" in details
    page.fill("#pg-search", "cyb")  # part of an id or label
    page.press("#pg-search", "Enter")
    assert page.evaluate("() => window.network.getSelectedNodes()") == ["cyber"]
    page.fill("#pg-search", "nothing like it")
    page.press("#pg-search", "Enter")
    assert "no node matches" in page.inner_text("#pg-status")


def test_kind_and_relation_filters(tiny_page):
    ds, opened = tiny_page
    page = opened.page
    nodes = "() => window.network.body.data.nodes.getIds()"
    assert len(page.evaluate(nodes)) == 6
    page.uncheck('input[data-kind="threat"]')
    assert "cyber" not in page.evaluate(nodes)
    assert len(visible_edge_ids(page)) == 2  # JPN-pag and JPN-pfp as of 2024; pfp-cyber hidden with its threat
    page.check('input[data-kind="threat"]')
    page.uncheck('input[data-relation="memberships"]')
    assert visible_edge_ids(page) == [0]  # the coverage row (coverage.csv is read first)
    page.check('input[data-relation="memberships"]')
    page.check("#pg-hide-unlinked")  # FIN and SWE have no link as of 2024
    assert sorted(page.evaluate(nodes)) == ["JPN", "cyber", "pag", "pfp"]
    assert page.inner_text("#pg-status") == "4 nodes · 3 edges shown"


def test_click_shows_the_details_panel(tiny_page):
    ds, opened = tiny_page
    page = opened.page
    box = page.locator("#pg-network canvas").bounding_box()
    where = page.evaluate("() => window.network.canvasToDOM(window.network.getPositions(['pfp']).pfp)")
    page.mouse.click(box["x"] + where["x"], box["y"] + where["y"])
    details = page.text_content("#pg-details")
    assert "Partnership for Peace" in details and "framework · pfp" in details
    assert "Links shown (2)" in details  # as of 2024: JPN (since 2010) and cyber
    links = page.evaluate("() => [...document.querySelectorAll('#pg-details li')].map(li => li.textContent)")
    assert links == ["coverage: Cyber defence", "memberships: Japan (2010–)"]


def test_nodes_with_their_own_window_come_and_go(browser, tmp_path):
    from conftest import write_folder
    ds = pg.load(write_folder(tmp_path / "w", {
        "nodes.csv": "id,kind,label,since,until\nold,framework,Old council,1991,1997-05-30\n"
                     "new,framework,New council,1997-05-30,\nA,country,A,,\n",
        "memberships.csv": "country,framework,since,until\nA,old,1992,1997-05-30\nA,new,1997-05-30,\n",
    }))
    opened = Opened(browser, pg.network_map(ds, as_of=1995).save(tmp_path / "w.html"))
    try:
        page = opened.page
        nodes = "() => window.network.body.data.nodes.getIds().sort()"
        assert page.evaluate(nodes) == ["A", "old"]
        set_year(page, 1997)
        assert page.evaluate(nodes) == ["A", "new"]
        assert page.evaluate("() => document.getElementById('pg-year').min") == "1991"
        set_year(page, 1991)  # the old council, before A joined it
        assert page.evaluate(nodes) == ["A", "old"]
        assert visible_edge_ids(page) == []
    finally:
        opened.close()


def test_jupyter_display_draws_inside_its_iframe(browser, tiny, tmp_path):
    # what a notebook does with _repr_html_: put the HTML into the output area of its own page (about 980 px wide)
    host = tmp_path / "notebook.html"
    host.write_text("<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><div class='output' "
                    "style='width: 980px'>" + pg.network_map(pg.load(tiny))._repr_html_() + "</div>"
                    "<div class='output' style='width: 980px'>" + pg.network_map(pg.load())._repr_html_()
                    + "</div></body></html>", encoding="utf-8")
    opened = Opened.__new__(Opened)
    opened.url = host.resolve().as_uri()
    opened.context = browser.new_context(viewport={"width": 1200, "height": 800})
    opened.requests, opened.blocked, opened.errors, opened.dialogs = [], [], [], []
    opened.context.route("**/*", opened._route)
    page = opened.context.new_page()
    page.on("pageerror", lambda e: opened.errors.append(str(e)))
    page.on("request", lambda r: opened.requests.append(r.url))
    try:
        page.goto(opened.url)
        frame = page.frames[1]
        frame.wait_for_function("window.network !== undefined && window.network.body !== undefined")
        frame.wait_for_timeout(300)
        assert frame.evaluate("() => window.network.body.data.nodes.length") == 6
        assert drawn_pixels(frame) > 1000
        # the bundled map at notebook size: the map takes the output's width, the legend goes under it, and the
        # labels are drawn at a size a reader can read (vis-network leaves out labels under 6 px on screen)
        page.locator("iframe").nth(1).scroll_into_view_if_needed()  # a browser draws a frame once it is in view
        nato = page.frames[2]
        nato.wait_for_function("window.network !== undefined && window.network.body !== undefined")
        nato.wait_for_timeout(500)
        box = page.locator("iframe").nth(1).bounding_box()
        assert box["height"] >= 880
        canvas = nato.evaluate("() => document.querySelector('#pg-network canvas').getBoundingClientRect().toJSON()")
        assert canvas["width"] >= 0.95 * box["width"] - 4 and canvas["height"] >= 500
        assert nato.evaluate("() => window.network.getScale()") * 14 >= 7  # label text at least 7 px high
        assert drawn_pixels(nato) > 20_000
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "notebook-map.png"), full_page=True)
        assert opened.errors == [] and opened.blocked == []
    finally:
        opened.context.close()


@pytest.fixture(scope="module")
def nato_page(browser, tmp_path_factory):
    ds = pg.load()
    opened = Opened(browser, pg.network_map(ds).save(tmp_path_factory.mktemp("nato") / "nato.html"))
    opened.page.uncheck("#pg-hide-unlinked")  # these tests look at every node alive on a date, linked or not
    yield ds, opened
    opened.close()


def shown_ids(page):
    return set(page.evaluate("() => window.network.body.data.nodes.getIds()"))


def shown_edges(page):
    return page.evaluate("""() => window.network.body.data.edges.get().map(
        e => ({id: e.id, from: e.from, to: e.to, inactive: !!e.inactive, dashes: e.dashes, color: e.color.color}))""")


def test_the_slider_brings_frameworks_in_at_their_launch_and_out_at_their_end(nato_page):
    ds, opened = nato_page
    page = opened.page
    # the Istanbul Cooperation Initiative was launched on 28 June 2004; its members joined from 2005
    set_year(page, 2003)
    assert "ici" not in shown_ids(page)
    assert not [e for e in shown_edges(page) if "ici" in (e["from"], e["to"])]
    set_year(page, 2004)
    assert "ici" in shown_ids(page)
    links = {(e["from"], e["to"]) for e in shown_edges(page) if "ici" in (e["from"], e["to"])}
    assert links and not any(u in {"ARE", "BHR", "KWT", "QAT"} for u, _ in links)  # no member yet
    set_year(page, 2005)
    members = {e["from"] for e in shown_edges(page) if e["to"] == "ici" and e["from"].isupper()}
    assert members == {"ARE", "BHR", "KWT", "QAT"}
    # the NATO-Ukraine Commission ended on 12 July 2023 and the Council took over
    set_year(page, 2022)
    assert "nukc" in shown_ids(page) and "nuc" not in shown_ids(page)
    set_year(page, 2023)
    assert "nuc" in shown_ids(page) and "nukc" not in shown_ids(page)
    assert not [e for e in shown_edges(page) if "nukc" in (e["from"], e["to"])]
    # every year: the page shows exactly Python's snapshot, nodes and edges
    _, _, start, end = ds.windows
    for year in range(1991, 2027):
        set_year(page, year)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pg.CoverageWarning)  # the slider's 2026 is 2026-12-31, past the coverage
            assert shown_ids(page) == set(ds.as_of(year).nodes["id"]), year
        assert visible_edge_ids(page) == sorted(int(i) for i in ds.edges.index[pg.asof.within(start, end, year)])
    assert opened.errors == []


def test_suspended_ties_are_drawn_as_such_with_a_toggle(nato_page):
    ds, opened = nato_page
    page = opened.page
    set_year(page, 2013)
    rus = [e for e in shown_edges(page) if e["from"] == "RUS"]
    assert rus and not any(e["inactive"] for e in rus)  # an active partner until April 2014
    set_year(page, 2020)
    rus = [e for e in shown_edges(page) if e["from"] == "RUS"]
    assert {e["to"] for e in rus} == {"pfp", "eapc", "nrc"}
    assert all(e["inactive"] and e["dashes"] == [2, 6] and e["color"] == "#9aa3ad" for e in rus)
    assert "suspended: formally there, not active" in page.inner_text("#pg-legend")
    # a node whose only ties are suspended is faded, as one with no tie
    assert page.evaluate("() => window.network.body.data.nodes.get('RUS').opacity") == 0.3
    page.uncheck("#pg-show-inactive")
    assert not [e for e in shown_edges(page) if e["from"] == "RUS"]
    assert not [e for e in shown_edges(page) if e["inactive"]]
    page.check("#pg-show-inactive")
    assert len([e for e in shown_edges(page) if e["inactive"]]) == int(ds.as_of(2020).inactive().sum())
    # the details panel says so
    page.evaluate("() => window.pgFocus('RUS')")
    assert "memberships: Partnership for Peace (2014\u2013) \u00b7 suspended" in page.inner_text("#pg-details")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "nato-map-2020.png"))
    assert opened.errors == []


def test_ids_kinds_and_relations_named_like_javascript_properties(browser, tmp_path):
    from conftest import write_folder
    ds = pg.load(write_folder(tmp_path / "proto", {
        "nodes.csv": "id,kind,label\nconstructor,__proto__,Constructor\n__proto__,toString,Proto\n"
                     "toString,__proto__,ToString\nhasOwnProperty,toString,Has\n",
        "constructor.csv": "__proto__,toString\nconstructor,__proto__\ntoString,hasOwnProperty\n",
    }))
    opened = Opened(browser, pg.network_map(ds).save(tmp_path / "proto.html"))
    try:
        page = opened.page
        shown = "() => window.network.body.data.nodes.get().map(n => n.pgId).sort()"
        assert page.evaluate(shown) == sorted(ds.nodes["id"])
        assert len(visible_edge_ids(page)) == 2
        # every node is in vis-network's own tables and drawn, so no edge ends in empty space
        drawn = page.evaluate("() => window.network.body.nodeIndices.map(i => window.network.body.nodes[i].options.pgId)")
        assert sorted(drawn) == sorted(ds.nodes["id"])
        page.uncheck('input[data-kind="__proto__"]')
        assert page.evaluate(shown) == ["__proto__", "hasOwnProperty"]
        page.check('input[data-kind="__proto__"]')
        page.uncheck('input[data-relation="constructor"]')
        assert visible_edge_ids(page) == []
        page.check('input[data-relation="constructor"]')
        page.evaluate("() => window.pgFocus('constructor')")
        assert "Constructor" in page.inner_text("#pg-details") and "__proto__ · constructor" in page.inner_text("#pg-details")
        assert opened.errors == []
    finally:
        opened.close()


def test_the_page_follows_the_slider_subtitle_counts_and_sizes(nato_page):
    from partnergraph.export.style import node_sizes as _sizes

    ds, opened = nato_page
    page = opened.page
    for year in (1995, 2004, 2024):  # the page is shared: earlier tests moved the slider
        set_year(page, year)
        assert page.inner_text("#pg-asof") == f"as of {year}-12-31"
        assert page.inner_text(".pg-subtitle").startswith(f"as of {year}-12-31 \u00b7 data: nato")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pg.CoverageWarning)
            expected = _sizes(ds.as_of(year), ds.nodes, "degree")
        shown = page.evaluate("() => Object.fromEntries(window.network.body.data.nodes.get().map(n => [n.id, n.size]))")
        assert shown == {n: expected[n] for n in shown}, year  # the size measure follows the date shown
        counts = page.inner_text("#pg-status")
        assert counts == f"{len(shown_ids(page))} nodes \u00b7 {len(visible_edge_ids(page))} edges shown"
    # Russia was an active partner in 1995; in 2024 its ties are suspended and do not count: sizes really change
    set_year(page, 1995)
    russia_1995 = page.evaluate("() => window.network.body.data.nodes.get('RUS').size")
    set_year(page, 2024)
    assert page.evaluate("() => window.network.body.data.nodes.get('RUS').size") == 9 < russia_1995
    legend = page.inner_text("#pg-legend")
    assert "Size: degree centrality on the date shown (it follows the slider)" in legend
    assert "Faded: no active tie on the date shown." in legend
    assert "Lines: each relation keeps its colour and line style in every map of this dataset." in legend
    assert opened.errors == []


def test_search_ranks_exact_then_prefix_then_words_and_offers_a_list(nato_page):
    ds, opened = nato_page
    page = opened.page
    # Georgia before the Commission, then the labels with a word that begins so, shorter first
    assert page.evaluate("() => window.pgMatches('georg')") == ["GEO", "ngc", "nato-georgia-exercise-2016", "anp"]
    assert page.evaluate("() => window.pgMatches('pfp')")[0] == "pfp"  # an exact id first
    assert page.evaluate("() => window.pgMatches('ukraine')")[0] == "UKR"
    page.fill("#pg-search", "georg")
    page.dispatch_event("#pg-search", "input")
    items = page.evaluate("() => [...document.querySelectorAll('#pg-matches li')].map(li => li.textContent)")
    assert items[:2] == ["Georgiacountry \u00b7 GEO", "NATO-Georgia Commissionframework \u00b7 ngc"] and len(items) == 4
    page.press("#pg-search", "Enter")
    assert page.evaluate("() => window.network.getSelectedNodes()") == ["GEO"]
    assert page.is_hidden("#pg-matches")
    # picking the second match from the list
    page.fill("#pg-search", "georg")
    page.dispatch_event("#pg-search", "input")
    page.click("#pg-matches li:nth-child(2)")
    assert page.evaluate("() => window.network.getSelectedNodes()") == ["ngc"]
    # a message clears on the next action
    page.fill("#pg-search", "zzzz")
    page.press("#pg-search", "Enter")
    assert page.inner_text("#pg-status") == "no node matches \u201czzzz\u201d"
    box = page.locator("#pg-network canvas").bounding_box()
    page.mouse.click(box["x"] + 5, box["y"] + 5)
    assert page.inner_text("#pg-status").endswith("edges shown")
    assert opened.errors == []


def test_whole_view_button_and_escape_fit_the_graph_again(nato_page):
    ds, opened = nato_page
    page = opened.page
    page.click("#pg-fit")  # vis-network measures labels as it draws them: the second fit uses every label's box
    page.wait_for_timeout(100)
    page.click("#pg-fit")
    fitted = page.evaluate("() => [window.network.getScale(), window.network.getViewPosition()]")
    page.evaluate("() => window.pgFocus('JPN')")
    assert page.evaluate("() => window.network.getScale()") > fitted[0]
    page.click("#pg-fit")
    assert page.evaluate("() => window.network.getScale()") == pytest.approx(fitted[0])
    page.evaluate("() => window.pgFocus('JPN')")
    page.keyboard.press("Escape")
    after = page.evaluate("() => [window.network.getScale(), window.network.getViewPosition()]")
    assert after[0] == pytest.approx(fitted[0]) and after[1]["x"] == pytest.approx(fitted[1]["x"])
    assert opened.errors == []


def test_a_focus_map_names_and_selects_its_focus_and_speaks_the_same_language(browser, nato_page, tmp_path):
    from partnergraph.export import relation_styles

    ds, full = nato_page
    opened = Opened(browser, pg.network_map(ds, focus="md", radius=1).save(tmp_path / "md.html"))
    try:
        page = opened.page
        assert "focus: Mediterranean Dialogue (md), within 1 step" in page.inner_text(".pg-subtitle")
        assert page.evaluate("() => window.network.getSelectedNodes()") == ["md"]
        assert "Mediterranean Dialogue" in page.inner_text("#pg-details")
        assert page.evaluate("() => window.network.body.data.nodes.get('md').borderWidth") == 4
        styles = relation_styles(ds)
        for opened_page in (page, full.page):
            for e in shown_edges(opened_page):
                if not e["inactive"]:
                    relation = opened_page.evaluate("(i) => window.network.body.data.edges.get(i).relation", e["id"])
                    assert (e["color"], e["dashes"]) == (styles[relation]["color"], styles[relation]["dashes"])
        legend = lambda p: p.evaluate("""() => Object.fromEntries([...document.querySelectorAll('input[data-relation]')]
            .map(b => [b.dataset.relation, b.parentElement.querySelector('line').getAttribute('stroke')]))""")
        in_focus, in_full = legend(page), legend(full.page)
        assert in_focus and all(in_full[r] == color for r, color in in_focus.items())
        assert opened.errors == []
    finally:
        opened.close()


#: Every node's shape and label as the page draws them: the shape a square of the node's size around its centre,
#: the label hung below it (vis-network: 11 px under the shape), as wide as the canvas measures its widest line in
#: the node's own font, a line's height each.
BOXES = """() => {
  const net = window.network, ctx = document.createElement('canvas').getContext('2d');
  const boxes = [];
  for (const id of net.body.data.nodes.getIds()) {
    const n = net.body.nodes[id], f = n.labelModule.fontOptions, s = n.options.size;
    ctx.font = (f.mod ? f.mod + ' ' : '') + f.size + 'px ' + f.face;
    const lines = String(n.options.label).split('\\n'), top = n.y + s + 11;
    const w = Math.max(...lines.map(line => ctx.measureText(line).width));
    boxes.push({id: id, what: 'node', l: n.x - s, r: n.x + s, t: n.y - s, b: n.y + s});
    boxes.push({id: id, what: 'label', l: n.x - w / 2, r: n.x + w / 2, t: top, b: top + lines.length * (f.size + 3)});
  }
  return boxes;
}"""


def overlapping(boxes):
    hits = []
    for i, p in enumerate(boxes):
        for q in boxes[i + 1:]:
            if p["id"] != q["id"] and p["l"] < q["r"] and q["l"] < p["r"] and p["t"] < q["b"] and q["t"] < p["b"]:
                hits.append((p["id"], p["what"], q["id"], q["what"]))
    return hits


@pytest.mark.parametrize("options", [{}, {"as_of": 1995}, {"focus": "md", "radius": 1}, {"focus": "GEO", "radius": 2},
                                     {"kinds": ["country", "framework"]}, {"size_by": "betweenness"}])
def test_no_two_labels_and_no_two_nodes_overlap(browser, tmp_path, options):
    ds = pg.load()
    opened = Opened(browser, pg.network_map(ds, **options).save(tmp_path / "map.html"))
    try:
        page = opened.page
        years = [None] + ([1995, 2004, 2026] if not options else [])  # sizes follow the slider: every year fits
        for year in years:
            if year:
                set_year(page, year)
            boxes = page.evaluate(BOXES)
            assert len(boxes) == 2 * len(shown_ids(page)) > 0
            assert overlapping(boxes) == [], (options, year)
        if not options:  # the bands read top to bottom: the frameworks, who is in them and takes part in what, the
            # activities, what those address
            tops = page.evaluate("""() => { const y = {}; for (const id of window.network.body.data.nodes.getIds()) {
                const n = window.network.body.nodes[id]; (y[n.options.kind] = y[n.options.kind] || []).push(n.y); }
                return Object.fromEntries(Object.entries(y).map(([k, v]) => [k, [Math.min(...v), Math.max(...v)]])); }""")
            order = sorted(tops, key=lambda k: tops[k][0])
            assert order == ["framework", "country", "activity", "threat"]
            assert all(tops[x][1] < tops[y][0] for x, y in zip(order, order[1:]))  # bands do not mix
        assert opened.errors == []
    finally:
        opened.close()


def test_a_hand_made_dataset_with_other_kinds_is_laid_out_without_overlaps(browser, tmp_path):
    from conftest import write_folder
    from test_time import HANDMADE

    extra = {"nodes.csv": HANDMADE["nodes.csv"] + "".join(f"N{i},nation,Nation with a long name number {i},,\n"
                                                          for i in range(30)),
             "memberships.csv": HANDMADE["memberships.csv"] + "".join(f"N{i},pact,{1990 + i % 20},,\n"
                                                                      for i in range(30))}
    ds = pg.load(write_folder(tmp_path / "hand", {**HANDMADE, **extra}))
    opened = Opened(browser, pg.network_map(ds).save(tmp_path / "hand.html"))
    try:
        page = opened.page
        assert overlapping(page.evaluate(BOXES)) == []
        assert len(shown_ids(page)) == 36 and opened.errors == []
        # the check sees an overlap when there is one: a node moved onto its neighbour's label
        page.evaluate("""() => { const n = window.network.body.nodes['N1'];
                                 window.network.moveNode('N2', n.x + 10, n.y + n.options.size + 14); }""")
        assert ("N1", "label", "N2", "node") in overlapping(page.evaluate(BOXES))
    finally:
        opened.close()


def test_a_map_of_events_shows_each_year_s_events(browser, tmp_path):
    """Exercises last days: few hold on 31 December, so the slider shows what held on at least one day of the year."""
    from conftest import write_folder
    from test_pairs import EXERCISE_FILES

    ds = pg.load(write_folder(tmp_path / "ex", EXERCISE_FILES))
    opened = Opened(browser, pg.network_map(ds).save(tmp_path / "ex.html"))
    try:
        page = opened.page
        assert page.inner_text("#pg-asof") == "during 2015" and page.inner_text("#pg-date") == "2015"
        for year in (1999, 2000, 2005, 2012):
            set_year(page, year)
            assert page.inner_text("#pg-asof") == f"during {year}"
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", pg.CoverageWarning)
                span = ds.during(year, year)
            expected = sorted(int(i) for i in ds.edges.reset_index().merge(
                span.edges, on=list(span.edges.columns))["index"])
            assert visible_edge_ids(page) == expected, year
            assert shown_ids(page) == set(span.nodes["id"]), year
        assert "each year shows those that held on at least one day of it" in page.inner_text("#pg-legend")
        assert opened.errors == []
    finally:
        opened.close()
