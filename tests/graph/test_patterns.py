"""The query layer's direct pattern reads give what rdflib's Graph methods give."""

from __future__ import annotations

import itertools

from rdflib import Dataset
from rdflib.namespace import RDF, RDFS

from cspgraph.graph.queries import patterns as pat
from cspgraph.ontology.namespaces import CSP, PROV


def test_value_objects_subjects_match_rdflib(sample_build):
    ds: Dataset = sample_build.dataset
    nodes = sorted(set(itertools.islice(ds.subjects(CSP.leadAgency, None), 20)))
    agencies = sorted({o for n in nodes for o in ds.objects(n, CSP.leadAgency)})
    assert nodes and agencies
    for node, prop in itertools.product(nodes, (RDFS.label, CSP.leadAgency, RDF.type, CSP.quote)):
        assert sorted(pat.objects(ds, node, prop)) == sorted(ds.objects(node, prop))
        assert (pat.value(ds, node, prop) is None) == (ds.value(node, prop) is None)
        assert pat.value(ds, node, prop) in {None, *ds.objects(node, prop)}
    for agency in agencies:
        assert sorted(pat.subjects(ds, CSP.leadAgency, agency)) == sorted(
            ds.subjects(CSP.leadAgency, agency))
        assert pat.value(ds, None, CSP.leadAgency, agency) in set(
            ds.subjects(CSP.leadAgency, agency))
    assert sorted(pat.triples(ds, (None, PROV.wasDerivedFrom, None))) == sorted(
        ds.triples((None, PROV.wasDerivedFrom, None)))
    assert pat.value(ds, None, RDFS.label) is None  # two unbound positions: no answer


def test_a_single_named_graph_is_read_through_rdflib(sample_build):
    """On a graph that is not a union dataset, the helpers see only that graph."""
    graph = next(g for g in sample_build.dataset.graphs() if len(g) > 100)
    others = set(sample_build.dataset.subjects(RDF.type, None)) - set(graph.subjects())
    assert others
    assert not set(pat.subjects(graph, RDF.type, None)) & others
    assert sorted(pat.subjects(graph, RDF.type, None)) == sorted(graph.subjects(RDF.type, None))

