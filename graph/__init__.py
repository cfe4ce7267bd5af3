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

from .errors import CoverageWarning, DataError, DataWarning, DateError, PartnergraphError, Problem, UnknownIdError
from .vocabulary import MEASURES

#: The public functions and classes, and the module each lives in (no module is named like a function). They are imported on first use, so that
#: ``import partnergraph`` (and ``partnergraph --help``) starts without pandas, numpy or networkx.
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

    The same as :func:`partnergraph.export.network_map`, which lists the options.

    Examples
    --------
    >>> m = pg.network_map(pg.load(), as_of=2024)
    >>> m.meta["nodes"] == len(pg.load().nodes)
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
    "UnknownIdError",
    "bundled_path",
    "info",
    "load",
    "network_map",
    "parse_date",
    "validate",
    "__version__",
]
