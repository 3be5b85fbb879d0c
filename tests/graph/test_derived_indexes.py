"""Derived indexes follow every edit of the graph: the name index once treated "same
triple count" as "unchanged", so after a relabel the old name found the node and the new
one found nothing (issue 18, finding 5)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from cspgraph.graph.queries.lookup import _name_index, name_index
from cspgraph.graph.store.backends import graph_version, memory_dataset

NODES = [URIRef(f"https://example.org/body/{i}") for i in range(4)]
NAMES = st.sampled_from(["North Board", "South Forum", "East Panel", "West Group", "Hub"])
EDITS = st.lists(st.tuples(st.sampled_from(["relabel", "add", "remove"]),
                           st.sampled_from(NODES), NAMES), min_size=1, max_size=12)


def _fresh(ds) -> dict:
    return {k: v for k, v in _name_index(ds).items() if v}


@settings(max_examples=60, deadline=None)
@given(EDITS)
def test_every_lookup_matches_a_fresh_build_after_each_edit(edits) -> None:
    ds = memory_dataset()
    graph = ds.graph(URIRef("https://example.org/doc"))
    for node in NODES:
        graph.add((node, RDFS.label, Literal("Old Name")))
    for kind, node, name in edits:
        name_index(ds)  # a cached index exists before the edit
        if kind == "relabel":  # same triple count before and after
            graph.remove((node, RDFS.label, None))
            graph.add((node, RDFS.label, Literal(name)))
        elif kind == "add":
            graph.add((node, RDFS.label, Literal(name)))
        else:
            graph.remove((node, RDFS.label, Literal(name)))
        assert {k: v for k, v in name_index(ds).items() if v} == _fresh(ds)


def test_a_relabel_with_an_equal_count_changes_the_version() -> None:
    ds = memory_dataset()
    graph = ds.graph(URIRef("https://example.org/doc"))
    graph.add((NODES[0], RDFS.label, Literal("Old Name")))
    before, size = graph_version(ds), len(ds)
    assert "old name" in name_index(ds)
    graph.remove((NODES[0], RDFS.label, None))
    graph.add((NODES[0], RDFS.label, Literal("New Name")))
    assert len(ds) == size and graph_version(ds) != before
    assert "new name" in name_index(ds) and "old name" not in name_index(ds)
