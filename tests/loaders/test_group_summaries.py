"""Group summary blocks, delivery group lists, indicators and membership tables."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from pathlib import Path

import pytest

from cspgraph.graph.build.names import normalise, person_display
from cspgraph.loaders import load_document, sample_paths
from cspgraph.loaders.facts import (
    Body,
    BodyKind,
    BodyRelation,
    Furniture,
    Indicator,
    IndicatorOwner,
    Lead,
    Membership,
    Relation,
)
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.group_summaries import _codes, recognise
from tests.helpers.documents import of

PLAN = next(p for p in sample_paths() if p.name.startswith("cheshire-east"))
OTHERS = [p for p in sample_paths() if p != PLAN]
SEEDS = Path(__file__).parents[1] / "gold" / "seeds.json"
GOLD = json.loads(SEEDS.read_text(encoding="utf-8"))["documents"]["001_a1bfb6a68dcea0b0.txt"]


@pytest.fixture(scope="module")
def plan():
    result = load_document(PLAN)
    return result, list(recognise(result.document))


def test_every_quote_is_in_its_span(plan) -> None:
    result, facts = plan
    assert facts and not result.problems
    for fact in facts:
        assert fact.source.quote, fact
        assert fact.source.quote in result.document.plain(fact.source.span), fact


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name[:24])
def test_nothing_in_documents_without_the_layout(path) -> None:
    assert list(recognise(load_document(path).document)) == []


def test_group_leads_match_the_gold(plan) -> None:
    _, facts = plan
    leads = {normalise(lead.target): lead for lead in of(facts, Lead)}
    assert len(leads) == len(GOLD["group_leads"]) == 6
    for expected in GOLD["group_leads"]:
        lead = leads[normalise(expected["group"])]
        assert lead.person and lead.lead.isupper()  # as printed; the graph title-cases it
        assert person_display(lead.lead) == expected["lead"]
        assert normalise(lead.organisation or "") == normalise(expected["organisation"])
        if expected["role"] is None:
            assert lead.title is None
        else:  # "COMMUNTY SAFETY MANGER" is printed: dropped letters are mended
            assert normalise(lead.title or "") == normalise(expected["role"])
    # the one-line block "MICK GARRIHY SUPERINTENDENT CHESHIRE POLICE" is split in three
    asb = leads[normalise("Anti-Social Behaviour Group")]
    assert (asb.lead, asb.title, asb.organisation) == (
        "MICK GARRIHY", "Superintendent", "Cheshire Police"
    )
    assert asb.source.span.start == 209 and asb.source.span.end == 211


def test_group_bodies_share_one_name_with_the_list(plan) -> None:
    _, facts = plan
    bodies = [b for b in of(facts, Body) if b.kind is BodyKind.SUBGROUP]
    listed = [b for b in bodies if 143 <= b.source.span.start <= 150]
    assert len(listed) == 8
    printed = [b.source.quote for b in listed]
    assert [normalise(p) for p in printed] == [normalise(g) for g in GOLD["delivery_groups"]]
    names = [b.name for b in listed]
    assert names[0] == "Public Confidence & Area Working Group"
    assert names[1] == "Anti-Social Behaviour Group"
    assert names[2] == "Funding, Performance and Intelligence"
    assert names[3] == "Preventing Offending Group"  # the "(...)" aside is dropped
    assert names[7] == "Road Safety Delivery Group"
    assert {lead.target for lead in of(facts, Lead)} <= set(names)
    assert len({b.name for b in bodies}) == 8


def test_delivery_groups_are_sub_groups_of_the_partnership(plan) -> None:
    _, facts = plan
    relations = of(facts, BodyRelation)
    assert len(relations) == 8
    assert {r.relation for r in relations} == {Relation.SUB_GROUP_OF}
    assert {r.object for r in relations} == {GOLD["partnership"]}
    assert all(r.source.span.start == 141 for r in relations)
    assert relations[0].source.quote.endswith("provide strategic leadership")


def test_indicators_and_descriptions(plan) -> None:
    _, facts = plan
    indicators = {i.code: i for i in of(facts, Indicator)}
    codes = GOLD["indicators"]["national"] + GOLD["indicators"]["local"]
    assert sorted(indicators) == sorted(codes)
    assert len(of(facts, Indicator)) == len(codes) == 14
    for code, description in GOLD["indicators"]["examples"].items():
        assert normalise(indicators[code].description or "") == normalise(description)
    assert indicators["NI 47"].description.startswith("People killed")  # "NI 47.... People"
    assert indicators["LI 40"].source.quote.startswith("Ll priority 40")  # misprinted code
    assert all(i.source.span.start in range(164, 181) for i in indicators.values())


def test_indicator_owners_match_the_gold(plan) -> None:
    _, facts = plan
    owned: dict[str, set[str]] = defaultdict(set)
    linked: dict[str, set[str]] = defaultdict(set)
    for owner in of(facts, IndicatorOwner):
        (linked if owner.linked else owned)[normalise(owner.owner)].add(owner.code)
    for expected in GOLD["group_leads"]:
        key = normalise(expected["group"])
        assert owned[key] == set(expected["indicators"]), key
        assert linked[key] == set(expected.get("linked_indicators", [])), key
    # sections headed by a code belong to the group above them
    headings = {o.source.span.start: o.code for o in of(facts, IndicatorOwner)}
    assert headings[230] == "NI 33" and headings[357] == "LI 39" and headings[471] == "LI 38"


def test_membership_table_rejoins_broken_cells(plan) -> None:
    _, facts = plan
    members = of(facts, Membership)
    assert {m.body for m in members} == {GOLD["board"]["name"]}
    agencies = list(dict.fromkeys(m.member for m in members))
    assert agencies == GOLD["board"]["member_agencies"]
    pairs = {(m.member, m.role) for m in members}
    for example in GOLD["board"]["representatives_examples"]:
        assert (example["agency"], example["role"]) in pairs
    assert (
        "Housing",
        "Senior Representative from Registered Social Landlord Group",
    ) in pairs
    assert (
        "Cheshire East Council",
        "Two other elected members, to provide geographical coverage of Cheshire East",
    ) in pairs
    fire = [m for m in members if m.member.startswith("Cheshire Fire")]
    assert {m.role for m in fire} == {"Elected Member", "Senior Officer"}
    assert all(m.source.span.start == 109 and m.source.span.end == 111 for m in fire)
    boards = [b for b in of(facts, Body) if b.kind is BodyKind.BOARD]
    assert {b.name for b in boards} == {"Strategic Board"}
    assert {b.source.span.start for b in boards} == {85, 96}


def test_headers_are_furniture_and_layout_lines_understood(plan) -> None:
    result, facts = plan
    furniture = {f.source.span.start: f.reason for f in of(facts, Furniture)}
    assert furniture[98] == "table header" and furniture[103] == "table separator"
    assert furniture[160] == furniture[162] == furniture[175] == "indicator list header"
    assert furniture[182] == "section header" and furniture[152] == "figure reference"
    for n in (191, 213, 306, 393, 439, 498):
        assert furniture[n] == "indicator block header"
    layout = [
        85, 96, *range(98, 128), *range(141, 151), 152, 160, 162, *range(164, 174), 175,
        *range(177, 183), 184, *range(186, 190), 191, 193, 207, 209, 211, 213, 215, 217,
        297, 299, *range(301, 305), 306, 308, 310, 312, 385, 387, *range(389, 392), 393, 395,
        432, 434, 436, 437, 439, 441, 490, 492, *range(494, 497), 498, 500,
    ]
    # every layout line gave a fact (its span holds the line) or is furniture; the coverage
    # report may still call a line partly read where the facts quote little of it
    covered = {n for f in result.facts for n in f.source.span.lines()}
    assert [n for n in layout if n not in covered and result.document.plain_line(n)] == []


def test_fast() -> None:
    document = load_document(PLAN).document
    start = time.perf_counter()
    for _ in range(10):
        list(recognise(document))
    assert (time.perf_counter() - start) / 10 < 0.1


# --- synthetic documents in other wording ----------------------------------------------
NORTHVALE = """# Northvale Safer Communities Partnership

## Membership of the Safer Northvale Executive

The Executive comprises representatives of the following organisations:

Organisation\tNominated representative
Riverton Borough\tCabinet Member for Communities
Council\tHead of Neighbourhoods
Northvale\tArea Commander
Constabulary\t
Riverton Clinical\tDeputy Chief Officer
Commissioning Group\t
Victim Support\tService Manager
Youth Offending\tHead of Service
Service\t

The following theme groups report to the Executive:

1. Violent Crime Task Group
2. Youth Justice (including the Youth Offending Service)
3. Substance Misuse

### Performance indicators

- NI 15 Serious violent crime rate
- NI 16 Serious acquisitive crime rate
- LI 7 Repeat victims of hate crime

## VIOLENT CRIME TASK GROUP

Lead: SARAH OKAFOR HEAD OF COMMUNITY SAFETY RIVERTON COUNCIL

Indicators:

NI 15 Serious violent crime rate
Also contributes to NI 16 and LI 7

The group meets monthly and reviews NI 15 performance.

## Youth Justice

Lead: Dr Priya Shah, Director of Public Health, Riverton Council

Key indicators:

NI 111 First time entrants to the youth justice system

### NI 19 Rate of proven re-offending by young offenders

Text about re-offending, which mentions NI 45 in passing.

## Glossary

### NI 99 Not a group's indicator
"""


@pytest.fixture(scope="module")
def northvale():
    doc = read_text(NORTHVALE.encode(), "northvale-plan.md")
    return doc, list(recognise(doc))


def test_synthetic_membership_table(northvale) -> None:
    doc, facts = northvale
    members = of(facts, Membership)
    assert {m.body for m in members} == {"Safer Northvale Executive"}
    assert list(dict.fromkeys(m.member for m in members)) == [
        "Riverton Borough Council",
        "Northvale Constabulary",
        "Riverton Clinical Commissioning Group",
        "Victim Support",
        "Youth Offending Service",
    ]
    assert ("Riverton Borough Council", "Head of Neighbourhoods") in {
        (m.member, m.role) for m in members
    }
    for fact in facts:
        assert fact.source.quote in doc.plain(fact.source.span)


def test_membership_header_found_below_stray_rows() -> None:
    text = """## The Safety Board

Riverton Police\tInspector
Agency\tRepresentative
Riverton\tChief Officer
Council\t
"""
    facts = list(recognise(read_text(text.encode(), "b.md")))
    members = of(facts, Membership)
    assert [(m.body, m.member, m.role) for m in members] == [
        ("Safety Board", "Riverton Council", "Chief Officer")
    ]
    assert [f.source.span.start for f in of(facts, Furniture)] == [4]


def test_synthetic_groups_leads_and_indicators(northvale) -> None:
    _, facts = northvale
    leads = {lead.target: lead for lead in of(facts, Lead)}
    assert set(leads) == {"Violent Crime Task Group", "Youth Justice"}
    violent = leads["Violent Crime Task Group"]
    assert (violent.lead, violent.title, violent.organisation) == (
        "SARAH OKAFOR", "Head of Community Safety", "Riverton Council"
    )
    youth = leads["Youth Justice"]
    assert youth.source.quote == "Dr Priya Shah"
    assert (youth.lead, youth.title, youth.organisation) == (
        "Dr Priya Shah", "Director of Public Health", "Riverton Council"
    )
    owners = {(o.owner, o.code, o.linked) for o in of(facts, IndicatorOwner)}
    assert owners == {
        ("Violent Crime Task Group", "NI 15", False),
        ("Violent Crime Task Group", "NI 16", True),
        ("Violent Crime Task Group", "LI 7", True),
        ("Youth Justice", "NI 111", False),
        ("Youth Justice", "NI 19", False),
    }
    indicators = {i.code: i.description for i in of(facts, Indicator)}
    assert indicators == {
        "NI 15": "Serious violent crime rate",
        "NI 16": "Serious acquisitive crime rate",
        "LI 7": "Repeat victims of hate crime",
        "NI 111": "First time entrants to the youth justice system",
        "NI 19": "Rate of proven re-offending by young offenders",
    }


def test_synthetic_group_list_reports_to_the_board(northvale) -> None:
    _, facts = northvale
    relations = {(r.subject, r.relation, r.object) for r in of(facts, BodyRelation)}
    assert relations == {
        (name, Relation.REPORTS_TO, "Safer Northvale Executive")
        for name in ("Violent Crime Task Group", "Youth Justice", "Substance Misuse")
    }
    subgroups = {b.name for b in of(facts, Body) if b.kind is BodyKind.SUBGROUP}
    assert subgroups == {"Violent Crime Task Group", "Youth Justice", "Substance Misuse"}


def test_lookalikes_yield_nothing() -> None:
    text = """# Riverton Community Safety Plan

## Reducing Burglary

Lead: Riverton Police

Our aim is to cut burglary; we will report on NI 16 and NI 15 each quarter.

Agency\tAction
Riverton Police\tTarget repeat offenders

We will do the following things:

- Target repeat offenders
- Mark property

Lead: this sentence describes who leads the work across the borough in detail.
"""
    doc = read_text(text.encode(), "riverton.md")
    assert list(recognise(doc)) == []


def test_job_title_misprints_are_mended_but_real_words_kept() -> None:
    text = """## Night Time Economy Group

Lead:
ROBIN ADEYEMI
LICENSING OFICER AND PARTNERSHIP MANGER
RIVERTON COUNCIL
"""
    (lead,) = of(list(recognise(read_text(text.encode(), "n.md"))), Lead)
    assert lead.title == "Licensing Officer and Partnership Manager"
    assert lead.organisation == "Riverton Council"
    assert lead.lead == "ROBIN ADEYEMI"


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("NI 4 & NI 21 - % of people", ["NI 4", "NI 21"]),
        ("Local indicators 37 & 40, reported incidents", ["LI 37", "LI 40"]),
        ("questions relating to NI 4 and 21.", ["NI 4", "NI 21"]),
        ("secondary deliberate fires (Ni33ii) call activity", ["NI 33"]),
        ("(NI21+NI21)", ["NI 21"]),
        ("Ll priority 40 Anti-social behaviour", ["LI 40"]),
        ("Local Indicator - LI 39 Alcohol Arrest Referral", ["LI 39"]),
        ("NI 20, 4% reduction; HO Code 8g; a national indicator", ["NI 20"]),
        ("the nil return and Lincoln 2009", []),
    ],
)
def test_indicator_codes(text: str, codes: list[str]) -> None:
    assert [c for c, _, _ in _codes(text)] == codes
