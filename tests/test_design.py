"""Guards for the design: table queries never build the networkx graph; every command is documented; no module is
named like a function; ``__all__`` says what is public; every public function has a numpydoc docstring."""
import importlib
import importlib.util
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

import partnergraph as pg
import partnergraph.export
from partnergraph.cli import cli
from partnergraph.dataset import Dataset

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")

#: The queries that answer from the tables (joins on the edge tables, sparse matrices): none may need networkx.
TABLE_QUERIES = {
    "coverage": lambda ds: pg.coverage(ds, as_of=2024),
    "coverage_matrix": lambda ds: pg.coverage_matrix(ds, as_of=2024),
    "coverage_paths": lambda ds: pg.coverage_paths(ds, "ici", "terrorism", as_of=2024),
    "gaps": lambda ds: pg.gaps(ds, as_of=2024),
    "reach": lambda ds: pg.reach(ds, "JPN", as_of=2024),
    "whatif": lambda ds: pg.whatif(ds, "md", as_of=2024),
    "members": lambda ds: pg.members(ds, "pfp", as_of=2024),
    "frameworks": lambda ds: pg.frameworks(ds, "UKR", as_of=2024),
    "timeline": lambda ds: pg.timeline(ds, framework="pfp"),
    "diff": lambda ds: pg.diff(ds, 2022, 2024),
    "pairs": lambda ds: pg.pairs(ds, "country", via="framework", as_of=2024),
    "similarity": lambda ds: pg.similarity(ds, method="kappa", as_of=2024),
    "roles": lambda ds: pg.roles(ds, as_of=2024),
    "evolution": lambda ds: pg.evolution(ds, first=2000, last=2002),
    "info": lambda ds: pg.info(ds, as_of=2024),
    "centrality": lambda ds: pg.centrality(ds, "betweenness", as_of=2024),
}


@pytest.mark.parametrize("name", sorted(TABLE_QUERIES))
def test_a_table_query_never_builds_the_networkx_graph(monkeypatch, name):
    def refuse(self):
        raise AssertionError(f"{name} built the networkx graph")

    monkeypatch.setattr(Dataset, "graph", property(refuse))
    result = TABLE_QUERIES[name](pg.load())
    assert result is not None


def test_every_command_has_help_and_is_named_in_the_readme():
    for name, command in cli.commands.items():
        assert command.help and command.help.strip(), name
        assert re.search(rf"^(\$ )?partnergraph {re.escape(name)}\b", README, flags=re.M), \
            f"`partnergraph {name}` appears in no example line of the README"


def test_info_reads_a_bare_until_year_as_its_last_day(tmp_path):
    """A bare year stands for all of it: a tie until 2004 ends after one until 2004-03-29, though "2004" sorts first."""
    from conftest import write_folder

    folder = write_folder(tmp_path / "d", {"memberships.csv": "country,framework,since,until\nA,f,1994-05,2004\n"
                                                              "B,f,1994,2004-03-29\n"})
    summary = pg.info(pg.load(folder))
    assert summary["dates"] == {"first": "1994", "last": "2004"}


ROOT = Path(__file__).resolve().parents[1]
#: Every module of the package, from the source tree (a new file is guarded without being listed anywhere).
MODULES = sorted([f"partnergraph.{p.stem}" for p in (ROOT / "graph").glob("*.py") if p.stem not in ("__init__", "__main__")]
                 + [f"partnergraph.export.{p.stem}" for p in (ROOT / "export").glob("*.py") if p.stem != "__init__"])


def test_no_module_is_named_like_a_public_name():
    """``import partnergraph.X`` must give a module and ``pg.X`` a function: never one name for both."""
    for name in pg.__all__:
        assert importlib.util.find_spec(f"partnergraph.{name}") is None, f"partnergraph/{name}.py shadows pg.{name}"
    for name in pg.export.__all__:
        assert importlib.util.find_spec(f"partnergraph.export.{name}") is None, name


@pytest.mark.slow
def test_every_module_imports_as_itself_after_the_functions_were_used():
    """In a fresh process, after every public name has been reached: each module imports as its own file."""
    code = ("import importlib, partnergraph as pg, partnergraph.export as ex\n"
            "[getattr(pg, n) for n in pg.__all__]; [getattr(ex, n) for n in ex.__all__]\n"
            f"for name in {MODULES!r}:\n"
            "    exec(f'import {name} as m'); print(name, m.__file__)\n"
            "print(callable(pg.centrality), callable(pg.coverage), callable(pg.validate), callable(pg.info))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    for line in out[:-1]:
        name, path = line.split()
        parts = name.split(".")[1:]
        folder = "export" if parts[0] == "export" else "graph"
        assert Path(path) == ROOT / folder / f"{parts[-1]}.py", line
    assert len(out) == len(MODULES) + 1 and out[-1] == "True True True True"


def test_the_cli_has_no_import_workaround():
    assert "importlib" not in (ROOT / "graph" / "cli.py").read_text(encoding="utf-8")
    assert "_Package" not in (ROOT / "graph" / "__init__.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("module", ["partnergraph", "partnergraph.export", *MODULES])
def test_all_names_what_exists_once(module):
    mod = importlib.import_module(module)
    names = getattr(mod, "__all__", None)
    assert names is not None, f"{module} has no __all__"
    assert len(names) == len(set(names)), f"{module}.__all__ repeats a name"
    for name in names:
        assert hasattr(mod, name), f"{module}.__all__ names {name}, which it does not have"


def test_the_package_exports_exactly_its_all():
    """``from partnergraph import *`` binds ``__all__``; each public function is in its own module's ``__all__`` too,
    so the docstring guard below covers it."""
    space: dict = {}
    exec("from partnergraph import *", space)
    assert set(space) - {"__builtins__"} == set(pg.__all__)
    assert set(pg.__all__) <= set(dir(pg))
    for package in (pg, pg.export):
        for name in package.__all__:
            obj = getattr(package, name)
            home = getattr(obj, "__module__", None)
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and home not in (package.__name__, None):
                assert name in importlib.import_module(home).__all__, f"{home}.__all__ lacks {name}"


def _public_callables(module):
    """The functions a module's ``__all__`` lists (defined there), and the public methods of its classes."""
    mod = importlib.import_module(module)
    for name in getattr(mod, "__all__", []):
        obj = getattr(mod, name)
        if getattr(obj, "__module__", "") != module:
            continue
        if inspect.isfunction(obj):
            yield name, obj
        elif inspect.isclass(obj):
            for method, f in vars(obj).items():
                if not method.startswith("_") and inspect.isfunction(f):
                    yield f"{name}.{method}", f


def _sections(doc: str) -> set:
    return set(re.findall(r"^(\w[\w ]*)\n-{3,}$", doc, re.M))


@pytest.mark.parametrize("module", [m for m in ["partnergraph", "partnergraph.export", *MODULES] if m != "partnergraph.cli"])
def test_every_public_function_has_a_numpydoc_docstring(module):
    """Parameters (when it takes any), Returns, Raises and Examples: the sections numpydoc names, as networkx has them.

    The commands of ``partnergraph.cli`` carry click help instead (guarded above)."""
    lacking = []
    for name, obj in _public_callables(module):
        doc = inspect.getdoc(obj) or ""
        takes = [p for p in inspect.signature(obj).parameters if p not in ("self", "cls")]
        need = {"Returns", "Raises", "Examples"} | ({"Parameters"} if takes else set())
        missing = need - _sections(doc)
        if missing or ">>>" not in doc:
            lacking.append(f"{name} (no {', '.join(sorted(missing)) or 'example'})")
    assert not lacking, f"{module}: " + "; ".join(lacking)


def test_the_readme_layout_matches_the_tree():
    """Every module file is named in the README's Layout section, under its folder, and every file named exists."""
    section = README.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```", 2)[1]
    named, folder = set(), None
    for line in block.splitlines():
        if re.match(r"^\w+/", line):
            folder = line.split("/")[0]
        elif m := re.match(r"^  (\S+\.py)\s", line):
            named.add(f"{folder}/{m.group(1)}")
    on_disk = {f"{p.parent.name}/{p.name}" for d in ("graph", "export") for p in (ROOT / d).glob("*.py")
               if p.name != "__main__.py"}
    assert named == on_disk
    queries = [n for n in pg.__all__ if inspect.isfunction(getattr(pg, n)) and n not in ("parse_date", "default_date")]
    for name in queries:  # and where each public function lives
        assert re.search(rf"\b{name}\b", block), f"the Layout section does not say where {name} lives"


def test_every_problem_the_code_makes_has_a_known_type():
    """Each ``Problem(...)`` in the source names its ``type``, one of PROBLEM_TYPES (the fuzz tests check the
    problems a folder gives at run time; this catches the importers' and any new check's)."""
    import ast

    for path in sorted((ROOT / "graph").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Problem":
                kinds = [k.value for k in node.keywords if k.arg == "type"]
                where = f"{path.name}:{node.lineno}"
                assert kinds, f"{where}: a Problem without a type"
                # a helper that makes problems of the type its caller names (contract._flag, read_folder's failed)
                assert isinstance(kinds[0], ast.Constant) or path.name in ("contract.py", "folders.py"), where
                if isinstance(kinds[0], ast.Constant):
                    assert kinds[0].value in pg.PROBLEM_TYPES, f"{where}: unknown type {kinds[0].value!r}"


def test_no_module_imports_another_modules_private_names():
    """What one module needs from another has a public name there (image.py once imported html.py's _sizes)."""
    import ast

    for path in sorted([*(ROOT / "graph").glob("*.py"), *(ROOT / "export").glob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("partnergraph")):
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                assert not private, f"{path.name}:{node.lineno} imports {', '.join(private)} from {node.module}"
