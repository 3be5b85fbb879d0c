"""Priorities listed in prose, and contents pages."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from cspgraph.loaders import load_document, sample_paths
from cspgraph.loaders.facts import Furniture, Priority
from cspgraph.loaders.recognisers.priority_lists import recognise
from tests.helpers.documents import (
    AGREEMENT,
    DATA,
    assert_fast,
    assert_quotes,
    data_doc,
    of,
    read_path,
    sample,
    sample_fixture,
    text_doc,
)
from tests.helpers.documents import PLAN_2009 as PLAN
from tests.helpers.gold import AGREEMENT_GOLD
from tests.helpers.gold import PLAN_2009_GOLD as PLAN_GOLD

TABLES = sample("plan-2023")
OTHERS = [p for p in sample_paths() if p not in (PLAN, AGREEMENT)]


_doc = partial(text_doc, name="plan.md")
_data = partial(data_doc, as_name="plan.md")


plan = sample_fixture(PLAN, recognise)
agreement = sample_fixture(AGREEMENT, recognise)


# -- the 2009-2012 plan: grouped "Name – aim" lines and a numbered list ---------------


def test_grouped_priorities_match_gold(plan) -> None:
    doc, facts = plan
    priorities = of(facts, Priority)
    by_group: dict[str, list[str]] = {}
    for p in priorities:
        by_group.setdefault(p.group, []).append(p.name)
    assert by_group == {
        "To Reduce": PLAN_GOLD["priorities"]["to_reduce"],
        "By Actively": PLAN_GOLD["priorities"]["by_actively"],
        "Key Priorities": PLAN_GOLD["priorities"]["key_priorities"],
    }
    assert_quotes(doc, facts)


def test_keys_numbers_aims_and_lines(plan) -> None:
    _, facts = plan
    priorities = {p.key: p for p in of(facts, Priority)}
    assert list(priorities) == [
        *(f"priority/to-reduce/{n}" for n in range(1, 5)),
        *(f"priority/by-actively/{n}" for n in range(1, 4)),
        *(f"priority/key-priorities/{n}" for n in range(1, 4)),
    ]
    crime = priorities["priority/to-reduce/4"]
    assert crime.name == "Acquisitive Crime"
    assert crime.aim is not None and crime.aim.startswith("Reduce acquisitive crime")
    assert crime.number is None and crime.parent is None
    assert crime.source.span.start == crime.source.span.end == 17
    neighbourhoods = priorities["priority/by-actively/1"]
    assert neighbourhoods.aim is not None and neighbourhoods.aim.startswith("Support the")
    towns = priorities["priority/key-priorities/2"]
    assert (towns.name, towns.number, towns.aim, towns.source.span.start) == (
        "Town Centre Management", "2", None, 64
    )


def test_other_numbered_lists_are_not_priorities(plan) -> None:
    _, facts = plan
    lines = {p.source.span.start for p in of(facts, Priority)}
    assert lines == {11, 13, 15, 17, 21, 23, 25, 63, 64, 65}
    # the partnership's functions (71-83), the board's agenda (89-94), the delivery
    # groups (143-150) and the bullets under each group are lists too, but not priorities


def test_section_titles_are_furniture(plan) -> None:
    _, facts = plan
    titles = [(f.source.span.start, f.reason) for f in of(facts, Furniture)]
    assert titles == [(n, "priority section title") for n in (7, 9, 19, 61)]


def test_priority_areas_match_gold(agreement) -> None:
    doc, facts = agreement
    top = [p for p in of(facts, Priority) if p.parent is None]
    assert [p.name for p in top] == AGREEMENT_GOLD["priority_areas"]
    assert [p.key for p in top] == ["priority/3", "priority/4", "priority/5", "priority/6"]
    assert [p.number for p in top] == ["3", "4", "5", "6"]
    assert [p.source.span.start for p in top] == [44, 53, 60, 70]
    assert {p.group for p in top} == {"SCB Priority areas"}
    assert_quotes(doc, facts)


def test_harm_reduction_includes_sub_priorities(agreement) -> None:
    _, facts = agreement
    subs = [p for p in of(facts, Priority) if p.parent is not None]
    assert [p.name for p in subs] == AGREEMENT_GOLD["harm_reduction_includes"]
    assert {p.parent for p in subs} == {"priority/6"}
    assert [p.key for p in subs] == [f"priority/6/{n}" for n in range(1, 6)]
    assert all(p.source.span.start == 70 for p in subs)


def test_numbered_paragraphs_are_not_priorities(agreement) -> None:
    _, facts = agreement
    names = {p.name for p in of(facts, Priority)}
    assert "Introduction" not in names and "SCB Priority areas" not in names
    assert len(of(facts, Priority)) == 9


def test_contents_page_is_furniture(agreement) -> None:
    _, facts = agreement
    contents = [f.source.span.start for f in of(facts, Furniture) if f.reason == "contents"]
    assert contents == [14, *range(16, 27)]
    titles = {f.source.span.start: f.reason for f in of(facts, Furniture)
              if f.reason != "contents"}
    assert titles == {40: "priority section title", 28: "section title"}


# -- documents without this layout -----------------------------------------------------


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name)
def test_no_priorities_or_plans_elsewhere(path: Path) -> None:
    facts = list(recognise(read_path(path)))
    assert facts == []


def test_priority_tables_document_gets_priorities_only_from_its_tables() -> None:
    result = load_document(TABLES)
    mine = set(map(repr, recognise(result.document)))
    assert not mine
    assert not result.problems


def test_fast_on_every_sample() -> None:
    assert_fast(recognise, 0.1)


# -- synthetic documents in other wording -------------------------------------------


def test_lead_in_paragraph_and_top_level_bullets_only() -> None:
    doc = _data("priority-lists/lead-in-paragraph-and-top-level-bullets-only.md")
    facts = list(recognise(doc))
    priorities = of(facts, Priority)
    assert [(p.key, p.name, p.aim) for p in priorities] == [
        ("priority/1", "Tackling knife crime", "fewer young people carry knives"),
        ("priority/2", "Safer night-time economy", None),
        ("priority/3", "Reducing repeat victimisation", None),
    ]
    assert [f.source.span.start for f in of(facts, Furniture)] == [3]
    assert_quotes(doc, facts)


def test_titled_groups_with_bold_names() -> None:
    doc = _data("priority-lists/titled-groups-with-bold-names.md")
    facts = list(recognise(doc))
    got = [(p.key, p.group, p.name) for p in of(facts, Priority)]
    assert got == [
        ("priority/to-prevent/1", "To prevent", "Exploitation"),
        ("priority/to-prevent/2", "To prevent", "Serious violence"),
        ("priority/to-protect/1", "To protect", "Victims of Domestic Abuse"),
    ]
    titles = [f.source.span.start for f in of(facts, Furniture)]
    assert titles == [1, 3, 9]


def test_titles_about_actions_or_prose_open_nothing() -> None:
    assert list(recognise(_data("priority-lists/titles-about-actions-or-prose.md"))) == []


def test_numbered_sections_in_other_wording_stop_at_structure() -> None:
    doc = _data("priority-lists/numbered-sections-in-other-wording-stop-at-structure.md")
    facts = list(recognise(doc))
    got = [(p.key, p.name, p.parent) for p in of(facts, Priority)]
    assert got == [
        ("priority/3", "Rural Crime", None),
        ("priority/4", "Youth Violence", None),
        ("priority/4/1", "knife crime", "priority/4"),
        ("priority/4/2", "county lines", "priority/4"),
        ("priority/4/3", "gang exploitation", "priority/4"),
    ]


def test_a_report_numbered_4_0_keeps_its_paragraphs_and_next_sections_out() -> None:
    """"4.1", "4.2" are the paragraphs of "4.0 PRIORITIES", and "5.0 NEXT STEPS" is the
    next section, not a group of priorities: only the listed priorities are read."""
    path = DATA / "priority-lists/report-numbered-sections-with-point-zero.txt"
    assert list(recognise(read_path(path))) == []
    assert [p.name for p in of(load_document(path).facts, Priority)] == [
        "Town centre safety", "Youth violence and exploitation"]


def test_priority_n_titles() -> None:
    doc = _doc("## Priority 1: Safer Streets\n\nText.\n\n## Priority 2 – Fewer Victims\n")
    got = [(p.key, p.name, p.number) for p in of(list(recognise(doc)), Priority)]
    assert got == [("priority/1", "Safer Streets", "1"), ("priority/2", "Fewer Victims", "2")]


def test_contents_with_page_numbers() -> None:
    doc = _data("priority-lists/contents-with-page-numbers.md")
    contents = [f.source.span.start for f in recognise(doc) if isinstance(f, Furniture)]
    assert contents == [1, 3, 5, 7]
