"""partnergraph.export: outputs for people and other tools.

>>> from partnergraph.export import network_map
>>> network_map(pg.load(), as_of=2020).meta["as_of"]
'2020-12-31'
"""
from .files import (descriptor, metadata, selection, write_csv_folder, write_cyjs, write_gexf, write_graphml,
                    write_json, write_xlsx)
from .html import NetworkMap, network_map
from .layout import layout_positions
from .style import kind_styles, relation_styles
from .image import StaticMap, coverage_heatmap, static_map

__all__ = ["NetworkMap", "StaticMap", "coverage_heatmap", "descriptor", "kind_styles", "layout_positions", "metadata",
           "network_map", "relation_styles", "selection", "static_map", "write_csv_folder", "write_cyjs", "write_gexf", "write_graphml",
           "write_json", "write_xlsx"]
