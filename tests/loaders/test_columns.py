"""The column reader: a header cell's words give its column a role from tables.yaml."""

from __future__ import annotations

import pytest

from cspgraph.loaders.parse.columns import column_roles, header_role, split_actions


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Name", "person"),
        ("Organisation", "organisation"),
        ("Agency / Partner", "organisation"),
        ("Job title", "role"),
        ("Strategic Priority Area", "priority"),
        ("CSP Priority", "priority"),
        ("Theme", "priority"),
        ("Key actions required", "action"),
        ("What we will do", "action"),
        ("Action to be taken", "action"),
        ("Key Recommendations", "recommendation"),
        ("Identified data gaps", "gap"),
        ("Gaps in knowledge", "gap"),
        ("Lead Agency/Partners", "lead"),
        ("Lead(s)", "lead"),
        ("Action owner", "lead"),
        ("By whom", "lead"),
        ("Timescale for completion", "timescale"),
        ("Target date", "timescale"),
        ("Ref No.", "ref"),
        ("No.", "ref"),
        ("#", "ref"),
        ("Police and Crime Plan objective", "objective"),
        ("RAG status", "status"),
        ("Priority (from the strategic assessment)", "priority"),
    ],
)
def test_header_words_give_the_column_role(header: str, role: str) -> None:
    assert header_role(header) == role


@pytest.mark.parametrize("header", ["", "Budget allocated to the project this year",
                                    "Budget", "Funding source", "Officer"])
def test_headers_without_a_role_word_give_none(header: str) -> None:
    assert header_role(header) is None


def test_a_header_row_gives_one_role_per_cell() -> None:
    assert column_roles(["Ref", "Action", "Lead", "By when", "Budget"]) == [
        "ref", "action", "lead", "timescale", None]


@pytest.mark.parametrize(("cell", "actions"), [
    ("Disrupt county lines; protect exploited children",
     ["Disrupt county lines", "protect exploited children"]),
    ("Promote reporting centres; and train taxi drivers",
     ["Promote reporting centres", "train taxi drivers"]),
    ("Expand naloxone supply; e.g. pharmacies", ["Expand naloxone supply; e.g. pharmacies"]),
    ("Review the protocol", ["Review the protocol"]),
    ("Ongoing", []),
])
def test_an_action_cell_lists_its_actions_between_semicolons(cell: str, actions: list[str]):
    assert split_actions(cell) == actions
