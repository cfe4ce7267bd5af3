"""Packaging: one import name, a console script, and the CSVs shipped in a real (non-editable) build."""
import doctest
import importlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import partnergraph as pg
import partnergraph.export

ROOT = Path(__file__).resolve().parent.parent
#: Every module of the package, found in the source tree (a new module is checked without being listed here).
MODULES = ["partnergraph", *sorted(f"partnergraph.{p.stem}" for p in (ROOT / "graph").glob("*.py")
                                   if p.stem not in ("__init__", "__main__")),
           "partnergraph.export", *sorted(f"partnergraph.export.{p.stem}" for p in (ROOT / "export").glob("*.py")
                                          if p.stem != "__init__")]


def test_public_names():
    assert sorted(pg.__all__) == sorted([
        "Dataset", "CoverageWarning", "DataWarning", "DataError", "DateError", "PartnergraphError", "Problem", "PROBLEM_TYPES",
        "UnknownIdError",
        "bundled_path", "info", "load", "network_map", "parse_date", "default_date", "validate", "__version__",
        "MEASURES", "centrality", "projection", "coverage", "coverage_matrix", "coverage_paths", "gaps", "reach",
        "members", "frameworks", "timeline", "diff", "path", "ego", "communities", "whatif", "pairs",
        "similarity", "portfolio_matrix", "evolution", "roles"])
    for name in pg.__all__:
        assert hasattr(pg, name), name
    assert sorted(partnergraph.export.__all__) == [
        "NetworkMap", "StaticMap", "coverage_heatmap", "descriptor", "kind_styles", "layout_positions", "metadata",
        "network_map", "relation_styles",
        "selection", "static_map", "write_csv_folder", "write_cyjs", "write_gexf", "write_graphml", "write_json",
        "write_xlsx"]


def test_errors_form_one_tree():
    assert issubclass(pg.DataError, pg.PartnergraphError) and issubclass(pg.DataError, ValueError)
    assert issubclass(pg.DateError, pg.PartnergraphError) and issubclass(pg.UnknownIdError, pg.PartnergraphError)
    assert issubclass(pg.CoverageWarning, UserWarning)


def test_no_top_level_graph_or_export_package(tmp_path):
    code = "import importlib.util as u; print([n for n in ('graph', 'export', 'data') if u.find_spec(n)])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_library_never_imports_click():
    out = subprocess.run([sys.executable, "-c", "import sys, partnergraph, partnergraph.export; "
                          "pg = partnergraph; pg.network_map(pg.load()); print('click' in sys.modules)"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.slow
@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module):
    mod = importlib.import_module(module)
    result = doctest.testmod(mod, extraglobs={"pg": pg, "pd": pd}, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_every_public_function_has_an_example():
    for module in MODULES:
        if module == "partnergraph.cli":
            continue  # commands carry help instead (test_cli.test_every_command_has_help)
        mod = importlib.import_module(module)
        for name in getattr(mod, "__all__", []):
            obj = getattr(mod, name)
            if callable(obj) and not isinstance(obj, type) and getattr(obj, "__module__", "") == module:
                assert obj.__doc__ and ">>>" in obj.__doc__, f"{module}.{name}"


@pytest.mark.slow
def test_wheel_ships_the_csvs_and_templates(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("partnergraph-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped_csvs = {n for n in names if n.startswith("partnergraph/data/") and n.endswith(".csv")}
    assert shipped_csvs == {f"partnergraph/data/{p.relative_to(ROOT / 'data').as_posix()}"
                            for p in (ROOT / "data").glob("**/*.csv")}  # the dataset, and the country lists
    assert "partnergraph/data/README.md" in names
    assert "partnergraph/data/datapackage.json" in names
    assert {"partnergraph/export/templates/map.html", "partnergraph/export/templates/map.js",
            "partnergraph/export/templates/map.css"} <= names
    assert not any(n.startswith(("graph/", "export/", "tests/")) for n in names)
    entry = [n for n in names if n.endswith("entry_points.txt")][0]
    assert "partnergraph = partnergraph.cli:cli" in zipfile.ZipFile(wheel).read(entry).decode()


def test_security_md_names_tests_that_exist():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", text)
    extra = re.findall(r"`(test_\w+)`", text)
    assert named and extra
    sources = {p: (ROOT / p).read_text(encoding="utf-8") for p, _ in named}
    everything = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    for path, name in named:
        if name:
            assert f"def {name}(" in sources[path], (path, name)
    for name in extra:
        assert f"def {name}(" in everything, name


@pytest.mark.slow
def test_help_and_version_import_neither_pandas_nor_networkx():
    import subprocess
    import sys
    from partnergraph.cli import cli
    heavy = ("pandas", "numpy", "networkx", "pyvis", "matplotlib", "openpyxl")
    for args in (["--help"], ["--version"], *([name, "--help"] for name in sorted(cli.commands))):
        code = ("import sys\nfrom partnergraph.cli import cli\n"
                f"try:\n    cli({args!r})\nexcept SystemExit:\n    pass\n"
                f"print(sorted(m for m in {heavy!r} if m in sys.modules))")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert done.stdout.splitlines()[-1] == "[]", args
    # shell completion, as bash asks for it
    import os
    env = {**os.environ, "_PARTNERGRAPH_COMPLETE": "bash_complete", "COMP_WORDS": "partnergraph me", "COMP_CWORD": "1"}
    code = ("import sys\nfrom partnergraph.cli import cli\ntry:\n    cli(prog_name='partnergraph')\n"
            f"except SystemExit:\n    pass\nprint(sorted(m for m in {heavy!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert done.stdout.splitlines() == ["plain,members", "[]"]
    # and the package itself: names resolve on first use, to the functions (not the modules named alike)
    done = subprocess.run([sys.executable, "-c", "import sys, importlib, partnergraph as pg\n"
                           "assert 'pandas' not in sys.modules\n"
                           "importlib.import_module('partnergraph.coverage_queries')\n"
                           "print(callable(pg.coverage), callable(pg.validate), callable(pg.info), pg.__version__)"],
                          capture_output=True, text=True, check=True)
    assert done.stdout.split()[:3] == ["True", "True", "True"]


@pytest.mark.slow
def test_table_queries_do_not_import_networkx(tiny):
    """networkx is imported where a graph is built: the table queries, whatif and centrality (on igraph) need none."""
    import subprocess
    import sys
    code = ("import sys, warnings, partnergraph as pg\nwarnings.simplefilter('ignore')\n"
            f"ds = pg.load({str(tiny)!r})\n"
            "pg.coverage(ds); pg.gaps(ds); pg.reach(ds, 'JPN'); pg.whatif(ds, 'pfp'); pg.members(ds, 'pfp')\n"
            "pg.timeline(ds); pg.diff(ds, 2000, 2010); pg.info(ds); ds.content_hash()\n"
            "pg.centrality(ds, 'degree'); pg.centrality(ds, 'pagerank'); pg.centrality(ds, 'betweenness')\n"
            "print('networkx' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False"]
