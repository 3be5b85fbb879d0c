"""Loaded and built graphs keep one object per distinct term (the memory saving)."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import RDF

from cspgraph.graph.store import io
from cspgraph.graph.store.terms import Interner


def _distinct_objects(ds, position: int) -> tuple[int, int]:
    """(distinct terms, distinct objects) in one position of the documents' quads (the
    resolution graph is written after loading, term by term)."""
    terms = [q[position] for q in ds.quads((None, None, None, None))
             if "/graph/resolution" not in str(q[3])]
    return len(set(terms)), len({id(t) for t in terms})


def test_the_interner_returns_the_first_equal_term():
    intern = Interner()
    first, again = URIRef(str(RDF.type)), URIRef(str(RDF.type))
    assert first is not again
    assert intern(first) is first and intern(again) is first


def test_a_built_graph_holds_one_object_per_term(sample_build):
    for position in (0, 1, 2):
        terms, objects = _distinct_objects(sample_build.dataset, position)
        assert objects == terms, position


def test_a_loaded_n_quads_file_holds_one_object_per_term(sample_build, tmp_path):
    path = tmp_path / "graph.nq"
    io.save(sample_build.dataset, path)
    loaded = io.load(path)
    assert len(loaded) == len(sample_build.dataset)
    for position in (0, 1, 2):
        terms, objects = _distinct_objects(loaded, position)
        assert objects == terms, position
