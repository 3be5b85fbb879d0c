"""The generic reading's governance relations, on short invented text."""

from __future__ import annotations

from cspgraph.loaders.facts import BodyRelation, Relation
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.reading import recognise


def _relations(text: str, name: str = "paper.txt") -> set[tuple[str, Relation, str]]:
    doc = read_text(text.encode(), name)
    facts = list(recognise(doc))
    for fact in facts:
        assert fact.source.quote in doc.plain(fact.source.span), fact
    return {(f.subject, f.relation, f.object) for f in facts if isinstance(f, BodyRelation)}


def test_a_second_predicate_keeps_the_first_ones_subject():
    found = _relations(
        "Minutes of the Westby Safety Board held on 4 March 2025\n\n"
        "The Westby Youth Group is a sub-group of the Westby Safety Board and reports to it "
        "quarterly.\n\n"
        "The Westby Hub is accountable to the Westby Executive and is held to account by the "
        "Westby Scrutiny Committee.\n")
    assert found == {
        ("Westby Youth Group", Relation.SUB_GROUP_OF, "Westby Safety Board"),
        ("Westby Youth Group", Relation.REPORTS_TO, "Westby Safety Board"),
        ("Westby Hub", Relation.REPORTS_TO, "Westby Executive"),
        ("Westby Scrutiny Committee", Relation.SCRUTINISES, "Westby Hub"),
    }


def test_adverbs_between_reports_and_to_and_bodies_joined_by_and_the():
    found = _relations(
        "The Westby Safety Board reports twice a year to the Westby Executive Group.\n\n"
        "The Westby Safety Board works alongside the Westby Children Partnership and the Westby "
        "Adults Board.\n")
    assert found == {
        ("Westby Safety Board", Relation.REPORTS_TO, "Westby Executive Group"),
        ("Westby Safety Board", Relation.ALONGSIDE, "Westby Children Partnership"),
        ("Westby Safety Board", Relation.ALONGSIDE, "Westby Adults Board"),
    }


def test_bodies_listed_after_a_lead_in_each_report():
    found = _relations(
        "The Westby Safety Partnership (WSP) is the community safety partnership for Westby.\n\n"
        "The following groups report to the WSP:\n\n"
        "* Westby Night Group\n* Westby Hate Crime Forum\n\n"
        "The Westby Safety Partnership has two delivery groups, which report to it:\n\n"
        "- Westby Exploitation Group\n")
    assert found == {
        ("Westby Night Group", Relation.REPORTS_TO, "Westby Safety Partnership"),
        ("Westby Hate Crime Forum", Relation.REPORTS_TO, "Westby Safety Partnership"),
        ("Westby Exploitation Group", Relation.REPORTS_TO, "Westby Safety Partnership"),
    }


def test_a_strategy_overseen_is_not_a_body():
    assert _relations("The Westby Safety Board oversees the Westby Violence Strategy.\n") == set()


def test_its_work_is_the_document_bodys():
    found = _relations(
        "Westby Safety Partnership\n\nTerms of Reference\n\n"
        "The Westby Safety Partnership (WSP) is the community safety partnership for Westby.\n\n"
        "The WSP is accountable to the Westby Board. Its work will be scrutinised by the Westby "
        "Scrutiny Committee.\n")
    assert found == {
        ("Westby Safety Partnership", Relation.REPORTS_TO, "Westby Board"),
        ("Westby Scrutiny Committee", Relation.SCRUTINISES, "Westby Safety Partnership"),
    }
