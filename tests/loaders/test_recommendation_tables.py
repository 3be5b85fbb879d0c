"""The "theme -> numbered recommendations" table recogniser, on the real samples."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cspgraph.loaders import load_document, sample_paths
from cspgraph.loaders.facts import CrossReference, Furniture, Item, ItemKind
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.recommendation_tables import recognise, slug
from tests.helpers.documents import data_doc

PAN = next(p for p in sample_paths() if p.name.startswith("pan-cheshire"))
OTHERS = [p for p in sample_paths() if p != PAN]

EXPECTED = {
    "Anti-social behaviour (ASB)": 7,
    "Re-offending": 3,
    "Domestic Abuse (DA)": 8,
    "Mental Health": 4,
    "Modern Day Slavery": 2,
    "Children & Young People": 4,
    "Hate Crime": 2,
    "Malicious communications – horizon scan": 1,
    "Counter Terrorism": 1,
    "Reducing the Impact of Alcohol Related Harm": 9,
    "Reducing the impact of drug related harm": 2,
    "Road Safety": 3,
    "Community Safety Public Consultation (Local Authority / CSP Level)": 2,
    "Pan Cheshire working": 6,
}


@pytest.fixture(scope="module")
def pan():
    return load_document(PAN)


def _items(result) -> list[Item]:
    return [f for f in result.facts if isinstance(f, Item)]


def test_counts_per_theme(pan) -> None:
    items = _items(pan)
    assert not pan.problems
    assert all(i.kind is ItemKind.RECOMMENDATION for i in items)
    assert len(items) == 54
    assert Counter(i.theme for i in items) == EXPECTED
    assert len({i.key for i in items}) == 54
    for theme, count in EXPECTED.items():
        numbers = [i.number for i in items if i.theme == theme]
        assert numbers == [str(n) for n in range(1, count + 1)]


def test_items_text_and_quotes(pan) -> None:
    doc = pan.document
    items = {(i.theme, i.number): i for i in _items(pan)}
    first = items[("Anti-social behaviour (ASB)", "1")]
    assert first.key == "recommendation/asb/1"
    assert first.text == "Continue the work of the pan Cheshire strategic ASB group."
    assert first.source.span.start == 6
    ae = items[("Reducing the Impact of Alcohol Related Harm", "2")]
    assert ae.text.startswith("Accident & Emergency (A&E) data recording")
    for item in items.values():
        assert item.source.quote == item.text
        assert item.source.quote in doc.plain_line(item.source.span.start)
        assert not item.text[:2].rstrip(".").isdigit()


def test_intro_paragraphs_are_not_recommendations(pan) -> None:
    texts = [i.text for i in _items(pan)]
    assert not any("it is recommended that" in t for t in texts)
    assert not any(t.startswith("Current objective of") for t in texts)
    assert not any(t.startswith("There is gap in the picture") for t in texts)
    malicious = [i for i in _items(pan) if i.theme.startswith("Malicious")]
    assert [i.text[:30] for i in malicious] == ["Consideration be given to a se"]


def test_cross_references(pan) -> None:
    doc = pan.document
    refs = [f for f in pan.facts if isinstance(f, CrossReference)]
    assert {(r.from_key, r.to_key) for r in refs} == {
        ("recommendation/mental-health/3", "recommendation/asb/7"),
        ("recommendation/mental-health/4", "recommendation/asb/7"),
        (
            "recommendation/reducing-the-impact-of-alcohol-related-harm/3",
            "recommendation/reducing-the-impact-of-alcohol-related-harm/2",
        ),
    }
    keys = {i.key for i in _items(pan)}
    for ref in refs:
        assert ref.from_key in keys and ref.to_key in keys
        assert ref.source.quote in doc.plain_line(ref.source.span.start)
    assert {r.source.quote for r in refs} == {
        "links to recommendation 7 under Anti-social behaviour",
        "Relating to recommendation 2",
    }


def test_header_rows_are_furniture_and_rows_understood(pan) -> None:
    furniture = [f for f in pan.facts if isinstance(f, Furniture)]
    assert sorted(f.source.span.start for f in furniture) == [5, 10, 18, 23]
    assert {f.reason for f in furniture} == {"table header"}
    rows = {r.span.start for t in pan.document.tables() for r in t.rows if not r.header}
    cov = pan.coverage  # an intro sentence before the numbered items leaves a row partly read
    assert rows <= set(cov.understood) | set(cov.partly)
    assert len(set(cov.partly) & rows) <= 1


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name)
def test_no_recommendations_elsewhere(path: Path) -> None:
    doc = read_text(path.read_bytes(), str(path))
    assert list(recognise(doc)) == []


def test_generic_layouts() -> None:
    doc = data_doc("recommendation-tables/generic-layouts.md", "elsewhere.md")
    facts = list(recognise(doc))
    items = [f for f in facts if isinstance(f, Item)]
    assert [(i.key, i.number) for i in items] == [
        ("recommendation/hc/1", "1"),
        ("recommendation/hc/2", "2"),
        ("recommendation/hc/3", "3"),
        ("recommendation/youth/1", "1"),
        ("recommendation/youth/2", "2"),
    ]
    assert items[2].theme == "Hate Crime (HC)"
    refs = {(f.from_key, f.to_key) for f in facts if isinstance(f, CrossReference)}
    assert refs == {
        ("recommendation/hc/2", "recommendation/hc/1"),
        ("recommendation/hc/3", "recommendation/hc/2"),
        ("recommendation/youth/1", "recommendation/hc/1"),
    }


def test_actions_column_and_slug() -> None:
    doc = read_text(b"Theme\tActions\nRoads\t<ol><li>Fix it</li></ol>\n", "a.txt")
    (furniture, item) = list(recognise(doc))
    assert isinstance(furniture, Furniture)
    assert item.kind is ItemKind.ACTION and item.key == "action/roads/1"
    assert slug("Children & Young People") == "children-and-young-people"
    assert slug("Domestic Abuse (DA)") == "da"


def test_priority_lead_actions_tables_are_left_to_the_priority_family() -> None:
    doc = read_text(b"Priority\tLead\tActions\nRoads\tCouncil\t<ol><li>Fix it</li></ol>\n", "p.txt")
    assert list(recognise(doc)) == []
    plan = read_text(b"Theme\tActions\tTimescale\tLead\nRoads\tFix it\tMay 2020\tPolice\n", "a")
    assert list(recognise(plan)) == []
