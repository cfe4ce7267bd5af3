"""The walkthrough notebooks run from top to bottom without an error (nbclient, a real kernel)."""
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

#: Slow: many examples or many processes; `pytest -m "not slow"` leaves it out, CI runs it.
pytestmark = pytest.mark.slow

NOTEBOOKS = sorted((Path(__file__).resolve().parent.parent / "notebooks").glob("*.ipynb"))


def execute(path: Path, tmp_path: Path):
    book = nbformat.read(path, as_version=4)
    NotebookClient(book, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    return book


def outputs(book, mime):
    return [o["data"][mime] for cell in book.cells if cell.cell_type == "code"
            for o in cell.get("outputs", []) if "data" in o and mime in o["data"]]


def test_there_are_four_walkthroughs():
    assert [p.name for p in NOTEBOOKS] == ["01-tour-of-nato-partnerships.ipynb", "02-coverage-and-gaps.ipynb",
                                           "03-bring-your-own-data.ipynb", "04-partnership-portfolios.ipynb"]
    for path in NOTEBOOKS:
        book = nbformat.read(path, as_version=4)
        prose = [c for c in book.cells if c.cell_type == "markdown"]
        assert len(prose) >= 5, path.name
        assert all(not c.get("outputs") for c in book.cells if c.cell_type == "code"), "store notebooks without outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_without_error(path, tmp_path):
    book = execute(path, tmp_path)  # raises CellExecutionError on any error
    errors = [o for c in book.cells if c.cell_type == "code" for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert errors == []
    if path.stem.startswith("01"):
        maps = [h for h in outputs(book, "text/html") if h.startswith("<iframe srcdoc=")]
        assert len(maps) == 1 and "vis-network" in maps[0]  # the inline map: an iframe holding the page
        assert outputs(book, "image/png"), "the timeline plot"
    if path.stem.startswith("02"):
        assert outputs(book, "image/png"), "the heatmap"
    if path.stem.startswith("03"):
        text = "".join("".join(o.get("text", "")) for c in book.cells for o in c.get("outputs", []))
        assert 'enrolled.csv:4:since: expected a year, a month (YYYY-MM) or an ISO date, got "20l9"' in text
        assert "err.row=4 err.column='since'" in text
    assert not list(tmp_path.iterdir()), "notebooks write nothing into their working folder"
