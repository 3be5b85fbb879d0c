"""Run-on priority sentences and priority lead lines, asked through the query layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspgraph.graph import queries as Q
from cspgraph.graph.build.dataset import build
from cspgraph.loaders import load_document
from cspgraph.loaders.facts import Lead, Priority, QualityNote
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.reading import recognise
from cspgraph.loaders.recognisers.reading.priorities import labelled, split_list

BOARD_DOC = "brackenford-safer-partnership-board-minutes-2024-03"
CSP_DOC = "westholme-community-safety-plan-2024-25"


def _leads(item) -> dict[str, str]:
    return {a.label: a.detail["kind"] for a in item.leads}


LEAD_LINES = ("lead line",)
STATED = ("priority sentence",)


def _facts(parts: tuple[str, ...], text: str, name: str = "paper.md") -> list:
    """The facts the named parts of the generic reading give for ``text``."""
    return [f for f in recognise(read_text(text.encode(), name)) if f.made_by in parts]


def test_a_run_on_sentence_gives_one_priority_per_name(minutes_build):
    found = Q.priorities(minutes_build.dataset, BOARD_DOC)
    assert [p.entity.label for p in found] == ["serious violence", "domestic abuse",
                                                "anti-social behaviour"]
    assert found[0].sources[0].line_start == 17


def test_lead_lines_under_a_priorities_line_name_lead_people_and_agencies(minutes_build):
    ds = minutes_build.dataset
    by_name = {p.entity.label: p for p in Q.priorities(ds, BOARD_DOC)}
    assert _leads(by_name["serious violence"]) == {"D/Supt Mark Ellis": "person", "EP": "agency"}
    assert _leads(by_name["anti-social behaviour"]) == {
        "Ms Helen Ward": "person", "Brackenford Borough Council": "agency"}
    led = Q.led_by(ds, "Brackenford Borough Council", BOARD_DOC)
    assert [i.entity.label for i in led] == ["anti-social behaviour"]


def test_a_numbered_lead_list_gives_priorities_with_numbers(minutes_build):
    found = Q.priorities(minutes_build.dataset, CSP_DOC)
    assert [(p.number, p.entity.label) for p in found] == [
        ("1", "Domestic Abuse"), ("2", "Reducing Reoffending"), ("3", "Anti-social Behaviour"),
        ("4", "Serious Violence")]
    assert _leads(found[0]) == {"D/Supt Anna Kerr": "person", "EP": "agency"}
    assert _leads(found[3]) == {"Eastmere Police": "agency"}


def test_alternative_leads_are_kept_as_stated_with_a_note(minutes_build):
    ds = minutes_build.dataset
    led = {i.entity.label for i in Q.led_by(ds, "Youth Offending Service")}
    assert led == {"domestic abuse", "Reducing Reoffending"}
    assert {i.entity.label for i in Q.led_by(ds, "Probation")} == led
    notes = [n.label for n in Q.quality_notes(ds, CSP_DOC)]
    assert notes == ["the lead for 'Reducing Reoffending' is stated as alternatives "
                     "('Probation or Youth Offending Service'); each is recorded, none chosen"]


def test_prose_with_or_and_lists_without_priorities_make_no_leads(minutes_build):
    ds = minutes_build.dataset
    # "Residents can report ... online or by phone – Westholme District Council or Eastmere
    # Police will respond" is prose: the council leads only what the lead list gives it.
    assert [i.entity.label for i in Q.led_by(ds, "Westholme District Council")] == [
        "Anti-social Behaviour"]
    # "- Parking – Council or Police" under "What residents told us": not about priorities.
    assert Q.items(ds, "harbourside-forum-annual-report-2024") == []
    report = Path(__file__).parent / "fixtures" / "harbourside-forum-annual-report-2024.txt"
    assert not [f for f in load_document(report).facts if isinstance(f, Lead | Priority)]


def test_lead_lines_take_the_key_of_a_priority_list_over_them(tmp_path: Path):
    """Under "## Our priorities" the list recogniser finds the priorities; the lead lines add
    leads to them instead of restating them (the names are that recogniser's to read)."""
    (tmp_path / "plan.md").write_text(
        "# Anytown Community Safety Plan 2024-25\n\n## Our priorities\n\n"
        "1. Violence Reduction – Insp Jo Bell (AP)\n2. Hate Crime – Anytown Council\n")
    ds = build([tmp_path]).dataset
    found = Q.priorities(ds, "plan")
    assert len(found) == 2
    assert _leads(found[0]) == {"Insp Jo Bell": "person", "AP": "agency"}
    assert _leads(found[1]) == {"Anytown Council": "agency"}


def test_one_lead_line_alone_is_not_enough():
    facts = _facts(LEAD_LINES, "Our priority\n\n- Violence Reduction – Anytown Police\n")
    assert facts == []


def test_a_list_of_people_and_their_employers_is_not_a_lead_list():
    facts = _facts(LEAD_LINES, "Priorities were discussed by:\n\n- Cllr A Smith – Anytown"
                               " Council\n- Supt B Jones – Anytown Police\n")
    assert facts == []


def test_lead_that_is_not_plainly_a_person_or_agency_is_not_a_lead_line():
    facts = _facts(LEAD_LINES, "Our priorities\n\n- Parking – residents or visitors\n"
                               "- Litter – weekly or monthly collections\n")
    assert facts == []


@pytest.mark.parametrize("sentence", [
    "Our priorities are set out in section 3.",
    "Our priorities are clear and will be reviewed every year.",
    "The PCC's priorities are violence and burglary.",
    "National priorities are violence and burglary.",
    "We will tackle the agreed priorities of reoffending, domestic abuse and violence.",
    "These priorities are consistent with the Police and Crime Plan and its aims.",
    "The priorities were drawn from the Strategic Assessment and the survey.",
])
def test_sentences_that_do_not_list_our_priorities(sentence: str):
    assert _facts(STATED, f"Anytown plan\n\n{sentence}\n") == []


def test_priorities_listed_after_a_colon_split_at_semicolons():
    facts = _facts(STATED, "Our priorities for 2024-25: violence against women and"
                                       " girls; reoffending; and hate crime.\n")
    assert [f.name for f in facts if isinstance(f, Priority)] == [
        "violence against women and girls", "reoffending", "hate crime"]


def test_an_unclear_and_is_not_split():
    assert split_list("violence, drugs and alcohol and exploitation") == []
    assert split_list("violence, drugs, and exploitation") == ["violence", "drugs",
                                                               "exploitation"]


def test_a_sentence_restating_listed_priorities_adds_none(tmp_path: Path):
    path = tmp_path / "plan.md"
    path.write_text("# Anytown Plan\n\n## Our priorities\n\n- Violence\n- Burglary\n\n"
                    "In short, our priorities are violence and burglary.\n")
    facts = load_document(path).facts
    assert sorted(f.name for f in facts if isinstance(f, Priority)) == ["Burglary", "Violence"]
    assert not [f for f in facts if isinstance(f, Lead | QualityNote)]


@pytest.mark.parametrize(("text", "number", "name"), [
    ("Priority One: Protecting Vulnerable People", "One", "Protecting Vulnerable People"),
    ("Ambition Three - Homes for everyone", "Three", "Homes for everyone"),
    ("OBJECTIVE 2 – CUTTING CRIME", "2", "CUTTING CRIME"),
    ("Priority Two: Fewer Scams Lead: Anytown Council", "Two", "Fewer Scams"),
])
def test_priority_labels_with_number_words_capitals_and_a_lead_after(text, number, name):
    assert [(found.number, found.name) for found in labelled(text)] == [(number, name)]


def test_lead_labels_name_the_lead_of_the_priority_above(tmp_path: Path):
    """ "Lead agency:" under a priority's heading, and "Lead:" run on after its bold label;
    the list after "We will:" holds its actions, not more priorities."""
    (tmp_path / "plan.md").write_text(
        "# Anytown Community Safety Plan 2025-2028\n\n## Our priorities\n\n"
        "### Priority 1 - Safer Streets\n\nLead agency: Anytown Homes\n\nWe will:\n\n"
        "- map knife crime hotspots\n- fund youth diversion\n\n"
        "### Priority 2 - Fewer Scams\n\n**Priority Three: Safer Roads**\n"
        "Lead: DCI Jo Bell, Anytown Police\n")
    ds = build([tmp_path]).dataset
    found = {p.entity.label: p for p in Q.priorities(ds, "plan")}
    assert sorted(found) == ["Fewer Scams", "Safer Roads", "Safer Streets"]
    assert _leads(found["Safer Streets"]) == {"Anytown Homes": "agency"}
    assert _leads(found["Safer Roads"]) == {"DCI Jo Bell": "person"}
    assert _leads(found["Fewer Scams"]) == {}
    actions = [i.entity.label for i in Q.items(ds, "plan", kinds=("Action",))]
    assert actions == ["map knife crime hotspots", "fund youth diversion"]


def test_outcomes_under_an_objective_and_statements_after_a_list_are_not_priorities():
    facts = [f for f in recognise(read_text(
        b"ANYTOWN POLICE AND CRIME PLAN 2025-2029\n\nI have set two objectives:\n\n"
        b"Objective 1: Preventing crime\nObjective 2: Supporting victims\n"
        b"Each objective is described below.\n\n"
        b"OBJECTIVE 1 - PREVENTING CRIME\n\nOutcomes:\n\n"
        b"\xe2\x80\xa2 fewer first-time entrants\n\xe2\x80\xa2 repeat burglary reduced\n",
        "plan.txt")) if isinstance(f, Priority)]
    assert [f.name for f in facts] == ["Preventing crime", "Supporting victims"]


def test_a_run_on_list_of_longer_names_with_a_serial_comma():
    facts = _facts(STATED, "Our priorities are reducing violence in public places, tackling"
                           " exploitation and county lines, and improving feelings of safety in"
                           " the town centre.\n")
    assert [f.name for f in facts] == ["reducing violence in public places",
                                       "tackling exploitation and county lines",
                                       "improving feelings of safety in the town centre"]


def test_a_priority_label_is_one_priority_not_a_run_on_list():
    facts = [f for f in recognise(read_text(b"Anytown Plan\n\nPRIORITY 2: Protecting women and"
                                            b" girls\n\nPriority 3: Tackling rural and wildlife"
                                            b" crime\n", "plan.txt")) if isinstance(f, Priority)]
    assert [(f.number, f.name) for f in facts] == [
        ("2", "Protecting women and girls"), ("3", "Tackling rural and wildlife crime")]


def test_a_place_before_an_agency_word_is_a_lead_agency_not_a_person():
    facts = _facts(LEAD_LINES, "Our priorities\n\n1. Serious Violence – led by Upper Vale Police\n"
                               "2. Hate Crime – led by Upper Vale Borough Council\n"
                               "3. Fraud – Insp Jo Bell (UVP)\n")
    assert [(f.lead, f.person) for f in facts if isinstance(f, Lead)] == [
        ("Upper Vale Police", False), ("Upper Vale Borough Council", False),
        ("Insp Jo Bell", True), ("UVP", False)]
