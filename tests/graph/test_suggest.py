"""Suggestions stored as data, and their review lifecycle through the curation overlay."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from cspgraph.graph import queries as q
from cspgraph.graph.build.curation import append_entries
from cspgraph.graph.build.dataset import build
from cspgraph.graph.queries.sources import sources
from cspgraph.graph.similarity.suggest import SUGGESTIONS_GRAPH
from cspgraph.ontology.namespaces import CSP
from cspgraph.settings import Settings


@pytest.fixture(scope="module")
def settings(tmp_path_factory):
    return Settings(cache_dir=str(tmp_path_factory.mktemp("emb")))


@pytest.fixture(scope="module")
def suggested(samples, settings):
    return build(samples, settings, suggest=True)


def test_suggestions_live_in_their_own_graph_with_model_score_and_date(suggested):
    ds = suggested.dataset
    dupes = [s for s in q.suggestions(ds) if s.kind == "duplicate"]
    assert len(dupes) == suggested.suggestions.duplicates > 0
    g = ds.graph(SUGGESTIONS_GRAPH)
    node = URIRef(dupes[0].iri)
    assert g.value(node, CSP.model).startswith("all-MiniLM-L6-v2@")
    assert g.value(node, CSP.score) is not None and g.value(node, CSP.reviewStatus) is not None
    assert not list(ds.triples((None, CSP.duplicateOf, None)))  # nothing asserted yet


def test_rejected_are_not_suggested_again_and_confirmed_become_curated_facts(
        suggested, samples, settings, tmp_path):
    dupes = [s for s in q.suggestions(suggested.dataset) if s.kind == "duplicate"]
    keep, drop = dupes[0], dupes[1]
    fixes = tmp_path / "reviews.yaml"
    append_entries(fixes, [{"review": {"suggestion": keep.iri, "status": "accepted"}},
                           {"review": {"suggestion": drop.iri, "status": "rejected",
                                       "reason": "different client groups"}}],
                   author="A. Analyst", when="2026-11-26")
    again = build(samples, settings, curation=[fixes], suggest=True)
    assert again.suggestions.accepted == 1 and again.suggestions.rejected == 1
    after = {s.iri: s for s in q.suggestions(again.dataset)}
    assert drop.iri not in after
    assert after[keep.iri].status == "accepted"
    a, b = URIRef(keep.subject.iri), URIRef(keep.proposal.iri)
    (src,) = sources(again.dataset, a, CSP.duplicateOf, b)
    assert src.document == "reviews.yaml" and src.curated_by == "A. Analyst"
    (confirmed,) = q.confirmed_duplicates(again.dataset)
    assert {confirmed[0].iri, confirmed[1].iri} == {keep.subject.iri, keep.proposal.iri}


def test_a_review_of_an_unknown_suggestion_is_stale(samples, settings, tmp_path):
    fixes = tmp_path / "stale.yaml"
    append_entries(fixes, [{"review": {"suggestion": "https://w3id.org/cspgraph/id/suggestion/"
                                       "duplicate/nothing", "status": "accepted"}}])
    result = build(samples, settings, curation=[fixes], suggest=True)
    assert any("no such suggestion" in s for s in result.curation.stale)


@pytest.fixture(scope="module")
def one_link_unprinted(samples, settings, tmp_path_factory):
    """The 2023-24 plan with one objective line taken out of the anti-social behaviour row."""
    (plan,) = [p for p in samples if "2023-24" in p.name]
    lines = plan.read_text(encoding="utf-8").split("\n")
    (row,) = [n for n, line in enumerate(lines) if line.startswith("<p>Anti-social behaviour")]
    cut = " <p>Improving public confidence in policing.</p>"
    assert cut in lines[row]
    lines[row] = lines[row].replace(cut, "", 1)
    copy = tmp_path_factory.mktemp("trimmed") / plan.name
    copy.write_text("\n".join(lines), encoding="utf-8")
    return build([copy], settings, suggest=True)


def test_an_unprinted_link_comes_back_as_a_labelled_suggestion_outside_the_gaps(
        one_link_unprinted):
    ds = one_link_unprinted.dataset
    plain = q.alignment(ds, "2023-24", "Police and Crime Plan")
    both = q.alignment(ds, "2023-24", "Police and Crime Plan", include_suggested=True)
    extra = [c for c in both.cells if c.status == "suggested"]
    assert ("Anti-social behaviour", "Improve public confidence in policing") in {
        (c.priority.label, c.objective.label) for c in extra}
    assert all(c.score and not c.sources for c in extra)
    assert {c.status for c in plain.cells} == {"asserted"}
    assert both.unserved_objectives == plain.unserved_objectives


def test_assessment_recommendations_point_to_later_plan_priorities_of_the_same_area(suggested):
    forward = [s for s in q.suggestions(suggested.dataset) if s.kind == "alignment"
               and s.proposal.type == "Priority"]
    assert forward
    docs = {d.doc_id: d for d in q.documents(suggested.dataset)}
    for s in forward:
        a, b = (iri.split("/doc/")[1].split("/")[0] for iri in (s.subject.iri, s.proposal.iri))
        assert docs[b].start > docs[a].start
