"""Weighted projections and the disparity backbone, against a case worked by hand."""
import io

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

import partnergraph as pg
from partnergraph.projections import backbone
from partnergraph.cli import cli

from conftest import write_folder

#: Frameworks F1 (members A, B, C), F2 (A, B), F3 (C, D). Worked by hand:
#:   count:   A-B 2, A-C 1, B-C 1, C-D 1
#:   newman:  A-B 1/(3-1) + 1/(2-1) = 1.5, A-C 0.5, B-C 0.5, C-D 1
#:   jaccard: each in 2 frameworks but D (1): A-B 2/(2+2-2) = 1, A-C 1/3, B-C 1/3, C-D 1/(2+1-1) = 0.5
#:   disparity filter on the counts: strengths A 3, B 3, C 3, D 1; degrees A 2, B 2, C 3, D 1;
#:     A-B: (1 - 2/3)^1 = 1/3 from either end; A-C: (1 - 1/3)^1 = 2/3 from A, (1 - 1/3)^2 = 4/9 from C;
#:     B-C as A-C; C-D: 4/9 from C, (1 - 1)^0 = 1 from D.
#:     alpha 0.4 keeps A-B only; alpha 0.5 keeps all four.
FILES = {"memberships.csv": "country,framework,source\n" + "".join(
    f"{c},{f},https://e.org\n" for f, cs in {"F1": "ABC", "F2": "AB", "F3": "CD"}.items() for c in cs)}


@pytest.fixture(scope="module")
def ds(tmp_path_factory):
    return pg.load(write_folder(tmp_path_factory.mktemp("w"), FILES))


def weights(P):
    return {tuple(sorted(e)): w for *e, w in P.edges(data="weight")}


@pytest.mark.parametrize("weighting, expected", [
    ("count", {("A", "B"): 2, ("A", "C"): 1, ("B", "C"): 1, ("C", "D"): 1}),
    ("newman", {("A", "B"): 1.5, ("A", "C"): 0.5, ("B", "C"): 0.5, ("C", "D"): 1.0}),
    ("jaccard", {("A", "B"): 1.0, ("A", "C"): 1 / 3, ("B", "C"): 1 / 3, ("C", "D"): 0.5}),
])
def test_each_weighting_against_the_hand_worked_weights(ds, weighting, expected):
    got = weights(pg.projection(ds, "country", weighting=weighting))
    assert got.keys() == expected.keys()
    assert all(got[k] == pytest.approx(v) for k, v in expected.items())


def test_the_disparity_backbone_keeps_what_the_hand_worked_levels_say(ds):
    assert set(weights(pg.projection(ds, "country", backbone=0.4))) == {("A", "B")}
    assert len(weights(pg.projection(ds, "country", backbone=0.5))) == 4
    P = pg.projection(ds, "country", backbone=0.4)
    assert set(P.nodes) == {"A", "B", "C", "D"}  # every node stays, only links go
    with pytest.raises(pg.PartnergraphError, match="between 0 and 1"):
        backbone(*[pd.Series([0]).to_numpy()] * 2, pd.Series([1.0]).to_numpy(), 1.5)


def test_weighted_projections_drive_centrality_and_communities(ds):
    # Newman weights make A-B (1.5) strongest: weighted degree (strength) is not what count gives
    newman = pg.projection(ds, "country", weighting="newman")
    assert dict(newman.degree(weight="weight")) == pytest.approx({"A": 2.0, "B": 2.0, "C": 2.0, "D": 1.0})
    rank = pg.centrality(ds, "pagerank", project="country", weighting="newman")
    assert rank["id"].tolist()[0] in {"A", "B", "C"} and len(rank) == 4
    both = pg.centrality(ds, "betweenness", project="country", backbone=0.5)["betweenness"].tolist()
    assert max(both) > 0  # C bridges A, B and D
    parts = pg.communities(ds, project="country", backbone=0.4)
    assert parts[["community", "id"]].values.tolist() == [[1, "A"], [1, "B"]]  # C and D lose their links


def test_the_cli_takes_the_weights_and_refuses_them_without_a_projection(ds, tmp_path):
    folder = write_folder(tmp_path / "f", FILES)
    run = lambda *a: CliRunner().invoke(cli, [*a, "--data", str(folder), "--format", "csv"])
    got = pd.read_csv(io.StringIO(run("centrality", "--project", "country", "--weighting", "newman",
                                      "--measure", "pagerank").stdout))
    want = pg.centrality(pg.load(folder), "pagerank", project="country", weighting="newman")
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    communities = run("communities", "--project", "country", "--backbone", "0.4")
    assert communities.exit_code == 0 and communities.stdout.splitlines()[1:] == ["1,A,A,country", "1,B,B,country"]
    refused = run("centrality", "--weighting", "jaccard")
    assert refused.exit_code == 2 and "add --project KIND" in refused.stderr


def test_a_projection_is_drawn_and_exported_as_a_dataset_of_its_own(ds, tmp_path):
    import json
    import networkx as nx

    from partnergraph.projections import projected

    p = projected(ds, "country", weighting="newman")
    assert sorted(p.nodes["id"]) == ["A", "B", "C", "D"] and "since" not in p.nodes
    assert {tuple(sorted(r)): w for *r, w in p.edges[["u", "v", "weight"]].itertuples(index=False)} == pytest.approx(
        {("A", "B"): 1.5, ("A", "C"): 0.5, ("B", "C"): 0.5, ("C", "D"): 1.0})
    folder = write_folder(tmp_path / "f", FILES)
    out = tmp_path / "p.graphml"
    result = CliRunner().invoke(cli, ["export", "--data", str(folder), "--format", "graphml", "-o", str(out),
                                      "--project", "country", "--backbone", "0.4"])
    assert result.exit_code == 0 and "; f: country projection via every other kind, backbone at 0.4" in result.stderr
    g = nx.read_graphml(out)
    assert sorted(g.nodes) == ["A", "B", "C", "D"] and [tuple(sorted(e)) for e in g.edges] == [("A", "B")]
    page = tmp_path / "p.html"
    drawn = CliRunner().invoke(cli, ["map", "--data", str(folder), "-o", str(page), "--project", "country",
                                     "--weighting", "jaccard"])
    assert drawn.exit_code == 0 and drawn.stderr.startswith(f"wrote {page} (4 nodes, 4 edges undated")
    import re

    meta = json.loads(re.search(r'id="pg-meta">(.*?)</script>', page.read_text(), re.S).group(1))
    assert meta["dataset_title"] == "f: country projection via every other kind, undated"
    refused = CliRunner().invoke(cli, ["map", "--data", str(folder), "-o", str(page), "--weighting", "newman"])
    assert refused.exit_code == 2 and "add --project KIND" in refused.stderr
