"""Portfolio similarity: each measure against numbers worked by hand, S and kappa against independent values."""
import io

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

import partnergraph as pg
from partnergraph.cli import cli

from conftest import write_folder

#: Four countries over five frameworks, the frameworks all alive from 2000:
#:   A: f1 f2 f3        B: f1 f2 f4        C: f5        D: f1 f2 f3 (A's portfolio)
#: with weights (for the weighted measures) A: f1=2 f2=1 f3=1, B: f1=2 f2=1 f4=1, C: f5=1, D: f1=2 f2=1 f3=1.
#: Worked by hand (k = 5 frameworks):
#:   A-B: 2 ties apart (f3, f4): S = 1 - 2*2/5 = 0.2; Jaccard 2/4 = 0.5; cosine 2/3;
#:        shares 3/5 each: observed distance 2/5, expected 2*(3/5)*(2/5) = 12/25: kappa = pi = 1 - (2/5)/(12/25) = 1/6
#:   A-C: 4 apart: S = 1 - 8/5 = -0.6; Jaccard 0; cosine 0;
#:        shares 3/5 and 1/5: expected (3/5)(4/5) + (2/5)(1/5) = 14/25, kappa = 1 - (4/5)/(14/25) = -3/7;
#:        pooled share 2/5: expected 2*(2/5)(3/5) = 12/25, pi = 1 - (4/5)/(12/25) = -2/3
#:   A-D: identical: S = kappa = pi = Jaccard = cosine = 1
#:   weighted, A-B: |2-2| + |1-1| + |1-0| + |0-1| = 2, d_max = 5 * 2 (the largest weight): S = 1 - 4/10 = 0.6;
#:        cosine (2,1,1,0,0).(2,1,0,1,0) / 6 = 5/6
FILES = {
    "nodes.csv": "id,kind,label,since\n" + "".join(f"f{i},framework,F{i},2000\n" for i in range(1, 6))
                 + "".join(f"{c},country,Country {c},\n" for c in "ABCD"),
    "memberships.csv": "country,framework,since,weight,source\n" + "".join(
        f"{c},f{f},2000,{w},https://example.org/{c}{f}\n" for c, ties in {
            "A": {1: 2, 2: 1, 3: 1}, "B": {1: 2, 2: 1, 4: 1}, "C": {5: 1}, "D": {1: 2, 2: 1, 3: 1}}.items()
        for f, w in ties.items()),
}


@pytest.fixture(scope="module")
def four(tmp_path_factory):
    return pg.load(write_folder(tmp_path_factory.mktemp("four"), FILES))


def value(ds, a, b, **kwargs):
    return pg.similarity(ds, a=a, b=b, as_of=2020, **kwargs)["similarity"].item()


@pytest.mark.parametrize("method, ab, ac, ad", [
    ("s", 0.2, -0.6, 1.0),
    ("kappa", 1 / 6, -3 / 7, 1.0),
    ("pi", 1 / 6, -2 / 3, 1.0),
    ("jaccard", 0.5, 0.0, 1.0),
    ("cosine", 2 / 3, 0.0, 1.0),
])
def test_each_measure_against_the_hand_worked_numbers(four, method, ab, ac, ad):
    assert value(four, "A", "B", method=method) == pytest.approx(ab)
    assert value(four, "A", "C", method=method) == pytest.approx(ac)
    assert value(four, "A", "D", method=method) == pytest.approx(ad)
    # symmetric
    assert value(four, "B", "A", method=method) == pytest.approx(ab)


def test_weighted_s_and_cosine_use_the_tie_column(four):
    assert value(four, "A", "B", weight="weight") == pytest.approx(0.6)
    assert value(four, "A", "B", method="cosine", weight="weight") == pytest.approx(5 / 6)
    with pytest.raises(pg.PartnergraphError, match="kappa reads ties as present or absent"):
        value(four, "A", "B", method="kappa", weight="weight")
    with pytest.raises(pg.PartnergraphError, match="no edge column 'strength'"):
        value(four, "A", "B", weight="strength")


def test_kappa_and_pi_against_a_published_example_and_s_against_scipy(tmp_path):
    """Cohen's kappa, the worked example of https://en.wikipedia.org/wiki/Cohen%27s_kappa ("Simple example"):
    50 grant proposals, both readers say yes to 20, only A to 5, only B to 10, both no to 15: p_o = 0.7, p_e = 0.5,
    kappa = 0.4. As portfolios: X tied to 25 of 50 frameworks, Y to 30, 20 of them shared. Scott's pi from the same
    table (pooled yes 55/100: p_e = 0.55^2 + 0.45^2 = 0.505): (0.7 - 0.505) / 0.495. S from scipy's Hamming
    distance, an independent implementation: 1 - 2 * hamming(x, y)."""
    from scipy.spatial.distance import hamming

    x = set(range(25))
    y = set(range(20)) | set(range(25, 35))
    rows = "".join(f"X,f{i},https://example.org/x\n" for i in sorted(x)) + \
        "".join(f"Y,f{i},https://example.org/y\n" for i in sorted(y))
    nodes = "id,kind,label\n" + "".join(f"f{i},framework,F{i}\n" for i in range(50)) + "X,country,X\nY,country,Y\n"
    ds = pg.load(write_folder(tmp_path / "k", {"nodes.csv": nodes, "memberships.csv": "country,framework,source\n" + rows}))
    assert pg.similarity(ds, a="X", b="Y", method="kappa")["similarity"].item() == pytest.approx(0.4)
    assert pg.similarity(ds, a="X", b="Y", method="pi")["similarity"].item() == pytest.approx(0.195 / 0.495)
    vx = np.array([i in x for i in range(50)], dtype=float)
    vy = np.array([i in y for i in range(50)], dtype=float)
    assert pg.similarity(ds, a="X", b="Y")["similarity"].item() == pytest.approx(1 - 2 * hamming(vx, vy))


def test_all_pairs_are_listed_once_most_similar_first_and_undefined_is_nan(four, tmp_path):
    table = pg.similarity(four, as_of=2020)
    assert list(table.columns) == ["a", "a_label", "b", "b_label", "similarity"]
    assert len(table) == 6 and (table["a"] < table["b"]).all()
    assert table[["a", "b"]].values.tolist()[0] == ["A", "D"]
    assert table["similarity"].is_monotonic_decreasing
    assert table.attrs["method"] == "s" and table.attrs["dimensions"] == 5
    one = pg.similarity(four, a="C", as_of=2020, method="kappa")
    assert one["a"].eq("C").all() and len(one) == 3
    # E has no tie: kappa and Jaccard are undefined against another empty portfolio, and listed last
    empty = pg.load(write_folder(tmp_path / "e", {**FILES, "nodes.csv": FILES["nodes.csv"] + "E,country,E,\nG,country,G,\n"}))
    assert np.isnan(pg.similarity(empty, a="E", b="G", method="kappa", as_of=2020)["similarity"].item())
    assert np.isnan(pg.similarity(empty, a="E", b="G", method="jaccard", as_of=2020)["similarity"].item())
    assert pg.similarity(empty, a="E", b="G", as_of=2020)["similarity"].item() == 1.0  # S: identical, both empty
    assert np.isnan(pg.similarity(empty, a="E", method="cosine", as_of=2020)["similarity"]).all()


def test_similarity_is_as_of_aware():
    nato = pg.load()
    # Georgia and Ukraine at the end of 2024: six frameworks each, four shared, 17 frameworks alive
    assert pg.similarity(nato, a="GEO", b="UKR", as_of=2024)["similarity"].item() == pytest.approx(1 - 2 * 4 / 17)
    early = pg.similarity(nato, a="GEO", b="UKR", as_of=1999)
    # at the end of 1999, 8 frameworks alive; both in PfP and the EAPC, Ukraine also in the NATO-Ukraine Commission
    assert early.attrs["dimensions"] == 8 and early["similarity"].item() == pytest.approx(1 - 2 * 1 / 8)
    with pytest.raises(pg.PartnergraphError, match="'cyber' is a threat, not a country"):
        pg.similarity(nato, a="JPN", b="cyber")


@pytest.mark.slow
def test_the_cli_gives_the_api_s_numbers(four, tmp_path):
    folder = write_folder(tmp_path / "f", FILES)
    for args, kwargs in ((["--method", "kappa"], {"method": "kappa"}), (["A", "--weight", "weight"], {"a": "A", "weight": "weight"}),
                         (["A", "B", "--method", "pi"], {"a": "A", "b": "B", "method": "pi"})):
        result = CliRunner().invoke(cli, ["similarity", "--data", str(folder), "--as-of", "2020", "--format", "csv", *args])
        assert result.exit_code == 0, result.output
        got = pd.read_csv(io.StringIO(result.stdout))
        want = pg.similarity(pg.load(folder), as_of=2020, **kwargs)
        pd.testing.assert_frame_equal(got, want.reset_index(drop=True), check_dtype=False)
    assert "Cohen's kappa over 5 framework nodes" in CliRunner().invoke(
        cli, ["similarity", "--data", str(folder), "--as-of", "2020", "--method", "kappa"]).stderr
    bad = CliRunner().invoke(cli, ["similarity", "--data", str(folder), "--method", "jaccard", "--weight", "weight"])
    assert bad.exit_code == 1 and bad.stderr.startswith("Error: jaccard reads ties as present or absent")


def test_roles_group_alike_portfolios_as_worked_by_hand(four, tmp_path):
    """Distances (1 - S) / 2 from the S worked above: A-D 0, A-B and B-D 0.4, C to the others 0.8. Average linkage:
    two roles {A, B, D} and {C}; three: {A, D}, {B}, {C}; numbered from the largest, then by first id."""
    two = pg.roles(four, groups=2, as_of=2020)
    assert two[["role", "id"]].values.tolist() == [[1, "A"], [1, "B"], [1, "D"], [2, "C"]]
    three = pg.roles(four, groups=3, as_of=2020)
    assert three[["role", "id", "ties"]].values.tolist() == [[1, "A", 3], [1, "D", 3], [2, "B", 3], [3, "C", 1]]
    assert pg.roles(four, groups=1, as_of=2020)["role"].eq(1).all()
    with pytest.raises(pg.PartnergraphError, match="groups must be 1 or more"):
        pg.roles(four, groups=0)
    folder = write_folder(tmp_path / "r", FILES)
    result = CliRunner().invoke(cli, ["roles", "--data", str(folder), "--as-of", "2020", "--groups", "3", "--format", "csv"])
    assert result.exit_code == 0
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(result.stdout)), three, check_dtype=False)
    assert result.stderr == "4 country nodes in 3 roles, as of 2020-12-31\n"


def test_the_methods_are_deterministic(four):
    nato = pg.load()
    for call in (lambda: pg.similarity(nato, method="kappa", as_of=2024), lambda: pg.roles(nato, groups=5, as_of=2024),
                 lambda: pg.evolution(nato, first=2000, last=2010)):
        pd.testing.assert_frame_equal(call(), call())


@pytest.mark.parametrize("method", ["s", "kappa", "pi", "jaccard", "cosine"])
def test_the_same_ties_are_always_one_role(method):
    """A and B are in every framework (kappa and pi are undefined for them: no disagreement to correct), C and D in
    f alone: however many groups are allowed, A with B and C with D."""
    nodes = pd.DataFrame({"id": ["A", "B", "C", "D", "f", "g"], "kind": ["country"] * 4 + ["framework"] * 2,
                          "label": list("ABCDfg")})
    edges = pd.DataFrame({"relation": "memberships", "u": ["A", "A", "B", "B", "C", "D"],
                          "v": ["f", "g", "f", "g", "f", "f"], "since": "", "until": "", "source": ""})
    ds = pg.Dataset(nodes, edges)
    for groups in (2, 3, 4, 10):
        found = pg.roles(ds, groups=groups, method=method).set_index("id")["role"]
        assert found["A"] == found["B"] and found["C"] == found["D"] and found["A"] != found["C"], (groups, found)
