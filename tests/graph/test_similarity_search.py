"""Exact top-k search: equal to brute force on random and on real sample embeddings,
with self and same-document exclusion, k past the corpus, empty input and chunk edges."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspgraph.graph.similarity.search import NO_INDEX, all_pairs_top_k, top_k


def unit(rows: int, dim: int, seed: int = 0) -> np.ndarray:
    x = np.random.default_rng(seed).normal(size=(rows, dim)).astype(np.float32)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def brute(queries, corpus, k, query_rows=None, query_groups=None, groups=None):
    """Reference: the full score matrix in float64, excluded pairs at -inf, a stable sort."""
    s = queries.astype(np.float64) @ corpus.astype(np.float64).T
    if query_rows is not None:
        hit = query_rows >= 0
        s[np.nonzero(hit)[0], query_rows[hit]] = -np.inf
    if groups is not None:
        s[query_groups[:, None] == groups[None, :]] = -np.inf
    order = np.argsort(-s, axis=1, kind="stable")[:, : min(k, corpus.shape[0])]
    scores = np.take_along_axis(s, order, axis=1)
    return np.where(np.isfinite(scores), order, NO_INDEX), scores


def assert_same(found, expected, queries, corpus, tol=1e-5):
    """Same neighbours up to ties: every row finds neighbours as good as brute force's."""
    idx, scores = found
    ref_idx, ref_scores = expected
    assert idx.shape == ref_idx.shape and scores.shape == ref_idx.shape
    assert idx.dtype == np.int64 and scores.dtype == np.float32
    assert np.array_equal(idx == NO_INDEX, ref_idx == NO_INDEX)
    assert np.all(np.isneginf(scores[idx == NO_INDEX]))
    real = idx != NO_INDEX
    assert np.allclose(scores[real], ref_scores[real], atol=tol)
    true = np.einsum("id,ikd->ik", queries.astype(np.float64),
                     corpus.astype(np.float64)[np.where(real, idx, 0)])
    assert np.allclose(true[real], scores[real], atol=tol)  # scores belong to their indices
    for row in idx:  # no neighbour twice
        kept = row[row != NO_INDEX]
        assert len(set(kept.tolist())) == kept.size


@pytest.mark.parametrize(("n", "k", "chunk"), [
    (300, 10, 100),  # blocks divide the corpus exactly
    (301, 10, 100),  # one row in the last block
    (299, 10, 100),  # last block one short
    (257, 5, 64),
    (120, 10, 50),   # blocks narrower than the 4k groups of the first-block bound
    (60, 3, 1),      # one row per block
    (200, 10, 4096),  # one block
])
def test_all_pairs_equals_brute_force(n, k, chunk):
    x = unit(n, 24, seed=n)
    found = all_pairs_top_k(x, k, chunk=chunk)
    expected = brute(x, x, k, query_rows=np.arange(n))
    assert np.array_equal(found[0], expected[0])  # random data: no ties, same order
    assert_same(found, expected, x, x)
    assert not np.any(found[0] == np.arange(n)[:, None])


@pytest.mark.parametrize(("nq", "n", "k", "chunk"), [
    (77, 500, 10, 64), (64, 128, 10, 64), (1, 50, 7, 8), (130, 129, 4, 43),
])
def test_queries_against_a_corpus_equal_brute_force(nq, n, k, chunk):
    q, x = unit(nq, 16, seed=1), unit(n, 16, seed=2)
    found = top_k(q, x, k, chunk=chunk)
    expected = brute(q, x, k)
    assert np.array_equal(found[0], expected[0])
    assert_same(found, expected, q, x)


@pytest.mark.parametrize("chunk", [7, 32, 1000])
def test_same_group_is_excluded(chunk):
    n = 240
    x = unit(n, 12, seed=3)
    groups = np.random.default_rng(4).integers(0, 6, n)
    idx, scores = all_pairs_top_k(x, 10, groups=groups, exclude_same_group=True, chunk=chunk)
    assert np.all(groups[idx] != groups[:, None])
    assert_same((idx, scores), brute(x, x, 10, np.arange(n), groups, groups), x, x)
    # without the flag, groups change nothing
    plain = all_pairs_top_k(x, 10, groups=groups, chunk=chunk)
    assert np.array_equal(plain[0], all_pairs_top_k(x, 10, chunk=chunk)[0])


def test_string_groups_and_separate_queries():
    x, q = unit(90, 8, seed=5), unit(20, 8, seed=6)
    groups = np.array([f"doc-{i % 4}" for i in range(90)])
    q_groups = np.array([f"doc-{i % 5}" for i in range(20)])  # doc-4 is in no corpus row
    found = top_k(q, x, 6, groups=groups, query_groups=q_groups, exclude_same_group=True,
                  chunk=16)
    assert_same(found, brute(q, x, 6, None, q_groups, groups), q, x)
    assert np.all(groups[found[0]] != q_groups[:, None])


def test_self_is_excluded_by_row_not_by_value():
    x = unit(50, 8, seed=7)
    x[10] = x[20]  # an exact duplicate is a neighbour; the row itself is not
    idx, scores = all_pairs_top_k(x, 3, chunk=16)
    assert idx[10, 0] == 20 and idx[20, 0] == 10
    assert scores[10, 0] == pytest.approx(1.0, abs=1e-5)
    kept, _ = top_k(x, x, 3, exclude_self=False, chunk=16)
    assert set(kept[10, :2]) == {10, 20}


def test_a_copy_of_the_corpus_is_searched_like_the_corpus_given_query_rows():
    x = unit(100, 8, seed=8)
    same = top_k(x, x, 5, chunk=32)  # the same array: the symmetric search
    copy = top_k(x.copy(), x, 5, query_rows=np.arange(100), chunk=32)
    assert np.array_equal(same[0], copy[0])
    assert np.allclose(same[1], copy[1], atol=1e-6)
    with_self = top_k(x.copy(), x, 5, chunk=32)  # no query_rows: nothing is "self"
    assert np.array_equal(with_self[0][:, 0], np.arange(100))


def test_scores_that_rise_through_the_corpus():
    """Each later block beats the last: every block is reduced the slow way, still exact."""
    angles = np.linspace(0.0, 1.5, 400)
    x = np.stack([np.cos(angles), np.sin(angles)], axis=1).astype(np.float32)
    q = np.array([[0.0, 1.0]], dtype=np.float32)
    found = top_k(q, x, 10, chunk=32)
    assert np.array_equal(found[0][0], np.arange(399, 389, -1))
    assert_same(found, brute(q, x, 10), q, x)


def test_k_larger_than_the_corpus():
    x = unit(6, 4, seed=9)
    idx, scores = all_pairs_top_k(x, 50)
    assert idx.shape == (6, 6)  # min(k, len(corpus)) columns
    assert np.all(idx[:, -1] == NO_INDEX) and np.all(np.isneginf(scores[:, -1]))
    assert np.all(idx[:, :-1] != NO_INDEX)
    assert_same((idx, scores), brute(x, x, 50, np.arange(6)), x, x)


def test_a_group_with_no_other_group_gets_no_neighbours():
    x = unit(10, 4, seed=10)
    groups = np.array([0] * 9 + [1])
    idx, _ = all_pairs_top_k(x, 3, groups=groups, exclude_same_group=True)
    assert np.all(idx[:9, 0] == 9) and np.all(idx[:9, 1:] == NO_INDEX)
    assert np.all(idx[9] != NO_INDEX) and not np.any(idx[9] == 9)


@pytest.mark.parametrize(("nq", "n", "k", "shape"), [
    (0, 5, 3, (0, 3)), (4, 0, 3, (4, 0)), (0, 0, 3, (0, 0)), (4, 5, 0, (4, 0)),
])
def test_empty_input(nq, n, k, shape):
    idx, scores = top_k(np.zeros((nq, 8), np.float32), np.zeros((n, 8), np.float32), k)
    assert idx.shape == scores.shape == shape
    assert idx.dtype == np.int64 and scores.dtype == np.float32
    assert all_pairs_top_k(np.zeros((0, 8), np.float32), 3)[0].shape == (0, 0)


def test_float64_and_sliced_input():
    x = unit(80, 6, seed=11).astype(np.float64)
    found = top_k(x[::2], x[1::2], 4, chunk=16)
    assert_same(found, brute(x[::2], x[1::2], 4), x[::2], x[1::2])


@pytest.mark.parametrize(("call", "message"), [
    (lambda x: top_k(x, x, -1), "k must be"),
    (lambda x: top_k(x, x, 3, chunk=0), "chunk must be"),
    (lambda x: top_k(x[0], x, 3), "2-D"),
    (lambda x: top_k(x[:, :3], x, 3), "dimensions"),
    (lambda x: top_k(x, x, 3, exclude_same_group=True), "needs groups"),
    (lambda x: top_k(x, x, 3, groups=np.zeros(2)), "one group per row"),
    (lambda x: top_k(x[:2].copy(), x, 3, groups=np.zeros(10), exclude_same_group=True),
     "query_groups"),
])
def test_bad_arguments_are_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call(unit(10, 4))


# ---------------------------------------------------------------- real sample embeddings


@pytest.fixture(scope="module")
def sample_vectors(sample_build):
    """Every embeddable item of the bundled samples, embedded with the real model."""
    from cspgraph.graph.similarity.model import load_model
    from cspgraph.graph.similarity.texts import embeddable_items

    items = embeddable_items(sample_build.dataset)
    texts = [item.text() for item in items]
    vectors = load_model().encode(texts, batch_size=32, normalize_embeddings=True,
                                  convert_to_numpy=True).astype(np.float32)
    return vectors, np.array([item.doc_id for item in items]), texts


@pytest.mark.parametrize("chunk", [64, 2048])
def test_cross_document_neighbours_of_real_items_equal_brute_force(sample_vectors, chunk):
    x, docs, _ = sample_vectors
    assert len(x) > 100 and len(set(docs)) >= 4
    found = all_pairs_top_k(x, 10, groups=docs, exclude_same_group=True, chunk=chunk)
    assert_same(found, brute(x, x, 10, np.arange(len(x)), docs, docs), x, x)
    assert np.all(docs[found[0]] != docs[:, None])
    within = all_pairs_top_k(x, 10, chunk=chunk)
    assert_same(within, brute(x, x, 10, np.arange(len(x))), x, x)


def test_real_near_duplicates_are_each_others_neighbours(sample_vectors):
    """Two sample items that ask for the same thing rank each other high across documents."""
    x, docs, texts = sample_vectors
    idx, _ = all_pairs_top_k(x, 5, groups=docs, exclude_same_group=True)

    def find(words: str) -> int:
        (hit,) = [i for i, t in enumerate(texts) if words.lower() in t.lower()][:1]
        return hit

    a = find("pan Cheshire Domestic Abuse Strategy")
    b = find("revised Domestic Abuse Strategy")
    assert docs[a] != docs[b]
    assert b in idx[a] and a in idx[b]


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 90), k=st.integers(1, 25), chunk=st.integers(1, 40),
       n_groups=st.integers(1, 5), seed=st.integers(0, 10_000), exclude=st.booleans())
def test_any_shape_equals_brute_force(n, k, chunk, n_groups, seed, exclude):
    x = unit(n, 6, seed=seed)
    groups = np.random.default_rng(seed).integers(0, n_groups, n)
    found = all_pairs_top_k(x, k, groups=groups, exclude_same_group=exclude, chunk=chunk)
    expected = brute(x, x, k, np.arange(n), groups if exclude else None,
                     groups if exclude else None)
    assert_same(found, expected, x, x)
