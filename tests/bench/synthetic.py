"""A seeded synthetic data folder in the data contract, with the bundled dataset's proportions.

The bundled NATO data has about 54% membership rows, 24% offers, 11% addresses and
10% covers, and about a quarter as many nodes as edge rows once it is scaled up
(countries and frameworks the most numerous). Partners are picked with a long
tail (a few frameworks have many members, as the Partnership for Peace does),
10% of rows end, 2% are suspended, and every row is dated and sourced.

    >>> from pathlib import Path; import tempfile
    >>> folder = make_dataset(Path(tempfile.mkdtemp()), 1_000)
    >>> sorted(p.name for p in folder.glob("*.csv"))
    ['addresses.csv', 'covers.csv', 'memberships.csv', 'nodes.csv', 'offers.csv']
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

SHARES = {"memberships": 0.55, "offers": 0.24, "addresses": 0.11, "covers": 0.10}
ENDS = {"memberships": ("country", "framework"), "offers": ("framework", "activity"),
        "addresses": ("activity", "threat"), "covers": ("framework", "threat")}
NODES_PER_ROW = {"country": 0.08, "framework": 0.10, "activity": 0.05, "threat": 0.02}
MINIMUM = {"country": 30, "framework": 10, "activity": 8, "threat": 6}
PREFIX = {"country": "C", "framework": "F", "activity": "A", "threat": "T"}


def node_ids(kind: str, rows: int) -> list[str]:
    """The ids of one kind in a folder of ``rows`` edge rows: ``C00000``, ``C00001``, ..."""
    n = max(MINIMUM[kind], round(NODES_PER_ROW[kind] * rows))
    return [f"{PREFIX[kind]}{i:06d}" for i in range(n)]


def _long_tail(rng: np.random.Generator, n: int, size: int) -> np.ndarray:
    weights = 1.0 / (np.arange(n) + 5.0)
    return rng.choice(n, size=size, p=weights / weights.sum())


def _edges(rng, u_ids, v_ids, rows):
    """``rows`` distinct (u, v) pairs, u uniform, v long-tailed; fewer when the pairs run out."""
    draw = int(rows * 1.3) + 10
    pairs = pd.DataFrame({"u": rng.integers(0, len(u_ids), draw), "v": _long_tail(rng, len(v_ids), draw)})
    pairs = pairs.drop_duplicates().head(rows)
    return np.asarray(u_ids)[pairs["u"].to_numpy()], np.asarray(v_ids)[pairs["v"].to_numpy()]


def make_dataset(root: Path, rows: int, seed: int = 11) -> Path:
    """Write nodes.csv and the four edge files (about ``rows`` edge rows in all) into ``root``."""
    rng = np.random.default_rng(seed)
    root.mkdir(parents=True, exist_ok=True)
    ids = {kind: node_ids(kind, rows) for kind in NODES_PER_ROW}
    every = [(kind, i) for kind, many in ids.items() for i in many]
    nodes = pd.DataFrame({"id": [i for _, i in every], "kind": [k for k, _ in every]})
    nodes["label"] = "Name of " + nodes["id"]
    nodes["since"] = np.where(nodes["kind"] == "framework", "1990", "")
    nodes["source"] = "https://www.nato.int/cps/en/natohq/topics_00000.htm"
    nodes.to_csv(root / "nodes.csv", index=False)
    for relation, share in SHARES.items():
        u_kind, v_kind = ENDS[relation]
        u, v = _edges(rng, ids[u_kind], ids[v_kind], round(rows * share))
        n = len(u)
        since = rng.integers(1991, 2021, n)
        ends = rng.random(n) < 0.10
        until = np.where(ends, (since + rng.integers(1, 6, n)).astype(str), "")
        table = pd.DataFrame({u_kind: u, v_kind: v, "since": since.astype(str), "until": until})
        if relation == "memberships":
            suspended = ~ends & (rng.random(n) < 0.02)
            table["status"] = np.where(ends, "ended", np.where(suspended, "suspended", "active"))
        table["source"] = "https://www.nato.int/cps/en/natohq/topics_00000.htm"
        table["note"] = "synthetic row"
        table.to_csv(root / f"{relation}.csv", index=False)
    return root
