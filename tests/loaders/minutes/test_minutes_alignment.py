"""Alignment statements in prose and a Police and Crime Plan's own objectives, through the
alignment query."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspgraph.graph import queries as Q
from cspgraph.graph.build.dataset import build
from cspgraph.loaders.facts import Alignment, HigherPlan, Objective, PlanKind, Priority
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers import police_crime_plans
from cspgraph.loaders.recognisers.reading import recognise

BOARD_DOC = "brackenford-safer-partnership-board-minutes-2024-03"
CSP_DOC = "westholme-community-safety-plan-2024-25"
PCC_DOC = "eastmere-police-and-crime-plan-2021-2025"
OBJECTIVES = ["Building trust and confidence in policing", "Preventing violent crime",
              "Supporting victims and survivors", "Tackling anti-social behaviour"]


def _read(module, text: str) -> list:
    """The facts ``module`` (or, for None, the generic reading) gives for ``text``."""
    doc = read_text(text.encode(), "paper.md")
    return list(module.recognise(doc) if module is not None else recognise(doc))


def _aligned(facts: list) -> list[tuple[str, str | None, str]]:
    """(priority name, higher plan, objective) of each alignment among ``facts``."""
    names = {f.key: f.name for f in facts if isinstance(f, Priority)}
    return [(names[f.priority], f.plan, f.objective) for f in facts if isinstance(f, Alignment)]


def test_the_plans_own_priorities_are_its_objectives(minutes_build):
    ds = minutes_build.dataset
    matrix = Q.alignment(ds, CSP_DOC, "Police and Crime Plan")
    assert matrix.against.label == "Eastmere Police and Crime Plan 2021-2025"
    assert [o.label for o in matrix.objectives] == OBJECTIVES
    by_objective = {o.label: o for o in matrix.objectives}
    assert Q.objectives(ds, matrix.against.iri) == sorted(by_objective.values(),
                                                          key=lambda e: e.label)


def test_statements_align_named_priorities_with_the_plans_objectives(minutes_build):
    matrix = Q.alignment(minutes_build.dataset, CSP_DOC, "Police and Crime Plan")
    cells = {(c.priority.label, c.objective.label, c.status) for c in matrix.cells}
    assert cells == {("Domestic Abuse", "Supporting victims and survivors", "asserted"),
                     ("Serious Violence", "Preventing violent crime", "asserted")}
    assert [o.label for o in matrix.unserved_objectives] == [
        "Building trust and confidence in policing", "Tackling anti-social behaviour"]
    quotes = {s.quote for c in matrix.cells for s in c.sources}
    assert "Priority 4 contributes to the Police and Crime Plan objective \"Preventing violent" \
           " crime\"." in quotes


def test_minutes_statement_names_the_priority_of_a_run_on_sentence(minutes_build):
    matrix = Q.alignment(minutes_build.dataset, BOARD_DOC, "Eastmere Police and Crime Plan")
    assert [(c.priority.label, c.objective.label) for c in matrix.cells] == [
        ("serious violence", "Preventing violent crime")]
    assert len(matrix.objectives) == 4  # the plan's own, met on one node


def test_a_statement_about_all_priorities_cites_the_plan(minutes_build):
    cited = Q.higher_plans(minutes_build.dataset, CSP_DOC)
    assert [p.label for p in cited] == ["Eastmere Police and Crime Plan 2021-2025"]


def test_this_priority_under_its_heading():
    facts = _read(None,
                  "# Anytown Plan\n\n## Priority 1: Safer Streets\n\nThis priority supports the"
                  " PCC's priority of 'Safer roads'.\n\n## Priority 2: Hate Crime\n\nWe will"
                  " work with schools.\n")
    assert _aligned(facts) == [("Safer Streets", "Police and Crime Plan", "Safer roads")]
    assert [(f.title, f.period) for f in facts if isinstance(f, HigherPlan)
            and f.kind is PlanKind.POLICE_AND_CRIME_PLAN] == [("Police and Crime Plan", None)]


@pytest.mark.parametrize("text", [
    "The council supports the PCC's priority of 'Safer roads'.",  # no priority of ours
    "Our priorities reflect national guidance and local need.",  # no Police and Crime Plan
    "The Commissioner supports victims across the county.",  # the PCC acting, not a plan
])
def test_sentences_that_are_not_alignments(text: str):
    facts = _read(None, f"# Anytown Plan\n\n## Priority 1: Safer Streets\n\n"
                                        f"{text}\n")
    assert not [f for f in facts if isinstance(f, Alignment)]


def test_this_priority_after_a_list_of_priorities_is_unclear():
    facts = _read(None,
                  "# Anytown Plan\n\nOur priorities:\n\n- Violence\n- Burglary\n\nThis priority"
                  " supports the PCC's priority of 'Safer roads'.\n")
    assert not [f for f in facts if isinstance(f, Alignment)]


@pytest.mark.parametrize("title", [
    "Response to the Police and Crime Plan consultation",
    "Anytown Community Safety Partnership Plan 2024-25",
])
def test_only_a_police_and_crime_plan_itself_sets_objectives(title: str):
    facts = _read(police_crime_plans, f"{title}\n\nOur priorities\n\n1. Violence\n2. Burglary\n")
    assert facts == []


def test_objective_titles_and_a_period_on_its_own_line():
    facts = _read(police_crime_plans,
                  "# Police and Crime Plan for Anyshire\n\n2024-2028\n\n## Objective 1: Safer"
                  " roads\n\nText.\n\n## Objective 2: Victims first\n\nText.\n")
    assert [(f.plan, f.plan_period, f.number, f.objective) for f in facts
            if isinstance(f, Objective)] == [
        ("Police and Crime Plan for Anyshire", "2024-2028", "1", "Safer roads"),
        ("Police and Crime Plan for Anyshire", "2024-2028", "2", "Victims first")]


def test_a_plan_printed_with_another_title_is_another_plan(tmp_path: Path):
    """Plans meet only where the citing document prints the plan's own title and period."""
    fixtures = Path(__file__).parent / "fixtures"
    (tmp_path / f"{PCC_DOC}.txt").write_bytes((fixtures / f"{PCC_DOC}.txt").read_bytes())
    (tmp_path / "plan.md").write_text(
        "# Anytown CSP Plan\n\n## Priority 1: Violence\n\nThis priority supports the Eastmere"
        " Police and Crime Plan 2021-25 objective 'Preventing violent crime'.\n")
    ds = build([tmp_path]).dataset
    matrix = Q.alignment(ds, "plan", "Police and Crime Plan")
    assert [o.label for o in matrix.objectives] == ["Preventing violent crime"]


def test_this_priority_under_a_label_is_the_priority_labelled_above(tmp_path: Path):
    """ "We will:" is a label, not a heading: "This priority" below its list is still the
    "Priority 1 - Name" above it, told through the query layer on the layout's key."""
    (tmp_path / "plan.md").write_text(
        "# Anytown Community Safety Plan 2025-2028\n\n## Our Priorities\n\n"
        "### Priority 1 - Safer Streets\n\nWe will:\n\n- map knife crime hotspots\n"
        "- fund youth diversion\n\nThis priority supports the Police and Crime Plan objective"
        " \"Cutting Crime\".\n")
    matrix = Q.alignment(build([tmp_path]).dataset, "plan", "Police and Crime Plan")
    assert [(c.priority.label, c.objective.label) for c in matrix.cells] == [
        ("Safer Streets", "Cutting Crime")]


def test_a_priority_named_by_its_number_word_and_each_priority():
    facts = _read(None,
                  "# Anytown Plan\n\nAmbition One - Safer towns\n\nAmbition Two - Fewer scams\n\n"
                  "Ambition Two contributes to the Police and Crime Plan objective 'Protecting"
                  " people'.\n\nEach priority delivers against the Police and Crime Plan"
                  " objective 'Cutting crime'.\n")
    assert [(name, objective) for name, _plan, objective in _aligned(facts)] == [
        ("Fewer scams", "Protecting people"), ("Safer towns", "Cutting crime"),
        ("Fewer scams", "Cutting crime")]


def test_a_table_of_priorities_and_the_objectives_they_serve():
    facts = _read(None,
                  "# Anytown Plan\n\nThis plan supports the Anyshire Police and Crime Plan.\n\n"
                  "| Our priority | Police and Crime Plan objective |\n|---|---|\n"
                  "| Safer Roads | Safer Communities |\n"
                  "| Fewer Scams | Protecting the Vulnerable |\n")
    assert _aligned(facts) == [
        ("Safer Roads", "Anyshire Police and Crime Plan", "Safer Communities"),
        ("Fewer Scams", "Anyshire Police and Crime Plan", "Protecting the Vulnerable")]


def test_a_bare_objective_column_is_the_plans_own_not_an_alignment():
    facts = _read(None, "# Anytown Plan\n\n| Priority | Objective |\n|---|---|\n"
                        "| Safer Roads | Fewer collisions |\n")
    assert not [f for f in facts if isinstance(f, Alignment)]
