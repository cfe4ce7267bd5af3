"""Whole-column work on text: a function applied once per distinct value, texts joined per group.

Columns of a million cells usually hold far fewer distinct texts (ids, dates,
sources). These helpers factorise a column into integer codes, do the Python
work on the distinct values only, and take the results back by code, so the
cost follows the number of distinct values, not of cells. Grouped joins sort
integer codes, never call a Python function per group, and build each output
string once.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["per_distinct", "group_codes", "group_codes_at", "joined_per_group", "joined_per_group_at",
           "sorted_codes_at", "taken", "texts"]


def texts(values) -> np.ndarray:
    """A boolean array: which values are non-empty (not None, NaN or ``""``).

    Any other value counts as text, a number included (callers pass columns
    of text).

    Parameters
    ----------
    values : array-like
        One-dimensional: a list, an array or a pandas.Series.

    Returns
    -------
    numpy.ndarray
        bool, one per value.

    Raises
    ------
    Nothing: None, NaN and ``pandas.NA`` (as in a ``"string"`` column) are missing, not errors.

    Examples
    --------
    >>> texts(np.array(["a", "", None, float("nan")], dtype=object)).tolist()
    [True, False, False, False]
    >>> texts(pd.Series(["b", None, ""])).tolist()
    [True, False, False]
    >>> texts(pd.Series(["c", pd.NA, ""], dtype="string")).tolist()
    [True, False, False]
    """
    values = np.asarray(values, dtype=object)
    present = np.asarray(pd.notna(values), dtype=bool)
    out = np.zeros(len(values), dtype=bool)
    out[present] = values[present] != ""  # compared only where present: pandas.NA compares to NA, not a bool
    return out


def per_distinct(values, fn, dtype=object) -> np.ndarray:
    """``fn`` of each value, called once per distinct value.

    Missing values are included: None and NaN are one value, passed to ``fn``
    as NaN.

    Parameters
    ----------
    values : array-like
        One-dimensional: a list, an array or a pandas.Series.
    fn : callable
        Called with one value; its result is stored in an array of ``dtype``.
    dtype : numpy dtype, optional
        The dtype of the result (default object).

    Returns
    -------
    numpy.ndarray
        ``fn(value)`` for each value, in order.

    Raises
    ------
    Nothing of its own: what ``fn`` raises passes through.

    Examples
    --------
    >>> per_distinct(pd.Series(["a", "b", "a"]), str.upper).tolist()
    ['A', 'B', 'A']
    >>> per_distinct(["a", None, "bc"], lambda v: len(v) if isinstance(v, str) else -1, dtype=int).tolist()
    [1, -1, 2]
    """
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
    done = np.empty(len(uniques), dtype=dtype)
    for i, value in enumerate(uniques):
        done[i] = fn(value)
    return done[codes]


def group_codes(*keys) -> tuple[np.ndarray, list[np.ndarray]]:
    """Groups of equal key tuples, numbered in sorted key order: (code of each row, the keys of each group).

    Parameters
    ----------
    *keys : array-like
        One or more key columns of equal length, with no missing values
        (see Notes).

    Returns
    -------
    tuple
        ``(codes, groups)``: ``codes`` an integer array, each row's group
        (0 .. n_groups - 1, in the sorted order of the key tuples); ``groups``
        a list with one object array per key, that key's value in each group.

    Raises
    ------
    IndexError
        When no key is given.

    Notes
    -----
    A missing key value (None, NaN, ``pandas.NA``) is a value of its own,
    sorted after every other: its rows make their own groups, which show NaN
    as the key.

    Examples
    --------
    >>> codes, (a, b) = group_codes(["y", "x", "y"], ["2", "1", "2"])
    >>> codes.tolist(), a.tolist(), b.tolist()
    ([1, 0, 1], ['x', 'y'], ['1', '2'])
    >>> group_codes(["x", "y"], ["b", None])[0].tolist()  # a missing key is a group of its own
    [0, 1]
    """
    parts = []
    for key in keys:
        codes, uniques = pd.factorize(np.asarray(key, dtype=object), sort=True, use_na_sentinel=False)
        parts.append((codes, np.asarray(uniques, dtype=object)))
    return _grouped(parts)


def group_codes_at(names, *positions) -> tuple[np.ndarray, list[np.ndarray]]:
    """:func:`group_codes` of the keys ``names[p]`` for each array ``p`` of ``positions`` (all >= 0), found by
    sorting integers and only the distinct names used, not by hashing every key's text.

    Parameters
    ----------
    names : array-like
        Distinct texts (node ids, say): two positions of one text would be two
        groups.
    *positions : array-like of int
        One or more arrays of equal length: each row's key, as a position in
        ``names``. A negative position is not refused: numpy reads -1 as the
        last name.

    Returns
    -------
    tuple
        ``(codes, groups)`` as :func:`group_codes` gives them.

    Raises
    ------
    IndexError
        When no positions are given, or a position is outside ``names``.

    Examples
    --------
    >>> codes, (a, b) = group_codes_at(np.array(["y", "x", "2", "1"], dtype=object), [0, 1, 0], [2, 3, 2])
    >>> codes.tolist(), a.tolist(), b.tolist()
    ([1, 0, 1], ['x', 'y'], ['1', '2'])
    """
    return _grouped([sorted_codes_at(names, p) for p in positions])


def sorted_codes_at(names, positions) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(names[positions], sort=True)`` for positions >= 0, from the distinct positions: each row's
    code and the distinct names in sorted order.

    Only the names at the distinct positions are sorted, so the cost follows
    the number of names used, not of rows.

    Parameters
    ----------
    names : array-like
        Distinct texts; two positions of one text would get two codes.
    positions : array-like of int
        Positions in ``names``, all >= 0 (numpy reads -1 as the last name).

    Returns
    -------
    tuple of numpy.ndarray
        ``(codes, uniques)``: each row's code (int64), and the names used, sorted.

    Raises
    ------
    IndexError
        When a position is outside ``names``.

    Examples
    --------
    >>> codes, uniques = sorted_codes_at(np.array(["b", "a", "c"], dtype=object), np.array([0, 1, 0]))
    >>> codes.tolist(), uniques.tolist()
    ([1, 0, 1], ['a', 'b'])
    """
    used, inverse = np.unique(np.asarray(positions, dtype=np.int64), return_inverse=True)
    texts = np.asarray(names, dtype=object)[used]
    order = np.argsort(texts, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank[inverse.reshape(-1)], texts[order]


def _grouped(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, list[np.ndarray]]:
    """Per-key (codes, sorted uniques) -> the code of each row's key tuple, numbered in sorted order, and the
    keys of each group."""
    combined = np.zeros(len(parts[0][0]), dtype=np.int64)
    size = 1
    for codes, uniques in parts:
        if size * max(len(uniques), 1) >= 2**62:  # renumber the groups so far densely before the product overflows
            size, combined = _dense(combined)
        combined = combined * len(uniques) + codes
        size *= max(len(uniques), 1)
    _, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    return inverse.reshape(-1), [uniques[codes[first]] for codes, uniques in parts]


def _dense(codes: np.ndarray) -> tuple[int, np.ndarray]:
    uniques, inverse = np.unique(codes, return_inverse=True)
    return len(uniques), inverse.reshape(-1).astype(np.int64)


def joined_per_group(codes: np.ndarray, n_groups: int, *columns, sep: str = ";") -> np.ndarray:
    """Per group ``0 .. n_groups - 1``: the distinct non-empty texts of ``columns``, sorted, joined by ``sep``.

    ``codes`` gives each row's group; a group with no text gets ``""``.

    Parameters
    ----------
    codes : numpy.ndarray
        Each row's group, an integer from 0 to ``n_groups - 1``.
    n_groups : int
        How many groups (the length of the result).
    *columns : array-like
        Columns of texts as long as ``codes``; None, NaN and ``""`` are no text.
    sep : str
        The separator (default ``";"``).

    Returns
    -------
    numpy.ndarray
        object, ``n_groups`` texts.

    Raises
    ------
    IndexError
        When a code is ``n_groups`` or more.
    TypeError
        When a group has two values of which one is not text (a number cannot
        be joined; a group of one number gets the number), or a value is
        ``pandas.NA`` (see :func:`texts`).

    Examples
    --------
    >>> joined_per_group(np.array([0, 0, 1, 0]), 3, ["q", "p", "", "q"], ["p", None, "r", "s"]).tolist()
    ['p;q;s', 'r', '']
    """
    codes = np.asarray(codes)
    groups = np.concatenate([codes] * len(columns)) if columns else np.empty(0, dtype=np.int64)
    values = np.concatenate([np.asarray(c, dtype=object) for c in columns]) if columns else np.empty(0, dtype=object)
    keep = texts(values)
    groups, values = groups[keep], values[keep]
    value_codes, uniques = pd.factorize(values, sort=True)
    return _joined(groups, value_codes, np.asarray(uniques, dtype=object), n_groups, sep)


def joined_per_group_at(codes: np.ndarray, n_groups: int, names, positions, sep: str = ";") -> np.ndarray:
    """:func:`joined_per_group` of the texts ``names[positions]``, a position of -1 standing for no text; the
    texts are sorted through their distinct positions, not hashed one by one.

    Parameters
    ----------
    codes : numpy.ndarray
        Each row's group, an integer from 0 to ``n_groups - 1``.
    n_groups : int
        How many groups (the length of the result).
    names : array-like
        Distinct texts (two positions of one text would both be listed).
    positions : array-like of int
        Each row's text, as a position in ``names``; -1 for none.
    sep : str
        The separator (default ``";"``).

    Returns
    -------
    numpy.ndarray
        object, ``n_groups`` texts; ``""`` for a group with no text.

    Raises
    ------
    IndexError
        When a code is ``n_groups`` or more, or a position is outside ``names``.

    Examples
    --------
    >>> names = np.array(["q", "p", "s"], dtype=object)
    >>> joined_per_group_at(np.array([0, 0, 1, 0]), 3, names, np.array([0, 1, -1, 2])).tolist()
    ['p;q;s', '', '']
    """
    positions = np.asarray(positions)
    keep = positions >= 0
    value_codes, uniques = sorted_codes_at(names, positions[keep])
    return _joined(np.asarray(codes)[keep], value_codes, uniques, n_groups, sep)


def _joined(groups: np.ndarray, value_codes: np.ndarray, uniques: np.ndarray, n_groups: int, sep: str) -> np.ndarray:
    """Per group: its distinct texts (``uniques[value_codes]``, the uniques sorted) joined by ``sep``."""
    # each (group, text) once, sorted by group, then text: de-duplicated by hashing, so only distinct pairs are sorted
    pairs = np.sort(pd.unique(groups.astype(np.int64) * max(len(uniques), 1) + value_codes))
    owner = pairs // max(len(uniques), 1)
    words = uniques[pairs % max(len(uniques), 1)]
    out = np.full(n_groups, "", dtype=object)
    last = np.ones(len(words), dtype=bool)
    last[:-1] = owner[1:] != owner[:-1]
    first = np.ones(len(words), dtype=bool)
    first[1:] = last[:-1]
    alone = first & last  # a group of one text gets that text itself (one string shared, not a copy per group)
    out[owner[alone]] = words[alone]
    words, owner, last = words[~alone], owner[~alone], last[~alone]
    ends = np.flatnonzero(last) + 1
    # a hundred thousand words at a time (cut at a group's end): the joined text stays small beside the table
    cuts = [0, *ends[np.unique(np.searchsorted(ends, np.arange(_WORDS, len(words), _WORDS)))].tolist()]
    if cuts[-1] != len(words):
        cuts.append(len(words))
    for a, b in zip(cuts[:-1], cuts[1:]):
        if not _joined_in_c(out, words[a:b], owner[a:b], last[a:b], sep):  # a text holds a line feed
            listed, starts = words.tolist(), np.flatnonzero(np.r_[True, last[:-1]]).tolist()
            for x, y in zip(starts, [*starts[1:], len(listed)]):
                out[owner[x]] = sep.join(listed[x:y])
            return out
    return out


#: Words joined into one text at a time by :func:`joined_per_group`.
_WORDS = 100_000


def _joined_in_c(out: np.ndarray, words: np.ndarray, owner: np.ndarray, last: np.ndarray, sep: str) -> bool:
    """Fill ``out`` at each group of ``owner`` with its ``words`` joined by ``sep``: one text of all of them, a line
    feed after each group's last, split in C. False (``out`` untouched) when a word holds a line feed."""
    pieces = np.empty(2 * len(words), dtype=object)
    pieces[0::2] = words
    pieces[1::2] = sep
    pieces[1::2][last] = "\n"
    lists = "".join(pieces.tolist()).split("\n")
    if len(lists) != int(last.sum()) + 1:
        return False
    out[owner[last]] = lists[:-1]
    return True


def taken(values: np.ndarray, at: np.ndarray, missing) -> np.ndarray:
    """``values[at]``, with ``missing`` where ``at`` is negative (-1: say, an id that is not a node).

    Parameters
    ----------
    values : array-like
        The values to take from.
    at : numpy.ndarray
        Integer positions in ``values``; a negative one stands for no value.
    missing : object
        What stands where there is no value; it must fit the dtype of
        ``values`` (a bool array gives an object result).

    Returns
    -------
    numpy.ndarray
        One value per position, in the dtype of ``values`` (object for bool).

    Raises
    ------
    IndexError
        When a position is ``len(values)`` or more.
    TypeError, ValueError
        When ``missing`` does not fit the dtype of ``values`` (None in an
        integer array), as numpy raises them.

    Examples
    --------
    >>> taken(np.array(["x", "y"], dtype=object), np.array([1, -1, 0]), None).tolist()
    ['y', None, 'x']
    >>> taken(np.array([10, 20]), np.array([0, -1]), -1).tolist()
    [10, -1]
    """
    values = np.asarray(values)
    if len(values) and (at >= 0).all():
        return values[at]
    out = np.full(len(at), missing, dtype=values.dtype if values.dtype != bool else object)
    known = at >= 0
    out[known] = values[at[known]]
    return out
