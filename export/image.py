"""Static pictures for reports: the network map and the coverage heatmap, as PNG, SVG or PDF (matplotlib).

The map uses the places of the HTML map of the whole dataset, its colours,
shapes and line styles, and places every label where it collides with no
other label and no node, when there is such a place.
Output is deterministic: SVG ids are salted with a fixed string and no date
is stamped into either format.
"""
from __future__ import annotations

import contextlib
import io
import warnings
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from partnergraph.atomic import write_atomic
from partnergraph.errors import PartnergraphError

from .layout import layout_positions
from .style import (INACTIVE_STYLE, default_title, drawing_scope, kind_styles, node_sizes, relation_styles,
                    shown_relations)

__all__ = ["StaticMap", "static_map", "coverage_heatmap", "evolution_picture", "FORMATS"]

FORMATS = ("png", "svg", "pdf")
_MARKERS = {"dot": "o", "diamond": "D", "square": "s", "triangle": "^", "triangleDown": "v", "hexagon": "h", "star": "*"}


def _plain(text) -> str:
    """Text that matplotlib draws as written (no $...$ mathematics), for places that take no parse_math."""
    return str(text).replace("$", r"\$")


def _format_of(path, fmt):
    fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise PartnergraphError(f"cannot draw {fmt or 'a file without a suffix'!r}; choose one of {', '.join(FORMATS)}")
    return fmt


@contextlib.contextmanager
def _quiet_glyphs():
    """matplotlib draws a character its fonts lack as a box: without a warning per character."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from font", category=UserWarning)
        yield


def _figure_bytes(fig: Figure, fmt: str, dpi: int) -> bytes:
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "partnergraph", "svg.fonttype": "none"}):
        metadata = {"svg": {"Date": None, "Creator": "partnergraph"},
                    "pdf": {"CreationDate": None, "Creator": "partnergraph", "Producer": None}}.get(
            fmt, {"Software": "partnergraph"})
        with _quiet_glyphs():
            fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata)
    return buffer.getvalue()


class StaticMap:
    """A drawn picture: ``.save(path)`` (PNG, SVG or PDF by suffix), ``.to_bytes(fmt)``; ``.labels`` the label boxes
    placed, ``.meta`` what it shows.

    Made by :func:`static_map`, :func:`coverage_heatmap` and :func:`evolution_picture`.
    """

    def __init__(self, figure: Figure, labels: list, meta: dict, dpi: int):
        self.figure = figure
        self.labels = labels
        self.meta = meta
        self.dpi = dpi

    def to_bytes(self, fmt: str = "png") -> bytes:
        """The picture in ``fmt``, the same bytes for the same picture on any day.

        Parameters
        ----------
        fmt : {"png", "svg", "pdf"}
            The format, in any case.

        Returns
        -------
        bytes

        Raises
        ------
        partnergraph.PartnergraphError
            When ``fmt`` is not one of :data:`FORMATS`.

        Examples
        --------
        >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
        >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
        >>> picture = static_map(pg.Dataset(nodes, edges))
        >>> picture.to_bytes()[:4], picture.to_bytes("SVG")[:5], picture.to_bytes("pdf")[:5]
        (b'\\x89PNG', b'<?xml', b'%PDF-')
        """
        return _figure_bytes(self.figure, _format_of("x." + fmt, fmt), self.dpi)

    def save(self, path, fmt: str | None = None):
        """Write the picture atomically (a temporary file, then a rename); the format comes from the suffix of
        ``path`` unless ``fmt`` is given.

        Parameters
        ----------
        path : str or os.PathLike
            The file to write (replaced if it exists).
        fmt : {"png", "svg", "pdf"}, optional
            The format, whatever the suffix. Default: the suffix's (any case).

        Returns
        -------
        pathlib.Path
            The path written.

        Raises
        ------
        partnergraph.PartnergraphError
            When the format is not one of :data:`FORMATS` (nothing is written).
        partnergraph.atomic.OutputError
            When the file cannot be written (:func:`partnergraph.atomic.write_atomic`); nothing is left behind.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
        ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
        >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
        >>> out = static_map(pg.Dataset(nodes, edges)).save(pathlib.Path(tempfile.mkdtemp()) / "map.svg")
        >>> out.name, out.read_bytes()[:5]
        ('map.svg', b'<?xml')
        """
        return write_atomic(path, self.to_bytes(_format_of(path, fmt)))

    def _repr_png_(self) -> bytes:
        return self.to_bytes("png")


def static_map(dataset, *, as_of=None, kinds=None, title: str | None = None, size_by: str = "degree",
               seed: int = 7, width: float = 16.0, height: float = 11.0, dpi: int = 150) -> StaticMap:
    """A static picture of the network on one date, with a legend, a title and the as-of date.

    It draws the nodes alive on the date and the edges active then, by the one
    time rule (:func:`partnergraph.asof.effective_windows`); ties with an
    inactive status (suspended) are drawn grey and dotted, and a node with no
    other tie is faded. Nodes sit where the HTML map of the whole dataset puts
    them (:func:`partnergraph.export.layout_positions`), with its colours,
    shapes and line styles; each label is placed beside its node where it
    covers no other label and no node, when there is such a place.

    Parameters
    ----------
    dataset : Dataset
        A dataset, or a snapshot of one (its date is the default ``as_of``).
    as_of : year, month or ISO date, optional
        Default: a snapshot's own date, or the default date
        (:func:`partnergraph.asof.default_date`).
    kinds : list of str, optional
        Draw only nodes of these kinds (any case).
    title : str, optional
        Default: the data's declared title, else "Partnership map: <name>".
    size_by : str
        As for the HTML map (:func:`partnergraph.export.network_map`).
    seed : int
        The layout's seed.
    width, height, dpi
        The figure's size in inches and its resolution (for PNG).

    Returns
    -------
    StaticMap
        Its ``meta`` holds ``as_of``, the counts of ``nodes`` and ``edges``
        drawn (``suspended`` among them), of ``labels`` placed, the
        ``dataset``'s name and the ``node_ids`` drawn.

    Raises
    ------
    partnergraph.DateError
        When ``as_of`` is not a date.
    partnergraph.PartnergraphError
        When ``size_by`` is unknown or a kind is not in the data.

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
    >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
    >>> m = static_map(pg.Dataset(nodes, edges), as_of=2024)
    >>> m.meta["as_of"], m.meta["nodes"], m.meta["labels"], m.to_bytes("png")[:4]
    ('2024-12-31', 3, 3, b'\\x89PNG')
    """
    full, when, snap, nodes, all_kinds = drawing_scope(dataset, as_of=as_of, kinds=kinds, size_by=size_by)
    nodes = nodes[nodes["id"].isin(set(snap.nodes["id"]))]  # alive on the date
    keep = set(nodes["id"])
    all_edges = full.edges[full.edges["u"].isin(keep) & full.edges["v"].isin(keep)]
    chosen = (snap.edges["u"].isin(keep) & snap.edges["v"].isin(keep)).to_numpy()
    edges = snap.edges[chosen]
    off = snap.inactive()[chosen]
    styles = kind_styles(full.nodes["kind"])
    relations = shown_relations(relation_styles(full), all_edges)
    pos = layout_positions(full, seed=seed)
    sizes = node_sizes(snap, nodes, size_by)
    working = edges[~off]
    linked = set(working["u"]) | set(working["v"])

    fig = Figure(figsize=(width, height))
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0.01, 0.01, 0.80, 0.90))
    ax.set_axis_off()
    xy = {n: (pos[n][0], -pos[n][1]) for n in nodes["id"]}  # the page's y axis points down
    xs = [p[0] for p in xy.values()] or [0.0]
    ys = [p[1] for p in xy.values()] or [0.0]
    # equal scales on both axes: widen the shorter side of the data box to the axes' shape
    pad = 60.0
    box_w, box_h = 0.80 * width, 0.90 * height
    units = max((max(xs) - min(xs) + 2 * pad) / box_w, (max(ys) - min(ys) + 2 * pad) / box_h)
    mid_x, mid_y = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    ax.set_xlim(mid_x - units * box_w / 2, mid_x + units * box_w / 2)
    ax.set_ylim(mid_y - units * box_h / 2, mid_y + units * box_h / 2)

    drawn = [(relation, style, working[working["relation"] == relation]) for relation, style in relations.items()]
    drawn.append(("inactive", INACTIVE_STYLE, edges[off]))
    for relation, style, rows in drawn:
        if rows.empty:
            continue
        segments = [(xy[u], xy[v]) for u, v in zip(rows["u"], rows["v"])]
        dashes = (0, tuple(d / 2 for d in style["dashes"])) if style["dashes"] else "solid"
        ax.add_collection(LineCollection(segments, colors=style["color"], linewidths=0.7, linestyles=[dashes],
                                         alpha=0.8, zorder=1))
    scale = 0.9  # page pixels -> points of marker diameter
    for kind in [k for k in all_kinds if k in set(nodes["kind"])]:
        group = nodes[nodes["kind"] == kind]
        marker = _MARKERS[styles[kind]["shape"]]
        for faded in (False, True):
            ids = [n for n in group["id"] if (n not in linked) == faded]
            if not ids:
                continue
            ax.scatter([xy[n][0] for n in ids], [xy[n][1] for n in ids], s=[(2 * sizes[n] * scale) ** 2 / 4 for n in ids],
                       marker=marker, c=styles[kind]["color"], edgecolors="#33404d", linewidths=0.4,
                       alpha=0.3 if faded else 1.0, zorder=2)

    with _quiet_glyphs():
        labels = _place_labels(fig, canvas, ax, nodes, xy, sizes, scale, linked)

    name = full.name or "dataset"
    heading = title if title is not None else default_title(full)
    fig.suptitle(heading, x=0.01, y=0.985, ha="left", va="top", fontsize=15, fontweight="bold", parse_math=False)
    fig.text(0.01, 0.935, (f"as of {when.isoformat()}" if when else "undated") +
             f"  \u00b7  {len(nodes)} nodes, {len(edges)} edges  \u00b7  data: {name} "
             f"(sha256 {full.content_hash()[:12]})", ha="left", va="top", fontsize=9, color="#5b6673",
             parse_math=False)
    handles = [Line2D([], [], linestyle="none", marker=_MARKERS[styles[k]["shape"]], markersize=8,
                      markerfacecolor=styles[k]["color"], markeredgecolor="#33404d", label=_plain(k))
               for k in all_kinds if k in set(nodes["kind"])]
    handles += [Line2D([], [], color=s["color"], linewidth=1.5,
                       linestyle=(0, tuple(d / 2 for d in s["dashes"])) if s["dashes"] else "solid", label=_plain(r))
                for r, s in relations.items()]
    if off.any():
        handles.append(Line2D([], [], color=INACTIVE_STYLE["color"], linewidth=1.5,
                              linestyle=(0, tuple(d / 2 for d in INACTIVE_STYLE["dashes"])),
                              label=_plain(" or ".join(sorted(full.inactive_statuses)) + " (not active)")))
    fig.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.82, 0.90), frameon=False, fontsize=9,
               title="kinds and relations", title_fontsize=9, alignment="left")
    meta = {"as_of": when.isoformat() if when else None, "nodes": len(nodes), "edges": len(edges),
            "suspended": int(off.sum()), "labels": len(labels), "dataset": name,
            "node_ids": sorted(keep)}
    return StaticMap(fig, labels, meta, dpi)


def _place_labels(fig, canvas, ax, nodes, xy, sizes, scale, linked) -> list:
    """Put each label beside its node where it overlaps no other label and no node; largest nodes first.

    Returns the placed labels' boxes in display pixels, as (id, x0, y0, x1, y1).
    """
    renderer = canvas.get_renderer()
    to_px = ax.transData.transform
    px_per_pt = fig.dpi / 72.0
    centres = {n: to_px(xy[n]) for n in nodes["id"]}
    radius = {n: sizes[n] * scale / 2 * px_per_pt for n in nodes["id"]}
    node_boxes = [(n, c[0] - radius[n], c[1] - radius[n], c[0] + radius[n], c[1] + radius[n]) for n, c in centres.items()]
    order = sorted(nodes.itertuples(index=False), key=lambda r: (-sizes[r.id], r.id))
    placed: list = []

    def clashes(box, own):
        x0, y0, x1, y1 = box
        for other in placed:
            if x0 < other[3] and other[1] < x1 and y0 < other[4] and other[2] < y1:
                return True
        for n, a0, b0, a1, b1 in node_boxes:
            if n != own and x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                return True
        return False

    for row in order:
        size = 8.0 if row.kind == "framework" else 7.0
        text = ax.text(0, 0, str(row.label), fontsize=size, zorder=3, color="#1d2530", parse_math=False,
                       alpha=1.0 if row.id in linked else 0.45)
        cx, cy = centres[row.id]
        r = radius[row.id] + 1.5
        extent = text.get_window_extent(renderer)
        w, h = extent.width, extent.height
        candidates = []
        for step in (0, 1, 2, 3, 4):
            gap = r + step * h
            candidates += [(cx - w / 2, cy - gap - h), (cx - w / 2, cy + gap), (cx + gap, cy - h / 2),
                           (cx - gap - w, cy - h / 2), (cx + gap * 0.7, cy - gap * 0.7 - h),
                           (cx - gap * 0.7 - w, cy - gap * 0.7 - h), (cx + gap * 0.7, cy + gap * 0.7),
                           (cx - gap * 0.7 - w, cy + gap * 0.7)]
        for x0, y0 in candidates:
            box = (x0, y0, x0 + w, y0 + h)
            if not clashes(box, row.id):
                break
        else:
            x0, y0 = candidates[0]
            box = (x0, y0, x0 + w, y0 + h)
        data_xy = ax.transData.inverted().transform((x0, y0))
        text.set_position(data_xy)
        text.set_horizontalalignment("left")
        text.set_verticalalignment("bottom")
        placed.append((row.id, *box))
    return placed


def coverage_heatmap(matrix, *, title: str = "Coverage", dpi: int = 150) -> StaticMap:
    """A heatmap of a coverage matrix (rows x columns, counts of paths), each cell labelled with its count.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Whole counts, one row and one column per node, as
        :func:`partnergraph.coverage_matrix` gives them; the index's and the
        columns' names label the axes (``row`` and ``column`` when unnamed).
    title : str
        The picture's title, drawn as written.
    dpi : int
        The resolution (for PNG).

    Returns
    -------
    StaticMap
        No labels; its ``meta`` holds the counts of ``rows`` and ``cols``.

    Raises
    ------
    Nothing of its own: ``matrix`` is drawn as given (a missing count cannot be drawn, and raises ValueError).

    Examples
    --------
    >>> counts = pd.DataFrame([[2, 0], [1, 3]], index=pd.Index(["FIN", "SWE"], name="country"),
    ...                       columns=pd.Index(["cyber", "terrorism"], name="threat"))
    >>> h = coverage_heatmap(counts, title="Nordic coverage")
    >>> h.meta, h.to_bytes("svg")[:5]
    ({'rows': 2, 'cols': 2}, b'<?xml')
    >>> coverage_heatmap(pg.coverage_matrix(pg.load(), as_of=2024)).to_bytes("svg")[:5]
    b'<?xml'
    """
    rows, cols = list(matrix.index), list(matrix.columns)
    values = matrix.to_numpy()
    width = max(6.0, 1.0 + 0.55 * len(cols) + 1.5)
    height = max(4.0, 1.6 + 0.38 * len(rows))
    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.16, 0.28, 0.70, 0.62))
    image = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0, vmax=max(1, values.max() if values.size else 1))
    ax.set_xticks(range(len(cols)), [_plain(c) for c in cols], rotation=45, ha="right", fontsize=8)
    ax.set_yticks(range(len(rows)), [_plain(r) for r in rows], fontsize=8)
    ax.set_xlabel(_plain(matrix.columns.name or "column"), fontsize=9)
    ax.set_ylabel(_plain(matrix.index.name or "row"), fontsize=9)
    top = values.max() if values.size else 0
    for i in range(len(rows)):
        for j in range(len(cols)):
            v = int(values[i, j])
            ax.text(j, i, str(v), ha="center", va="center", fontsize=7,
                    color="white" if top and v > top * 0.6 else "#1d2530")
    fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02, label="paths")
    fig.suptitle(title, x=0.02, y=0.98, ha="left", va="top", fontsize=12, fontweight="bold", parse_math=False)
    return StaticMap(fig, [], {"rows": len(rows), "cols": len(cols)}, dpi)


#: The panels of :func:`evolution_picture`: a title and the columns drawn in it.
EVOLUTION_PANELS = (
    ("Nodes and ties", ("nodes", "linked", "ties")),
    ("Density", ("density", "projection_density")),
    ("Connected parts", ("components",)),
    ("Mean degree", ("mean_degree",)),
    ("Transitivity of the projection", ("transitivity",)),
    ("Churn (ties changed since the year before)", ("churn",)),
)


def evolution_picture(frame, *, title: str = "Structure over time", dpi: int = 150) -> StaticMap:
    """Small multiples of :func:`partnergraph.yearly.evolution`: one panel per measure, years along the bottom.

    Six panels (:data:`EVOLUTION_PANELS`): nodes, linked nodes and ties;
    density and the projection's density; connected parts; mean degree;
    transitivity of the projection; churn.

    Parameters
    ----------
    frame : pandas.DataFrame
        What :func:`partnergraph.yearly.evolution` returns: a ``year`` column
        and the columns the panels draw.
    title : str
        The picture's title, drawn as written.
    dpi : int
        The resolution (for PNG).

    Returns
    -------
    StaticMap
        No labels; its ``meta`` holds the count of ``years``.

    Raises
    ------
    Nothing of its own: a ``frame`` without a column the panels draw raises KeyError.

    Examples
    --------
    >>> from partnergraph.yearly import evolution
    >>> picture = evolution_picture(evolution(pg.load(), first=1994, last=2000))
    >>> picture.meta, picture.to_bytes("svg")[:5]
    ({'years': 7}, b'<?xml')
    """
    fig = Figure(figsize=(12.0, 7.0))
    FigureCanvasAgg(fig)
    axes = fig.subplots(2, 3, sharex=True)
    years = frame["year"].to_numpy()
    for ax, (name, columns) in zip(axes.ravel(), EVOLUTION_PANELS):
        for column in columns:
            ax.plot(years, frame[column].to_numpy(dtype=float), marker="o", markersize=2.5, linewidth=1.4,
                    label=_plain(column.replace("_", " ")))
        ax.set_title(name, fontsize=10, loc="left")
        if columns == ("components",):
            from matplotlib.ticker import MaxNLocator

            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.grid(True, linewidth=0.4, alpha=0.5)
        ax.tick_params(labelsize=8)
        if len(columns) > 1:
            ax.legend(fontsize=7, frameon=False)
    for ax in axes[1]:
        ax.set_xlabel("year", fontsize=9)
    fig.suptitle(_plain(title), x=0.02, y=0.99, ha="left", va="top", fontsize=12, fontweight="bold")
    fig.subplots_adjust(left=0.06, right=0.98, top=0.88, bottom=0.09, wspace=0.25, hspace=0.35)
    return StaticMap(fig, [], {"years": len(years)}, dpi)
