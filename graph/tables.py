"""Result tables in the formats people ask for: aligned text, CSV, JSON, Markdown and Excel workbooks.

Every query returns a DataFrame; this module turns one into the bytes of a
format, the same bytes for the same frame on any day:

* ``table``: aligned text for a terminal; numbers with fixed decimals per
  column; long citation columns left out unless asked; control characters and
  terminal escape sequences from the data shown escaped, never obeyed;
* ``csv``: for other tools; a cell a spreadsheet would run as a formula (it
  begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is given
  a leading ``'`` (OWASP's advice on CSV injection) in text columns;
* ``json``: records, slashes left alone, list columns (those a query names in
  ``frame.attrs["lists"]``: coverage's ``via`` and ``sources``...) as arrays;
* ``md``: a Markdown table;
* ``xlsx``: an Excel workbook of one sheet (formulas neutralised as for CSV).
"""
from __future__ import annotations

import io
import json
import math
import re
import zipfile

import numpy as np
import pandas as pd

from .columns import per_distinct

from .vocabulary import EXTENSIONS, FORMATS

__all__ = ["FORMATS", "EXTENSIONS", "LIST_COLUMNS", "render", "printable", "format_for", "csv_text"]

#: Where a query says which of its columns hold several values joined by ";" (JSON shows them as arrays).
LIST_COLUMNS = "lists"
#: Columns left out of the aligned table unless asked for (``wide=True``): long citations.
WIDE_COLUMNS = ("sources", "source", "dates_source")
_FORMULA = re.compile(r"^[=+\-@\t\r]")
_CSV_SPECIAL = re.compile(r'[,"\r\n]')
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def format_for(output, fmt: str | None, allowed=tuple(FORMATS)) -> str:
    """The format to write: the one the extension of ``output`` names, which ``fmt`` must not contradict.

    Without an output (or with ``-``, standard output) the format is ``fmt``,
    else ``table``; for an output without an extension it is ``fmt`` when
    given. The extension is read whatever its case (:data:`EXTENSIONS`).

    Parameters
    ----------
    output : str, os.PathLike or None
        The file asked for (``-o``); None or ``"-"`` for standard output.
    fmt : str or None
        The format asked for (``--format``), if any.
    allowed : iterable of str
        The formats the caller can write (default: every one of :data:`FORMATS`).

    Returns
    -------
    str
        A format name.

    Raises
    ------
    ValueError
        The extension names no format in ``allowed`` (or the output has no
        extension and no ``fmt`` is given), or it contradicts ``fmt``; the
        message lists what can be written.

    Notes
    -----
    ``fmt`` is returned as given, not checked against ``allowed``, when it is
    the one that decides (no output, or no extension): the caller (the command
    line's choice of ``--format``) checks it.

    Examples
    --------
    >>> format_for("members.csv", None), format_for(None, None), format_for("x.MD", "md"), format_for("out", "json")
    ('csv', 'table', 'md', 'json')
    >>> format_for("members.xlsx", None, allowed=("csv", "json"))
    Traceback (most recent call last):
    ...
    ValueError: cannot write .xlsx here; -o takes .csv (csv), .json (json)
    """
    from pathlib import Path

    if output is None or str(output) == "-":
        return fmt or "table"
    ext = Path(str(output)).suffix.lower()
    if not ext and fmt is not None:
        return fmt  # a name without an extension: --format says what to write
    by_ext = {e: f for e, f in EXTENSIONS.items() if f in allowed}
    if ext not in by_ext:
        kinds = ", ".join(f"{e} ({f})" for e, f in by_ext.items())
        raise ValueError(f"cannot write {ext or 'a file without an extension'} here; -o takes {kinds}")
    if fmt is not None and fmt != by_ext[ext]:
        raise ValueError(f"--format {fmt} contradicts -o {Path(str(output)).name}, which names {by_ext[ext]}; "
                         f"drop --format or change the extension")
    return by_ext[ext]


def printable(text) -> str:
    """Text safe to print to a terminal: control characters and escapes shown as ``\\x1b``, never obeyed.

    The C0 and C1 control characters and DEL are shown as ``\\n``, ``\\r``,
    ``\\t`` or ``\\xNN``; the Unicode line and paragraph separators as
    ``\\u2028`` and ``\\u2029``. Other text is left as it is.

    Parameters
    ----------
    text : object
        Any value; it is shown as ``str(text)``.

    Returns
    -------
    str

    Raises
    ------
    Nothing: every character has a printable form.

    Examples
    --------
    >>> printable("red\\x1b[31m\\nline")
    'red\\\\x1b[31m\\\\nline'
    >>> printable("tab\\there"), printable(2.5)
    ('tab\\\\there', '2.5')
    """
    text = str(text)
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(m.group(), f"\\x{ord(m.group()):02x}")
                        if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def render(frame: pd.DataFrame, fmt: str, *, index: bool = False, wide: bool = False) -> bytes:
    """``frame`` in ``fmt`` (see :data:`FORMATS`), as bytes (UTF-8 text, or a workbook).

    The same frame gives the same bytes on any day (a workbook carries no
    clock). Text formats end with a line feed. An empty frame is ``(none)`` in
    the aligned table and in Markdown.

    Parameters
    ----------
    frame : pandas.DataFrame
        A query's result; ``frame.attrs["lists"]`` names the columns JSON
        writes as arrays (their texts split at ``;``).
    fmt : str
        ``table``, ``csv``, ``json``, ``md`` or ``xlsx``; any other value
        gives the aligned table.
    index : bool
        Write the index too, as the first columns.
    wide : bool
        In the aligned table, keep the long citation columns (``sources``,
        ``source``, ``dates_source``), which are otherwise left out with a
        note saying so. The other formats always keep them.

    Returns
    -------
    bytes

    Raises
    ------
    ValueError
        JSON only: a cell holds an infinite number (missing numbers are null).
    TypeError
        JSON: a cell holds a value JSON has no form for (a date, a timestamp);
        xlsx: a timestamp with a time zone.
    openpyxl.utils.exceptions.IllegalCharacterError
        xlsx only: a text cell holds a control character (U+0000 to U+001F)
        other than tab, line feed and carriage return (a loaded dataset has
        none: the reader refuses them).

    Examples
    --------
    >>> f = pd.DataFrame({"id": ["ici", "md"], "members": [4, 7], "sources": ["a", "b"]})
    >>> print(render(f, "table").decode())
    id   members
    ici        4
    md         7
    (sources left out: --wide shows them, --format csv or json keeps them)
    <BLANKLINE>
    >>> f = pd.DataFrame({"framework": ["ici"], "via": ["direct;political-dialogue"], "score": [0.5]})
    >>> f.attrs["lists"] = ["via"]  # what coverage() says of its via column
    >>> print(render(f, "json").decode())
    [
      {
        "framework": "ici",
        "via": [
          "direct",
          "political-dialogue"
        ],
        "score": 0.5
      }
    ]
    <BLANKLINE>
    """
    shown = frame.reset_index() if index else frame
    if fmt == "csv":
        return csv_text(shown, neutralise=True).encode("utf-8")
    if fmt == "json":
        return (json.dumps(_records(shown), ensure_ascii=False, indent=2, allow_nan=False) + "\n").encode("utf-8")
    if fmt == "md":
        return (_markdown(shown) + "\n").encode("utf-8")
    if fmt == "xlsx":
        return _workbook(_neutralised(shown))
    return (_aligned(shown, wide=wide) + "\n").encode("utf-8")


def csv_text(frame: pd.DataFrame, *, neutralise: bool = False) -> str:
    """The frame as CSV text: a header row, ``\\n`` after each row, and every cell that holds a comma, a quote,
    a line feed or a carriage return quoted (a bare carriage return too, which Python's csv module leaves bare).

    Missing cells are empty; numbers are written as pandas writes them. With
    ``neutralise``, text cells a spreadsheet would run as a formula get a leading
    ``'`` (as :func:`_neutralised` does), in the same pass. The index is not
    written (see :func:`render`).

    Parameters
    ----------
    frame : pandas.DataFrame
    neutralise : bool
        Give a leading ``'`` to each cell of a text column that begins with
        ``=``, ``+``, ``-``, ``@``, a tab or a carriage return. Numbers and
        the header are left as they are.

    Returns
    -------
    str
        Just the header line when the frame has no rows.

    Raises
    ------
    Nothing: every cell has a text form.

    Examples
    --------
    >>> csv_text(pd.DataFrame({"a": ["x\\ry", 'a "b" c', None], "b": [1.5, float("nan"), 2.0]}))
    'a,b\\n"x\\ry",1.5\\n"a ""b"" c",\\n,2.0\\n'
    >>> csv_text(pd.DataFrame({"f": ["=1+1", "ok"], "n": [-1, 2]}), neutralise=True)
    "f,n\\n'=1+1,-1\\nok,2\\n"
    """
    def cells(col: pd.Series, neutral: bool = False) -> list[str]:
        if _is_text(col):  # a column of plain texts as it is; else each distinct text is quoted once
            values = col.to_numpy(dtype=object)
            if _plain_texts(values, neutral):
                return values.tolist()
            codes, uniques = pd.factorize(values, use_na_sentinel=False)
            return _csv_texts(np.asarray(uniques, dtype=object), neutral)[codes].tolist()
        missing = col.isna().to_numpy()
        shown = col.astype(object).where(~missing, "").astype(str)
        if pd.api.types.is_numeric_dtype(col) or pd.api.types.is_bool_dtype(col):
            return shown.tolist()  # a number's text never holds a comma, a quote or a line break
        return shown.map(_csv_cell).tolist()

    header = ",".join(cells(pd.Series([str(c) for c in frame.columns], dtype=object)))
    if frame.empty:
        return header + "\n"
    if not frame.shape[1]:  # never true: a frame without columns is .empty, returned above
        return header + "\n" + "\n" * len(frame)
    columns = [cells(frame.iloc[:, c], neutralise) for c in range(frame.shape[1])]
    return header + "\n" + "\n".join(map(",".join, zip(*columns))) + "\n"


def _plain_texts(values: np.ndarray, neutral: bool) -> bool:
    """True when every value is a text that CSV writes as it is: none missing, none with a comma, a quote or a line
    break, and (when ``neutral``) none that starts like a formula. Decided by scanning the texts joined once, in C.

    >>> _plain_texts(np.array(["a", "b c"], dtype=object), True), _plain_texts(np.array(["a", "-1"], dtype=object), True)
    (True, False)
    """
    try:
        joined = "\x00".join(values)
    except TypeError:  # a missing value or a number
        return False
    if joined.count("\x00") != max(len(values) - 1, 0) or any(c in joined for c in ',"\r\n'):
        return False
    if neutral and ((joined[:1] and _FORMULA.match(joined)) or
                    any(c in joined and "\x00" + c in joined for c in "=+-@\t")):
        return False
    return True


def _csv_texts(values: np.ndarray, neutral: bool) -> np.ndarray:
    """:func:`_csv_cell` of each of ``values`` (distinct texts, or missing), a formula-like text first given a
    leading ``'`` when ``neutral``. One regular-expression scan of all the texts joined finds the few that need
    either, so the others are not looked at one by one.

    >>> _csv_texts(np.array(["a", "b,c", None, "=1"], dtype=object), True).tolist()
    ['a', '"b,c"', '', "'=1"]
    """
    missing = pd.isna(values)
    out = values.copy()
    out[missing] = ""
    texts = out[~missing]
    try:
        joined = "\x00".join(texts)
    except TypeError:  # not all text (an object column of numbers): one by one
        joined = None
    if joined is None or joined.count("\x00") != max(len(texts) - 1, 0):  # or a text holds the separator
        fix = np.arange(len(values))
    else:
        starts = np.zeros(len(texts), dtype=np.int64)
        if len(texts) > 1:
            starts[1:] = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)) + 1)[:-1]
        hits = [m.start() for m in _CSV_SPECIAL.finditer(joined)]
        if neutral:
            hits += [m.start() for m in _FORMULA_AFTER_SEPARATOR.finditer("\x00" + joined)]
        fix = np.flatnonzero(~missing)[np.unique(np.searchsorted(starts, hits, side="right") - 1)] if hits else []
    for i in fix:
        value = values[i]
        out[i] = _csv_cell("'" + value if neutral and _runs_as_formula(value) else value)
    return out


#: A formula-like start of a text that follows the separator of :func:`_csv_texts`.
_FORMULA_AFTER_SEPARATOR = re.compile(r"\x00(?=" + _FORMULA.pattern.removeprefix("^") + ")")


def _csv_cell(value) -> str:
    """One cell of CSV text: empty when missing, quoted when it holds a comma, a quote or a line break."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    if _CSV_SPECIAL.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _list_columns(frame: pd.DataFrame) -> list[str]:
    return [c for c in frame.columns if c in frame.attrs.get(LIST_COLUMNS, ())]


def _is_text(col: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(col) or col.dtype == object


def _neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as a formula, with a leading ``'`` (OWASP CSV injection)."""
    out = frame.copy()
    for c in out.columns:
        if _is_text(out[c]):
            cells = out[c]
            risky = per_distinct(cells, _runs_as_formula, dtype=bool)
            if risky.any():
                values = cells.to_numpy(dtype=object, copy=True)
                values[risky] = ["'" + v for v in values[risky]]
                out[c] = pd.Series(values, index=cells.index, dtype=cells.dtype)
    return out


def _runs_as_formula(value) -> bool:
    return isinstance(value, str) and _FORMULA.match(value) is not None


def _value(v):
    """A cell as JSON can hold it: missing is null; an infinite number, which JSON has no number for, is the text
    ``inf`` or ``-inf`` (as CSV writes it)."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return None
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(v) else ("inf" if v > 0 else "-inf") if math.isinf(v) else float(v)
    if isinstance(v, (np.bool_,)):
        return bool(v)
    return v


def _records(frame: pd.DataFrame) -> list[dict]:
    lists = set(_list_columns(frame))
    out = []
    for row in frame.itertuples(index=False, name=None):
        rec = {}
        for name, v in zip(frame.columns, row):
            v = _value(v)
            if name in lists:
                v = [] if v in (None, "") else str(v).split(";")
            rec[str(name)] = v
        out.append(rec)
    return out


def _cell_texts(col: pd.Series) -> tuple[list[str], bool]:
    """The cells of a column as text, and whether it is numeric (right-aligned)."""
    numeric = pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col)
    if pd.api.types.is_float_dtype(col):
        values = col.to_numpy(dtype=float)
        finite = values[np.isfinite(values)]
        whole = len(finite) and np.all(finite == np.round(finite))
        places = 0 if whole else 4
        # missing is blank; an infinite value is shown as such (blank would read as missing)
        return [("" if np.isnan(v) else ("inf" if v > 0 else "-inf") if np.isinf(v) else f"{v:.{places}f}")
                for v in values], True
    cells = ["" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else printable(v) for v in col]
    return cells, numeric


def _aligned(frame: pd.DataFrame, *, wide: bool) -> str:
    """Aligned text: text to the left, numbers to the right with fixed decimals; empty cells blank."""
    if frame.empty:
        return "  (none)"
    hidden = [c for c in frame.columns if c in WIDE_COLUMNS] if not wide else []
    shown = frame.drop(columns=hidden)
    columns = []
    for name in shown.columns:
        cells, numeric = _cell_texts(shown[name])
        width = max([len(printable(name))] + [len(c) for c in cells])
        pad = (lambda c, w=width: c.rjust(w)) if numeric else (lambda c, w=width: c.ljust(w))
        columns.append([pad(printable(name))] + [pad(c) for c in cells])
    lines = ["  ".join(parts).rstrip() for parts in zip(*columns)]
    if hidden:
        lines.append(f"({', '.join(hidden)} left out: --wide shows them, --format csv or json keeps them)")
    return "\n".join(lines)


def _markdown(frame: pd.DataFrame) -> str:
    if frame.empty:
        return "(none)"

    def cell(v):
        return printable(v).replace("\\", "\\\\").replace("|", "\\|")

    head = [cell(c) for c in frame.columns]
    body = []
    columns = [_cell_texts(frame[c]) for c in frame.columns]
    for i in range(len(frame)):
        body.append("| " + " | ".join(cell(cells[i]) for cells, _ in columns) + " |")
    align = ["---:" if numeric else "---" for _, numeric in columns]
    rows = ["| " + " | ".join(head) + " |", "|" + "|".join(align) + "|", *body]
    return "\n".join(rows)


def _workbook(frame: pd.DataFrame) -> bytes:
    """One sheet, the header bold; the same bytes for the same frame (no clock in the file)."""
    return workbook_bytes({"results": frame})


def workbook_bytes(sheets: dict, *, exact: bool = False) -> bytes:
    """An .xlsx workbook of one sheet per frame (in order), each header bold; the same bytes for the same frames.

    With ``exact``, every text cell is stored as text, even one that starts like
    a formula (``=cmd`` stays those four characters, never a formula); numbers
    are numbers, missing cells empty. Written row by row (openpyxl's write-only
    mode), with a progress line on a terminal for a big table.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    from .progress import counted

    book = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, frame in sheets.items():
        sheet = book.create_sheet(title)
        header = []
        for name in frame.columns:
            cell = WriteOnlyCell(sheet, value=str(name))
            cell.font = bold
            if exact:
                cell.data_type = "s"  # a header is a name, even one that starts with "="
            header.append(cell)
        sheet.append(header)
        rows = frame.itertuples(index=False, name=None)
        for row in counted(rows, f"writing sheet {title}", len(frame)):
            values = [_value(v) for v in row]
            if exact and any(isinstance(v, str) and v.startswith("=") for v in values):
                # openpyxl takes a text starting with "=" for a formula: such a cell is given as a text cell
                values = [_text_cell(sheet, v) if isinstance(v, str) and v.startswith("=") else v for v in values]
            sheet.append(values)
    fixed = pd.Timestamp("2000-01-01").to_pydatetime()
    book.properties.created = book.properties.modified = fixed
    book.properties.creator = "partnergraph"
    raw = io.BytesIO()
    book.save(raw)
    return _fixed_zip(raw.getvalue())


def _text_cell(sheet, text: str):
    """A cell holding ``text`` as text, whatever it starts with."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    return cell


def _fixed_zip(data: bytes) -> bytes:
    """The same zip archive with every member's time set to 1980-01-01 and the workbook's "modified" property to
    2000-01-01 (the time openpyxl saved it, otherwise), so the bytes do not depend on the clock."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving here, whatever was set
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rb"\g<1>2000-01-01T00:00:00Z\g<2>",
                              data)
            dst.writestr(fixed, data)
    return out.getvalue()
