"""Portfolio similarity: how alike two nodes' ties to another kind are (two countries' partnership portfolios).

The measures of the alliance literature, for nodes of one kind (``kind``, the
rows) over their ties to the nodes of another (``via``, the dimensions), at
one date:

* ``s``: Signorino and Ritter's S (1999), ``S = 1 - 2 d / d_max``, where ``d``
  is the sum over the dimensions of ``|x_k - y_k|`` and ``d_max`` the largest
  distance the data allow: the number of dimensions for binary ties, that
  number times the largest tie value for weighted ones. 1 for identical
  portfolios, -1 for opposite ones.
* ``kappa``: Cohen's kappa as Häge (2011) adapts it, ``1 - d_o / d_e``: the
  observed mean distance against the distance expected by chance from each
  node's own share of ties. 0 is what chance gives, 1 full agreement.
* ``pi``: Scott's pi, the same with the two nodes' shares pooled.
* ``jaccard``: shared ties over the ties either has.
* ``cosine``: the cosine of the two tie vectors (weighted when a weight is given).

The dimensions are every node of the ``via`` kind that exists on the date, tied
or not (shared absences count for S, kappa and pi, as in the literature); the
rows are the ``kind`` nodes with at least one tie to the ``via`` kind on the date,
and any node asked for by name. Everything is computed on sparse matrices.

References: Signorino, C. S. and Ritter, J. M. (1999), "Tau-b or Not Tau-b:
Measuring the Similarity of Foreign Policy Positions", International Studies
Quarterly 43(1); Häge, F. M. (2011), "Choice or Circumstance? Adjusting
Measures of Foreign Policy Similarity for Chance Agreement", Political
Analysis 19(3).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import PartnergraphError, a_kind

__all__ = ["similarity", "roles", "SIMILARITY_METHODS", "portfolio_matrix"]

#: The measures :func:`similarity` computes, and whether each takes a tie weight.
SIMILARITY_METHODS = {"s": True, "kappa": False, "pi": False, "jaccard": False, "cosine": True}


def portfolio_matrix(dataset, kind: str = "country", via: str = "framework", *, weight: str | None = None,
                     as_of=None, include_suspended: bool = False, among=()):
    """The portfolios as a sparse matrix: one row per ``kind`` node with a tie, one column per ``via`` node on the date.

    Parameters
    ----------
    dataset : Dataset
    kind, via : str
        The nodes whose portfolios these are (``country``) and the dimensions (``framework``).
    weight : str, optional
        An edge column of numbers (0 or more) to weigh ties by; default every tie weighs 1.
    as_of : year, month or ISO date, optional
        Default: the dataset's own date, or for a loaded dataset the default
        date (:func:`partnergraph.asof.default_date`).
    include_suspended : bool
        Count ties with an inactive status (suspended) as ties.
    among : iterable of str
        Ids to give a row even without a tie (a row of zeros); they are not checked.

    Returns
    -------
    tuple
        ``(rows, columns, matrix)``: the row ids (the ``kind`` nodes with a tie
        to a ``via`` node on the date, and ``among``) and the column ids (every
        ``via`` node alive on the date), both sorted numpy arrays; and a
        ``scipy.sparse.csr_matrix`` of floats, 1 for a tie (or the largest
        ``weight`` of the pair's ties on the date), 0 for none.

    Raises
    ------
    PartnergraphError
        ``kind`` or ``via`` is not a kind of the dataset, or both are the same
        kind; ``weight`` is not an edge column, or a tie on the date has no
        number of 0 or more in it.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    Examples
    --------
    Aland and Borduria are in F and G, Carpania in G and H, Dorland in H only:

    >>> nodes = pd.DataFrame({"id": ["A", "B", "C", "D", "f", "g", "h"], "kind": ["country"] * 4 + ["framework"] * 3,
    ...                       "label": ["Aland", "Borduria", "Carpania", "Dorland", "F", "G", "H"]})
    >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "A", "B", "B", "C", "C", "D"],
    ...                       "v": ["f", "g", "f", "g", "g", "h", "h"], "since": "2000", "until": None, "source": None})
    >>> ds = pg.Dataset(nodes, edges)
    >>> rows, cols, m = portfolio_matrix(ds)
    >>> rows.tolist(), cols.tolist(), m.toarray().astype(int).tolist()
    (['A', 'B', 'C', 'D'], ['f', 'g', 'h'], [[1, 1, 0], [1, 1, 0], [0, 1, 1], [0, 0, 1]])
    """
    from scipy import sparse

    snap = dataset.snapshot(as_of, include_suspended=include_suspended)
    kind, via = snap.require_kind(kind), snap.require_kind(via)
    if kind == via:
        raise PartnergraphError(f"kind and via must be two different kinds, got {kind} twice")
    links = snap.links(kind, via, extra=("edge",))
    columns = np.sort(snap.nodes.loc[(snap.nodes["kind"] == via).to_numpy(), "id"].astype(str).unique())
    rows = np.union1d(links["a"].astype(str).unique(), np.asarray([str(x) for x in among], dtype=object))
    rows = np.sort(rows.astype(object))
    if weight is None:
        values = np.ones(len(links))
    else:
        if weight not in snap.edges.columns:
            raise PartnergraphError(f"no edge column {weight!r} to weigh ties by; the edges have "
                                    f"{', '.join(map(str, snap.edges.columns))}")
        cells = pd.to_numeric(snap.edges[weight].iloc[links["edge"].to_numpy()], errors="coerce").to_numpy(float)
        if np.isnan(cells).any() or (cells < 0).any():
            raise PartnergraphError(f"every {kind}-{via} tie needs a weight of 0 or more in column {weight!r}")
        values = cells
    i = pd.Index(rows).get_indexer(links["a"].astype(str).to_numpy())
    j = pd.Index(columns).get_indexer(links["b"].astype(str).to_numpy())
    keep = (i >= 0) & (j >= 0)
    # two ties of one pair (two periods on one date) are one tie, of the larger weight
    cell = pd.DataFrame({"i": i[keep], "j": j[keep], "w": values[keep]}).groupby(["i", "j"])["w"].max()
    matrix = sparse.csr_matrix((cell.to_numpy(), (cell.index.get_level_values(0), cell.index.get_level_values(1))),
                               shape=(len(rows), len(columns)))
    return rows, columns, matrix


def _scores(matrix, method: str, weighted: bool) -> np.ndarray:
    """The n x n matrix of a measure between the rows of ``matrix`` (NaN where undefined)."""
    n, k = matrix.shape
    out = np.full((n, n), np.nan)
    if k == 0:
        return out
    with np.errstate(divide="ignore", invalid="ignore"):
        if method == "cosine":
            dot = (matrix @ matrix.T).toarray()
            norm = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
            return np.where(np.outer(norm, norm) > 0, dot / np.outer(norm, norm), np.nan)
        if method == "s" and weighted:
            from scipy.spatial.distance import cdist

            dense = matrix.toarray()
            top = dense.max() if dense.size else 0.0
            if top <= 0:
                return np.ones((n, n))  # every tie weighs 0: nothing tells the portfolios apart
            return 1 - 2 * cdist(dense, dense, "cityblock") / (k * top)
        shared = (matrix @ matrix.T).toarray()
        count = np.asarray(matrix.sum(axis=1)).ravel()
        apart = count[:, None] + count[None, :] - 2 * shared  # ties one has and the other has not
        if method == "s":
            return 1 - 2 * apart / k
        if method == "jaccard":
            union = count[:, None] + count[None, :] - shared
            return np.where(union > 0, shared / union, np.nan)
        observed = apart / k
        share = count / k
        if method == "kappa":
            expected = share[:, None] * (1 - share[None, :]) + (1 - share[:, None]) * share[None, :]
        else:  # pi: the two shares pooled
            pooled = (share[:, None] + share[None, :]) / 2
            expected = 2 * pooled * (1 - pooled)
        return np.where(expected > 0, 1 - observed / expected, np.nan)


def similarity(dataset, kind: str = "country", via: str = "framework", *, method: str = "s", weight: str | None = None,
               a: str | None = None, b: str | None = None, as_of=None, include_suspended: bool = False,
               top: int | None = None) -> pd.DataFrame:
    """How alike the portfolios of ``kind`` nodes are over their ties to ``via`` nodes: every pair, or one.

    Parameters
    ----------
    dataset : Dataset
    kind, via : str
        The nodes compared (``country``) and the dimensions (``framework``).
    method : {"s", "kappa", "pi", "jaccard", "cosine"}
        See the module's description. ``kappa``, ``pi`` and ``jaccard`` read
        ties as present or absent; ``s`` and ``cosine`` take a ``weight``.
    weight : str, optional
        An edge column of numbers (0 or more) to weigh ties by (``s``, ``cosine``).
    a, b : str, optional
        One node (its pairs with every other) or one pair; an id or a label.
    as_of : year, month or ISO date, optional
        Default: the dataset's own date, or for a loaded dataset the default
        date (:func:`partnergraph.asof.default_date`).
    include_suspended : bool
        Count suspended ties as ties.
    top : int, optional
        Keep the first ``top`` lines.

    Returns
    -------
    pandas.DataFrame
        Columns ``a``, ``a_label``, ``b``, ``b_label``, ``similarity``: each
        pair once (``a`` before ``b`` by id, or ``a`` the node asked for),
        most similar first, then by ids. ``similarity`` is NaN where the
        measure is undefined: ``kappa`` and ``pi`` when chance would give the
        pair's agreement for certain (both tied to everything or to nothing),
        ``jaccard`` when neither has a tie, ``cosine`` when one has none.
        ``attrs`` holds ``method``, ``dimensions`` (how many ``via`` nodes) and ``weight``.

    Raises
    ------
    PartnergraphError
        An unknown method; a weight with a method that takes none; ``a`` or
        ``b`` of another kind than ``kind``, or naming several nodes; ``kind``
        or ``via`` is not a kind of the dataset, or both are the same kind;
        ``weight`` is not an edge column, or a tie on the date has no number of
        0 or more in it.
    UnknownIdError
        ``a`` or ``b`` names no node of the dataset.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    See Also
    --------
    portfolio_matrix : the portfolios compared.
    roles : nodes grouped by how alike their portfolios are.

    Examples
    --------
    Aland and Borduria are in F and G, Carpania in G and H, Dorland in H only:

    >>> nodes = pd.DataFrame({"id": ["A", "B", "C", "D", "f", "g", "h"], "kind": ["country"] * 4 + ["framework"] * 3,
    ...                       "label": ["Aland", "Borduria", "Carpania", "Dorland", "F", "G", "H"]})
    >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "A", "B", "B", "C", "C", "D"],
    ...                       "v": ["f", "g", "f", "g", "g", "h", "h"], "since": "2000", "until": None, "source": None})
    >>> ds = pg.Dataset(nodes, edges)
    >>> similarity(ds)[["a", "b", "similarity"]].round(3).values.tolist()
    [['A', 'B', 1.0], ['C', 'D', 0.333], ['A', 'C', -0.333], ['B', 'C', -0.333], ['A', 'D', -1.0], ['B', 'D', -1.0]]

    Aland and Carpania share one of three frameworks: S = 1 - 2 * 2 / 3
    (they differ on F and H), Jaccard 1 / 3.

    >>> similarity(ds, a="Aland", b="C", method="jaccard")["similarity"].round(3).item()
    0.333

    Georgia and Ukraine at the end of 2024: six frameworks each, four shared
    (PfP, the EAPC, EOP, Annual National Programmes).

    >>> similarity(pg.load(), a="GEO", b="UKR", method="jaccard", as_of=2024)["similarity"].item()
    0.5
    """
    if method not in SIMILARITY_METHODS:
        raise PartnergraphError(f"unknown similarity method {method!r}; choose one of {', '.join(SIMILARITY_METHODS)}")
    if weight is not None and not SIMILARITY_METHODS[method]:
        raise PartnergraphError(f"{method} reads ties as present or absent; a weight works with s and cosine")
    kind = dataset.require_kind(kind)
    asked = []
    for node in (a, b):
        if node is not None:
            node = dataset.resolve(node)
            found = dataset.kind_of(node)
            if found != kind:
                raise PartnergraphError(f"{node!r} is {a_kind(found)}, not {a_kind(kind)}")
            asked.append(node)
    rows, columns, matrix = portfolio_matrix(dataset, kind, via, weight=weight, as_of=as_of,
                                             include_suspended=include_suspended, among=asked)
    scores = _scores(matrix, method, weight is not None)
    position = {r: i for i, r in enumerate(rows)}
    if len(asked) == 2:
        i, j = position[asked[0]], position[asked[1]]
        first, second = np.array([i]), np.array([j])
    elif len(asked) == 1:
        i = position[asked[0]]
        second = np.array([x for x in range(len(rows)) if x != i], dtype=np.int64)
        first = np.full(len(second), i)
    else:
        first, second = np.triu_indices(len(rows), k=1)
    values = scores[first, second]
    order = np.lexsort((second, first, np.nan_to_num(-values, nan=np.inf)))  # most similar first, NaN last
    if top is not None:
        if top < 0:
            raise PartnergraphError(f"top must be 0 or more, got {top}")
        order = order[:top]
    labels = dataset.labels()
    out = pd.DataFrame({"a": rows[first[order]], "b": rows[second[order]], "similarity": values[order]})
    out.insert(1, "a_label", out["a"].map(labels).to_numpy())
    out.insert(3, "b_label", out["b"].map(labels).to_numpy())
    out.attrs.update(method=method, dimensions=len(columns), weight=weight)
    return out


def _same_rows(matrix) -> np.ndarray:
    """A code per row of a sparse matrix: rows with the same entries (columns and values) share one code."""
    csr = matrix.tocsr()
    csr.sort_indices()
    keys = [(csr.indices[a:b].tobytes(), csr.data[a:b].tobytes()) for a, b in zip(csr.indptr[:-1], csr.indptr[1:])]
    codes, _ = pd.factorize(pd.Series(keys, dtype=object))
    return codes


def roles(dataset, kind: str = "country", via: str = "framework", *, groups: int = 4, method: str = "s",
          weight: str | None = None, as_of=None, include_suspended: bool = False) -> pd.DataFrame:
    """Structural equivalence: ``kind`` nodes grouped by how alike their portfolios are, into ``groups`` roles.

    Average-linkage hierarchical clustering on the distance ``(1 - similarity) / 2``
    for S (which runs from -1 to 1), ``1 - similarity`` for the other measures,
    an undefined similarity counting as the largest distance; the tree is cut
    into at most ``groups`` groups: fewer where distances tie (nodes with one tie
    each to different nodes are all equally far apart, and no cut separates them
    into exactly ``groups``). Two nodes with the same ties are always in one
    role: they are no distance apart (even where ``kappa`` or ``pi`` is
    undefined, for two nodes both tied to every ``via`` node), and there are
    never more groups than distinct portfolios.

    Parameters
    ----------
    dataset : Dataset
    kind, via : str
        The nodes grouped (``country``) and the dimensions of their portfolios
        (``framework``); only the ``kind`` nodes with a tie on the date are grouped.
    groups : int
        How many roles at most (1 or more).
    method, weight, as_of, include_suspended
        As for :func:`similarity`.

    Returns
    -------
    pandas.DataFrame
        Columns ``role`` (1 for the largest, ties by their first id), ``id``,
        ``label``, ``ties`` (how many ``via`` nodes the node is tied to, by a
        weight above 0 when weighted); sorted by role, then id. ``attrs`` holds
        ``method`` and ``groups``. No lines (but these columns) when no node has a tie.

    Raises
    ------
    PartnergraphError
        ``groups`` is below 1; an unknown method; a weight with a method that
        takes none; ``kind`` or ``via`` is not a kind of the dataset, or both
        are the same kind; ``weight`` is not an edge column, or a tie on the
        date has no number of 0 or more in it.
    DateError
        ``as_of`` is not a year, a month or an ISO date.

    See Also
    --------
    similarity : the measures the roles are built on.

    Examples
    --------
    Aland and Borduria are in F and G, Carpania in G and H, Dorland in H only:

    >>> nodes = pd.DataFrame({"id": ["A", "B", "C", "D", "f", "g", "h"], "kind": ["country"] * 4 + ["framework"] * 3,
    ...                       "label": ["Aland", "Borduria", "Carpania", "Dorland", "F", "G", "H"]})
    >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "A", "B", "B", "C", "C", "D"],
    ...                       "v": ["f", "g", "f", "g", "g", "h", "h"], "since": "2000", "until": None, "source": None})
    >>> ds = pg.Dataset(nodes, edges)
    >>> roles(ds, groups=2)[["role", "id", "ties"]].values.tolist()
    [[1, 'A', 2], [1, 'B', 2], [2, 'C', 2], [2, 'D', 1]]
    >>> r = roles(pg.load(), groups=3, as_of=2024).set_index("id")
    >>> r.loc[["BHR", "KWT", "QAT"], "role"].nunique()  # the ICI partners alike
    1
    """
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    if groups < 1:
        raise PartnergraphError(f"groups must be 1 or more, got {groups}")
    if method not in SIMILARITY_METHODS:
        raise PartnergraphError(f"unknown similarity method {method!r}; choose one of {', '.join(SIMILARITY_METHODS)}")
    if weight is not None and not SIMILARITY_METHODS[method]:
        raise PartnergraphError(f"{method} reads ties as present or absent; a weight works with s and cosine")
    rows, columns, matrix = portfolio_matrix(dataset, kind, via, weight=weight, as_of=as_of,
                                             include_suspended=include_suspended)
    labels = dataset.labels()
    ties = np.asarray((matrix > 0).sum(axis=1)).ravel()
    if len(rows) == 0:
        return pd.DataFrame(columns=["role", "id", "label", "ties"])
    if len(rows) == 1:
        found = np.array([1])
    else:
        scores = _scores(matrix, method, weight is not None)
        distance = (1 - scores) / 2 if method == "s" else 1 - scores
        distance = np.clip(np.nan_to_num(distance, nan=1.0), 0.0, 1.0)
        alike = _same_rows(matrix)  # the same ties are no distance apart, even where kappa or pi is undefined
        distance[alike[:, None] == alike[None, :]] = 0.0
        tree = linkage(squareform((distance + distance.T) / 2, checks=False), method="average")
        # never more groups than distinct portfolios: maxclust would otherwise cut below a merge at distance 0
        found = fcluster(tree, t=min(groups, int(alike.max()) + 1), criterion="maxclust")
    # number the roles: the largest first, then by their first id
    sizes = pd.Series(found).value_counts()
    first = pd.Series(rows).groupby(found).min()
    order = sorted(sizes.index, key=lambda g: (-sizes[g], first[g]))
    number = {g: i for i, g in enumerate(order, start=1)}
    out = pd.DataFrame({"role": [number[g] for g in found], "id": rows, "label": pd.Index(rows).map(labels),
                        "ties": ties.astype(np.int64)})
    out = out.sort_values(["role", "id"], kind="stable").reset_index(drop=True)
    out.attrs.update(method=method, groups=groups)
    return out
