"""partnergraph.export: outputs for people and other tools.

>>> from partnergraph.export import network_map
>>> network_map(pg.load(), as_of=2020).meta["as_of"]
'2020-12-31'
"""
from .html import NetworkMap, kind_styles, layout_positions, network_map

__all__ = ["NetworkMap", "kind_styles", "layout_positions", "network_map"]
