"""The glossary and acronym recogniser: one alias table per document."""

from __future__ import annotations

from functools import partial

import pytest

from cspgraph.loaders.facts import Alias, Fact, Furniture, QualityNote
from cspgraph.loaders.recognisers.glossary import alias_table, is_acronym, recognise, spells
from tests.helpers.documents import (
    AGREEMENT,
    assert_fast,
    assert_quotes,
    data_doc,
    read_path,
    sample,
    sample_fixture,
)
from tests.helpers.documents import PLAN_2009 as PLAN
from tests.helpers.gold import AGREEMENT_GOLD
from tests.helpers.gold import PLAN_2009_GOLD as PLAN_GOLD

PAPER = sample("strategic-assessment-recommendations")
TABLES = sample("plan-2023")
EXTRACT = sample("needs-assessment")


_data = partial(data_doc, as_name="glossary.md")


def _aliases(facts: list[Fact]) -> dict[str, Alias]:
    return {f.short: f for f in facts if isinstance(f, Alias)}


plan = sample_fixture(PLAN, recognise)
agreement = sample_fixture(AGREEMENT, recognise)


# -- the 2009-2012 plan: a glossary of abbreviations ---------------------------------


def test_glossary_examples_and_unknowns_match_gold(plan) -> None:
    doc, facts = plan
    table = alias_table(facts)
    for short, expansion in PLAN_GOLD["glossary_examples"].items():
        assert table[short] == expansion
    unknown = sorted(k for k, v in table.items() if v is None)
    assert unknown == sorted(PLAN_GOLD["glossary_unknown_expansions"])
    assert_quotes(doc, facts)


def test_every_glossary_line_is_read_once(plan) -> None:
    doc, facts = plan
    aliases = _aliases(facts)
    glossary = [a for a in aliases.values() if a.source.span.start >= 519]
    assert len(glossary) == 35
    assert len(aliases) == len([f for f in facts if isinstance(f, Alias)])  # one per short
    covered = {a.source.span.start for a in glossary}
    entry_lines = {n for n in doc.nonblank_lines() if n > 519}
    assert covered == entry_lines
    heading = [f for f in facts if isinstance(f, Furniture)]
    assert [(f.source.span.start, f.reason) for f in heading] == [(519, "glossary heading")]


def test_entries_sharing_a_line_are_split(plan) -> None:
    _, facts = plan
    aliases = _aliases(facts)
    assert aliases["LAA"].expansion == "Local area Agreement"
    assert aliases["LAP"].expansion == "Local Area Partnership"
    assert aliases["SIM"].expansion == "SDVC, IDVA and MARAC"
    assert aliases["SID"].expansion == "Speed Indicator Device"
    assert aliases["NPU"].expansion == "Neighbourhood Policing Unit"
    assert aliases["YOS"].expansion == "Youth Offending Service"
    assert aliases["POG"].expansion == "PPO Operational Group"  # PPO is not a new entry
    assert aliases["SID"].source.quote == "SID Speed Indicator Device"
    assert aliases["SID"].source.span.start == 572


def test_glossary_wins_over_inline_variants(plan) -> None:
    _, facts = plan
    aliases = _aliases(facts)
    # "Multi-Agency Risk Assessment Conferencing (MARAC)" on line 445 is a variant
    assert aliases["MARAC"].source.span.start == 554
    assert aliases["DAAT"].source.span.start == 532
    assert not [f for f in facts if isinstance(f, QualityNote)]
    # a short form only defined inline is still read
    assert aliases["IDVAs"].expansion == "Independent Domestic Violence Advocates"


def test_glossary_of_indicators_is_not_an_alias_table(plan) -> None:
    _, facts = plan
    assert not [f for f in facts if 160 <= f.source.span.start <= 181]


# -- the 2017-2018 agreement: definitions in running text -----------------------------


def test_aliases_in_text_match_gold(agreement) -> None:
    doc, facts = agreement
    table = alias_table(facts)
    expected = {
        k: v for k, v in AGREEMENT_GOLD["aliases_in_text"].items() if "likely" not in v
    }
    assert {k: table.get(k) for k in expected} == expected
    assert_quotes(doc, facts)


def test_inline_definitions_name_their_lines(agreement) -> None:
    _, facts = agreement
    aliases = _aliases(facts)
    assert aliases["PH"].expansion == "Public Health"
    assert aliases["PH"].source.quote == "Public Health team (PH)"
    assert aliases["WCC"].source.quote.endswith("County Council's (WCC)")
    assert aliases["MARAC"].expansion == "Multi Agency Risk Assessment Conference"
    assert aliases["MARAC"].source.span.start == 47
    assert aliases["WCC PH"].source.quote == "WCC PH"
    assert aliases["WCC PH"].source.span.start == 90
    # the health board is defined without its county; the fuller printed name is used
    assert aliases["HWBB"].source.quote == "Health and Wellbeing Board (HWBB)"
    assert aliases["HWBB"].expansion == AGREEMENT_GOLD["aliases_in_text"]["HWBB"]


def test_conflicting_definitions_are_flagged_not_merged(agreement) -> None:
    _, facts = agreement
    notes = [f for f in facts if isinstance(f, QualityNote)]
    assert len(notes) == 1
    assert notes[0].source.span.start == 57
    assert "NPS" in notes[0].message and "Novel Psychiatric Substances" in notes[0].message
    assert _aliases(facts)["NPS"].expansion == "National Probation Service"


def test_no_invented_aliases(agreement) -> None:
    _, facts = agreement
    aliases = _aliases(facts)
    for short in ("CSPs", "CSP's", "WCC Digital", "WCC Children", "PCCs", "CTLP"):
        assert short not in aliases


# -- the other samples ----------------------------------------------------------------


def test_other_samples_get_only_their_inline_definitions() -> None:
    paper = list(recognise(read_path(PAPER)))
    assert paper == []
    extract = alias_table(recognise(read_path(EXTRACT)))
    assert extract["ASB"] == "Anti-social behaviour"
    assert extract["DA"] == "Domestic Abuse"
    tables = alias_table(recognise(read_path(TABLES)))
    assert tables["VAWG"] == "Violence Against Women & Girls"
    assert tables["SOC"] == "Serious Organised Crime"
    assert tables["LPUs"] == "Local Policing Units"


def test_fast_on_every_sample() -> None:
    assert_fast(recognise, 0.25)


# -- spelling ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("short", "words"),
    [
        ("MARAC", "Multi Agency Risk Assessment Conference"),
        ("DAAT", "Drug and Alcohol Action Team"),
        ("HWBB", "Health and Wellbeing Board"),
        ("ASB", "Anti-Social Behaviour"),
        ("CAADA", "Co-ordinated Action Against Domestic Abuse"),
        ("A&E", "Accident & Emergency"),
        ("IDVAs", "Independent Domestic Violence Advocates"),
        ("WCC", "Westshire County Council's"),
        ("SDVC", "Specialist Domestic Violence courts"),
    ],
)
def test_spells(short: str, words: str) -> None:
    assert spells(short, words.split())


@pytest.mark.parametrize(
    ("short", "words"),
    [
        ("SIM", "Specialist Courts, IDVAs and MARAC"),
        ("PSG", "the Prevent Strategy Group"),
        ("NI", "National"),
        ("ASB", "Anti-Social Behaviour Team"),
        ("PH", "Health Public"),
    ],
)
def test_does_not_spell(short: str, words: str) -> None:
    assert not spells(short, words.split())


def test_is_acronym() -> None:
    assert all(is_acronym(t) for t in ("ASB", "A&E", "IDVAs", "CSP's", "NI", "CCG2"))
    assert not any(is_acronym(t) for t in ("Asb", "A", "The", "ASB-led", "3.2.1", "MARACSTEERING"))


# -- synthetic documents in other wording -------------------------------------------


def test_glossary_table_with_column_titles() -> None:
    doc = _data("glossary/glossary-table-with-column-titles.md")
    facts = list(recognise(doc))
    assert alias_table(facts) == {
        "NSPB": "Northvale Safer Places Board",
        "RJ": "Restorative Justice",
        "XYZ": None,
    }
    header = [f for f in facts if isinstance(f, Furniture)]
    assert [f.source.span.start for f in header] == [3]
    assert_quotes(doc, facts)


def test_glossary_section_with_separators_ends_at_prose() -> None:
    doc = _data("glossary/glossary-section-with-separators-ends-at-prose.md")
    table = alias_table(recognise(doc))
    assert table == {"RJ": "Restorative Justice", "YJS": "Youth Justice Service", "TBD": None}


def test_inline_definitions_in_new_wording() -> None:
    doc = _data("glossary/inline-definitions-in-new-wording.md")
    facts = list(recognise(doc))
    table = alias_table(facts)
    assert table["DDC"] == "Dalesford District Council"
    assert table["HO"] == "Housing Options"
    assert table["DCHB"] == "Dalesford Community Harm Board"  # a proper qualifier is kept
    assert table["YJS"] == "Youth Justice Service"
    assert table["RJ"] == "Restorative Justice"
    assert table["DDC HO"] == "Dalesford District Council Housing Options"
    assert table["DS Police"] == "Dales Sergeant Police"
    assert "YJS Run" not in table
    assert_quotes(doc, facts)


def test_sentence_initial_words_are_not_qualifiers() -> None:
    doc = _data("glossary/sentence-initial-words-are-not-qualifiers.md")
    table = alias_table(recognise(doc))
    assert table["SRP"] == "Safer Roads Partnership"
    assert table["RSP"] == "Road Safety Partnership"
    assert table["DRSP"] == "Dalesford Road Safety Partnership"


def test_fuller_form_only_when_unique() -> None:
    doc = _data("glossary/fuller-form-only-when-unique.md")
    table = alias_table(recognise(doc))
    assert table["SB"] == "Safety Board"  # two different qualifiers: ambiguous
    assert table["HB"] == "Dalesford Health Board"


def test_composite_acronym_from_a_spelled_prefix() -> None:
    doc = _data("glossary/composite-acronym-from-a-spelled-prefix.md")
    table = alias_table(recognise(doc))
    assert table["FC"] == "Dales Fire Commissioner"
    assert table["OFC"] == "Office of the Fire Commissioner"  # the words that spell FC


def test_no_aliases_from_bracketed_asides() -> None:
    doc = _data("glossary/no-aliases-from-bracketed-asides.md")
    assert alias_table(recognise(doc)) == {"PCSO": "Police Community Support Officers"}
