"""Reading a data folder and checking it against the data contract.

:func:`validate` returns every problem it finds; :func:`partnergraph.load`
uses the same reader and raises on the first. No exception other than our own
escapes either of them, whatever the files hold.

The reader works a file at a time: the bytes are checked (not empty, not
binary, UTF-8 with or without a byte-order mark), the CSV is split into
records by Python's C tokenizer, and every check on the cells then runs on
whole pandas columns.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pandas as pd

from .asof import DATE_PATTERN, date_bounds, date_cells, distinct_dates
from .columns import per_distinct, taken
from .errors import Problem, a_kind
from .progress import Progress

__all__ = ["validate", "FIXED_COLUMNS", "NODE_COLUMNS", "DESCRIPTOR"]

#: Internal columns: a NUL cannot come from a file (it is refused as binary), so no user column collides.
_C_FIRST = "\x00first"
_C_PATH = "\x00path"
_C_ROW = "\x00row"
_C_U_COL = "\x00u_col"
_C_U_KIND = "\x00u_kind"
_C_V_COL = "\x00v_col"
_C_V_KIND = "\x00v_kind"

#: Columns nodes.csv must have.
NODE_COLUMNS = ("id", "kind", "label")
#: The optional data package descriptor of a folder.
DESCRIPTOR = "datapackage.json"
#: Optional edge columns with a fixed meaning, in the order `.edges` shows them.
FIXED_COLUMNS = ("since", "until", "status", "weight", "source", "note")
#: Names an edge file may not use for its extra columns (the loader makes them).
_RESERVED = ("relation", "u", "v")



def validate(path) -> list[Problem]:
    """Every problem in a data folder, in file and row order.

    Parameters
    ----------
    path : str or os.PathLike
        The folder: a ``nodes.csv`` (optional) and one edge list per relation.

    Returns
    -------
    list of Problem
        Each with ``path``, ``row`` (the spreadsheet row, header = 1),
        ``column``, ``message`` and ``severity``: ``"error"`` (the folder cannot
        be loaded as meant) or ``"warning"`` (a likely mistake: an edge dated
        outside an endpoint's lifetime, an undated row that counts at every date
        among dated ones). Empty when the folder is fine.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "memberships.csv").write_text("country,framework,since\\nJPN,pag,20x4\\n")
    >>> [str(p).replace(str(d), "DIR") for p in validate(d)]
    ['DIR/memberships.csv:2:since: expected a year, a month (YYYY-MM) or an ISO date, got "20x4"; write it year first, for example 1994, 1994-05 or 1994-05-09']

    See Also
    --------
    partnergraph.load : reads the folder, raising :class:`DataError` on the first problem.
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


@dataclass
class _Source:
    """One table of a dataset: a CSV file of a folder, or a sheet of a workbook."""

    stem: str  # the relation name, or "nodes"
    name: str  # what the relations table records as its file: "memberships.csv"
    shown: str  # where problems say they are: "data/memberships.csv", "book.xlsx:memberships"
    read: object  # () -> (_Table | None, problems)


def read_folder(path) -> Folder:
    """Read and check a data folder (or a workbook); internal to :func:`validate` and :func:`load`."""
    folder = Path(path)
    shown = str(path)
    empty_edges = pd.DataFrame(columns=["relation", "u", "v", "since", "until", "source"])
    empty_relations = pd.DataFrame(columns=["relation", "u_kind", "v_kind", "file"])

    def failed(message):
        return Folder(folder, None, empty_edges, empty_relations, [Problem(shown, None, None, message)])

    if not folder.exists():
        return failed("no such folder")
    problems: list[Problem] = []
    meta: dict = {}
    if folder.is_file() and folder.suffix.lower() in (".xlsx", ".xlsm"):
        sources, found = _workbook_sources(folder)
        problems += found
        if not sources and not found:
            return failed("no sheets in the workbook")
    elif not folder.is_dir():
        other = _OTHER_SPREADSHEETS.get(folder.suffix.lower())
        if other:
            return failed(f"{other}: save it as an Excel workbook (.xlsx) and pass that, or save each sheet as "
                          f"\"CSV UTF-8\" into a folder")
        if folder.suffix.lower() == ".csv":
            return failed("one CSV file: --data takes the folder that holds it (with the other tables)")
        return failed("not a folder (a data folder of CSV files, or an .xlsx workbook)")
    else:
        try:
            entries = sorted(p for p in folder.iterdir() if p.suffix.lower() == ".csv" and not p.name.startswith((".", "~")))
        except OSError as err:
            return failed(f"cannot list folder: {err.strerror}")
        files = []
        for p in entries:
            if p.is_file():
                files.append(p)
            else:  # a broken link, a FIFO, a folder named *.csv: said, not silently skipped (nor read: a FIFO would hang)
                what = "a folder" if p.is_dir() else "a link to nothing" if p.is_symlink() else "not a regular file"
                problems.append(Problem(str(p), None, None, f"{what}, so not read", "warning"))
        if not files:
            return Folder(folder, None, empty_edges, empty_relations,
                          problems + [Problem(shown, None, None, "no CSV files in folder")])
        sources = [_Source(p.stem, p.name, str(p), (lambda p=p: _read_table(p))) for p in files]
        meta, found = _read_descriptor(folder / DESCRIPTOR)
        problems += found
    node_files = [s for s in sources if s.stem.lower() == "nodes"]
    edge_files = [s for s in sources if s.stem.lower() != "nodes"]
    if len(node_files) > 1:
        problems.append(Problem(shown, None, None, "more than one nodes file: " + ", ".join(s.name for s in node_files)))

    nodes = None
    nodes_ok = True
    if node_files:
        source = node_files[0]
        table, found = source.read()
        problems += found
        nodes, found = _check_nodes(table, source.shown) if table is not None else (None, [])
        problems += found
        nodes_ok = nodes is not None

    frames, relations, reused = [], [], []
    node_index = pd.Index(nodes["id"]) if nodes is not None else None
    seen_stems: dict[str, str] = {}
    for source in edge_files:
        key = source.stem.lower()
        if key in seen_stems:
            problems.append(Problem(source.shown, None, None,
                                    f"relation {source.stem!r} is also defined by {seen_stems[key]}"))
            continue
        seen_stems[key] = source.name
        table, found = source.read()
        problems += found
        if table is None:
            continue
        frame, found, reuse = _check_edge_table(table, source.shown, source.stem, node_index)
        problems += found
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
        frame[_C_U_KIND], frame[_C_V_KIND] = spelled(frame[_C_U_KIND].iloc[0]) if len(frame) else "", \
            spelled(frame[_C_V_KIND].iloc[0]) if len(frame) else ""
    for r in relations:
        r["u_kind"], r["v_kind"] = spelled(r["u_kind"]), spelled(r["v_kind"])
    table = frame = None  # let the read cells go once checked (a big folder is held once, not twice)
    edges = _concat_edges(frames)
    relations_df = pd.DataFrame(relations, columns=["relation", "u_kind", "v_kind", "file"])
    # each row's date bounds and endpoint positions, as the checks of each file found them, in the edges' order
    joined = lambda get: np.concatenate([get(f) for f in reused]) if reused else np.empty(0, "datetime64[D]")  # noqa: E731
    bounds = {side: (joined(lambda f: f[side][0]), joined(lambda f: f[side][1])) for side in ("since", "until")}
    at = None
    if nodes is not None:
        at = {side: (np.concatenate([f["at"][side] for f in reused]) if reused else np.empty(0, np.intp))
              for side in ("u", "v")}
        problems += _check_endpoints_against_nodes(edges, nodes, "nodes.csv" if folder.is_dir() else "the nodes sheet",
                                                   at)
    elif nodes_ok:
        nodes, found = _nodes_from_edges(edges)
        problems += found
    if nodes is not None:
        problems += _check_times(edges, nodes, at, bounds)
        ids = pd.unique(np.concatenate([np.empty(0, object)] + [f["ids"][s] for f in reused for s in ("u", "v")]))
        problems += _check_id_spellings(edges, typos=not node_files, known=set(nodes["id"]) if node_files else None,
                                        nodes_table="a nodes.csv" if folder.is_dir() else "a nodes sheet", ids=ids)
    edges = edges.drop(columns=[_C_PATH, _C_ROW, _C_U_KIND, _C_V_KIND, _C_U_COL, _C_V_COL])
    if nodes is None:
        nodes = pd.DataFrame(columns=list(NODE_COLUMNS))
    nodes, edges = _as_text(nodes), _as_text(edges, keep=("weight",))
    order = {shown: -2, str(folder / DESCRIPTOR): -1, **{s.shown: i for i, s in enumerate(node_files + edge_files)}}
    problems.sort(key=lambda p: (order.get(p.path, len(order)), p.row or 0))
    return Folder(folder, nodes, edges, relations_df, problems, meta, at, (bounds["since"][0], bounds["until"][1]))


# ---------------------------------------------------------------------------
# one file


@dataclass
class _Table:
    path: str
    header: list[str]
    frame: pd.DataFrame  # columns 0..n-1 (str), plus _C_ROW
    formula_free: bool = False  # True when the bytes proved that no cell starts like a spreadsheet formula


def _read_table(path: Path) -> tuple[_Table | None, list[Problem]]:
    """Bytes -> text -> records -> a frame of the well-formed rows."""
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(shown, None, None, f"cannot read file: {err.strerror or err}")]
    if not raw[:4096].translate(None, b" \t\r\n\xef\xbb\xbf") and not raw.translate(None, b" \t\r\n\xef\xbb\xbf"):
        return None, [Problem(shown, None, None, "empty file, expected a header row")]
    if raw.startswith(b"PK\x03\x04"):
        return None, [Problem(shown, None, None, "an Excel workbook (or another zip file), not CSV text: "
                                                 "save each sheet as \"CSV UTF-8\", or pass the workbook itself as --data")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(shown, None, None, "UTF-16 text (\"Unicode text\" in Excel): save the file as \"CSV UTF-8\"")]
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return None, [Problem(shown, None, None, "an old Excel (.xls) workbook, not CSV text: save each sheet as \"CSV UTF-8\"")]
    if b"\x00" in raw:
        return None, [Problem(shown, None, None, "binary file (it contains NUL bytes), expected CSV text")]
    ascii_only = raw.isascii()
    text = None
    if not ascii_only:  # ASCII is UTF-8 already: a file of ASCII is decoded only if the strict reader needs its text
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            return None, [Problem(shown, line, None, f"not UTF-8 text (byte 0x{raw[err.start]:02x}); "
                                                      f"save the file as \"CSV UTF-8\"")]
    if raw.translate(None, _ALLOWED_BYTES) or (text is not None and _FORBIDDEN.search(text)):
        return None, [_forbidden_at(shown, text if text is not None else raw.decode("ascii"))]
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    end = raw.find(b"\n", bom)
    sep_line, delimiter = _delimiter_of(raw[bom:end if end >= 0 else len(raw)].decode("utf-8", "replace"))
    if b'"' not in raw:  # no quoting: every line is a record, which pandas' C parser reads as the strict one would
        start = (end + 1 if end >= 0 else len(raw)) if sep_line else bom
        # without a carriage return, other Unicode space or a space or tab at a cell's edge, no cell needs stripping
        plain = b"\r" not in raw and (text is None or not _WIDE_SPACE.search(text))
        text = None
        table = _fast_table(shown, raw[start:] if start else raw, delimiter, bar=_bar(path), plain=plain)
        if table is not None:
            return table
    text = _delimiter(text if text is not None else raw.decode("utf-8-sig"))[0]
    del raw  # the text is all that is needed from here (a large file is held once, not twice)
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, len(text) + 1))  # a long cell (a whole report pasted in) is still a cell
    read = 0

    def counted(reader):
        nonlocal read
        for record in reader:
            read += 1
            yield record

    bar = _bar(path, total=text.count("\n") + 1)
    try:
        return _table_from_records(shown, counted(csv.reader(_lines(text), strict=True, delimiter=delimiter)),
                                   bar=bar)
    except csv.Error as err:
        message = str(err)
        if "unexpected end of data" in message:
            message = "a quoted cell is never closed"
        elif "expected after" in message:
            message = "unexpected text after a closing quote"
        return None, [Problem(shown, read + 1, None, f"malformed CSV: {message}")]
    finally:
        csv.field_size_limit(limit)
        bar.close()


def _bar(path: Path, total: int | None = None) -> Progress:
    """The progress line of reading one file (shown only on a terminal, once reading takes 2 s)."""
    name = path.name if path.name.isprintable() else ascii(path.name)
    return Progress(f"reading {name}", total)


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` with their endings, split as a file opened with ``newline=""`` splits them, one at a
    time (``io.StringIO`` would copy the whole text at four bytes a character).

    >>> list(_lines("a,b\\r\\nc\\rd"))
    ['a,b\\r\\n', 'c\\r', 'd']
    """
    return (match.group() for match in _LINE.finditer(text))


#: Records are turned into arrays this many at a time, so that reading a big file never holds every cell as a
#: separate Python list and string at once.
_CHUNK = 50_000


def _header(shown: str, record: list[str]) -> tuple[list[str] | None, list[Problem]]:
    """The header row's names (stripped), and its problems; None when the row is empty."""
    header = [cell.strip() for cell in record]
    if not any(header):
        return None, [Problem(shown, 1, None, "the first row must be a header row, found an empty row")]
    return header, [Problem(shown, 1, str(i + 1), "empty column header") for i, name in enumerate(header) if not name]


#: Files wider than this are read by the strict reader, whose cost does not grow with the number of columns.
_FAST_WIDTH = 256


def _fast_table(shown: str, data: bytes, delimiter: str, bar: Progress | None = None, plain: bool = False
                ) -> tuple[_Table | None, list[Problem]] | None:
    """A file without quote characters, read by pandas' C parser; None when the strict reader must read it.

    Without quotes, each line is one record, so the checks the strict reader makes
    on records can be made on the bytes first: every line has the header's number
    of delimiters, or is blank (spaces, tabs and delimiters only). A file that
    passes is read in C and gives the same table as the strict reader (a test
    compares the two on random files); any other is left to the strict reader,
    which names each row that is wrong.
    """
    sep = delimiter.encode()
    buf = np.frombuffer(data, dtype=np.uint8)
    # Without carriage returns, every line holds width - 1 delimiters when their total says so and no line holds
    # more (the parser rejects a line longer than the first): then only a line of delimiters alone is blank.
    uniform = b"\r" not in data
    if uniform:
        end = data.find(b"\n")
        width = (data[:end] if end >= 0 else data).count(sep) + 1
        lines = data.count(b"\n") + (not data.endswith(b"\n"))
        uniform = data.count(sep) == (width - 1) * lines
    if uniform:
        starts = ends = seps = None
        blank_rows = (b"\n" + sep * (width - 1) + b"\n") in data or data.endswith(b"\n" + sep * (width - 1))
    else:  # one temporary the size of the file at a time: the big file is held once, plus one mask of it
        starts, ends, seps = _line_bounds(buf, delimiter)
        width = int(seps[0]) + 1
        other = np.flatnonzero(seps[1:] != width - 1) + 1
        if len(other) > 10_000:
            return None
        for line in other:  # a line of another width must be blank (spaces, tabs and delimiters only)
            if data[starts[line]:ends[line] + 1].translate(None, b" \t\r\n" + sep):
                return None
        lines = len(ends)
    if width > _FAST_WIDTH:
        return None
    if plain:  # a space or tab next to a delimiter or a line's ends means some cell must be stripped
        plain = not _space_at_an_edge(data, delimiter)
    # with no cell to strip, the bytes show whether any cell can start like a formula (most files: none)
    formula_free = plain and not _formula_start(data, buf, delimiter)
    header, problems, blocks, read = None, [], [], 0
    if bar is not None:
        bar.total = lines
    try:  # a chunk at a time: each chunk's cells become one array of the distinct stripped texts of each column
        for chunk in pd.read_csv(io.BytesIO(data), sep=delimiter, header=None, dtype=object, na_filter=False,
                                 keep_default_na=False, skip_blank_lines=False, quoting=csv.QUOTE_NONE,
                                 engine="c", encoding="utf-8", chunksize=4 * _CHUNK):
            if chunk.shape[1] != width:
                return None
            if header is None:
                header, problems = _header(shown, [str(v) for v in chunk.iloc[0]])
                if header is None:
                    return None, problems
            first = 1 if read == 0 else 0
            read += len(chunk)
            if plain:  # nothing to strip: the parser's cells as they are
                cells = chunk.to_numpy(dtype=object)[first:]
            else:
                cells = np.empty((len(chunk) - first, width), dtype=object)
                for c in range(width):
                    codes, uniques = pd.factorize(chunk[c], use_na_sentinel=False)
                    cells[:, c] = _stripped_cells(np.asarray(uniques, dtype=object))[codes[first:]]
            blocks.append(cells)
            if bar is not None:
                bar.update(read)
    except (pd.errors.ParserError, ValueError):
        return None
    finally:
        if bar is not None:
            bar.close()
    if read != lines:
        return None
    cells = np.concatenate(blocks) if len(blocks) > 1 else blocks[0]
    del blocks
    if uniform and plain and not blank_rows:
        nonblank = np.ones(len(cells), dtype=bool)
    elif plain and not uniform:  # a blank line holds delimiters only: as many bytes before its line end as delimiters
        content = ends - starts + 1 - (buf[ends] == 10)
        nonblank = (content != seps)[1:]
    else:
        nonblank = (cells != "").any(axis=1)
    rows = np.arange(2, len(cells) + 2)
    if not nonblank.all():  # most files have no blank line: no copy of their cells then
        cells, rows = cells[nonblank], rows[nonblank]
    table = pd.DataFrame(cells, columns=range(width), dtype=object, copy=False)
    table[_C_ROW] = rows
    return _Table(shown, header, table, formula_free=formula_free), problems


def _line_bounds(buf: np.ndarray, delimiter: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each line's first and last byte (its line end, or the file's last byte) and its number of delimiters; a
    lone carriage return ends a line, the one of a CRLF does not."""
    feeds = np.flatnonzero(buf == 10)
    returns = np.flatnonzero(buf == 13)
    after = returns + 1
    lone = returns[(after >= len(buf)) | (buf[np.minimum(after, len(buf) - 1)] != 10)]
    ends = np.union1d(feeds, lone) if len(lone) else feeds
    del feeds, returns, after, lone
    if not len(ends) or ends[-1] != len(buf) - 1:
        ends = np.append(ends, len(buf) - 1)  # a last line without a line end
    starts = np.concatenate(([0], ends[:-1] + 1))
    seps = np.diff(np.searchsorted(np.flatnonzero(buf == ord(delimiter)), ends, side="right"), prepend=0)
    return starts, ends, seps


def _space_at_an_edge(data: bytes, delimiter: str) -> bool:
    """True when a space (or a tab, unless tab is the delimiter) touches a delimiter, a line feed or either end of
    the bytes: a cell there has a space to strip.

    >>> _space_at_an_edge(b"a,b c\\nd,e", ","), _space_at_an_edge(b"a, b", ","), _space_at_an_edge(b"a,b\\t\\n", ",")
    (False, True, True)
    """
    buf = np.frombuffer(data, dtype=np.uint8)
    found = buf == 32
    if delimiter != "\t" and b"\t" in data:
        found |= buf == 9
    space = np.flatnonzero(found)
    del found
    if not len(space):
        return False
    if space[0] == 0 or space[-1] == len(buf) - 1:
        return True
    before, after = buf[space - 1], buf[space + 1]
    edge = ord(delimiter)
    return bool(((before == 10) | (before == edge) | (after == 10) | (after == edge)).any())


def _formula_start(data: bytes, buf: np.ndarray, delimiter: str) -> bool:
    """True when a cell (after the first line) starts with ``=``, ``+``, ``-`` or ``@``, as a spreadsheet formula
    may; the cells are those of a file with nothing to strip.

    >>> b = b"id,x\\na,-1\\nb,x-y"
    >>> _formula_start(b, np.frombuffer(b, np.uint8), ","), _formula_start(b"a,b", np.frombuffer(b"a,b", np.uint8), ",")
    (True, False)
    """
    for char in b"=+-@":
        if bytes([char]) not in data:
            continue
        at = np.flatnonzero(buf == char)
        at = at[at > 0]
        before = buf[at - 1]
        if ((before == 10) | (before == ord(delimiter))).any():
            return True
    return False


def _table_from_records(shown: str, records: Iterable[list[str]], bar: Progress | None = None
                        ) -> tuple[_Table | None, list[Problem]]:
    """Records (lists of cell texts, the first the header) -> a frame of the well-formed rows.

    Cells are stripped as they are read, a chunk of records at a time; each distinct text in a chunk is kept once.
    """
    records = iter(records)
    header, problems = _header(shown, next(records, []))
    if header is None:
        return None, problems
    width = len(header)

    blocks, numbers = [np.empty((0, width), dtype=object)], [np.empty(0, dtype=np.int64)]
    first_row = 2
    while chunk := list(islice(records, _CHUNK)):
        lengths = np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk))
        rows = np.arange(first_row, first_row + len(chunk))
        first_row += len(chunk)
        blank = lengths == 0
        wrong = ~blank & (lengths != width)
        # a row of empty cells (as spreadsheets export) counts as blank, whatever its width
        for i in np.flatnonzero(wrong):
            if not "".join(chunk[i]).strip():
                blank[i], wrong[i] = True, False
        for i in np.flatnonzero(wrong):
            n = int(lengths[i])
            col = (header[n] or str(n + 1)) if n < width else str(width + 1)
            problems.append(Problem(shown, int(rows[i]), col, f"expected {width} cells, found {n}"
                                    + _separator_hint(chunk[i], width)))
        keep = np.flatnonzero(~(blank | wrong))
        cells = np.empty((len(keep), width), dtype=object)
        for n, i in enumerate(keep):
            cells[n, :] = chunk[i]
        del chunk
        cells = _stripped_cells(cells)
        nonblank = (cells != "").any(axis=1)  # rows of empty cells are blank lines too
        blocks.append(cells[nonblank])
        numbers.append(rows[keep][nonblank])
        if bar is not None:
            bar.update(first_row)
    cells = np.concatenate(blocks) if len(blocks) > 2 else blocks[-1]
    del blocks
    frame = pd.DataFrame(cells, columns=range(width), dtype=object, copy=False)
    frame[_C_ROW] = np.concatenate(numbers)
    return _Table(shown, header, frame), problems


#: Characters no cell may hold: control characters other than tab, line feed and carriage return, and the
#: non-characters U+FFFE and U+FFFF. Spreadsheets hide them, XML (GEXF, GraphML, SVG) cannot hold them, and
#: some turn into line breaks in other tools.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\x80-\x9f\ufffe\uffff]")
#: Every byte but the ASCII characters _FORBIDDEN holds (the others are found in the text, when it is not ASCII).
_ALLOWED_BYTES = bytes(b for b in range(256) if b >= 0x80 or not _FORBIDDEN.match(chr(b)))
#: White space other than ASCII's, which str.strip() also removes.
_WIDE_SPACE = re.compile(r"[^\S\x00-\x7f]")


def _forbidden_at(shown: str, text: str) -> Problem:
    """The problem for the first forbidden character of a file: its line, and the character's code."""
    found = _FORBIDDEN.search(text)
    line = text.count("\n", 0, found.start()) + 1
    return Problem(shown, line, None, f"a control character (U+{ord(found.group()):04X}) in the text; spreadsheets "
                                      f"hide it and other tools cannot read it: delete it")


#: Spreadsheet files partnergraph does not read, and what they are.
_OTHER_SPREADSHEETS = {".ods": "an OpenDocument spreadsheet (LibreOffice)", ".fods": "an OpenDocument spreadsheet (LibreOffice)",
                       ".xls": "an old Excel workbook (.xls)", ".xlsb": "a binary Excel workbook (.xlsb)",
                       ".numbers": "a Numbers spreadsheet"}


def _workbook_sources(book: Path) -> tuple[list[_Source], list[Problem]]:
    """The sheets of an Excel workbook as the tables of a dataset: ``nodes``, and one relation per other sheet.

    Cells are read as a person sees them: a whole number as written (1994, not
    1994.0), a date as an ISO date, TRUE/FALSE as such, an empty cell as empty;
    a formula as the value Excel last computed. Problems name the sheet:
    ``book.xlsx:memberships:14:since``.
    """
    shown = str(book)
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(book, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged file  # noqa: BLE001
        return [], [Problem(shown, None, None, f"cannot read the workbook ({type(err).__name__}): save it again "
                                                 f"from Excel or LibreOffice as .xlsx")]
    sources, problems = [], []
    seen = set()
    for sheet in workbook.worksheets:
        title = sheet.title.strip()
        if title.casefold() in seen:
            continue
        seen.add(title.casefold())
        try:
            rows = [[_sheet_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        except Exception as err:  # noqa: BLE001
            problems.append(Problem(f"{shown}:{title}", None, None, f"cannot read the sheet ({type(err).__name__})"))
            continue
        while rows and not any(c.strip() for c in rows[-1]):
            rows.pop()
        if rows:
            width = max((i + 1 for i, c in enumerate(rows[0]) if c.strip()), default=0)
            rows = [r[:width] if not any(c.strip() for c in r[width:]) else r for r in rows]
            # a row that stops short of the header has empty cells there: streamed workbooks store no trailing
            # empty cell and no sheet size, so openpyxl hands such rows over short
            rows = [r + [""] * (width - len(r)) if len(r) < width else r for r in rows]
        text = "".join("".join(r) for r in rows)
        if not rows or not text.strip():
            continue  # an empty sheet is no table
        found = _FORBIDDEN.search(text)
        where = f"{shown}:{title}"
        if found:
            problems.append(Problem(where, None, None, f"a control character (U+{ord(found.group()):04X}) in a "
                                                       f"cell; other tools cannot read it: delete it"))
            continue
        sources.append(_Source(title, f"{book.name}:{title}", where, (lambda rows=rows, where=where:
                                                                       _table_from_records(where, rows))))
    workbook.close()
    return sources, problems


def _sheet_cell(value) -> str:
    """A workbook cell as the text a person sees in it."""
    import datetime as dt

    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


#: The delimiters a file may use: what spreadsheets write (Excel in much of Europe writes ';').
DELIMITERS = (",", ";", "\t")


def _delimiter(text: str) -> tuple[str, str]:
    """The text without Excel's ``sep=X`` first line, and the delimiter: that one, else the one the header uses most.

    Only characters outside quotes count; a header with none of them is one
    column, read with ``,``.

    Examples
    --------
    >>> _delimiter("country;framework;since\\nJPN;pag;2014\\n")[1]
    ';'
    >>> _delimiter("sep=\\t\\ncountry\\tframework\\n")
    ('country\\tframework\\n', '\\t')
    """
    end = text.find("\n")
    sep_line, delimiter = _delimiter_of(text[:end] if end >= 0 else text)
    return (text[end + 1:] if end >= 0 else "") if sep_line else text, delimiter


def _delimiter_of(first: str) -> tuple[bool, str]:
    """Whether a file's first line is Excel's ``sep=X`` line, and the file's delimiter (see :func:`_delimiter`)."""
    marker = first.rstrip("\r")
    if marker.lower().startswith("sep=") and len(marker) == 5:
        return True, marker[4]
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for ch in marker:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return False, best if counts[best] else ","


def _separator_hint(record: list[str], width: int) -> str:
    """When a one-cell row splits into the header's width at another separator, say so (rows pasted from
    another file, or saved with another locale's separator).

    >>> print(_separator_hint(["JPN;pag;2014"], 3))
    ; this row separates its cells with ";": use the header's separator in every row
    """
    if len(record) != 1:
        return ""
    for sep, shown in ((";", '";"'), ("\t", "tabs"), (",", '","')):
        if record[0].count(sep) == width - 1:
            return f"; this row separates its cells with {shown}: use the header's separator in every row"
    return ""


def _stripped_cells(cells: np.ndarray) -> np.ndarray:
    """The cells (an array of texts, any shape) without surrounding spaces; each distinct value is stripped once.

    A leading tab stays: it is how some people keep a spreadsheet from running a
    cell as a formula. A cell of nothing but white space is empty.

    >>> _stripped_cells(np.array([" JPN ", "\\t=1", "  "], dtype=object)).tolist()
    ['JPN', '\\t=1', '']
    """
    codes, uniques = pd.factorize(cells.ravel(), use_na_sentinel=False)
    clean = np.array([("" if not str(u).strip() else str(u).strip(" \r\n")) for u in uniques], dtype=object)
    return clean[codes].reshape(cells.shape) if len(uniques) else cells.copy()


def _duplicate_headers(table: _Table, start: int = 0) -> list[Problem]:
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(table.header):
        if not name:
            continue
        if i >= start and name in seen and seen[name] >= start:
            out.append(Problem(table.path, 1, name, f"duplicate column header (also column {seen[name] + 1})"))
        seen.setdefault(name, i)
    return out


def _flag(table_path: str, frame: pd.DataFrame, mask, column: str | None, message) -> list[Problem]:
    """Problems for the rows where mask holds.

    ``message`` is a str, or a function of the flagged rows (a DataFrame)
    returning one message per row, so messages are only built for bad rows.
    """
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return []
    bad = frame[mask]
    texts = [message] * len(bad) if isinstance(message, str) else list(message(bad))
    return [Problem(table_path, int(r), column, t) for r, t in zip(bad[_C_ROW], texts)]


def _quoted(values: pd.Series) -> pd.Series:
    return '"' + values.astype(str) + '"'


# ---------------------------------------------------------------------------
# nodes.csv


#: Headers with a fixed meaning: matched case-insensitively after trimming, and read under these names.
_FIXED_HEADERS = {name: name for name in (*NODE_COLUMNS, *FIXED_COLUMNS)}


def _canonical_headers(table: _Table, start: int = 0) -> None:
    """Fixed-meaning headers from ``start`` on, whatever their case (``Since``, ``SOURCE``), under their own names."""
    table.header = [_FIXED_HEADERS.get(name.casefold(), name) if i >= start else name
                    for i, name in enumerate(table.header)]


#: Headers people type for a fixed column, and the column they most likely mean.
_LOOKALIKES = {"start": "since", "begin": "since", "from": "since", "date from": "since", "joined": "since",
               "end": "until", "to": "until", "date to": "until", "left": "until",
               "url": "source", "link": "source", "sources": "source", "citation": "source", "reference": "source",
               "notes": "note", "comment": "note", "comments": "note", "weights": "weight", "state": "status"}


def _cell_warnings(table: _Table, names: dict[int, str], shown: str) -> list[Problem]:
    """Warnings on a file's columns: a header that looks like a fixed one, a column empty in every row, and cells
    a spreadsheet would run as a formula. ``names`` maps column numbers to the header names used."""
    problems = []
    frame = table.frame
    fixed = set(_FIXED_HEADERS) - {"id", "kind", "label"}
    for i, name in names.items():
        if not name or name in _FIXED_HEADERS:
            continue
        folded = name.casefold()
        meant = _LOOKALIKES.get(folded) or next((f for f in sorted(fixed) if len(folded) >= 4
                                                 and _one_edit_apart(folded, f)), None)
        if meant:
            problems.append(Problem(shown, 1, name, f"column {name!r} looks like {meant!r}, which has a fixed meaning; "
                                                    f"name it {meant} if that is what it holds", "warning"))
    checked = [i for i in names if i in frame]
    if not len(frame) or not checked:
        return problems
    rows = frame[_C_ROW].to_numpy()
    for i in checked:  # each column's distinct texts once; its rows only when one of them is a problem
        name = names[i]
        cells = frame[i].to_numpy(dtype=object)
        if not (cells != "").any():
            if name not in _FIXED_HEADERS:  # an empty until or status column is normal
                problems.append(Problem(shown, 1, name or str(i + 1), "column is empty in every row", "warning"))
            continue
        if table.formula_free:
            continue
        distinct = pd.unique(cells)
        risky = distinct[pd.Series(distinct, dtype=object).str.match(r"=|[+\-@][^\d\s.,]", na=False).to_numpy(dtype=bool)]
        if not len(risky):
            continue
        hits = np.flatnonzero(frame[i].isin(risky).to_numpy())
        first, more = int(hits[0]), len(hits) - 1
        problems.append(Problem(shown, int(rows[first]), name or str(i + 1),
                                f"{_quoted_one(frame[i].iloc[first])} would run as a formula in a spreadsheet"
                                + (f" (and {more} more cell{'s' if more != 1 else ''} in this column)" if more else "")
                                + "; partnergraph keeps it as text", "warning"))
    return problems


def _quoted_one(text: str) -> str:
    return '"' + (text if len(text) <= 40 else text[:37] + "...") + '"'


def _named_columns(frame: pd.DataFrame, header: list[str]) -> pd.DataFrame:
    """The numbered columns of ``frame`` under their header names (a name's first column; unnamed ones left out), and
    the row numbers, taken as one block."""
    first: dict[str, int] = {}
    for i, name in enumerate(header):
        if name:
            first.setdefault(name, i)
    if list(first.values()) == list(range(len(header))):  # every column named once: rename, do not copy
        return frame.set_axis([*first, _C_ROW], axis=1)
    df = frame[[*first.values(), _C_ROW]]
    df.columns = [*first, _C_ROW]
    return df


def _check_nodes(table: _Table, shown: str) -> tuple[pd.DataFrame | None, list[Problem]]:
    _canonical_headers(table)
    header, frame = table.header, table.frame
    problems = _duplicate_headers(table)
    problems += _cell_warnings(table, {i: n for i, n in enumerate(header) if n not in ("id", "kind")}, shown)
    missing = [c for c in NODE_COLUMNS if c not in header]
    if missing:
        found = ", ".join(h for h in header if h) or "none"
        problems.append(
            Problem(shown, 1, None, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} (nodes.csv needs id, kind, label; found {found})")
        )
        return None, problems
    df = _named_columns(frame, header)
    for col in ("id", "kind"):
        problems += _flag(shown, df, df[col] == "", col, f"empty {col}")
    dup = (df["id"] != "") & df["id"].duplicated(keep="first")
    if dup.any():
        df[_C_FIRST] = df.groupby("id", sort=False)[_C_ROW].transform("first")
        problems += _flag(shown, df, dup, "id",
                          lambda bad: "duplicate id " + _quoted(bad["id"]) + " (first on row " + bad[_C_FIRST].astype(str) + ")")
        df = df.drop(columns=_C_FIRST)
    found, _ = _check_dates(df, shown)
    problems += found
    if found:  # a lifetime that cannot be read is not checked against (the error is reported once)
        bad = df[_C_ROW].isin({p.row for p in found})
        for col in ("since", "until"):
            if col in df:
                df.loc[bad, col] = ""
    # keep the usable rows, so edges can still be checked against them
    df = df[(df["id"] != "") & (df["kind"] != "")].drop_duplicates("id").copy()
    df["label"] = df["label"].where(df["label"] != "", df["id"])
    extras = [c for c in df.columns if c not in NODE_COLUMNS and c != _C_ROW]
    nodes = pd.concat([df[list(NODE_COLUMNS)], df[extras].replace("", np.nan)], axis=1)
    return nodes.reset_index(drop=True), problems


# ---------------------------------------------------------------------------
# edge files


def _check_edge_table(table: _Table, shown: str, relation: str, node_index: pd.Index | None = None
                      ) -> tuple[pd.DataFrame | None, list[Problem], dict | None]:
    """An edge file's rows, checked: the valid ones as a frame, the problems, and what the later checks need of
    each kept row: the date bounds (:func:`_check_dates`), each distinct id of either side and, given the nodes'
    ids (``node_index``), each endpoint's row among them."""
    _canonical_headers(table, start=2)
    header, frame = table.header, table.frame
    if len(header) < 2:
        return None, [Problem(shown, 1, None, "an edge list needs at least two columns, the kinds of its two endpoints, "
                                              "separated by , ; or tab")], None
    problems = _duplicate_headers(table, start=2)
    warned = _cell_warnings(table, {i: n for i, n in enumerate(header) if i >= 2}, shown)  # ids are checked below
    if not header[0] or not header[1]:
        return None, problems + warned, None  # the empty-header problem is already reported
    for i, name in enumerate(header[2:], start=2):
        if name.casefold() in _RESERVED:
            problems.append(Problem(shown, 1, name, f"column name {name!r} is reserved, rename the column"))
        elif name.casefold() in (header[0].casefold(), header[1].casefold()):
            problems.append(Problem(shown, 1, name, f"column {name!r} repeats an endpoint kind"))
    if problems:
        return None, problems + warned, None

    u_col, v_col = header[0], header[1]
    same = u_col.casefold() == v_col.casefold()
    u_name = u_col if not same else "1"
    v_name = v_col if not same else "2"
    df = _named_columns(frame, ["u", "v", *header[2:]])
    df.insert(0, "relation", relation)

    coded = {side: _coded(df[side]) for side in ("u", "v")}
    empty = {side: (texts == "")[codes] for side, (codes, texts) in coded.items()}
    problems += _flag(shown, df, empty["u"], u_name, "empty id")
    problems += _flag(shown, df, empty["v"], v_name, "empty id")

    date_problems, bounds = _check_dates(df, shown, coded)
    problems += date_problems
    if "weight" in df:
        w = df["weight"]
        num = pd.to_numeric(w.where(w != ""), errors="coerce").to_numpy(dtype=float)
        bad = (w != "").to_numpy() & ~np.isfinite(num)  # inf, 1e400 and nan are not weights
        problems += _flag(shown, df, bad, "weight",
                          lambda rows: "expected a finite number, got " + _quoted(rows["weight"]))

    key = [c for c in ("u", "v", "since", "until") if c in df]
    dup = pd.DataFrame({c: coded[c][0] for c in key}, copy=False).duplicated(keep="first").to_numpy() \
        & ~empty["u"] & ~empty["v"]
    if dup.any():
        first = df.groupby(key, sort=False)[_C_ROW].transform("first")
        problems += _flag(shown, df.assign(**{_C_FIRST: first}), dup, None,
                          lambda rows: "the same edge as row " + rows[_C_FIRST].astype(str))

    # what later checks and the Dataset need of each row, found here once per distinct text
    reuse = {"since": bounds["since"], "until": bounds["until"],
             "ids": {side: texts for side, (codes, texts) in coded.items()}}
    if node_index is not None:
        reuse["at"] = {side: node_index.get_indexer(texts)[codes] for side, (codes, texts) in coded.items()}
    bad_rows = {p.row for p in problems}
    if bad_rows:
        keep = ~df[_C_ROW].isin(bad_rows).to_numpy()
        df = df[keep].copy()
        reuse["since"], reuse["until"] = (tuple(b[keep] for b in reuse[c]) for c in ("since", "until"))
        reuse["ids"] = {side: pd.unique(df[side].to_numpy(dtype=object)) for side in ("u", "v")}
        if "at" in reuse:
            reuse["at"] = {side: at[keep] for side, at in reuse["at"].items()}
    df[_C_PATH] = shown
    df[_C_U_KIND], df[_C_V_KIND] = u_col, v_col
    df[_C_U_COL], df[_C_V_COL] = u_name, v_name
    return df, problems + warned, reuse


def _check_dates(df: pd.DataFrame, shown: str, coded: dict | None = None) -> tuple[list[Problem], dict]:
    """``since``/``until`` cells: a year, a month or an ISO date, and until after since (edges and nodes alike).

    Also returns the first and last day each cell may stand for (``{"since": (lo, hi), "until": (lo, hi)}``, NaT
    for an empty or unreadable cell, both sides always given), read once per distinct text; ``coded`` receives each
    date column's :func:`_coded` form.
    """
    problems = []
    coded = {} if coded is None else coded
    nat = np.full(len(df), np.datetime64("NaT"), dtype="datetime64[D]")
    bounds = {"since": (nat, nat), "until": (nat, nat)}
    for col in ("since", "until"):
        if col not in df:
            continue
        codes, texts = coded[col] = _coded(df[col])
        lo, hi = distinct_dates(texts, "since"), distinct_dates(texts, "until")
        bounds[col] = (lo[codes], hi[codes])
        bad = ((texts != "") & np.isnat(lo if col == "since" else hi))[codes]
        problems += _flag(shown, df, bad, col,
                          lambda rows, col=col: "expected a year, a month (YYYY-MM) or an ISO date, got "
                          + _quoted(rows[col]) + rows[col].map(_date_hint))
    if "since" in df and "until" in df:
        # compare at the coarser precision: "until 1995" is after "since 1995-03" (it may be December)
        first_start, last_end = bounds["since"][0], bounds["until"][1]
        inverted = ~np.isnat(first_start) & ~np.isnat(last_end) & (first_start >= last_end)
        problems += _flag(shown, df, inverted, "until",
                          lambda rows: "until " + rows["until"] + " is not after since " + rows["since"])
    return problems, bounds


def _coded(cells) -> tuple[np.ndarray, np.ndarray]:
    """A column as integer codes and its distinct texts (an object array), so that a check on the texts is made
    once per distinct text and taken to the rows by their codes.

    >>> codes, texts = _coded(pd.Series(["JPN", "FIN", "JPN", ""]))
    >>> codes.tolist(), texts.tolist()
    ([0, 1, 0, 2], ['JPN', 'FIN', ''])
    """
    values = np.asarray(cells, dtype=object)
    codes, texts = pd.factorize(values)  # read cells are never missing: no separate pass looking for one
    if len(codes) and codes.min() < 0:  # a frame made otherwise: a missing value is a value of its own
        codes, texts = pd.factorize(values, use_na_sentinel=False)
    return codes, np.asarray(texts, dtype=object)


_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4})")


def _date_hint(text: str) -> str:
    """What to type instead of a date partnergraph cannot read, for the mistakes spreadsheets make.

    >>> _date_hint("34463")
    "; 34463 looks like a spreadsheet's day number for 1994-05-09; type the date as 1994-05-09 (in a cell formatted as text)"
    >>> _date_hint("23/02/1994")
    '; write it year first, 1994-02-23'
    >>> _date_hint("May 1994")
    '; write it year first, for example 1994, 1994-05 or 1994-05-09'
    """
    import datetime as dt

    serial = re.fullmatch(r"(\d{5})(?:\.0+)?", text)
    if serial and 20_000 <= int(serial.group(1)) <= 73_050:  # 1954 to 2099 as day numbers from 1899-12-30
        day = (dt.date(1899, 12, 30) + dt.timedelta(days=int(serial.group(1)))).isoformat()
        return (f"; {serial.group(1)} looks like a spreadsheet's day number for {day}; type the date as {day} "
                f"(in a cell formatted as text)")
    found = _DAY_MONTH_YEAR.fullmatch(text)
    if found:
        a, b, year = int(found.group(1)), int(found.group(2)), found.group(3)
        if a > 12 and b <= 12:
            return f"; write it year first, {year}-{b:02d}-{a:02d}"
        if b > 12 and a <= 12:
            return f"; write it year first, {year}-{a:02d}-{b:02d}"
        if a <= 12 and b <= 12:
            return f"; write it year first, {year}-{b:02d}-{a:02d} if it is day/month, {year}-{a:02d}-{b:02d} if month/day"
    if re.fullmatch(r"\d{4}-\d{1,2}(-\d{1,2})?", text):
        return "; there is no such month or day"
    if re.fullmatch(r"\d{2}", text):
        return "; write the year with all four digits"
    return "; write it year first, for example 1994, 1994-05 or 1994-05-09"


def _concat_edges(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """One edge table: relation, u, v, since, until, [status, weight], source, [note], extras, as text (an empty
    cell missing), weight as a number; then the internal columns (where each row came from)."""
    internal = [_C_PATH, _C_ROW, _C_U_KIND, _C_V_KIND, _C_U_COL, _C_V_COL]
    if not frames:
        return pd.DataFrame(columns=["relation", "u", "v", "since", "until", "source"] + internal)
    present = {c: None for f in frames for c in f.columns}
    fixed = [c for c in FIXED_COLUMNS if c in present or c in ("since", "until", "source")]
    extras = [c for c in present if c not in ("relation", "u", "v", *FIXED_COLUMNS, *internal)]
    text = ["relation", "u", "v", *(c for c in fixed if c != "weight"), *extras]
    if len(text) <= 64:  # a column at a time
        edges = pd.DataFrame({c: _joined_column(frames, c, blank=i >= 3) for i, c in enumerate(text)}, dtype="str")
    else:  # whole blocks at a time (a file may have thousands of extra columns)
        edges = _joined_block(frames, text)
    if "weight" in fixed:
        edges.insert(3 + fixed.index("weight"), "weight",
                     pd.to_numeric(pd.Series(_joined_column(frames, "weight"), dtype=object), errors="coerce"))
    sizes = [len(f) for f in frames]
    edges[_C_ROW] = np.concatenate([f[_C_ROW].to_numpy() for f in frames])
    for c in (_C_PATH, _C_U_KIND, _C_V_KIND, _C_U_COL, _C_V_COL):  # one value per file: a categorical column
        codes, per_file = pd.factorize(np.array([f[c].iloc[0] if len(f) else "" for f in frames], dtype=object))
        edges[c] = pd.Categorical.from_codes(np.repeat(codes, sizes), categories=per_file)
    edges = edges[[*edges.columns[:-len(internal)], *internal]]
    frames.clear()  # the parts are not needed once joined (a big folder is held once)
    return edges


def _joined_column(frames: list[pd.DataFrame], name: str, blank: bool = True) -> np.ndarray:
    """One column of every frame, one after the other (missing where a frame lacks it), an empty cell missing
    too when ``blank``."""
    column = np.concatenate([f[name].to_numpy(dtype=object) if name in f else np.full(len(f), np.nan, dtype=object)
                             for f in frames])
    if blank:
        column[column == ""] = np.nan
    return column


def _joined_block(frames: list[pd.DataFrame], text: list[str]) -> pd.DataFrame:
    """The ``text`` columns of every frame, one after the other, as one text frame built from one block; empty
    cells (and columns a frame lacks) missing, except in the first three (relation and ids, never empty)."""
    where = {c: i for i, c in enumerate(text)}
    cells = np.empty((sum(len(f) for f in frames), len(text)), dtype=object)
    at = 0
    for f in frames:
        rows = slice(at, at + len(f))
        cols = [c for c in text if c in f.columns]
        cells[rows, [where[c] for c in cols]] = f[cols].to_numpy(dtype=object)
        lacking = [where[c] for c in text if c not in f.columns]
        if lacking:
            cells[rows, lacking] = np.nan
        at += len(f)
    values = cells[:, 3:]
    values[values == ""] = np.nan
    del values
    return pd.DataFrame(cells, columns=text, dtype="str")


def _as_text(frame: pd.DataFrame, keep=()) -> pd.DataFrame:
    """Every column as pandas' text dtype (missing cells NaN), whichever way the table was built."""
    text = [c for c in frame.columns if c not in keep]
    if all(frame[c].dtype == "str" for c in text):
        return frame
    # built from one block in one call (about three times faster than astype on a frame of thousands of columns)
    out = pd.DataFrame(frame[text].to_numpy(dtype=object), columns=text, index=frame.index, dtype="str")
    for c in keep:
        if c in frame:
            out[c] = frame[c]
    return out[list(frame.columns)]


def _endpoints(edges: pd.DataFrame) -> pd.DataFrame:
    """Both endpoints of every edge in one long table: id, kind, column, path, row.

    Row by row, u then v, so that "first seen" follows the files; built by
    interleaving arrays, without concatenating and re-sorting two tables.
    """
    pairs = {"id": ("u", "v"), "kind": (_C_U_KIND, _C_V_KIND), "column": (_C_U_COL, _C_V_COL),
             "path": (_C_PATH, _C_PATH), "row": (_C_ROW, _C_ROW)}
    out = {}
    for name, (u, v) in pairs.items():
        first, second = edges[u].to_numpy(), edges[v].to_numpy()
        both = np.empty(2 * len(edges), dtype=first.dtype if name == "row" else object)
        both[0::2], both[1::2] = first, second
        out[name] = both
    return pd.DataFrame(out, copy=False)


def _node_positions(edges: pd.DataFrame, nodes: pd.DataFrame) -> dict[str, np.ndarray]:
    """For each side (``u``, ``v``): the row in ``nodes`` of every edge's endpoint, -1 where nodes lacks it."""
    index = pd.Index(nodes["id"])
    return {side: index.get_indexer(edges[side]) for side in ("u", "v")}


def _check_endpoints_against_nodes(edges: pd.DataFrame, nodes: pd.DataFrame, table: str = "nodes.csv",
                                   at: dict[str, np.ndarray] | None = None) -> list[Problem]:
    """Errors: endpoints nodes.csv lacks, and endpoints whose kind there differs from their column's kind.

    Each side is checked as a whole column (``at``: :func:`_node_positions`); only the offending rows are looked at
    one by one.
    """
    at = at if at is not None else _node_positions(edges, nodes)
    kinds = nodes["kind"].to_numpy(dtype=object)
    unknown, wrong = [], []
    for side, kind_col, name_col in (("u", _C_U_KIND, _C_U_COL), ("v", _C_V_KIND, _C_V_COL)):
        known = at[side] >= 0
        actual = taken(kinds, at[side], None)
        off = ~known | (actual != edges[kind_col].to_numpy(dtype=object))
        if not off.any():
            continue
        rows = edges.loc[off, [side, kind_col, name_col, _C_PATH, _C_ROW]].set_axis(["id", "kind", "column", "path", "row"], axis=1)
        rows["actual"] = actual[off]
        unknown.append(rows[~known[off]])
        wrong.append(rows[known[off]])
    problems = []
    if unknown:
        unknown_ids = pd.concat(unknown)["id"].unique()
        hints = _closest_ids(unknown_ids, nodes["id"]) if len(unknown_ids) else {}
        for r in pd.concat(unknown).itertuples(index=False):
            problems.append(Problem(r.path, int(r.row), r.column,
                                    f'unknown id "{r.id}": {table} has no such id{hints.get(r.id, "")}'))
        for r in pd.concat(wrong).itertuples(index=False):
            problems.append(Problem(r.path, int(r.row), r.column,
                                    f'"{r.id}" is {a_kind(r.actual)} in {table}, but this column holds {r.kind} ids'))
    return problems


def _one_edit_apart(a: str, b: str) -> bool:
    """True when one insertion, deletion, substitution or swap of neighbours turns ``a`` into ``b``.

    Examples
    --------
    >>> _one_edit_apart("JNP", "JPN"), _one_edit_apart("JPNN", "JPN"), _one_edit_apart("AUT", "USA")
    (True, True, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [k for k, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _check_id_spellings(edges: pd.DataFrame, *, typos: bool, known=None, most: int = 5000,
                        nodes_table: str = "a nodes.csv", ids=None) -> list[Problem]:
    """Warnings: the same id in two cases (``jpn`` and ``JPN``); without nodes.csv, an id used once that is one
    edit from an id of the same kind used more often (``JNP`` beside ``JPN``), the likely typo.

    Candidates are found through an index of single-character deletions, so the
    check costs about the length of an id per id; at most ``most`` warnings. ``ids`` may give the distinct ids
    of both sides, when they are known already.
    """
    if edges.empty:
        return []
    if not typos:  # only ids that differ in case can be found: none when no two distinct ids fold alike
        if ids is None:
            ids = pd.unique(np.concatenate([edges["u"].unique(), edges["v"].unique()]))
        if pd.Series(ids, dtype=object).str.casefold().nunique() == len(ids):
            return []
    ends = _endpoints(edges)
    if known is not None:  # ids nodes.csv lacks are errors already
        ends = ends[ends["id"].isin(known)]
    counts = ends.groupby(["kind", "id"], sort=False).size()
    first = ends.drop_duplicates(["kind", "id"]).set_index(["kind", "id"])
    problems: list[Problem] = []
    for kind, group in counts.groupby(level=0, sort=False):
        ids = group.droplevel(0)
        folded: dict[str, str] = {}
        for i in ids.index:
            other = folded.setdefault(i.casefold(), i)
            if other != i and len(problems) < most:
                at = first.loc[(kind, i)]
                problems.append(Problem(at["path"], int(at["row"]), at["column"],
                                        f'"{i}" and "{other}" differ only in case: ids are case-sensitive, '
                                        f"so they are two {kind} nodes", "warning"))
        if not typos:
            continue
        common = ids[ids > 1]
        index: dict[str, list[str]] = {}
        for i in common.index:
            for key in {i, *(i[:k] + i[k + 1:] for k in range(len(i)))}:
                index.setdefault(key, []).append(i)
        for i in ids[ids == 1].index:
            if len(i) < 3 or len(problems) >= most:
                continue
            near = {c for key in {i, *(i[:k] + i[k + 1:] for k in range(len(i)))} for c in index.get(key, [])}
            near = sorted((c for c in near if _one_edit_apart(i, c)), key=lambda c: (-int(common[c]), c))
            if near:
                at = first.loc[(kind, i)]
                problems.append(Problem(at["path"], int(at["row"]), at["column"],
                                        f'"{i}" is used once and is one edit from "{near[0]}" (used '
                                        f"{int(common[near[0]])} times): did you mean {near[0]}? ({nodes_table} "
                                        f"listing every id would catch it)", "warning"))
    return problems


def _closest_ids(wanted, ids, most: int = 200) -> dict:
    """``; did you mean X?`` for ids missing from nodes.csv: the same id in another case, else a close spelling.

    Only the first ``most`` distinct missing ids get a hint, so a file of
    thousands of unknown ids is still checked quickly.
    """
    import difflib

    by_case = {}
    for i in ids:
        by_case.setdefault(str(i).casefold(), str(i))
    pool = list(by_case.values())
    hints = {}
    for w in list(wanted)[:most]:
        match = by_case.get(str(w).casefold())
        if match is None:
            near = [i for i in pool if abs(len(i) - len(str(w))) <= 1 and _one_edit_apart(str(w), i)]
            close = sorted(near) or difflib.get_close_matches(str(w), pool, n=1, cutoff=0.75)
            match = close[0] if close else None
        if match is not None:
            hints[w] = f"; did you mean {match}?"
    return hints


def _check_times(edges: pd.DataFrame, nodes: pd.DataFrame, at: dict[str, np.ndarray] | None = None,
                 bounds: dict | None = None) -> list[Problem]:
    """Warnings: an edge dated outside an endpoint's lifetime; an undated row among dated ones that nothing bounds.

    Dates are compared at the precision they are written in, so ``1994`` is
    not "before" ``1994-01-10``: only a clash at every reading is reported.
    Node lifetimes are read once per node and taken to the edges by position
    (``at``: :func:`_node_positions`); ``bounds`` may give each edge's date bounds (:func:`_check_dates`).
    """
    problems: list[Problem] = []
    if edges.empty:
        return problems
    lifetimes = [c for c in ("since", "until") if c in nodes]
    if at is None and lifetimes:
        nodes = nodes.drop_duplicates("id").reset_index(drop=True)
        at = _node_positions(edges, nodes)
    empty = pd.Series(np.nan, index=edges.index, dtype="object")
    e_since = edges["since"] if "since" in edges else empty
    e_until = edges["until"] if "until" in edges else empty
    (es_lo, es_hi), (eu_lo, eu_hi) = (bounds["since"], bounds["until"]) if bounds is not None else \
        (date_bounds(e_since), date_bounds(e_until))
    lifetime_seen = np.zeros(len(edges), dtype=bool)
    none = pd.Series(np.nan, index=nodes.index, dtype="object")
    node_since, node_until = (nodes[c] if c in nodes else none for c in ("since", "until"))
    node_bounds = (*date_bounds(node_since), *date_bounds(node_until))
    lived = ~np.isnat(node_bounds[0]) | ~np.isnat(node_bounds[2])  # the nodes with a lifetime
    for side in ("u", "v"):
        if not lifetimes:
            break
        # only the rows whose endpoint on this side has a lifetime can clash with one
        known = at[side] >= 0
        bounded = np.flatnonzero(known)[lived[at[side][known]]]
        lifetime_seen[bounded] = True
        pos = at[side][bounded]
        ns_lo, ns_hi, nu_lo, nu_hi = (b[pos] for b in node_bounds)
        checks = (
            ("since", es_hi[bounded] < ns_lo, "starts ({e}) before {n} begins ({d})", e_since, node_since),
            ("since", es_lo[bounded] >= nu_hi, "starts ({e}) after {n} ended ({d})", e_since, node_until),
            ("until", eu_lo[bounded] > nu_hi, "ends ({e}) after {n} ended ({d})", e_until, node_until),
            ("until", eu_hi[bounded] <= ns_lo, "ends ({e}) before {n} begins ({d})", e_until, node_since),
        )
        for column, clash, text, cell, node_cell in checks:
            clash = np.asarray(clash, dtype=bool)  # NaT compares False: an open side never clashes
            if clash.any():
                rows = bounded[clash]
                problems += [Problem(p, int(r), column, text.format(e=c, n=n, d=d), "warning")
                             for p, r, c, n, d in zip(edges[_C_PATH].to_numpy()[rows], edges[_C_ROW].to_numpy()[rows],
                                                      cell.to_numpy()[rows], edges[side].to_numpy()[rows],
                                                      node_cell.to_numpy()[pos[clash]])]
    dated = ~np.isnat(es_lo) | ~np.isnat(eu_lo)
    relation, _ = pd.factorize(edges[_C_PATH])  # one file per relation: its (categorical) file names the same rows
    some = np.bincount(relation, weights=dated, minlength=relation.max() + 1)
    every = np.bincount(relation, minlength=relation.max() + 1)
    mixed = ((some > 0) & (some < every))[relation]
    lonely = mixed & ~dated & ~lifetime_seen
    if lonely.any():
        bad = edges[lonely]
        column = "since" if "since" in edges else None
        problems += [Problem(p, int(r), column, "undated, unlike other rows here, and neither endpoint has a "
                             "lifetime: counts at every date", "warning")
                     for p, r in zip(bad[_C_PATH], bad[_C_ROW])]
    return problems


def _nodes_from_edges(edges: pd.DataFrame) -> tuple[pd.DataFrame, list[Problem]]:
    """Without nodes.csv: every endpoint is a node, its kind from the header, label = id."""
    ends = _endpoints(edges)
    first = ends.drop_duplicates("id")
    kind_of = first.set_index("id")["kind"]
    clash = ends[ends["kind"] != ends["id"].map(kind_of)]
    where = first.set_index("id")
    problems = [
        Problem(
            r.path, int(r.row), r.column,
            f'"{r.id}" is {a_kind(kind_of[r.id])} in {Path(where.at[r.id, "path"]).name} (row {where.at[r.id, "row"]}), but this column holds {r.kind} ids',
        )
        for r in clash.itertuples(index=False)
    ]
    nodes = pd.DataFrame({"id": first["id"].to_numpy(), "kind": first["kind"].to_numpy(), "label": first["id"].to_numpy()})
    return nodes, problems


# ---------------------------------------------------------------------------
# datapackage.json


def _read_descriptor(path: Path) -> tuple[dict, list[Problem]]:
    """The data package descriptor, if the folder has one, checked where partnergraph reads it.

    partnergraph reads ``title``, ``description``, ``version``, ``licenses``,
    ``sources`` and its own block ``partnergraph``: ``coverage`` (``start`` and
    ``end``: a year, a month or an ISO date) and ``inactive_statuses`` (a list
    of status values that mean "formally there, not active"). Everything else
    is kept as it is.
    """
    shown = str(path)
    if not path.is_file():
        return {}, []
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as err:
        return {}, [Problem(shown, None, None, f"cannot read file: {err.strerror or err}")]
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return {}, [Problem(shown, line, None, f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8")]
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        return {}, [Problem(shown, err.lineno, None, f"not valid JSON: {err.msg.lower()} (column {err.colno})")]
    except RecursionError:
        return {}, [Problem(shown, None, None, "not valid JSON: nested too deeply")]
    if not isinstance(doc, dict):
        return {}, [Problem(shown, None, None, f"expected a JSON object, found {_json_kind(doc)}")]
    problems = []
    for key in ("title", "description", "version"):
        if key in doc and not isinstance(doc[key], (str, type(None))):
            problems.append(Problem(shown, None, key, f"expected text, found {_json_kind(doc[key])}"))
    for key in ("licenses", "sources"):
        if key in doc and not isinstance(doc[key], list):
            problems.append(Problem(shown, None, key, f"expected a list, found {_json_kind(doc[key])}"))
    block = doc.get("partnergraph")
    if block is not None and not isinstance(block, dict):
        problems.append(Problem(shown, None, "partnergraph", f"expected an object, found {_json_kind(block)}"))
        block = None
    block = block or {}
    coverage = block.get("coverage")
    if coverage is not None:
        where = "partnergraph.coverage"
        if not isinstance(coverage, dict):
            problems.append(Problem(shown, None, where, f"expected an object with start and end, found {_json_kind(coverage)}"))
        else:
            sides = {}
            for side in ("start", "end"):
                value = coverage.get(side)
                if value in (None, ""):
                    continue
                if isinstance(value, bool) or not isinstance(value, (str, int)) or not re.fullmatch(DATE_PATTERN, str(value)) \
                        or np.isnat(date_cells(pd.Series([str(value)]), "since")[0]):
                    problems.append(Problem(shown, None, f"{where}.{side}",
                                            f"expected a year, a month (YYYY-MM) or an ISO date, got {json.dumps(value)}"))
                else:
                    sides[side] = str(value)
            if len(sides) == 2:
                first = date_cells(pd.Series([sides["start"]]), "since")[0]
                last = date_cells(pd.Series([sides["end"]]), "until")[0]
                if first > last:
                    problems.append(Problem(shown, None, f"{where}.end",
                                            f"end {sides['end']} is before start {sides['start']}"))
    statuses = block.get("inactive_statuses")
    if statuses is not None and (not isinstance(statuses, list) or not all(isinstance(x, str) for x in statuses)):
        problems.append(Problem(shown, None, "partnergraph.inactive_statuses", "expected a list of status values (text)"))
    return (doc if not problems else {}), problems


def _json_kind(value) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true or false", type(None): "null"}.get(
        type(value), "a number")
