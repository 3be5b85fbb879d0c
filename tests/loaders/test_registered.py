"""Every built-in layout recogniser is registered under its module's name."""

from __future__ import annotations

import pytest

from cspgraph.loaders import recognisers


@pytest.mark.parametrize("name", [
    "action_plans",
    "gap_tables",
    "glossary",
    "governance_prose",
    "group_summaries",
    "priority_lists",
    "priority_tables",
    "recommendation_tables",
])
def test_registered(name: str) -> None:
    assert name in {r.name for r in recognisers()}
