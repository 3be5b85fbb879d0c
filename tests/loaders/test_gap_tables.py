"""The "ref / gap / lead / action" table recogniser and its covering paper."""

from __future__ import annotations

import json
from collections import defaultdict
from functools import partial
from pathlib import Path

import pytest

from cspgraph.loaders import load_document, sample_paths
from cspgraph.loaders.facts import Alias, CrossReference, Furniture, Item, ItemKind, Lead
from cspgraph.loaders.parse.leads import split_leads
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.gap_tables import recognise
from tests.helpers.documents import data_doc, of

GAPS = next(p for p in sample_paths() if "strategic-assessment-recommendations" in p.name)
OTHERS = [p for p in sample_paths() if p != GAPS]
SEEDS = Path(__file__).parents[1] / "gold" / "seeds.json"
GOLD = json.loads(SEEDS.read_text(encoding="utf-8"))["documents"]["003_3871c6b220084447.txt"]


@pytest.fixture(scope="module")
def result():
    return load_document(GAPS)


@pytest.fixture(scope="module")
def facts(result):
    return list(recognise(result.document))


def _leads(facts, lines: range | None = None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for f in of(facts, Lead):
        if lines is None or f.source.span.start in lines:
            out[f.target].append(f.lead)
    return dict(out)


def _refs(facts) -> list[tuple[str, str]]:
    return [(f.from_key, f.to_key) for f in of(facts, CrossReference)]


def _doc(text: str, name: str = "paper.txt"):
    return read_text(text.encode("utf-8"), name)


_data = partial(data_doc, as_name="paper.txt")


def test_data_gaps_and_leads_match_gold(result, facts) -> None:
    assert not result.problems
    gaps = [i for i in of(facts, Item) if i.kind is ItemKind.DATA_GAP]
    assert [g.number for g in gaps] == [g["ref"] for g in GOLD["data_gaps"]]
    assert len(gaps) == GOLD["data_gaps_total"] == 10
    assert all(g.key == f"gap/{g.number}" for g in gaps)
    table_leads = _leads(facts, range(17, 28))
    assert table_leads == {f"gap/{g['ref']}": g["lead"] for g in GOLD["data_gaps"]}
    police = sorted(k for k, v in table_leads.items() if "Police" in v)
    assert police == ["gap/3.2.1", "gap/3.2.3", "gap/4.2.3"]


def test_gap_text_response_and_spans(result, facts) -> None:
    doc = result.document
    gaps = {i.number: i for i in of(facts, Item) if i.kind is ItemKind.DATA_GAP}
    court = gaps["4.2.2"]
    assert court.text.startswith("Outcome data from the Courts")
    assert court.response == "Work throughout the year to try and secure a source of data"
    assert court.source.span.start == court.source.span.end == 24
    assert gaps["3.2.1"].source.span.start == 18
    assert gaps["5.2.2"].source.span.start == 27
    for gap in gaps.values():
        assert gap.response and gap.response not in gap.text
        assert gap.source.quote == gap.text
    for fact in facts:
        assert fact.source.quote in doc.plain(fact.source.span), fact


def test_header_and_intro_are_furniture(facts) -> None:
    furniture = {f.source.span.start: f.reason for f in of(facts, Furniture)}
    assert furniture[17] == "table header"
    assert furniture[15] == "table introduction"
    assert furniture[29] == "list introduction"
    assert furniture[5].startswith("covering paper")
    assert furniture[9].startswith("covering paper")
    items = {i.source.span.start for i in of(facts, Item)}
    assert not items & set(furniture)


def test_other_recommendations(facts) -> None:
    recs = [i for i in of(facts, Item) if i.kind is ItemKind.RECOMMENDATION]
    assert len(recs) == GOLD["other_recommendations_total"] == 5
    assert [r.key for r in recs] == [f"recommendation/{n}" for n in range(1, 6)]
    assert [r.source.span.start for r in recs] == [31, 32, 33, 34, 35]
    assert recs[3].text.startswith("Extensive consultation via the Audit process")
    assert all(r.number is None and r.response is None for r in recs)
    assert not _leads(facts).keys() & {r.key for r in recs}


def test_covering_paper_citations_resolve_to_refs(facts) -> None:
    refs = defaultdict(list)
    for f in of(facts, CrossReference):
        refs[f.from_key].append(f.to_key)
    assert refs == {
        "paragraph/2": ["gap/3.2.1", "gap/3.2.3", "gap/3.2.4", "gap/3.2.5"],
        "paragraph/3": ["gap/3.2.2"],
        "paragraph/4": ["gap/4.2.1", "gap/4.2.2", "gap/5.2.1", "gap/5.2.2"],
    }
    quotes = {f.to_key: f.source.quote for f in of(facts, CrossReference)}
    assert quotes["gap/3.2.1"] == "3.21"
    assert quotes["gap/3.2.2"] == "3.2.2"


def test_covering_paper_leads_restate_the_table_leads(facts) -> None:
    assert _leads(facts, range(6, 7)) == {
        "gap/3.2.1": ["Police"],
        "gap/3.2.3": ["Police"],
        "gap/3.2.4": ["A&E"],
        "gap/3.2.5": ["SBC"],
    }
    lead = next(f for f in of(facts, Lead) if f.target == "gap/3.2.4" and f.source.span.start == 6)
    assert lead.source.quote == "3.24 is for the Acute Trust"
    assert of(facts, Alias) == []  # "the Council" is not an expansion of the acronym


def test_coverage_of_the_layout(result) -> None:
    mine = set(range(5, 10)) | {15, 29} | set(range(17, 28)) | set(range(31, 36))
    cov = result.coverage  # facts came from every line; a line quoted in part is partly read
    assert not mine & (set(cov.not_understood) - set(cov.partly))


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name)
def test_nothing_in_other_layouts(path) -> None:
    assert list(recognise(load_document(path).document)) == []


@pytest.mark.parametrize(
    ("cell", "leads"),
    [
        ("XBC Police Probation", ["XBC", "Police", "Probation"]),
        ("Acute Trust", ["Acute Trust"]),
        ("Youth Offending Service", ["Youth Offending Service"]),
        ("Police and Crime Commissioner", ["Police and Crime Commissioner"]),
        ("Fire and Rescue", ["Fire and Rescue"]),
        ("Public Health", ["Public Health"]),
        ("NBC and Police", ["NBC", "Police"]),
        ("Police/Probation", ["Police", "Probation"]),
        ("Council, Police", ["Council", "Police"]),
        ("CCG; NHS Trust", ["CCG", "NHS Trust"]),
        ("A&E", ["A&E"]),
        ("ASB team", ["ASB team"]),
        ("TBC", []),
        ("", []),
    ],
)
def test_split_leads(cell: str, leads: list[str]) -> None:
    assert split_leads(cell) == leads


SYNTHETIC = """\
## Report to the Safer Northby Board

1. The Board is asked to note the gaps below.
2. Items 2.11 and 2.12 are for the Borough Council; 2.13 is with the Fire Service.
3. An update on 7.4.2 and 3.99 will follow; this is for the Analyst.

Intelligence gaps identified in this year's assessment:

No.\tIntelligence gap\tOwner\tResponse\tTimescale
2.1.1\tHousing data on tenancy breaches is not shared.\tNBC\tAgree a sharing protocol.\tJune 2024
2.1.2\tNo data on hospital admissions for assault.\tNBC, Fire Service\tAsk the trust.\tTBC
2.1.3\tFire call-outs are not mapped by street.\tFire Service\tMap them.\tQ3
7.4.2\tYouth cautions are not broken down by age.\tProbation and YOS\tRequest the breakdown.\t2025

The analyst also made the following recommendations:

- Review the board's priorities annually.
- Commission a problem profile on night-time economy.
  - Include licensing data.

## Next section
"""


def test_synthetic_gap_table_in_other_wording() -> None:
    doc = _doc(SYNTHETIC)
    facts = list(recognise(doc))
    for fact in facts:
        assert fact.source.quote in doc.plain(fact.source.span), fact
    gaps = [i for i in of(facts, Item) if i.kind is ItemKind.DATA_GAP]
    assert [g.key for g in gaps] == ["gap/2.1.1", "gap/2.1.2", "gap/2.1.3", "gap/7.4.2"]
    assert gaps[0].timescale == "June 2024" and gaps[0].response == "Agree a sharing protocol."
    table = _leads(facts, range(10, 14))
    assert table == {
        "gap/2.1.1": ["NBC"],
        "gap/2.1.2": ["NBC", "Fire Service"],
        "gap/2.1.3": ["Fire Service"],
        "gap/7.4.2": ["Probation", "YOS"],
    }
    paper = _leads(facts, range(4, 5))
    # 2.1.1's only lead is NBC, so "the Borough Council" restates it; 2.1.2 has two leads
    assert paper == {
        "gap/2.1.1": ["NBC"],
        "gap/2.1.2": ["Borough Council"],
        "gap/2.1.3": ["Fire Service"],
    }
    assert of(facts, Alias) == []
    assert _refs(facts) == [
        ("paragraph/2", "gap/2.1.1"),
        ("paragraph/2", "gap/2.1.2"),
        ("paragraph/2", "gap/2.1.3"),
        ("paragraph/3", "gap/7.4.2"),
    ]
    assert "gap/7.4.2" not in paper  # "this is for the Analyst" is not next to the ref
    recs = [i for i in of(facts, Item) if i.kind is ItemKind.RECOMMENDATION]
    assert [r.text for r in recs] == [
        "Review the board's priorities annually.",
        "Commission a problem profile on night-time economy.",
    ]
    assert recs[1].source.span.end == recs[1].source.span.start + 1
    furniture = {f.source.span.start: f.reason for f in of(facts, Furniture)}
    assert furniture[7] == "table introduction"
    assert furniture[3].startswith("covering paper")


def test_ref_recommendation_table_and_negatives() -> None:
    doc = _data("gap-tables/ref-recommendation-table-and-negatives.txt")
    facts = list(recognise(doc))
    items = of(facts, Item)
    assert [(i.key, i.kind) for i in items] == [
        ("recommendation/R1", ItemKind.RECOMMENDATION),
        ("recommendation/R2", ItemKind.RECOMMENDATION),
    ]
    assert _leads(facts) == {
        "recommendation/R1": ["City Council"],
        "recommendation/R2": ["Police", "Health"],
    }


def test_nothing_without_a_gap_table() -> None:
    assert list(recognise(_data("gap-tables/nothing-without-a-gap-table.txt"))) == []


def test_ambiguous_and_false_citations_are_not_resolved() -> None:
    doc = _data("gap-tables/ambiguous-and-false-citations-are-not-resolved.txt")
    facts = list(recognise(doc))
    assert _refs(facts) == [
        ("paragraph/1", "gap/1.1.11"),
        ("paragraph/2", "gap/1.1.11"),
        ("paragraph/3", "gap/2.11"),
        ("paragraph/3", "gap/2.1.2"),
    ]
    # JSU is not the Police or the Council (no letter fits); XPT could not be a Health Board
    assert of(facts, Alias) == []
    assert _leads(facts, range(1, 4)) == {
        "gap/1.1.11": ["Police"],
        "gap/2.11": ["Council"],
        "gap/2.1.2": ["Health Board"],
    }
