"""The similarity commands, in-process with the real model and the samples."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from cspgraph.api.cli import app
from cspgraph.graph.curation import read_entries


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    cache = tmp_path_factory.mktemp("emb")
    return CliRunner(env={"COLUMNS": "200", "CSPGRAPH_CACHE_DIR": str(cache)})


def test_similar_free_text_lists_sources(runner):
    result = runner.invoke(app, ["similar", "A&E data via the Cardiff Model", "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "Cardiff" in result.output and ".txt:" in result.output


def test_duplicates_as_json_carry_both_sources(runner):
    result = runner.invoke(app, ["duplicates", "--format", "json"])
    assert result.exit_code == 0, result.output
    pairs = json.loads(result.stdout)
    assert pairs and all(p["a_sources"] and p["b_sources"] for p in pairs)
    assert all(p["a"]["doc_id"] != p["b"]["doc_id"] for p in pairs)


def test_duplicates_cluster(runner):
    result = runner.invoke(app, ["duplicates", "--cluster", "--min-score", "0.7"])
    assert result.exit_code == 0 and "clusters of near-duplicates" in result.output


def test_review_writes_decisions_to_the_curation_file(runner, tmp_path):
    fixes = tmp_path / "decisions.yaml"
    result = runner.invoke(app, ["review", "--curation", str(fixes), "--kind", "duplicate",
                                 "--author", "A. Analyst"],
                           input="y\nsame ask\nn\n\ns\nq\n")
    assert result.exit_code == 0, result.output
    entries = read_entries(fixes)
    assert [e.args["status"] for e in entries] == ["accepted", "rejected"]
    assert entries[0].args["reason"] == "same ask" and entries[0].author == "A. Analyst"


def test_similar_with_an_unknown_id_exits_2(runner):
    result = runner.invoke(app, ["similar", "https://w3id.org/cspgraph/id/doc/none/x"])
    assert result.exit_code == 2
