"""The minutes fixtures, built into one graph once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from cspgraph.graph.build.dataset import BuildResult, build

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def minutes_build() -> BuildResult:
    """The graph of every fixture: two sets of minutes, a CSP plan, a Police and Crime
    Plan and a report whose prose only looks like minutes."""
    result = build([FIXTURES])
    assert not result.failed, [r.error for r in result.failed]
    return result
