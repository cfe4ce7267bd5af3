"""The bundled NATO dataset: sourced, dated, and right on facts checked against nato.int pages."""
import warnings

import pandas as pd
import pytest

import partnergraph as pg


@pytest.fixture(scope="module")
def nato():
    return pg.load()


def members(ds, framework, when):
    snap = ds.as_of(when).edges
    rows = snap[(snap["relation"] == "memberships") & (snap["v"] == framework)]
    return sorted(rows["u"])


def test_every_edge_has_a_source_and_memberships_have_dates(nato):
    edges = nato.edges
    assert edges["source"].str.match(r"https?://[^\s]+$").all()
    # nato.int pages first: most facts rest on NATO's own pages
    assert edges["source"].str.contains(r"^https?://(?:[a-z0-9-]+\.)*nato\.int/").mean() >= 0.85
    # where a row's dates come from another page than its source, that page is cited too
    cited = edges["dates_source"].dropna()
    assert cited.str.match(r"https?://[^\s]+$").all()
    members = edges[edges["relation"] == "memberships"]
    assert members["since"].notna().all()
    ended = members["status"].isin(["joined-nato", "ended", "observer"])
    assert members.loc[ended, "until"].notna().all()
    assert set(members["status"]) <= {"active", "joined-nato", "suspended", "ended", "observer"}
    # an active or suspended period that ends is followed, that day, by the next period of the same pair
    periods = members.set_index(["u", "v", "since"])
    for row in members[members["until"].notna() & members["status"].isin(["active", "suspended"])].itertuples():
        assert (row.u, row.v, row.until) in periods.index, (row.u, row.v, row.until)


def test_every_node_has_a_source(nato):
    assert nato.nodes["source"].str.match(r"https?://").all()
    assert nato.nodes["lifetime_source"].dropna().str.match(r"https?://[^\s]+$").all()
    assert set(nato.nodes["kind"]) == {"country", "framework", "activity", "threat"}
    countries = nato.nodes[nato.nodes["kind"] == "country"]["id"]
    assert countries.str.fullmatch(r"[A-Z]{3}").all()  # ISO 3166-1 alpha-3


def test_the_frameworks_design_names_are_all_there(nato):
    frameworks = set(nato.nodes.loc[nato.nodes["kind"] == "framework", "id"])
    assert {"pfp", "eapc", "md", "ici", "pag", "eop", "pii", "dcb", "nuc", "nukc", "ngc", "nrc"} <= frameworks


def test_relations_link_the_right_kinds(nato):
    assert nato.relations[["relation", "u_kind", "v_kind"]].values.tolist() == [
        ["addresses", "activity", "threat"], ["covers", "framework", "threat"],
        ["memberships", "country", "framework"], ["offers", "framework", "activity"],
        ["part_of", "activity", "activity"], ["participates", "country", "activity"]]


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
    # partners across the globe from their first formal document: Japan's joint declaration of April 2013,
    # Australia's of 14 June 2012, Pakistan's first annual package of activities in 2009
    ("pag", "2013-03", ["AFG", "AUS", "IRQ", "KOR", "MNG", "NZL", "PAK"]),
    ("pag", "2013-04", ["AFG", "AUS", "IRQ", "JPN", "KOR", "MNG", "NZL", "PAK"]),
    ("pag", "2012-06-13", ["AFG", "MNG", "NZL", "PAK"]),
    ("pag", "2012-06-14", ["AFG", "AUS", "MNG", "NZL", "PAK"]),
    ("pag", 2008, ["AFG"]),
    ("pag", 2024, ["AFG", "AUS", "COL", "IRQ", "JPN", "KOR", "MNG", "NZL", "PAK"]),
])
def test_membership_as_of(nato, framework, when, expected):
    assert members(nato, framework, when) == expected


PFP_2025 = ["ARM", "AUT", "AZE", "BIH", "BLR", "CHE", "GEO", "IRL", "KAZ", "KGZ", "MDA", "MLT", "RUS", "SRB",
            "TJK", "TKM", "UKR", "UZB"]


@pytest.mark.parametrize("framework, when, expected", [
    ("pfp", 2025, PFP_2025),
    ("eapc", 2025, PFP_2025),
    ("eop", 2024, ["AUS", "GEO", "JOR", "UKR"]),
    ("eop", 2022, ["AUS", "FIN", "GEO", "JOR", "SWE", "UKR"]),
    ("eop", 2019, ["AUS", "FIN", "GEO", "JOR", "SWE"]),
    ("dcb", 2024, ["BIH", "GEO", "IRQ", "JOR", "MDA", "MRT", "TUN"]),
    ("nukc", "2023-07-11", ["UKR"]),
    ("nukc", "2023-07-12", []),
    ("nuc", "2023-07-12", ["UKR"]),
    ("ngc", "2008-09-14", []),
    ("ngc", "2008-09-15", ["GEO"]),
    ("pjc", 2001, ["RUS"]),
    ("pjc", 2002, []),
    ("nrc", 2024, ["RUS"]),  # formally kept, cooperation suspended (status says so)
    ("nacc", 1996, None),
    ("nacc", 1997, []),
])
def test_more_memberships_as_of(nato, framework, when, expected):
    got = members(nato, framework, when)
    if expected is None:
        assert len(got) > 15
    else:
        assert got == expected


def test_countries_that_joined_nato_left_the_partnership_on_accession_day(nato):
    pfp = nato.edges[(nato.edges["v"] == "pfp")].set_index("u")
    accession = {"CZE": "1999-03-12", "HUN": "1999-03-12", "POL": "1999-03-12", "BGR": "2004-03-29",
                 "EST": "2004-03-29", "LVA": "2004-03-29", "LTU": "2004-03-29", "ROU": "2004-03-29",
                 "SVK": "2004-03-29", "SVN": "2004-03-29", "ALB": "2009-04-01", "HRV": "2009-04-01",
                 "MNE": "2017-06-05", "MKD": "2020-03-27", "FIN": "2023-04-04", "SWE": "2024-03-07"}
    for country, day in accession.items():
        assert pfp.loc[country, "until"] == day, country
        assert pfp.loc[country, "status"] == "joined-nato"
    assert "POL" in members(nato, "pfp", "1999-03-11") and "POL" not in members(nato, "pfp", "1999-03-12")
    assert "SWE" in members(nato, "pfp", "2024-03-06") and "SWE" not in members(nato, "pfp", 2024)


def test_malta_suspended_its_participation_and_came_back(nato):
    # NATO: "Malta joined the PfP in April 1995, but suspended its participation in October 1996" (news_7192)
    rows = nato.edges[(nato.edges["u"] == "MLT") & (nato.edges["v"] == "pfp")]
    assert rows[["since", "until", "status"]].fillna("").values.tolist() == [
        ["1995-04-26", "1996-10", "active"], ["1996-10", "2008-04-03", "suspended"], ["2008-04-03", "", "active"]]
    status = lambda when: pg.members(nato, "pfp", as_of=when).set_index("id")["status"].get("MLT")
    assert (status("1996-09"), status(2000), status("2008-04-02"), status("2008-04-03")) == (
        "active", "suspended", "suspended", "active")
    # who takes part in what leaves the suspension out
    assert pg.reach(nato, "MLT", as_of=2000).empty and not pg.reach(nato, "MLT", as_of=2010).empty


def test_ukraine_joined_the_nacc_in_january_1992_not_at_its_inaugural_meeting(nato):
    rows = nato.edges[(nato.edges["u"] == "UKR") & (nato.edges["v"] == "nacc")]
    assert rows[["since", "until", "source"]].values.tolist() == [
        ["1992-01", "1997-05-30", "https://mfa.gov.ua/en/about-ukraine/cooperation-international-organizations/nato"]]
    assert "UKR" not in members(nato, "nacc", "1991-12-31") and "UKR" in members(nato, "nacc", "1992-01-31")
    # the inaugural statement, Czechoslovakia among them, Russia succeeding the Soviet Union
    founders = ["BGR", "CSK", "EST", "HUN", "LTU", "LVA", "POL", "ROU", "RUS"]
    assert members(nato, "nacc", "1991-12-20") == founders
    assert "ALB" not in members(nato, "nacc", "1992-06-04") and "ALB" in members(nato, "nacc", "1992-06-05")


def test_nacc_observers_are_listed_as_observers_and_left_out_of_who_does_what(nato):
    listed = pg.members(nato, "nacc", as_of=1995).set_index("id")["status"]
    assert listed[["FIN", "SVN", "SWE"]].tolist() == ["observer"] * 3
    assert "FIN" not in set(listed.index[listed == "ended"])
    assert "observer" in nato.inactive_statuses
    assert {"FIN", "SVN", "SWE"} <= set(nato.as_of(1995).edges["u"])
    active = nato.snapshot(1995, include_suspended=False).edges
    assert not (active["u"].isin(["FIN", "SVN", "SWE"]) & (active["v"] == "nacc")).any()
    assert "FIN" not in members(nato, "nacc", "1994-06-09") and "FIN" in members(nato, "nacc", "1994-06-10")


def test_suspensions_begin_on_their_day_and_earlier_periods_stay_active(nato):
    rows = nato.edges[nato.edges["u"].isin(["RUS", "BLR", "AFG"]) & (nato.edges["relation"] == "memberships")]
    current = rows[rows["until"].isna() & rows["v"].isin(["pfp", "eapc", "nrc", "pag"])]
    assert sorted(current[["u", "v", "since", "status"]].values.tolist()) == [
        ["AFG", "pag", "2021-08-20", "suspended"],
        ["BLR", "eapc", "2021-11", "suspended"], ["BLR", "pfp", "2021-11", "suspended"],
        ["RUS", "eapc", "2014-04-01", "suspended"], ["RUS", "nrc", "2014-04-01", "suspended"],
        ["RUS", "pfp", "2014-04-01", "suspended"]]
    status = lambda country, framework, when: pg.members(nato, framework, as_of=when).set_index("id").loc[
        country, "status"]
    assert status("RUS", "pfp", "2014-03-31") == "active" and status("RUS", "pfp", "2014-04-01") == "suspended"
    assert status("RUS", "nrc", "2008-12") == "suspended" and status("RUS", "nrc", 2010) == "active"
    assert status("BLR", "eapc", 2020) == "active" and status("BLR", "eapc", 2022) == "suspended"
    assert status("AFG", "pag", 2020) == "active" and status("AFG", "pag", 2022) == "suspended"
    # who does what: Russia reached threats through PfP in 2010, and reaches none once suspended
    assert not pg.reach(nato, "RUS", as_of=2010).empty
    assert pg.reach(nato, "RUS", as_of=2020).empty
    assert not pg.reach(nato, "RUS", as_of=2020, include_suspended=True).empty


def test_framework_lifetimes(nato):
    nodes = nato.nodes.set_index("id")
    lifetimes = nodes.loc[nodes["kind"] == "framework", ["since", "until"]].fillna("")
    assert lifetimes.to_dict("index") == {
        "pfp": {"since": "1994-01-10", "until": ""}, "eapc": {"since": "1997-05-30", "until": ""},
        "nacc": {"since": "1991-12-20", "until": "1997-05-30"}, "md": {"since": "1994-12", "until": ""},
        "ici": {"since": "2004-06-28", "until": ""}, "pag": {"since": "", "until": ""},
        "eop": {"since": "2014", "until": ""}, "pii": {"since": "2014", "until": ""},
        "dcb": {"since": "2014-09", "until": ""}, "nukc": {"since": "1997-07-09", "until": "2023-07-12"},
        "nuc": {"since": "2023-07-12", "until": ""}, "ngc": {"since": "2008-09-15", "until": ""},
        "nrc": {"since": "2002-05-28", "until": ""}, "pjc": {"since": "1997-05-27", "until": "2002-05-28"},
        "itpp": {"since": "2021-03", "until": ""}, "ipcp": {"since": "2011-04-15", "until": ""},
        "ipap": {"since": "2002-11", "until": ""}, "anp": {"since": "2008-12-03", "until": ""},
        "map": {"since": "1999-04-24", "until": ""}, "intensified-dialogue": {"since": "1997-12-16", "until": ""},
    }
    # every framework and activity has a lifetime but the umbrella 'partners across the globe', which NATO never
    # dates (its ties carry their own dates)
    undated = nodes[nodes["kind"].isin(["framework", "activity"]) & nodes["since"].isna()].index.tolist()
    assert undated == ["pag"]
    # activities that began later than the partnerships have their start
    assert nodes.loc["building-integrity", "since"] == "2007-11"
    assert nodes.loc["science-for-peace-and-security", "since"] == "1992-10"  # opened to partners
    assert nodes.loc["trust-funds", "since"] == "2000-09"


def test_validate_finds_no_warning_in_the_bundled_data():
    assert [str(p) for p in pg.validate(pg.bundled_path())] == []


def test_bundled_descriptor(nato):
    assert nato.title == "NATO's partnerships with non-member countries"
    assert nato.coverage_text() == "1991 to 2026-11-30"
    assert nato.default_date().isoformat() == "2026-11-30"
    import json
    described = json.loads((pg.bundled_path() / "datapackage.json").read_text())
    assert sorted(r["path"] for r in described["resources"]) == sorted(p.name for p in pg.bundled_path().glob("*.csv"))


def test_activities_and_threats_are_linked_with_sources(nato):
    e = nato.edges
    pairs = set(zip(e["relation"], e["u"], e["v"]))
    assert ("offers", "pfp", "parp") in pairs
    assert ("addresses", "science-for-peace-and-security", "energy-security") in pairs
    assert ("covers", "ici", "terrorism") in pairs
    # every threat is reached by some framework, directly or through an activity
    threats = set(nato.nodes.loc[nato.nodes["kind"] == "threat", "id"])
    reached = set(e.loc[e["relation"].isin(["covers", "addresses"]), "v"])
    assert threats == reached


def test_indo_pacific_partners_are_not_partnership_for_peace_members(nato):
    assert set(nato.nodes["id"]) >= {"JPN", "AUS", "KOR", "NZL"}
    for country in ("JPN", "AUS", "KOR", "NZL"):
        frameworks = set(nato.edges[(nato.edges["u"] == country) & (nato.edges["relation"] == "memberships")]["v"])
        assert "pfp" not in frameworks and "eapc" not in frameworks
        assert "pag" in frameworks


def test_oman_and_saudi_arabia_are_not_ici_members(nato):
    assert not nato.edges[nato.edges["v"] == "ici"]["u"].isin(["OMN", "SAU"]).any()


def test_every_country_carries_its_correlates_of_war_and_gleditsch_ward_codes(nato):
    """The bundled countries' cow and gwcode are those of the crosswalk's current line for their ISO code."""
    from partnergraph.importers import country_crosswalk

    walk = country_crosswalk()
    current = walk[walk["until"] == ""].drop_duplicates("iso3").set_index("iso3")
    countries = nato.nodes[nato.nodes["kind"] == "country"].set_index("id")
    assert countries["cow"].notna().all() and countries["gwcode"].notna().all()
    assert (countries["cow"] == current.loc[countries.index, "cow"]).all()
    assert (countries["gwcode"] == current.loc[countries.index, "gwcode"]).all()
    assert nato.nodes.loc[nato.nodes["kind"] != "country", ["cow", "gwcode"]].isna().all().all()
    assert countries.loc[["SRB", "RUS", "JPN"], ["cow", "gwcode"]].values.tolist() == [
        ["345", "340"], ["365", "365"], ["740", "740"]]


def test_every_edge_lies_within_both_endpoints_lifetimes(nato):
    """No anachronism: each row's own dates sit inside both ends' lifetimes, at the precision written.

    A row may leave ``since`` empty only where an endpoint's lifetime starts it, and ``until`` empty only
    where neither endpoint has ended, so no row counts before 1990 or past an end a source gives.
    """
    from partnergraph.asof import date_bounds

    nodes = nato.nodes.set_index("id")
    e = nato.edges.reset_index(drop=True)
    e_since, e_until = date_bounds(e["since"]), date_bounds(e["until"])
    problems = []
    for side in ("u", "v"):
        n_since = date_bounds(nodes.loc[e[side], "since"].reset_index(drop=True))
        n_until = date_bounds(nodes.loc[e[side], "until"].reset_index(drop=True))
        starts_before = e_since[1] < n_since[0]  # NaT compares False: an open side is checked below
        ends_after = e_until[0] > n_until[1]
        open_past_end = e["until"].isna().to_numpy() & ~pd.isna(n_until[0])
        for mask, what in ((starts_before, "starts before"), (ends_after, "ends after"),
                           (open_past_end, "stays open past the end of")):
            problems += [f"{r.relation} {r.u}-{r.v} {r.since}..{r.until} {what} {getattr(r, side)}"
                         for r in e[mask].itertuples()]
    some_start = e["since"].notna() | nodes.loc[e["u"], "since"].notna().to_numpy() \
        | nodes.loc[e["v"], "since"].notna().to_numpy()
    problems += [f"{r.relation} {r.u}-{r.v}: nothing dates its start" for r in e[~some_start].itertuples()]
    assert problems == []
    # so at every year's end from 1990, each tie of the snapshot holds inside its ends' lifetimes
    for year in range(1990, 2027):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pg.CoverageWarning)  # 1990 and 2026's end lie outside the coverage
            snap = nato.as_of(year)
        assert set(snap.edges["u"]) | set(snap.edges["v"]) <= set(snap.nodes["id"])


def test_partners_across_the_globe_follow_one_rule_and_keep_the_dialogue_start(nato):
    """A global partner's row starts with the first formal document NATO names (a joint declaration, an IPCP, for
    Pakistan the first annual package of activities); the start of dialogue, where NATO gives one, is its own column."""
    rows = nato.edges[(nato.edges["relation"] == "memberships") & (nato.edges["v"] == "pag")]
    first = rows.sort_values("since").drop_duplicates("u").set_index("u")
    assert first.loc[["AUS", "NZL", "JPN", "KOR", "MNG", "PAK", "IRQ", "AFG", "COL"], "since"].tolist() == [
        "2012-06-14", "2012-06-04", "2013-04", "2012-09", "2012-03", "2009", "2012-09", "2006-09-06", "2017-05"]
    assert first.loc[["AUS", "NZL", "KOR", "MNG", "PAK", "IRQ", "AFG", "COL"], "dialogue_since"].tolist() == [
        "2005", "2001", "2005", "2005", "2005", "2004", "2005-12", "2013"]
    assert pd.isna(first.loc["JPN", "dialogue_since"])  # NATO says "the early 1990s", no year
    assert first["dialogue_source"].dropna().str.match(r"https?://(www\.)?nato\.int/").all()
    # Australia: the joint political declaration of 14 June 2012 came before its IPCP of 21 February 2013
    ipcp = nato.edges[(nato.edges["u"] == "AUS") & (nato.edges["v"] == "ipcp")]
    assert ipcp[["since", "until", "status"]].values.tolist() == [["2013-02-21", "2023", "ended"]]


def test_eapc_nacc_and_pfp_rows_cite_what_dates_them(nato):
    m = nato.edges[nato.edges["relation"] == "memberships"].set_index(["u", "v"])
    founders = ["ALB", "BGR", "CZE", "EST", "HUN", "LTU", "LVA", "MKD", "POL", "ROU", "SVK", "SVN"]
    sintra = {"EST": "s970530d", "MKD": "s970530g", "SVK": "s970530m", "LTU": "opinions_25675"}
    for c in founders:
        row = m.loc[(c, "eapc")]
        assert row["since"] == "1997-05-30" and row["status"] == "joined-nato"
        assert sintra.get(c, "b970530a") in row["source"]  # the start: Sintra or the EAPC Basic Document
        assert row["dates_source"] != row["source"]  # the end: the accession page
    for c in ("BIH", "MNE", "SRB"):  # invited to PfP and the EAPC at Riga
        assert m.loc[(c, "eapc"), "source"].endswith("official_texts_37920.htm") and m.loc[(c, "eapc"), "since"] == "2006"
    nacc = m.xs("nacc", level="v")
    assert nacc.loc["CSK", ["since", "until", "status"]].tolist() == ["1991-12-20", "1993-01-01", "ended"]
    assert nacc.loc[["CZE", "SVK"], "since"].tolist() == ["1993-03-29", "1993-03-29"]
    assert nato.nodes.set_index("id").loc["CSK", "until"] == "1993-01-01"  # the state ended; its ties with it
    pfp = m.xs("pfp", level="v").reset_index().sort_values("since").drop_duplicates("u").set_index("u")  # first periods
    assert pfp.loc[["CHE", "AUT", "BLR", "SVK"], "since"].tolist() == ["1996-12-11", "1995-02", "1995-01", "1994-02"]
    assert pfp.loc[["CHE", "AUT", "BLR", "SVK"], "dates_source"].notna().all()


@pytest.mark.parametrize("framework, when, expected", [
    ("itpp", "2021-12-07", []),
    ("itpp", "2021-12-08", ["COL"]),
    ("itpp", 2025, ["AUS", "COL", "JPN", "KOR", "MNG"]),
    ("ipcp", 2020, ["AUS", "COL", "IRQ", "JPN", "KOR", "MNG", "NZL"]),
    ("ipcp", 2024, ["IRQ", "NZL"]),  # the others moved to an ITPP
    ("ipap", "2004-10-28", []),
    ("ipap", "2004-10-29", ["GEO"]),  # the first IPAP
    ("ipap", 2010, ["ARM", "AZE", "BIH", "KAZ", "MDA", "MNE"]),
    ("map", 2003, ["ALB", "BGR", "EST", "HRV", "LTU", "LVA", "MKD", "ROU", "SVK", "SVN"]),
    ("map", 2005, ["ALB", "HRV", "MKD"]),
    ("map", 2011, ["BIH", "MKD", "MNE"]),
    ("intensified-dialogue", 2007, ["GEO", "UKR"]),
    ("anp", 2024, ["GEO", "UKR"]),
    ("pii", 2017, ["AUT", "CHE", "FIN", "IRL", "SWE"]),  # the Interoperability Platform
    ("pii", 2025, ["AUT", "CHE", "IRL"]),
])
def test_programme_and_platform_members_as_of(nato, framework, when, expected):
    assert members(nato, framework, when) == expected


@pytest.mark.parametrize("country, activity, since, until", [
    ("RUS", "ifor", "1996-01-05", "1996-12"),
    ("RUS", "sfor", "1996-12", "2003-06-14"),
    ("CHE", "kfor", "1999-10", None),
    ("MAR", "kfor", "1999", "2014-01-18"),
    ("KOR", "isaf", "2010-04", "2014-06-23"),
    ("FIN", "resolute-support", "2015-01-01", "2021-06"),
    ("RUS", "active-endeavour", "2006-09", "2010-07"),
    ("UKR", "ocean-shield", "2013-10-12", "2014-01-03"),
    ("SWE", "unified-protector", "2011-03-23", "2011-10-31"),
    ("AUS", "nato-mission-iraq", "2024-05", None),
    ("GEO", "sea-guardian", "2016-11-09", None),
    ("UZB", "parp", "2002", "2018-01-01"),
])
def test_who_takes_part_in_what_sample_per_operation(nato, country, activity, since, until):
    rows = nato.edges[(nato.edges["relation"] == "participates") & (nato.edges["u"] == country)
                      & (nato.edges["v"] == activity)]
    assert rows[["since", "until"]].values.tolist() == [[since, until if until else rows["until"].iloc[0]]]
    assert (until is None) == rows["until"].isna().all()


def test_participation_rests_on_natos_own_word(nato):
    """Who takes part in what: a nato.int page, or a copy of a NATO document; other pages only date a row."""
    part = nato.edges[nato.edges["relation"] == "participates"]
    nato_int = part["source"].str.contains(r"^https?://(?:[a-z0-9-]+\.)*nato\.int/")
    copies = part.loc[~nato_int, "source"].str.contains(
        r"nato\.org\.tr/|atlanticcouncil\.org/blogs/natosource/|chronicle|kosovo-force|joint-effects-cell|scribd\.com")
    assert copies.all() and nato_int.mean() > 0.9
    assert sorted(set(part.loc[part["v"] == "cooperative-bridge-1994", "u"])) == [
        "BGR", "CZE", "LTU", "POL", "ROU", "SVK", "UKR"]  # the first PfP exercise, September 1994
    # operations and exercises are instances of activity types, over their own lifetimes
    part_of = nato.edges[nato.edges["relation"] == "part_of"].set_index("u")
    assert part_of.loc["isaf", "v"] == "crisis-management-operations"
    assert part_of.loc["cooperative-bridge-1994", ["v", "since", "until"]].tolist() == [
        "joint-exercises", "1994-09-12", "1994-09-17"]


def test_coverage_answers_which_partners_engage_on_maritime_security_and_through_what(nato):
    at = lambda when: pg.coverage(nato, rows="country", col="maritime-security", as_of=when)[
        ["country", "via"]].values.tolist()
    assert at(2008) == [["RUS", "active-endeavour"], ["UKR", "active-endeavour"]]
    assert at(2014) == [["GEO", "active-endeavour"], ["MAR", "active-endeavour"], ["NZL", "ocean-shield"]]
    assert at(2000) == []  # no partner in a maritime operation yet


def test_the_dataset_is_deep_enough_and_mostly_sourced_on_nato_int(nato):
    e = nato.edges
    assert len(e) >= 600
    assert e["source"].str.contains(r"^https?://(?:[a-z0-9-]+\.)*nato\.int/").mean() >= 0.85
    nodes = nato.nodes
    assert nodes.loc[nodes["kind"].isin(["framework", "activity"]), "since"].notna().sum() == \
        nodes["kind"].isin(["framework", "activity"]).sum() - 1  # all but the undated umbrella 'pag'
