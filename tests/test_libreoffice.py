"""A dataset built in LibreOffice Calc, saved the ways people save it, read back by partnergraph.

Each sheet is written as a flat OpenDocument spreadsheet (typed cells: text, numbers, dates
with a display format), then LibreOffice itself (headless ``soffice --convert-to``) saves it
as an Excel workbook, an old .xls, or CSV with a comma, a semicolon or a tab, in UTF-8,
Windows-1252 or UTF-16. What partnergraph reads must be what the person typed; every problem
must be one line a person who knows spreadsheets, not Python, can act on.
"""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from click.testing import CliRunner

import partnergraph as pg
from partnergraph.cli import cli

SOFFICE = shutil.which("soffice")
pytestmark = [pytest.mark.slow,  # never skipped in CI, which installs LibreOffice
              pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is installed by .ci/run")]

NS = {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
      "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
      "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
      "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
      "number": "urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"}

#: Two date display formats: ISO (as partnergraph asks) and day/month/year (as a UK user sees dates).
STYLES = """<office:automatic-styles>
 <number:date-style style:name="iso"><number:year number:style="long"/><number:text>-</number:text>
  <number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style>
 <number:date-style style:name="dmy"><number:day number:style="long"/><number:text>/</number:text>
  <number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>
 <style:style style:name="date-iso" style:family="table-cell" style:data-style-name="iso"/>
 <style:style style:name="date-dmy" style:family="table-cell" style:data-style-name="dmy"/>
</office:automatic-styles>"""


class Shown:
    """A date cell shown in day/month/year format (the value is still the date)."""

    def __init__(self, day: dt.date):
        self.day = day


class Serial:
    """A date typed into a cell with no date format: LibreOffice keeps the day number."""

    def __init__(self, day: dt.date):
        self.day = day


def cell(value) -> str:
    if value is None:
        return "<table:table-cell/>"
    if isinstance(value, Shown):
        return (f'<table:table-cell table:style-name="date-dmy" office:value-type="date" '
                f'office:date-value="{value.day.isoformat()}"><text:p>{value.day:%d/%m/%Y}</text:p></table:table-cell>')
    if isinstance(value, Serial):
        number = (value.day - dt.date(1899, 12, 30)).days
        return f'<table:table-cell office:value-type="float" office:value="{number}"><text:p>{number}</text:p></table:table-cell>'
    if isinstance(value, dt.date):
        return (f'<table:table-cell table:style-name="date-iso" office:value-type="date" '
                f'office:date-value="{value.isoformat()}"><text:p>{value.isoformat()}</text:p></table:table-cell>')
    if isinstance(value, (int, float)):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(value)}</text:p></table:table-cell>'


def spreadsheet(path: Path, sheets: dict[str, list[list]]) -> Path:
    """A flat OpenDocument spreadsheet (.fods), one table per sheet, typed cells."""
    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join("<table:table-row>" + "".join(cell(v) for v in row) + "</table:table-row>" for row in rows)
        + "</table:table>" for name, rows in sheets.items())
    spaces = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
    path.write_text(f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {spaces} office:version="1.2" '
                    f'office:mimetype="application/vnd.oasis.opendocument.spreadsheet">{STYLES}<office:body>'
                    f"<office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document>\n",
                    encoding="utf-8")
    return path


#: LibreOffice's CSV filter options: field separator, text delimiter, character set (as character codes / ids).
CSV = {"comma": "44,34,76,1", "semicolon": "59,34,76,1", "tab": "9,34,76,1",
       "windows-1252": "44,34,1,1", "utf-16": "44,34,65535,1"}


def save_as(source: Path, target_format: str, out: Path) -> Path:
    """What LibreOffice's Save As writes: ``xlsx``, ``xls``, or ``csv-<name>`` (the first sheet only, as Calc does)."""
    out.mkdir(parents=True, exist_ok=True)
    if target_format.startswith("csv-"):
        convert = f"csv:Text - txt - csv (StarCalc):{CSV[target_format[4:]]}"
        suffix = ".csv"
    else:
        convert, suffix = target_format, f".{target_format}"
    profile = (out.parent / "lo-profile").resolve()
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", convert,
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=180)
    written = out / (source.stem + suffix)
    assert written.exists(), f"LibreOffice wrote no {written.name}"
    return written


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


MEMBERS = [["Country", "Framework", "Since", "Until", "Source"],
           ["FIN", "pfp", 1994, None, "https://www.nato.int/cps/en/natohq/topics_49599.htm"],
           ["SWE", "pfp", dt.date(1994, 5, 9), None, "https://www.nato.int/cps/en/natohq/topics_52535.htm"],
           ["RUS", "pfp", 1994, 2022, "https://www.nato.int/cps/en/natohq/topics_50090.htm"]]
COVERS = [["framework", "threat"], ["pfp", "cyber"]]


def csv_folder(tmp_path: Path, name: str, rows: list[list], how: str) -> Path:
    """A data folder whose memberships.csv LibreOffice saved from one sheet, ``how``; covers.csv beside it."""
    saved = save_as(spreadsheet(tmp_path / "memberships.fods", {"memberships": rows}), f"csv-{how}", tmp_path / "saved")
    folder = tmp_path / name
    folder.mkdir()
    shutil.move(saved, folder / "memberships.csv")
    (folder / "covers.csv").write_text("framework,threat\npfp,cyber\n", encoding="utf-8")
    return folder


def test_a_workbook_saved_by_libreoffice_reads_as_typed(tmp_path):
    book = save_as(spreadsheet(tmp_path / "partners.fods", {"memberships": MEMBERS, "covers": COVERS}), "xlsx",
                   tmp_path / "out")
    ds = pg.load(book)
    edges = ds.edges[ds.edges["relation"] == "memberships"]
    # capitalised headers are the fixed columns; a number typed as a year is that year; a date cell is its ISO date
    assert edges["since"].tolist() == ["1994", "1994-05-09", "1994"]
    assert edges["until"].fillna("").tolist() == ["", "", "2022"]
    assert edges["source"].str.startswith("https://www.nato.int/").all()
    result = run("members", "pfp", "--data", book, "--as-of", 2023, "--format", "csv")
    assert result.exit_code == 0, result.output
    # the kind keeps the sheet's spelling, "Country"; members' default --kind country finds it all the same
    assert result.stdout.splitlines() == ["id,label,kind,since,until,status", "FIN,FIN,Country,1994,,",
                                          "SWE,SWE,Country,1994-05-09,,"]


@pytest.mark.parametrize("how", ["comma", "semicolon", "tab"])
def test_csv_with_any_separator_reads_the_same(tmp_path, how):
    folder = csv_folder(tmp_path, "data", MEMBERS, how)  # the date cell is shown, so saved, as an ISO date
    if how == "semicolon":
        assert (folder / "memberships.csv").read_text().splitlines()[0].count(";") == 4  # what LibreOffice wrote
    ds = pg.load(folder)
    assert ds.edges.loc[ds.edges["relation"] == "memberships", "since"].tolist() == ["1994", "1994-05-09", "1994"]
    assert pg.validate(folder) == []


def test_dates_shown_day_first_get_told_to_write_year_first(tmp_path):
    rows = [MEMBERS[0], ["SWE", "pfp", Shown(dt.date(1994, 5, 23)), None, "x"],
            ["NOR", "pfp", Shown(dt.date(1994, 5, 9)), None, "x"]]
    folder = csv_folder(tmp_path, "data", rows, "comma")
    result = run("validate", "--data", folder)
    assert result.exit_code == 1
    where = f"{folder}/memberships.csv"
    assert result.stdout.splitlines()[:2] == [
        f'{where}:2:since: expected a year, a month (YYYY-MM) or an ISO date, got "23/05/1994"; '
        f"write it year first, 1994-05-23",
        f'{where}:3:since: expected a year, a month (YYYY-MM) or an ISO date, got "09/05/1994"; '
        f"write it year first, 1994-05-09 if it is day/month, 1994-09-05 if month/day"]


def test_a_date_without_a_date_format_is_recognised_as_a_day_number(tmp_path):
    book = save_as(spreadsheet(tmp_path / "partners.fods",
                               {"memberships": [MEMBERS[0], ["SWE", "pfp", Serial(dt.date(1994, 5, 9)), None, "x"]],
                                "covers": COVERS}), "xlsx", tmp_path / "out")
    result = run("members", "pfp", "--data", book)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr == (f'Error: {book}:memberships:2:since: expected a year, a month (YYYY-MM) or an ISO date, '
                             f"got \"34463\"; 34463 looks like a spreadsheet's day number for 1994-05-09; type the "
                             f"date as 1994-05-09 (in a cell formatted as text)\n")


@pytest.mark.parametrize("how, expected", [
    ("windows-1252", 'memberships.csv:2: not UTF-8 text (byte 0xf4); save the file as "CSV UTF-8"'),
    ("utf-16", 'memberships.csv: UTF-16 text ("Unicode text" in Excel): save the file as "CSV UTF-8"'),
])
def test_csv_in_another_encoding_is_told_to_save_as_utf8(tmp_path, how, expected):
    rows = [MEMBERS[0], ["CIV", "pfp", 2024, None, "Côte d'Ivoire, by hand"], MEMBERS[1]]
    folder = csv_folder(tmp_path, "data", rows, how)
    result = run("validate", "--data", folder)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == f"{folder}/{expected}"


def test_a_workbook_saved_with_a_csv_name_and_other_spreadsheet_files(tmp_path):
    source = spreadsheet(tmp_path / "partners.fods", {"memberships": MEMBERS, "covers": COVERS})
    book = save_as(source, "xlsx", tmp_path / "out")
    old = save_as(source, "xls", tmp_path / "out")
    folder = tmp_path / "data"
    folder.mkdir()
    shutil.copy(book, folder / "memberships.csv")  # "Save As", typing a .csv name but keeping the Excel type
    (folder / "covers.csv").write_text("framework,threat\npfp,cyber\n")
    result = run("validate", "--data", folder)
    assert result.stdout.splitlines()[0] == (f"{folder}/memberships.csv: an Excel workbook (or another zip file), not "
                                             f'CSV text: save each sheet as "CSV UTF-8", or pass the workbook itself '
                                             f"as --data")
    result = run("members", "pfp", "--data", old)
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {old}: an old Excel workbook (.xls): save it as an Excel workbook (.xlsx) and "
                             f'pass that, or save each sheet as "CSV UTF-8" into a folder\n')
    result = run("members", "pfp", "--data", source)
    assert result.stderr == (f"Error: {source}: an OpenDocument spreadsheet (LibreOffice): save it as an Excel "
                             f'workbook (.xlsx) and pass that, or save each sheet as "CSV UTF-8" into a folder\n')


def test_a_typo_and_mixed_case_kinds_in_a_workbook(tmp_path):
    rows = [["country", "framework", "since"], ["JPN", "pag", 2014], ["JPN", "pfp", 2015], ["JNP", "icp", 2016]]
    book = save_as(spreadsheet(tmp_path / "partners.fods",
                               {"memberships": rows, "covers": [["Framework", "Threat"], ["pag", "cyber"]]}),
                   "xlsx", tmp_path / "out")
    ds = pg.load(book)
    assert ds.kinds() == ["country", "framework", "Threat"]  # in the order they first appear, sheet by sheet
    assert len(ds.kinds()) == 3  # "Framework" on the second sheet is the kind the first sheet spells "framework"
    found = [str(p) for p in pg.validate(book)]
    assert found == [f'{book}:memberships:4:country: warning: "JNP" is used once and is one edit from "JPN" '
                     f"(used 2 times): did you mean JPN? (a nodes sheet listing every id would catch it)"]


def test_an_exported_workbook_opens_in_calc_and_saved_again_loads_back_the_same(tmp_path):
    """export -o x.xlsx, opened in LibreOffice Calc and saved again as .xlsx, is still the same dataset: every sheet
    read, text kept as text (ids with leading zeros, years, cells that start like a formula), weights as numbers."""
    import pandas.testing as pdt

    from conftest import TRICKY, write_folder

    folder = write_folder(tmp_path / "d", TRICKY)
    exported = tmp_path / "book.xlsx"
    assert run("export", "--data", folder, "-o", exported).exit_code == 0
    resaved = save_as(exported, "xlsx", tmp_path / "calc")
    original, back = pg.load(folder), pg.load(resaved)
    pdt.assert_frame_equal(back.nodes, original.nodes)
    pdt.assert_frame_equal(back.edges, original.edges)
    nato = tmp_path / "nato.xlsx"
    assert run("export", "-o", nato).exit_code == 0
    back = pg.load(save_as(nato, "xlsx", tmp_path / "calc-nato"))
    pdt.assert_frame_equal(back.edges, pg.load().edges)
