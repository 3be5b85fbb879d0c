"""Vectors made with the graph and saved beside its file: round trip, reuse, refusal."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from cspgraph.graph.similarity import encode as encode_module
from cspgraph.graph.similarity.model import PINNED_SHA256
from cspgraph.graph.similarity.vectors import (
    corpus_from,
    embed_items,
    graph_items,
    load_vectors,
    row_texts,
    save_vectors,
    vector_paths,
)


@pytest.fixture(scope="module")
def items(sample_build):
    return graph_items(sample_build.dataset)


@pytest.fixture(scope="module")
def saved(items, api_settings, tmp_path_factory):
    """The sample graph's vectors, saved beside a (notional) graph file."""
    graph = tmp_path_factory.mktemp("vectors") / "graph.trig"
    graph.write_text("")
    vectors = embed_items(items, api_settings)
    save_vectors(graph, vectors)
    return graph, vectors


@pytest.fixture()
def encoded(monkeypatch):
    """The texts handed to ``encode`` during a test."""
    seen: list[str] = []
    real = encode_module.encode

    def spy(texts, *args, **kwargs):
        seen.extend(texts)
        return real(texts, *args, **kwargs)

    monkeypatch.setattr(encode_module, "encode", spy)
    return seen


def test_vectors_are_saved_beside_the_graph_and_read_back_mapped(saved, items):
    graph, vectors = saved
    npy, sidecar = vector_paths(graph)
    assert npy.name == "graph.trig.vectors.npy" and sidecar.name == "graph.trig.vectors.json"
    meta = json.loads(sidecar.read_text())
    assert meta["items"] == [it.iri for it in items]
    assert meta["model"].startswith("all-MiniLM-L6-v2@") and meta["model_sha256"] == PINNED_SHA256
    assert len(meta["text_sha256"]) == meta["rows"] == 2 * len(items) + len(vectors.themes)
    loaded = load_vectors(graph)
    assert isinstance(loaded.array, np.memmap) and loaded.array.dtype == np.float32
    assert np.array_equal(loaded.array, vectors.array)
    assert not list(graph.parent.glob(".*"))  # no temporaries left behind


def test_a_corpus_from_saved_vectors_is_the_one_build_corpus_makes(saved, items, sample_corpus,
                                                                  api_settings, encoded):
    loaded = load_vectors(saved[0])
    assert embed_items(items, api_settings, previous=loaded) is loaded  # nothing to embed
    corpus = corpus_from(items, loaded, api_settings)
    assert encoded == []
    assert [it.iri for it in corpus.items] == [it.iri for it in sample_corpus.items]
    assert np.allclose(corpus.vectors, sample_corpus.vectors, atol=1e-6)
    assert np.allclose(corpus.cores, sample_corpus.cores, atol=1e-6)
    assert corpus.themes == sample_corpus.themes
    assert np.array_equal(corpus.groups, sample_corpus.groups)


def test_only_an_item_whose_text_changed_is_embedded_again(saved, items, api_settings, encoded):
    loaded = load_vectors(saved[0])
    changed = [*items]
    changed[3] = replace(items[3], label=items[3].label + " within a month of each referral")
    again = embed_items(changed, api_settings, previous=loaded)
    assert set(encoded) <= set(row_texts([changed[3]])) and encoded
    assert changed[3].text() in encoded
    assert np.array_equal(again.array[:3], loaded.array[:3])
    assert not np.array_equal(again.array[3], loaded.array[3])


def test_vectors_of_another_model_are_not_reused(saved, items, api_settings, encoded):
    loaded = load_vectors(saved[0])
    other = replace(loaded, model_sha256="0" * 64)
    again = embed_items(items, api_settings, previous=other)
    assert len(set(encoded)) == len(set(row_texts(items)))  # all asked of encode (its cache)
    assert again is not other and np.allclose(again.array, loaded.array, atol=1e-6)


def test_vectors_without_a_sidecar_or_of_the_wrong_size_are_ignored(saved, tmp_path):
    graph, _ = saved
    npy, sidecar = vector_paths(graph)
    copy = tmp_path / "graph.trig"
    copy_npy, copy_sidecar = vector_paths(copy)
    copy_npy.write_bytes(npy.read_bytes())
    assert load_vectors(copy) is None  # a save that stopped before its sidecar
    meta = json.loads(sidecar.read_text())
    meta["text_sha256"] = meta["text_sha256"][:-1]
    copy_sidecar.write_text(json.dumps(meta))
    assert load_vectors(copy) is None


def test_the_duplicates_neighbour_table_is_computed_once_per_corpus(sample_corpus, sample_build):
    from cspgraph.graph.similarity.duplicates import duplicate_pairs, mutual_table, neighbour_table

    table = mutual_table(sample_corpus)
    assert mutual_table(sample_corpus) is table
    fresh = neighbour_table(sample_corpus, 3)
    assert all(np.array_equal(a, b) for a, b in zip(table, fresh, strict=True))
    assert duplicate_pairs(sample_build.dataset, sample_corpus)  # read from the table
