"""Alignment stated in prose, read by the generic reading
(``loaders/recognisers/reading/alignment.py``) and answered by the query layer: a plan
serves another plan, an objective or an aim."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspgraph.graph import queries as q
from cspgraph.graph.build.dataset import build
from cspgraph.loaders.facts import Serves
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.reading import recognise

PLAN = """# Northvale Community Safety Plan 2024-2027

## Our priorities

- Reducing violence
- Tackling fraud

Our priorities support the Anyshire Police and Crime Plan 2021-25 objectives 'Cutting crime'
and 'Protecting vulnerable people'.
"""


def _serves(text: str) -> list[tuple[str, str, str]]:
    doc = read_text(text.encode("utf-8"), "plan.md")
    return [(f.subject, f.target_kind, f.target) for f in recognise(doc)
            if isinstance(f, Serves)]


@pytest.mark.parametrize(
    ("text", "serves"),
    [
        pytest.param(PLAN, [
            ("Northvale Community Safety Plan", "objective", "Cutting crime"),
            ("Northvale Community Safety Plan", "objective", "Protecting vulnerable people"),
        ], id="priorities-that-support-a-plans-quoted-objectives"),
        pytest.param(
            "# Northvale Community Safety Plan 2024-2027\n\nThe Anyshire Police and Crime Plan "
            "objectives 'Cutting crime' and 'Safer roads' are supported by our priorities.\n",
            [("Northvale Community Safety Plan", "objective", "Cutting crime"),
             ("Northvale Community Safety Plan", "objective", "Safer roads")],
            id="the-higher-plan-as-subject"),
        pytest.param(
            "# Anyshire Community Safety Agreement\n\nThe Agreement has been developed from the "
            "findings of the Anyshire Strategic Assessment. The recommendations from the "
            "Strategic Assessment inform the Operational Strategy (OS), and this in turn "
            "determines the actions in the Partnership Delivery Plan (PDP). The PDP also takes "
            "into account other documents, such as the Local Area Agreement and the Children's "
            "Plan.\n",
            [("Anyshire Community Safety Agreement", "plan", "Anyshire Strategic Assessment"),
             ("Operational Strategy", "plan", "Anyshire Strategic Assessment"),
             ("Partnership Delivery Plan", "plan", "Operational Strategy"),
             ("Partnership Delivery Plan", "plan", "Local Area Agreement"),
             ("Partnership Delivery Plan", "plan", "Children's Plan")],
            id="plans-that-follow-other-plans"),
        pytest.param(
            "# Anyshire Well-being Objectives\n\nThe set of Well-being objectives supported the "
            "seven national Well-being goals and the priorities and ambitions of the Council "
            "and they aligned well with future strategic objectives.\n",
            [("Anyshire Well-being Objectives", "aim", "seven national Well-being goals"),
             ("Anyshire Well-being Objectives", "aim", "priorities and ambitions of the Council"),
             ("Anyshire Well-being Objectives", "aim", "future strategic objectives")],
            id="aims-named-without-a-plan"),
    ],
)
def test_what_a_plan_serves_in_prose(text: str, serves: list[tuple[str, str, str]]) -> None:
    assert _serves(text) == serves


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    path = Path(tmp_path_factory.mktemp("plans")) / "northvale-community-safety-plan.md"
    path.write_text(PLAN, encoding="utf-8")
    return build([path])


def test_objectives_the_plan_serves_are_no_gap(built) -> None:
    doc = built.reports[0].doc_id
    matrix = q.alignment(built.dataset, doc, "Police and Crime Plan")
    assert {o.label for o in matrix.objectives} == {"Cutting crime",
                                                     "Protecting vulnerable people"}
    assert matrix.unserved_objectives == []
    assert {c.objective.label for c in matrix.served_by_plan} == {
        "Cutting crime", "Protecting vulnerable people"}
    assert all(c.sources and "Our priorities support" in c.sources[0].quote
               for c in matrix.served_by_plan)


def test_alignment_facts_name_the_document_and_lines(built) -> None:
    facts = [f for f in q.document_facts(built.dataset, built.reports[0].doc_id)
             if f.type == "alignment"]
    assert {f.fields["to"] for f in facts} == {"Cutting crime", "Protecting vulnerable people"}
    assert all(f.sources[0].line_start == 8 for f in facts)
