"""The compact store answers every triple pattern as rdflib's Memory store does."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Dataset, Literal, URIRef

from cspgraph.graph.build.dataset import build
from cspgraph.graph.store import compact as compact_store
from cspgraph.graph.store.backends import memory_dataset
from cspgraph.graph.store.compact import CompactStore

S = [URIRef(f"urn:s{i}") for i in range(4)]
P = [URIRef(f"urn:p{i}") for i in range(3)]
O = [*S[:2], Literal("x"), Literal("x", lang="en"), Literal(1)]  # noqa: E741
G = [URIRef(f"urn:g{i}") for i in range(3)]

quad = st.tuples(st.sampled_from(S), st.sampled_from(P), st.sampled_from(O), st.sampled_from(G))
pattern = st.tuples(st.sampled_from([None, *S]), st.sampled_from([None, *P]),
                    st.sampled_from([None, *O]), st.sampled_from([None, *G]))
operation = st.one_of(
    st.tuples(st.just("add"), quad),
    st.tuples(st.just("addN"), st.lists(quad, max_size=12)),
    st.tuples(st.just("remove"), pattern),
    st.tuples(st.just("remove_graph"), st.sampled_from(G)),
    st.tuples(st.just("read"), pattern),
)


def apply(ds: Dataset, op: tuple) -> None:
    kind, arg = op
    if kind == "add":
        s, p, o, g = arg
        ds.graph(g).add((s, p, o))
    elif kind == "addN":
        ds.addN((s, p, o, ds.graph(g)) for s, p, o, g in arg)
    elif kind == "remove":
        *spo, g = arg
        if g is None:
            ds.remove(tuple(spo))
        else:
            ds.graph(g).remove(tuple(spo))
    elif kind == "remove_graph":
        ds.remove_graph(ds.graph(arg))


def view(ds: Dataset) -> dict:
    """Everything a reader can see of ``ds``: every pattern, with and without a graph."""
    seen: dict = {
        "quads": sorted((s, p, o, g) for s, p, o, g in ds.quads()),
        "len": len(ds),
        "graphs": sorted(str(g.identifier) for g in ds.graphs()),
    }
    for s, p, o in itertools.product([None, S[0]], [None, P[0]], [None, O[0], O[2]]):
        seen[(s, p, o)] = sorted(ds.triples((s, p, o)))
        for g in G:
            graph = ds.graph(g) if g in {x.identifier for x in ds.graphs()} else None
            if graph is not None:
                seen[(s, p, o, g)] = sorted(graph.triples((s, p, o)))
                seen[("len", g)] = len(graph)
    for s, p, o in itertools.product(S[:2], P[:2], O[:3]):
        seen[("contexts", s, p, o)] = sorted(
            str(c.identifier) for c in ds.store.contexts((s, p, o)))
    return seen


@pytest.mark.parametrize("small_batch,delta_limit", [(1, 2), (3, 1_000), (10**6, 10**6)])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                               HealthCheck.function_scoped_fixture])
@given(ops=st.lists(operation, max_size=25))
def test_same_answers_as_rdflib_memory(monkeypatch, small_batch, delta_limit, ops):
    """Random adds, removes and reads give what rdflib's Memory store gives, whether writes
    land in the sorted arrays, the delta or the dead set."""
    monkeypatch.setattr(compact_store, "SMALL_BATCH", small_batch)
    monkeypatch.setattr(compact_store, "DELTA_LIMIT", delta_limit)
    ours = Dataset(store=CompactStore(), default_union=True)
    theirs = Dataset(store="Memory", default_union=True)
    for op in ops:
        apply(ours, op)
        apply(theirs, op)
        if op[0] == "read":
            assert view(ours) == view(theirs)
    assert view(ours) == view(theirs)


def test_samples_build_to_the_same_quads_as_rdflib_memory(monkeypatch):
    """The bundled samples give the same quads in the compact store as in rdflib's."""
    ours = build().dataset
    assert isinstance(ours.store, CompactStore)
    monkeypatch.setattr("cspgraph.graph.store.backends.memory_dataset",
                        lambda: Dataset(store="Memory", default_union=True))
    theirs = build().dataset
    assert not isinstance(theirs.store, CompactStore)

    def stable(ds: Dataset) -> set:  # load time stamps differ between the two builds
        return {(s, p, o, g) for s, p, o, g in ds.quads()
                if "AtTime" not in str(p)}

    assert len(ours) == len(theirs) > 10_000
    assert stable(ours) == stable(theirs)


def test_a_small_edit_does_not_resort_the_graph():
    """After a bulk load, one added and one removed triple go to the delta and dead set."""
    ds = memory_dataset()
    g = ds.graph(URIRef("urn:g"))
    g.addN((URIRef(f"urn:s{i}"), P[0], Literal(i), g) for i in range(1_000))
    assert len(ds) == 1_000
    arrays = ds.store._base
    g.add((S[0], P[1], Literal("new")))
    g.remove((URIRef("urn:s5"), None, None))
    assert len(ds) == 1_000
    assert ds.store._base is arrays
    assert (S[0], P[1], Literal("new")) in g
    assert not list(g.triples((URIRef("urn:s5"), None, None)))


def test_readers_in_many_threads_see_one_merge_of_pending_writes():
    """The first reads after a bulk load may come from several request threads at once."""
    from concurrent.futures import ThreadPoolExecutor

    ds = memory_dataset()
    g = ds.graph(URIRef("urn:g"))
    g.addN((URIRef(f"urn:s{i}"), P[0], Literal(i), g) for i in range(20_000))
    with ThreadPoolExecutor(8) as pool:
        counts = list(pool.map(lambda _: len(list(ds.triples((None, P[0], None)))), range(16)))
    assert counts == [20_000] * 16
    assert ds.store._base.rows == 20_000 and not ds.store._pending
