"""The fast reader (pandas' C parser, for files without quotes) gives exactly what the strict reader gives.

A file is read both ways and the tables (header, cells, row numbers) and problems compared, on
random files made of the characters that matter: the three delimiters, spaces, tabs, no-break
spaces, line ends of every kind, blank lines, rows of the wrong width, a byte-order mark and
Excel's sep= line.
"""
import importlib

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import partnergraph.reader as reader


def read_both(path, monkeypatch):
    taken = []
    real = reader._fast_table

    def spy(*args, **kwargs):
        result = real(*args, **kwargs)
        taken.append(result is not None)
        return result

    monkeypatch.setattr(reader, "_fast_table", spy)
    fast = reader.read_table(path)
    monkeypatch.setattr(reader, "_fast_table", lambda *args, **kwargs: None)
    strict = reader.read_table(path)
    monkeypatch.setattr(reader, "_fast_table", real)
    return fast, strict, bool(taken and taken[0])


def same(fast, strict):
    (t1, p1), (t2, p2) = fast, strict
    assert [str(p) for p in p1] == [str(p) for p in p2]
    assert (t1 is None) == (t2 is None)
    if t1 is not None:
        assert t1.header == t2.header
        assert t1.frame.equals(t2.frame), (t1.frame, t2.frame)


CELL = st.text(alphabet=st.sampled_from(list("ab7 é\u00a0\u2028\t,;-")), max_size=5)
END = st.sampled_from(["\n", "\r\n", "\r"])


@st.composite
def files(draw):
    width = draw(st.integers(1, 4))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    header = delimiter.join(f"h{i}" for i in range(width))
    lines = [header]
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.sampled_from(["row", "row", "row", "blank", "spaces", "short", "long"]))
        n = {"row": width, "short": max(width - 1, 1), "long": width + 1}.get(kind, 0)
        cells = [draw(CELL).replace(delimiter, "") for _ in range(n)]
        lines.append({"blank": "", "spaces": draw(st.sampled_from([" ", "  ", delimiter * width]))}.get(kind, delimiter.join(cells)))
    ends = [draw(END) for _ in lines]
    text = "".join(line + end for line, end in zip(lines, ends))
    if draw(st.booleans()):
        text = text.rstrip("\r\n")  # no line end after the last line
    prefix = draw(st.sampled_from(["", "\ufeff", f"sep={delimiter}\n"]))
    return prefix + text


@pytest.mark.slow
@settings(max_examples=300, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=files())
def test_fast_and_strict_readers_agree(tmp_path, monkeypatch, text):
    path = tmp_path / "memberships.csv"
    path.write_bytes(text.encode("utf-8"))
    fast, strict, _ = read_both(path, monkeypatch)
    same(fast, strict)


@pytest.mark.parametrize("text, fast_path", [
    ("country,framework,since\nJPN, pag ,2014\r\n\n  \nFIN,pfp,\n", True),
    ("\ufeffsep=;\ncountry;framework\nJPN;pag\n", True),
    ('country,framework\n"JPN",pag\n', False),  # quotes: the strict reader
    ("country,framework\nJPN,pag,2014\n", False),  # a row too long: the strict reader names it
    # no carriage return and as many delimiters as lines: the count alone proves every line's width
    ("country,framework,since\nJPN,pag,2014\n,,\nFIN,pfp,", True),  # a row of delimiters alone is blank
    ("country,framework,since\nJPN,pag,2014\n,,", True),
    # the right total, but one line short and one long: the parser rejects the long one, the strict reader names both
    ("country,framework,since\nJPN,pag\nFIN,pfp,2014,x\n", False),
])
def test_which_reader_reads_a_file(tmp_path, monkeypatch, text, fast_path):
    path = tmp_path / "memberships.csv"
    path.write_bytes(text.encode("utf-8"))
    fast, strict, taken = read_both(path, monkeypatch)
    assert taken == fast_path
    same(fast, strict)
