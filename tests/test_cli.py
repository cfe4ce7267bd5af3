"""The command line: exit codes, exact messages, and files written atomically."""
import json
import os

import pytest
from click.testing import CliRunner

import partnergraph as pg
from partnergraph.cli import cli

HEAD = "country,framework,since,until,status,source,note\n"


@pytest.fixture
def run():
    def _run(*args):
        return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return _run


def test_validate_ok(run, tiny):
    result = run("validate", "--data", tiny)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == f"ok: {tiny}: 6 nodes, 6 edges in 2 relations\n"


def test_validate_lists_every_problem_and_exits_1(run, make):
    folder = make(memberships__csv=HEAD + "FIN,pfp,20x4,,,,\nXXX,pfp,1994,,,,\nSWE,pfp\n")
    result = run("validate", "--data", folder)
    assert result.exit_code == 1
    m = folder / "memberships.csv"
    assert result.stdout.splitlines() == [
        f'{m}:2:since: expected a year, a month (YYYY-MM) or an ISO date, got "20x4"; write it year first, for example 1994, 1994-05 or 1994-05-09',
        f"{m}:3:country: unknown id \"XXX\": nodes.csv has no such id",
        f"{m}:4:since: expected 7 cells, found 2",
    ]
    assert result.stderr == f"3 errors in {folder}\n"


def test_validate_json_equals_the_api(run, make):
    folder = make(memberships__csv=HEAD + "FIN,pfp,20x4,,,,\nSWE,pfp\n")
    result = run("validate", "--data", folder, "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [p.as_dict() for p in pg.validate(folder)]


def test_missing_folder_exits_1_without_traceback(run, tmp_path):
    missing = tmp_path / "nope"
    result = run("validate", "--data", missing)
    assert (result.exit_code, result.stdout, result.stderr) == (1, f"{missing}: no such folder\n", f"1 error in {missing}\n")
    for command in (["info"], ["map", "-o", tmp_path / "m.html"]):
        result = run(*command, "--data", missing)
        assert (result.exit_code, result.stderr) == (1, f"Error: {missing}: no such folder\n"), command
        assert "Traceback" not in result.output


def test_bad_data_prints_one_error_line_per_problem(run, make, tmp_path):
    folder = make(memberships__csv=HEAD + "FIN,pfp,20x4,,,,\nSWE,pfp,1994,1990,,,\n")
    result = run("info", "--data", folder)
    m = folder / "memberships.csv"
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f'Error: {m}:2:since: expected a year, a month (YYYY-MM) or an ISO date, got "20x4"; write it year first, for example 1994, 1994-05 or 1994-05-09\n'
        f"Error: {m}:3:until: until 1990 is not after since 1994\n"
    )


def test_bad_usage_exits_2(run, tiny, tmp_path):
    result = run("info", "--data", tiny, "--as-of", "20x4")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: Invalid value for '--as-of': expected a year, a month (YYYY-MM) or an ISO date, got \"20x4\""
    assert run("map", "--data", tiny).exit_code == 2  # -o is required
    assert run("nosuchcommand").exit_code == 2


def test_info_table_and_json(run, tiny):
    result = run("info", "--data", tiny, "--as-of", 2023)
    assert result.exit_code == 0
    text = result.stdout
    assert "as of     2023-12-31" in text
    assert "dates     1994 .. 2024-03-07" in text
    summary = json.loads(run("info", "--data", tiny, "--as-of", 2023, "--format", "json").stdout)
    assert summary["kinds"] == [{"kind": "country", "nodes": 3}, {"kind": "framework", "nodes": 2},
                                {"kind": "threat", "nodes": 1}]
    assert summary["relations"] == [
        {"relation": "coverage", "u_kind": "framework", "v_kind": "threat", "edges": 1, "current": 1, "suspended": 0,
         "dated": 0, "sourced": 1},
        {"relation": "memberships", "u_kind": "country", "v_kind": "framework", "edges": 5, "current": 3, "suspended": 0,
         "dated": 5, "sourced": 5},
    ]
    assert summary["sources"] == [{"source": "example.org", "edges": 6}]
    assert summary["content_hash"] == pg.load(tiny).content_hash()


def test_info_on_the_bundled_dataset(run):
    result = run("info", "--as-of", 2024)
    assert result.exit_code == 0
    assert "memberships" in result.stdout and "www.nato.int" in result.stdout


@pytest.mark.slow
def test_map_writes_one_file_byte_identical_on_a_second_run(run, tiny, tmp_path):
    out = tmp_path / "map.html"
    result = run("map", "--data", tiny, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {out} (6 nodes, 3 edges as of 2024-12-31, 6 in all)\n"
    first = out.read_bytes()
    assert run("map", "--data", tiny, "-o", out).exit_code == 0
    assert out.read_bytes() == first
    assert sorted(os.listdir(tmp_path)) == ["map.html", "tiny"]  # no temporary file left


@pytest.mark.slow
def test_map_as_of_and_options(run, tiny, tmp_path):
    out = tmp_path / "map.html"
    assert run("map", "--data", tiny, "-o", out, "--as-of", 2001, "--title", "PfP <2001>").exit_code == 0
    page = out.read_text()
    assert "<title>PfP &lt;2001&gt;</title>" in page
    meta = json.loads(page.split('<script type="application/json" id="pg-meta">')[1].split("</script>")[0])
    assert meta["as_of"] == "2001-12-31" and meta["edges_as_of"] == 4 and meta["title"] == "PfP <2001>"
    assert run("map", "--data", tiny, "-o", out, "--kinds", "country,framework").exit_code == 0
    meta = json.loads(out.read_text().split('id="pg-meta">')[1].split("</script>")[0])
    assert (meta["nodes"], meta["edges"], meta["edges_as_of"]) == (5, 5, 2)
    assert run("map", "--data", tiny, "-o", out, "--focus", "pag", "--radius", 1).exit_code == 0
    meta = json.loads(out.read_text().split('id="pg-meta">')[1].split("</script>")[0])
    assert (meta["nodes"], meta["edges"]) == (2, 1)
    assert run("map", "--data", tiny, "-o", out, "--size-by", "pagerank").exit_code == 0
    assert run("map", "--data", tiny, "-o", out, "--size-by", "fame").exit_code == 2


def test_map_unknown_focus_or_kind_exits_1(run, tiny, tmp_path):
    result = run("map", "--data", tiny, "-o", tmp_path / "m.html", "--focus", "JAP")
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown id 'JAP'; did you mean JPN (Japan)?\n"
    result = run("map", "--data", tiny, "-o", tmp_path / "m.html", "--kinds", "country,ngo")
    assert result.exit_code == 1
    assert result.stderr == "Error: unknown kind 'ngo'; the kinds are country, framework, threat\n"
    assert not (tmp_path / "m.html").exists()


def test_failed_map_leaves_the_existing_file_untouched(run, make, tmp_path):
    out = tmp_path / "map.html"
    out.write_text("my precious map")
    bad = make(memberships__csv=HEAD + "FIN,pfp,20x4,,,,\n")
    result = run("map", "--data", bad, "-o", out)
    assert result.exit_code == 1
    assert out.read_text() == "my precious map"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["map.html"]


def test_map_into_a_missing_folder_exits_1(run, tiny, tmp_path):
    result = run("map", "--data", tiny, "-o", tmp_path / "no" / "m.html")
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot write {tmp_path / 'no' / 'm.html'}: no such folder {tmp_path / 'no'}\n"


def test_map_never_writes_into_the_data_folder(run, tiny):
    before = sorted(os.listdir(tiny))
    result = run("map", "--data", tiny, "-o", tiny / "map.html")
    assert result.exit_code == 2
    assert "will not write" in result.stderr
    assert sorted(os.listdir(tiny)) == before


def test_every_command_has_help(run):
    for name, command in cli.commands.items():
        assert command.help, name
        result = run(name, "--help")
        assert result.exit_code == 0 and ("--data" in result.stdout) == (name != "import")  # import reads files
        # diff: dates as arguments; evolution: every year, --from and --to
        assert ("--as-of" in result.stdout) == (name not in ("validate", "diff", "import", "evolution"))


def test_version(run):
    assert run("--version").stdout == f"partnergraph, version {pg.__version__}\n"
