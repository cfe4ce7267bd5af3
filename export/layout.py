"""Where each node sits on a map.

Two layouts, one chosen by the data:

* **bands by kind** (most data: two kinds or more, most links between kinds):
  each kind is a horizontal band, the bands in the order that keeps linked
  kinds next to each other (the bundled data reads top to bottom: countries,
  frameworks, activities, threats: who is in what, what it offers, what that
  addresses). Within a band, nodes are ordered by the mean place of their
  neighbours (Sugiyama's barycentre heuristic, swept down and up), then packed
  into staggered rows. Every node's box (its largest size and its label, as
  wide as the label's text in DejaVu Sans) is placed beside the others, never
  on them, so nothing overlaps by construction; the band width is the one that
  lets the whole map fit a screen at the largest scale.
* **forces** (one kind, or links mostly within kinds, as country-country
  ties): each connected part on its own, then the parts packed in rows:

  1. a global shape from pivot MDS (Brandes and Pich): breadth-first distances
     from up to 50 pivots, turned into 2-D coordinates by a singular value
     decomposition, so nodes few links apart sit close;
  2. a local refinement by Fruchterman-Reingold forces, where linked nodes
     attract and only nodes nearer than two link lengths repel (found with a
     k-d tree, so each step costs about the number of nodes);
  3. in pixels, nodes closer than a node's width are pushed apart, and nodes
     whose boxes overlap are parted along the axis that overlaps least.

Every step is seeded or deterministic: the same data and seed give the same places.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = ["layout_positions"]

_SPACING = 70.0  # pixels between neighbours, roughly
_PIVOTS = 50
_REFINE_STEPS = 60
_LABEL_HEIGHT = 52.0
#: Pair visits the label-parting rounds may make in one part, in all passes (under two seconds of work).
_PARTING_BUDGET = 5e6


#: How a node is drawn on the map, for the room it needs: its size is a base per kind plus up to GROWTH pixels for
#: the size measure; its label (LABEL_FONT pixels) hangs LABEL_GAP pixels below the node, LABEL_HEIGHT tall.
BASE_SIZE = {"framework": 16, "threat": 12, "activity": 12}
OTHER_BASE_SIZE = 9
GROWTH = 18.0
LABEL_FONT = 14.0
LABEL_GAP = 11.0
LABEL_HEIGHT = 18.0
#: Room kept clear around each box, and between bands.
_PAD = 5.0
_BAND_GAP = 56.0
#: Rounds of barycentre sweeps (each down the bands and up again).
_SWEEPS = 4
#: From this many nodes a map opens with "hide unlinked" checked (its first view shows the network of its date), and
#: the band width is chosen for that view.
LARGE_MAP = 500
#: A map of at least COMPACT_FROM nodes where at least STALE_SHARE of them have no tie on the default date (ended
#: operations, past exercises) lays out the view of that date first, like a large map, and the rest below it.
COMPACT_FROM = 100
STALE_SHARE = 0.25
#: The screen shapes the band width is chosen for: the map's drawing area on a laptop, and in a notebook's output
#: (the legend under the map); the width chosen is the one whose worse fit of the two is best.
_SCREENS = ((1100.0, 800.0), (980.0, 590.0))


def layout_positions(dataset, *, seed: int = 7, nodes=None, emphasis: str | None = None
                     ) -> dict[str, tuple[float, float]]:
    """Node positions (pixels) of every node of every date, or of ``nodes`` only.

    The layout uses every edge of every date, so a node keeps its place
    whatever date the map shows; the same data and seed give the same places.
    ``nodes`` (ids) lays out only those and the links between them (a
    ``--focus`` or ``--kinds`` map); ``emphasis`` names a node drawn with a
    larger bold label, given the room for it. Which layout (bands by kind, or
    forces) the data gets is told in this module's description.

    Parameters
    ----------
    dataset : Dataset
        A dataset or a snapshot of one: its whole dataset is laid out.
    seed : int
        The seed of the layout's random choices.
    nodes : iterable of str, optional
        Lay out only these ids; ids the dataset lacks are left out. Default: every node.
    emphasis : str, optional
        The id of a node drawn with a larger bold label (a map's focus).

    Returns
    -------
    dict
        ``{id: (x, y)}``, in pixels rounded to 0.1, ``y`` growing downwards (as
        on the page); empty when no node is laid out. A new dict on every call
        (the layout itself is computed once per dataset and choice, and cached).

    Raises
    ------
    Nothing for a loaded dataset: any dataset, even one with no edge, has a layout.

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Finland", "Sweden", "Partnership for Peace"]})
    >>> edges = pd.DataFrame({"relation": ["memberships", "memberships"], "u": ["FIN", "SWE"], "v": ["pfp", "pfp"]})
    >>> pos = layout_positions(pg.Dataset(nodes, edges))
    >>> pos == layout_positions(pg.Dataset(nodes, edges)), pos["FIN"][1] == pos["SWE"][1] < pos["pfp"][1]
    (True, True)
    >>> sorted(layout_positions(pg.Dataset(nodes, edges), nodes=["FIN", "pfp", "XXX"]))
    ['FIN', 'pfp']
    """
    full = dataset.full
    key = (seed, None if nodes is None else tuple(sorted(map(str, nodes))), emphasis)
    cache = full.__dict__.setdefault("_layout_cache", {})  # the tables do not change: lay them out once per choice
    if key not in cache:
        cache[key] = _layout(full, seed, None if nodes is None else set(map(str, nodes)), emphasis)
    return dict(cache[key])


#: Labels longer than this many characters are drawn on two lines (three past twice as many), broken between words
LABEL_WRAP = 18


def label_lines(label: str, font: float = LABEL_FONT, *, bold: bool = False) -> list:
    """A label as the map draws it: one line, or for a long one two or three lines broken between words so the
    widest line is as narrow as can be.

    >>> label_lines("Georgia")
    ['Georgia']
    >>> label_lines("Defence and Related Security Capacity Building Initiative")
    ['Defence and Related', 'Security Capacity', 'Building Initiative']
    """
    label = str(label)
    words = label.split()
    if len(label) <= LABEL_WRAP or len(words) < 2:
        return [label]
    from itertools import combinations

    count = 2 if len(label) <= 2 * LABEL_WRAP or len(words) < 3 else 3
    cuts = min(combinations(range(1, len(words)), count - 1),  # the first of the narrowest, as cuts come in order
               key=lambda cut: max(text_width(" ".join(words[a:b]), font, bold=bold)
                                   for a, b in zip((0, *cut), (*cut, len(words)))))
    return [" ".join(words[a:b]) for a, b in zip((0, *cuts), (*cuts, len(words)))]


def node_box(kind: str, label: str, emphasised: bool = False) -> tuple[float, float, float]:
    """The room a node needs on the map, around its centre: (half width, above, below), in pixels.

    Its largest size (the kind's base plus the size measure's growth) above and
    below the centre, its label under it (one line, or a long label on two or
    three, :func:`label_lines`), as wide as its widest line, and a margin.

    >>> node_box("country", "Georgia")
    (33.0, 32.0, 61.0)
    >>> node_box("country", "Bosnia and Herzegovina")  # on two lines
    (49.0, 32.0, 79.0)
    """
    size = BASE_SIZE.get(str(kind).casefold(), OTHER_BASE_SIZE) + GROWTH
    font = LABEL_FONT + 2 if emphasised else LABEL_FONT
    lines = label_lines(label, font, bold=emphasised)
    width = max(text_width(line, font, bold=emphasised) for line in lines)
    half = max(size, width / 2) + _PAD
    return (float(round(half)), size + _PAD,
            size + LABEL_GAP + LABEL_HEIGHT * len(lines) + (2 if emphasised else 0) + _PAD)


_ADVANCES: dict = {}


def text_width(text: str, font: float = LABEL_FONT, *, bold: bool = False) -> float:
    """The width of ``text`` in DejaVu Sans (the browser's sans-serif here; wider than most), in pixels, from each
    character's advance (read once from the font matplotlib ships); a character the font lacks counts as wide as
    the font size.

    >>> round(text_width("Georgia"))
    55
    """
    table = _ADVANCES.get(bold)
    if table is None:
        from matplotlib import font_manager
        from matplotlib.ft2font import FT2Font

        face = FT2Font(font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans",
                                                                         weight="bold" if bold else "normal")))
        face.set_size(100, 72)  # advances at 100 px, scaled to the size asked
        table = {}
        for code, glyph in face.get_charmap().items():
            if code < 0x3000:
                table[chr(code)] = face.load_glyph(glyph).linearHoriAdvance / 65536 / 100
        _ADVANCES[bold] = table
    return font * sum(table.get(c, 1.0) for c in str(text))


def _layout(full, seed: int, only: set | None, emphasis: str | None) -> dict[str, tuple[float, float]]:
    from partnergraph.progress import Progress

    from partnergraph.graphs import simple_pairs

    ids, a, b, _ = simple_pairs(full)
    kind_of = dict(zip(full.nodes["id"].astype(str), full.nodes["kind"].astype(str)))
    # the bands' order comes from the whole dataset, so every map of it stacks the kinds alike
    bands = kind_order(np.array([kind_of.get(str(i), "") for i in ids], dtype=object), a, b)
    if only is not None:
        keep = np.array([i in only for i in ids], dtype=bool)
        inside = keep[a] & keep[b]
        renumber = np.cumsum(keep) - 1
        ids, a, b = ids[keep], renumber[a[inside]], renumber[b[inside]]
    n = len(ids)
    if n == 0:
        return {}
    label_of = dict(zip(full.nodes["id"].astype(str), full.nodes["label"].astype(str)))
    kinds = np.array([kind_of.get(str(i), "") for i in ids], dtype=object)
    boxes = np.array([node_box(kinds[k], label_of.get(str(i), str(i)) or str(i), str(i) == emphasis)
                      for k, i in enumerate(ids)], dtype=float).reshape(-1, 3)
    if len(set(kinds)) > 1 and (len(a) == 0 or (kinds[a] != kinds[b]).mean() >= 0.5):
        current = _current(full, ids)
        xy = _bands(kinds, a, b, boxes, [k for k in bands if k in set(kinds)], seed, current)
        return {str(i): (round(float(x), 1), round(float(y), 1)) for i, (x, y) in zip(ids, xy)}
    part = _parts(n, a, b)
    sizes = np.bincount(part)
    first = np.full(len(sizes), n)
    np.minimum.at(first, part, np.arange(n))
    order = sorted(range(len(sizes)), key=lambda p: (-sizes[p], first[p]))  # largest first, then by first id
    widths = 2 * boxes[:, 0]  # a label below each node
    members = np.argsort(part, kind="stable")
    starts = np.r_[0, np.cumsum(np.bincount(part[members], minlength=len(sizes)))]
    edge_part = part[a]
    edge_order = np.argsort(edge_part, kind="stable")
    edge_starts = np.r_[0, np.cumsum(np.bincount(edge_part, minlength=len(sizes)))]
    blocks = []
    bar = Progress("laying out the map", n)
    done = 0
    try:
        for p in order:
            nodes = members[starts[p]:starts[p + 1]]  # in id order
            chosen = edge_order[edge_starts[p]:edge_starts[p + 1]]
            local = pd.Index(nodes)
            xy = _part_layout(len(nodes), local.get_indexer(a[chosen]), local.get_indexer(b[chosen]), widths[nodes],
                              seed)
            blocks.append(dict(zip(ids[nodes].tolist(), map(tuple, xy.tolist()))))
            done += len(nodes)
            bar.update(done)
    finally:
        bar.close()
    return _pack(blocks)


def kind_order(kinds, a: np.ndarray, b: np.ndarray) -> list:
    """The order of the bands: the one that keeps linked kinds close (least total band distance over the links
    between kinds), the kind with the most nodes first among equals, then by name. Tried in full for up to 7
    kinds; past that, the kinds by number of nodes.

    >>> kinds = np.array(["country"] * 3 + ["framework", "threat", "activity"], dtype=object)
    >>> kind_order(kinds, np.array([0, 1, 2, 3, 3, 5]), np.array([3, 3, 3, 5, 4, 4]))
    ['country', 'framework', 'activity', 'threat']
    """
    import itertools

    names, counts = np.unique(kinds, return_counts=True)
    size = dict(zip(names.tolist(), counts.tolist()))
    by_size = sorted(size, key=lambda k: (-size[k], k))
    if len(names) > 7:
        return by_size
    index = {k: i for i, k in enumerate(names.tolist())}
    ka = np.array([index[k] for k in kinds[a]], dtype=np.int64) if len(a) else np.empty(0, dtype=np.int64)
    kb = np.array([index[k] for k in kinds[b]], dtype=np.int64) if len(b) else np.empty(0, dtype=np.int64)
    links = np.zeros((len(names), len(names)))
    np.add.at(links, (ka, kb), 1.0)
    links = links + links.T
    best = None
    for order in itertools.permutations(by_size):
        place = np.array([order.index(k) for k in names.tolist()], dtype=float)
        cost = float((links * np.abs(place[:, None] - place[None, :])).sum())
        key = (cost, [by_size.index(k) for k in order])  # equal cost: the larger kinds first
        if best is None or key < best[0]:
            best = (key, list(order))
    return best[1]


def events_like(full) -> bool:
    """Whether the data's ties are events (exercises of a few days) rather than standing ties (memberships of
    years): most dated ties hold for less than a year. A map of events shows each year's ties *during* the year,
    since few hold on its last day.

    >>> events_like(pg.load())
    False
    """
    cached = full.__dict__.get("_events_like")
    if cached is None:
        start, end = full.windows[2:]
        both = ~np.isnat(start) & ~np.isnat(end)
        dated = ~np.isnat(start) | ~np.isnat(end)
        short = np.zeros(len(start), dtype=bool)
        short[both] = (end[both] - start[both]).astype("timedelta64[D]").astype(np.int64) < 365
        cached = bool(short.sum() >= 0.5 * dated.sum()) if dated.any() else False
        full.__dict__["_events_like"] = cached
    return cached


def compact_view(full, ids) -> bool:
    """Whether a map of ``ids`` opens on what is linked on its date, unlinked nodes hidden: a large map, or one of
    :data:`COMPACT_FROM` nodes or more where at least :data:`STALE_SHARE` of them have no tie on the default date (the
    layout puts them below the rest).

    >>> compact_view(pg.load(), pg.load().nodes["id"].to_numpy())
    True
    """
    ids = np.asarray(ids, dtype=object)
    return bool(len(ids) >= LARGE_MAP or (len(ids) >= COMPACT_FROM and (~_current(full, ids)).mean() >= STALE_SHARE))


def _current(full, ids: np.ndarray) -> np.ndarray:
    """Which of ``ids`` have an active tie on the data's default date (the date a map opens at unless told; for
    events, in its year): they come first in their band, so the view of that date, unlinked nodes hidden, is
    compact. The same for every map of the dataset, whatever date it opens at."""
    import warnings

    from partnergraph.asof import default_date
    from partnergraph.errors import CoverageWarning

    when = default_date(full)
    if when is None:
        return np.ones(len(ids), dtype=bool)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CoverageWarning)
        if events_like(full):  # events: those of the default date's year
            snap = full.during(f"{when.year:04d}", when).without_inactive()
        else:
            snap = full.snapshot(when, include_suspended=False)
    linked = set(snap.edges["u"].astype(str)) | set(snap.edges["v"].astype(str))
    return np.array([str(i) in linked for i in ids], dtype=bool)


def _bands(kinds: np.ndarray, a: np.ndarray, b: np.ndarray, boxes: np.ndarray, order_of_kinds: list,
           seed: int = 7, current: np.ndarray | None = None) -> np.ndarray:
    """Bands by kind, top to bottom in ``order_of_kinds``: places (pixels) for nodes of the ``kinds`` given, links
    ``a``-``b``, boxes (half width, above, below) from :func:`node_box`. Nothing overlaps: each node's box is
    packed beside the others. Nodes ``current`` (linked on the default date) come first in their band, then the
    others, then those with no link at all."""
    n = len(kinds)
    stale = ~current if current is not None else np.zeros(n, dtype=bool)
    band = np.array([order_of_kinds.index(k) for k in kinds], dtype=np.int64)
    # the place of each node along its band, from 0 to 1, refined by barycentre sweeps
    rank = np.zeros(n)
    start = _first_axis(n, a, b, seed)  # a first order: along the graph's main axis, so related nodes start close
    for k in range(len(order_of_kinds)):
        members = np.flatnonzero(band == k)
        members = members[np.argsort(start[members], kind="stable")]
        rank[members] = np.arange(len(members)) / max(len(members) - 1, 1)
    both_a, both_b = np.r_[a, b], np.r_[b, a]
    degree = np.bincount(both_a, minlength=n)
    sweeps = list(range(len(order_of_kinds))) + list(range(len(order_of_kinds) - 2, -1, -1))
    for _ in range(_SWEEPS):
        for k in sweeps:  # down the bands, then up: each band ordered by its neighbours' mean place
            total = np.bincount(both_a, weights=rank[both_b], minlength=n)
            centre = np.where(degree > 0, total / np.maximum(degree, 1), rank)
            members = np.flatnonzero(band == k)
            lonely = degree[members] == 0  # nodes with no link here go to the end of their band
            order = members[np.lexsort((rank[members], centre[members], stale[members], lonely))]
            rank[order] = np.arange(len(order)) / max(len(order) - 1, 1)
    # a large map: each band in two blocks, the nodes linked on the default date, then the rest; every band's first
    # block is stacked, then the rest, so its first view (unlinked nodes hidden) is compact
    first_view = n >= LARGE_MAP or (n >= COMPACT_FROM and stale.mean() >= STALE_SHARE)
    blocks = []
    for k in range(len(order_of_kinds)):
        members = np.flatnonzero(band == k)
        members = members[np.argsort(rank[members], kind="stable")]  # the linked ones first
        if first_view:
            blocks.append((members[~stale[members]], members[stale[members]]))
        else:  # a small map: one block per band, the rest at its end
            blocks.append((members, members[:0]))
    widths = 2 * boxes[:, 0]
    # the band width: the one at which the map fits the screen at the largest scale (a large map: its first view)
    low, high = float(widths.max()), float(widths.sum())
    from partnergraph.progress import Progress

    best = None
    targets = np.unique(np.geomspace(low, max(high, low), 60).round())
    bar = Progress("laying out the map", len(targets))
    try:
        for done, target in enumerate(targets, 1):
            placed = [(_packed_band(now, widths, boxes, float(target)), _packed_band(rest, widths, boxes, float(target)))
                      for now, rest in blocks]
            bar.update(done)
            seen = [(p[0],) if first_view else p for p in placed]
            width = max(part[2] for parts in seen for part in parts)
            height = sum(part[3] for parts in seen for part in parts) + _BAND_GAP * (len(seen) - 1)
            scale = min(min(w / width, h / height) for w, h in _SCREENS) if width and height else 0.0
            if best is None or scale > best[0] + 1e-9:
                best = (scale, placed)
    finally:
        bar.close()
    xy = np.zeros((n, 2))
    top = 0.0
    if first_view:  # a large map: every band's linked block, then (below, out of the first view) the rest
        stacked = [(m[0], p[0]) for m, p in zip(blocks, best[1])] + [(m[1], p[1]) for m, p in zip(blocks, best[1])]
    else:  # each band's two blocks together
        stacked = [(group, part) for m, p in zip(blocks, best[1]) for group, part in zip(m, p)]
    for i, (group, (x, y, width, height)) in enumerate(stacked):
        xy[group, 0] = x - width / 2  # each block centred
        xy[group, 1] = y + top
        ends_band = len(group) > 0 if first_view else i % 2 == 1
        top += height + (_BAND_GAP if ends_band else 0.0)
    return xy


def _first_axis(n: int, a: np.ndarray, b: np.ndarray, seed: int) -> np.ndarray:
    """Each node's place along the graph's main axis (pivot MDS's first coordinate, seeded); nodes another part
    cannot reach count as one link farther than the farthest reached."""
    if n < 3 or not len(a):
        return np.arange(n, dtype=float)
    return _pivot_mds(n, a, b, seed)[:, 0]


def _packed_band(members: np.ndarray, widths: np.ndarray, boxes: np.ndarray, target: float):
    """One band's nodes, in their order, packed into as few staggered rows as keep it within ``target`` pixels:
    node k goes to row k mod R, each row packed left to right, a row shifted by its share of a mean box so the
    rows interleave. Returns (x of each member, y of each member, band width, band height)."""
    if not len(members):
        return np.empty(0), np.empty(0), 0.0, 0.0
    w = widths[members]
    above, below = float(boxes[members, 1].max()), float(boxes[members, 2].max())
    step = float(w.mean())

    def packed(rows: int):
        row = np.arange(len(w)) % rows
        order = np.argsort(row, kind="stable")  # each row's nodes together, in their order
        ends = np.cumsum(w[order])
        first = np.searchsorted(row[order], np.arange(rows))  # where each row begins in ``order``
        before = np.r_[0.0, ends][first][row[order]]  # the widths of the rows before, to take off
        x = np.empty(len(w))
        x[order] = ends - before - w[order] / 2 + row[order] * step / rows
        return x, row, float((x + w / 2).max())

    low, high = 1, len(w)  # the fewest rows that fit (a band of one node per row always does)
    while low < high:
        mid = (low + high) // 2
        if packed(mid)[2] <= target:
            high = mid
        else:
            low = mid + 1
    x, row, width = packed(low)
    return x, row * (above + below) + above, width, low * (above + below)


def _parts(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The connected part of each node, numbered (scipy's connected components on the sparse adjacency)."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    matrix = coo_matrix((np.ones(len(a), dtype=np.int8), (a, b)), shape=(n, n))
    return connected_components(matrix, directed=False)[1]


def _part_layout(n: int, a: np.ndarray, b: np.ndarray, widths: np.ndarray, seed: int) -> np.ndarray:
    """One connected part of ``n`` nodes (links ``a``-``b``, local numbers), in pixels, centred on (0, 0)."""
    if n == 1:
        return np.zeros((1, 2))
    xy = _pivot_mds(n, a, b, seed)
    # forces work at about one node per unit of area: scale the shape to that before refining it
    xy -= xy.mean(axis=0)
    xy *= 0.6 * math.sqrt(n) / (np.sqrt((xy ** 2).sum(axis=1).mean()) or 1.0)
    xy = _refined(xy, a, b)
    xy -= np.median(xy, axis=0)
    # most nodes (not a few stragglers at the edge) fill a disc whose area grows with the number of nodes
    spread = float(np.quantile(np.sqrt((xy ** 2).sum(axis=1)), 0.9)) or 1.0
    xy *= _SPACING * max(1.0, 0.9 * math.sqrt(n)) / spread
    xy = _pushed_apart(xy, 0.8 * _SPACING)
    budget = _PARTING_BUDGET
    for _ in range(4):  # a crowd the rounds cannot part gets more room, and is parted again
        xy, left, used = _parted_labels(xy, widths, _LABEL_HEIGHT, budget)
        budget -= used
        if not left or budget <= 0:
            break
        xy *= 1.25
    return xy


def _pivot_mds(n: int, a: np.ndarray, b: np.ndarray, seed: int) -> np.ndarray:
    """A 2-D layout whose distances follow the link distances (pivot MDS), in link lengths, slightly jittered so
    that no two nodes coincide."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import shortest_path

    rng = np.random.default_rng(seed)
    adjacency = coo_matrix((np.ones(len(a)), (a, b)), shape=(n, n)).tocsr()
    k = min(_PIVOTS, n)
    pivots = [int(rng.integers(n))]
    far = np.full(n, np.inf)
    rows = []
    for _ in range(k):  # each next pivot is the node farthest from those chosen (max-min): they span the part
        d = shortest_path(adjacency, directed=False, unweighted=True, indices=pivots[-1])
        reached = np.isfinite(d)
        if not reached.all():  # another part: one link farther than the farthest node reached
            d[~reached] = d[reached].max() + 1
        rows.append(d)
        far = np.minimum(far, d)
        nxt = int(np.argmax(far))
        if far[nxt] == 0:
            break
        pivots.append(nxt)
    d2 = np.array(rows).T ** 2  # n x k
    c = -0.5 * (d2 - d2.mean(axis=0) - d2.mean(axis=1, keepdims=True) + d2.mean())
    left, sv, _ = np.linalg.svd(c, full_matrices=False)
    xy = left[:, :2] * sv[:2] if left.shape[1] >= 2 else np.column_stack([left[:, 0] * sv[0], np.zeros(n)])
    return xy + rng.normal(scale=0.05, size=(n, 2))


def _refined(xy: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Fruchterman-Reingold steps with a cut-off: linked nodes attract (d^2/k), nodes nearer than 2k repel (k^2/d);
    the step shrinks each round. In link lengths (k = 1)."""
    from scipy.spatial import cKDTree

    xy = xy.copy()
    n = len(xy)
    step = 0.5
    for _ in range(_REFINE_STEPS):
        force = np.zeros_like(xy)
        i, j = cKDTree(xy).query_pairs(2.0, output_type="ndarray").T
        if len(i):
            delta = xy[i] - xy[j]
            dist2 = np.maximum((delta ** 2).sum(axis=1), 1e-6)
            push = delta / dist2[:, None]  # k^2 / d along the unit vector
            force += _summed(i, push, n) - _summed(j, push, n)
        if len(a):
            delta = xy[a] - xy[b]
            pull = delta * np.sqrt((delta ** 2).sum(axis=1))[:, None]  # d^2 / k along the unit vector
            force += _summed(b, pull, n) - _summed(a, pull, n)
        length = np.sqrt((force ** 2).sum(axis=1))
        xy += force / np.maximum(length, 1e-9)[:, None] * np.minimum(length, step)[:, None]
        step *= 0.95
    return xy


def _summed(at: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """Per node, the sum of the 2-D ``values`` of the pairs that name it in ``at``."""
    return np.column_stack([np.bincount(at, weights=values[:, 0], minlength=n),
                            np.bincount(at, weights=values[:, 1], minlength=n)])


def _pushed_apart(xy: np.ndarray, gap: float, rounds: int = 60) -> np.ndarray:
    """Move nodes that sit closer than ``gap`` apart, a little each round, so labels do not pile up."""
    from scipy.spatial import cKDTree

    xy = xy.copy()
    n = len(xy)
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(gap, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs.T
        delta = xy[i] - xy[j]
        dist = np.sqrt((delta ** 2).sum(axis=1))
        same = dist < 1e-9  # nodes in the very same place: part them along a fixed direction, one each way
        delta[same] = -np.array([1.0, 0.5])
        dist[same] = 1.0
        push = ((gap - dist) / dist / 2)[:, None] * delta
        count = np.maximum(np.bincount(i, minlength=n) + np.bincount(j, minlength=n), 1)[:, None]
        xy += (_summed(i, push, n) - _summed(j, push, n)) / count
    return xy


def _parted_labels(xy: np.ndarray, widths: np.ndarray, height: float, budget: float
                   ) -> tuple[np.ndarray, int, float]:
    """Part nodes whose boxes (the node with its label below it) overlap, along the axis that overlaps least.

    Each round moves every node by the mean of the pushes it receives, so
    crowded places open up a little at a time and nothing flies off; the
    rounds stop when nothing overlaps, or after 500 rounds or a budget of pair
    visits (so a very large part costs a bounded time). Returns the places, how
    many pairs still overlapped in the last round, and the pair visits made.
    """
    from scipy.spatial import cKDTree

    xy = xy.copy()
    n = len(xy)
    reach = math.hypot(float(widths.max()), height)
    visits = 0.0
    for _ in range(500):
        pairs = cKDTree(xy).query_pairs(reach, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs.T
        visits += len(i)
        dx, dy = xy[i, 0] - xy[j, 0], xy[i, 1] - xy[j, 1]
        over_x = (widths[i] + widths[j]) / 2 - np.abs(dx)
        over_y = height - np.abs(dy)
        hit = (over_x > 0) & (over_y > 0)
        if not hit.any():
            return xy, 0, visits
        if visits > budget:
            break
        i, j, dx, dy, over_x, over_y = i[hit], j[hit], dx[hit], dy[hit], over_x[hit], over_y[hit]
        sx = np.where(dx == 0, -1.0, np.sign(dx))  # i < j: the lower number goes left (or up)
        sy = np.where(dy == 0, -1.0, np.sign(dy))
        along_x = over_x < over_y
        push = np.column_stack([np.where(along_x, sx * over_x / 2, 0.0), np.where(~along_x, sy * over_y / 2, 0.0)])
        count = np.maximum(np.bincount(i, minlength=n) + np.bincount(j, minlength=n), 1)[:, None]
        xy += (_summed(i, push, n) - _summed(j, push, n)) / count
    return xy, int(hit.sum()) if len(pairs) else 0, visits


def _pack(blocks: list[dict]) -> dict[str, tuple[float, float]]:
    """Place the parts left to right in rows (largest first), rounded to 0.1 px."""
    margin = 2 * _SPACING
    boxes = []
    for block in blocks:
        xs = [p[0] for p in block.values()]
        ys = [p[1] for p in block.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + margin, max(ys) - min(ys) + margin))
    area = sum(w * h for *_, w, h in boxes)
    row_width = max([math.sqrt(area) * 1.3] + [w for *_, w, _ in boxes])
    out, x, y, row_height = {}, 0.0, 0.0, 0.0
    for block, (x0, y0, w, h) in zip(blocks, boxes):
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in block.items():
            out[node] = (round(px - x0 + x, 1), round(py - y0 + y, 1))
        x += w
        row_height = max(row_height, h)
    return out
