"""Document metadata: title, kind, issuer, area, period, contacts, date notes, furniture."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from cspgraph.loaders import sample_paths
from cspgraph.loaders.document import Document
from cspgraph.loaders.facts import (
    DocumentInfo,
    Fact,
    Furniture,
    PlanKind,
    Post,
    QualityNote,
    Role,
    Source,
)
from cspgraph.loaders.parse.periods import find_dates, parse_period
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.metadata import area_of, body_names, recognise
from tests.helpers.documents import of


def _sample(prefix: str) -> Document:
    path = next(p for p in sample_paths() if p.name.startswith(prefix))
    return read_text(path.read_bytes(), str(path))


def _facts(prefix: str) -> list[Fact]:
    return list(recognise(_sample(prefix)))


def _synthetic(text: str, name: str = "plan.md") -> tuple[Document, list[Fact]]:
    doc = read_text(text.encode(), name)
    return doc, list(recognise(doc))


def _info(facts: list[Fact]) -> DocumentInfo:
    infos = [f for f in facts if isinstance(f, DocumentInfo)]
    assert len(infos) == 1
    return infos[0]


EXPECTED = {
    "cheshire-east": (
        "Cheshire East Community Safety Partnership - Partnership Plan 2009-2012",
        PlanKind.PARTNERSHIP_PLAN,
        "Cheshire East",
        "Cheshire East Community Safety Partnership",
        "2009-2012",
        (date(2009, 4, 1), date(2012, 3, 31)),  # the plan prints "2009/10": financial years
        (1, 5),
    ),
    "pan-cheshire": (
        "Pan Cheshire Community Safety Needs Assessment 2015/16 - Recommendations extract",
        PlanKind.STRATEGIC_ASSESSMENT,
        "Pan Cheshire",
        None,
        "2015/16",
        (date(2015, 4, 1), date(2016, 3, 31)),
        (3, 3),
    ),
    "safer-stockton": (
        "Safer Stockton Partnership - Recommendations from the Partnership Strategic "
        "Assessment 2010",
        PlanKind.COMMITTEE_PAPER,
        "Stockton",
        "Safer Stockton Partnership",
        "2010",
        (date(2010, 1, 1), date(2010, 12, 31)),
        (1, 3),
    ),
    "west-cheshire": (
        "West Cheshire Community Safety Partnership Plan 2023-24",
        PlanKind.PARTNERSHIP_PLAN,
        "Cheshire West & Chester",
        "Cheshire West & Chester Community Safety Partnership",
        "2023-24",
        (date(2023, 4, 1), date(2024, 3, 31)),
        (5, 10),
    ),
    "worcestershire": (
        "Worcester Safer Communities Board - Community Safety Agreement 2017 to 2018",
        PlanKind.COMMUNITY_SAFETY_AGREEMENT,
        "Worcestershire",
        "Worcestershire Safer Communities Board",
        "2017 to 2018",
        (date(2017, 4, 1), date(2018, 3, 31)),  # the plan prints "2017-18": financial year
        (1, 2),
    ),
}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_document_info_on_the_samples(prefix: str) -> None:
    title, kind, area, issuer, period, (start, end), (first, last) = EXPECTED[prefix]
    info = _info(_facts(prefix))
    assert (info.title, info.kind, info.area, info.issuer) == (title, kind, area, issuer)
    assert (info.period, info.start, info.end) == (period, start, end)
    assert (info.source.span.start, info.source.span.end) == (first, last)


def test_titles_and_periods_agree_with_the_gold_seeds(gold_documents: dict[str, Path]) -> None:
    seeds_file = Path(__file__).parents[1] / "gold" / "seeds.json"
    seeds = json.loads(seeds_file.read_text(encoding="utf-8"))["documents"]
    for name, path in gold_documents.items():
        doc = read_text(path.read_bytes(), str(path))
        info = _info(list(recognise(doc)))
        seed = seeds[name]
        assert info.period is not None
        assert info.period.replace(" to ", "-") == seed["period"]
        words = set(info.title.lower().split()) - {"-"}
        assert len(words & set(seed["title"].lower().split())) >= len(words) - 1
        assert info.area is not None and info.area.split()[-1] in seed["area"]


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name)
def test_every_quote_is_on_its_lines_and_nothing_is_yielded_twice(path: Path) -> None:
    doc = read_text(path.read_bytes(), str(path))
    facts = list(recognise(doc))
    for fact in facts:
        text = " ".join(doc.plain_line(n) for n in fact.source.span.lines())
        assert fact.source.quote and fact.source.quote in text, fact
    assert len(facts) == len(set(facts))


def test_contradictory_dates_are_flagged_not_chosen() -> None:
    facts = _facts("safer-stockton")
    notes = [n for n in of(facts, QualityNote) if "date" in n.message.lower()]
    assert len(notes) == 1
    note = notes[0]
    assert note.source.span.start == note.source.span.end == 1
    assert note.source.quote == "23 March 2009"
    for printed in ("23 March 2009", "15th March 2010", "9th February 2010", "line 11", "line 5"):
        assert printed in note.message
    for prefix in ("cheshire-east", "pan-cheshire", "west-cheshire", "worcestershire"):
        assert not [n for n in of(_facts(prefix), QualityNote) if "date" in n.message.lower()]


def test_contacts_and_signatures_are_contact_posts() -> None:
    worcs = of(_facts("worcestershire"), Post)
    assert len(worcs) == 1
    contact = worcs[0]
    assert (contact.role, contact.person, contact.body) == (
        Role.CONTACT,
        "Paul Kinsella",
        "Worcestershire Safer Communities Board",
    )
    assert contact.source.span.start == 12 and contact.source.quote == "Contact: Paul Kinsella"
    paper = of(_facts("safer-stockton"), Post)
    assert [(p.person, p.title, p.body, p.source.span.start) for p in paper] == [
        (None, "Community Safety Analyst", "Safer Stockton Partnership", 11)
    ]
    for prefix in ("cheshire-east", "pan-cheshire", "west-cheshire"):
        assert not of(_facts(prefix), Post)


def test_a_cut_down_issuer_name_is_replaced_and_noted() -> None:
    notes = of(_facts("worcestershire"), QualityNote)
    assert len(notes) == 1
    assert "'Worcester Safer Communities Board'" in notes[0].message
    assert "(line 31)" in notes[0].message


def test_title_page_furniture() -> None:
    furniture = {f.source.span.start: f.reason for f in of(_facts("worcestershire"), Furniture)}
    details = (4, 6, 8, 10)
    assert {n: furniture[n] for n in details} == dict.fromkeys(details, "document details")
    assert furniture[14] == "contents heading"
    assert all(furniture[n] == "table of contents" for n in range(16, 27))
    assert furniture[36] == "caption"
    assert furniture[83] == furniture[105] == "section label"
    assert 12 not in furniture and 28 not in furniture and 89 not in furniture
    assert set(furniture) == {4, 6, 8, 10, 14, *range(16, 27), 36, 83, 105}
    stockton = of(_facts("safer-stockton"), Furniture)
    assert [(f.source.span.start, f.reason) for f in stockton] == [
        (13, "heading repeats the document title")
    ]
    assert not of(_facts("pan-cheshire"), Furniture)
    assert not of(_facts("west-cheshire"), Furniture)
    east = of(_facts("cheshire-east"), Furniture)
    assert [f.source.quote for f in east] == ["(please see structure chart below)"]


# ---- other areas, other wording ----------------------------------------------------------


def test_a_plan_over_three_lines_with_calendar_years() -> None:
    _, facts = _synthetic(
        "# Northvale Community Safety Partnership\n\nCommunity Safety Strategy\n\n"
        "2020 - 2023\n\n## What we will do\n\n- Reduce burglary in the town centre.\n"
    )
    info = _info(facts)
    assert info.title == (
        "Northvale Community Safety Partnership - Community Safety Strategy 2020 - 2023"
    )
    assert (info.kind, info.issuer, info.area) == (
        PlanKind.PARTNERSHIP_PLAN,
        "Northvale Community Safety Partnership",
        "Northvale",
    )
    assert (info.start, info.end) == (date(2020, 1, 1), date(2023, 12, 31))
    assert info.source.span.start == 1 and info.source.span.end == 5
    assert len(facts) == 1


def test_financial_years_are_read_from_the_text() -> None:
    _, facts = _synthetic(
        "Riverford Crime and Disorder Reduction Partnership\n"
        "Crime and Disorder Reduction Strategy 2011 to 2014\n\n"
        "Targets for 2011/12 are set out below.\n"
    )
    info = _info(facts)
    assert info.issuer == "Riverford Crime and Disorder Reduction Partnership"
    assert info.area == "Riverford"
    assert (info.start, info.end) == (date(2011, 4, 1), date(2014, 3, 31))


def test_a_committee_paper_with_consistent_dates_has_no_note() -> None:
    text = (
        "Report to the Safer Eastmoor Board 14 June 2021\n\n"
        "## Annual Strategic Assessment\n\n"
        "1. At the last meeting on 10 May 2021 the Board asked for this summary.\n\n"
        "Head of Community Safety 2 June 2021\n\n"
        "## Annual Strategic Assessment 2021\n"
    )
    _, facts = _synthetic(text)
    info = _info(facts)
    assert info.kind is PlanKind.COMMITTEE_PAPER
    assert info.issuer == "Safer Eastmoor Board" and info.area == "Eastmoor"
    assert info.title == "Safer Eastmoor Board - Annual Strategic Assessment 2021"
    assert info.period == "2021"
    assert not of(facts, QualityNote)
    signed = of(facts, Post)
    assert [(p.title, p.source.span.start) for p in signed] == [("Head of Community Safety", 7)]
    late = text.replace("14 June 2021", "14 June 2020")
    _, facts = _synthetic(late)
    notes = of(facts, QualityNote)
    assert len(notes) == 1 and "14 June 2020" in notes[0].message
    assert "10 May 2021" in notes[0].message and "2 June 2021" in notes[0].message


def test_contents_with_dot_leaders_page_numbers_and_a_data_table() -> None:
    doc, facts = _synthetic(
        "Westdale Safer Neighbourhoods Partnership\n"
        "Partnership Plan April 2019 to March 2022\n\n"
        "Version: 3\n\nContact: Dr Jane Roe, Policy Officer, jane.roe@example.org\n\n"
        "Table of Contents\n\nIntroduction ........ 3\nOur priorities ........ 5\n\n"
        "# Introduction\n\nOffence\tCount\nBurglary\t123\nRobbery\t45\n\nPage 3 of 12\n\n- 4 -\n"
    )
    facts += [Furniture(Source(span, ""), why) for span, why in doc.furniture]  # the reader's
    info = _info(facts)
    assert (info.start, info.end) == (date(2019, 4, 1), date(2022, 3, 31))
    assert info.period == "April 2019 to March 2022"
    assert info.issuer == "Westdale Safer Neighbourhoods Partnership"
    furniture = {f.source.span.start: f.reason for f in of(facts, Furniture)}
    assert furniture == {
        4: "document details",
        8: "contents heading",
        10: "table of contents",
        11: "table of contents",
        19: "page number",
        21: "page number",
    }
    (post,) = of(facts, Post)
    assert (post.person, post.title, post.body) == (
        "Dr Jane Roe",
        "Policy Officer",
        "Westdale Safer Neighbourhoods Partnership",
    )


def test_prose_without_a_title_yields_nothing() -> None:
    _, facts = _synthetic(
        "This note records what the partners agreed. Dates: 4 May 2019 and 9 June 2020.\n\n"
        "Status: the work continues, see 12.\n"
    )
    assert facts == []


def test_a_police_and_crime_plan_without_an_issuer() -> None:
    _, facts = _synthetic("## Police and Crime Plan 2021-2025\n\nOur aims are these.\n")
    info = _info(facts)
    assert (info.kind, info.issuer, info.area) == (PlanKind.POLICE_AND_CRIME_PLAN, None, None)
    assert (info.start, info.end) == (date(2021, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize(
    ("printed", "start", "end"),
    [
        ("2015/16", date(2015, 4, 1), date(2016, 3, 31)),
        ("2023-24", date(2023, 4, 1), date(2024, 3, 31)),
        ("2015/2016", date(2015, 4, 1), date(2016, 3, 31)),
        ("1999-00", date(1999, 4, 1), date(2000, 3, 31)),
        ("2009-2012", date(2009, 1, 1), date(2012, 12, 31)),
        ("2017 to 2018", date(2017, 1, 1), date(2018, 12, 31)),
        ("2010", date(2010, 1, 1), date(2010, 12, 31)),
        ("April 2017 – March 2018", date(2017, 4, 1), date(2018, 3, 31)),
        ("Plan 2020–2023 refresh", date(2020, 1, 1), date(2023, 12, 31)),
    ],
)
def test_parse_period(printed: str, start: date, end: date) -> None:
    period = parse_period(printed)
    assert period is not None and (period.start, period.end) == (start, end)
    assert period.text in printed


def test_parse_period_refuses_non_periods() -> None:
    assert parse_period("no years here") is None
    assert parse_period("23 March 2009") is None  # a date, not a period
    assert parse_period("2012-2009") is None
    financial = parse_period("2009-2012", financial=True)
    assert financial is not None and (financial.start, financial.end) == (
        date(2009, 4, 1),
        date(2012, 3, 31),
    )


def test_find_dates() -> None:
    found = find_dates("Met 9th February 2010, signed 15 Mar 2010, on 03/04/2011 and March 2017.")
    assert [(d.value, d.text) for d in found] == [
        (date(2010, 2, 9), "9th February 2010"),
        (date(2010, 3, 15), "15 Mar 2010"),
        (date(2011, 4, 3), "03/04/2011"),
        (date(2017, 3, 1), "March 2017"),
    ]
    assert find_dates("31 February 2010") == []
    assert find_dates("in 1066 and on 5 Sept 2011")[0].value == date(2011, 9, 5)


def test_body_names_and_areas() -> None:
    assert body_names("Item for the Safer Eastmoor Board on 3 May") == ["Safer Eastmoor Board"]
    assert body_names("Recommendations from the Partnership Strategic Assessment") == []
    assert body_names("Upper Dale & Fenwick Community Safety Partnership Plan") == [
        "Upper Dale & Fenwick Community Safety Partnership"
    ]
    assert area_of("Upper Dale & Fenwick Community Safety Partnership") == "Upper Dale & Fenwick"
    assert area_of("Safer Eastmoor Board") == "Eastmoor"
    assert area_of("Kirkby Borough Council") == "Kirkby"
    assert area_of("Community Safety Partnership") is None


def test_status_words_above_the_title_are_not_an_issuer() -> None:
    _, facts = _synthetic("DRAFT\n\nLowmarsh Community Safety Plan 2019/20\n\n## Context\n")
    info = _info(facts)
    assert info.title == "Lowmarsh Community Safety Plan 2019/20"
    assert (info.issuer, info.area, info.kind) == (None, "Lowmarsh", PlanKind.PARTNERSHIP_PLAN)
    assert (info.start, info.end) == (date(2019, 4, 1), date(2020, 3, 31))


def test_prose_first_then_a_titled_heading() -> None:
    prose = "The partners met often and agreed many things about the work of the year ahead.\n\n"
    _, facts = _synthetic(prose + "# Introduction\n\nText.\n")
    assert facts == []
    _, facts = _synthetic("# Introduction\n\n" + prose)
    assert facts == []  # a section heading is not a title
    _, facts = _synthetic(prose + "# Strategic Assessment 2014\n\nText.\n")
    info = _info(facts)
    assert (info.title, info.kind, info.period) == (
        "Strategic Assessment 2014",
        PlanKind.STRATEGIC_ASSESSMENT,
        "2014",
    )
    assert info.source.span.start == 3


def test_a_protective_marking_on_the_title_line_is_debris() -> None:
    _, facts = _synthetic("Lowmarsh Strategic Assessment 2024          OFFICIAL\n\nText.\n",
                          "sa.txt")
    info = _info(facts)
    assert (info.title, info.kind, info.period) == (
        "Lowmarsh Strategic Assessment 2024", PlanKind.STRATEGIC_ASSESSMENT, "2024")


def test_a_committee_pages_reference_is_debris() -> None:
    _, facts = _synthetic("Lowmarsh Community Safety Plan 2025-28 (Pages 3 - 9)\n\nText.\n",
                          "plan.txt")
    assert _info(facts).title == "Lowmarsh Community Safety Plan 2025-28"
