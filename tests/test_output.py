"""Output in the format asked, and writes that cannot hurt: the extension picks the format, contradictions are usage
errors, spreadsheets cannot be made to run a formula, JSON keeps lists, terminals never obey the data, and -o never
writes through a link or onto a device."""
import io
import json
import os
import zipfile

import pytest
from click.testing import CliRunner

import partnergraph as pg
from partnergraph.cli import cli
from conftest import write_folder

#: Slow: many examples or many processes; `pytest -m "not slow"` leaves it out, CI runs it.
pytestmark = pytest.mark.slow


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.mark.parametrize("name, check", [
    ("m.csv", lambda b: b.decode().splitlines()[0] == "id,label,kind,since,until,status"),
    ("m.json", lambda b: json.loads(b)[0]["id"] == "ARM"),
    ("m.md", lambda b: b.decode().splitlines()[:2] == ["| id | label | kind | since | until | status |",
                                                      "|---|---|---|---|---|---|"]),
    ("m.txt", lambda b: b.decode().splitlines()[0].split() == ["id", "label", "kind", "since", "until", "status"]),
    ("m.xlsx", lambda b: zipfile.ZipFile(io.BytesIO(b)).namelist().count("xl/workbook.xml") == 1),
    ("M.CSV", lambda b: b.decode().startswith("id,label")),
])
def test_the_extension_picks_the_format(tmp_path, name, check):
    out = tmp_path / name
    result = run("members", "pfp", "-o", out)
    assert result.exit_code == 0, result.output
    assert check(out.read_bytes())


def test_a_workbook_holds_the_table_and_is_the_same_bytes_every_time(tmp_path):
    from openpyxl import load_workbook
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run("members", "pfp", "--as-of", 2020, "-o", a).exit_code == 0
    assert run("members", "pfp", "--as-of", 2020, "-o", b).exit_code == 0
    assert a.read_bytes() == b.read_bytes()
    # the same even when the two runs fall in different seconds: openpyxl's time of saving is not kept
    core = zipfile.ZipFile(a).read("docProps/core.xml").decode()
    assert "2000-01-01T00:00:00Z</dcterms:modified>" in core and "2000-01-01T00:00:00Z</dcterms:created>" in core
    rows = list(load_workbook(a).active.values)
    assert rows[0] == ("id", "label", "kind", "since", "until", "status")
    assert ("RUS", "Russia", "country", "1994-06-22", None, "suspended") in rows


@pytest.mark.parametrize("args, message", [
    (["members", "pfp", "-o", "{tmp}/m.pdf"], "cannot write .pdf here; -o takes .txt (table), .csv (csv), "
                                              ".json (json), .md (md), .xlsx (xlsx)"),
    (["members", "pfp", "--format", "json", "-o", "{tmp}/m.csv"],
     "--format json contradicts -o m.csv, which names csv; drop --format or change the extension"),
    (["members", "pfp", "--format", "xlsx"], "a workbook is a file, not text: write it with -o FILE.xlsx"),
    (["coverage", "-o", "{tmp}/c.png"], "cannot write .png here; -o takes .txt (table), .csv (csv), .json (json), "
                                        ".md (md), .xlsx (xlsx)"),
    (["coverage", "--matrix", "--format", "csv", "-o", "{tmp}/c.png"],
     "-o c.png draws a heatmap; --format csv names a table: drop one of them"),
    (["map", "-o", "{tmp}/m.png"], "map writes an HTML page: -o m.png should end in .html (for a picture: "
                                   "partnergraph export --format png|svg|pdf)"),
    (["export", "--format", "png", "-o", "{tmp}/p.jpg"], "--format png contradicts -o p.jpg: a png file ends in .png"),
    (["export", "-o", "{tmp}/p.jpg"], "cannot tell the format from -o p.jpg: give --format (gexf, graphml, json, cyjs, xlsx, csv, "
                                      "png, svg, pdf) or an extension (.gexf, .graphml, .json, .cyjs, .xlsx, .png, .svg, .pdf)"),
])
def test_a_format_that_cannot_be_written_is_a_usage_error(tmp_path, args, message):
    result = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == f"Error: {message}"
    assert list(tmp_path.iterdir()) == []


def test_pictures_in_every_format_and_the_same_bytes_every_time(tmp_path):
    for ext, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        a, b = tmp_path / f"a{ext}", tmp_path / f"b{ext}"
        assert run("export", "-o", a, "--as-of", 2010).exit_code == 0
        assert run("export", "-o", b, "--as-of", 2010).exit_code == 0
        assert a.read_bytes()[:4] == magic[:4] and a.read_bytes() == b.read_bytes()
    assert run("coverage", "--matrix", "-o", tmp_path / "h.pdf").exit_code == 0
    assert (tmp_path / "h.pdf").read_bytes()[:4] == b"%PDF"
    assert run("export", "-o", tmp_path / "n.gexf").exit_code == 0  # the extension is enough


FORMULAS = {
    "nodes.csv": 'id,kind,label\nA,country,"=HYPERLINK(""http://x"")"\nB,country,+1\nf,framework,-2\n'
                 "t,threat,@SUM(A1)\n",
    "memberships.csv": "country,framework,source\nA,f,=cmd\nB,f,https://example.org/a/b\n",
}


def test_query_csv_neutralises_formulas_and_the_export_keeps_values_exact(tmp_path):
    folder = write_folder(tmp_path / "f", FORMULAS)
    out = run("members", "f", "--data", folder, "--format", "csv").stdout.splitlines()
    assert out[1:] == ['A,"\'=HYPERLINK(""http://x"")",country,,,', "B,'+1,country,,,"]
    result = run("members", "f", "--data", folder, "-o", tmp_path / "m.xlsx")
    from openpyxl import load_workbook
    assert [r[1] for r in load_workbook(tmp_path / "m.xlsx").active.values][1:] == ['\'=HYPERLINK("http://x")', "'+1"]
    assert run("export", "--data", folder, "--format", "csv", "-o", tmp_path / "copy").exit_code == 0
    back = pg.load(tmp_path / "copy")
    assert back.nodes["label"].tolist() == ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)"]
    assert back.edges["source"].tolist() == ["=cmd", "https://example.org/a/b"]


def test_json_keeps_lists_as_arrays_and_slashes_as_written():
    doc = json.loads(run("coverage", "--row", "ici", "--col", "terrorism", "--format", "json").stdout)
    assert doc[0]["via"][0] == "direct" and len(doc[0]["via"]) > 1
    assert all(s.startswith("https://") for s in doc[0]["sources"])
    text = run("coverage", "--row", "ici", "--format", "json").stdout
    assert "\\/" not in text and "https://www.nato.int/" in text
    gaps = json.loads(run("gaps", "--format", "json").stdout)
    assert isinstance(gaps[0]["framework"], list)


def test_the_terminal_never_obeys_the_data(make):
    # escape sequences cannot come from a file: the loader refuses control characters
    folder = make(**{"nodes__csv": 'id,kind,label\nFIN,country,"Fin\x1b[2Jland"\n'})
    assert [p.message for p in pg.validate(folder)] == [
        "a control character (U+001B) in the text; spreadsheets hide it and other tools cannot read it: delete it"]
    # a line break or a tab in a label is shown, not obeyed: it cannot forge a row of the table
    folder = make(**{"nodes__csv": 'id,kind,label\nFIN,country,"Fin\tland\nFAKE ROW"\nSWE,country,Sweden\n'
                                   "JPN,country,Japan\npfp,framework,PfP\npag,framework,Pag\ncyber,threat,C\n"})
    out = run("members", "pfp", "--data", folder, "--as-of", 2000).stdout
    assert "Fin\\tland\\nFAKE ROW" in out
    assert len(out.splitlines()) == 4  # header and three members
    # and what a person types is echoed escaped in errors and hints
    err = run("members", "\x1b]0;title\x07", "--data", folder).stderr
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;title\\x07" in err


def test_aligned_tables_have_fixed_decimals_and_leave_citations_out_unless_wide():
    lines = run("centrality", "--top", "3").stdout.splitlines()
    assert [len(line.split()[-1].split(".")[1]) for line in lines[1:]] == [4, 4, 4]
    out = run("coverage", "--row", "ici").stdout
    assert "https://" not in out and out.splitlines()[-1] == (
        "(sources left out: --wide shows them, --format csv or json keeps them)")
    assert "https://" in run("coverage", "--row", "ici", "--wide").stdout


def test_o_dash_is_standard_output():
    result = run("members", "ici", "-o", "-", "--format", "csv")
    assert result.stdout.splitlines()[0] == "id,label,kind,since,until,status" and "wrote" not in result.stderr


@pytest.mark.parametrize("make_target", ["symlink", "folder", "device"])
def test_o_never_writes_through_a_link_or_onto_a_device(tmp_path, make_target):
    if make_target == "symlink":
        real = tmp_path / "real.csv"
        real.write_text("mine\n")
        target = tmp_path / "link.csv"
        target.symlink_to(real)
        expected = f"Error: will not write {target}: it is a symbolic link (partnergraph never writes through one)"
    elif make_target == "folder":
        target = tmp_path / "dir.csv"
        target.mkdir()
        expected = f"Error: Invalid value for '-o' / '--output': File '{target}' is a directory."
    else:
        target = tmp_path / "fifo.csv"
        os.mkfifo(target)
        expected = f"Error: will not write {target}: it is not a regular file (a device, a FIFO or a socket)"
    result = run("members", "pfp", "-o", target)
    assert result.exit_code == (2 if make_target == "folder" else 1)  # a folder is bad usage
    assert result.stderr.splitlines()[-1] == expected
    if make_target == "symlink":
        assert target.is_symlink() and (tmp_path / "real.csv").read_text() == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary file left


@pytest.mark.parametrize("args", [("map",), ("members", "pfp"), ("coverage",), ("export",), ("export", "--format", "gexf"),
                                  ("export", "--format", "png"), ("export", "--format", "csv")])
def test_o_onto_a_folder_is_a_usage_error_for_every_command(tmp_path, args):
    target = tmp_path / "out.gexf"
    target.mkdir()
    (target / "keep.txt").write_text("mine\n")
    result = run(*args, "-o", target)
    assert result.exit_code == 2, result.output
    assert "directory" in result.stderr or "folder" in result.stderr
    assert [p.name for p in target.iterdir()] == ["keep.txt"] and sorted(p.name for p in tmp_path.iterdir()) == ["out.gexf"]


def test_dev_null_is_refused_not_replaced():
    result = run("members", "pfp", "-o", "/dev/null", "--format", "csv")
    assert result.exit_code == 1 and "it is not a regular file" in result.stderr
    assert os.path.exists("/dev/null") and not os.path.isfile("/dev/null")


def test_files_and_folders_honour_the_umask(tmp_path):
    old = os.umask(0o027)
    try:
        assert run("members", "pfp", "-o", tmp_path / "m.csv").exit_code == 0
        assert run("export", "--format", "csv", "-o", tmp_path / "copy").exit_code == 0
    finally:
        os.umask(old)
    assert (tmp_path / "m.csv").stat().st_mode & 0o777 == 0o640
    assert (tmp_path / "copy").stat().st_mode & 0o777 == 0o750
    assert {p.stat().st_mode & 0o777 for p in (tmp_path / "copy").iterdir()} == {0o640}


STOPPED_MIDWAY = """
import os, signal, sys, time
import partnergraph.export.files as files
import partnergraph.atomic as atomic

def stop_here(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGTERM)  # as `kill` or a job scheduler would, halfway through the write
    time.sleep(30)
    raise AssertionError("SIGTERM did not stop the run")

real_tables, real_fsync = files._write_tables, os.fsync
files._write_tables = lambda ds, folder: (real_tables(ds, folder), stop_here())
atomic.os.fsync = lambda fd: (real_fsync(fd), stop_here())
from partnergraph.cli import cli
cli(sys.argv[1:])
"""


@pytest.mark.parametrize("args", [("export", "--format", "csv", "-o", "copy"), ("members", "pfp", "-o", "m.csv"),
                                  ("export", "-o", "g.gexf")])
def test_sigterm_midway_leaves_nothing_behind(tmp_path, args):
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-c", STOPPED_MIDWAY, *args], cwd=tmp_path, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 128 + 15, done.stderr
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []  # neither the output nor a temporary file or folder


@pytest.mark.parametrize("args", [("members", "pfp", "-o", "{long}.csv"), ("map", "-o", "{long}.html"),
                                  ("export", "--format", "csv", "-o", "{long}"), ("validate", "--data", "{long}")])
def test_an_over_long_path_is_one_line(tmp_path, args):
    long = str(tmp_path / ("a" * 300))
    result = run(*(a.format(long=long) for a in args))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1].endswith(": File name too long")
    assert len(result.stderr.splitlines()[-1]) < 200 and list(tmp_path.iterdir()) == []


def test_a_full_standard_output_is_one_line():
    import subprocess
    import sys
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "partnergraph", "members", "pfp"], stdout=full, stderr=subprocess.PIPE, text=True,
                              timeout=120)
    assert done.returncode == 1
    assert done.stderr == "Error: cannot write to standard output: No space left on device\n"


def test_a_closed_pipe_stops_quietly():
    import subprocess
    import sys
    child = subprocess.Popen([sys.executable, "-m", "partnergraph", "coverage", "--format", "csv"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    child.stdout.close()  # the reader has gone before anything is written, as `| head -0` would
    assert child.wait(timeout=120) == 1 and child.stderr.read() == b""


@pytest.fixture
def tiny_disk(tmp_path):
    """A folder on a 64 KiB file system (a tmpfs; mounting one needs root, as CI runs), unmounted afterwards."""
    import subprocess
    where = tmp_path / "tiny"
    where.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(where)], capture_output=True).returncode:
        pytest.skip("cannot mount a small file system here; test_write_errors_are_one_line simulates a full disk")
    yield where
    subprocess.run(["umount", str(where)], check=True)


@pytest.mark.parametrize("args, name", [(("export",), "nato.gexf"), (("export", "--format", "csv"), "copy"),
                                        (("map",), "nato.html"), (("export",), "nato.json")])
def test_a_full_disk_is_one_line_and_leaves_the_old_file(tiny_disk, args, name):
    (tiny_disk / "mine.txt").write_text("kept\n")
    target = tiny_disk / name
    result = run(*args, "-o", target)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == f"Error: cannot write {target}: No space left on device\n"
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["mine.txt"]  # nothing half-written, no temporary file


@pytest.mark.parametrize("error, words", [(OSError(28, "No space left on device"), "No space left on device"),
                                          (PermissionError(13, "Permission denied"), "Permission denied")])
@pytest.mark.parametrize("args, name", [(("members", "pfp"), "m.csv"), (("export",), "nato.json"),
                                        (("export", "--format", "csv"), "copy")])
def test_write_errors_are_one_line(tmp_path, monkeypatch, error, words, args, name):
    import partnergraph.atomic as atomic
    import partnergraph.export.files as files

    def refuse(*a, **k):
        raise error

    monkeypatch.setattr(atomic.os, "fsync", refuse)  # the disk refuses the data
    monkeypatch.setattr(files, "_write_tables", lambda ds, folder: refuse())
    (tmp_path / name).mkdir() if name == "copy" else (tmp_path / name).write_text("old\n")
    result = run(*args, "-o", tmp_path / name)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == f"Error: cannot write {tmp_path / name}: {words}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    if name != "copy":
        assert (tmp_path / name).read_text() == "old\n"


@pytest.mark.parametrize("args, message", [
    (("map", "--radius", "3", "-o", "{tmp}/m.html"), "--radius counts steps from the --focus node: give --focus ID too"),
    (("export", "--title", "X", "-o", "{tmp}/x.gexf"), "--title names a picture (png, svg, pdf); a gexf export has no title"),
    (("members", "pfp", "--history", "--as-of", "2000"), "--history lists every period, whatever the date: leave out --as-of"),
    (("frameworks", "RUS", "--history", "--as-of", "2000"),
     "--history lists every period, whatever the date: leave out --as-of"),
])
def test_an_option_that_would_do_nothing_is_a_usage_error(tmp_path, args, message):
    result = run(*(a.format(tmp=tmp_path) for a in args))
    assert result.exit_code == 2 and result.stderr.splitlines()[-1] == f"Error: {message}"
    assert list(tmp_path.iterdir()) == []
    # and each works where it has a meaning
    assert run("map", "--radius", "1", "--focus", "JPN", "-o", tmp_path / "m.html").exit_code == 0
    assert run("export", "--title", "X", "-o", tmp_path / "x.svg").exit_code == 0


PROGRESS = """
import sys
import partnergraph.progress as progress
progress.DELAY = 0  # show at once: what matters here is where it goes, not when
from partnergraph.cli import cli
cli(sys.argv[1:])
"""


@pytest.mark.parametrize("terminal", [True, False])
def test_progress_lines_only_on_a_terminal(tmp_path, terminal):
    import subprocess
    import sys
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "memberships.csv").write_text("country,framework\n" + "".join(f"C{i},f{i % 7}\n" for i in range(120_000)))
    if terminal:
        done, seen = _on_a_terminal(["members", "f1", "--data", str(folder)])
        assert b"\rreading memberships.csv: 100% (0 s)" in seen and seen.rstrip(b" ").endswith(b"\r")
    else:
        done = subprocess.run([sys.executable, "-c", PROGRESS, "members", "f1", "--data", str(folder)],
                              capture_output=True, timeout=120)
        assert done.stderr == b""
    assert done.returncode == 0 and done.stdout.splitlines()[1].startswith(b"C1 ")


def _on_a_terminal(args):
    """Run the CLI with standard error on a pseudo-terminal (progress shown at once): the finished process, with its
    standard output, and what the terminal saw."""
    import pty
    import subprocess
    import sys
    leader, follower = pty.openpty()
    done = subprocess.run([sys.executable, "-c", PROGRESS, *args], stdout=subprocess.PIPE, stderr=follower,
                          timeout=300)
    os.close(follower)
    seen = b""
    try:
        while chunk := os.read(leader, 65536):
            seen += chunk
    except OSError:
        pass
    os.close(leader)
    return done, seen


@pytest.mark.parametrize("args, line", [
    (("centrality", "--measure", "betweenness", "--sample", "40", "-o", "{tmp}/b.csv"), b"\rbetweenness: "),
    (("centrality", "--measure", "closeness", "--sample", "40", "-o", "{tmp}/c.csv"), b"\rcloseness: "),
    (("map", "-o", "{tmp}/m.html"), b"\rlaying out the map: "),
    (("export", "-o", "{tmp}/x.json"), b"\rwriting edges: "),
])
def test_slow_steps_show_progress_on_a_terminal(tmp_path, args, line):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "memberships.csv").write_text("country,framework\n" + "".join(f"C{i},f{i % 7}\n" for i in range(3000)))
    done, seen = _on_a_terminal([*(a.format(tmp=tmp_path) for a in args), "--data", str(folder)])
    assert done.returncode == 0, seen
    # the step's line is drawn, then cleared (a blank line of the full width) before anything else is said
    assert line in seen and b"\r" + b" " * 79 + b"\r" in seen.split(line)[-1]


def test_an_infinite_number_is_shown_not_blanked_nor_a_crash():
    """inf was blank in the aligned and Markdown tables (read as missing) and a ValueError in JSON."""
    import numpy as np
    import pandas as pd

    from partnergraph.tables import render

    frame = pd.DataFrame({"id": ["x", "y", "z"], "v": [1.5, -np.inf, np.nan]})
    assert render(frame, "table").decode().splitlines() == ["id       v", "x   1.5000", "y     -inf", "z"]
    assert json.loads(render(frame, "json")) == [{"id": "x", "v": 1.5}, {"id": "y", "v": "-inf"},
                                                 {"id": "z", "v": None}]
    assert render(frame, "csv").decode().splitlines() == ["id,v", "x,1.5", "y,-inf", "z,"]
