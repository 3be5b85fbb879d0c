"""The "priority | lead agency | actions" table recogniser, on the real samples and beyond."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from cspgraph.loaders import load_document, sample_paths
from cspgraph.loaders.document import Document
from cspgraph.loaders.facts import (
    Alignment,
    Fact,
    Furniture,
    HigherPlan,
    Item,
    ItemKind,
    Lead,
    PlanKind,
    Priority,
)
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.priority_tables import recognise
from tests.helpers.documents import assert_fast, data_doc, of, read_path, recognised

GOLD = Path(__file__).parents[1] / "gold" / "seeds.json"
SEED = json.loads(GOLD.read_text(encoding="utf-8"))["documents"]["002_6155fac2e07d2278.txt"]
PLAN = next(p for p in sample_paths() if p.name.startswith("west-"))
OTHERS = [p for p in sample_paths() if p != PLAN]
PCP = "Police and Crime Plan"


@pytest.fixture(scope="module")
def plan() -> tuple[Document, list[Fact]]:
    return recognised(PLAN, recognise)


@pytest.fixture(scope="module")
def canonical() -> dict[tuple[str, str], str]:
    """(plan title, printed objective) -> canonical objective, from the gold file."""
    out: dict[tuple[str, str], str] = {}
    for plan_name, objectives in SEED["canonical_objectives"].items():
        title = plan_name.rsplit(" ", 1)[0]
        for name, printed in objectives.items():
            out.update({(title, p.rstrip(".")): name for p in printed})
    return out


def test_priorities_names_aims_and_keys(plan) -> None:
    _, facts = plan
    priorities = of(facts, Priority)
    assert [p.name for p in priorities] == [p["name"] for p in SEED["priorities"]]
    assert [p.key for p in priorities] == [f"priority/{n}" for n in range(1, 8)]
    aims = {p.name: p.aim for p in priorities}
    assert aims["Prevent and Reduce Reoffending"].startswith("For partners to contribute")
    assert aims["Serious Violence"].startswith("To work in partnership")
    assert aims["Anti-social behaviour"] == (
        "To Increase Community Confidence through the prevention and reduction of "
        "Anti-Social Behaviour."
    )
    assert aims["Violence Against Women & Girls (VAWG)"].startswith("To prevent and reduce")
    assert [p.source.span.start for p in priorities] == [15, 25, 39, 54, 69, 77, 94]


def test_leads_one_per_agency(plan) -> None:
    _, facts = plan
    keys = {p.name: p.key for p in of(facts, Priority)}
    leads = of(facts, Lead)
    for seed in SEED["priorities"]:
        got = [lead.lead for lead in leads if lead.target == keys[seed["name"]]]
        assert got == seed["lead_agencies"], seed["name"]
    assert not any(lead.person for lead in leads)


def test_action_counts_and_strands(plan) -> None:
    _, facts = plan
    items = of(facts, Item)
    keys = {p.key: p.name for p in of(facts, Priority)}
    assert len(items) == SEED["actions_total"] == 55
    assert all(i.kind is ItemKind.ACTION for i in items)
    per = Counter(keys[i.parent] for i in items)
    assert per == {p["name"]: p["actions"] for p in SEED["priorities"]}
    assert len({i.key for i in items}) == 55
    for parent in keys:
        got = [i.key for i in items if i.parent == parent]
        assert got == [f"action/{parent.replace('/', '-')}/{m}" for m in range(1, len(got) + 1)]
    strands = {keys[k]: list(dict.fromkeys(i.strand for i in items if i.parent == k)) for k in keys}
    assert strands["Prevent and Reduce Reoffending"] == ["Prevent", "Pursue", "Protect", "Prepare"]
    assert strands["Domestic Abuse"] == [
        "Prevention",
        "Pursuing people who harm",
        "Supporting people harmed",
    ]
    assert strands["Violence Against Women & Girls (VAWG)"] == [
        "Understanding VAWG",
        "Prioritising Prevention",
        "Supporting people harmed",
        "Pursuing people who harm",
        "A stronger System",
    ]


def test_spilled_bullets_join_the_right_row_and_strand(plan) -> None:
    doc, facts = plan
    items = {i.text[:30]: i for i in of(facts, Item)}
    spilled = items["Strengthen opportunities with "]
    assert (spilled.parent, spilled.strand, spilled.source.span.start) == (
        "priority/1",
        "Protect",
        17,
    )
    prepare = items["Ensure that the needs analysis"]
    assert (prepare.parent, prepare.strand) == ("priority/1", "Prepare")
    assert (prepare.source.span.start, prepare.source.span.end) == (19, 21)  # strand heading
    safe = items["Utilise 'Safe Spaces' to prote"]
    assert (safe.parent, safe.strand) == ("priority/6", "Supporting people harmed")
    assert items["Use partners collective powers"].strand == "Pursue"
    for item in items.values():
        assert item.source.quote == item.text
        assert item.text in doc.plain(item.source.span)


def test_strand_headings_and_objectives_are_not_actions(plan) -> None:
    _, facts = plan
    texts = [i.text for i in of(facts, Item)]
    assert not any(
        t.startswith(("Prevent –", "Pursue -", "Prepare -", "Prepare –", "Supporting people"))
        for t in texts
    )
    assert "Improving public confidence in policing." not in texts
    assert "Protect vulnerable and at-risk people." not in texts
    assert not any("....." in t for t in texts)


def test_higher_plans(plan) -> None:
    _, facts = plan
    plans = {p.title: p for p in of(facts, HigherPlan)}
    assert len(of(facts, HigherPlan)) == 2
    for seed in SEED["higher_plans"]:
        got = plans[seed["name"]]
        assert (got.period, got.kind.value) == (seed["period"], seed["kind"])
    pcp = plans[PCP]
    assert (pcp.start, pcp.end) == (date(2021, 1, 1), date(2024, 12, 31))  # periods.py rule


def test_alignments_per_priority(plan, canonical) -> None:
    _, facts = plan
    keys = {p.key: p.name for p in of(facts, Priority)}
    alignments = of(facts, Alignment)
    council = next(p["name"] for p in SEED["higher_plans"] if p["kind"] == "council plan")
    for seed in SEED["priorities"]:
        mine = [a for a in alignments if keys[a.priority] == seed["name"]]
        for a in mine:
            assert (a.plan, a.objective.rstrip(".")) in canonical, a  # a real objective
        got_pcp = {canonical[(PCP, a.objective.rstrip("."))] for a in mine if a.plan == PCP}
        want_pcp = seed["police_and_crime_plan"] + seed.get("police_and_crime_plan_displaced", [])
        assert {o.lower() for o in got_pcp} == {o.lower() for o in want_pcp}, seed["name"]
        got_council = {
            canonical[(council, a.objective.rstrip("."))] for a in mine if a.plan == council
        }
        assert got_council == set(seed["council_plan"]), seed["name"]
        assert {a.plan_period for a in mine} == {"2020-2024", "2021-2024"}


def test_displaced_objectives_and_council_statement(plan) -> None:
    _, facts = plan
    vawg = [a for a in of(facts, Alignment) if a.priority == "priority/6"]
    displaced = {a.objective: a.source.span.start for a in vawg if a.source.span.start != 77}
    assert displaced == {
        "Improving public confidence in policing.": 79,
        "Protect vulnerable and at-risk people.": 81,
    }
    assert all(a.plan == PCP for a in vawg if a.objective in displaced)
    statement = SEED["priorities"][5]["council_plan_statement"]
    assert not any(statement[:30] in a.objective for a in of(facts, Alignment))


def test_furniture_and_coverage(plan) -> None:
    doc, facts = plan
    furniture = of(facts, Furniture)
    headers = [f.source.span.start for f in furniture if f.reason == "table header"]
    assert headers == [14, 24, 38, 53, 68, 76, 93]
    assert sum(f.reason == "separator" for f in furniture) == 12
    result = load_document(PLAN)
    mine = set()
    for f in facts:
        mine.update(f.source.span.lines())
    assert [n for n in doc.nonblank_lines() if n >= 14 and n not in mine] == []
    assert not result.problems


def test_quotes_are_in_their_spans(plan) -> None:
    doc, facts = plan
    for fact in facts:
        assert fact.source.quote, fact
        assert fact.source.quote in doc.plain(fact.source.span), fact


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name)
def test_nothing_in_other_layouts(path: Path) -> None:
    assert list(recognise(read_path(path))) == []


def test_fast_enough() -> None:
    assert_fast(recognise, 0.2)


# -- synthetic documents in other wording, from an imaginary area ----------------------------

GENERIC = (
    "## Delivery plan\n"
    "Our Priorities\tLead Partner(s)\tWhat we will do\n"
    "<p>Reducing Harm from Drugs To cut drug-related deaths and hospital admissions.</p>"
    "<p>---</p><p>Borough Council Corporate Plan 2022-26 Keep people safe. Grow the local"
    " economy.</p><p>---</p><p>Police, Fire and Crime Plan 2021-2025</p>"
    "<ul><li>Safer streets</li><li>Support victims</li></ul>"
    "\t<p>Fire and Rescue Service; Probation Service</p>"
    "\t<p><b>Prevent:</b></p><ol><li>Run school talks.</li><li>Fund outreach.</li></ol>"
    "<p><b>Enforce</b></p><ul><li>Close problem premises.</li></ul>\n"
    "\t\t<p>Support – help families</p><ul><li>Open a family hub.</li></ul>\n"
    "Priority 2: Road Danger\t<p>Highways Team</p>\t<ul><li>Fit speed cameras.</li></ul>\n"
    "\n"
    "Next steps\n"
    "- Train taxi drivers to spot risk.\n"
    "\n"
    "This plan will be reviewed every year.\n"
    "- Not an action\n"
)


@pytest.fixture(scope="module")
def generic() -> tuple[Document, list[Fact]]:
    doc = read_text(GENERIC.encode(), "elsewhere.md")
    return doc, list(recognise(doc))


def test_generic_priorities_leads_and_plans(generic) -> None:
    _, facts = generic
    priorities = of(facts, Priority)
    assert [(p.key, p.name, p.number) for p in priorities] == [
        ("priority/1", "Reducing Harm from Drugs", None),
        ("priority/2", "Road Danger", "2"),
    ]
    assert priorities[0].aim == "To cut drug-related deaths and hospital admissions."
    assert [(lead.target, lead.lead) for lead in of(facts, Lead)] == [
        ("priority/1", "Fire and Rescue Service"),
        ("priority/1", "Probation Service"),
        ("priority/2", "Highways Team"),
    ]
    plans = {p.title: p for p in of(facts, HigherPlan)}
    assert plans["Borough Council Corporate Plan"].kind is PlanKind.COUNCIL_PLAN
    assert plans["Borough Council Corporate Plan"].end == date(2026, 3, 31)
    assert plans["Police, Fire and Crime Plan"].kind is PlanKind.POLICE_AND_CRIME_PLAN
    assert [(a.plan, a.objective) for a in of(facts, Alignment)] == [
        ("Borough Council Corporate Plan", "Keep people safe."),
        ("Borough Council Corporate Plan", "Grow the local economy."),
        ("Police, Fire and Crime Plan", "Safer streets"),
        ("Police, Fire and Crime Plan", "Support victims"),
    ]


def test_generic_actions_strands_and_spill(generic) -> None:
    doc, facts = generic
    items = of(facts, Item)
    assert [(i.key, i.strand, i.number, i.text) for i in items] == [
        ("action/priority-1/1", "Prevent", "1", "Run school talks."),
        ("action/priority-1/2", "Prevent", "2", "Fund outreach."),
        ("action/priority-1/3", "Enforce", None, "Close problem premises."),
        ("action/priority-1/4", "Support", None, "Open a family hub."),
        ("action/priority-2/1", None, None, "Fit speed cameras."),
    ]
    texts = {i.text for i in items}
    assert "Train taxi drivers to spot risk." not in texts  # after a paragraph of prose
    assert "Not an action" not in texts
    assert sum(f.reason == "separator" for f in of(facts, Furniture)) == 2
    for fact in facts:
        assert fact.source.quote in doc.plain(fact.source.span)


def test_spill_continues_strands_and_objectives() -> None:
    doc = data_doc("priority-tables/spill-continues-strands-and-objectives.txt", "spill.txt")
    facts = list(recognise(doc))
    items = of(facts, Item)
    assert [(i.parent, i.strand, i.text, i.source.span.start) for i in items] == [
        ("priority/1", "Pursue", "Patrol hotspots.", 2),
        ("priority/1", "Pursue", "Add lighting to parks.", 5),
        ("priority/1", "Prepare", "Share lessons.", 6),
    ]
    displaced = [a for a in of(facts, Alignment) if a.source.span.start == 4]
    assert [(a.priority, a.plan, a.objective) for a in displaced] == [
        ("priority/1", "Mayor's Plan", "Protect the vulnerable."),
    ]
    fraud = of(facts, Priority)[1]
    assert (fraud.name, fraud.aim) == ("Fraud", "Protect older residents from scams.")
    assert of(facts, HigherPlan)[0].kind is not PlanKind.POLICE_AND_CRIME_PLAN


@pytest.mark.parametrize(
    "text",
    [
        "Theme\tAction\tTimescale\tLead\nAlcohol\tLaunch a campaign\tJune 2017\tCouncil\n",
        "Priority\tActions\nSafer roads\t<ul><li>Fit cameras</li></ul>\n",
        "Ref\tData gap\tLead\tAction\n1.1\tNo victim data\tPolice\tCollect it\n",
        "Priority area\tKey recommendations\tLead\nHate Crime\t<ol><li>Train</li></ol>\tCouncil\n",
    ],
)
def test_other_tables_yield_nothing(text: str) -> None:
    assert list(recognise(read_text(text.encode(), "other.txt"))) == []


def test_an_action_cell_of_semicolon_parted_actions_gives_each() -> None:
    doc = read_text(b"Anytown Community Safety Agreement 2024/25\n\n"
                    b"Priority\tLead\tKey actions\n"
                    b"Hate crime\tAnytown Council\tPromote reporting centres; train taxi drivers\n"
                    b"Road safety\tAnytown Fire\tDeliver road safety talks in schools\n",
                    "agreement.txt")
    facts = list(recognise(doc))
    assert [f.text for f in of(facts, Item)] == [
        "Promote reporting centres", "train taxi drivers", "Deliver road safety talks in schools"]
    for fact in facts:
        assert fact.source.quote in doc.plain(fact.source.span), fact
