"""Bad arguments are refused with our own error, whatever the value: never a plain ValueError, never a silent answer.

Each case here once slipped through (found while documenting every public function)."""
import pandas as pd
import pytest

import partnergraph as pg
from partnergraph.centrality_measures import pivots_for
from partnergraph.export import relation_styles, selection


@pytest.fixture(scope="module")
def small():
    nodes = pd.DataFrame({"id": ["A", "B", "f", "g"], "kind": ["country", "country", "framework", "framework"],
                          "label": ["A", "B", "F", "G"]})
    edges = pd.DataFrame({"relation": "memberships", "u": ["A", "B", "A"], "v": ["f", "f", "g"],
                          "since": ["2000", "2001", "2002"], "until": "", "source": ""})
    return pg.Dataset(nodes, edges)


@pytest.mark.parametrize("call, message", [
    (lambda ds: pg.pairs(ds, "country", as_of=2005, between=(2000, 2005)), "not both"),
    (lambda ds: pg.pairs(ds, "country", top=-1), "top must be 0 or more, got -1"),
    (lambda ds: pg.similarity(ds, "country", "framework", top=-2), "top must be 0 or more, got -2"),
    (lambda ds: pg.evolution(ds, first="abc"), "first must be a year"),
    (lambda ds: pg.evolution(ds, last=20.5), "last must be a year"),
    (lambda ds: pg.projection(ds, "framework", via="framework", backbone=1.5), "between 0 and 1"),
    (lambda ds: pivots_for("abc", 10, 10), "sample must be a number of pivots"),
])
def test_a_bad_argument_is_our_error(small, call, message):
    with pytest.raises(pg.PartnergraphError, match=message):
        call(small)


def test_an_importer_refuses_unknown_ids_with_our_error(tmp_path):
    from partnergraph.importers import atop

    members = tmp_path / "atop.csv"
    members.write_text("atopid,member,yrent,yrexit\n1001,2,1950,0\n1001,200,1950,0\n")
    with pytest.raises(pg.PartnergraphError, match="ids must be 'iso3' or 'cow', got 'iso2'"):
        atop(members, ids="iso2")


def test_blank_kinds_mean_every_kind(small):
    """``--kinds ,`` once kept no node at all."""
    assert len(selection(small, kinds=[" ", ""]).nodes) == len(small.nodes)
    assert pg.network_map(small, kinds=["", " "]).meta["nodes"] == len(small.nodes)


def test_the_first_32_relations_all_look_different():
    """Colour and dash once cycled together, so the 9th relation looked exactly like the 1st."""
    n = 32
    nodes = pd.DataFrame({"id": ["a", "b"], "kind": ["k", "l"], "label": ["A", "B"]})
    edges = pd.DataFrame({"relation": [f"r{i:02d}" for i in range(n)], "u": "a", "v": "b"})
    styles = relation_styles(pg.Dataset(nodes, edges))
    looks = {(s["color"], str(s["dashes"])) for s in styles.values()}
    assert len(styles) == n and len(looks) == n


def test_a_failed_check_of_written_files_keeps_its_own_message(small, tmp_path):
    """An OutputError is an OSError without strerror: it once became 'cannot write X: None'."""
    from partnergraph.atomic import OutputError
    from partnergraph.export import write_csv_folder

    def check(folder):
        raise OutputError("the written folder does not load back")

    with pytest.raises(OutputError) as raised:
        write_csv_folder(small, tmp_path / "out", check=check)
    assert str(raised.value) == "the written folder does not load back"
    assert list(tmp_path.iterdir()) == []
