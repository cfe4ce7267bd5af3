"""Research datasets in: the parts of the importers built so far, on small files in the datasets' real formats."""
import io

import pandas as pd
import pytest

from partnergraph.errors import DataError
from partnergraph.importers import atop, atop_periods, date_texts

#: ATOP's member-level layout (versions 4 and 5 share these columns; real files carry many more, as here `bilat`
#: and `defense`). Made up for the tests: alliance 9001 has three phases; member 2 stays through phases 1 and 2, then
#: leaves and comes back in phase 3; member 20 joins in phase 2 with an unknown day and is still in; member 200 left
#: in a month whose day is unknown (blank, as version 4 writes it); member 365's row is repeated, as files do.
ATOP_MEMBERS = """atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase,bilat,defense
9001,2,1949,4,4,1955,5,6,1,0,1
9001,200,1949,4,4,1952,3,,1,0,1
9001,2,1955,5,6,1961,0,0,2,0,1
9001,20,1955,5,0,0,0,0,2,0,1
9001,2,1970,1,1,0,0,0,3,0,1
9002,365,1955,5,14,1991,7,1,0,0,1
9002,365,1955,5,14,1991,7,1,0,0,1
9003,2,1990,0,0,1991,0,0,0,1,0
"""


def periods(text=ATOP_MEMBERS, **kw):
    return atop_periods(pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False), **kw)


def test_atop_phases_of_one_membership_merge_and_a_return_is_a_new_period():
    got = periods()
    assert got[["atopid", "member", "since", "until", "phases"]].values.tolist() == [
        [9001, "2", "1949-04-04", "1961", "1;2"],   # phase 2 began the day phase 1 ended: one membership
        [9001, "2", "1970-01-01", "", "3"],         # left in 1961, back in 1970: a second period, still in force
        [9001, "20", "1955-05", "", "2"],           # day 0: known to the month; exit year 0: still in force
        [9001, "200", "1949-04-04", "1952-03", "1"],  # a blank day is unknown too
        [9002, "365", "1955-05-14", "1991-07-01", "0"],  # the repeated row read once
        [9003, "2", "1990", "1991", "0"],
    ]
    assert got["row"].tolist() == [2, 6, 5, 3, 7, 9]  # each period's first line in the file


def test_atop_keep_phases_keeps_a_line_per_phase():
    got = periods(keep_phases=True)
    assert got.loc[got["atopid"] == 9001, ["member", "since", "until", "phases"]].values.tolist()[:3] == [
        ["2", "1949-04-04", "1955-05-06", "1"], ["2", "1955-05-06", "1961", "2"], ["2", "1970-01-01", "", "3"]]


def test_atop_phases_merge_when_they_overlap_or_follow_at_the_precision_written():
    text = ("atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase\n"
            "1,2,1900,1,1,1910,12,0,1\n1,2,1910,12,5,1920,0,0,2\n"       # 1910-12 may end the day 1910-12-05 begins
            "2,2,1900,1,1,1910,11,0,1\n2,2,1910,12,5,1920,0,0,2\n"       # 1910-11 ends before 1910-12-05: a gap
            "3,2,1900,1,1,1992,12,31,1\n3,2,1993,1,1,1993,8,26,2\n"      # the next day: no gap (ATOP's year ends)
            "3,2,1993,1,1,1993,8,26,3\n"                                  # a parallel phase (the treaty split)
            "4,2,1900,1,1,1905,0,0,1\n4,2,1910,12,5,1920,0,0,3\n")       # left in 1905, back in 1910
    assert periods(text)[["atopid", "since", "until", "phases"]].values.tolist() == [
        [1, "1900-01-01", "1920", "1;2"], [2, "1900-01-01", "1910-11", "1"], [2, "1910-12-05", "1920", "2"],
        [3, "1900-01-01", "1993-08-26", "1;2;3"], [4, "1900-01-01", "1905", "1"], [4, "1910-12-05", "1920", "3"]]
    kept = periods(text, keep_phases=True)
    assert kept.loc[kept["atopid"] == 3, ["since", "until", "phases"]].values.tolist() == [
        ["1900-01-01", "1992-12-31", "1"], ["1993-01-01", "1993-08-26", "2;3"]]  # the same dates: one line


@pytest.mark.parametrize("line, where", [
    ("9,2,1949,13,4,0,0,0,1", "ATOP member file:2:moent: expected a month from 1 to 12 (0 for unknown), got 13"),
    ("9,2,1949,2,30,0,0,0,1", "ATOP member file:2:dayent: 1949-02 has no day 30"),
    ("9,2,1949,2,x,0,0,0,1", "ATOP member file:2:dayent: expected a whole number (0 for unknown), got 'x'"),
    ("9,2,0,0,0,0,0,0,1", "ATOP member file:2:yrent: no entry year: a membership needs the year it began"),
])
def test_atop_cells_that_are_not_dates_are_errors_naming_row_and_column(line, where):
    with pytest.raises(DataError) as raised:
        periods("atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase\n" + line + "\n")
    assert str(raised.value) == where


def test_a_file_that_is_not_atop_says_which_columns_it_lacks():
    with pytest.raises(DataError) as raised:
        periods("version4id,ccode,state_name\n1,2,USA\n")
    assert str(raised.value).startswith("ATOP member file:1: not an ATOP member-level file: no column atopid, member")


def test_date_texts_write_the_precision_known():
    assert date_texts([1949, 1949, 1949, 0], [4, 4, 0, 4], [4, 0, 9, 4]).tolist() == ["1949-04-04", "1949-04", "1949", ""]


# ---- partnergraph import atop ---------------------------------------------------

#: ATOP's alliance-level layout, made up to match ATOP_MEMBERS: obligations as 0/1, with columns importers skip.
ATOP_ALLIANCES = """atopid,begyr,endyr,defense,offense,neutral,nonagg,consul,bilat,organ1
9001,1949,0,1,0,0,0,1,0,1
9002,1955,1991,1,0,0,1,1,0,0
9003,1990,1991,0,0,0,0,1,1,0
"""


def run(*args):
    from click.testing import CliRunner

    from partnergraph.cli import cli

    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def atop_files(tmp_path):
    members, alliances = tmp_path / "atop5_1m.csv", tmp_path / "atop5_1a.csv"
    members.write_text(ATOP_MEMBERS.replace("9002,365,1955,5,14,1991,7,1,0,0,1\n", "9002,999,1955,5,14,1991,7,1,0,0,1\n", 1),
                       encoding="utf-8")
    alliances.write_text(ATOP_ALLIANCES, encoding="utf-8")
    return members, alliances


def test_import_atop_writes_a_folder_whose_memberships_and_dates_are_the_files(atop_files, tmp_path):
    import partnergraph as pg

    members, alliances = atop_files
    result = run("import", "atop", members, alliances, "-o", tmp_path / "atop", "--coverage-end", 2018, "--ids", "cow")
    assert result.exit_code == 0, result.output
    # the code the Correlates of War list lacks is listed with its row and kept under a marked id
    assert result.stderr.splitlines() == [
        f"Warning: {members}:7:member: Correlates of War code 999 is not in the state system list: kept as node cow-999",
        f"wrote {tmp_path / 'atop'} (8 nodes, 7 edges; covers 1949 to 2018)"]
    ds = pg.load(tmp_path / "atop")
    table = ds.edges.assign(until=ds.edges["until"].fillna(""))
    # by alliance, then by entry, then by id
    assert table[["u", "v", "since", "until", "phases"]].values.tolist() == [
        ["UKG", "atop-9001", "1949-04-04", "1952-03", "1"], ["USA", "atop-9001", "1949-04-04", "1961", "1;2"],
        ["CAN", "atop-9001", "1955-05", "", "2"], ["USA", "atop-9001", "1970-01-01", "", "3"],
        ["RUS", "atop-9002", "1955-05-14", "1991-07-01", "0"], ["cow-999", "atop-9002", "1955-05-14", "1991-07-01", "0"],
        ["USA", "atop-9003", "1990", "1991", "0"]]
    assert table[["source", "file_row"]].values.tolist()[:2] == [["ATOP member-level file atop5_1m.csv", "3"],
                                                                  ["ATOP member-level file atop5_1m.csv", "2"]]
    nodes = ds.nodes.set_index("id")
    assert nodes.loc["UKG", "label"] == "United Kingdom" and nodes.loc["cow-999", "label"] == "cow-999"
    assert nodes.loc["atop-9002", ["kind", "label", "defense", "nonagg", "bilat"]].tolist() == [
        "alliance", "ATOP 9002", "1", "1", "0"]
    # who was allied with whom, at any date: the merged phases hold through 1955, the return shows from 1970
    assert pg.members(ds, "atop-9001", as_of=1956)["id"].tolist() == ["CAN", "USA"]
    assert pg.members(ds, "atop-9001", as_of=1965)["id"].tolist() == ["CAN"]
    assert pg.members(ds, "atop-9001", as_of="1970-06")["id"].tolist() == ["CAN", "USA"]
    assert pg.timeline(ds, framework="atop-9001", frameworks_kind="alliance", as_of=1956)["joined"].tolist()[-2:] == [1, 0]
    # the data ends where the release does: a question past it says so
    assert ds.coverage_text() == "1949 to 2018"
    assert ds.meta["citation"].startswith("Leeds, Brett Ashley") and "version" not in ds.meta
    from frictionless import validate
    report = validate(str(tmp_path / "atop" / "datapackage.json"))
    assert report.valid, report.flatten(["title", "rowNumber", "fieldName", "note"])
    with pytest.warns(pg.CoverageWarning, match="the data covers 1949 to 2018; as of 2020-12-31 is outside it"):
        pg.members(ds, "atop-9001", as_of=2020)


def test_import_atop_keep_phases_and_strict(atop_files, tmp_path):
    import partnergraph as pg

    members, _ = atop_files
    assert run("import", "atop", members, "-o", tmp_path / "phases", "--keep-phases", "--ids", "cow").exit_code == 0
    phases = pg.load(tmp_path / "phases")
    assert phases.edges.loc[phases.edges["v"] == "atop-9001", ["u", "phases"]].values.tolist() == [
        ["UKG", "1"], ["USA", "1"], ["CAN", "2"], ["USA", "2"], ["USA", "3"]]
    assert phases.coverage_text() == "1949 to 1991"  # without --coverage-end: the last year the file names
    strict = run("import", "atop", members, "-o", tmp_path / "strict", "--strict", "--ids", "cow")
    assert strict.exit_code == 1 and not (tmp_path / "strict").exists()
    assert strict.stderr == (f"Error: {members}:7:member: Correlates of War code 999 is not in the state system list "
                             f"(--strict: every code must be placed)\n")


@pytest.mark.parametrize("content, message", [
    ("version4id,ccode,state_name\n1,2,USA\n", ":1: not an ATOP member-level file: no column atopid, member, yrent"),
    ("atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit\n1,2,1949,4,31,0,0,0\n", ":2:dayent: 1949-04 has no day 31"),
    ("atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit\n1,2,1949,4,4,1949,0,0\n1,20,1949,4,4,1948,1,1\n",
     ":3:yrexit: the exit (1948-01-01) is not after the entry (1949-04-04)"),
])
def test_import_atop_bad_files_are_one_line_and_write_nothing(tmp_path, content, message):
    bad = tmp_path / "bad.csv"
    bad.write_text(content, encoding="utf-8")
    result = run("import", "atop", bad, "-o", tmp_path / "out")
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_the_bundled_correlates_of_war_list_is_the_v2016_state_system():
    from partnergraph.importers import cow_states

    states = cow_states()
    assert (len(states), states["cow"].nunique()) == (243, 217)  # tenures and states of the v2016 list
    germany = states[states["cow"].isin(["255", "260", "265"])][["cow", "cowc", "since", "until"]].values.tolist()
    assert germany == [["255", "GMY", "1816-01-01", "1945-05-08"], ["255", "GMY", "1990-10-03", ""],
                       ["260", "GFR", "1955-05-05", "1990-10-02"], ["265", "GDR", "1954-03-25", "1990-10-02"]]
    assert set(states["source"]) == {"https://correlatesofwar.org/data-sets/state-system-membership/"}


def test_import_atop_records_the_release_the_file_states(tmp_path):
    import partnergraph as pg

    source = tmp_path / "m.csv"
    source.write_text("atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,version\n1,2,1949,4,4,0,0,0,4\n",
                      encoding="utf-8")
    assert run("import", "atop", source, "-o", tmp_path / "out").exit_code == 0
    assert pg.load(tmp_path / "out").meta["version"] == "4"


@pytest.mark.slow
def test_import_atop_reads_the_stata_release_as_the_csv_one(atop_files, tmp_path):
    import partnergraph as pg

    members, _ = atop_files
    stata = tmp_path / "atop5_1m.dta"
    pd.read_csv(members).to_stata(stata, write_index=False)
    assert run("import", "atop", stata, "-o", tmp_path / "from-stata").exit_code == 0
    assert run("import", "atop", members, "-o", tmp_path / "from-csv").exit_code == 0
    a, b = pg.load(tmp_path / "from-stata"), pg.load(tmp_path / "from-csv")
    assert a.edges.drop(columns="source").equals(b.edges.drop(columns="source")) and a.nodes.equals(b.nodes)


@pytest.mark.parametrize("content, args, message", [
    ("atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit\n", [], ": no membership rows: the file holds its header only"),
    (ATOP_MEMBERS, ["--coverage-end", 1980], ": the file names dates up to 1991, after the coverage's end 1980: check "
                                             "--coverage-end"),
])
def test_import_atop_refuses_an_empty_file_and_a_coverage_that_ends_too_soon(tmp_path, content, args, message):
    source = tmp_path / "m.csv"
    source.write_text(content, encoding="utf-8")
    result = run("import", "atop", source, "-o", tmp_path / "out", *args)
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert result.stderr == f"Error: {source}{message}\n"


def test_import_atop_names_countries_by_iso_codes_through_the_crosswalk(tmp_path):
    """By default countries get ISO 3166 codes: the German Federal Republic and Germany are one node whose NATO-like
    membership runs on; the USSR (SUN) and Russia (RUS) are two, a period that spans 26 December 1991 being cut
    there; Czechoslovakia keeps its own ISO 3166-3 code (CSK); a state with no ISO code is cow- and its letter code."""
    import partnergraph as pg

    members = tmp_path / "m.csv"
    members.write_text("atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit,phase\n"
                       "1,260,1954,10,23,1990,10,3,1\n1,255,1990,10,3,0,0,0,2\n1,2,1949,4,4,0,0,0,1\n"
                       "2,365,1970,5,6,1993,8,26,0\n2,315,1970,5,6,1992,12,31,0\n"
                       "3,240,1850,0,0,1866,0,0,0\n3,255,1850,0,0,1866,0,0,0\n", encoding="utf-8")
    result = run("import", "atop", members, "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    ds = pg.load(tmp_path / "out")
    table = ds.edges.assign(until=ds.edges["until"].fillna(""))
    assert table[["u", "v", "since", "until"]].values.tolist() == [
        ["USA", "atop-1", "1949-04-04", ""], ["DEU", "atop-1", "1954-10-23", ""],
        ["CSK", "atop-2", "1970-05-06", "1992-12-31"], ["SUN", "atop-2", "1970-05-06", "1991-12-26"],
        ["RUS", "atop-2", "1991-12-26", "1993-08-26"],
        ["DEU", "atop-3", "1850", "1866"], ["cow-HAN", "atop-3", "1850", "1866"]]
    labels = ds.nodes.set_index("id")["label"]
    assert [labels[n] for n in ("DEU", "SUN", "RUS", "CSK", "cow-HAN")] == [
        "Germany", "Soviet Union", "Russia", "Czechoslovakia", "Hanover"]
    assert pg.members(ds, "atop-2", as_of=1990)["id"].tolist() == ["CSK", "SUN"]
    assert pg.members(ds, "atop-2", as_of="1992-06")["id"].tolist() == ["CSK", "RUS"]


def test_the_crosswalk_places_every_state_of_the_list_once_at_every_date():
    from partnergraph.importers import cow_states, country_crosswalk

    walk, states = country_crosswalk(), cow_states()
    assert set(walk["cow"]) == set(states["cow"])  # every COW state, nothing else
    for code, lines in walk.groupby("cow"):  # a code's lines follow each other without gap or overlap
        bounds = list(zip(lines["since"], lines["until"]))
        assert bounds[0][0] == "" and bounds[-1][1] == "", code
        assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:])), code
    assert walk["source"].str.len().gt(0).all() and walk["rule"].str.len().gt(0).all()
    by_code = walk.drop_duplicates("cow").set_index("cow")["iso3"]
    assert [by_code[c] for c in ("2", "200", "255", "260", "265", "315", "316", "732", "731", "640")] == [
        "USA", "GBR", "DEU", "DEU", "DDR", "CSK", "CZE", "KOR", "PRK", "TUR"]
    # COW letter codes are not ISO codes: Montenegro is MNG to COW, Mongolia MNG to ISO
    assert (by_code["341"], by_code["712"]) == ("MNE", "MNG")
    # Gleditsch and Ward number some states otherwise: Nauru is 970 to COW and Kiribati 970 to Gleditsch-Ward
    gw = walk.drop_duplicates("cow", keep="last").set_index("cow")["gwcode"]
    assert [gw[c] for c in ("970", "946", "955", "947", "679", "255", "345", "2")] == [
        "971", "970", "972", "973", "678", "260", "340", "2"]
    serbia = walk[walk["cow"] == "345"][["since", "iso3", "gwcode"]].values.tolist()
    assert serbia == [["", "SRB", "340"], ["1918-12-01", "YUG", "345"], ["2003-02-04", "SCG", "345"],
                      ["2006-06-05", "SRB", "340"]]


def test_writing_an_import_that_breaks_the_contract_leaves_nothing_behind(tmp_path):
    import partnergraph as pg
    from partnergraph.importers import write

    nodes = pd.DataFrame({"id": ["A", "b"], "kind": ["country", "alliance"], "label": ["A", "b"]})
    edges = pd.DataFrame({"relation": ["memberships"], "u": ["A"], "v": ["b"], "since": ["2001"], "until": ["1999"],
                          "source": ["made up"]})
    with pytest.raises(DataError, match="until 1999 is not after since 2001"):
        write(pg.Dataset(nodes, edges), tmp_path / "out")
    assert list(tmp_path.iterdir()) == []  # neither the folder nor its temporary twin


# ---- partnergraph import mme -----------------------------------------------------

#: The MME file's layout (64 columns in the real file: participant slots StateA to StateAM; here StateA to StateD).
#: Made up: a naval exercise with a day unknown, a Soviet one in 1985 and a Russian one in 1995 (both named "Russia"
#: in the file), a West German one, NATO as a participant, an unknown participant (-9), and an MMEID used twice.
MME_HEADER = ("MMEID,Ex_Name,Series_Name,Location,lat,lon,StartDate,s.year,s.month,s.day,EndDate,e.year,e.month,e.day,"
              "CPX,Air,Land,Sea,Amphibious,Cyber,Warfighting,Peacekeeping,Humanitarian,FocusDescription,"
              "AdditionalParticipantInfo,StateA,StateB,StateC,StateD")
MME_ROWS = [
    "mme10,Sea Breeze,Sea Breeze,Odesa,46.4,30.7,1997-08-xx,1997,8,xx,9/5/97,1997,9,5,0,0,0,1,1,0,0,1,0,,,"
    "Ukraine,United States,-9,",
    "mme11,-9,,-9,,,5/1/85,1985,5,1,5/3/85,1985,5,3,0,1,0,0,0,0,1,0,0,,,Russia,Bulgaria,,",
    "mme12,Peace Shield,,Lviv,,,7/10/95,1995,7,10,7/20/95,1995,7,20,0,0,1,0,0,0,0,1,0,,,Russia,Ukraine,"
    "Federal Republic of Germany,NATO",
    "mme12,Cooperative Osprey,,Halifax,,,8/1/96,1996,8,1,8/9/96,1996,8,9,0,0,0,1,0,0,0,0,1,,,Canada,Bosnia & Herzegovina,,",
]


def mme_file(tmp_path, rows=MME_ROWS):
    path = tmp_path / "mme_v7.csv"
    path.write_text("\r\n".join([MME_HEADER, *rows]) + "\r\n", encoding="utf-8")  # CRLF, as the real file
    return path


@pytest.mark.slow
def test_import_mme_links_countries_to_dated_exercises_and_their_domains(tmp_path):
    import partnergraph as pg

    source = mme_file(tmp_path)
    result = run("import", "mme", source, "-o", tmp_path / "mme")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Warning: {source}:5:MMEID: MMEID mme12 names an earlier exercise too: this one is mme-12-2",
        f"Warning: {source}:4:participant: 'NATO' is not a country partnergraph can place: kept as node name:NATO",
        f"Warning: {source}:participant: 1 participant cells hold -9 (unknown): left out",
        f"wrote {tmp_path / 'mme'} (21 nodes, 19 edges; covers 1985 to 1997)"]
    ds = pg.load(tmp_path / "mme")
    joined = ds.edges[ds.edges["relation"] == "participates"]
    assert joined[["u", "v", "since", "until"]].values.tolist() == [
        ["UKR", "mme-10", "1997-08", "1997-09-06"], ["USA", "mme-10", "1997-08", "1997-09-06"],
        ["BGR", "mme-11", "1985-05-01", "1985-05-04"], ["SUN", "mme-11", "1985-05-01", "1985-05-04"],
        ["DEU", "mme-12", "1995-07-10", "1995-07-21"], ["RUS", "mme-12", "1995-07-10", "1995-07-21"],
        ["UKR", "mme-12", "1995-07-10", "1995-07-21"], ["name:NATO", "mme-12", "1995-07-10", "1995-07-21"],
        ["BIH", "mme-12-2", "1996-08-01", "1996-08-10"], ["CAN", "mme-12-2", "1996-08-01", "1996-08-10"]]
    labels = ds.nodes.set_index("id")["label"]
    assert (labels["mme-10"], labels["mme-11"], labels["SUN"], labels["sea"]) == (
        "Sea Breeze", "unnamed exercise mme11", "Soviet Union", "Sea")
    links = ds.edges[ds.edges["relation"] != "participates"][["relation", "u", "v"]].values.tolist()
    assert links == [["domains", "mme-10", "sea"], ["domains", "mme-10", "amphibious"], ["domains", "mme-11", "air"],
                     ["domains", "mme-12", "land"], ["domains", "mme-12-2", "sea"],
                     ["focuses", "mme-10", "peacekeeping"], ["focuses", "mme-11", "warfighting"],
                     ["focuses", "mme-12", "peacekeeping"], ["focuses", "mme-12-2", "humanitarian"]]
    # an exercise counts on every day it ran, and not the day after
    assert pg.members(ds, "mme-12", kind="country", as_of="1995-07-20")["id"].tolist() == ["DEU", "RUS", "UKR",
                                                                                            "name:NATO"]
    assert pg.members(ds, "mme-12", kind="country", as_of="1995-07-21")["id"].tolist() == []
    # coverage-style questions: who exercised at sea, through which exercise, in August 1997
    sea = pg.coverage(ds, rows="country", cols="domain", via="exercise", as_of="1997-08-20", col="sea")
    assert sea[["country", "via"]].values.tolist() == [["UKR", "mme-10"], ["USA", "mme-10"]]


def test_import_mme_refuses_exercises_that_end_before_they_start_unless_told_to_skip_them(tmp_path):
    import partnergraph as pg

    bad = "mme13,Backwards,,,,,5/1/85,1985,5,1,4/3/85,1985,4,3,0,1,0,0,0,0,1,0,0,,,Canada,,,"
    source = mme_file(tmp_path, [*MME_ROWS, bad])
    result = run("import", "mme", source, "-o", tmp_path / "out")
    assert result.exit_code == 1 and not (tmp_path / "out").exists()
    assert result.stderr == (f"Error: {source}:6:e.year: the exercise ends before it starts; 1 such row: row 6 (ends "
                             f"1985-04-03, starts 1985-05-01) (--skip-invalid leaves them out)\n")
    result = run("import", "mme", source, "-o", tmp_path / "out", "--skip-invalid")
    assert result.exit_code == 0
    assert f"Warning: {source}:6:e.year: the exercise ends (1985-04-03) before it starts (1985-05-01): left out" \
        in result.stderr.splitlines()
    assert "mme-13" not in set(pg.load(tmp_path / "out").nodes["id"])


def test_country_names_are_placed_without_guessing():
    from partnergraph.importers import _name_key, country_names

    names = country_names()
    placed = {n: names.get(_name_key(n)) for n in (
        "Federal Republic of Germany", "German Democratic Republic", "Congo - Kinshasa", "Congo - Brazzaville",
        "Côte d’Ivoire", "Bosnia & Herzegovina", "St. Kitts & Nevis", "Eswatini", "Hong Kong SAR China", "NATO",
        "Baltic States", "st. christopher")}
    assert placed == {
        "Federal Republic of Germany": ("cow", "260"), "German Democratic Republic": ("cow", "265"),
        "Congo - Kinshasa": ("cow", "490"), "Congo - Brazzaville": ("cow", "484"), "Côte d’Ivoire": ("cow", "437"),
        "Bosnia & Herzegovina": ("cow", "346"), "St. Kitts & Nevis": ("cow", "60"), "Eswatini": ("cow", "572"),
        "Hong Kong SAR China": ("iso3", "HKG"), "NATO": None, "Baltic States": None, "st. christopher": None}


#: DCAD's dyad-year layout (version 1.0's columns: the pair of states by Correlates of War code and letters, the year,
#: then six binary indicators). Made up for the tests: the United States and the United Kingdom (2, 200) have an
#: agreement 1980-1982 (already in force when the data begins), none in 1983, another in 1984-1985; one year is
#: listed in both orders. With the USSR/Russia (365) from 1990 to 1993, the data's last year: cut where the crosswalk
#: changes the code, and still in force when the data ends. France (220) with the German Federal Republic (260)
#: 1988-1990, then with Germany (255) in 1991: one node, one tie. Code 999 is no state; an empty indicator (blank,
#: NA, ".") is no tie.
DCAD_HEADER = "ccode1,abbrev1,ccode2,abbrev2,year,dcaGeneralV1,dcaGeneralV2,dcaSectorV1,dcaSectorV2,dcaAnyV1,dcaAnyV2"
DCAD_ROWS = [
    "2,USA,200,UKG,1980,1,1,0,0,1,1", "2,USA,200,UKG,1981,1,1,0,0,1,1", "200,UKG,2,USA,1981,1,1,0,0,1,1",
    "2,USA,200,UKG,1982,1,1,0,0,1,1", "2,USA,200,UKG,1983,0,0,0,0,0,0", "2,USA,200,UKG,1984,0,0,1,1,1,1",
    "2,USA,200,UKG,1985,0,0,1,1,1,1",
    "2,USA,365,RUS,1989,0,0,0,0,0,0", "2,USA,365,RUS,1990,0,0,0,1,0,1", "2,USA,365,RUS,1991,0,0,0,1,0,1",
    "2,USA,365,RUS,1992,0,0,0,1,0,1", "2,USA,365,RUS,1993,0,0,0,1,0,1",
    "220,FRN,260,GFR,1988,1,1,0,0,1,1", "220,FRN,260,GFR,1989,1,1,0,0,1,1", "220,FRN,260,GFR,1990,1,1,0,0,1,1",
    "220,FRN,255,GMY,1991,1,1,0,0,1,1", "220,FRN,255,GMY,1985,,,NA,NA,.,",
    "220,FRN,999,XXX,1983,0,0,1,1,1,1",
]


def dcad_file(tmp_path, rows=DCAD_ROWS):
    path = tmp_path / "DCAD-v1.0-dyadic.csv"
    path.write_text("\n".join([DCAD_HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_import_dcad_turns_dyad_years_into_dated_ties_between_countries(tmp_path):
    import partnergraph as pg

    source = dcad_file(tmp_path)
    result = run("import", "dcad", source, "-o", tmp_path / "dcad", "--indicator", "dcaAnyV1",
                 "--indicator", "DCASECTORV2")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"Warning: {source}:19:ccode2: Correlates of War code 999 is not in the state system list: kept as node cow-999",
        f"Warning: {source}: 2 indicator cells are empty or NA: read as no agreement",
        f"wrote {tmp_path / 'dcad'} (7 nodes, 8 edges; covers 1980 to 1993)"]
    ds = pg.load(tmp_path / "dcad")
    assert sorted(p.name for p in (tmp_path / "dcad").iterdir()) == [
        "datapackage.json", "dca_any_v1.csv", "dca_sector_v2.csv", "nodes.csv"]
    table = ds.edges.assign(until=ds.edges["until"].fillna(""))
    assert table[["relation", "u", "v", "since", "until", "file_row"]].values.tolist() == [
        ["dca_any_v1", "DEU", "FRA", "1988", "1992-01-01", "14"],  # GFR, then Germany: one node, one tie
        ["dca_any_v1", "FRA", "cow-999", "1983", "1984-01-01", "19"],
        ["dca_any_v1", "GBR", "USA", "1980", "1983-01-01", "2"],   # 1981 listed in both orders: one year
        ["dca_any_v1", "GBR", "USA", "1984", "1986-01-01", "7"],   # none in 1983: a second tie
        ["dca_sector_v2", "FRA", "cow-999", "1983", "1984-01-01", "19"],
        ["dca_sector_v2", "GBR", "USA", "1984", "1986-01-01", "7"],
        ["dca_sector_v2", "RUS", "USA", "1991-12-26", "", "10"],   # from the day the USSR ended, open at the data's end
        ["dca_sector_v2", "SUN", "USA", "1990", "1991-12-26", "10"]]
    assert ds.relations.loc[ds.relations["relation"] == "dca_any_v1", ["u_kind", "v_kind"]].values.tolist() == [
        ["country", "country"]]
    assert ds.nodes[["id", "label"]].values.tolist() == [
        ["DEU", "Germany"], ["FRA", "France"], ["GBR", "United Kingdom"], ["RUS", "Russia"], ["SUN", "Soviet Union"],
        ["USA", "United States"], ["cow-999", "cow-999"]]
    # who had an agreement in force with whom, year by year
    def partners(date, relation="dca_any_v1"):
        snap = ds.as_of(date).edges
        snap = snap[snap["relation"] == relation]
        return sorted(snap["u"] + "-" + snap["v"])
    assert partners(1982) == ["GBR-USA"] and partners(1983) == ["FRA-cow-999"]
    assert partners(1985) == ["GBR-USA"] and partners(1989) == ["DEU-FRA"]
    assert partners(1991) == ["DEU-FRA"] and partners(1992) == []
    assert partners(1991, "dca_sector_v2") == ["RUS-USA"] and partners("1991-06", "dca_sector_v2") == ["SUN-USA"]
    assert ds.meta["citation"].startswith("Kinne, Brandon J. 2020.")
    with pytest.warns(pg.CoverageWarning, match="the data covers 1980 to 1993; as of 1979-12-31 is outside it"):
        ds.as_of(1979)
    from frictionless import validate
    report = validate(str(tmp_path / "dcad" / "datapackage.json"))
    assert report.valid, report.flatten(["title", "rowNumber", "fieldName", "note"])


@pytest.mark.slow
def test_import_dcad_reads_every_indicator_by_default_and_names_countries_by_cow_letters(tmp_path):
    import partnergraph as pg

    source = dcad_file(tmp_path, DCAD_ROWS[:-1])
    result = run("import", "dcad", source, "-o", tmp_path / "dcad", "--ids", "cow", "--strict")
    assert result.exit_code == 0, result.output
    ds = pg.load(tmp_path / "dcad")
    assert sorted(ds.relations["relation"]) == ["dca_any_v1", "dca_any_v2", "dca_general_v1", "dca_general_v2",
                                                "dca_sector_v1", "dca_sector_v2"]
    general = ds.edges[ds.edges["relation"] == "dca_general_v1"].fillna("")
    assert general[["u", "v", "since", "until"]].values.tolist() == [
        ["FRN", "GFR", "1988", "1991-01-01"], ["FRN", "GMY", "1991", "1992-01-01"], ["UKG", "USA", "1980", "1983-01-01"]]
    sector = ds.edges[ds.edges["relation"] == "dca_sector_v2"].fillna("")
    assert sector.loc[sector["u"] == "RUS", ["v", "since", "until"]].values.tolist() == [["USA", "1990", ""]]


@pytest.mark.parametrize("rows, args, message", [
    (["2,USA,2,USA,1980,1,1,1,1,1,1"], [], ":2:ccode2: a state paired with itself (2)"),
    (["2,USA,200,UKG,1980,1,1,1,1,2,1"], [], ":2:dcaAnyV1: expected 0 or 1, got 2"),
    (["2,USA,200,UKG,,1,1,1,1,1,1"], [], ":2:year: no year: every line names two states and a year"),
    (["2,USA,200,UKG,1980,1,1,1,1,x,1"], [], ":2:dcaAnyV1: expected a whole number (0 for unknown), got 'x'"),
    (["2,USA,200,UKG,1980,1,1,1,1,1,1"], ["--indicator", "dcaAnyV3"],
     ":1: no indicator column dcaAnyV3 (the file has dcaGeneralV1, dcaGeneralV2, dcaSectorV1, dcaSectorV2, dcaAnyV1, "
     "dcaAnyV2)"),
    ([], [], ": no dyad-years: the file holds its header only"),
    (["2,USA,999,XXX,1980,1,1,1,1,1,1"], ["--strict"],
     ":2:ccode2: Correlates of War code 999 is not in the state system list (--strict: every code must be placed)"),
    (["2,USA,200,UKG,1980,1,1,1,1,1,1"], ["--coverage-end", "2012"],
     "--coverage-end is for atop and mme, not dcad (a dyad-year file covers the years it lists)"),
])
def test_import_dcad_bad_files_are_one_line_and_write_nothing(tmp_path, rows, args, message):
    source = dcad_file(tmp_path, rows)
    result = run("import", "dcad", source, "-o", tmp_path / "out", *args)
    assert result.exit_code in (1, 2) and not (tmp_path / "out").exists()
    assert len(result.stderr.strip().splitlines()) == 1 or "Usage" in result.stderr, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_import_dcad_names_an_unknown_code_where_the_file_first_has_it_with_either_kind_of_id(tmp_path):
    source = dcad_file(tmp_path, [*DCAD_ROWS[:2], "999,XXX,2,USA,1980,0,0,0,0,0,0", "2,USA,999,XXX,1981,1,1,1,1,1,1"])
    for ids in ("cow", "iso3"):
        result = run("import", "dcad", source, "-o", tmp_path / ids, "--ids", ids)
        assert result.exit_code == 0, result.output
        assert result.stderr.splitlines()[0] == (f"Warning: {source}:4:ccode1: Correlates of War code 999 is not in "
                                                 f"the state system list: kept as node cow-999")


def test_a_malformed_latin1_file_is_a_data_error_not_a_parser_error(tmp_path):
    """The Latin-1 retry once ran outside the error handling: pandas' ParserError escaped for a file that was both
    not UTF-8 and malformed."""
    bad = tmp_path / "atop.csv"
    bad.write_bytes(b'atopid,member,yrent,yrexit\n1001,2,1950,0\n1002,"C\xf4te,1950,0\n')
    with pytest.raises(DataError) as raised:
        atop(bad)
    assert raised.value.problems[0].type == "unreadable" and raised.value.path == str(bad)


def test_an_alliance_table_given_as_a_frame_is_named_as_such_in_errors(tmp_path):
    """The error's path was the whole DataFrame printed out."""
    members = tmp_path / "m.csv"
    members.write_text("atopid,member,yrent,moent,dayent,yrexit,moexit,dayexit\n1001,2,1950,1,1,0,0,0\n"
                       "1001,200,1950,1,1,0,0,0\n")
    with pytest.raises(DataError) as raised:
        atop(members, alliances=pd.DataFrame({"x": [1]}))
    assert str(raised.value) == "ATOP alliance file:1: not an ATOP alliance-level file: no column atopid"
