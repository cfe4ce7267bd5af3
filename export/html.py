"""The interactive HTML map: one self-contained file that opens offline.

pyvis assembles the node and edge records; the page around them is our own
template (pyvis's pulls Bootstrap from a CDN and writes ids into the page
unescaped). vis-network's script and style are inlined from pyvis's copy, the
data travels as JSON in a ``<script type="application/json">`` block, and the
page's script puts every text from the data into the page as text.
"""
from __future__ import annotations

import datetime as _dt
import html
import json
from importlib import resources

import networkx as nx
import numpy as np
from pyvis.edge import Edge
from pyvis.node import Node

from partnergraph.asof import overlapping, within
from partnergraph.atomic import write_atomic
from partnergraph.errors import PartnergraphError, a_kind

from .layout import compact_view, events_like, label_lines, layout_positions
from .style import (INACTIVE_STYLE, ROLE_COLORS, default_title, drawing_scope, kind_styles, node_sizes, relation_styles,
                    shown_relations)

__all__ = ["NetworkMap", "network_map", "MAX_NODES"]


class NetworkMap:
    """An interactive map of a dataset: ``.save(path)``, ``.html()``, and inline display in Jupyter.

    Made by :func:`network_map`; ``meta`` says what the map holds (title,
    dataset, content hash, date, node and edge counts, size measure).
    """

    def __init__(self, page: str, meta: dict):
        self._page = page
        self.meta = meta

    def html(self) -> str:
        """The whole page, as text.

        Returns
        -------
        str
            A self-contained HTML document (vis-network and the data inlined).

        Raises
        ------
        Nothing: the page was made with the map.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
        >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
        >>> page = network_map(pg.Dataset(nodes, edges)).html()
        >>> page.startswith("<!DOCTYPE html>"), "Partnership for Peace" in page
        (True, True)
        """
        return self._page

    def save(self, path):
        """Write the page to ``path`` atomically (a temporary file, then a rename), as UTF-8.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write (replaced if it exists).

        Returns
        -------
        pathlib.Path
            The path written.

        Raises
        ------
        partnergraph.atomic.OutputError
            When the file cannot be written (:func:`partnergraph.atomic.write_atomic`); nothing is left behind.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
        >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
        >>> m = network_map(pg.Dataset(nodes, edges), title="Nordic ties")
        >>> out = m.save(pathlib.Path(tempfile.mkdtemp()) / "map.html")
        >>> out.name, "<title>Nordic ties</title>" in out.read_text(encoding="utf-8")
        ('map.html', True)
        """
        return write_atomic(path, self._page)

    def _repr_html_(self) -> str:
        # an iframe holding the page: its scripts run in their own document, as
        # they do in classic Notebook, JupyterLab and VS Code alike
        return (
            '<iframe srcdoc="' + html.escape(self._page, quote=True) + '" '
            'style="width: 100%; height: 900px; border: 1px solid #e3e7ec;" '
            'sandbox="allow-scripts allow-popups" loading="eager"></iframe>'
        )

    def __repr__(self) -> str:
        return f"<NetworkMap {self.meta['title']!r}: {self.meta['nodes']} nodes, {self.meta['edges']} edges>"


#: The most nodes a map page holds unless told otherwise: measured in Chromium (README, "Maps at scale"), a
#: 10,000-node page draws in about 7 s and a 20,000-node one in about 16 s, past the 15 s a user will wait.
MAX_NODES = 15_000


def network_map(dataset, *, as_of=None, title: str | None = None, kinds=None, focus: str | None = None,
                radius: int = 1, size_by: str = "degree", seed: int = 7, max_nodes: int | None = MAX_NODES,
                color_by: str | None = None, groups: int = 4, role_kind: str = "country",
                role_via: str = "framework") -> NetworkMap:
    """An interactive, self-contained HTML map of a dataset.

    The page holds every node and edge of every date (of the nodes shown): its
    year slider shows the network as it stood at the end of each year without
    a reload (by the one time rule: a node in its lifetime, an edge in its own
    window and both endpoints' lifetimes; for data whose ties are events, each
    year's ties), and the map opens at ``as_of``. Node places come from a
    seeded layout of all dates (:func:`partnergraph.export.layout_positions`),
    so a node keeps its place whatever year is shown. Ties whose status is
    inactive (suspended) are drawn dotted and grey, with their own legend entry
    and toggle; they do not count towards node size, and a node with no other
    tie is faded.

    Parameters
    ----------
    dataset : Dataset
        A dataset, or a snapshot of one (its date is the default ``as_of``).
    as_of : year, month or ISO date, optional
        The date the map opens at. Default: a snapshot's own date, or for a
        loaded dataset the default date (:func:`partnergraph.asof.default_date`),
        so the file is the same on any day.
    title : str, optional
        The page's title. Default: the data's declared title, else
        "Partnership map: <name>" (:func:`partnergraph.export.style.default_title`).
    kinds : list of str, optional
        Show only nodes of these kinds (any case).
    focus : str, optional
        Show only the nodes within ``radius`` steps of this node (an id, or a
        label: :meth:`Dataset.resolve`), over all dates, so the slider can show
        the neighbourhood change.
    radius : int
        With ``focus``: how many steps (0 or more).
    size_by : {"degree", "betweenness", "closeness", "eigenvector", "pagerank", "none"}
        The centrality measure node size shows, computed at ``as_of``; the
        slider's years get their own sizes unless the page would grow too large.
    seed : int
        The layout's seed.
    max_nodes : int or None
        Refuse (:class:`PartnergraphError`, with advice) a page of more nodes
        than this, before the layout and the page are made: a browser cannot
        draw it usably. None: no limit.
    color_by : {None, "role"}, optional
        ``"role"``: colour the ``role_kind`` nodes by their role at ``as_of``
        (:func:`partnergraph.roles`: ``groups`` roles of alike portfolios over
        ``role_via`` nodes), with a legend of the roles.
    groups, role_kind, role_via
        For ``color_by="role"``.

    Returns
    -------
    NetworkMap
        The page; its ``meta`` holds the title, the dataset's name, title and
        content hash, ``as_of``, the counts of nodes and edges (every date) and
        of the edges active and suspended on ``as_of``, and ``size_by``.

    Raises
    ------
    partnergraph.DateError
        ``as_of`` is not a date.
    partnergraph.UnknownIdError
        ``focus`` is not an id or label of the dataset.
    partnergraph.PartnergraphError
        ``kinds`` names a kind the dataset does not have; ``size_by`` or
        ``color_by`` is unknown; ``focus`` names several nodes, is of a kind
        ``kinds`` leaves out, or ``radius`` is below 0; the map would hold more
        than ``max_nodes`` nodes; or ``color_by="role"`` cannot group the
        nodes (``groups`` below 1, ``role_kind`` or ``role_via`` not a kind, or
        both the same).

    See Also
    --------
    partnergraph.export.static_map : The same map as a picture, on one date.

    Examples
    --------
    >>> m = network_map(pg.load(), as_of=2024)
    >>> m.meta["as_of"], m.meta["dataset"]
    ('2024-12-31', 'nato')
    >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
    >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
    >>> network_map(pg.Dataset(nodes, edges), focus="Finland", radius=1)
    <NetworkMap 'Partnership map: dataset': 2 nodes, 1 edges>
    """
    from partnergraph import __version__

    if color_by not in (None, "role"):
        raise PartnergraphError(f"unknown colouring {color_by!r}; the map colours by kind, or by role")
    full, when, snap, nodes, all_kinds = drawing_scope(dataset, as_of=as_of, kinds=kinds, size_by=size_by)
    role_of = {}
    if color_by == "role":
        from partnergraph.portfolio import roles

        found = roles(full, role_kind, role_via, groups=groups, as_of=when.isoformat() if when else None)
        role_of = dict(zip(found["id"], found["role"]))
    if focus is not None:
        focus = full.resolve(focus)
        if radius < 0:
            raise PartnergraphError(f"radius must be 0 or more, got {radius}")
        if focus not in set(nodes["id"]):
            raise PartnergraphError(f"{focus!r} is {a_kind(full.kind_of(focus))}, which the kinds shown leave out; "
                                    f"add it to the kinds or focus on another node")
        near = nx.single_source_shortest_path_length(nx.Graph(full.graph), focus, cutoff=radius)
        nodes = nodes[nodes["id"].isin(set(near))]
    if max_nodes is not None and len(nodes) > max_nodes:
        raise PartnergraphError(
            f"the map would hold {len(nodes):,} nodes (of every date), more than {max_nodes:,}: a browser takes "
            f"too long to draw it; narrow it with --focus ID, --kinds K1,K2 or a folder of one period, or export "
            f"--format gexf for Gephi (--max-nodes N draws it anyway)")
    keep = set(nodes["id"])
    chosen = (full.edges["u"].isin(keep) & full.edges["v"].isin(keep)).to_numpy()
    edges = full.edges[chosen]
    # the one time rule, computed once for the dataset: node lifetimes and each edge's active window
    all_node_start, all_node_end, all_edge_start, all_edge_end = full.windows
    edge_start, edge_end = all_edge_start[chosen], all_edge_end[chosen]
    at = full.nodes["id"].isin(keep).to_numpy()
    node_start, node_end = all_node_start[at], all_node_end[at]
    nodes = full.nodes[at]
    inactive = full.inactive()[chosen]
    during = bool(when) and events_like(full)  # events: the slider shows each year's, not its last day's
    if during:
        active = overlapping(edge_start, edge_end, _dt.date(when.year, 1, 1), when)
        snap = _shown_at(full, when.year, during)
    else:
        active = within(edge_start, edge_end, when) if when else np.ones(len(edges), dtype=bool)

    styles = kind_styles(full.nodes["kind"])
    whole = focus is None and not kinds  # a map of part of the data gets a layout of that part
    pos = layout_positions(full, seed=seed, nodes=None if whole else keep, emphasis=focus)
    sizes = node_sizes(snap, nodes, size_by)
    relations = shown_relations(relation_styles(full), edges)

    vis = {nid: vis_id(nid) for nid in nodes["id"]}  # ids as vis-network may key its own plain objects by them
    # pyvis's Node and Edge make the vis-network records; Network.add_node/add_edge would also look each id up
    # in a list (quadratic: 7.6 s for 10,000 nodes and 40,000 edges), and every id here is known to exist
    node_records, edge_records = [], []
    extra_node_cols = [c for c in nodes.columns if c not in ("id", "kind", "label")]
    for rec, start, end in zip(nodes.to_dict("records"), _iso(node_start), _iso(node_end)):
        nid, kind = rec["id"], rec["kind"]
        x, y = pos[nid]
        colour = ROLE_COLORS[(role_of[nid] - 1) % len(ROLE_COLORS)] if nid in role_of else styles[kind]["color"]
        emphasis = {"borderWidth": 4, "color": {"background": colour, "border": "#1d2530"},
                    "font": {"size": 16, "bold": True}} if nid == focus else {"color": colour}
        node_records.append(Node(
            vis[nid], styles[kind]["shape"], label="\n".join(label_lines(str(rec["label"]) or vis[nid], **(
                {"font": 16, "bold": True} if nid == focus else {}))), pgLabel=str(rec["label"]) or vis[nid],
            size=sizes[nid], x=x, y=y, physics=False, kind=kind, start=start, end=end, pgId=nid,
            info=_fields(rec, extra_node_cols), **emphasis,
        ).options)
    extra_edge_cols = [c for c in edges.columns if c not in ("relation", "u", "v")]
    for i, rec, start, end, off in zip(edges.index, edges.to_dict("records"), _iso(edge_start), _iso(edge_end),
                                       inactive):
        style = INACTIVE_STYLE if off else relations[rec["relation"]]
        edge_records.append(Edge(  # directed, as pyvis needs to keep every row's edge (it merges undirected ones)
            vis[rec["u"]], vis[rec["v"]], True, id=int(i), relation=rec["relation"],
            arrows={"to": {"enabled": False}},
            color={"color": style["color"], "highlight": "#1d2530", "hover": "#1d2530"},
            dashes=style["dashes"], start=start, end=end, info=_fields(rec, extra_edge_cols),
            **({"inactive": True, "width": 1.0} if off else {}),
        ).options)

    years = _year_range([edge_start, edge_end, node_start, node_end], when)
    yearly = _yearly_sizes(full, nodes, size_by, [edge_start, edge_end, node_start, node_end], years, during)
    counts = nodes["kind"].value_counts().to_dict()
    shown_kinds = [k for k in all_kinds if k in counts]
    relation_counts = edges["relation"].value_counts().to_dict()
    name = full.name or "dataset"
    title = title if title is not None else default_title(full)
    meta = {
        "generator": "partnergraph",
        "version": __version__,
        "dataset": name,
        "dataset_title": full.title,
        "content_hash": full.content_hash(),
        "as_of": when.isoformat() if when else None,
        "title": title,
        "nodes": len(nodes),
        "edges": len(edges),
        "edges_as_of": int(active.sum()),
        "suspended_as_of": int((active & inactive).sum()),
        "size_by": size_by,
    }
    data = {
        "nodes": node_records,
        "edges": edge_records,
        "date": when.isoformat() if when else None,
        "during": during,
        "years": years,
        "kinds": [{"kind": k, **styles[k], "count": int(counts[k])} for k in shown_kinds],
        "relations": [{"relation": r, **relations[r], "count": int(relation_counts[r])} for r in relations],
        "inactive": {"count": int(inactive.sum()), "statuses": sorted(full.inactive_statuses), **INACTIVE_STYLE},
        "options": _options(len(nodes)),
        "sizes": yearly,
        "hideUnlinked": compact_view(full, nodes["id"].to_numpy()),  # a large map, or one of many past ties,
        # opens on what is linked on its date
        "focus": vis[focus] if focus is not None else None,
    }
    focus_text = ""
    if focus is not None:
        meta["focus"] = focus
        focus_text = (f"focus: {full.labels().get(focus, focus)} ({focus}), within {radius} "
                      f"step{'s' if radius != 1 else ''} \u00b7 ")
    shown_date = (f"during {when.year}" if during else f"as of {when.isoformat()}") if when else "undated"
    subtitle = (f'<span id="pg-asof">{html.escape(shown_date)}</span>'
                + html.escape(f" \u00b7 {focus_text}data: {name} (sha256 {meta['content_hash'][:12]}) \u00b7 "
                              f"partnergraph {__version__}"))
    page = _render(
        title=html.escape(title),
        subtitle=subtitle,
        version=html.escape(__version__),
        meta=_json_for_script(meta),
        data=_json_for_script(data),
        legend=_legend(shown_kinds, styles, counts, relations, relation_counts, int(inactive.sum()),
                       full.inactive_statuses) + _roles_legend(role_of, role_kind, role_via, when)
        + _reading(size_by, when, yearly is not None, bool(years), during),
        slider=_slider(years, when, during),
    )
    return NetworkMap(page, meta)


#: Names a plain JavaScript object already has: vis-network keys its own objects by node id, so a node
#: called "__proto__" or "constructor" would vanish or misbehave there.
_JS_OBJECT_NAMES = frozenset({
    "__proto__", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__", "constructor",
    "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf",
})
_VIS_PREFIX = "pg\u2063"  # an invisible separator no id from a file starts with by accident


def vis_id(node_id: str) -> str:
    """The id the page gives vis-network for a node: the id itself, or a prefixed one where a JavaScript object
    name would clash. The node's own id travels beside it as ``pgId``.

    Examples
    --------
    >>> vis_id("JPN"), vis_id("__proto__")
    ('JPN', 'pg\u2063__proto__')
    """
    text = str(node_id)
    return _VIS_PREFIX + text if text in _JS_OBJECT_NAMES or text.startswith(_VIS_PREFIX) else text


#: Labels smaller than this on screen (pixels) are not drawn: a zoomed-out view of a large map shows its shape, and
#: zooming in brings the labels back.
LABEL_THRESHOLD = 6

#: The most node sizes a page carries for its slider (years in which something changes, times nodes); past it, sizes
#: stay those of the date the map opens at, and the legend says so.
YEARLY_SIZES_MAX = 300_000


def _shown_at(full, year: int, during: bool):
    """What the slider shows at ``year``: the snapshot at its 31 December, or for events everything of the year (1
    January to 31 December); no coverage warning (the slider's last year may end past the coverage)."""
    import warnings

    from partnergraph.errors import CoverageWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CoverageWarning)
        return full.during(f"{year:04d}", f"{year:04d}") if during else full.as_of(f"{year:04d}-12-31")


def _yearly_sizes(full, nodes, size_by: str, bounds: list, years, during: bool = False) -> dict | None:
    """Node sizes for the slider: for each year in which a window begins or ends (so the snapshot at its end
    differs from the year before's), the sizes then (:func:`_shown_at`), in the order of ``nodes``. None when sizes
    do not depend on the date (``none``, undated data: no ``years``) or the page would carry too many
    (:data:`YEARLY_SIZES_MAX`)."""
    if size_by == "none" or not years:
        return None
    stamps = np.concatenate([b[~np.isnat(b)] for b in bounds])
    changes = sorted({years[0], *(int(y) for y in np.unique(stamps.astype("datetime64[Y]").astype(int) + 1970)
                                  if years[0] < y <= years[1])})
    if len(changes) * len(nodes) > YEARLY_SIZES_MAX:
        return None
    values = []
    for year in changes:
        sizes = node_sizes(_shown_at(full, year, during), nodes, size_by)
        values.append([sizes[n] for n in nodes["id"]])
    return {"measure": size_by, "years": changes, "values": values}


def _reading(size_by: str, when, follows: bool, dated: bool, during: bool = False) -> str:
    """The legend's "Reading the map": what size, fading and line styles mean."""
    shown = "in the year shown" if during else "on the date shown"
    if size_by == "none":
        size = "Size: by kind only."
    elif follows:
        size = f"Size: {size_by} centrality {shown} (it follows the slider); suspended ties do not count."
    else:
        size = (f"Size: {size_by} centrality {f'in {when.year}' if during else f'as of {when.isoformat()}'} "
                f"(too many nodes to follow the slider); suspended ties do not count." if when else
                f"Size: {size_by} centrality; suspended ties do not count.")
    lines = (["Years: the ties are events, so each year shows those that held on at least one day of it."]
             if during else []) + [
        size,
        f"Faded: no active tie {shown}" + ("." if dated else " (the data is undated)."),
        "Lines: each relation keeps its colour and line style in every map of this dataset."]
    return "\n".join(['<h2>Reading the map</h2>', '<ul class="pg-reading">',
                      *(f"<li>{html.escape(t)}</li>" for t in lines), "</ul>"])


def _iso(days: np.ndarray) -> list:
    """datetime64[D] values as ISO date strings, None where open (NaT), for the page's slider."""
    return [None if np.isnat(d) else str(d) for d in days]


def _year_range(bounds: list, when) -> list | None:
    """[first, last] year for the slider: the first year a window begins or ends to the latest, or None if undated."""
    stamps = np.concatenate([b[~np.isnat(b)] for b in bounds])
    if not len(stamps):
        return None
    years = stamps.astype("datetime64[Y]").astype(int) + 1970
    first, last = int(years.min()), int(years.max())
    if when:
        first, last = min(first, when.year), max(last, when.year)
    return [first, last]


def _fields(record: dict, columns) -> list[list[str]]:
    """The non-empty cells of a record as [name, text] pairs, for tooltips."""
    out = []
    for c in columns:
        value = record.get(c)
        if value is None or (isinstance(value, float) and value != value):
            continue
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        out.append([str(c), str(value)])
    return out


def _options(n_nodes: int) -> dict:
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "keyboard": {"enabled": True, "bindToWindow": False},
                        "multiselect": False, "hideEdgesOnDrag": n_nodes > 500},
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "system-ui, Arial, sans-serif", "strokeWidth": 3,
                                             "strokeColor": "#ffffff"},
                  "scaling": {"label": {"enabled": False, "drawThreshold": LABEL_THRESHOLD}}},
        "edges": {"smooth": False, "width": 1.2, "selectionWidth": 2},
    }


def _json_for_script(value) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' left as such."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_SHAPES_SVG = {
    "dot": '<circle cx="8" cy="8" r="6" fill="{c}"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8" fill="{c}"/>',
    "square": '<rect x="2" y="2" width="12" height="12" fill="{c}"/>',
    "triangle": '<polygon points="8,1 15,14 1,14" fill="{c}"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,15" fill="{c}"/>',
    "hexagon": '<polygon points="4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8" fill="{c}"/>',
    "star": '<polygon points="8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6" fill="{c}"/>',
}


def _legend(kinds, styles, counts, relations, relation_counts, inactive_count: int = 0,
            inactive_statuses=("suspended",)) -> str:
    lines = ["<h2>Kinds</h2>", '<ul class="pg-filter">']
    for i, k in enumerate(kinds):
        svg = _SHAPES_SVG[styles[k]["shape"]].format(c=html.escape(styles[k]["color"]))
        lines.append(
            f'<li><label><input type="checkbox" checked data-kind="{html.escape(k)}">'
            f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">{svg}</svg>'
            f'<span class="pg-kind">{html.escape(k)}</span></label><span class="pg-count">{counts[k]}</span></li>'
        )
    lines.append("</ul>")
    if relations:
        lines += ["<h2>Relations</h2>", '<ul class="pg-filter">']
        for r, style in relations.items():
            dash = "" if not style["dashes"] else f' stroke-dasharray="{" ".join(str(d) for d in style["dashes"])}"'
            lines.append(
                f'<li><label><input type="checkbox" checked data-relation="{html.escape(r)}">'
                f'<svg width="24" height="10" viewBox="0 0 24 10" aria-hidden="true"><line x1="0" y1="5" x2="24" y2="5" '
                f'stroke="{html.escape(style["color"])}" stroke-width="2"{dash}/></svg>'
                f'<span class="pg-relation">{html.escape(r)}</span></label>'
                f'<span class="pg-count">{relation_counts[r]}</span></li>'
            )
        lines.append("</ul>")
    if inactive_count:
        dash = " ".join(str(d) for d in INACTIVE_STYLE["dashes"])
        lines += ["<h2>Status</h2>", '<ul class="pg-filter">',
                  f'<li><label><input type="checkbox" checked id="pg-show-inactive">'
                  f'<svg width="24" height="10" viewBox="0 0 24 10" aria-hidden="true"><line x1="0" y1="5" x2="24" y2="5" '
                  f'stroke="{INACTIVE_STYLE["color"]}" stroke-width="2" stroke-dasharray="{dash}"/></svg>'
                  f'<span class="pg-relation">{html.escape(" or ".join(sorted(inactive_statuses)))}: '
                  f'formally there, not active</span></label>'
                  f'<span class="pg-count">{inactive_count}</span></li>', "</ul>"]
    return "\n".join(lines)


def _roles_legend(role_of: dict, kind: str, via: str, when) -> str:
    """The legend's roles (``color_by="role"``): each role's colour and how many nodes it holds."""
    if not role_of:
        return ""
    from collections import Counter

    counts = sorted(Counter(role_of.values()).items())
    date = f", as of {when.isoformat()}" if when else ""
    lines = ["<h2>Roles</h2>", f'<p class="pg-note">{html.escape(kind)} nodes grouped by alike portfolios over '
             f'{html.escape(via)} nodes (Signorino and Ritter\'s S{html.escape(date)}); other nodes keep their kind\'s '
             f'colour.</p>', '<ul class="pg-filter">']
    for role, count in counts:
        colour = ROLE_COLORS[(int(role) - 1) % len(ROLE_COLORS)]
        lines.append(f'<li><svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true"><circle cx="8" cy="8" '
                     f'r="6" fill="{colour}"/></svg><span class="pg-kind">role {int(role)}</span>'
                     f'<span class="pg-count">{int(count)}</span></li>')
    lines.append("</ul>")
    return "\n".join(lines)


def _slider(years, when, during: bool = False) -> str:
    """The year slider (absent for an undated dataset)."""
    if not years:
        return '<span class="pg-undated">undated data: no time slider</span>'
    value = when.year if when else years[1]
    label = (str(when.year) if during else when.isoformat()) if when else str(years[1])
    return (f'<label for="pg-year">Year</label><input type="range" id="pg-year" min="{years[0]}" max="{years[1]}" '
            f'step="1" value="{value}"><output id="pg-date" for="pg-year">{html.escape(label)}</output>')


def _asset(name: str) -> str:
    return resources.files("partnergraph.export").joinpath("templates", name).read_text(encoding="utf-8")


def _vis_asset(name: str) -> str:
    text = resources.files("pyvis").joinpath("lib", "vis-9.1.2", name).read_text(encoding="utf-8")
    # nothing in the library may close the element it is inlined into
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


def _render(**values) -> str:
    page = _asset("map.html")
    values = {"vis_css": _vis_asset("vis-network.css"), "vis_js": _vis_asset("vis-network.min.js"),
              "page_css": _asset("map.css"), "app_js": _asset("map.js"), **values}
    # one pass, so a value can never be taken for a placeholder
    out, rest = [], page
    while "{{" in rest:
        before, _, after = rest.partition("{{")
        key, _, rest = after.partition("}}")
        out.append(before)
        out.append(values[key])
    out.append(rest)
    return "".join(out)
