"""The analysis commands: csv and json output equal the API's DataFrame; unknown ids exit 1."""
import json

import pandas as pd
import pytest
from click.testing import CliRunner

import partnergraph as pg
from partnergraph.cli import cli
from test_coverage import FILES
from conftest import write_folder


@pytest.fixture
def folder(tmp_path):
    return write_folder(tmp_path / "small", FILES)


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


CASES = [
    (["centrality", "--measure", "betweenness"], lambda ds: pg.centrality(ds, "betweenness", as_of=2020)),
    (["centrality", "--kind", "country", "--project", "country", "--measure", "pagerank", "--top", "1"],
     lambda ds: pg.centrality(ds, "pagerank", kind="country", project="country", as_of=2020, top=1)),
    (["coverage"], lambda ds: pg.coverage(ds, as_of=2020)),
    (["coverage", "--explain", "F1", "T1"], lambda ds: pg.coverage_paths(ds, "F1", "T1", as_of=2020)),
    (["gaps"], lambda ds: pg.gaps(ds, as_of=2020)),
    (["reach", "C2"], lambda ds: pg.reach(ds, "C2", as_of=2020)),
    (["members", "F2"], lambda ds: pg.members(ds, "F2", as_of=2020)),
    (["members", "F2", "--history"], lambda ds: pg.members(ds, "F2", history=True)),
    (["frameworks", "C2"], lambda ds: pg.frameworks(ds, "C2", as_of=2020)),
    (["timeline", "--framework", "F2"], lambda ds: pg.timeline(ds, framework="F2", as_of=2020)),
    (["path", "C1", "T2"], lambda ds: pg.path(ds, "C1", "T2", as_of=2020)),
    (["ego", "F1", "--radius", "2"], lambda ds: pg.ego(ds, "F1", radius=2, as_of=2020)),
    (["communities"], lambda ds: pg.communities(ds, as_of=2020)),
    (["whatif", "--remove", "A2"], lambda ds: pg.whatif(ds, "A2", as_of=2020)),
]


@pytest.mark.parametrize("args, api", CASES, ids=[" ".join(a) for a, _ in CASES])
def test_csv_and_json_equal_the_api(folder, args, api):
    expected = api(pg.load(folder))
    assert len(expected) > 0
    when = [] if "--history" in args else ["--as-of", 2020]  # --history is every period, whatever the date
    result = run(*args, "--data", folder, *when, "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout == expected.to_csv(index=False, lineterminator="\n")
    result = run(*args, "--data", folder, *when, "--format", "json")
    # the same records; columns that join several ids with ";" become arrays, numbers keep every digit
    lists = set(expected.attrs.get("lists", ()))
    records = [{k: ((v.split(";") if v else []) if k in lists and isinstance(v, str) else (None if v != v else v))
                for k, v in row.items()} for row in expected.astype(object).to_dict("records")]
    assert json.loads(result.stdout) == records


def test_diff_equals_the_api(folder):
    expected = pg.diff(pg.load(folder), 2009, 2013)
    result = run("diff", 2009, 2013, "--data", folder, "--format", "csv")
    assert result.stdout == expected.to_csv(index=False, lineterminator="\n")
    assert len(expected) == 3  # F1-A2 and C2-F1 added, C2-F2 (2000-2012) removed


def test_matrix_csv_equals_the_api(folder):
    expected = pg.coverage_matrix(pg.load(folder), as_of=2020)
    result = run("coverage", "--matrix", "--data", folder, "--as-of", 2020, "--format", "csv")
    assert result.stdout == expected.to_csv(lineterminator="\n")
    back = pd.read_csv(pd.io.common.StringIO(result.stdout), index_col=0)
    assert back.loc["F1", "T1"] == 3


def test_table_format_is_aligned_text(folder):
    result = run("members", "F2", "--history", "--data", folder)
    assert result.stdout.splitlines() == [
        "id  label        kind     since  until  status",
        "C2  Country two  country  2000   2012",
        "C2  Country two  country  2014",
    ]


def test_output_file_is_written_atomically(folder, tmp_path):
    out = tmp_path / "gaps.csv"
    result = run("gaps", "--data", folder, "--as-of", 2020, "--format", "csv", "-o", out)
    assert result.exit_code == 0
    assert out.read_text() == pg.gaps(pg.load(folder), as_of=2020).to_csv(index=False, lineterminator="\n")
    # the hand-made data mixes dated and undated rows with nothing to bound them: one warning line says so
    assert result.stderr.splitlines() == [
        f"wrote {out} (3 lines)",
        f"Warning: 3 likely mistakes in {folder} (partnergraph validate lists them), the first: "
        f"{folder / 'covers.csv'}:2:since: undated, unlike other rows here, and neither endpoint has a lifetime: "
        "counts at every date"]


@pytest.mark.parametrize("args, message", [
    (["reach", "C9"], "unknown id 'C9'; did you mean C1 (Country one), C2 (Country two)?"),
    (["members", "F3"], "unknown id 'F3'; did you mean F1 (One), F2 (Two), T3 (Threat three)?"),
    (["path", "C1", "X"], "unknown id 'X'"),
    (["ego", "nothing"], "unknown id 'nothing'"),
    (["whatif", "--remove", "A3"], "unknown id 'A3'; did you mean A1 (Act one), A2 (Act two), T3 (Threat three)?"),
    (["coverage", "--explain", "F1", "T7"], "unknown id 'T7'; did you mean T1 (Threat one), T2 (Threat two), "
                                            "T3 (Threat three)?"),
    (["timeline", "--framework", "F9"], "unknown id 'F9'; did you mean F1 (One), F2 (Two)?"),
    (["centrality", "--kind", "nation"], "unknown kind 'nation'; the kinds are framework, activity, threat, country"),
])
def test_unknown_ids_exit_1_with_close_matches(folder, args, message):
    result = run(*args, "--data", folder)
    assert result.exit_code == 1
    # the data's own warnings come first, on one line; then the one error
    assert result.stderr.splitlines()[0].startswith("Warning: 3 likely mistakes in ")
    assert result.stderr.splitlines()[1:] == [f"Error: {message}"]


def test_bad_dates_and_usage_exit_2(folder):
    assert run("diff", "2010", "20x4", "--data", folder).exit_code == 2
    assert run("coverage", "--matrix", "--explain", "F1", "T1", "--data", folder).exit_code == 2
    assert run("centrality", "--measure", "fame", "--data", folder).exit_code == 2
    assert run("whatif", "--data", folder).exit_code == 2  # --remove is required


def test_every_query_honours_as_of(folder):
    early = run("coverage", "--data", folder, "--as-of", 2009, "--format", "csv").stdout
    late = run("coverage", "--data", folder, "--as-of", 2020, "--format", "csv").stdout
    assert early != late and "T3" in early and "T3" not in late


def test_rows_cols_via_on_other_kinds(tmp_path):
    folder = write_folder(tmp_path / "ngo", {
        "uses.csv": "programme,measure\np1,m1\n",
        "mitigates.csv": "measure,hazard\nm1,h1\n",
    })
    result = run("coverage", "--data", folder, "--rows", "programme", "--cols", "hazard", "--via", "measure",
                 "--format", "csv")
    assert result.stdout == "programme,hazard,via,sources\np1,h1,m1,\n"
    result = run("gaps", "--data", folder, "--rows", "programme", "--cols", "hazard", "--via", "measure",
                 "--format", "csv")
    assert result.stdout == "hazard,label,count,programme\nh1,h1,1,p1\n"
