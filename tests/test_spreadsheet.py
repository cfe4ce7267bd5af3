"""What spreadsheets save: capitalised headers, ';' and tab separators, Excel's sep= line, workbooks saved
under a .csv name, UTF-16 text, kinds typed in two cases, a typo id. Each is read as meant or named so a
person can act on it."""
import pytest
from click.testing import CliRunner

import partnergraph as pg
from partnergraph.cli import cli

NODES = "id,kind,label\nJPN,country,Japan\nFIN,country,Finland\npag,framework,Partners across the globe\n"


def problems(folder):
    return [str(p).replace(str(folder) + "/", "") for p in pg.validate(folder)]


def test_capitalised_fixed_headers_keep_their_meaning(make):
    folder = make(files={
        "nodes.csv": "ID,Kind,Label,Since\nJPN,country,Japan,\nFIN,country,Finland,\npag,framework,PAG,2001\n",
        "memberships.csv": "country,framework,Since,UNTIL, Source ,Status\nJPN,pag,2014-05-06,,https://x.org,active\n"
                           "FIN,pag,2010,2005,,\n",
    })
    # the dates are read as dates: an until before its since is caught, not kept as an extra column
    assert problems(folder) == ["memberships.csv:3:until: until 2005 is not after since 2010"]
    (folder / "memberships.csv").write_text("country,framework,Since,UNTIL, Source ,Status\n"
                                            "JPN,pag,2014-05-06,,https://x.org,active\n")
    ds = pg.load(folder)
    assert list(ds.edges.columns[:7]) == ["relation", "u", "v", "since", "until", "status", "source"]
    assert ds.edges[["since", "source", "status"]].values.tolist() == [["2014-05-06", "https://x.org", "active"]]
    assert list(ds.nodes.columns) == ["id", "kind", "label", "since"] and ds.nodes["since"].tolist()[2] == "2001"
    assert pg.members(ds, "pag", as_of=2015)["id"].tolist() == ["JPN"]
    assert pg.members(ds, "pag", as_of=2013).empty


def test_kinds_compare_case_insensitively_and_keep_their_first_spelling(make):
    folder = make(files={
        "nodes.csv": "id,kind,label\nJPN,Country,Japan\nFIN,country,Finland\npag,Forum,PAG\n",
        "memberships.csv": "COUNTRY,forum\nJPN,pag\nFIN,pag\n",
    })
    assert problems(folder) == []
    ds = pg.load(folder)
    assert ds.kinds() == ["Country", "Forum"]
    assert ds.relations[["u_kind", "v_kind"]].values.tolist() == [["Country", "Forum"]]
    assert pg.members(ds, "pag", kind="Country")["id"].tolist() == ["FIN", "JPN"]


@pytest.mark.parametrize("text", [
    "country;framework;since\nJPN;pag;2014\nFIN;pag;2001\n",
    "country\tframework\tsince\nJPN\tpag\t2014\nFIN\tpag\t2001\n",
    "sep=;\ncountry;framework;since\nJPN;pag;2014\nFIN;pag;2001\n",
    "sep=,\ncountry,framework,since\nJPN,pag,2014\nFIN,pag,2001\n",
    '"country";"framework";"since"\n"JPN";"pag";"2014"\n"FIN";"pag";"2001"\n',
])
def test_semicolons_tabs_and_excels_sep_line(make, text):
    folder = make(files={"nodes.csv": NODES, "memberships.csv": text})
    ds = pg.load(folder)
    assert ds.edges[["u", "v", "since"]].values.tolist() == [["JPN", "pag", "2014"], ["FIN", "pag", "2001"]]


def test_a_comma_inside_quotes_does_not_decide_the_separator(make):
    folder = make(files={"nodes.csv": NODES, "memberships.csv": 'country;framework;"note, with comma"\nJPN;pag;x\n'})
    assert pg.load(folder).edges["note, with comma"].tolist() == ["x"]


def test_rows_after_a_sep_line_are_counted_as_a_spreadsheet_shows_them(make):
    folder = make(files={"nodes.csv": NODES, "memberships.csv": "sep=;\ncountry;framework;since\nJPN;pag;20x4\n"})
    assert problems(folder) == [
        'memberships.csv:2:since: expected a year, a month (YYYY-MM) or an ISO date, got "20x4"; write it year first, for example 1994, 1994-05 or 1994-05-09']


@pytest.mark.parametrize("content, message", [
    (b"PK\x03\x04\x14\x00\x06\x00", 'an Excel workbook (or another zip file), not CSV text: save each sheet as '
                                    '"CSV UTF-8", or pass the workbook itself as --data'),
    ("country,framework\nJPN,pag\n".encode("utf-16"), 'UTF-16 text ("Unicode text" in Excel): save the file as '
                                                        '"CSV UTF-8"'),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", 'an old Excel (.xls) workbook, not CSV text: save each sheet as '
                                                  '"CSV UTF-8"'),
    ("country,framework\nJPN,pag\nFIN,caf\xe9\n".encode("latin-1"),
     'not UTF-8 text (byte 0xe9); save the file as "CSV UTF-8"'),
])
def test_files_that_are_not_csv_text_say_what_to_do(make, content, message):
    folder = make(files={"nodes.csv": NODES, "memberships.csv": content})
    found = problems(folder)
    assert len(found) == 1 and found[0].endswith(message), found
    result = CliRunner().invoke(cli, ["members", "pag", "--data", str(folder)])
    assert result.exit_code == 1 and "Traceback" not in result.output and message in result.stderr


def test_one_column_names_the_separators(make):
    folder = make(files={"memberships.csv": "country|framework\nJPN|pag\n"})
    assert problems(folder) == ["memberships.csv:1: an edge list needs at least two columns, the kinds of its two "
                                "endpoints, separated by , ; or tab"]


def test_an_id_typo_without_nodes_csv_is_a_warning(make):
    folder = make(files={"memberships.csv": "country,framework\nJPN,pag\nJPN,pfp\nJNP,pfp\nFIN,pfp\n"})
    assert problems(folder) == ['memberships.csv:4:country: warning: "JNP" is used once and is one edit from "JPN" '
                                '(used 2 times): did you mean JPN? (a nodes.csv listing every id would catch it)']
    with pytest.warns(pg.DataWarning, match=r"^1 likely mistake in .* \(partnergraph validate lists it\), the first: "):
        ds = pg.load(folder)
    assert [p.message for p in ds.warnings] == [pg.validate(folder)[0].message]
    result = CliRunner().invoke(cli, ["members", "pfp", "--data", str(folder), "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.splitlines()[0] == "id,label,kind,since,until,status"
    assert result.stderr.count("Warning: 1 likely mistake") == 1


def test_an_id_typed_in_another_case_is_a_warning(make):
    folder = make(files={"memberships.csv": "country,framework\nFIN,pfp\nfin,pag\n"})
    assert problems(folder) == ['memberships.csv:3:country: warning: "fin" and "FIN" differ only in case: ids are '
                                'case-sensitive, so they are two country nodes']


def test_an_unknown_id_suggests_the_node_it_probably_means(make):
    folder = make(files={"nodes.csv": NODES, "memberships.csv": "country,framework\nJPN,PAG\nJNP,pag\n"})
    assert problems(folder) == [
        'memberships.csv:2:framework: unknown id "PAG": nodes.csv has no such id; did you mean pag?',
        'memberships.csv:3:country: unknown id "JNP": nodes.csv has no such id; did you mean JPN?']


def test_warnings_for_lookalike_headers_empty_columns_and_formula_cells(make):
    folder = make(files={"nodes.csv": NODES + "pfp,framework,PfP\n", "memberships.csv": (
        "country,framework,Sinse,url,region,note\n"
        'JPN,pag,2014,https://x.org,,"=HYPERLINK(""http://evil"")"\n'
        "FIN,pag,2000,,,-\n"
        "JPN,pfp,2001,,,+cmd\n")})
    assert problems(folder) == [
        "memberships.csv:1:Sinse: warning: column 'Sinse' looks like 'since', which has a fixed meaning; "
        "name it since if that is what it holds",
        "memberships.csv:1:url: warning: column 'url' looks like 'source', which has a fixed meaning; "
        "name it source if that is what it holds",
        "memberships.csv:1:region: warning: column is empty in every row",
        'memberships.csv:2:note: warning: "=HYPERLINK("http://evil")" would run as a formula in a spreadsheet '
        "(and 1 more cell in this column); partnergraph keeps it as text",
    ]
    ds = pg.load(folder)  # warnings only: it loads, values exact
    assert ds.edges["note"].tolist() == ['=HYPERLINK("http://evil")', "-", "+cmd"]


def test_a_leading_tab_that_guards_a_formula_is_kept(make):
    folder = make(files={"nodes.csv": NODES, "memberships.csv": 'country,framework,note\nJPN,pag,"\t=1+1"\nFIN,pag, spaced \n'})
    assert pg.load(folder).edges["note"].tolist() == ["\t=1+1", "spaced"]


def workbook(path, sheets):
    from openpyxl import Workbook
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def test_a_workbook_is_a_dataset_with_one_sheet_per_table(tmp_path):
    import datetime as dt
    book = workbook(tmp_path / "alliance.xlsx", {
        "nodes": [("id", "kind", "label", "since"), ("JPN", "country", "Japan", None), ("FIN", "country", "Finland", None),
                  ("pag", "framework", "Partners", 2001), ("007", "country", "Bond", None)],
        "memberships": [("Country", "Framework", "Since", "Until", "Note"),
                        ("JPN", "pag", dt.datetime(2014, 5, 6), None, "=1+1"),
                        ("FIN", "pag", 2005, 2010.0, None), ("007", "pag", "2012-03", None, "TRUE"),
                        (None, None, None, None, None)],
        "empty": [],
    })
    ds = pg.load(book)
    assert ds.name == "alliance"
    assert ds.edges[["u", "since", "until"]].fillna("").values.tolist() == [
        ["JPN", "2014-05-06", ""], ["FIN", "2005", "2010"], ["007", "2012-03", ""]]
    assert ds.nodes["since"].tolist()[2] == "2001" and ds.nodes["id"].tolist()[3] == "007"
    assert pg.members(ds, "pag", as_of=2015)["id"].tolist() == ["007", "JPN"]  # FIN left in 2010
    assert pg.members(ds, "pag", as_of=2009)["id"].tolist() == ["FIN"]
    assert ds.relations[["relation", "file"]].values.tolist() == [["memberships", "alliance.xlsx:memberships"]]


def test_a_streamed_workbook_whose_rows_stop_short_reads_the_missing_cells_as_empty(tmp_path):
    """Workbooks written row by row (openpyxl's write-only mode, other streaming writers) keep no trailing empty cell
    and no sheet size: a row ends where its last value is, and its other cells are empty, as in the spreadsheet."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for title, rows in (("nodes", [("id", "kind", "label", "since"), ("JPN", "country", "Japan"), ("pag", "framework")]),
                        ("memberships", [("country", "framework", "since", "until", "note"), ("JPN", "pag", 2014)])):
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(tmp_path / "streamed.xlsx")
    assert [p for p in pg.validate(tmp_path / "streamed.xlsx") if p.is_error] == []
    ds = pg.load(tmp_path / "streamed.xlsx")
    assert ds.nodes.fillna("").values.tolist() == [["JPN", "country", "Japan", ""], ["pag", "framework", "pag", ""]]
    assert ds.edges[["u", "v", "since", "until", "note"]].fillna("").values.tolist() == [["JPN", "pag", "2014", "", ""]]


def test_problems_in_a_workbook_name_the_sheet(tmp_path):
    book = workbook(tmp_path / "book.xlsx", {
        "nodes": [("id", "kind", "label"), ("JPN", "country", "Japan"), ("pag", "framework", "P")],
        "memberships": [("country", "framework", "since"), ("JPN", "pag", "20x4"), ("JNP", "pag", 2014)],
    })
    assert [str(p) for p in pg.validate(book)] == [
        f'{book}:memberships:2:since: expected a year, a month (YYYY-MM) or an ISO date, got "20x4"; write it year first, for example 1994, 1994-05 or 1994-05-09',
        f'{book}:memberships:3:country: unknown id "JNP": the nodes sheet has no such id; did you mean JPN?',
    ]
    result = CliRunner().invoke(cli, ["members", "pag", "--data", str(book)])
    assert result.exit_code == 1 and f"Error: {book}:memberships:2:since:" in result.stderr


def test_a_damaged_workbook_is_one_line(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really a workbook")
    assert [str(p) for p in pg.validate(bad)] == [
        f"{bad}: cannot read the workbook (BadZipFile): save it again from Excel or LibreOffice as .xlsx"]


def test_entries_that_are_not_files_are_named_not_skipped_silently(make, tmp_path):
    import os
    folder = make(files={"nodes.csv": NODES, "memberships.csv": "country,framework\nJPN,pag\n"})
    (folder / "old.csv").mkdir()
    (folder / "gone.csv").symlink_to(tmp_path / "nowhere.csv")
    os.mkfifo(folder / "pipe.csv")
    assert problems(folder) == ["gone.csv: warning: a link to nothing, so not read",
                                "old.csv: warning: a folder, so not read",
                                "pipe.csv: warning: not a regular file, so not read"]
    assert pg.load(folder).edges["u"].tolist() == ["JPN"]


def test_a_very_long_cell_is_still_a_cell(make):
    long = "x" * 200_000
    folder = make(files={"nodes.csv": NODES, "memberships.csv": f'country,framework,note\nJPN,pag,"{long}"\n'})
    assert pg.load(folder).edges["note"].str.len().tolist() == [200_000]


@pytest.mark.slow
def test_kind_options_take_any_case():
    runner = CliRunner()
    same = lambda *args: runner.invoke(cli, [str(a) for a in args])  # noqa: E731
    assert same("members", "pfp", "--kind", "COUNTRY").stdout == same("members", "pfp").stdout
    assert same("coverage", "--rows", "Framework", "--cols", "THREAT").stdout == same("coverage").stdout
    assert same("centrality", "--kind", "Country").stdout == same("centrality", "--kind", "country").stdout
    nato = pg.load()
    assert nato.require_kind("Activity") == "activity"
    from partnergraph.coverage_queries import reach_pairs
    assert reach_pairs(nato, members="Country", rows="FRAMEWORK").equals(reach_pairs(nato))


@pytest.mark.parametrize("text, hint", [
    ("country,framework,since\nJPN;pag;2014\nFIN,pfp,1994\n", 'with ";"'),
    ("country\tframework\nJPN,pag\n", 'with ","'),
    ("country;framework\nJPN\tpag\n", "with tabs"),
])
def test_a_row_with_another_separator_is_named(make, text, hint):
    folder = make(files={"memberships.csv": text})
    assert problems(folder) == [f"memberships.csv:2:framework: expected {text.splitlines()[0].count(text[7]) + 1} "
                                f"cells, found 1; this row separates its cells {hint}: use the header's separator "
                                f"in every row"]
