"""Where each node sits on a map: one layout path whose cost grows smoothly with the graph.

Each connected part is laid out on its own, then the parts are packed in rows:

1. a global shape from pivot MDS (Brandes and Pich): breadth-first distances from
   up to 50 pivots, turned into 2-D coordinates by a singular value decomposition,
   so nodes few links apart sit close (cost: 50 searches of the part);
2. a local refinement by Fruchterman-Reingold forces, where linked nodes attract
   and only nodes nearer than two link lengths repel (found with a k-d tree,
   so each step costs about the number of nodes, not its square);
3. in pixels, nodes closer than a node's width are pushed apart, and nodes whose
   labels overlap are parted along the axis that overlaps least, each round on the
   pairs a k-d tree finds, within a fixed budget of pair visits.

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


def layout_positions(dataset, *, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Node positions (pixels) of every node of every date, packed part by part.

    The layout uses every edge of every date, so a node keeps its place
    whatever date the map shows; the same data and seed give the same places.

    Examples
    --------
    >>> pos = layout_positions(pg.load())
    >>> pos == layout_positions(pg.load())
    True
    """
    full = dataset.full
    cache = full.__dict__.setdefault("_layout_cache", {})  # the tables do not change: lay them out once per seed
    if seed not in cache:
        cache[seed] = _layout(full, seed)
    return dict(cache[seed])


def _layout(full, seed: int) -> dict[str, tuple[float, float]]:
    from partnergraph.progress import Progress

    from partnergraph.centrality import simple_pairs

    ids, a, b, _ = simple_pairs(full)
    n = len(ids)
    if n == 0:
        return {}
    part = _parts(n, a, b)
    sizes = np.bincount(part)
    first = np.full(len(sizes), n)
    np.minimum.at(first, part, np.arange(n))
    order = sorted(range(len(sizes)), key=lambda p: (-sizes[p], first[p]))  # largest first, then by first id
    labels = dict(zip(full.nodes["id"].astype(str), full.nodes["label"].astype(str)))
    widths = np.array([max(40.0, 7.0 * len(labels.get(i, i)) + 8.0) for i in ids])  # a label below each node
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
