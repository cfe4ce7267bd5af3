"""The reader: one table's bytes (a CSV file, or a workbook's sheet) into cells, and a folder's descriptor.

A file is checked as bytes first (not empty, not binary, UTF-8 with or without
a byte-order mark), then split into records: by pandas' C parser when no cell
is quoted, otherwise by Python's strict csv module. The result is a
:class:`Table` of text cells with each row's spreadsheet row number; what the
cells mean is checked by :mod:`partnergraph.contract`.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np
import pandas as pd

from .asof import DATE_PATTERN, date_cells
from .errors import Problem
from .progress import Progress

__all__ = ["Table", "Source", "read_table", "workbook_sources", "read_descriptor", "DESCRIPTOR", "DELIMITERS"]

#: Internal columns: a NUL cannot come from a file (it is refused as binary), so no user column collides.
#: The reader numbers the rows (ROW); the contract's checks add the others.
ROW = "\x00row"

#: The optional data package descriptor of a folder.
DESCRIPTOR = "datapackage.json"


@dataclass
class Source:
    """One table of a dataset: a CSV file of a folder, or a sheet of a workbook."""

    stem: str  # the relation name, or "nodes"
    name: str  # what the relations table records as its file: "memberships.csv"
    shown: str  # where problems say they are: "data/memberships.csv", "book.xlsx:memberships"
    read: object  # () -> (Table | None, problems)


@dataclass
class Table:
    path: str
    header: list[str]
    frame: pd.DataFrame  # columns 0..n-1 (str), plus ROW
    formula_free: bool = False  # True when the bytes proved that no cell starts like a spreadsheet formula


def read_table(path: Path) -> tuple[Table | None, list[Problem]]:
    """One CSV file as a :class:`Table` of text cells: bytes, then text, then records, then a frame of the rows.

    Parameters
    ----------
    path : pathlib.Path
        The CSV file.

    Returns
    -------
    tuple
        ``(table, problems)``: the table (None when the file cannot be read as
        CSV text at all) and the problems found on the way (a file that is
        empty, binary, UTF-16, not UTF-8, or malformed CSV).

    Raises
    ------
    Nothing: every failure is a :class:`partnergraph.Problem` in the list.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "memberships.csv"
    >>> _ = f.write_text("country,framework\\nJPN, pag \\n")
    >>> table, problems = read_table(f)
    >>> table.header, table.frame[1].tolist(), problems
    (['country', 'framework'], ['pag'], [])
    >>> _ = f.write_bytes(b"\\xff\\xfecountry")
    >>> read_table(f)[1][0].message
    'UTF-16 text ("Unicode text" in Excel): save the file as "CSV UTF-8"'
    """
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(shown, None, None, f"cannot read file: {err.strerror or err}", type="unreadable")]
    if not raw[:4096].translate(None, b" \t\r\n\xef\xbb\xbf") and not raw.translate(None, b" \t\r\n\xef\xbb\xbf"):
        return None, [Problem(shown, None, None, "empty file, expected a header row", type="empty-file")]
    if raw.startswith(b"PK\x03\x04"):
        return None, [Problem(shown, None, None, "an Excel workbook (or another zip file), not CSV text: "
                                                 "save each sheet as \"CSV UTF-8\", or pass the workbook itself as --data",
                                                 type="wrong-format")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(shown, None, None, "UTF-16 text (\"Unicode text\" in Excel): save the file as \"CSV UTF-8\"",
                              type="wrong-encoding")]
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return None, [Problem(shown, None, None, "an old Excel (.xls) workbook, not CSV text: save each sheet as \"CSV UTF-8\"",
                              type="wrong-format")]
    if b"\x00" in raw:
        return None, [Problem(shown, None, None, "binary file (it contains NUL bytes), expected CSV text",
                              type="wrong-format")]
    ascii_only = raw.isascii()
    text = None
    if not ascii_only:  # ASCII is UTF-8 already: a file of ASCII is decoded only if the strict reader needs its text
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            return None, [Problem(shown, line, None, f"not UTF-8 text (byte 0x{raw[err.start]:02x}); "
                                                      f"save the file as \"CSV UTF-8\"", type="wrong-encoding")]
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
        return None, [Problem(shown, read + 1, None, f"malformed CSV: {message}", type="malformed-csv")]
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
        return None, [Problem(shown, 1, None, "the first row must be a header row, found an empty row",
                              type="blank-header")]
    return header, [Problem(shown, 1, str(i + 1), "empty column header",
                            type="blank-header") for i, name in enumerate(header) if not name]


#: Files wider than this are read by the strict reader, whose cost does not grow with the number of columns.
_FAST_WIDTH = 256


def _fast_table(shown: str, data: bytes, delimiter: str, bar: Progress | None = None, plain: bool = False
                ) -> tuple[Table | None, list[Problem]] | None:
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
    table[ROW] = rows
    return Table(shown, header, table, formula_free=formula_free), problems


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
                        ) -> tuple[Table | None, list[Problem]]:
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
                                    + _separator_hint(chunk[i], width), type="wrong-cell-count"))
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
    frame[ROW] = np.concatenate(numbers)
    return Table(shown, header, frame), problems


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
                                      f"hide it and other tools cannot read it: delete it", type="control-character")


#: Spreadsheet files partnergraph does not read, and what they are.
OTHER_SPREADSHEETS = {".ods": "an OpenDocument spreadsheet (LibreOffice)", ".fods": "an OpenDocument spreadsheet (LibreOffice)",
                       ".xls": "an old Excel workbook (.xls)", ".xlsb": "a binary Excel workbook (.xlsb)",
                       ".numbers": "a Numbers spreadsheet"}


def workbook_sources(book: Path) -> tuple[list[Source], list[Problem]]:
    """The sheets of an Excel workbook as the tables of a dataset: ``nodes``, and one relation per other sheet.

    Cells are read as a person sees them: a whole number as written (1994, not
    1994.0), a date as an ISO date, TRUE/FALSE as such, an empty cell as empty;
    a formula as the value Excel last computed. Problems name the sheet:
    ``book.xlsx:memberships:14:since``.

    Parameters
    ----------
    book : pathlib.Path
        An .xlsx or .xlsm workbook.

    Returns
    -------
    tuple
        ``(sources, problems)``: a :class:`Source` per sheet (its table read
        when asked), and the problems of the workbook as a whole (it cannot be
        opened, two sheets share a name once case is ignored).

    Raises
    ------
    Nothing: a workbook that cannot be read is a :class:`partnergraph.Problem`.

    Examples
    --------
    >>> import tempfile, pathlib, openpyxl
    >>> book = pathlib.Path(tempfile.mkdtemp()) / "book.xlsx"
    >>> wb = openpyxl.Workbook(); wb.active.title = "memberships"; wb.active.append(["country", "framework", "since"])
    >>> wb.active.append(["JPN", "pag", 2014]); wb.save(book)
    >>> sources, problems = workbook_sources(book)
    >>> [s.stem for s in sources], sources[0].read()[0].frame[2].tolist(), problems
    (['memberships'], ['2014'], [])
    """
    shown = str(book)
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(book, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged file  # noqa: BLE001
        return [], [Problem(shown, None, None, f"cannot read the workbook ({type(err).__name__}): save it again "
                                                 f"from Excel or LibreOffice as .xlsx", type="unreadable")]
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
            problems.append(Problem(f"{shown}:{title}", None, None, f"cannot read the sheet ({type(err).__name__})",
                                    type="unreadable"))
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
                                                       f"cell; other tools cannot read it: delete it",
                                                       type="control-character"))
            continue
        sources.append(Source(title, f"{book.name}:{title}", where, (lambda rows=rows, where=where:
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




# ---------------------------------------------------------------------------
# datapackage.json


def read_descriptor(path: Path) -> tuple[dict, list[Problem]]:
    """The data package descriptor, if the folder has one, checked where partnergraph reads it.

    partnergraph reads ``title``, ``description``, ``version``, ``licenses``,
    ``sources`` and its own block ``partnergraph``: ``coverage`` (``start`` and
    ``end``: a year, a month or an ISO date) and ``inactive_statuses`` (a list
    of status values that mean "formally there, not active"). Everything else
    is kept as it is.

    Parameters
    ----------
    path : pathlib.Path
        Where the descriptor would be (``<folder>/datapackage.json``).

    Returns
    -------
    tuple
        ``(descriptor, problems)``: the JSON object (empty when there is no
        file, or when it has problems) and the problems found in it.

    Raises
    ------
    Nothing: unreadable or malformed JSON is a :class:`partnergraph.Problem`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> read_descriptor(d / DESCRIPTOR)
    ({}, [])
    >>> _ = (d / DESCRIPTOR).write_text('{"title": "Alliances", "partnergraph": {"coverage": {"start": 1816}}}')
    >>> read_descriptor(d / DESCRIPTOR)[0]["title"]
    'Alliances'
    >>> _ = (d / DESCRIPTOR).write_text('{"title": 7}')
    >>> read_descriptor(d / DESCRIPTOR)[1][0].message
    'expected text, found a number'
    """
    shown = str(path)
    if not path.is_file():
        return {}, []
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as err:
        return {}, [Problem(shown, None, None, f"cannot read file: {err.strerror or err}", type="unreadable")]
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return {}, [Problem(shown, line, None, f"not UTF-8 text (byte 0x{raw[err.start]:02x}); save the file as UTF-8",
                            type="wrong-encoding")]
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        return {}, [Problem(shown, err.lineno, None, f"not valid JSON: {err.msg.lower()} (column {err.colno})",
                            type="bad-descriptor")]
    except RecursionError:
        return {}, [Problem(shown, None, None, "not valid JSON: nested too deeply", type="bad-descriptor")]
    if not isinstance(doc, dict):
        return {}, [Problem(shown, None, None, f"expected a JSON object, found {_json_kind(doc)}",
                            type="bad-descriptor")]
    problems = []
    for key in ("title", "description", "version"):
        if key in doc and not isinstance(doc[key], (str, type(None))):
            problems.append(Problem(shown, None, key, f"expected text, found {_json_kind(doc[key])}",
                                    type="bad-descriptor"))
    for key in ("licenses", "sources"):
        if key in doc and not isinstance(doc[key], list):
            problems.append(Problem(shown, None, key, f"expected a list, found {_json_kind(doc[key])}",
                                    type="bad-descriptor"))
    block = doc.get("partnergraph")
    if block is not None and not isinstance(block, dict):
        problems.append(Problem(shown, None, "partnergraph", f"expected an object, found {_json_kind(block)}",
                                type="bad-descriptor"))
        block = None
    block = block or {}
    coverage = block.get("coverage")
    if coverage is not None:
        where = "partnergraph.coverage"
        if not isinstance(coverage, dict):
            problems.append(Problem(shown, None, where, f"expected an object with start and end, found {_json_kind(coverage)}",
                                    type="bad-descriptor"))
        else:
            sides = {}
            for side in ("start", "end"):
                value = coverage.get(side)
                if value in (None, ""):
                    continue
                if isinstance(value, bool) or not isinstance(value, (str, int)) or not re.fullmatch(DATE_PATTERN, str(value)) \
                        or np.isnat(date_cells(pd.Series([str(value)]), "since")[0]):
                    problems.append(Problem(shown, None, f"{where}.{side}",
                                            f"expected a year, a month (YYYY-MM) or an ISO date, got {json.dumps(value)}",
                                            type="bad-descriptor"))
                else:
                    sides[side] = str(value)
            if len(sides) == 2:
                first = date_cells(pd.Series([sides["start"]]), "since")[0]
                last = date_cells(pd.Series([sides["end"]]), "until")[0]
                if first > last:
                    problems.append(Problem(shown, None, f"{where}.end",
                                            f"end {sides['end']} is before start {sides['start']}",
                                            type="bad-descriptor"))
    statuses = block.get("inactive_statuses")
    if statuses is not None and (not isinstance(statuses, list) or not all(isinstance(x, str) for x in statuses)):
        problems.append(Problem(shown, None, "partnergraph.inactive_statuses", "expected a list of status values (text)",
                                type="bad-descriptor"))
    return (doc if not problems else {}), problems


def _json_kind(value) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true or false", type(None): "null"}.get(
        type(value), "a number")
