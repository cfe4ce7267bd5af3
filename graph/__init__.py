"""partnergraph: a partnership graph explorer.

Load CSV edge lists linking countries, partnership frameworks, activity types
and threat domains; analyse them as pandas tables and a networkx graph; draw
them as interactive maps that open offline.

>>> import partnergraph as pg
>>> nato = pg.load()
>>> nato.graph.nodes["md"]["label"]
'Mediterranean Dialogue'
"""
import importlib as _importlib

from .errors import (PROBLEM_TYPES, CoverageWarning, DataError, DataWarning, DateError, PartnergraphError, Problem,
                     UnknownIdError)
from .vocabulary import MEASURES

#: The public functions and classes, and the module each lives in (no module is named like a function). They are
#: imported on first use, so that ``import partnergraph`` (and ``partnergraph --help``) starts without pandas, numpy
#: or networkx.
_LAZY = {
    "default_date": "asof", "parse_date": "asof",
    "centrality": "centrality_measures", "projection": "projections",
    "coverage": "coverage_queries", "coverage_matrix": "coverage_queries", "coverage_paths": "coverage_queries",
    "gaps": "coverage_queries", "reach": "coverage_queries",
    "Dataset": "dataset",
    "info": "summary",
    "bundled_path": "folders", "load": "folders", "validate": "folders",
    "diff": "membership", "frameworks": "membership", "members": "membership", "timeline": "membership",
    "pairs": "dyads",
    "similarity": "portfolio", "portfolio_matrix": "portfolio", "roles": "portfolio", "evolution": "yearly",
    "communities": "structure", "ego": "structure", "path": "structure", "whatif": "scenarios",
}


#: Submodules reached as attributes of the package, loaded on first use.
_SUBMODULES = ("importers",)


def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("partnergraph")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0+unknown"


def __getattr__(name):
    if name == "__version__":  # read from the installed metadata on first use (importlib.metadata is slow to import)
        globals()[name] = _installed_version()
        return globals()[name]
    if name in _SUBMODULES:  # pg.importers.atop(...): the module itself, loaded on first use
        return _importlib.import_module(f"{__name__}.{name}")
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'partnergraph' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY) | set(_SUBMODULES) | {"__version__"})


def network_map(dataset, **options):
    """An interactive, self-contained HTML map of ``dataset``.

    The same as :func:`partnergraph.export.network_map`, which describes the
    options; importing ``partnergraph`` does not load the export modules until
    a map is drawn.

    Parameters
    ----------
    dataset : Dataset
        A dataset or a snapshot of one. The page holds every node and edge of
        every date of its full dataset (only those of ``kinds``, or near
        ``focus``, when given).
    **options
        Passed on as they are: ``as_of`` (the date the map opens at),
        ``title``, ``kinds``, ``focus``, ``radius``, ``size_by``, ``seed``,
        ``max_nodes``, ``color_by``, ``groups``, ``role_kind``, ``role_via``.

    Returns
    -------
    partnergraph.export.NetworkMap
        The page (``.html()``, ``.save(path)``, shown inline in Jupyter) and its
        ``meta``: what the map holds.

    Raises
    ------
    UnknownIdError
        ``focus`` names no node of the dataset.
    PartnergraphError
        ``kinds`` names a kind the dataset does not have; ``size_by`` or
        ``color_by`` is unknown; ``focus`` names several nodes, or is of a kind
        ``kinds`` leaves out; ``radius`` is below 0 (with ``focus``); the map
        would hold more than ``max_nodes`` nodes; with ``color_by="role"``,
        what :func:`partnergraph.roles` raises (an unknown ``role_kind`` or
        ``role_via``, ``groups`` below 1).
    DateError
        ``as_of`` is not a year, a month or an ISO date.
    TypeError
        An option :func:`partnergraph.export.network_map` does not take.

    Examples
    --------
    >>> nodes = pd.DataFrame({"id": ["A", "B", "f"], "kind": ["country", "country", "framework"],
    ...                       "label": ["Aland", "Borduria", "F"]})
    >>> edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B"], "v": "f", "since": ["2000", "2001"],
    ...                       "until": None, "source": None})
    >>> m = pg.network_map(pg.Dataset(nodes, edges, name="demo"), as_of=2000)
    >>> m.meta["as_of"], m.meta["nodes"], m.meta["edges"], m.meta["edges_as_of"]
    ('2000-12-31', 3, 2, 1)
    >>> m = pg.network_map(pg.load(), as_of=2024)
    >>> m.meta["nodes"] == len(pg.load().nodes)  # every node of every date
    True
    """
    from .export import network_map as _network_map

    return _network_map(dataset, **options)


__all__ = [
    "MEASURES",
    "centrality",
    "communities",
    "coverage",
    "coverage_matrix",
    "coverage_paths",
    "default_date",
    "diff",
    "ego",
    "evolution",
    "frameworks",
    "gaps",
    "members",
    "pairs",
    "path",
    "portfolio_matrix",
    "projection",
    "reach",
    "roles",
    "similarity",
    "timeline",
    "whatif",
    "Dataset",
    "CoverageWarning",
    "DataWarning",
    "DataError",
    "DateError",
    "PartnergraphError",
    "Problem",
    "PROBLEM_TYPES",
    "UnknownIdError",
    "bundled_path",
    "info",
    "load",
    "network_map",
    "parse_date",
    "validate",
    "__version__",
]
