"""Structure over time: every column of evolution() against a small case worked by hand."""
import io

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import partnergraph as pg
from partnergraph.cli import cli

from conftest import write_folder

#: Countries A, B, C; framework F from 2000, G from 2001; threat T. Memberships: A-F and B-F from 2000, C-F in 2001
#: only (until 2002: gone at the end of 2002), A-G from 2001, B-G from 2002; F covers T from 2000.
#: Worked by hand, each year at 31 December:
#:   2000: alive A B C F T (5); ties A-F B-F F-T (3); linked A B F T (4), one part; mean degree 6/4;
#:         density 2 country-framework ties / (3 x 1); projection A-B (1 of 3 pairs); no triple: transitivity NaN
#:   2001: alive 6; ties A-F B-F C-F A-G F-T (5); linked 6; mean degree 10/6; density 4 / (3 x 2);
#:         projection A-B A-C B-C (3 of 3): a triangle, transitivity 1; churn 1 - 3/5 (3 kept of 5 in either)
#:   2002: ties A-F B-F A-G B-G F-T (5); linked 5 (C has none); mean degree 2; density 4/6; projection A-B only;
#:         churn 1 - 4/6
FILES = {
    "nodes.csv": "id,kind,label,since\nA,country,A,\nB,country,B,\nC,country,C,\nF,framework,F,2000\n"
                 "G,framework,G,2001\nT,threat,T,\n",
    "memberships.csv": "country,framework,since,until,source\nA,F,2000,,https://e.org\nB,F,2000,,https://e.org\n"
                       "C,F,2001,2002,https://e.org\nA,G,2001,,https://e.org\nB,G,2002,,https://e.org\n",
    "covers.csv": "framework,threat,since,source\nF,T,2000,https://e.org\n",
}

EXPECTED = pd.DataFrame({
    "year": [2000, 2001, 2002],
    "date": ["2000-12-31", "2001-12-31", "2002-12-31"],
    "nodes": [5, 6, 6], "ties": [3, 5, 5], "linked": [4, 6, 5], "components": [1, 1, 1],
    "mean_degree": [6 / 4, 10 / 6, 2.0], "density": [2 / 3, 4 / 6, 4 / 6],
    "projection_ties": [1, 3, 1], "projection_density": [1 / 3, 1.0, 1 / 3],
    "transitivity": [np.nan, 1.0, np.nan], "churn": [np.nan, 1 - 3 / 5, 1 - 4 / 6],
})


@pytest.fixture
def folder(tmp_path):
    return write_folder(tmp_path / "t", FILES)


def test_every_column_against_the_hand_worked_years(folder):
    got = pg.evolution(pg.load(folder), first=2000, last=2002)
    pd.testing.assert_frame_equal(got, EXPECTED, check_dtype=False)


def test_parts_are_counted_and_suspended_ties_left_out(tmp_path):
    files = {**FILES, "memberships.csv": FILES["memberships.csv"] + "C,G,2002,,https://e.org\n",
             "borders.csv": "threat,threat,since,source\nT,T,2000,https://e.org\n"}
    files["nodes.csv"] += "U,threat,U,\nV,threat,V,\n"
    files["borders.csv"] = "threat,threat,since,status,source\nU,V,2000,active,https://e.org\nV,T,2000,suspended,https://e.org\n"
    ds = pg.load(write_folder(tmp_path / "p", files))
    e = pg.evolution(ds, first=2002, last=2002).iloc[0]
    assert e["components"] == 2  # the U-V tie is a part of its own; the suspended V-T tie does not join it
    assert e["ties"] == 7  # A-F B-F A-G B-G C-G F-T U-V
    with_suspended = pg.evolution(ds, first=2002, last=2002, include_suspended=True).iloc[0]
    assert with_suspended["components"] == 1 and with_suspended["ties"] == 8


def test_the_years_default_to_the_data_and_bad_ones_are_refused(folder):
    ds = pg.load(folder)
    assert pg.evolution(ds)["year"].tolist() == [2000, 2001, 2002]
    with pytest.raises(pg.PartnergraphError, match="the first year .2003. is after the last .2002."):
        pg.evolution(ds, first=2003, last=2002)
    nato = pg.evolution(pg.load())
    assert nato["year"].iloc[0] == 1991 and nato["date"].iloc[-1] == "2026-11-30"  # the default date, last


@pytest.mark.slow
def test_the_cli_prints_the_api_s_table_and_draws_small_multiples(folder, tmp_path):
    result = CliRunner().invoke(cli, ["evolution", "--data", str(folder), "--format", "csv"])
    assert result.exit_code == 0
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(result.stdout)), EXPECTED, check_dtype=False)
    out = tmp_path / "evolution.png"
    drawn = CliRunner().invoke(cli, ["evolution", "--data", str(folder), "-o", str(out)])
    assert drawn.exit_code == 0 and out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert drawn.stderr == f"wrote {out} (3 years)\n"
    refused = CliRunner().invoke(cli, ["evolution", "--data", str(folder), "--as-of", "2001"])
    assert refused.exit_code == 2 and "No such option '--as-of'" in refused.stderr  # every year is read: --from, --to
