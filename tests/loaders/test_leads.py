"""Lead cells split into the leads they name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspgraph.loaders.parse.leads import split_leads


@pytest.mark.parametrize(
    ("cell", "leads"),
    [
        ("WCC PH/CSP's", ["WCC PH", "CSPs"]),
        ("CSPs / WCC PH", ["CSPs", "WCC PH"]),
        ("NDC Digital inclusion / NR Police", ["NDC Digital inclusion", "NR Police"]),
        ("PCC/ OPCC", ["PCC", "OPCC"]),
        ("YOS & Probation", ["YOS", "Probation"]),
        ("Children's Services/LSCB", ["Children's Services", "LSCB"]),
        ("Police, Housing; Probation", ["Police", "Housing", "Probation"]),
        ("Police,\nand Probation.", ["Police", "Probation"]),
        ("ASB Team\nHousing Options\nASB Team", ["ASB Team", "Housing Options"]),
        ("(DSG)", ["DSG"]),
    ],
)
def test_splits(cell: str, leads: list[str]) -> None:
    assert split_leads(cell) == leads


@pytest.mark.parametrize(
    "name",
    [
        "Northmoor and Eastdale Borough Council",
        "Fire and Rescue Service",
        "Fire Authority/Service",
        "Health & Wellbeing Board",
        "A&E",
        "Council (YOS, Probation)",
        "Council (CS/ASB team)",
        "Reducing Offending Strategy Group",
        "Children's Services",
    ],
)
def test_names_stay_whole(name: str) -> None:
    assert split_leads(name) == [name]


@pytest.mark.parametrize("cell", ["TBC", "tba", "N/A", "n/a", "-", "?", "", "   ", "/", "; ,"])
def test_placeholders_and_empty_cells_name_nobody(cell: str) -> None:
    assert split_leads(cell) == []


@given(st.text(max_size=80))
def test_never_raises_and_leads_are_clean(cell: str) -> None:
    leads = split_leads(cell)
    assert len(leads) == len(set(leads))
    for lead in leads:
        assert lead == lead.strip() and lead
        assert "\n" not in lead
