"""Opening a data folder: :func:`validate` lists its problems, :func:`load` makes a :class:`Dataset` of it.

Both go through :func:`read_folder`, which reads each table (:mod:`partnergraph.reader`),
checks it against the data contract (:mod:`partnergraph.contract`), joins the
edge lists into one table and runs the checks across tables. No exception
other than our own escapes, whatever the files hold.
"""
from __future__ import annotations

import dataclasses
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from .columns import per_distinct
from .contract import (NODE_COLUMNS, PATH, U_COL, U_KIND, V_COL, V_KIND, as_text, check_edge_table, check_endpoints,
                       check_id_spellings, check_nodes, check_times, joined_edges, nodes_from_edges)
from .dataset import Dataset
from .errors import DataError, DataWarning, Problem
from .reader import DESCRIPTOR, OTHER_SPREADSHEETS, ROW, Source, read_descriptor, read_table, workbook_sources

__all__ = ["load", "validate", "bundled_path", "read_folder", "Folder"]


def validate(path) -> list[Problem]:
    """Every problem in a data folder, in file and row order.

    Parameters
    ----------
    path : str or os.PathLike
        The folder: a ``nodes.csv`` (optional) and one edge list per relation;
        or an .xlsx workbook holding the same tables as sheets.

    Returns
    -------
    list of Problem
        Each with ``path``, ``row`` (the spreadsheet row, header = 1),
        ``column`` and ``column_number`` (its place in the file, 1 for the
        first), ``type`` (a slug of :data:`partnergraph.PROBLEM_TYPES`),
        ``message`` and ``severity``: ``"error"`` (the folder cannot be loaded
        as meant) or ``"warning"`` (a likely mistake: an edge dated outside an
        endpoint's lifetime, an undated row that counts at every date among
        dated ones). Empty when the folder is fine.

    Raises
    ------
    Nothing: whatever the files hold, it is reported as a :class:`Problem` (a
    missing folder too).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "memberships.csv").write_text("country,framework,since\\nJPN,pag,20x4\\n")
    >>> [str(p).replace(str(d), "DIR") for p in validate(d)]
    ['DIR/memberships.csv:2:since: expected a year, a month (YYYY-MM) or an ISO date, got "20x4"; write it year first, for example 1994, 1994-05 or 1994-05-09']
    >>> [(p.type, p.column, p.column_number) for p in validate(d)]
    [('bad-date', 'since', 3)]

    See Also
    --------
    partnergraph.load : reads the folder, raising :class:`DataError` (which carries every error).
    """
    return read_folder(path).problems



# ---------------------------------------------------------------------------
# one folder


@dataclass
class Folder:
    """What :func:`read_folder` found: the tables (valid rows only) and the problems."""

    path: Path
    nodes: pd.DataFrame | None
    edges: pd.DataFrame
    relations: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    #: Each edge's endpoints as rows of ``nodes`` (``u`` and ``v``), when nodes.csv gave the nodes: found once for the
    #: checks and handed to the Dataset, which needs them for the time rule and the queries.
    positions: dict | None = None
    #: Each edge's own window (``since`` read as a first day, ``until`` as a last day), as the checks read it.
    windows: tuple | None = None

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop the folder loading (warnings left out)."""
        return [p for p in self.problems if p.is_error]

def read_folder(path) -> Folder:
    """Read and check a data folder (or a workbook): what :func:`validate` and :func:`load` both stand on.

    Parameters
    ----------
    path : str or os.PathLike
        A folder of CSV files, or an .xlsx workbook.

    Returns
    -------
    Folder
        The valid rows (``nodes``, ``edges``, ``relations``), every problem in
        file and row order, and the descriptor (``meta``).

    Raises
    ------
    Nothing: whatever the files hold, it is a :class:`partnergraph.Problem`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "memberships.csv").write_text("country,framework\\nJPN,pag\\nKOR,\\n")
    >>> found = read_folder(d)
    >>> found.edges[["u", "v"]].values.tolist(), [p.message for p in found.errors]
    ([['JPN', 'pag']], ['empty id'])
    """
    folder = Path(path)
    shown = str(path)
    empty_edges = pd.DataFrame(columns=["relation", "u", "v", "since", "until", "source"])
    empty_relations = pd.DataFrame(columns=["relation", "u_kind", "v_kind", "file"])

    def failed(message, type):
        return Folder(folder, None, empty_edges, empty_relations, [Problem(shown, None, None, message, type=type)])

    if not folder.exists():
        return failed("no such folder", "missing-folder")
    problems: list[Problem] = []
    meta: dict = {}
    if folder.is_file() and folder.suffix.lower() in (".xlsx", ".xlsm"):
        sources, found = workbook_sources(folder)
        problems += found
        if not sources and not found:
            return failed("no sheets in the workbook", "no-tables")
    elif not folder.is_dir():
        other = OTHER_SPREADSHEETS.get(folder.suffix.lower())
        if other:
            return failed(f"{other}: save it as an Excel workbook (.xlsx) and pass that, or save each sheet as "
                          f"\"CSV UTF-8\" into a folder", "not-a-folder")
        if folder.suffix.lower() == ".csv":
            return failed("one CSV file: --data takes the folder that holds it (with the other tables)", "not-a-folder")
        return failed("not a folder (a data folder of CSV files, or an .xlsx workbook)", "not-a-folder")
    else:
        try:
            entries = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and not p.name.startswith((".", "~")))
        except OSError as err:
            return failed(f"cannot list folder: {err.strerror or err}", "unreadable")
        files = []
        for p in entries:
            if p.is_file():
                files.append(p)
            else:  # a broken link, a FIFO, a folder named *.csv: said, not silently skipped (nor read: a FIFO would hang)
                what = "a folder" if p.is_dir() else "a link to nothing" if p.is_symlink() else "not a regular file"
                problems.append(Problem(str(p), None, None, f"{what}, so not read", "warning", type="skipped-file"))
        if not files:
            return Folder(folder, None, empty_edges, empty_relations,
                          problems + [Problem(shown, None, None, "no CSV files in folder", type="no-tables")])
        sources = [Source(p.stem, p.name, str(p), (lambda p=p: read_table(p))) for p in files]
        meta, found = read_descriptor(folder / DESCRIPTOR)
        problems += found
    node_files = [s for s in sources if s.stem.lower() == "nodes"]
    edge_files = [s for s in sources if s.stem.lower() != "nodes"]
    if len(node_files) > 1:
        problems.append(Problem(shown, None, None, "more than one nodes file: " + ", ".join(s.name for s in node_files),
                                type="two-nodes-tables"))

    nodes = None
    nodes_ok = True
    headers: dict[str, list[str]] = {}  # each table's header as the checks read it, for the problems' column numbers
    if node_files:
        source = node_files[0]
        table, found = source.read()
        problems += found
        nodes, found = check_nodes(table, source.shown) if table is not None else (None, [])
        problems += found
        nodes_ok = nodes is not None
        if table is not None:
            headers[source.shown] = list(table.header)

    frames, relations, reused = [], [], []
    node_index = pd.Index(nodes["id"]) if nodes is not None else None
    seen_stems: dict[str, str] = {}
    for source in edge_files:
        key = source.stem.lower()
        if key in seen_stems:
            problems.append(Problem(source.shown, None, None,
                                    f"relation {source.stem!r} is also defined by {seen_stems[key]}",
                                    type="two-relation-tables"))
            continue
        seen_stems[key] = source.name
        table, found = source.read()
        problems += found
        if table is None:
            continue
        frame, found, reuse = check_edge_table(table, source.shown, source.stem, node_index)
        problems += found
        headers[source.shown] = list(table.header)
        if frame is not None:
            frames.append(frame)
            reused.append(reuse)
            relations.append({"relation": source.stem, "u_kind": table.header[0], "v_kind": table.header[1],
                              "file": source.name})

    # kinds compare case-insensitively and keep their first spelling (nodes.csv first, then the files in order)
    first = {}
    for kind in [*(pd.unique(nodes["kind"]) if nodes is not None else []),
                 *(k for r in relations for k in (r["u_kind"], r["v_kind"]))]:
        first.setdefault(kind.casefold(), kind)
    spelled = lambda kind: first.get(kind.casefold(), kind)  # noqa: E731
    if nodes is not None:
        nodes["kind"] = per_distinct(nodes["kind"], spelled)
    for frame in frames:
        frame[U_KIND], frame[V_KIND] = spelled(frame[U_KIND].iloc[0]) if len(frame) else "", \
            spelled(frame[V_KIND].iloc[0]) if len(frame) else ""
    for r in relations:
        r["u_kind"], r["v_kind"] = spelled(r["u_kind"]), spelled(r["v_kind"])
    table = frame = None  # let the read cells go once checked (a big folder is held once, not twice)
    edges = joined_edges(frames)
    relations_df = pd.DataFrame(relations, columns=["relation", "u_kind", "v_kind", "file"])
    # each row's date bounds and endpoint positions, as the checks of each file found them, in the edges' order
    joined = lambda get: np.concatenate([get(f) for f in reused]) if reused else np.empty(0, "datetime64[D]")  # noqa: E731
    bounds = {side: (joined(lambda f: f[side][0]), joined(lambda f: f[side][1])) for side in ("since", "until")}
    at = None
    if nodes is not None:
        at = {side: (np.concatenate([f["at"][side] for f in reused]) if reused else np.empty(0, np.intp))
              for side in ("u", "v")}
        problems += check_endpoints(edges, nodes, "nodes.csv" if folder.is_dir() else "the nodes sheet",
                                                   at)
    elif nodes_ok:
        nodes, found = nodes_from_edges(edges)
        problems += found
    if nodes is not None:
        problems += check_times(edges, nodes, at, bounds)
        ids = pd.unique(np.concatenate([np.empty(0, object)] + [f["ids"][s] for f in reused for s in ("u", "v")]))
        problems += check_id_spellings(edges, typos=not node_files, known=set(nodes["id"]) if node_files else None,
                                        nodes_table="a nodes.csv" if folder.is_dir() else "a nodes sheet", ids=ids)
    edges = edges.drop(columns=[PATH, ROW, U_KIND, V_KIND, U_COL, V_COL])
    if nodes is None:
        nodes = pd.DataFrame(columns=list(NODE_COLUMNS))
    nodes, edges = as_text(nodes), as_text(edges, keep=("weight",))
    order = {shown: -2, str(folder / DESCRIPTOR): -1, **{s.shown: i for i, s in enumerate(node_files + edge_files)}}
    problems = [_numbered(p, headers.get(p.path)) for p in problems]
    problems.sort(key=lambda p: (order.get(p.path, len(order)), p.row or 0))
    return Folder(folder, nodes, edges, relations_df, problems, meta, at, (bounds["since"][0], bounds["until"][1]))


def _numbered(problem: Problem, header: list[str] | None) -> Problem:
    """The problem with its column's number (1 for the first) when its column is one of its table's ``header``: by
    name, or by number for a column whose header cell is blank or a cell past the header's last."""
    column = problem.column
    if problem.column_number is not None or column is None or header is None:
        return problem
    if column in header:
        return dataclasses.replace(problem, column_number=header.index(column) + 1)
    if str(column).isdigit() and int(column) > 0 and (int(column) > len(header) or not header[int(column) - 1]):
        return dataclasses.replace(problem, column_number=int(column))  # a blank header cell, or a cell past the last
    return problem


def bundled_path() -> Path:
    """The folder of the bundled NATO dataset, inside the installed package.

    Returns
    -------
    pathlib.Path
        The folder :func:`load` reads when given no path (never write into it).

    Raises
    ------
    Nothing: the data is part of the package.

    Examples
    --------
    >>> (bundled_path() / "memberships.csv").is_file()
    True
    """
    return Path(str(resources.files("partnergraph.data")))


def load(path=None) -> Dataset:
    """Read a data folder into a :class:`Dataset`.

    Parameters
    ----------
    path : str or os.PathLike, optional
        A folder that follows the data contract, or an Excel workbook (.xlsx)
        holding the same tables as sheets. ``None`` (the default) reads the
        bundled NATO partnerships dataset.

    Returns
    -------
    Dataset
        Every node and every edge (all dates); see :meth:`Dataset.as_of`.

    Raises
    ------
    DataError
        When the folder has errors: ``err.problems`` is the list
        :func:`validate` returns (errors and warnings, in the same order),
        ``err.errors`` the errors among them; ``path``, ``row`` and ``column``
        are the first error's. No other exception escapes for any file content.

    Warns
    -----
    DataWarning
        Once, when :func:`validate` finds warnings (likely mistakes) but no
        error; the dataset's ``warnings`` attribute lists them.

    Examples
    --------
    >>> nato = pg.load()
    >>> nato.name
    'nato'
    >>> list(nato.edges.columns[:5])
    ['relation', 'u', 'v', 'since', 'until']
    """
    if path is None:
        folder, name = bundled_path(), "nato"
    else:
        folder = Path(path)
        name = (folder.stem if folder.is_file() else folder.resolve().name) or "data"  # a workbook: its name
    found = read_folder(folder if path is None else path)
    errors = found.errors
    if errors:
        raise DataError(found.problems)  # every problem, as validate lists them; the errors among them stop it
    ds = Dataset(found.nodes, found.edges, relations=found.relations, name=name, path=str(folder), meta=found.meta)
    if found.positions is not None:
        ds.__dict__["_endpoint_positions"] = (found.positions["u"], found.positions["v"])
    if found.windows is not None:
        ds.__dict__["_own_windows"] = found.windows
    ds.warnings = list(found.problems)
    if ds.warnings:
        n = len(ds.warnings)
        first = dataclasses.replace(ds.warnings[0], severity="error")  # shown without its own "warning:"
        warnings.warn(DataWarning(f"{n} likely mistake{'s' if n != 1 else ''} in {folder} "
                                  f"(partnergraph validate lists {'them' if n != 1 else 'it'}), the first: {first}"),
                      stacklevel=2)
    return ds
