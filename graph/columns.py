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
    """A boolean array: which values are non-empty text (not None, NaN, NA or ``""``).

    >>> texts(np.array(["a", "", None, float("nan")], dtype=object)).tolist()
    [True, False, False, False]
    """
    values = np.asarray(values, dtype=object)
    return pd.notna(values) & (values != "")


def per_distinct(values, fn, dtype=object) -> np.ndarray:
    """``fn`` of each value, called once per distinct value (missing values included, passed as they are).

    >>> per_distinct(pd.Series(["a", "b", "a"]), str.upper).tolist()
    ['A', 'B', 'A']
    """
    codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=False)
    done = np.empty(len(uniques), dtype=dtype)
    for i, value in enumerate(uniques):
        done[i] = fn(value)
    return done[codes]


def group_codes(*keys) -> tuple[np.ndarray, list[np.ndarray]]:
    """Groups of equal key tuples, numbered in sorted key order: (code of each row, the keys of each group).

    >>> codes, (a, b) = group_codes(["y", "x", "y"], ["2", "1", "2"])
    >>> codes.tolist(), a.tolist(), b.tolist()
    ([1, 0, 1], ['x', 'y'], ['1', '2'])
    """
    parts = []
    for key in keys:
        codes, uniques = pd.factorize(np.asarray(key, dtype=object), sort=True)
        parts.append((codes, np.asarray(uniques, dtype=object)))
    return _grouped(parts)


def group_codes_at(names, *positions) -> tuple[np.ndarray, list[np.ndarray]]:
    """:func:`group_codes` of the keys ``names[p]`` for each array ``p`` of ``positions`` (all >= 0), found by
    sorting integers and only the distinct names used, not by hashing every key's text.

    >>> codes, (a, b) = group_codes_at(np.array(["y", "x", "2", "1"], dtype=object), [0, 1, 0], [2, 3, 2])
    >>> codes.tolist(), a.tolist(), b.tolist()
    ([1, 0, 1], ['x', 'y'], ['1', '2'])
    """
    return _grouped([sorted_codes_at(names, p) for p in positions])


def sorted_codes_at(names, positions) -> tuple[np.ndarray, np.ndarray]:
    """``pd.factorize(names[positions], sort=True)`` for positions >= 0, from the distinct positions: each row's
    code and the distinct names in sorted order.

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
    """``values[at]``, with ``missing`` where ``at`` is -1 (say, an id that is not a node).

    >>> taken(np.array(["x", "y"], dtype=object), np.array([1, -1, 0]), None).tolist()
    ['y', None, 'x']
    """
    values = np.asarray(values)
    if len(values) and (at >= 0).all():
        return values[at]
    out = np.full(len(at), missing, dtype=values.dtype if values.dtype != bool else object)
    known = at >= 0
    out[known] = values[at[known]]
    return out
