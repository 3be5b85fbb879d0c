"""Entity resolution on the samples: merged on evidence, suggested when unproven."""

from __future__ import annotations

import pytest
from rdflib import Literal

from cspgraph.graph import queries as q
from cspgraph.graph.build.emit import emit_facts
from cspgraph.graph.build.names import identity_key
from cspgraph.graph.build.provenance import graph_iri
from cspgraph.graph.build.resolve import resolve
from cspgraph.graph.queries.lookup import BODIES
from cspgraph.graph.store.backends import new_dataset
from cspgraph.loaders import facts as F
from cspgraph.loaders.document import Span
from cspgraph.ontology.namespaces import FOAF


@pytest.mark.parametrize(("a", "b"), [
    ("Prevent & Tackle Crime", "Prevent and Tackle Crime."),
    ("Improving confidence in policing", "Improve confidence in policing"),
    ("Dr Jane Roe", "Jane Roe"),
    ("The Victims", "victim"),
])
def test_identity_key_folds_printing_only(a, b):
    assert identity_key(a) == identity_key(b)


def test_a_person_printed_with_and_without_title_is_one_node(ds):
    (person,) = q.find(ds, "Frances Howie", (FOAF.Person,))
    assert person.label == "Dr Frances Howie"
    assert q.find(ds, "Dr Frances Howie", (FOAF.Person,)) == [person]


def test_objective_variants_merge_with_their_rule_and_evidence(ds):
    records = [m for m in q.merges(ds) if m.rule == "wording variant in one plan"]
    kept = {m.kept.label for m in records}
    assert any("vulnerable" in k.lower() for k in kept)
    assert all(m.evidence for m in records)
    for m in records:  # the merged node is gone from every graph
        assert not list(ds.triples((None, None, m.merged_iri)))


def test_close_names_are_suggested_not_merged(ds):
    pending = q.suggestions(ds, "pending")
    pair = [s for s in pending if {s.subject.label, s.proposal.label} == {
        "Reducing Offending Strategy Group",
        "Worcestershire Reducing Re-Offending Strategy Group"}]
    assert len(pair) == 1 and 0 < pair[0].score < 1
    # two nodes: the exact name resolves to one, and the other is still found as partial
    exact = q.resolve(ds, "Reducing Offending Strategy Group", BODIES)
    found = q.find(ds, "Reducing Offending Strategy Group", BODIES)
    assert found[0] == exact and len({e.iri for e in found}) == 2


def test_names_across_time_are_not_merged_or_suggested(ds):
    trust = q.resolve(ds, "Cheshire Probation Trust", BODIES)
    probation = q.resolve(ds, "Probation", BODIES)
    assert trust.iri != probation.iri
    assert not [s for s in q.suggestions(ds)
                if {s.subject.iri, s.proposal.iri} == {trust.iri, probation.iri}]


def test_refused_pairs_are_neither_merged_nor_suggested():
    ds = new_dataset()
    src = F.Source(Span(1, 1), "x")
    facts = [F.Body(src, "Kingsford Youth Justice Strategy Group", F.BodyKind.SUBGROUP),
             F.Body(src, "Youth Justice Strategy Group", F.BodyKind.SUBGROUP),
             F.Body(src, "Kingsford Youth Justice Strategy Groups", F.BodyKind.SUBGROUP)]
    emit_facts(ds.graph(graph_iri("t")), "t", facts)
    nodes = sorted({str(n) for n in ds.subjects(None, None) if "/org/" in str(n)})
    result = resolve(ds, refused={frozenset((nodes[0], nodes[1]))})
    assert [m.rule for m in result.merges] == []
    pairs = {frozenset((str(a), str(b))) for a, b, _ in result.suggestions}
    assert frozenset((nodes[0], nodes[1])) not in pairs
    assert pairs == {frozenset((n, nodes[2])) for n in nodes[:2]}
    assert Literal("Kingsford Youth Justice Strategy Groups") in set(ds.objects(None, None))


def test_objectives_differing_only_by_a_light_verb_merge(ds):
    records = [m for m in q.merges(ds) if m.rule == "wording variant in one plan"]
    merged = [m for m in records if "best start" in m.kept.label.lower()]
    assert len(merged) == 1 and merged[0].evidence
    assert not [s for s in q.suggestions(ds, "pending") if s.subject.type == "Objective"]


def _objectives(*names: str):
    ds = new_dataset()
    src = F.Source(Span(1, 1), "x")
    facts = [F.HigherPlan(src, "Kingsford Council Plan", F.PlanKind.COUNCIL_PLAN, "2030-2034"),
             F.Priority(src, "p1", "Safer streets")]
    facts += [F.Alignment(src, "p1", "Kingsford Council Plan", "2030-2034", n) for n in names]
    emit_facts(ds.graph(graph_iri("t")), "t", facts)
    return ds, resolve(ds)


def test_objectives_sharing_most_words_are_suggested_not_merged():
    _, result = _objectives("Help older people live independently at home",
                             "Help older people live safely at home")
    assert [m.rule for m in result.merges] == []
    assert len(result.suggestions) == 1 and result.suggestions[0][2] >= 0.75


def test_a_light_verb_alone_does_not_make_objectives_one():
    _, result = _objectives("Get people into work", "Make people into work",
                             "People into work")
    assert {m.rule for m in result.merges} == {"wording variant in one plan"}
    _, result = _objectives("Get ahead", "Make ahead")
    assert result.merges == []  # one content word left: too little to prove identity


def test_an_entity_iri_resolves_to_itself(ds):
    body = q.resolve(ds, "Prevent Strategy Group", BODIES)
    assert q.resolve(ds, body.iri, BODIES) == body
    assert [a.label for a in q.who_chairs(ds, body.iri)] == ["Tim Rice"]
