"""The generic reading's governance relations, on short invented text."""

from __future__ import annotations

import pytest

from cspgraph.loaders.facts import BodyRelation, Relation
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.reading import recognise


def _relations(text: str, name: str = "paper.txt") -> set[tuple[str, Relation, str]]:
    doc = read_text(text.encode(), name)
    facts = list(recognise(doc))
    for fact in facts:
        assert fact.source.quote in doc.plain(fact.source.span), fact
    return {(f.subject, f.relation, f.object) for f in facts if isinstance(f, BodyRelation)}


R = Relation
CASES = {
    "a second predicate keeps the first one's subject": (
        "Minutes of the Westby Safety Board held on 4 March 2025\n\n"
        "The Westby Youth Group is a sub-group of the Westby Safety Board and reports to it "
        "quarterly.\n\n"
        "The Westby Hub is accountable to the Westby Executive and is held to account by the "
        "Westby Scrutiny Committee.\n",
        {("Westby Youth Group", R.SUB_GROUP_OF, "Westby Safety Board"),
         ("Westby Youth Group", R.REPORTS_TO, "Westby Safety Board"),
         ("Westby Hub", R.REPORTS_TO, "Westby Executive"),
         ("Westby Scrutiny Committee", R.SCRUTINISES, "Westby Hub")}),
    "adverbs between 'reports' and 'to', bodies joined by 'and the'": (
        "The Westby Safety Board reports twice a year to the Westby Executive Group.\n\n"
        "The Westby Safety Board works alongside the Westby Children Partnership and the Westby "
        "Adults Board.\n",
        {("Westby Safety Board", R.REPORTS_TO, "Westby Executive Group"),
         ("Westby Safety Board", R.ALONGSIDE, "Westby Children Partnership"),
         ("Westby Safety Board", R.ALONGSIDE, "Westby Adults Board")}),
    "bodies listed after a lead-in each report": (
        "The Westby Safety Partnership (WSP) is the community safety partnership for Westby.\n\n"
        "The following groups report to the WSP:\n\n"
        "* Westby Night Group\n* Westby Hate Crime Forum\n\n"
        "The Westby Safety Partnership has two delivery groups, which report to it:\n\n"
        "- Westby Exploitation Group\n",
        {("Westby Night Group", R.REPORTS_TO, "Westby Safety Partnership"),
         ("Westby Hate Crime Forum", R.REPORTS_TO, "Westby Safety Partnership"),
         ("Westby Exploitation Group", R.REPORTS_TO, "Westby Safety Partnership")}),
    "a strategy overseen is not a body": (
        "The Westby Safety Board oversees the Westby Violence Strategy.\n", set()),
    "'its work' is the document body's": (
        "Westby Safety Partnership\n\nTerms of Reference\n\n"
        "The Westby Safety Partnership (WSP) is the community safety partnership for Westby.\n\n"
        "The WSP is accountable to the Westby Board. Its work will be scrutinised by the Westby "
        "Scrutiny Committee.\n",
        {("Westby Safety Partnership", R.REPORTS_TO, "Westby Board"),
         ("Westby Scrutiny Committee", R.SCRUTINISES, "Westby Safety Partnership")}),
}


@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES.keys())
def test_governance_stated_in_prose(text: str, expected: set) -> None:
    assert _relations(text) == expected
