"""The drawing style both the page and the picture use: each kind's shape and colour, each relation's line,
node sizes, the title, and which nodes and date a drawing shows.

The styles are derived from the whole dataset (every date, every kind), so a
kind or a relation looks the same in every map and picture of it.
"""
from __future__ import annotations

import numpy as np

from partnergraph.asof import default_date, parse_date
from partnergraph.errors import PartnergraphError
from partnergraph.vocabulary import SIZE_MEASURES

from .layout import BASE_SIZE, GROWTH, OTHER_BASE_SIZE

__all__ = ["kind_styles", "relation_styles", "shown_relations", "node_sizes", "drawing_scope", "default_title",
           "INACTIVE_STYLE", "ROLE_COLORS"]


#: Shape and colour of the kinds the bundled dataset uses.
KNOWN_KINDS = {
    "country": ("dot", "#4e79a7"),
    "framework": ("diamond", "#e15759"),
    "activity": ("square", "#59a14f"),
    "threat": ("triangle", "#f28e2b"),
}


#: Styles handed out, in order, to any other kinds (sorted by name).
OTHER_STYLES = [
    ("hexagon", "#76b7b2"), ("star", "#b07aa1"), ("triangleDown", "#edc948"),
    ("dot", "#9c755f"), ("square", "#ff9da7"), ("diamond", "#7f7f7f"),
]


def kind_styles(kinds) -> dict[str, dict[str, str]]:
    """The shape and colour of each kind, the same for the same kinds on every run.

    The kinds of the bundled data (country, framework, activity, threat, in
    any case) have their own (:data:`KNOWN_KINDS`); any other kinds take the
    styles of :data:`OTHER_STYLES` in turn, in order of name, so an other
    kind's style depends on which other kinds there are, and past six they
    repeat.

    Parameters
    ----------
    kinds : iterable of str
        The kinds, repeats allowed (a ``kind`` column will do).

    Returns
    -------
    dict
        ``{kind: {"shape": vis-network shape, "color": "#rrggbb"}}``, spelled as given.

    Raises
    ------
    Nothing: every kind gets a style.

    Examples
    --------
    >>> kind_styles(["country", "programme"])["programme"]
    {'shape': 'hexagon', 'color': '#76b7b2'}
    >>> kind_styles(["Country"])["Country"]["shape"]
    'dot'
    """
    styles = {}
    known = {k: KNOWN_KINDS[k.casefold()] for k in set(kinds) if k.casefold() in KNOWN_KINDS}  # "Country" too
    others = sorted(k for k in set(kinds) if k not in known)
    styles.update(known)
    for i, k in enumerate(others):
        shape, color = OTHER_STYLES[i % len(OTHER_STYLES)]
        styles[k] = (shape, color)
    return {k: {"shape": s, "color": c} for k, (s, c) in styles.items()}


#: The colours of roles (``color_by="role"``): colour-blind-safe, apart from the kinds' colours.
ROLE_COLORS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#17becf"]


def default_title(full) -> str:
    """The title of a map or picture: the data's declared title, else "Partnership map: <folder name>".

    Parameters
    ----------
    full : Dataset
        The whole dataset (its ``meta`` and ``name``).

    Returns
    -------
    str

    Raises
    ------
    Nothing: a dataset without a title or a name has a title too.

    Examples
    --------
    >>> default_title(pg.load())
    "NATO's partnerships with non-member countries"
    >>> empty = pd.DataFrame(columns=["id", "kind", "label"]), pd.DataFrame(columns=["relation", "u", "v"])
    >>> default_title(pg.Dataset(*empty, name="mine"))
    'Partnership map: mine'
    """
    declared = full.meta.get("title")
    return str(declared) if declared else f"Partnership map: {full.name or 'dataset'}"


def drawing_scope(dataset, *, as_of, kinds, size_by):
    """What a picture of the dataset shows: (full dataset, date, snapshot, nodes of the kinds asked, all kinds).

    The date is ``as_of``, else a snapshot's own date, else the default date
    (:func:`partnergraph.asof.default_date`; never today, so files do not
    change from day to day). ``nodes`` are of every date; the snapshot holds
    those alive on the date.

    Parameters
    ----------
    dataset : Dataset
        A dataset or a snapshot of one.
    as_of : year, month or ISO date, or None
        The date drawn.
    kinds : list of str, or None
        Draw only these kinds (any case); None or empty: every kind.
    size_by : str
        A size measure (:data:`partnergraph.vocabulary.SIZE_MEASURES`).

    Returns
    -------
    tuple
        ``(full, when, snap, nodes, all_kinds)``.

    Raises
    ------
    partnergraph.DateError
        When ``as_of`` is not a date.
    partnergraph.PartnergraphError
        When ``size_by`` is unknown or a kind is not in the data.

    Examples
    --------
    >>> full, when, snap, nodes, kinds = drawing_scope(pg.load(), as_of=2020, kinds=["Framework"], size_by="degree")
    >>> str(when), set(nodes["kind"]), kinds[:2]
    ('2020-12-31', {'framework'}, ['framework', 'activity'])
    """
    full = dataset.full
    if as_of is not None:
        when = parse_date(as_of)
    elif dataset.date is not None:
        when = dataset.date
    else:
        when = default_date(full)
    snap = full.as_of(when) if when else full
    if size_by not in SIZE_MEASURES:
        raise PartnergraphError(f"unknown size measure {size_by!r}; choose one of {', '.join(SIZE_MEASURES)}")
    nodes = full.nodes
    all_kinds = list(dict.fromkeys(nodes["kind"]))
    kinds = [full.require_kind(k.strip()) for k in kinds or () if k and k.strip()]  # any case, as the data spells it
    if kinds:  # blanks alone ask for no kind in particular: every kind
        nodes = nodes[nodes["kind"].isin(kinds)]
    return full, when, snap, nodes, all_kinds


def node_sizes(snap, nodes, size_by: str) -> dict:
    """Node sizes: a base per kind, plus up to GROWTH (18) px by the measure (relative to its largest value).

    Parameters
    ----------
    snap : Dataset
        The snapshot the measure is computed on.
    nodes : pandas.DataFrame
        The nodes drawn (``id`` and ``kind``), of any date.
    size_by : str
        A centrality measure, or ``"none"`` for sizes by kind only.

    Returns
    -------
    dict
        Pixels by node id, rounded to 2 decimals.

    Raises
    ------
    partnergraph.PartnergraphError
        When ``size_by`` is neither ``"none"`` nor a measure (checked only when the snapshot has edges).

    Examples
    --------
    >>> snap = pg.load().as_of(2024)
    >>> sizes = node_sizes(snap, snap.nodes, "degree")
    >>> sizes["eapc"], node_sizes(snap, snap.nodes, "none")["eapc"]
    (34.0, 16.0)
    """
    base = {nid: BASE_SIZE.get(kind.casefold(), OTHER_BASE_SIZE) for nid, kind in zip(nodes["id"], nodes["kind"])}
    if size_by == "none" or snap.edges.empty:
        return {nid: float(b) for nid, b in base.items()}
    from partnergraph.centrality_measures import centrality

    scores = centrality(snap, size_by).set_index("id")[size_by]
    top = float(scores.max()) if len(scores) else 0.0
    if top <= 0:
        return {nid: float(b) for nid, b in base.items()}
    mine = np.maximum(scores.reindex(list(base)).fillna(0.0).to_numpy(dtype=float), 0.0)
    grown = np.array(list(base.values()), dtype=float) + GROWTH * np.sqrt(mine / top)
    return {nid: round(float(v), 2) for nid, v in zip(base, grown)}


#: How a tie with an inactive status (suspended) is drawn, whatever its relation: grey and dotted.
INACTIVE_STYLE = {"color": "#9aa3ad", "dashes": [2, 6]}


RELATION_COLORS = ["#8a96a3", "#e15759", "#59a14f", "#4e79a7", "#f28e2b", "#b07aa1", "#76b7b2", "#9c755f"]


RELATION_DASHES = [False, [8, 5], [2, 4], [10, 4, 2, 4]]


def relation_styles(full) -> dict:
    """A colour and dash pattern per relation of the dataset: the most common solid grey, then by count and name.

    Derived from the whole dataset (every date, every kind), so a relation
    looks the same in every map and picture of it, whatever one map shows.
    The relations are ordered by their number of edges (most first; a
    relation declared without edges counts none), then by name; the n-th
    takes the n-th of :data:`RELATION_COLORS` and of :data:`RELATION_DASHES`,
    each list taken round again when it runs out.

    Parameters
    ----------
    full : Dataset
        The whole dataset (``dataset.full``): a snapshot's counts would give other styles.

    Returns
    -------
    dict
        ``{relation: {"color": "#rrggbb", "dashes": False or a vis-network dash list}}``, in that order.

    Raises
    ------
    Nothing: every relation gets a style.

    See Also
    --------
    shown_relations : The styles of the relations one drawing holds.

    Notes
    -----
    There are 8 colours and 4 dash patterns, so the 9th relation looks like
    the 1st, the 10th like the 2nd, and so on.

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["FIN", "SWE", "pfp", "ex"],
    ...                       "kind": ["country", "country", "framework", "activity"],
    ...                       "label": ["Finland", "Sweden", "Partnership for Peace", "An exercise"]})
    >>> edges = pd.DataFrame({"relation": ["memberships", "memberships", "offers"], "u": ["FIN", "SWE", "pfp"],
    ...                       "v": ["pfp", "pfp", "ex"]})
    >>> relation_styles(pg.Dataset(nodes, edges))
    {'memberships': {'color': '#8a96a3', 'dashes': False}, 'offers': {'color': '#e15759', 'dashes': [8, 5]}}
    """
    counts = full.edges["relation"].value_counts()
    names = list(dict.fromkeys([*full.relations["relation"], *counts.index]))
    order = sorted(names, key=lambda r: (-int(counts.get(r, 0)), str(r)))
    # colour and dash cycle together for the first 8; then the dash moves on a step each round, so the first 32
    # relations all differ (the 9th once looked like the 1st)
    n_colors, n_dashes = len(RELATION_COLORS), len(RELATION_DASHES)
    return {r: {"color": RELATION_COLORS[i % n_colors], "dashes": RELATION_DASHES[(i + i // n_colors) % n_dashes]}
            for i, r in enumerate(order)}


def shown_relations(styles: dict, edges) -> dict:
    """The dataset's relation styles (:func:`relation_styles`) of the relations ``edges`` hold, in the dataset's
    order.

    Parameters
    ----------
    styles : dict
        :func:`relation_styles` of the whole dataset.
    edges : pandas.DataFrame
        The edges drawn (a ``relation`` column).

    Returns
    -------
    dict

    Raises
    ------
    Nothing: a relation without a style is left out.

    Examples
    --------
    >>> nato = pg.load()
    >>> list(shown_relations(relation_styles(nato), nato.edges[nato.edges["relation"] == "memberships"]))
    ['memberships']
    """
    present = set(edges["relation"])
    return {r: style for r, style in styles.items() if r in present}
