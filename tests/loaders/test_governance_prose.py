"""The "governance described in prose" recogniser, on the real samples and on new wording."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cspgraph.loaders import load_document, sample_paths
from cspgraph.loaders.document import Document
from cspgraph.loaders.facts import (
    Body,
    BodyKind,
    BodyRelation,
    Fact,
    Furniture,
    Membership,
    Post,
    Relation,
    Role,
)
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.governance_prose import recognise
from tests.helpers.documents import of

AGREEMENT = next(p for p in sample_paths() if p.name.startswith("worcestershire"))
PLAN_2009 = next(p for p in sample_paths() if p.name.startswith("cheshire-east"))
OTHERS = [p for p in sample_paths() if p not in (AGREEMENT, PLAN_2009)]

SCB = "Worcestershire Safer Communities Board"
HWBB = "Worcestershire Health & Well-Being Board"
PCC = "West Mercia Police & Crime Commissioner"
PCP = "West Mercia Police & Crime Panel"
CRB = "West Mercia Crime Reduction Board"
SMG = "Substance Misuse Strategic Oversight Group"
RRO = "Worcestershire Reducing Re-Offending Strategy Group"
PSG = "Worcestershire Prevent Strategy Group"
CHANNEL = "Worcestershire Channel Panel"

# body -> (role, person, title, organisation), as printed in Appendix B of the agreement
CHAIRS = {
    SCB: (Role.CHAIR, "Dr Frances Howie", "Director of Public Health", "WCC"),
    RRO: (Role.CHAIR, "Sue Hanley", None, "Redditch and Bromsgrove Councils"),
    "Worcestershire Domestic Abuse Forum": (Role.CHAIR, "Tim Rice", None, "WCC PH"),
    PSG: (Role.CHAIR, "Tim Rice", None, "WCC PH"),
    CHANNEL: (Role.CHAIR, "Paul Kinsella", None, "WCC PH"),
    SMG: (Role.CHAIR, "Dr Frances Howie", "Director of Public Health", "WCC"),
    "North Worcestershire CSP": (Role.CHAIR, "Sue Hanley", None, None),
    "South Worcestershire CSP": (Role.CHAIR, "Rose Rouse", None, None),
    "West Mercia Community Safety Liaison Group": (
        Role.CHAIR, "Andrew Gough", None, "Shropshire County Council"),
    PCC: (Role.HOLDER, "John Campion", None, None),
    PCP: (Role.CHAIR, "Cllr Brian Wilcox", None, "Herefordshire County Council"),
    CRB: (Role.CHAIR, "Andy Champness", None, "OPCC"),
    HWBB: (Role.CHAIR, "Cllr John Smith", "Cabinet Member for Health & Well-Being", "WCC"),
}


def _quotes_hold(doc: Document, facts: list[Fact]) -> None:
    for fact in facts:
        text = " ".join(doc.plain_line(n) for n in fact.source.span.lines())
        assert fact.source.quote and fact.source.quote in text, fact


def _relations(facts: list[Fact]) -> set[tuple[str, Relation, str]]:
    return {(r.subject, r.relation, r.object) for r in of(facts, BodyRelation)}


def _read(text: str, name: str = "elsewhere.md") -> tuple[Document, list[Fact]]:
    doc = read_text(text.encode(), name)
    return doc, list(recognise(doc))


@pytest.fixture(scope="module")
def agreement():
    return load_document(AGREEMENT)


@pytest.fixture(scope="module")
def mine(agreement) -> list[Fact]:
    return list(recognise(agreement.document))


def test_every_body_and_who_chairs_it(agreement, mine) -> None:
    assert not agreement.problems
    posts = of(mine, Post)
    assert {p.body: (p.role, p.person, p.title, p.organisation) for p in posts} == CHAIRS
    assert len(posts) == len(CHAIRS)
    entries = [b for b in of(mine, Body) if b.source.span.end > b.source.span.start]
    assert [b.name for b in entries] == list(CHAIRS)
    starts = {b.name: b.source.span.start for b in entries}
    assert starts[SCB] == 111 and starts[HWBB] == 155
    assert {b.name: b.source.span.end for b in entries}[HWBB] == 159  # description included


def test_people_chairing_more_than_one_body(mine) -> None:
    chairs = Counter(p.person for p in of(mine, Post) if p.role is Role.CHAIR)
    assert {p: n for p, n in chairs.items() if n > 1} == {
        "Dr Frances Howie": 2, "Tim Rice": 2, "Sue Hanley": 2,
    }


def test_kinds_abbreviations_and_area_qualifiers(mine) -> None:
    bodies = of(mine, Body)
    kinds = {b.name: b.kind for b in bodies}
    assert kinds[SCB] is BodyKind.BOARD
    assert kinds[PCC] is BodyKind.OFFICE
    assert kinds[PCP] is BodyKind.BOARD  # a panel that scrutinises
    assert kinds[CHANNEL] is BodyKind.SUBGROUP
    assert kinds["North Worcestershire CSP"] is BodyKind.PARTNERSHIP
    assert kinds["Worcestershire County Council"] is BodyKind.AGENCY
    assert kinds["Worcestershire Public Executive Group"] is BodyKind.BOARD
    shorts = {(b.name, b.short) for b in bodies if b.short}
    assert shorts == {
        (PSG, "PSG"), (PCC, "PCC"), (PCP, "PCP"), (SCB, "SCB"), (HWBB, "HWBB"),
        ("Worcestershire Public Executive Group", "PEG"),
    }
    areas = {b.name: b.area_qualifier for b in bodies if b.area_qualifier}
    assert areas == {"North Worcestershire CSP": "North", "South Worcestershire CSP": "South"}


def test_structure_sentences(mine) -> None:
    assert _relations(mine) == {
        (SCB, Relation.REPORTS_TO, "Worcestershire Public Executive Group"),
        (SCB, Relation.OVERSEES, CHANNEL),
        (RRO, Relation.SUB_GROUP_OF, SCB),
        (PSG, Relation.SUB_GROUP_OF, SCB),
        (SMG, Relation.REPORTS_TO, SCB),
        (SMG, Relation.REPORTS_TO, HWBB),
        (PCC, Relation.OVERSEES, CRB),
        (PCC, Relation.OVERSEES, "Victims Board"),
        (PCP, Relation.SCRUTINISES, PCC),
        ("Worcestershire County Council", Relation.HOST_AUTHORITY, PCP),
    }
    lines = {(r.subject, r.object): r.source.span.start for r in of(mine, BodyRelation)}
    assert lines[(SCB, "Worcestershire Public Executive Group")] == 31
    assert lines[(SMG, HWBB)] == 133
    quotes = {r.source.quote for r in of(mine, BodyRelation)}
    assert "This group reports to both the SCB and the HWBB." in quotes
    assert "A subgroup of the SCB, this provides strategic guidance, support and co-ordination " \
        "to the delivery of IOM work in Worcestershire." in quotes


def test_things_that_are_not_bodies_are_not_related(mine) -> None:
    objects = {r.object for r in of(mine, BodyRelation)}
    assert not any(o[:1].islower() for o in objects)
    # "oversees the implementation of ...", "oversees the system for ...", "the work of ..."
    assert all("Plan" not in o and "system" not in o for o in objects)
    assert not any(r.source.span.start in (79, 157) for r in of(mine, BodyRelation))


def test_membership_in_prose(mine) -> None:
    members = of(mine, Membership)
    by_body = {}
    for m in members:
        by_body.setdefault(m.body, []).append((m.member, m.role))
    assert by_body[SMG][0] == ("WCC", "staff")
    assert [m for m, _ in by_body[SMG]][1:] == [
        "Responsible Authorities", "National Offender Management Service", "Housing",
        "Public Health England", "Youth Offending Services", "NHS England", "Job Centre Plus",
        PCC,  # "the Office of the PCC"
    ]
    assert ("University of Worcester", "staff") in by_body["Worcestershire Domestic Abuse Forum"]
    assert (HWBB, "chair") in by_body[SCB]  # "the Chair of the Health & Well-Being Board"
    assert {m for m, _ in by_body[HWBB]} == {
        "NHS England", "Healthwatch Worcestershire", "West Mercia Police", "Adult Social Care",
        "Children's Social Care",
    }
    assert by_body["North Worcestershire CSP"] == by_body["South Worcestershire CSP"]
    assert {m for m, _ in by_body[CRB]} == {"CSP", "Probation", "IOM", "CRC", "YJS", "OPCC"}
    assert all(m.member[:1].isupper() for m in members)  # "the voluntary sector" is no member


def test_quotes_and_governance_section_coverage(agreement, mine) -> None:
    doc = agreement.document
    _quotes_hold(doc, mine)
    covered = set()
    for fact in mine:
        covered.update(fact.source.span.lines())
    section = [n for n in range(107, 160) if doc.plain_line(n)]
    assert [n for n in section if n not in covered] == []
    furniture = {f.source.span.start: f.reason for f in of(mine, Furniture)}
    assert furniture == {107: "governance section", 109: "governance section"}


def test_plan_2009_board_and_reporting_line() -> None:
    doc = read_text(PLAN_2009.read_bytes(), str(PLAN_2009))
    facts = list(recognise(doc))
    _quotes_hold(doc, facts)
    partnership = "Cheshire East Community Safety Partnership"  # its title, line 1
    assert _relations(facts) == {
        ("Strategic Board", Relation.OVERSEES, partnership),
        (partnership, Relation.REPORTS_TO, "Local Strategic Partnership (LSP) Board"),
    }
    kinds = {b.name: (b.kind, b.source.span.start) for b in of(facts, Body)}
    assert kinds == {
        partnership: (BodyKind.PARTNERSHIP, 1),
        "Strategic Board": (BodyKind.BOARD, 87),
        "Local Strategic Partnership (LSP) Board": (BodyKind.BOARD, 83),
    }
    assert not of(facts, Post) and not of(facts, Membership)


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name)
def test_nothing_in_documents_without_governance_prose(path: Path) -> None:
    doc = read_text(path.read_bytes(), str(path))
    assert list(recognise(doc)) == []


SYNTHETIC = """\
# Safer Kingsford Partnership

Community Safety Plan 2024 to 2027

## How we are governed

- 2.1 The Safer Kingsford Partnership (SKP) reports quarterly to the Kingsford Health and \
Wellbeing Board (HWB) and is overseen by the Kingsford Leadership Board.
- 2.2 Kingsford Borough Council is the host authority for the Safer Kingsford Partnership.
- 2.3 Report to the Partnership on progress each quarter.
- 2.4 Performance data is reported to the Leadership Board monthly. Members will recall the \
report to the Safer Kingsford Partnership in March.

## Partnership structure

Kingsford Leadership Board – Chair: Prof. Amira Okafor, Chief Executive, Kingsford Borough Council

The Board sets strategic direction for all partnerships in the borough and oversees the delivery \
of the plan. Membership comprises senior officers from Kingsford Borough Council, Northshire \
Constabulary, the Probation Service and the voluntary sector.

Serious Violence Steering Group (SVSG) - Chair: Supt Dan Ellery, Northshire Constabulary; \
Vice-Chair: Maria O'Neil-Lopez, Youth Justice Service

It is a sub-group of the SKP and reports to both the Leadership Board and the Community Safety \
Board.

Domestic Abuse Partnership Board
Chair: Helen Marsh (Director of Adult Services)

The board meets every two months. It oversees the Domestic Homicide Review Panel and the \
Sanctuary Scheme Group.

East / West Kingsford Locality Panel – Chairs: Cllr Ann Booth (East), Cllr Rob Teal (West)

Each panel brings together neighbourhood officers and residents.

Northshire Police, Fire and Crime Commissioner – Dr Leah Frost

The Northshire Police and Crime Panel scrutinises the Police, Fire and Crime Commissioner.
"""


def test_generic_wording_elsewhere() -> None:
    doc, facts = _read(SYNTHETIC)
    _quotes_hold(doc, facts)
    posts = {(p.body, p.role, p.person, p.title, p.organisation) for p in of(facts, Post)}
    assert posts == {
        ("Kingsford Leadership Board", Role.CHAIR, "Prof. Amira Okafor", "Chief Executive",
         "Kingsford Borough Council"),
        ("Serious Violence Steering Group", Role.CHAIR, "Supt Dan Ellery", None,
         "Northshire Constabulary"),
        ("Serious Violence Steering Group", Role.VICE_CHAIR, "Maria O'Neil-Lopez", None,
         "Youth Justice Service"),
        ("Domestic Abuse Partnership Board", Role.CHAIR, "Helen Marsh",
         "Director of Adult Services", None),
        ("East Kingsford Locality Panel", Role.CHAIR, "Cllr Ann Booth", None, None),
        ("West Kingsford Locality Panel", Role.CHAIR, "Cllr Rob Teal", None, None),
        ("Northshire Police, Fire and Crime Commissioner", Role.HOLDER, "Dr Leah Frost", None,
         None),
    }
    skp, board = "Safer Kingsford Partnership", "Kingsford Leadership Board"
    svsg, dapb = "Serious Violence Steering Group", "Domestic Abuse Partnership Board"
    assert _relations(facts) == {
        (skp, Relation.REPORTS_TO, "Kingsford Health and Wellbeing Board"),
        (board, Relation.OVERSEES, skp),  # "... and is overseen by ..."
        ("Kingsford Borough Council", Relation.HOST_AUTHORITY, skp),
        (svsg, Relation.SUB_GROUP_OF, skp),  # "It is a sub-group of the SKP"
        (svsg, Relation.REPORTS_TO, board),  # "the Leadership Board"
        (svsg, Relation.REPORTS_TO, "Community Safety Board"),
        (dapb, Relation.OVERSEES, "Domestic Homicide Review Panel"),
        (dapb, Relation.OVERSEES, "Sanctuary Scheme Group"),
        ("Northshire Police and Crime Panel", Relation.SCRUTINISES,
         "Northshire Police, Fire and Crime Commissioner"),
    }
    members = {(m.body, m.member, m.role) for m in of(facts, Membership)}
    assert members == {
        (board, "Kingsford Borough Council", "senior officer"),
        (board, "Northshire Constabulary", "senior officer"),
        (board, "Probation Service", "senior officer"),
    }
    bodies = {b.name: b for b in of(facts, Body)}
    assert bodies[svsg].short == "SVSG" and bodies[svsg].kind is BodyKind.SUBGROUP
    assert bodies["East Kingsford Locality Panel"].area_qualifier == "East"
    assert bodies["Northshire Police, Fire and Crime Commissioner"].kind is BodyKind.OFFICE
    assert (skp, "SKP") in {(b.name, b.short) for b in of(facts, Body)}
    # sentences 2.3 and 2.4 (an instruction, a passive "reported to", a report as a noun)
    assert not any(f.source.span.start in (9, 10) for f in facts)


def test_chair_cues_that_are_not_entries() -> None:
    _, facts = _read(
        "Meeting notes: Chair: Jane Roe\n\n"
        "The Chair: a role held in turn by each partner, with no fixed holder.\n\n"
        "Youth Panel - Chair: Vacant\n\n"
        "Anytown Board - Chair: Anytown Borough Council\n\n"
        "Theme\tLead\nSafer Roads Group - Chair: Jane Roe\tCouncil\n\n"
        "Safer Roads and - Chair: Jane Roe\n\n"
        "Road Safety Group - Chairs: Jane Roe (North), to be confirmed (South)\n\n"
        "CCTV Board - Chair: Special Domestic Violence Court\n\n"
        "The group reports to the Board. Report to the Anytown Board on progress.\n\n"
        "MARAC referrals from the CE team reports to the JAG every month.\n"
    )
    assert facts == []


def test_names_without_commas_capitals_and_parenthesised_chair() -> None:
    _, facts = _read(
        "Rural Crime Forum (Chair: JANE ROE, Inspector)\n\n"
        "Night Time Economy Group - Chair: WCP PH\n\n"
        "Youth Forum - Chair: Jane Roe Anytown Borough Council\n\n"
        "Hate Crime Group - Chair: Sam Poe Head of Community Services\n"
    )
    posts = of(facts, Post)
    assert [(p.body, p.person, p.title, p.organisation) for p in posts] == [
        ("Rural Crime Forum", "JANE ROE", "Inspector", None),
        ("Youth Forum", "Jane Roe", None, "Anytown Borough Council"),
        ("Hate Crime Group", "Sam Poe", "Head of Community Services", None),
    ]


def test_subjects_named_generic_or_left_out() -> None:
    _, facts = _read(
        "The Strategic Board oversees the Youth Forum.\n\n"
        "Harbour Town Safety Panel - Chair: Ben Ode, Harbour Town Council\n\n"
        "Reports quarterly to the Strategic Board. The panel oversees the Night Watch Group.\n"
    )
    assert _relations(facts) == {
        ("Strategic Board", Relation.OVERSEES, "Youth Forum"),
        ("Harbour Town Safety Panel", Relation.REPORTS_TO, "Strategic Board"),
        ("Harbour Town Safety Panel", Relation.OVERSEES, "Night Watch Group"),
    }
    kinds = {b.name: b.kind for b in of(facts, Body)}
    assert kinds["Harbour Town Safety Panel"] is BodyKind.BOARD  # it oversees a group


def test_will_be_scrutinised_by() -> None:
    _, facts = _read(
        "# Westby Safety Partnership\n\n## Terms of Reference\n\n"
        "The Westby Safety Partnership will be scrutinised by the Westby Scrutiny Committee.\n")
    assert _relations(facts) == {
        ("Westby Scrutiny Committee", Relation.SCRUTINISES, "Westby Safety Partnership")}
