"""Precision by design: a fact the reading is not sure of is a candidate, listed in the build
report, the CLI and the API, and never asserted in the graph."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from cspgraph.api.cli.app import app
from cspgraph.api.http.app import create_app
from cspgraph.api.http.state import GraphState
from cspgraph.graph import queries as q
from cspgraph.graph.build.dataset import build
from cspgraph.settings import Settings

PLAN = """# Northvale Community Safety Strategy 2024-2027

The Strategy reflects the changing community safety landscape across the borough.
It supports the seven national well-being goals.
"""


@pytest.fixture()
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "northvale-strategy.md"
    path.write_text(PLAN, encoding="utf-8")
    return path


def _aims(result) -> set[str]:
    facts = q.document_facts(result.dataset, result.reports[0].doc_id)
    return {f.fields["to"] for f in facts if f.type == "alignment"}


def test_an_unsure_fact_is_a_candidate_not_a_triple(plan: Path) -> None:
    result = build([plan], Settings())
    (report,) = result.reports
    unsure = [c for c in report.candidates if c.type == "Serves"]
    assert [c.line for c in unsure] == [3]
    assert "changing community safety landscape" in unsure[0].says
    assert unsure[0].confidence < Settings().min_confidence
    assert unsure[0].made_by == "alignment phrase"
    assert _aims(result) == {"seven national well-being goals"}  # the sure one is asserted


def test_the_threshold_is_a_setting(plan: Path) -> None:
    result = build([plan], Settings(min_confidence=0.0))
    assert result.reports[0].candidates == []
    assert "changing community safety landscape across the borough" in _aims(result)


def test_the_build_lists_candidates(plan: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    done = runner.invoke(app, ["build", str(plan), "-o", str(tmp_path / "g.trig"), "-v"])
    assert done.exit_code == 0, done.output
    assert "candidate northvale-strategy.md:3: Serves" in done.output


def test_the_api_lists_candidates(plan: Path, tmp_path: Path) -> None:
    state = GraphState(Settings(upload_dir=str(tmp_path / "up")), documents=[plan])
    body = TestClient(create_app(state)).get("/api/quality").json()
    (doc,) = body["documents"]
    assert [(c["type"], c["line"]) for c in doc["candidates"]] == [("Serves", 3)]
