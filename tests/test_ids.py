"""Every command that takes an id accepts the id, the id in another case, or a label; an id of the wrong kind is
an error that names its kind (and, where one fits, the command meant)."""
import pytest
from click.testing import CliRunner

import partnergraph as pg
from partnergraph.cli import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


SAME = [  # the same answer whatever way the node is named
    (["members", "{}"], ["pfp", "PfP", "partnership for peace", "PARTNERSHIP FOR PEACE"]),
    (["frameworks", "{}"], ["JPN", "jpn", "Japan"]),
    (["reach", "{}", "--format", "csv"], ["UKR", "ukr", "ukraine"]),
    (["ego", "{}", "--format", "csv"], ["md", "MD", "mediterranean dialogue", "Mediterranean-Dialogue"]),
    (["path", "{}", "GEO", "--format", "csv"], ["JPN", "japan"]),
    (["whatif", "--remove", "{}", "--format", "csv"], ["science-for-peace-and-security", "Science for Peace and Security (SPS)"]),
    (["coverage", "--explain", "{}", "terrorism", "--format", "csv"], ["ici", "istanbul cooperation initiative"]),
    (["coverage", "--col", "{}", "--format", "csv"], ["cyber", "cyber threats"]),
    (["gaps", "--col", "{}", "--format", "csv"], ["hybrid", "Hybrid threats"]),
    (["timeline", "--framework", "{}", "--format", "csv"], ["eapc", "Euro-Atlantic Partnership Council"]),
]


@pytest.mark.slow
@pytest.mark.parametrize("args, names", SAME, ids=[a[0] + ("-" + a[1] if a[1].startswith("--") else "") for a, _ in SAME])
def test_an_id_in_any_case_or_a_label_names_the_node(args, names):
    outputs = []
    for name in names:
        result = run(*[a.replace("{}", name) for a in args])
        assert result.exit_code == 0, (name, result.output)
        outputs.append(result.stdout)
    assert len(set(outputs)) == 1 and outputs[0].count("\n") >= 2


@pytest.mark.slow
def test_map_focus_takes_a_label(tmp_path):
    a, b = tmp_path / "a.html", tmp_path / "b.html"
    assert run("map", "--focus", "md", "-o", a).exit_code == 0
    assert run("map", "--focus", "Mediterranean Dialogue", "-o", b).exit_code == 0
    assert a.read_bytes() == b.read_bytes()


@pytest.mark.parametrize("args, message", [
    (["members", "JPN"], "JPN is a country; members lists the country nodes in a node of another kind: "
                         "did you mean `partnergraph frameworks JPN`?"),
    (["frameworks", "pfp"], "pfp is a framework; frameworks lists the framework nodes a node of another kind is in: "
                            "did you mean `partnergraph members pfp`?"),
    (["members", "cyber"], "'cyber' is a threat, and no relation links threat and country nodes; threat nodes are "
                           "linked to activity, framework nodes"),
    (["reach", "cyber"], "cyber is a threat; reach lists the threat nodes a framework or its members reach: "
                         "did you mean `partnergraph coverage --col cyber`?"),
    (["reach", "joint-exercises"], "'joint-exercises' is an activity: reach starts from a framework or from a node "
                                   "that belongs to one (country)"),
    (["timeline", "--framework", "JPN"], "'JPN' is a country, not something country nodes belong to; they are "
                                         "linked to framework, activity"),
    (["coverage", "--explain", "terrorism", "ici"], "'terrorism' is a threat, not a framework"),
    (["coverage", "--col", "pfp"], "'pfp' is a framework, not a threat"),
    (["gaps", "--col", "JPN"], "'JPN' is a country, not a threat"),
    (["map", "--focus", "JPN", "--kinds", "threat", "-o", "{tmp}/m.html"],
     "'JPN' is a country, which the kinds shown leave out; add it to the kinds or focus on another node"),
    (["members", "Georgi"], "unknown id 'Georgi'; did you mean GEO (Georgia)?"),
    (["members", "mediteranean"], "unknown id 'mediteranean'; did you mean md (Mediterranean Dialogue)?"),
])
def test_an_id_of_the_wrong_kind_says_so(tmp_path, args, message):
    result = run(*[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {message}\n"
    assert not (tmp_path / "m.html").exists()


def test_an_ambiguous_label_asks_for_the_id(make):
    folder = make(**{"nodes__csv": "id,kind,label\nFIN,country,Finland\nfin2,country,Finland\npfp,framework,PfP\n"
                                   "SWE,country,S\nJPN,country,J\npag,framework,P\ncyber,threat,C\n"})
    result = run("frameworks", "finland", "--data", folder)
    assert result.exit_code == 1 and result.stderr.endswith("Error: 'finland' could be any of FIN, fin2: give the id\n")


def test_whatif_says_when_it_cannot_check_reach(make):
    folder = make(files={"offers.csv": "framework,activity\nf1,a1\n", "addresses.csv": "activity,threat\na1,t1\n"})
    result = run("whatif", "--remove", "a1", "--data", folder, "--format", "csv")
    assert result.stdout.splitlines() == ["lost,id,label,threat", "coverage,f1,f1,t1"]
    assert result.stderr == ("without a1: 1 framework-threat pair lost; no framework covers t1 any more\n"
                             "note: no country nodes, so no reach was checked; --members names the kind whose reach "
                             "to check (none here)\n")


def test_the_python_api_takes_labels_too():
    nato = pg.load()
    assert pg.members(nato, "Partnership for Peace", as_of=2020).equals(pg.members(nato, "pfp", as_of=2020))
    assert pg.reach(nato, "japan").equals(pg.reach(nato, "JPN"))
    with pytest.raises(pg.PartnergraphError, match="is a threat"):
        pg.reach(nato, "cyber")


def test_a_relation_between_nodes_of_one_kind_is_seen_from_both_ends(make):
    folder = make(files={"borders.csv": "country,country,since\nFIN,SWE,1995\nNOR,SWE,1995\nFIN,NOR,1995\n"})
    ds = pg.load(folder)
    for node, expected in (("SWE", ["FIN", "NOR"]), ("FIN", ["NOR", "SWE"]), ("NOR", ["FIN", "SWE"])):
        assert pg.members(ds, node, kind="country")["id"].tolist() == expected
        assert pg.frameworks(ds, node, kind="country")["id"].tolist() == expected
        assert sorted(pg.ego(ds, node)["id"])[0:3] == sorted([node, *expected])
    result = run("members", "SWE", "--kind", "country", "--data", folder, "--format", "csv")
    assert result.stdout.splitlines()[1:] == ["FIN,FIN,country,1995,,", "NOR,NOR,country,1995,,"]


@pytest.mark.slow
def test_python_dash_m_runs_the_command_line():
    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "partnergraph", "members", "ici", "--format", "csv"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.splitlines()[1:] == ["ARE,United Arab Emirates,country,2005-06-22,,active",
                                           "BHR,Bahrain,country,2005,,active", "KWT,Kuwait,country,2005,,active",
                                           "QAT,Qatar,country,2005,,active"]


def test_commands_that_ask_no_date_take_no_as_of():
    for name in ("validate", "diff"):
        assert "--as-of" not in run(name, "--help").stdout


@pytest.mark.slow
def test_whatif_ends_with_a_summary():
    result = run("whatif", "--remove", "science-for-peace-and-security", "--as-of", 2024)
    last = result.stdout.splitlines()[-1]
    frame = pg.whatif(pg.load(), "science-for-peace-and-security", as_of=2024)
    s = frame.attrs["summary"]
    assert s["uncovered"] == ["climate-security", "emerging-technologies", "hybrid"]
    assert last == (f"without science-for-peace-and-security: {s['coverage_lost']} framework-threat pairs lost; "
                    f"{s['reach_lost']} country-threat pairs lost, by {s['members_losing']} country nodes; "
                    "no framework covers climate-security, emerging-technologies, hybrid any more")
    assert s["coverage_lost"] == (frame["lost"] == "coverage").sum() and s["reach_lost"] == (frame["lost"] == "reach").sum()
    # with csv or json the data stays clean and the summary goes to stderr
    result = run("whatif", "--remove", "md", "--format", "csv")
    assert result.stdout.splitlines()[0] == "lost,id,label,threat"
    assert result.stderr.startswith("without md: ") and "every threat still covered by some framework" in result.stderr


def test_an_empty_listing_points_to_the_history():
    result = run("frameworks", "FIN")
    assert result.stdout == "  (none)\n"
    assert result.stderr == "note: nothing as of 2026-11-30; --history lists 5 past periods\n"  # PfP, EAPC, EOP, the Interoperability Platform, NACC observer
