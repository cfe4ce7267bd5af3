"""The exceptions partnergraph raises, and the problem records validation returns.

Every exception of ours derives from :class:`PartnergraphError`, so a caller
(the command line among them) can catch them all with one ``except``.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass

__all__ = ["a_kind", "PartnergraphError", "DataError", "DateError", "UnknownIdError", "Problem", "PROBLEM_TYPES",
           "CoverageWarning", "DataWarning"]

#: What kind of problem a :class:`Problem` is: its ``type`` slug, and what the slug means. A program can act on the
#: type (list every ``unknown-id``, skip ``formula-cell`` warnings) without reading the message, which is for people.
PROBLEM_TYPES = {
    # the folder, a workbook or a file as a whole
    "missing-folder": "the folder (or workbook) does not exist",
    "not-a-folder": "the path is a file that is not a data folder or an .xlsx workbook",
    "no-tables": "the folder holds no CSV file, or the workbook no sheet",
    "unreadable": "a file, folder listing, workbook or sheet cannot be read",
    "skipped-file": "an entry named *.csv that is not a regular file, so not read",
    "two-nodes-tables": "more than one nodes file",
    "two-relation-tables": "two files define the same relation (names that differ only in case)",
    "empty-file": "a file with no header row",
    "wrong-format": "a file that is not CSV text: a workbook, a zip, an old .xls, binary data",
    "wrong-encoding": "text that is not UTF-8 (UTF-16, Latin-1...)",
    "control-character": "a control character in the text",
    "malformed-csv": "a quoted cell never closed, text after a closing quote",
    "bad-descriptor": "datapackage.json is not valid JSON, or a field partnergraph reads has the wrong type or value",
    # the header row
    "blank-header": "an empty header row, or an empty header cell",
    "duplicate-header": "two columns with the same header",
    "missing-column": "a column the contract requires is absent",
    "reserved-column": "a header the loader uses itself (relation, u, v), or an endpoint kind twice",
    "lookalike-header": "a header one edit (or a common synonym) away from a fixed column: since, until, source...",
    "empty-column": "a column empty in every row",
    # cells and rows
    "wrong-cell-count": "a row with more or fewer cells than the header",
    "empty-cell": "an id, kind or label left empty",
    "duplicate-id": "a node id listed twice in the nodes table",
    "duplicate-edge": "the same edge (ends and dates) twice in one file",
    "bad-number": "a weight that is not a finite number",
    "bad-date": "a date that is not a year, a month (YYYY-MM) or an ISO date",
    "bad-code": "a value an importer cannot read as the code its format defines (a month, a state code, a year)",
    "dates-inverted": "an until before its since",
    "formula-cell": "a cell a spreadsheet would run as a formula (it is kept as text)",
    "no-rows": "a table (an importer's input) with a header and no rows",
    "self-tie": "a tie from a node to itself where the format forbids one",
    "outside-coverage": "dates past the coverage an import declares",
    # across tables
    "unknown-id": "an endpoint the nodes table does not list",
    "wrong-kind": "an endpoint listed under another kind than the column's",
    "id-spelling": "two ids that differ only in case, or an id used once and one edit from a common one",
    "outside-lifetime": "a tie dated outside an endpoint's lifetime",
    "undated-row": "an undated row among dated ones, with no lifetime to bound it",
}


@dataclass(frozen=True)
class Problem:
    """One problem found in a data folder.

    ``row`` is the spreadsheet row (the header is row 1) and ``column`` the
    header name (or its 1-based number when the header cell is blank); either
    is ``None`` when the problem concerns a whole file or a whole row.
    ``severity`` is ``"error"`` (the data cannot be loaded as meant) or
    ``"warning"`` (a likely mistake; the data still loads). ``type`` is a slug
    of :data:`PROBLEM_TYPES` (``unknown-id``, ``bad-date``...) and
    ``column_number`` the column's place in its file (1 for the first), when
    the problem has a column of a table.

    Examples
    --------
    >>> str(Problem("memberships.csv", 14, "since", 'expected a year, a month (YYYY-MM) or an ISO date, got "20x4"'))
    'memberships.csv:14:since: expected a year, a month (YYYY-MM) or an ISO date, got "20x4"'
    >>> str(Problem("offers.csv", 3, "since", "starts before nuc begins (2023-07-12)", "warning"))
    'offers.csv:3:since: warning: starts before nuc begins (2023-07-12)'
    """

    path: str
    row: int | None
    column: str | None
    message: str
    severity: str = "error"
    type: str = ""
    column_number: int | None = None

    def __str__(self) -> str:
        where = [self.path]
        if self.row is not None:
            where.append(str(self.row))
        if self.column is not None:
            where.append(str(self.column))
        flag = "warning: " if self.severity == "warning" else ""
        return f"{':'.join(where)}: {flag}{self.message}"

    @property
    def is_error(self) -> bool:
        """True for an error (the data cannot be loaded as meant), False for a warning (a likely mistake)."""
        return self.severity != "warning"

    def as_dict(self) -> dict:
        """The problem as a plain dict, in the order a report's columns take.

        Returns
        -------
        dict
            ``path``, ``row``, ``column``, ``column_number``, ``severity``,
            ``type`` and ``message``.

        Raises
        ------
        Nothing.

        Examples
        --------
        >>> Problem("offers.csv", 3, "since", "starts before nuc begins", "warning", "outside-lifetime", 3).as_dict()
        {'path': 'offers.csv', 'row': 3, 'column': 'since', 'column_number': 3, 'severity': 'warning', \
'type': 'outside-lifetime', 'message': 'starts before nuc begins'}
        """
        return {"path": self.path, "row": self.row, "column": self.column, "column_number": self.column_number,
                "severity": self.severity, "type": self.type, "message": self.message}


def a_kind(kind: str) -> str:
    """``a country``, ``an activity``: a kind with its article, for messages.

    Parameters
    ----------
    kind : str
        A kind as the data spells it.

    Returns
    -------
    str
        ``an`` before a vowel, else ``a``, then the kind.

    Raises
    ------
    Nothing: any value is turned into text.

    Examples
    --------
    >>> a_kind("activity"), a_kind("threat")
    ('an activity', 'a threat')
    """
    return f"{'an' if str(kind)[:1].lower() in 'aeiou' else 'a'} {kind}"


class PartnergraphError(Exception):
    """The base class of every error partnergraph raises on purpose."""


class DataError(PartnergraphError, ValueError):
    """A data folder breaks the data contract.

    Carries ``problems``: every problem found, errors and warnings, in file and
    row order (a list of :class:`Problem`), the very list ``partnergraph
    validate`` and :func:`partnergraph.validate` give, so the API and the command
    line tell the same story. ``errors`` are those that stop the folder loading;
    ``problem`` is the first of them, and ``path``, ``row`` and ``column`` are
    its. ``str(err)`` is that error's one-line ``file:row:column: message`` form,
    followed by how many more errors there are.

    Examples
    --------
    >>> err = DataError([Problem("a.csv", 2, "since", "bad date"), Problem("a.csv", 4, "u", "case", "warning"),
    ...                  Problem("a.csv", 5, "u", "empty id")])
    >>> str(err), err.row, len(err.problems), len(err.errors)
    ('a.csv:2:since: bad date (and 1 more error)', 2, 3, 2)
    """

    def __init__(self, problems: "Problem | list[Problem]"):
        problems = [problems] if isinstance(problems, Problem) else list(problems)
        errors = [p for p in problems if p.is_error]
        if not errors:
            raise ValueError("a DataError needs at least one error")
        more = len(errors) - 1
        super().__init__(str(errors[0]) + (f" (and {more} more error{'s' if more != 1 else ''})" if more else ""))
        self.problems = problems
        self.errors = errors
        self.problem = errors[0]
        self.path = self.problem.path
        self.row = self.problem.row
        self.column = self.problem.column


class DateError(PartnergraphError, ValueError):
    """A date given to a query is neither a year nor an ISO date."""


class UnknownIdError(PartnergraphError, KeyError):
    """A query names an id the dataset does not have.

    Examples
    --------
    >>> str(UnknownIdError.among("JAP", ["JPN", "JOR", "pfp"]))
    "unknown id 'JAP'; did you mean JPN?"
    """

    @classmethod
    def among(cls, wanted, ids, labels=None) -> "UnknownIdError":
        """The error for ``wanted``, naming the closest of ``ids`` (and of their ``labels``, a mapping id -> label).

        Parameters
        ----------
        wanted : str
            The id asked for.
        ids : iterable of str
            The ids the dataset has.
        labels : dict, optional
            Each id's label: a label close to ``wanted`` names its id too.

        Returns
        -------
        UnknownIdError
            To raise; its message names up to three close ids, when any is close.

        Raises
        ------
        Nothing: it makes the error, the caller raises it.

        Examples
        --------
        >>> str(UnknownIdError.among("mediterranean-dialogue", ["md", "political-dialogue"],
        ...                          {"md": "Mediterranean Dialogue", "political-dialogue": "Political dialogue"}))
        "unknown id 'mediterranean-dialogue'; did you mean md (Mediterranean Dialogue)?"
        """
        ids = sorted({str(i) for i in ids})
        wanted_l = str(wanted).lower()
        names = {}  # lowered text -> (id, label shown or None)
        for i in ids:
            names.setdefault(i.lower(), (i, None))
        for i, label in (labels or {}).items():
            text = str(label).lower().replace(" ", "-")
            names.setdefault(text, (str(i), str(label)))
            names.setdefault(str(label).lower(), (str(i), str(label)))

        def rank(candidate):
            shared = len(os.path.commonprefix([candidate, wanted_l]))
            ratio = difflib.SequenceMatcher(None, wanted_l, candidate).ratio()
            return (-round(ratio, 6), -shared, names[candidate][0])

        candidates = sorted(difflib.get_close_matches(wanted_l, list(names), n=20, cutoff=0.5), key=rank)
        best = -rank(candidates[0])[0] if candidates else 0
        close, seen = [], set()
        for c in candidates:
            if -rank(c)[0] < best - 0.15:  # much further than the best: not worth naming
                break
            node, _ = names[c]
            label = (labels or {}).get(node)
            if node not in seen:
                seen.add(node)
                close.append(f"{node} ({label})" if label and label.lower() != node.lower() else node)
            if len(close) == 3:
                break
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        return cls(f"unknown id {str(wanted)!r}{hint}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class CoverageWarning(UserWarning):
    """A question asked at a date outside the data's declared coverage: answered, but the data does not speak for it.

    Examples
    --------
    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     _ = pg.load().as_of(1950)
    >>> str(caught[0].message)
    'the data covers 1991 to 2026-11-30; as of 1950-12-31 is outside it'
    """


class DataWarning(UserWarning):
    """A data folder loaded, but :func:`partnergraph.validate` finds likely mistakes in it (warnings).

    :func:`partnergraph.load` gives one such warning per folder, naming how many
    there are and the first; ``Dataset.warnings`` holds them all.
    """
