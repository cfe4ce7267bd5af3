"""Shared fixtures: a tiny hand-made dataset whose answers were worked out by hand."""
from __future__ import annotations

from pathlib import Path

import pytest

TINY = {
    "nodes.csv": (
        "id,kind,label,region\n"
        "FIN,country,Finland,Europe\n"
        "SWE,country,Sweden,Europe\n"
        "JPN,country,Japan,Asia\n"
        "pfp,framework,Partnership for Peace,\n"
        "pag,framework,Partners across the globe,\n"
        "cyber,threat,Cyber defence,\n"
    ),
    "memberships.csv": (
        "country,framework,since,until,status,source,note\n"
        "FIN,pfp,1994,2023-04-04,ended,https://example.org/fin,joined NATO\n"
        "SWE,pfp,1994,2024-03-07,ended,https://example.org/swe,\n"
        "JPN,pag,2014-05-06,,active,https://example.org/jpn,\n"
        "JPN,pfp,2000,2002,ended,https://example.org/x,left\n"
        "JPN,pfp,2010,,active,https://example.org/x,rejoined\n"
    ),
    "coverage.csv": "framework,threat,source\npfp,cyber,https://example.org/c\n",
}


def write_folder(root: Path, files: dict) -> Path:
    """Write a data folder: name -> text (UTF-8) or bytes; None leaves a file out."""
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        if content is None:
            continue
        path = root / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return root


@pytest.fixture
def tiny(tmp_path) -> Path:
    return write_folder(tmp_path / "tiny", TINY)


@pytest.fixture
def make(tmp_path):
    """make(**changes): the tiny dataset with some files replaced (None removes one)."""
    counter = iter(range(1000))

    def _make(files=None, **changes):
        content = dict(TINY if files is None else files)
        for name, value in changes.items():
            content[name.replace("__", ".")] = value
        return write_folder(tmp_path / f"data{next(counter)}", content)

    return _make


GEXF_SCHEMA = Path(__file__).parent / "schemas" / "gexf-1.3" / "gexf.xsd"


def gexf_schema_errors(path) -> list[str]:
    """What the official GEXF 1.3 schema (tests/schemas/gexf-1.3, CC BY 4.0) finds wrong with a file."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(GEXF_SCHEMA)))
    schema.validate(etree.parse(str(path)))
    return [f"{e.line}: {e.message}" for e in schema.error_log]


#: Cells a spreadsheet would turn into something else: an id with leading zeros, years, formula-like text.
TRICKY = {
    "nodes.csv": "id,kind,label,since,code\n007,state,Agent \"Seven\",1994-03,0012\nB,pact,=HYPERLINK(\"x\"),,\n"
                 "C,state,Çà & <b>,,\n",
    "joins.csv": "state,pact,since,until,weight,source\n007,B,1994,2001-06,2.5,=cmd\nC,B,2003,,,+1\n007,B,2005,,1,\n",
}
