"""Research datasets in: the parts of the importers built so far, on small files in the datasets' real formats."""
import io

import pandas as pd
import pytest

from partnergraph.errors import DataError
from partnergraph.importers import atop_periods, date_texts

#: ATOP's member-level layout (versions 4 and 5 share these columns; real files carry many more, as here `bilat`
#: and `defense`). Made up for the tests: alliance 9001 has three phases; member 2 stays through phases 1 and 2, then
#: leaves and comes back in phase 3; member 20 joins in phase 2 with an unknown day and is still in; member 200 left
#: in a month whose day is unknown (blank, as version 4 writes it); member 365's row is repeated, as files do.
ATOP_MEMBERS = """atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,bilat,defense
9001,2,1949,4,4,1955,5,6,1,0,1
9001,200,1949,4,4,1952,3,,1,0,1
9001,2,1955,5,6,1961,0,0,2,0,1
9001,20,1955,5,0,0,0,0,2,0,1
9001,2,1970,1,1,0,0,0,3,0,1
9002,365,1955,5,14,1991,7,1,0,0,1
9002,365,1955,5,14,1991,7,1,0,0,1
9003,2,1990,0,0,1991,0,0,0,1,0
"""


def periods(text=ATOP_MEMBERS, **kw):
    return atop_periods(pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False), **kw)


def test_atop_phases_of_one_membership_merge_and_a_return_is_a_new_period():
    got = periods()
    assert got[["atopid", "member", "since", "until", "phases"]].values.tolist() == [
        [9001, "2", "1949-04-04", "1961", "1;2"],   # phase 2 began the day phase 1 ended: one membership
        [9001, "2", "1970-01-01", "", "3"],         # left in 1961, back in 1970: a second period, still in force
        [9001, "20", "1955-05", "", "2"],           # day 0: known to the month; exit year 0: still in force
        [9001, "200", "1949-04-04", "1952-03", "1"],  # a blank day is unknown too
        [9002, "365", "1955-05-14", "1991-07-01", "0"],  # the repeated row read once
        [9003, "2", "1990", "1991", "0"],
    ]
    assert got["row"].tolist() == [2, 6, 5, 3, 7, 9]  # each period's first line in the file


def test_atop_keep_phases_keeps_a_line_per_phase():
    got = periods(keep_phases=True)
    assert got.loc[got["atopid"] == 9001, ["member", "since", "until", "phases"]].values.tolist()[:3] == [
        ["2", "1949-04-04", "1955-05-06", "1"], ["2", "1955-05-06", "1961", "2"], ["2", "1970-01-01", "", "3"]]


def test_atop_phases_merge_only_when_they_touch_at_the_precision_both_know():
    text = ("atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase\n"
            "1,2,1900,1,1,1910,12,0,1\n1,2,1910,12,5,1920,0,0,2\n"      # 1910-12 touches 1910-12-05
            "2,2,1900,1,1,1910,11,0,1\n2,2,1910,12,5,1920,0,0,2\n"      # 1910-11 does not touch 1910-12-05
            "3,2,1900,1,1,1910,0,0,1\n3,2,1910,12,5,1920,0,0,3\n")      # phases 1 and 3 are not consecutive
    assert periods(text)[["atopid", "since", "until"]].values.tolist() == [
        [1, "1900-01-01", "1920"], [2, "1900-01-01", "1910-11"], [2, "1910-12-05", "1920"],
        [3, "1900-01-01", "1910"], [3, "1910-12-05", "1920"]]


@pytest.mark.parametrize("line, where", [
    ("9,2,1949,13,4,0,0,0,1", "ATOP member file:2:moent: expected a month from 1 to 12 (0 for unknown), got 13"),
    ("9,2,1949,2,30,0,0,0,1", "ATOP member file:2:dayent: 1949-02 has no day 30"),
    ("9,2,1949,2,x,0,0,0,1", "ATOP member file:2:dayent: expected a whole number (0 for unknown), got 'x'"),
    ("9,2,0,0,0,0,0,0,1", "ATOP member file:2:yrent: no entry year: a membership needs the year it began"),
])
def test_atop_cells_that_are_not_dates_are_errors_naming_row_and_column(line, where):
    with pytest.raises(DataError) as raised:
        periods("atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase\n" + line + "\n")
    assert str(raised.value) == where


def test_a_file_that_is_not_atop_says_which_columns_it_lacks():
    with pytest.raises(DataError) as raised:
        periods("version4id,ccode,state_name\n1,2,USA\n")
    assert str(raised.value).startswith("ATOP member file:1: not an ATOP member-level file: no column atopid, member")


def test_date_texts_write_the_precision_known():
    assert date_texts([1949, 1949, 1949, 0], [4, 4, 0, 4], [4, 0, 9, 4]).tolist() == ["1949-04-04", "1949-04", "1949", ""]
