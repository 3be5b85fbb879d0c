"""Attendance lists, chairs and membership tables of minutes, asked through the query layer."""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspgraph.errors import NotFoundError
from cspgraph.graph import queries as Q
from cspgraph.graph.build.dataset import build
from cspgraph.loaders import load_document
from cspgraph.loaders.facts import Membership, Post
from cspgraph.loaders.parse.people import split_people
from cspgraph.loaders.readers.text import read_text
from cspgraph.loaders.recognisers.reading import recognise
from tests.helpers.documents import data_doc

FIXTURES = Path(__file__).parent / "fixtures"
BOARD = "Brackenford Safer Partnership Board"
GROUP = "Northbrook Community Safety Group"


def _members(ds, body: str) -> dict[str, dict[str, str]]:
    return {a.label: a.detail for a in Q.members(ds, body)}


def _read(text: str, name: str = "minutes.txt") -> list:
    return [f for f in recognise(read_text(text.encode(), name))
            if isinstance(f, Membership | Post)]


def test_registered():
    from cspgraph.loaders import recognisers

    names = {r.name for r in recognisers()}
    assert {"reading", "police_crime_plans"} <= names


def test_the_meeting_body_comes_from_the_minutes_title(minutes_build):
    found = Q.find(minutes_build.dataset, BOARD)
    assert [e.type for e in found] == ["OrganizationalUnit"]  # a board


def test_chair_and_vice_chair_beside_names_in_a_present_list(minutes_build):
    ds = minutes_build.dataset
    chair = Q.who_chairs(ds, BOARD)
    assert [a.label for a in chair] == ["Cllr Ann Smith"]
    assert chair[0].detail == {"role": "chair", "organisation": "Brackenford Borough Council"}
    assert chair[0].sources[0].quote == "Cllr Ann Smith (Chair), Brackenford Borough Council"
    vice = Q.post_holders(ds, BOARD, "vice chair")
    assert [a.label for a in vice] == ["Dr Jane Roe"]
    assert vice[0].detail["title"] == "Director of Public Health"


def test_present_apologies_and_in_attendance_are_members_with_attendance_noted(minutes_build):
    members = _members(minutes_build.dataset, BOARD)
    assert members == {
        "Cllr Ann Smith": {"role": "Chair", "attendance": "present (12 March 2024)"},
        "Dr Jane Roe": {"role": "Vice Chair", "attendance": "present (12 March 2024)"},
        "Supt Colin Brown": {"attendance": "present (12 March 2024)"},
        "Ms Priya Patel": {"attendance": "present (12 March 2024)"},
        "Mr David Green": {"attendance": "apologies (12 March 2024)"},
        "Insp Lucy Hart": {"attendance": "apologies (12 March 2024)"},
        "Mr Tom Price": {"attendance": "in attendance (12 March 2024)"},
    }


def test_a_member_is_one_person_with_their_employer(minutes_build):
    ds = minutes_build.dataset
    held = Q.posts_held(ds, "Ann Smith")
    assert [(a.label, a.detail["role"]) for a in held] == [(BOARD, "chair")]
    staff = {a.label for a in Q.members(ds, "Eastmere Police")}
    assert {"Supt Colin Brown", "Insp Lucy Hart"} <= staff


def test_lists_on_following_lines_with_middle_dot_bullets(minutes_build):
    members = _members(minutes_build.dataset, GROUP)
    for name in ("Insp Karen Shah", "Mr Oliver Quinn", "Ms Grace Obi"):
        assert "present (4 June 2024)" in members[name]["attendance"]


def test_run_together_apologies_are_split_on_title_words(minutes_build):
    members = _members(minutes_build.dataset, GROUP)
    for name in ("Cllr P Dunn", "Cllr R Fisher", "Sgt L Moss"):
        assert members[name]["attendance"] == "apologies (4 June 2024)"


def test_membership_table_gives_chairs_members_and_job_titles(minutes_build):
    ds = minutes_build.dataset
    assert [a.label for a in Q.who_chairs(ds, GROUP)] == ["Insp Karen Shah"]
    assert [a.label for a in Q.post_holders(ds, GROUP, "vice chair")] == ["Mr Oliver Quinn"]
    members = _members(ds, GROUP)
    assert members["Cllr P Dunn"]["attendance"] == "apologies (4 June 2024)"  # and in the table
    assert "Vacant" not in members
    assert len(members) == 6
    staff = {a.label: a.detail for a in Q.members(ds, "Northbrook Housing Trust")}
    assert staff["Ms Grace Obi"]["role"] == "Tenancy Enforcement Manager"


def test_present_in_prose_is_not_an_attendance_list(minutes_build):
    ds = minutes_build.dataset
    # "Members present welcomed the news." and "Those present at the community event ..."
    assert len(_members(ds, BOARD)) == 7
    with suppress(NotFoundError):  # the report names the forum, but lists no one as present
        assert Q.members(ds, "Harbourside Neighbourhood Forum") == []


def test_prose_lines_of_a_report_give_no_attendance():
    report = FIXTURES / "harbourside-forum-annual-report-2024.txt"
    facts = load_document(report).facts
    assert not [f for f in facts if isinstance(f, Membership | Post)]


def test_attendance_without_a_meeting_title_is_not_read():
    assert _read("Annual report\n\nPresent: Cllr A Smith, Cllr B Jones\n") == []


def test_apologies_received_from_in_prose():
    facts = _read("Minutes of the Anytown Safety Board held on 2 May 2024\n\n"
                  "Apologies for absence were received from Cllr A Smith, Dr B Jones and"
                  " Supt C Brown.\n")
    members = [(f.member, f.attendance) for f in facts if isinstance(f, Membership)]
    assert members == [("Cllr A Smith", "apologies"), ("Dr B Jones", "apologies"),
                       ("Supt C Brown", "apologies")]


def test_an_entry_that_is_not_a_person_leaves_the_line_unread():
    facts = _read("Minutes of the Anytown Safety Board held on 2 May 2024\n\n"
                  "Present: Cllr A Smith, the annual report of the board\n")
    assert not [f for f in facts if isinstance(f, Membership)]


def test_agencies_attending_without_named_people():
    facts = _read("Notes of a meeting of the Anytown Safety Group, 2 May 2024\n\n"
                  "In attendance: Anytown Police; Anytown Housing Trust\n")
    found = [(f.member, f.person, f.attendance) for f in facts if isinstance(f, Membership)]
    assert found == [("Anytown Police", False, "in attendance"),
                     ("Anytown Housing Trust", False, "in attendance")]


_TITLES = st.sampled_from(["Cllr", "Councillor", "Mr", "Mrs", "Ms", "Dr", "Supt", "D/Supt",
                           "Ch Insp", "Insp", "Sgt", "DCI", "Prof", "Det Supt"])
_INITIAL = st.sampled_from([c for c in "ABCDEFGHJKLMNPRSTW"])
_SURNAME = st.from_regex(r"[A-Z][a-z]{2,9}(-[A-Z][a-z]{2,8})?", fullmatch=True)
_PERSON = st.builds(
    lambda t, i, f, s: " ".join([t, *i, f, s] if f else [t, *i, s]),
    _TITLES, st.lists(_INITIAL, max_size=2),
    st.one_of(st.just(""), st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True)), _SURNAME)


@given(st.lists(_PERSON, min_size=1, max_size=8))
def test_run_together_names_split_back_into_the_people(people: list[str]):
    assert [p.printed for p in split_people(" ".join(people))] == people


@given(st.from_regex(r"[a-z][a-z ]{0,30}", fullmatch=True))
def test_lower_case_text_is_never_a_person(text: str):
    assert not [p for p in split_people(text) if not p.agency]


@pytest.mark.parametrize("listed", [
    "Present: Councillors Smith, Jones and Brown of the council, and others",
    "Present: None",
    "Present: All members",
])
def test_lists_read_as_no_one_rather_than_the_wrong_people(listed: str):
    facts = _read(f"Minutes of the Anytown Safety Board held on 2 May 2024\n\n{listed}\n")
    assert not [f for f in facts if f.member in ("None", "All members", "Councillors Smith")]


def test_fixture_quotes_are_on_their_lines(minutes_build):
    assert all(not r.problems for r in minutes_build.reports), [r.problems for r in
                                                                 minutes_build.reports]


def test_minutes_build_in_isolation(tmp_path: Path):
    """One set of minutes alone builds and answers who chairs it."""
    src = FIXTURES / "brackenford-safer-partnership-board-minutes-2024-03.txt"
    (tmp_path / src.name).write_bytes(src.read_bytes())
    ds = build([tmp_path]).dataset
    assert [a.label for a in Q.who_chairs(ds, BOARD)] == ["Cllr Ann Smith"]


def _people(facts: list) -> list[tuple[str, str | None]]:
    return [(f.member, f.attendance) for f in facts if isinstance(f, Membership)]


def _chairs(facts: list) -> list[tuple[str, str, str | None]]:
    return [(f.body, f.role.value, f.person) for f in facts if isinstance(f, Post)]


# Minutes under tests/loaders/data/reading/attendance: the people (name, how the minutes
# note them) and the chairs (body, role, holder) each gives.
ATTENDANCE = {
    "members-label-in-the-chair-and-commissioner-as-title": (
        [("Cllr Ann Vale", "present"), ("Cllr Bo Dunn", "present"),
         ("Cy Marr", "in attendance"), ("Cllr Di Lund", "substitute")],
        [("Westby Police and Crime Panel", "chair", "Cllr Ann Vale"),
         ("Westby Police and Crime Panel", "vice chair", "Cllr Bo Dunn")]),
    "attendance-labels-set-off-by-a-tab-as-moderngov-pages-print-them": (
        [("Cllr Ann Vale", "present"), ("Bo Dunn", "present"), ("Cy Marr", "apologies")],
        [("Westby Safety Board", "chair", "Cllr Ann Vale")]),
}


@pytest.mark.parametrize(("case", "people", "chairs"),
                         [(k, *v) for k, v in ATTENDANCE.items()], ids=ATTENDANCE.keys())
def test_attendance_and_chairs_of_minutes(case: str, people: list, chairs: list) -> None:
    facts = [f for f in recognise(data_doc(f"reading/attendance/{case}.txt", "minutes.txt"))
             if isinstance(f, Membership | Post)]
    assert (_people(facts), _chairs(facts)) == (people, chairs)


# Documents under tests/loaders/data/reading/chairs: the name each is read as, and the
# chairs (body, role, holder) it states.
CHAIRS = {
    "chair-label-lines-and-chairs-in-brackets-and-prose": ("minutes.txt", [
        ("Westby Safety Partnership", "chair", "Councillor Ann Vale"),
        ("Westby Safety Partnership", "vice chair", "Supt Bo Dunn"),
        ("Westby Hate Crime Forum", "chair", "Cy Marr"),
        ("Westby Night Board", "chair", "Jo Lund"),
        ("Westby Night Board", "vice chair", "Ed Firth")]),
    "a-post-and-its-holder-the-board-last-named-and-the-vice-chair-after-it": (
        "agreement.txt", [("Westby Safety Board", "chair", "Ann Vale"),
                          ("Westby Safety Board", "vice chair", "Bo Dunn")]),
    "a-signature-on-one-line": (
        "plan.txt", [("Westby Community Safety Partnership", "chair", "Ann Vale")]),
    "it-was-agreed-names-no-body-for-a-chair": (
        "minutes.txt", [("Westby Safety Group", "vice chair", "Ann Vale")]),
}


@pytest.mark.parametrize(("case", "as_name", "expected"),
                         [(k, *v) for k, v in CHAIRS.items()], ids=CHAIRS.keys())
def test_chairs_stated_in_prose_labels_and_signatures(case: str, as_name: str,
                                                      expected: list) -> None:
    doc = data_doc(f"reading/chairs/{case}.txt", as_name)
    assert _chairs([f for f in recognise(doc) if isinstance(f, Membership | Post)]) == expected


def test_agency_lists_of_a_membership_section():
    facts = _read("Westby Safety Partnership\n\nTerms of Reference\n\n"
                  "Section 2: Membership of the Partnership\n"
                  "The Partnership is made up of the responsible authorities:\n"
                  "- Westby Council\n- Westby Police\n- The Probation Service (Westby)\n\n"
                  "Representatives of the following organisations sit on the Westby Safety "
                  "Partnership: Westby Fire and Rescue Service, Westby Housing Trust, and the "
                  "Westby Police and Crime Commissioner.\n")
    agencies = [f.member for f in facts if isinstance(f, Membership) and not f.person]
    assert agencies == ["Westby Council", "Westby Police", "Probation Service",
                        "Westby Fire and Rescue Service", "Westby Housing Trust",
                        "Westby Police and Crime Commissioner"]
