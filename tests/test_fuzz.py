"""Property: whatever the files hold, load and validate raise nothing but DataError, and agree.

A good dataset is mutated hundreds of ways (bytes, cells, lines, headers,
encodings, whole files); for each, validate() returns a list of Problems,
load() returns a Dataset or raises DataError, and load() succeeds exactly
when validate() finds nothing.
"""
import json
import tempfile
import warnings
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st
import pytest

import partnergraph as pg
import partnergraph.export  # noqa: F401  (imported up front: pyvis raises the recursion limit on import)
from partnergraph.cli import cli
from conftest import TINY, write_folder

#: Slow: many examples or many processes; `pytest -m "not slow"` leaves it out, CI runs it.
pytestmark = pytest.mark.slow

NAMES = sorted(TINY)
NASTY_TEXT = st.sampled_from([
    "", " ", "\"", "\"\"", ",", "\n", "\r\n", "\x00", "\ufeff", "20x4", "2004-02-30", "0000", "9999-12-31",
    "1994", "2030", "-1", "nan", "NaN", "None", "null", "1e309", "é", "\u2028", "<b>", "id", "kind", "label",
    "relation", "u", "v", "since", "until", "weight", "FIN", "pfp", "cyber", "country", "framework", "threat",
])
CELL = st.one_of(NASTY_TEXT, st.text(max_size=12))


JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers(-3000, 3000) | st.text(max_size=12),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
                          max_leaves=8)
DATE_LIKE = st.sampled_from(["1994", "2016", "2016-02", "2016-02-30", "20x4", "", 1815, 2016, True, None])
#: A datapackage.json: random JSON, broken bytes, or a descriptor with random coverage and statuses.
DESCRIPTOR = st.one_of(
    st.binary(max_size=30),
    JSON_VALUE.map(lambda v: json.dumps(v).encode()),
    st.fixed_dictionaries({
        "title": st.one_of(st.text(max_size=10), st.integers()),
        "partnergraph": st.fixed_dictionaries({
            "coverage": st.one_of(st.fixed_dictionaries({"start": DATE_LIKE, "end": DATE_LIKE}), JSON_VALUE),
            "inactive_statuses": st.one_of(st.lists(st.text(max_size=8), max_size=2), JSON_VALUE),
        }),
    }).map(lambda v: json.dumps(v).encode()),
)


@st.composite
def mutated(draw):
    files = {name: TINY[name].encode() for name in NAMES}
    for _ in range(draw(st.integers(1, 3))):
        name = draw(st.sampled_from(NAMES))
        data = files[name] if files[name] is not None else b""
        kind = draw(st.sampled_from([
            "flip-bytes", "insert-bytes", "truncate", "delete-line", "duplicate-line", "insert-line",
            "set-cell", "set-header", "latin1", "drop-file", "empty-file", "add-file", "swap-lines", "quote",
        ]))
        lines = data.split(b"\n")
        if kind == "flip-bytes" and data:
            i = draw(st.integers(0, len(data) - 1))
            data = data[:i] + draw(st.binary(min_size=1, max_size=4)) + data[i + 1:]
        elif kind == "insert-bytes":
            i = draw(st.integers(0, len(data)))
            data = data[:i] + draw(st.binary(max_size=8)) + data[i:]
        elif kind == "truncate":
            data = data[: draw(st.integers(0, len(data)))]
        elif kind == "delete-line" and lines:
            del lines[draw(st.integers(0, len(lines) - 1))]
            data = b"\n".join(lines)
        elif kind == "duplicate-line" and lines:
            i = draw(st.integers(0, len(lines) - 1))
            lines.insert(i, lines[i])
            data = b"\n".join(lines)
        elif kind == "insert-line":
            cells = draw(st.lists(CELL, max_size=9))
            lines.insert(draw(st.integers(0, len(lines))), ",".join(cells).encode("utf-8", "surrogatepass"))
            data = b"\n".join(lines)
        elif kind in ("set-cell", "set-header") and lines:
            i = 0 if kind == "set-header" else draw(st.integers(0, len(lines) - 1))
            cells = lines[i].split(b",")
            j = draw(st.integers(0, max(len(cells) - 1, 0)))
            cells[j] = draw(CELL).encode("utf-8", "surrogatepass")
            lines[i] = b",".join(cells)
            data = b"\n".join(lines)
        elif kind == "latin1":
            data = data.decode("utf-8", "replace").replace("a", "\xe4").encode("latin-1", "replace")
        elif kind == "drop-file":
            data = None
        elif kind == "empty-file":
            data = b""
        elif kind == "add-file":
            extra = draw(st.sampled_from(["extra.csv", "nodes.CSV", "Memberships.csv", ".hidden.csv", "x.txt",
                                          "datapackage.json"]))
            if extra == "datapackage.json":
                files[extra] = draw(DESCRIPTOR)
            else:
                files[extra] = draw(st.binary(max_size=40)) if draw(st.booleans()) else \
                    ("a,b\n" + ",".join(draw(st.lists(CELL, max_size=3)))).encode("utf-8", "surrogatepass")
        elif kind == "swap-lines" and len(lines) > 1:
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif kind == "quote" and data:
            i = draw(st.integers(0, len(data)))
            data = data[:i] + b'"' + data[i:]
        files[name] = data
    return files


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_load_and_validate_raise_only_data_error_and_agree(files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_folder(Path(tmp) / "d", files)
        problems = pg.validate(folder)
        assert isinstance(problems, list) and all(isinstance(p, pg.Problem) for p in problems)
        for p in problems:
            assert "\n" not in str(p) or "\n" in p.message  # one line, unless the data itself holds one
            assert p.row is None or p.row >= 1
            assert p.type in pg.PROBLEM_TYPES, p  # every problem says what kind it is
            assert p.column_number is None or (p.column is not None and p.column_number >= 1)
        errors = [p for p in problems if p.is_error]
        try:
            ds = pg.load(folder)
        except pg.DataError as err:
            assert errors, "load raised but validate found no error"
            assert err.problems == problems and err.errors == errors  # the API carries the report's every line
        else:
            assert errors == [], f"load succeeded but validate found {errors[:3]}"
            assert list(ds.edges.columns[:3]) == ["relation", "u", "v"]
            ds.graph  # the graph builds from any table that loads
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", pg.CoverageWarning)
                ds.as_of(2000)
                ds.snapshot(include_suspended=False)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_the_cli_never_shows_a_traceback(files):
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_folder(Path(tmp) / "d", files)
        for args in (["validate"], ["info"], ["map", "-o", str(Path(tmp) / "m.html")]):
            result = CliRunner().invoke(cli, [*args, "--data", str(folder)])
            assert result.exit_code in (0, 1), (args, result.output, result.exception)
            assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
            assert "Traceback" not in result.output
