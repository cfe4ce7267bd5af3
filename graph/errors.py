"""The exceptions partnergraph raises, and the problem records validation returns.

Every exception of ours derives from :class:`PartnergraphError`, so a caller
(the command line among them) can catch them all with one ``except``.
"""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass

__all__ = ["a_kind", "PartnergraphError", "DataError", "DateError", "UnknownIdError", "Problem", "CoverageWarning",
           "DataWarning"]


@dataclass(frozen=True)
class Problem:
    """One problem found in a data folder.

    ``row`` is the spreadsheet row (the header is row 1) and ``column`` the
    header name (or its 1-based number when the header cell is blank); either
    is ``None`` when the problem concerns a whole file or a whole row.
    ``severity`` is ``"error"`` (the data cannot be loaded as meant) or
    ``"warning"`` (a likely mistake; the data still loads).

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
        """The problem as a plain dict (path, row, column, severity, message)."""
        return {"path": self.path, "row": self.row, "column": self.column, "severity": self.severity,
                "message": self.message}


def a_kind(kind: str) -> str:
    """``a country``, ``an activity``: a kind with its article, for messages.

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

    Carries ``path``, ``row``, ``column`` and ``problem`` (a :class:`Problem`);
    ``str(err)`` is the one-line ``file:row:column: message`` form.
    """

    def __init__(self, problem: Problem):
        super().__init__(str(problem))
        self.problem = problem
        self.path = problem.path
        self.row = problem.row
        self.column = problem.column


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
