"""The plans a document names, read by the generic reading
(``loaders/recognisers/reading/plans.py``): one plan named several ways is one plan, and
the higher plans it cites are told from its own family of plans."""

from __future__ import annotations

import json
from pathlib import Path

from cspgraph.loaders import sample_paths
from cspgraph.loaders.document import Document
from cspgraph.loaders.facts import HigherPlan, PlanKind
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.reading import recognise
from tests.helpers.documents import read_path

SEEDS = json.loads((Path(__file__).parents[2] / "gold" / "seeds.json").read_text("utf-8"))
PLAN = next(p for p in sample_paths() if "partnership-plan-2009" in p.name)
AGREEMENT = next(p for p in sample_paths() if "community-safety-agreement" in p.name)


def _plans(doc: Document) -> list[HigherPlan]:
    facts = list(recognise(doc))
    for fact in facts:
        assert fact.source.quote in doc.plain(fact.source.span), fact
    return [f for f in facts if isinstance(f, HigherPlan)]


def _doc(text: str) -> Document:
    return read_text(text.encode("utf-8"), "plan.md")


def test_cited_plans_of_a_partnership_plan_match_gold() -> None:
    cited = {p.title: p for p in _plans(read_path(PLAN)) if p.cited}
    gold = SEEDS["documents"]["001_a1bfb6a68dcea0b0.txt"]["higher_plans_mentioned"]
    assert set(gold) <= set(cited)
    assert cited["Sustainable Community Strategy"].kind is PlanKind.COUNCIL_PLAN
    assert cited["Local Area Agreement"].source.span.start == 29
    assert all(p.period is None for p in cited.values())


def test_an_agreements_cited_plans_and_its_own_family() -> None:
    plans = _plans(read_path(AGREEMENT))
    cited = {(p.title, p.period) for p in plans if p.cited}
    assert cited == {
        ("Children and Young Persons Partnership Plan", "2017-21"),
        ("Health and Wellbeing Board Alcohol Plan", "2016-21"),
        ("West Mercia Police & Crime Plan", "2016/21"),
    }
    # the Commissioner's plan quoted by its own name, the "PCCs Plan" and the dated Police
    # and Crime Plan are one plan, under the title that says what it is
    police = next(p for p in plans if p.kind is PlanKind.POLICE_AND_CRIME_PLAN)
    assert {"Safer West Mercia Plan", "PCCs Plan"} <= set(police.aliases)
    assert police.owner == "West Mercia Police and Crime Commissioner"
    own = [p for p in plans if p.own]
    assert [p.title for p in own] == ["Community Safety Agreement"]
    # its action plans are named, not cited
    assert not any(p.cited for p in plans if "Action Plan" in p.title)


def test_plans_cited_in_other_wording() -> None:
    plans = {p.title: p for p in _plans(_doc(
        "# Dalesford Community Safety Strategy 2024-2027\n\n"
        "This work ties in with the County Council's Corporate Plan and is in line with the "
        "Dales Police and Crime Plan 2021-2025. It contributes to the Healthy Dales Strategy; "
        "the Dalesford Strategy Group oversees it.\n\n"
        "The Commissioner's \"Safe Dales Plan\" also applies. The Action Plan 2024-25 and the "
        "Dalesford Community Safety Strategy 2024-2027 are reviewed yearly, as is the "
        "Service Level Agreement. Targets are set out in the Community Strategy Group's "
        "minutes and the Rural Dales Plan.\n"))}
    cited = {t for t, p in plans.items() if p.cited}
    assert cited == {"Corporate Plan", "Dales Police and Crime Plan", "Healthy Dales Strategy",
                     "Rural Dales Plan"}
    assert plans["Corporate Plan"].kind is PlanKind.COUNCIL_PLAN
    assert plans["Corporate Plan"].owner == "County Council"
    police = plans["Dales Police and Crime Plan"]
    assert police.period == "2021-2025" and police.kind is PlanKind.POLICE_AND_CRIME_PLAN
    assert police.aliases == ("Safe Dales Plan",)  # the Commissioner's plan, by its brand
    assert plans["Healthy Dales Strategy"].kind is PlanKind.OTHER
    assert plans["Dalesford Community Safety Strategy"].own
    assert not plans["Action Plan"].cited  # its own action plan, of another period
    assert "Service Level Agreement" not in plans and "Community Strategy Group" not in plans


def test_police_plans_are_one_only_within_one_area() -> None:
    plans = _plans(_doc(
        "The Vale Police and Crime Commissioner's \"Safer Vale Plan\" guides us. We report "
        "against the Vale Police and Crime Plan 2021-2025. The Hills Police and Crime "
        "Commissioner's \"Hills Together Plan\" differs.\n"))
    got = [(p.title, p.period, p.aliases, p.owner) for p in plans]
    assert got == [
        ("Vale Police and Crime Plan", "2021-2025", ("Safer Vale Plan",),
         "Vale Police and Crime Commissioner"),
        ("Hills Together Plan", None, (), "Hills Police and Crime Commissioner"),
    ]


def test_earlier_plans_are_other_plans() -> None:
    plans = {p.title: p for p in _plans(_doc(
        "# Northvale Community Safety Partnership Plan (CSPP) 2024-2027\n\n"
        "The new Community Safety Partnership Plan builds on the previous three-year CSPP "
        "and on the former 2019-2022 strategy, and follows this strategic assessment.\n"))}
    assert set(plans) == {"Northvale Community Safety Partnership Plan",
                          "previous three-year CSPP", "former 2019-2022 strategy",
                          "strategic assessment"}
    assert plans["former 2019-2022 strategy"].period == "2019-2022"
    assert not any(p.cited for t, p in plans.items() if t.startswith(("previous", "former")))


def test_plans_listed_as_documents_and_named_in_brackets() -> None:
    plans = {p.title: p for p in _plans(_doc(
        "The plan takes into account other strategic documents, such as ‘Every Child "
        "Matters’, Local Area Agreements (LAA) and Community Needs Assessment (CNA).\n\n"
        "It reflects the Anyshire Community Plan (Local Outcome Improvement Plan - LOIP).\n"))}
    assert {"Every Child Matters", "Local Area Agreements", "Community Needs Assessment",
            "Anyshire Community Plan"} <= set(plans)
    assert "Local Outcome Improvement Plan" in plans["Anyshire Community Plan"].aliases


def test_a_plan_with_another_period_is_another_plan() -> None:
    """"replaces the Community Safety Plan 2022-2025": the shorter name of the document's own
    plan, but for other years, so an earlier plan of its own."""
    plans = {(p.title, p.period) for p in _plans(_doc(
        "# Anytown Community Safety Plan 2025-2028\n\nThis plan replaces the Community Safety"
        " Plan 2022-2025 and is informed by our Strategic Assessment 2024.\n"))}
    assert ("Community Safety Plan", "2022-2025") in plans
    assert ("Strategic Assessment", "2024") in plans


def test_the_documents_own_plan_goes_by_its_printed_title_too(tmp_path: Path) -> None:
    """The title page "Anytown District Council / Council Plan 2024 to 2028" titles the plan
    with its issuer and period; the title line as printed is kept as another name."""
    from cspgraph.graph import queries as q
    from cspgraph.graph.build.dataset import build

    (tmp_path / "plan.txt").write_text("Anytown District Council\nCouncil Plan 2024 to 2028\n\n"
                                       "Section 1: Introduction\n\nThe plan sets out our aims.\n")
    result = build([tmp_path])
    own = [f for f in q.document_facts(result.dataset, result.reports[0].doc_id)
           if f.type == "plan"]
    assert [(f.fields["title"], f.aliases.get("title")) for f in own] == [
        ("Anytown District Council - Council Plan 2024 to 2028", ("Council Plan",))]
