"""Facts become ORG/DCTERMS/SKOS triples; SHACL finds the gaps; networkx sees the structure."""

from __future__ import annotations

import pytest
from rdflib import RDF, Literal

from cspgraph.errors import QueryError
from cspgraph.graph.build.emit import emit_facts
from cspgraph.graph.build.provenance import graph_iri
from cspgraph.graph.build.validate import validate
from cspgraph.graph.queries.network import org_network
from cspgraph.graph.queries.sparql import as_table, run_query
from cspgraph.graph.store.backends import new_dataset
from cspgraph.loaders import facts as F
from cspgraph.loaders.document import Span
from cspgraph.ontology.namespaces import CSP, FOAF, ORG

SRC = F.Source(Span(3, 3), "a quote")


def _dataset(facts):
    ds = new_dataset()
    emit_facts(ds.graph(graph_iri("test")), "test", facts)
    return ds


@pytest.fixture()
def governance():
    return _dataset([
        F.DocumentInfo(SRC, "Test Plan", F.PlanKind.PARTNERSHIP_PLAN, period="2020-21"),
        F.Alias(SRC, "TB", "Test Board"),
        F.Body(SRC, "Test Board", F.BodyKind.BOARD),
        F.Body(SRC, "Test Sub Group", F.BodyKind.SUBGROUP),
        F.Body(SRC, "Orphan Group", F.BodyKind.SUBGROUP),
        F.Post(SRC, "TB", F.Role.CHAIR, person="DR JANE ROE", title="Director",
               organisation="Test Council"),
        F.Post(SRC, "Test Sub Group", F.Role.CHAIR, person="Jane Roe"),
        F.BodyRelation(SRC, "Test Sub Group", F.Relation.SUB_GROUP_OF, "TB"),
        F.BodyRelation(SRC, "Test Board", F.Relation.REPORTS_TO, "Executive Group"),
        F.Priority(SRC, "priority/1", "Reduce harm"),
        F.Item(SRC, "action/1", F.ItemKind.ACTION, "Do a thing", parent="priority/1",
               strand="Supporting people harmed"),
        F.Item(SRC, "action/2", F.ItemKind.ACTION, "Do another", parent="priority/1",
               strand="Prioritising Prevention"),
    ])


def test_aliases_and_people_resolve_to_one_node(governance):
    people = set(governance.subjects(RDF.type, FOAF.Person))
    assert len(people) == 1
    person = people.pop()
    assert str(governance.value(person, FOAF.name)) in {"Dr Jane Roe", "Jane Roe"}
    chairs = list(run_query(governance, """
        PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?body WHERE { ?post org:heldBy ?p ; org:postIn ?b . ?b rdfs:label ?body }"""))
    assert sorted(str(r.body) for r in chairs) == ["Test Board", "Test Sub Group"]


def test_strand_variants_map_to_the_strand_concept(governance):
    action = next(governance.subjects(CSP.strandLabel, Literal("Prioritising Prevention")))
    assert governance.value(action, CSP.strand) == CSP.Prevent


def test_a_strand_name_without_a_strand_word_keeps_only_its_label(governance):
    action = next(governance.subjects(CSP.strandLabel, Literal("Supporting people harmed")))
    assert governance.value(action, CSP.strand) is None


def test_shacl_reports_the_real_gaps_only(governance):
    report = validate(governance)
    by_label = {}
    for f in report.findings:
        by_label.setdefault(f.label, []).append(f.message.lower())
    assert any("lead" in m for m in by_label["Reduce harm"])
    assert any("report" in m for m in by_label["Orphan Group"])
    assert any("chair" in m for m in by_label["Orphan Group"])
    assert not any("chair" in m for m in by_label.get("Test Board", []))
    assert not any("report" in m for m in by_label.get("Test Sub Group", []))
    assert any("timescale" in m for m in by_label["Do a thing"])


def test_network_view_holds_structure_and_posts(governance):
    net = org_network(governance)
    labels = {data["label"]: node for node, data in net.nodes(data=True)}
    sub, board = labels["Test Sub Group"], labels["Test Board"]
    assert net.has_edge(sub, board, key="sub-group of")
    assert net.has_edge(board, labels["Executive Group"], key="reports to")
    person = next(n for n, d in net.nodes(data=True) if "Person" in d["types"])
    assert net.has_edge(person, board, key="chair")


def test_queries_are_read_only(governance):
    with pytest.raises(QueryError):
        run_query(governance, "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }")
    with pytest.raises(QueryError):
        run_query(governance, "SELECT WHERE {")
    table = as_table(run_query(governance, f"ASK {{ ?s a <{ORG.Post}> }}"))
    assert table.rows == [["true"]]
