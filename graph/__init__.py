"""partnergraph: a partnership graph explorer.

Load CSV edge lists linking countries, partnership frameworks, activity types
and threat domains; analyse them as pandas tables and a networkx graph; draw
them as interactive maps that open offline.

>>> import partnergraph as pg
>>> nato = pg.load()
>>> nato.graph.nodes["md"]["label"]
'Mediterranean Dialogue'
"""
from importlib.metadata import PackageNotFoundError, version as _version

from .asof import default_date, parse_date
from .centrality import MEASURES, centrality, projection
from .coverage import coverage, coverage_matrix, coverage_paths, gaps, reach
from .dataset import Dataset
from .errors import CoverageWarning, DataError, DataWarning, DateError, PartnergraphError, Problem, UnknownIdError
from .info import info
from .load import bundled_path, load
from .membership import diff, frameworks, members, timeline
from .structure import communities, ego, path, whatif
from .validate import validate

try:
    __version__ = _version("partnergraph")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0+unknown"


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
    "frameworks",
    "gaps",
    "members",
    "path",
    "projection",
    "reach",
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
