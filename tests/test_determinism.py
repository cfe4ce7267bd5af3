"""The same input gives the same bytes in any process: whatever PYTHONHASHSEED and whatever the locale.

Every command runs in three processes side by side: PYTHONHASHSEED=0 under the C locale, 4242 under German
(de_DE.UTF-8: a decimal comma, other collation) and 777 under Turkish (tr_TR.UTF-8: the dotted and dotless i). The
two real locales are compiled for the test with ``localedef`` (Debian's ``locales`` data, which .ci/run installs),
and each process puts its locale in force for every category (``setlocale(LC_ALL, "")``, as a host program may),
so nothing can escape it. Set iteration order, dicts built from sets and locale-aware number or text handling
would all show up as different bytes. Files are compared whole; commands that print a table are compared on their
standard output, as bytes.

Each process runs ``python -m partnergraph ARGS`` once per command, in turn (runpy, as ``-m`` does; standard output
captured at file descriptor 1): a fresh interpreter per command would spend most of the time budget importing
pandas, networkx and igraph again. No module keeps state between commands, so this is the same answer.

(``map`` writes HTML only; the picture is ``export --format png``.)
"""
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import write_folder

pytestmark = pytest.mark.slow

VARIANTS = {"seed0-C": {"PYTHONHASHSEED": "0", "LC_ALL": "C", "LANG": "C"},
            "seed4242-de_DE": {"PYTHONHASHSEED": "4242", "LC_ALL": "de_DE.UTF-8", "LANG": "de_DE.UTF-8"},
            "seed777-tr_TR": {"PYTHONHASHSEED": "777", "LC_ALL": "tr_TR.UTF-8", "LANG": "tr_TR.UTF-8"}}
#: What each locale must show once in force (proof that the process really ran under it).
DECIMAL_POINT = {"seed0-C": ".", "seed4242-de_DE": ",", "seed777-tr_TR": ","}


@pytest.fixture(scope="module")
def locales(tmp_path_factory):
    """A folder of the two real locales, compiled from Debian's locale sources (LOCPATH points a process at it)."""
    import shutil

    folder = tmp_path_factory.mktemp("locales")
    assert shutil.which("localedef"), "localedef (libc-bin) is needed to compile the test's locales"
    for name in ("de_DE", "tr_TR"):
        made = subprocess.run(["localedef", "-i", name, "-f", "UTF-8", str(folder / f"{name}.UTF-8")],
                              capture_output=True, text=True)
        assert (folder / f"{name}.UTF-8").is_dir(), f"localedef {name}: {made.stderr} (.ci/run installs 'locales')"
    return folder

#: name -> (arguments, the file written or None for standard output)
BUNDLED = {
    "map.html": (["map", "-o", "x.html"], "x.html"),
    "x.graphml": (["export", "--format", "graphml", "-o", "x.graphml"], "x.graphml"),
    "x.gexf": (["export", "--format", "gexf", "-o", "x.gexf"], "x.gexf"),
    "x.json": (["export", "--format", "json", "-o", "x.json"], "x.json"),
    "x.png": (["export", "--format", "png", "-o", "x.png"], "x.png"),
    "betweenness.csv": (["centrality", "--measure", "betweenness", "--format", "csv"], None),
    "communities.csv": (["communities", "--format", "csv"], None),
    "roles.csv": (["roles", "--format", "csv"], None),
    "similarity.csv": (["similarity", "--format", "csv"], None),
}

#: Other kinds, labels beyond ASCII (locale-sensitive if anything sorts or encodes by locale), a suspended tie,
#: ties that start and end, many nodes of equal score (ties broken by id, not by hash order).
OTHER = {
    "nodes.csv": "id,kind,label,since,until\n"
                 "FIN,nation,Suomi,,\nSWE,nation,Sverige,,\nALA,nation,Åland,,\nAUT,nation,Österreich,,\n"
                 "ISL,nation,Ísland,,\nIRL,nation,Éire,,\nRUS,nation,Россия,,\nGRC,nation,Ελλάδα,,\n"
                 "JPN,nation,日本,,\nMLT,nation,Malta,,\n"
                 "pact,treaty,A pact,1994,\naccord,treaty,Accord à deux,2001,2019\nforum,treaty,İstanbul Forumu,2010,\n"
                 "drill,tool,Drills,,\ncourse,tool,Cours d'été,,\nwar,danger,War,,\nflood,danger,Flut,,\n"
                 "hack,danger,Hacking,,\n",
    "memberships.csv": "nation,treaty,since,until,status\n"
                       "FIN,pact,1994,,active\nSWE,pact,1994,,active\nALA,pact,1995,,active\nAUT,pact,1995,,active\n"
                       "RUS,pact,1994,2014-03,active\nRUS,pact,2014-03,,suspended\nISL,accord,2001,,active\n"
                       "IRL,accord,2001,,active\nGRC,accord,2003,2012,active\nJPN,forum,2010,,active\n"
                       "MLT,forum,2011,,active\nMLT,pact,1995,1996,active\nMLT,pact,2008,,active\n"
                       "FIN,forum,2012,,active\nSWE,accord,2005,,active\n",
    "offers.csv": "treaty,tool,since\npact,drill,2010\naccord,course,\nforum,drill,2012\nforum,course,\n",
    "addresses.csv": "tool,danger\ndrill,war\ndrill,hack\ncourse,flood\n",
    "covers.csv": "treaty,danger,since\npact,war,2016\nforum,hack,2014\n",
}
OTHER_COMMANDS = {
    "map.html": (["map", "-o", "x.html"], "x.html"),
    "x.graphml": (["export", "--format", "graphml", "-o", "x.graphml"], "x.graphml"),
    "x.gexf": (["export", "--format", "gexf", "-o", "x.gexf"], "x.gexf"),
    "x.json": (["export", "--format", "json", "-o", "x.json"], "x.json"),
    "x.png": (["export", "--format", "png", "-o", "x.png"], "x.png"),
    "betweenness.csv": (["centrality", "--measure", "betweenness", "--format", "csv"], None),
    "communities.csv": (["communities", "--format", "csv"], None),
    "roles.csv": (["roles", "--kind", "nation", "--via", "treaty", "--groups", "3", "--format", "csv"], None),
    "similarity.csv": (["similarity", "--kind", "nation", "--via", "treaty", "--format", "csv"], None),
}


#: Runs ``python -m partnergraph ARGS`` for each job, in turn, in this process: argv[1] is a JSON list of
#: [args, file to keep the standard output in]. Prints the exit codes as JSON.
DRIVER = """
import json, locale, os, runpy, sys
in_force = locale.setlocale(locale.LC_ALL, "")
point = locale.localeconv()["decimal_point"]
codes = []
for args, stdout_file in json.loads(sys.argv[1]):
    sys.stdout.flush()
    saved = os.dup(1)
    fd = os.open(stdout_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(fd, 1)
    os.close(fd)
    sys.argv = ["partnergraph", *args]
    try:
        runpy.run_module("partnergraph", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
    codes.append(code)
print(json.dumps({"locale": in_force, "point": point, "codes": codes}))
"""


def run_everywhere(tmp_path, locales, commands, data=()):
    """Run every command in each variant's process (the variants side by side); {variant: {name: bytes}}."""
    def run(variant):
        folder = tmp_path / variant
        folder.mkdir()
        env = {k: v for k, v in os.environ.items() if not k.startswith("LC_")} | VARIANTS[variant]
        env["LOCPATH"] = str(locales)
        jobs = [[[*args, *data], f"{name}.stdout"] for name, (args, _) in commands.items()]
        done = subprocess.run([sys.executable, "-c", DRIVER, json.dumps(jobs)], cwd=folder, env=env,
                              capture_output=True, timeout=300)
        assert done.returncode == 0, (variant, done.stderr.decode(errors="replace"))
        report = json.loads(done.stdout.decode().splitlines()[-1])
        assert report["locale"] == VARIANTS[variant]["LC_ALL"] and report["point"] == DECIMAL_POINT[variant], report
        assert report["codes"] == [0] * len(jobs), (variant, report, done.stderr.decode(errors="replace"))
        return {name: (folder / (written or f"{name}.stdout")).read_bytes()
                for name, (_, written) in commands.items()}

    with ThreadPoolExecutor(max_workers=len(VARIANTS)) as pool:
        return dict(zip(VARIANTS, pool.map(run, VARIANTS)))


def assert_identical(out, commands):
    (base, first), *others = out.items()
    for name in commands:
        assert first[name].count(b"\n") >= 4 or len(first[name]) > 10_000, (name, first[name][:300])  # a real answer
        for variant, other in others:
            assert first[name] == other[name], f"{name} differs between {base} and {variant}"


def test_the_bundled_data_gives_the_same_bytes_in_every_process(tmp_path, locales):
    out = run_everywhere(tmp_path, locales, BUNDLED)
    assert_identical(out, BUNDLED)
    some = out["seed0-C"]
    assert some["x.png"].startswith(b"\x89PNG") and some["map.html"].startswith(b"<!DOCTYPE html>")
    assert some["betweenness.csv"].startswith(b"id,label,kind,betweenness\n")
    assert some["roles.csv"].startswith(b"role,id,label,ties\n")


def test_other_kinds_give_the_same_bytes_in_every_process(tmp_path, locales):
    data = write_folder(tmp_path / "data", OTHER)
    out = run_everywhere(tmp_path, locales, OTHER_COMMANDS, ["--data", str(data)])
    assert_identical(out, OTHER_COMMANDS)
    some = out["seed0-C"]
    assert "Österreich".encode() in some["roles.csv"] and "日本".encode() in some["x.json"]
    assert some["similarity.csv"].startswith(b"a,a_label,b,b_label,similarity\n")
