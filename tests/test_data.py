"""The bundled NATO dataset: sourced, dated, and right on facts checked against nato.int pages."""
import pytest

import partnergraph as pg


@pytest.fixture(scope="module")
def nato():
    return pg.load()


def members(ds, framework, when):
    snap = ds.as_of(when).edges
    rows = snap[(snap["relation"] == "memberships") & (snap["v"] == framework)]
    return sorted(rows["u"])


def test_every_edge_has_a_nato_source_and_a_since_date(nato):
    edges = nato.edges
    assert edges["source"].notna().all()
    assert edges["source"].str.match(r"https://www\.nato\.int/").all()
    assert edges["since"].notna().all()
    ended = edges["status"].isin(["ended", "left", "joined NATO"])
    assert edges.loc[ended, "until"].notna().all()


def test_every_node_has_a_source(nato):
    assert nato.nodes["source"].str.match(r"https://www\.nato\.int/").all()
    assert set(nato.nodes["kind"]) <= {"country", "framework", "activity", "threat"}
    countries = nato.nodes[nato.nodes["kind"] == "country"]["id"]
    assert countries.str.fullmatch(r"[A-Z]{3}").all()  # ISO 3166-1 alpha-3


@pytest.mark.parametrize("framework, when, expected", [
    ("md", 1994, []),
    ("md", 1995, ["EGY", "ISR", "JOR", "MAR", "MRT", "TUN"]),
    ("md", 1999, ["EGY", "ISR", "JOR", "MAR", "MRT", "TUN"]),
    ("md", 2000, ["DZA", "EGY", "ISR", "JOR", "MAR", "MRT", "TUN"]),
    ("md", 2024, ["DZA", "EGY", "ISR", "JOR", "MAR", "MRT", "TUN"]),
    ("ici", 2004, []),
    ("ici", "2005-06-21", ["BHR", "KWT", "QAT"]),
    ("ici", "2005-06-22", ["ARE", "BHR", "KWT", "QAT"]),
    ("ici", 2024, ["ARE", "BHR", "KWT", "QAT"]),
    ("pag", "2014-05-05", ["AFG", "AUS", "IRQ", "KOR", "MNG", "NZL", "PAK"]),
    ("pag", "2014-05-06", ["AFG", "AUS", "IRQ", "JPN", "KOR", "MNG", "NZL", "PAK"]),
    ("pag", 2024, ["AFG", "AUS", "COL", "IRQ", "JPN", "KOR", "MNG", "NZL", "PAK"]),
])
def test_membership_as_of(nato, framework, when, expected):
    assert members(nato, framework, when) == expected


def test_framework_launch_dates(nato):
    launched = nato.nodes.set_index("id")["launched"]
    assert launched["md"] == "1994"
    assert launched["ici"] == "2004-06-28"


def test_indo_pacific_partners_are_not_partnership_for_peace_members(nato):
    for country in ("JPN", "AUS", "KOR", "NZL"):
        frameworks = set(nato.edges[(nato.edges["u"] == country) & (nato.edges["relation"] == "memberships")]["v"])
        assert "pfp" not in frameworks and "eapc" not in frameworks
        assert "pag" in frameworks


def test_oman_and_saudi_arabia_are_not_ici_members(nato):
    assert not nato.edges[nato.edges["v"] == "ici"]["u"].isin(["OMN", "SAU"]).any()
