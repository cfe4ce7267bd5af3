"""The words the command line's help is made of: formats, measures, the default-date rule.

Kept apart, with nothing but the standard library, so that ``partnergraph --help``
can print them without importing pandas, numpy or networkx. The modules that act
on these names (``asof``, ``tables``, ``centrality``) import them from here.

>>> sorted(FORMATS) == sorted(set(EXTENSIONS.values()))
True
"""
from __future__ import annotations

__all__ = ["DEFAULT_DATE_RULE", "FORMATS", "EXTENSIONS", "MEASURES", "SIZE_MEASURES"]

#: The default date, in words: the help of every command and the README say exactly this.
DEFAULT_DATE_RULE = ("the end of the data's declared coverage (datapackage.json), else the end of the "
                     "last year its dates name; undated data is read whole")

#: The formats a table can be written in, and what each is for.
FORMATS = {
    "table": "aligned text for people",
    "csv": "comma-separated values for other tools",
    "json": "records, with list columns as arrays",
    "md": "a Markdown table for reports",
    "xlsx": "an Excel workbook",
}
#: The file extension that picks each format with -o.
EXTENSIONS = {".txt": "table", ".csv": "csv", ".json": "json", ".md": "md", ".xlsx": "xlsx"}

#: The centrality measures, and what each says (the CLI's help shows these).
MEASURES = {
    "degree": "the share of the other nodes a node is linked to",
    "betweenness": "the share of shortest paths between other nodes that pass through the node",
    "closeness": "how near a node is to all others (inverse mean distance, Wasserman-Faust for parts that are not connected)",
    "eigenvector": "how well linked a node is to nodes that are themselves well linked",
    "pagerank": "the share of time a random walk along the links spends at the node (damping 0.85)",
}
#: What a map's node size can follow.
SIZE_MEASURES = (*MEASURES, "none")
