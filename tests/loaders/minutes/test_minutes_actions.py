"""Actions recorded in minutes: owners as leads, deadlines as timescales."""

from __future__ import annotations

from datetime import date

import pytest

from cspgraph.graph import queries as Q
from cspgraph.loaders import load_document
from cspgraph.loaders.facts import Item, Lead, QualityNote
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.reading import recognise

BOARD_DOC = "brackenford-safer-partnership-board-minutes-2024-03"
GROUP_DOC = "northbrook-community-safety-group-notes-2024-06"
HEADER = ("Minutes of the Anytown Safety Board held on 2 May 2024\n\nPresent: Cllr Ann Smith"
          " (Chair); Supt Colin Brown, Anytown Police; Mr Carl Bright, Anytown Council\n\n")


def _actions(ds, doc: str) -> list[tuple[str, str | None, date | None, list[str]]]:
    return [(i.entity.label, i.timescale, i.due_end, [a.label for a in i.leads])
            for i in Q.items(ds, doc, kinds=("Action",))]


def _read(text: str) -> list:
    """The facts the action lines of ``text`` give (the generic reading's "action line")."""
    return [f for f in recognise(read_text(text.encode(), "minutes.txt"))
            if f.made_by == "action line"]


def test_actions_of_board_minutes(minutes_build):
    assert _actions(minutes_build.dataset, BOARD_DOC) == [
        ("CB to circulate the revised information sharing agreement to all partners by 30 April"
         " 2024", "by 30 April 2024", date(2024, 4, 30), ["Supt Colin Brown"]),
        ("Draft a delivery plan for each priority", "June 2024", date(2024, 6, 30),
         ["Eastmere Police"]),
        ("Chair to write to the Commissioner by the next meeting", "by the next meeting", None,
         ["Cllr Ann Smith"]),
    ]


def test_actions_keep_their_minute_numbers(minutes_build):
    found = Q.items(minutes_build.dataset, BOARD_DOC, kinds=("Action",))
    assert [i.number for i in found] == ["2.2", "3.3", "5.2"]


def test_actions_of_group_notes_with_owner_and_deadline_in_brackets(minutes_build):
    assert _actions(minutes_build.dataset, GROUP_DOC) == [
        ("GO to report the number of tenancy warnings issued to the next meeting",
         "September 2024", date(2024, 9, 30), ["Ms Grace Obi"]),
        ("Eastmere Police to share the monthly anti-social behaviour figures with partners by"
         " 31 July 2024", "by 31 July 2024", date(2024, 7, 31), ["Eastmere Police"]),
        ("all members to promote the summer diversionary activities", None, None, []),
    ]


def test_what_an_agency_leads_includes_minuted_actions(minutes_build):
    led = Q.led_by(minutes_build.dataset, "Eastmere Police", kinds=("Action",))
    assert len(led) == 2


def test_a_person_by_title_and_surname_takes_the_listed_full_name():
    facts = _read(HEADER + "ACTION: Mr Bright to book the venue by 1 June 2024.\n")
    assert [(f.lead, f.person, f.organisation) for f in facts if isinstance(f, Lead)] == [
        ("Mr Carl Bright", True, "Anytown Council")]


def test_initials_that_fit_two_people_give_a_note_and_no_lead():
    facts = _read(HEADER + "ACTION: CB to book the venue by 1 June 2024.\n")
    assert not [f for f in facts if isinstance(f, Lead)]
    assert [f.message for f in facts if isinstance(f, QualityNote)] == [
        "action owner 'CB' fits more than one person in the attendance lists; no lead recorded"]


def test_an_acronym_the_document_defines_is_an_agency():
    facts = _read(HEADER + "The Anytown Youth Offending Service (AYOS) reported.\n"
                           "ACTION: AYOS to share the report by July 2024.\n")
    assert [(f.lead, f.person) for f in facts if isinstance(f, Lead)] == [("AYOS", False)]


@pytest.mark.parametrize("text", [
    "The action taken by the council was welcomed.",
    "3. Actions",
    "Action plans were discussed and noted.",
])
def test_prose_about_actions_is_not_an_action(text: str):
    assert _read(HEADER + text + "\n") == []


def test_several_actions_in_one_paragraph():
    facts = _read(HEADER + "The report was noted. ACTION: Anytown Police to circulate it."
                           " ACTION: Cllr Ann Smith to thank the authors by May 2024.\n")
    items = [f for f in facts if isinstance(f, Item)]
    assert [i.text for i in items] == ["Anytown Police to circulate it",
                                       "Cllr Ann Smith to thank the authors by May 2024"]
    assert [f.lead for f in facts if isinstance(f, Lead)] == ["Anytown Police", "Cllr Ann Smith"]


def _items(text: str, name: str = "plan.md") -> list[tuple[str, str, float]]:
    """(kind, text, confidence) of every action and recommendation the reading gives."""
    return [(f.kind.value, f.text, f.confidence) for f in recognise(read_text(
        text.encode(), name)) if isinstance(f, Item)]


def test_an_actions_section_and_a_we_will_list_say_what_to_do():
    facts = [f for f in recognise(read_text(
        b"# Anytown Plan 2025-28\n\n## Priority 1 - Safer Roads\n\nWe will:\n\n"
        b"- run speed checks near schools\n\n## What we will do in year one\n\n"
        b"1. Install speed signs on six routes (Highways Team).\n\n## My commitments\n\n"
        b"- I will publish quarterly data on my website.\n", "plan.md"))
        if isinstance(f, Item | Lead)]
    assert [(f.text, f.confidence) for f in facts if isinstance(f, Item)] == [
        ("run speed checks near schools", 0.75), ("Install speed signs on six routes", 0.7),
        ("publish quarterly data on my website", 0.7)]
    assert [f.lead for f in facts if isinstance(f, Lead)] == ["Highways Team"]


def test_commitments_with_a_date_before_them_or_a_named_subject():
    found = _items("Actions for 2025/26\n\n- By October 2025, the ABC will launch a campaign"
                   " in the evening economy.\n- Anytown Town Council will fund two wardens from"
                   " April 2025.\n", "plan.txt")
    assert found == [("action", "launch a campaign in the evening economy", 0.7),
                     ("action", "fund two wardens from April 2025", 0.7)]


def test_recommendations_after_a_recommends_that_line_with_their_references():
    found = [(f.number, f.text) for f in recognise(read_text(
        b"RECOMMENDATIONS\n\nThe analyst recommends that the Partnership:\n\n"
        b"R1. retains hate crime as a priority;\n"
        b"R2. commissions a profile of drug harm by May 2025.\n", "paper.txt"))
        if isinstance(f, Item)]
    assert found == [("R1", "retains hate crime as a priority"),
                     ("R2", "commissions a profile of drug harm by May 2025")]


def test_lettered_recommendations_under_a_recommendations_heading(tmp_path):
    paper = tmp_path / "assessment.txt"
    paper.write_text("Anytown Community Safety Partnership\nStrategic Assessment 2024\n\n"
                     "Section 6: Recommendations\n\nThis section sets out the recommendations"
                     " of the assessment to the Partnership.\n\nTheme A – Violence\n"
                     "R1. The Partnership should retain serious violence as a priority.\n"
                     "R2. The Partnership should commission a profile of the night economy.\n")
    found = [(f.kind.value, f.number, f.text) for f in load_document(paper).facts
             if isinstance(f, Item)]
    assert found == [
        ("recommendation", "R1", "The Partnership should retain serious violence as a priority"),
        ("recommendation", "R2",
         "The Partnership should commission a profile of the night economy")]


def test_a_section_title_in_an_actions_list_is_no_action():
    assert _items("Actions\n\n3.0 Next steps\n\n4.0 Recommendations to the Board\n", "p.txt") == []


def test_a_resolution_wrapped_onto_the_next_line_is_read_whole():
    found = _items("RESOLVED:\n\n(1) That the Head of Community Safety bring a progress report to"
                   " Cabinet in\nFebruary 2026.\n", "minutes.txt")
    assert found == [("action", "the Head of Community Safety bring a progress report to Cabinet"
                                " in February 2026", 0.75)]
