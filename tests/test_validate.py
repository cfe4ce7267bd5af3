"""Every kind of bad input gets one exact problem line: file:row:column: message."""
import os

import pytest

import partnergraph as pg
from conftest import TINY, write_folder

HEAD = "country,framework,since,until,status,source,note\n"


def lines(folder):
    """The problems as text, with the folder taken off the front of each path."""
    return [str(p).replace(str(folder) + os.sep, "") for p in pg.validate(folder)]


CASES = {
    "not utf-8": (
        {"memberships.csv": HEAD.encode() + b"FIN,pfp,1994,,,,\nSWE,pfp,1994,,,,caf\xe9\n"},
        ["memberships.csv:3: not UTF-8 text (byte 0xe9); save the file as \"CSV UTF-8\""],
    ),
    "empty file": ({"memberships.csv": ""}, ["memberships.csv: empty file, expected a header row"]),
    "only blank lines": ({"memberships.csv": "\n\n  \n"}, ["memberships.csv: empty file, expected a header row"]),
    "binary": (
        {"memberships.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"},
        ["memberships.csv: binary file (it contains NUL bytes), expected CSV text"],
    ),
    "too many cells": (
        {"memberships.csv": HEAD + "FIN,pfp,1994,,,,\nSWE,pfp,1994,,,,,extra\n"},
        ["memberships.csv:3:8: expected 7 cells, found 8"],
    ),
    "too few cells": (
        {"memberships.csv": HEAD + "FIN,pfp,1994,,,\nSWE,pfp\n"},
        ["memberships.csv:2:note: expected 7 cells, found 6", "memberships.csv:3:since: expected 7 cells, found 2"],
    ),
    "missing nodes columns": (
        {"nodes.csv": "id,kind\nFIN,country\n"},
        ["nodes.csv:1: missing column label (nodes.csv needs id, kind, label; found id, kind)"],
    ),
    "missing two nodes columns": (
        {"nodes.csv": "name\nFIN\n"},
        ["nodes.csv:1: missing columns id, kind, label (nodes.csv needs id, kind, label; found name)"],
    ),
    "duplicate id": (
        {"nodes.csv": TINY["nodes.csv"] + "FIN,country,Finland again,\n"},
        ['nodes.csv:8:id: duplicate id "FIN" (first on row 2)'],
    ),
    "empty id and kind": (
        {"nodes.csv": TINY["nodes.csv"] + ",country,Nobody,\nXYZ,,Nothing,\n"},
        ["nodes.csv:8:id: empty id", "nodes.csv:9:kind: empty kind"],
    ),
    "unknown id": (
        {"memberships.csv": HEAD + "FIN,pfp,1994,,,,\nXXX,pfp,1994,,,,\n"},
        ['memberships.csv:3:country: unknown id "XXX": nodes.csv has no such id'],
    ),
    "kind differs from header": (
        {"memberships.csv": HEAD + "pfp,FIN,1994,,,,\n"},
        ['memberships.csv:2:country: "pfp" is a framework in nodes.csv, but this column holds country ids',
         'memberships.csv:2:framework: "FIN" is a country in nodes.csv, but this column holds framework ids'],
    ),
    "unreadable date": (
        {"memberships.csv": HEAD + "FIN,pfp,20x4,,,,\nSWE,pfp,1994,2004-02-30,,,\nJPN,pfp,94,,,,\n"},
        ['memberships.csv:2:since: expected a year, a month (YYYY-MM) or an ISO date, got "20x4"; write it year first, for example 1994, 1994-05 or 1994-05-09',
         'memberships.csv:3:until: expected a year, a month (YYYY-MM) or an ISO date, got "2004-02-30"; there is no such month or day',
         'memberships.csv:4:since: expected a year, a month (YYYY-MM) or an ISO date, got "94"; write the year with all four digits'],
    ),
    "since after until": (
        {"memberships.csv": HEAD + "FIN,pfp,1994,1990,,,\nSWE,pfp,2001-05-01,2001-05-01,,,\nJPN,pfp,2001,2001,,,\n"},
        ["memberships.csv:2:until: until 1990 is not after since 1994",
         "memberships.csv:3:until: until 2001-05-01 is not after since 2001-05-01"],
    ),
    "unclosed quote": (
        {"memberships.csv": HEAD + 'FIN,pfp,1994,,,,"never closed\nSWE,pfp,1994,,,,\n'},
        ["memberships.csv:2: malformed CSV: a quoted cell is never closed"],
    ),
    "text after quote": (
        {"memberships.csv": HEAD + 'FIN,pfp,1994,,,,"quoted"tail\n'},
        ["memberships.csv:2: malformed CSV: unexpected text after a closing quote"],
    ),
    "weight not a number": (
        {"memberships.csv": "country,framework,weight\nFIN,pfp,heavy\nSWE,pfp,2.5\n"},
        ['memberships.csv:2:weight: expected a finite number, got "heavy"'],
    ),
    "duplicate edge": (
        {"memberships.csv": HEAD + "FIN,pfp,1994,,,,\nSWE,pfp,1994,,,,\nFIN,pfp,1994,,,,note\n"},
        ["memberships.csv:4: the same edge as row 2"],
    ),
    "empty header cell": (
        {"memberships.csv": "country,framework,,source\nFIN,pfp,x,y\n"},
        ["memberships.csv:1:3: empty column header"],
    ),
    "duplicate header": (
        {"memberships.csv": "country,framework,since,since\nFIN,pfp,1994,1995\n"},
        ["memberships.csv:1:since: duplicate column header (also column 3)"],
    ),
    "reserved header": (
        {"memberships.csv": "country,framework,relation\nFIN,pfp,x\n"},
        ["memberships.csv:1:relation: column name 'relation' is reserved, rename the column"],
    ),
    "one column": (
        {"memberships.csv": "country\nFIN\n"},
        ["memberships.csv:1: an edge list needs at least two columns, the kinds of its two endpoints, separated by , ; or tab"],
    ),
    "empty endpoint": (
        {"memberships.csv": HEAD + ",pfp,1994,,,,\n"},
        ["memberships.csv:2:country: empty id"],
    ),
    "blank first row": (
        {"memberships.csv": "\n" + HEAD + "FIN,pfp,1994,,,,\n"},
        ["memberships.csv:1: the first row must be a header row, found an empty row"],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_each_problem_has_an_exact_line(make, name):
    changes, expected = CASES[name]
    folder = make(**{k.replace(".", "__"): v for k, v in changes.items()})
    assert lines(folder) == expected


@pytest.mark.parametrize("name", CASES)
def test_load_raises_every_error_validate_finds(make, name):
    """The API tells the story the CLI tells: the DataError carries every error, in validate's order."""
    changes, expected = CASES[name]
    folder = make(**{k.replace(".", "__"): v for k, v in changes.items()})
    with pytest.raises(pg.DataError) as info:
        pg.load(folder)
    err = info.value
    assert err.problems == pg.validate(folder)
    assert err.errors == [p for p in err.problems if p.is_error]
    assert [str(p).replace(str(folder) + os.sep, "") for p in err.errors] == expected
    more = len(expected) - 1
    assert str(err).replace(str(folder) + os.sep, "") == expected[0] + (
        f" (and {more} more error{'s' if more != 1 else ''})" if more else "")
    assert (err.path, err.row, err.column) == (err.errors[0].path, err.errors[0].row, err.errors[0].column)


def test_a_data_error_carries_the_warnings_too(make):
    """The API's story is validate's: the error that stops the load, and the likely mistakes found beside it."""
    folder = make(memberships__csv=HEAD + "FIN,pfp,1994,,,,\nSWE,pfp,20x4,,,,\n",
                  covers__csv="framework,threat,jpn\npfp,cyber,\n")
    with pytest.raises(pg.DataError) as info:
        pg.load(folder)
    err = info.value
    assert [(p.type, p.severity) for p in err.problems] == [("empty-column", "warning"), ("bad-date", "error")]
    assert err.problems == pg.validate(folder) and [p.type for p in err.errors] == ["bad-date"]
    assert str(err).endswith('got "20x4"; write it year first, for example 1994, 1994-05 or 1994-05-09')


#: Each case's problems as (type, column number): what a program reads instead of the message.
TYPES = {
    "not utf-8": [("wrong-encoding", None)],
    "empty file": [("empty-file", None)],
    "only blank lines": [("empty-file", None)],
    "binary": [("wrong-format", None)],
    "too many cells": [("wrong-cell-count", 8)],
    "too few cells": [("wrong-cell-count", 7), ("wrong-cell-count", 3)],
    "missing nodes columns": [("missing-column", None)],
    "missing two nodes columns": [("missing-column", None)],
    "duplicate id": [("duplicate-id", 1)],
    "empty id and kind": [("empty-cell", 1), ("empty-cell", 2)],
    "unknown id": [("unknown-id", 1)],
    "kind differs from header": [("wrong-kind", 1), ("wrong-kind", 2)],
    "unreadable date": [("bad-date", 3), ("bad-date", 4), ("bad-date", 3)],
    "since after until": [("dates-inverted", 4), ("dates-inverted", 4)],
    "unclosed quote": [("malformed-csv", None)],
    "text after quote": [("malformed-csv", None)],
    "weight not a number": [("bad-number", 3)],
    "duplicate edge": [("duplicate-edge", None)],
    "empty header cell": [("blank-header", 3)],
    "duplicate header": [("duplicate-header", 4)],
    "reserved header": [("reserved-column", 3)],
    "one column": [("missing-column", None)],
    "empty endpoint": [("empty-cell", 1)],
    "blank first row": [("blank-header", None)],
}


def test_every_case_has_its_types():
    assert set(TYPES) == set(CASES)


@pytest.mark.parametrize("name", CASES)
def test_each_problem_has_a_type_and_its_column_number(make, name):
    changes, _ = CASES[name]
    folder = make(**{k.replace(".", "__"): v for k, v in changes.items()})
    problems = pg.validate(folder)
    assert [(p.type, p.column_number) for p in problems] == TYPES[name]
    assert all(p.type in pg.PROBLEM_TYPES for p in problems)


def test_problem_records_carry_path_row_column_type_message(make):
    folder = make(memberships__csv=HEAD + "FIN,pfp,20x4,,,,\n")
    assert [p.as_dict() for p in pg.validate(folder)] == [{
        "path": str(folder / "memberships.csv"), "row": 2, "column": "since", "column_number": 3, "severity": "error",
        "type": "bad-date",
        "message": 'expected a year, a month (YYYY-MM) or an ISO date, got "20x4"; write it year first, for example 1994, 1994-05 or 1994-05-09'}]


def test_every_problem_in_every_file_is_listed_in_order(make):
    folder = make(
        nodes__csv=TINY["nodes.csv"] + "FIN,country,dup,\n",
        memberships__csv=HEAD + "FIN,pfp,20x4,,,,\nSWE,pfp\n",
        coverage__csv="framework,threat,source\npfp,nowhere,https://example.org\n",
    )
    assert lines(folder) == [
        'nodes.csv:8:id: duplicate id "FIN" (first on row 2)',
        'coverage.csv:2:threat: unknown id "nowhere": nodes.csv has no such id',
        'memberships.csv:2:since: expected a year, a month (YYYY-MM) or an ISO date, got "20x4"; write it year first, for example 1994, 1994-05 or 1994-05-09',
        "memberships.csv:3:since: expected 7 cells, found 2",
    ]


def test_missing_folder(tmp_path):
    missing = tmp_path / "nope"
    assert [str(p) for p in pg.validate(missing)] == [f"{missing}: no such folder"]
    with pytest.raises(pg.DataError, match="no such folder"):
        pg.load(missing)


def test_a_file_is_not_a_folder(tmp_path):
    path = tmp_path / "file.csv"
    path.write_text("a,b\n")
    assert [str(p) for p in pg.validate(path)] == [f"{path}: one CSV file: --data takes the folder that holds it "
                                                   f"(with the other tables)"]
    other = tmp_path / "notes.txt"
    other.write_text("a,b\n")
    assert [str(p) for p in pg.validate(other)] == [f"{other}: not a folder (a data folder of CSV files, or an .xlsx "
                                                    f"workbook)"]


def test_folder_without_csv_files(tmp_path):
    folder = write_folder(tmp_path / "d", {"README.md": "# nothing here\n"})
    assert [str(p) for p in pg.validate(folder)] == [f"{folder}: no CSV files in folder"]


def test_kind_clash_without_nodes_csv(tmp_path):
    folder = write_folder(tmp_path / "d", {
        "a.csv": "country,framework\nFIN,pfp\n",
        "b.csv": "framework,threat\nFIN,cyber\n",
    })
    assert lines(folder) == ['b.csv:2:framework: "FIN" is a country in a.csv (row 2), but this column holds framework ids']


def test_non_csv_files_are_ignored(make):
    folder = make(README__md="# notes\n", **{"notes.txt": "x"})
    assert lines(folder) == []


def test_bundled_dataset_is_valid():
    assert pg.validate(pg.bundled_path()) == []
