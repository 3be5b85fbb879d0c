"""The "theme / action / timescale / lead" action plan recogniser."""

from __future__ import annotations

from datetime import date

import pytest

from cspgraph.loaders import load_document, sample_paths
from cspgraph.loaders.facts import Furniture, Item, ItemKind, Lead
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.action_plans import recognise
from tests.helpers.documents import of

AGREEMENT = next(p for p in sample_paths() if "community-safety-agreement" in p.name)
OTHERS = [p for p in sample_paths() if p != AGREEMENT]


def _facts(document):
    return list(recognise(document))


def _leads(facts) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for lead in of(facts, Lead):
        out.setdefault(lead.target, []).append(lead.lead)
    return out


def _check_quotes(document, facts) -> None:
    for fact in facts:
        plain = " ".join(document.plain_line(n) for n in fact.source.span.lines())
        assert fact.source.quote and fact.source.quote in plain, fact


@pytest.fixture(scope="module")
def agreement():
    result = load_document(AGREEMENT)
    return result, _facts(result.document)


def test_thirteen_actions_with_continued_themes(agreement) -> None:
    result, facts = agreement
    assert not result.problems
    items = of(facts, Item)
    assert len(items) == 13
    assert [i.key for i in items] == [f"action-plan/{n}" for n in range(1, 14)]
    assert all(i.kind is ItemKind.ACTION for i in items)
    themes = [i.theme for i in items]
    assert themes[:3] == ["Domestic Abuse and Sexual Violence"] * 3  # blank cells continue
    assert themes[6] == "Harm Reduction – Hate Crime"
    assert themes[8] == "Child Sexual Exploitation"  # the table split by a blank line
    assert themes[9:] == ["Other priorities"] * 4
    assert items[0].text == "Completion of revised Domestic Abuse Strategy and Action Plan"
    assert items[7].text.endswith("12 events by June 2017")
    assert [i.source.span.start for i in items] == [*range(90, 98), *range(99, 104)]


def test_timescales_kept_as_printed_and_parsed(agreement) -> None:
    items = of(agreement[1], Item)
    by_text = {i.timescale: (i.due_start, i.due_end) for i in items}
    assert by_text["July 2017"] == (date(2017, 7, 1), date(2017, 7, 31))
    assert by_text["June 2017 (New CTLP)"] == (date(2017, 6, 1), date(2017, 6, 30))
    assert by_text["To March 2018"] == (None, date(2018, 3, 31))
    assert by_text["TBC"] == (None, None)
    assert by_text["May 2017"] == (date(2017, 5, 1), date(2017, 5, 31))
    assert items[-1].timescale == "March 2018"


def test_leads_split_per_row(agreement) -> None:
    facts = agreement[1]
    leads = _leads(facts)
    assert leads["action-plan/1"] == ["WCC PH"]
    assert leads["action-plan/5"] == ["Reducing Offending Strategy Group"]
    assert leads["action-plan/6"] == ["WCC PH", "PSG"]
    assert leads["action-plan/7"] == ["WCC PH", "CSPs"]
    assert leads["action-plan/8"] == ["WCC Digital inclusion", "WM Police"]
    assert leads["action-plan/12"] == ["CSPs", "WCC PH"]
    assert sum(len(v) for v in leads.values()) == 19
    assert set(leads) == {f"action-plan/{n}" for n in range(1, 14)}
    row12 = next(lead for lead in of(facts, Lead) if lead.target == "action-plan/12")
    assert row12.source.quote == "CSPs / WCC PH"


def test_header_is_furniture_and_quotes_hold(agreement) -> None:
    result, facts = agreement
    furniture = of(facts, Furniture)
    assert [f.source.span.start for f in furniture] == [89]
    _check_quotes(result.document, facts)
    table_lines = set(range(89, 104)) & set(result.document.nonblank_lines())
    cov = result.coverage  # every row gave facts; a row's unquoted cells leave it partly read
    assert not table_lines & (set(cov.not_understood) - set(cov.partly))


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.name)
def test_nothing_in_documents_without_an_action_plan(path) -> None:
    document = read_text(path.read_bytes(), str(path))
    assert _facts(document) == []


SYNTHETIC = "\n".join(
    [
        "# Eastdale Safer Places Delivery Plan",
        "",
        "Strategic Priority\tRef\tWhat we will do\tLead Agency\tBy when",
        "Keeping young people safe\t1.1\tLaunch a schools programme on knife crime"
        "\tYJS & Police\tQ2 2024/25",
        "\t1.2\tMap county lines activity with partners\t<p>Police</p><p>NBC Housing</p>\tOngoing",
        "Safer night-time economy\t\t\t\t",
        "\t2.1\tRefresh the licensing enforcement protocol\tLicensing Authority/Service"
        "\tby end of March 2025",
        "",
        "\t2.2\tTrain door staff in vulnerability awareness\tTBC\t31/10/2024",
        "",
        "Ongoing monitoring will be reported to the Board.",
    ]
)


def test_synthetic_plan_in_other_wording() -> None:
    document = read_text(SYNTHETIC.encode(), "eastdale-plan.txt")
    facts = _facts(document)
    _check_quotes(document, facts)
    items = of(facts, Item)
    assert [i.number for i in items] == ["1.1", "1.2", "2.1", "2.2"]
    assert [i.theme for i in items] == ["Keeping young people safe"] * 2 + [
        "Safer night-time economy"
    ] * 2
    assert items[0].due_start == date(2024, 7, 1) and items[0].due_end == date(2024, 9, 30)
    assert (items[1].due_start, items[1].due_end) == (None, None)
    assert items[2].due_start is None and items[2].due_end == date(2025, 3, 31)
    assert items[3].due_start == items[3].due_end == date(2024, 10, 31)
    # the theme-only row is read with the first action under it
    assert (items[2].source.span.start, items[2].source.span.end) == (6, 7)
    assert _leads(facts) == {
        "action-plan/1": ["YJS", "Police"],
        "action-plan/2": ["Police", "NBC Housing"],
        "action-plan/3": ["Licensing Authority/Service"],
    }
    assert [f.source.span.start for f in of(facts, Furniture)] == [3]


def test_columns_in_another_order_and_no_theme_column() -> None:
    text = (
        "Action\tOutcome\tResponsible Officer\tDeadline\n"
        "Publish the tenancy enforcement guide\tFewer repeat complaints"
        "\tHousing Manager\tSept 2023\n"
    )
    facts = _facts(read_text(text.encode(), "x.txt"))
    (item,) = of(facts, Item)
    assert item.theme is None and item.text == "Publish the tenancy enforcement guide"
    assert item.timescale == "Sept 2023" and item.due_end == date(2023, 9, 30)
    assert _leads(facts) == {"action-plan/1": ["Housing Manager"]}


def test_bold_heading_rows_set_the_theme_when_there_is_no_theme_column() -> None:
    text = (
        "No.\tAction\tLead\tTarget date\n"
        "<b>Tackling fraud</b>\t\t\t\n"
        "1\tRun scam awareness sessions for older residents\tTrading Standards\tJune 2022\n"
        "2\tFit call blockers for repeat victims\t\t\n"
    )
    facts = _facts(read_text(text.encode(), "x.txt"))
    items = of(facts, Item)
    assert [(i.number, i.theme) for i in items] == [
        ("1", "Tackling fraud"),
        ("2", "Tackling fraud"),
    ]
    assert items[0].source.span.start == 2 and items[0].source.span.end == 3
    assert items[1].timescale is None and items[1].due_end is None
    assert _leads(facts) == {"action-plan/1": ["Trading Standards"]}


@pytest.mark.parametrize(
    "text",
    [
        # priority / lead / actions with no timescale column: another layout
        "Priority\tLead Agency\tKey Actions\nReoffending\tProbation\tDo things\n",
        # a timescale and a lead but no action column
        "Theme\tTimescale\tLead\nRoad safety\tMay 2020\tPolice\n",
        # the header words in prose, not a table
        "Theme Action Timescale Lead\nRoad safety Fit cameras May 2020 Police\n",
    ],
)
def test_other_layouts_yield_nothing(text: str) -> None:
    assert _facts(read_text(text.encode(), "x.txt")) == []


def test_a_theme_column_after_the_action_column_is_not_a_theme() -> None:
    text = "Action\tTimescale\tLead\tTheme\nFit cameras\tMay 2020\tPolice\tRoads\n"
    (item,) = of(_facts(read_text(text.encode(), "x.txt")), Item)
    assert item.text == "Fit cameras" and item.theme is None


def test_a_following_table_with_its_own_header_starts_afresh() -> None:
    text = (
        "Theme\tAction\tTimescale\tLead\n"
        "Burglary\tTarget hardening scheme\t2024\tPolice\n"
        "\n"
        "Ref\tData gap\tOwner\n"
        "\tNo data on repeat victims\tAnalyst\n"
    )
    facts = _facts(read_text(text.encode(), "x.txt"))
    assert [i.text for i in of(facts, Item)] == ["Target hardening scheme"]
