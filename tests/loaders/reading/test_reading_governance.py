"""The generic reading's governance relations, on short invented documents.

Each case is a file under ``tests/loaders/data/reading/governance/`` with the relations it
states: (subject, relation, object).
"""

from __future__ import annotations

import pytest

from cspgraph.loaders.facts import BodyRelation
from cspgraph.loaders.facts import Relation as R
from cspgraph.loaders.recognisers.reading import recognise
from tests.helpers.documents import assert_quotes, data_doc

CASES = {
    "a-second-predicate-keeps-the-first-one-s-subject": {
        ("Westby Youth Group", R.SUB_GROUP_OF, "Westby Safety Board"),
        ("Westby Youth Group", R.REPORTS_TO, "Westby Safety Board"),
        ("Westby Hub", R.REPORTS_TO, "Westby Executive"),
        ("Westby Scrutiny Committee", R.SCRUTINISES, "Westby Hub")},
    "adverbs-between-reports-and-to-bodies-joined-by-and-the": {
        ("Westby Safety Board", R.REPORTS_TO, "Westby Executive Group"),
        ("Westby Safety Board", R.ALONGSIDE, "Westby Children Partnership"),
        ("Westby Safety Board", R.ALONGSIDE, "Westby Adults Board")},
    "bodies-listed-after-a-lead-in-each-report": {
        ("Westby Night Group", R.REPORTS_TO, "Westby Safety Partnership"),
        ("Westby Hate Crime Forum", R.REPORTS_TO, "Westby Safety Partnership"),
        ("Westby Exploitation Group", R.REPORTS_TO, "Westby Safety Partnership")},
    "a-strategy-overseen-is-not-a-body": set(),
    "its-work-is-the-document-body-s": {
        ("Westby Safety Partnership", R.REPORTS_TO, "Westby Board"),
        ("Westby Scrutiny Committee", R.SCRUTINISES, "Westby Safety Partnership")},
}


@pytest.mark.parametrize(("case", "expected"), CASES.items(), ids=CASES.keys())
def test_governance_stated_in_prose(case: str, expected: set) -> None:
    doc = data_doc(f"reading/governance/{case}.txt", "paper.txt")
    facts = list(recognise(doc))
    assert_quotes(doc, facts)
    assert {(f.subject, f.relation, f.object) for f in facts
            if isinstance(f, BodyRelation)} == expected
