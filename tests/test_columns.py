"""The column helpers the queries build their lists with, against plain Python on random input."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import partnergraph.columns as columns
from partnergraph.columns import group_codes, joined_per_group

TEXT = st.one_of(st.none(), st.text(alphabet=st.sampled_from(list("ab;\n,é ")), max_size=3))


@pytest.mark.slow
@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.integers(1, 5).flatmap(lambda n: st.tuples(
    st.just(n), st.lists(st.tuples(st.integers(0, n - 1), TEXT, TEXT), max_size=20))))
def test_joined_per_group_is_each_groups_distinct_texts_sorted_and_joined(case):
    n, rows = case
    codes = np.array([g for g, _, _ in rows], dtype=np.int64)
    want = [";".join(sorted({t for g, a, b in rows if g == k for t in (a, b) if t})) for k in range(n)]
    assert joined_per_group(codes, n, [a for _, a, _ in rows], [b for _, _, b in rows]).tolist() == want
    words, columns._WORDS = columns._WORDS, 3  # the texts joined a few words at a time
    try:
        assert joined_per_group(codes, n, [a for _, a, _ in rows], [b for _, _, b in rows]).tolist() == want
    finally:
        columns._WORDS = words


@pytest.mark.slow
@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["x", "y", "z"]), st.sampled_from(["1", "2"])), min_size=1, max_size=20))
def test_group_codes_number_the_key_tuples_in_sorted_order(rows):
    codes, (a, b) = group_codes([r[0] for r in rows], [r[1] for r in rows])
    keys = sorted(set(rows))
    assert list(zip(a.tolist(), b.tolist())) == keys
    assert [keys[c] for c in codes] == rows
