"""Guards for the design: table queries never build the networkx graph; every command is documented."""
import re
from pathlib import Path

import pytest

import partnergraph as pg
from partnergraph.cli import cli
from partnergraph.dataset import Dataset

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")

#: The queries that answer from the tables (joins on the edge tables, sparse matrices): none may need networkx.
TABLE_QUERIES = {
    "coverage": lambda ds: pg.coverage(ds, as_of=2024),
    "coverage_matrix": lambda ds: pg.coverage_matrix(ds, as_of=2024),
    "coverage_paths": lambda ds: pg.coverage_paths(ds, "ici", "terrorism", as_of=2024),
    "gaps": lambda ds: pg.gaps(ds, as_of=2024),
    "reach": lambda ds: pg.reach(ds, "JPN", as_of=2024),
    "whatif": lambda ds: pg.whatif(ds, "md", as_of=2024),
    "members": lambda ds: pg.members(ds, "pfp", as_of=2024),
    "frameworks": lambda ds: pg.frameworks(ds, "UKR", as_of=2024),
    "timeline": lambda ds: pg.timeline(ds, framework="pfp"),
    "diff": lambda ds: pg.diff(ds, 2022, 2024),
    "pairs": lambda ds: pg.pairs(ds, "country", via="framework", as_of=2024),
    "similarity": lambda ds: pg.similarity(ds, method="kappa", as_of=2024),
    "roles": lambda ds: pg.roles(ds, as_of=2024),
    "evolution": lambda ds: pg.evolution(ds, first=2000, last=2002),
    "info": lambda ds: pg.info(ds, as_of=2024),
    "centrality": lambda ds: pg.centrality(ds, "betweenness", as_of=2024),
}


@pytest.mark.parametrize("name", sorted(TABLE_QUERIES))
def test_a_table_query_never_builds_the_networkx_graph(monkeypatch, name):
    def refuse(self):
        raise AssertionError(f"{name} built the networkx graph")

    monkeypatch.setattr(Dataset, "graph", property(refuse))
    result = TABLE_QUERIES[name](pg.load())
    assert result is not None


def test_every_command_has_help_and_is_named_in_the_readme():
    for name, command in cli.commands.items():
        assert command.help and command.help.strip(), name
        assert re.search(rf"^(\$ )?partnergraph {re.escape(name)}\b", README, flags=re.M), \
            f"`partnergraph {name}` appears in no example line of the README"


def test_info_reads_a_bare_until_year_as_its_last_day(tmp_path):
    """A bare year stands for all of it: a tie until 2004 ends after one until 2004-03-29, though "2004" sorts first."""
    from conftest import write_folder

    folder = write_folder(tmp_path / "d", {"memberships.csv": "country,framework,since,until\nA,f,1994-05,2004\n"
                                                              "B,f,1994,2004-03-29\n"})
    summary = pg.info(pg.load(folder))
    assert summary["dates"] == {"first": "1994", "last": "2004"}
